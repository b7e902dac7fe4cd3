"""CLI views of issue 7's job rules: outcome in `jobs`, `cancel` refusals, `resend --rejected`."""

from __future__ import annotations


def sends(sim) -> int:
    return len([r for r in sim.requests if r.params.get("mobile")])


def test_cli_jobs_shows_the_outcome(cli):
    cli.add_account("a", "jsm", "u1", "pw1", 100000, "--read-timeout", "1")
    cli.sim.set_fault("jsm", "hang", count=1)
    r = cli("send", "a", "--to", "13800138000", "--text", "x", "--json")
    assert r.rc == 1 and r.json["outcome"] == "unknown"
    j = cli("jobs", "--json").json[0]
    assert (j["state"], j["outcome"]) == ("done", "unknown")
    table = cli("jobs").out
    assert "outcome" in table.splitlines()[0] and "unknown" in table.splitlines()[2]


def test_cli_cancel_of_a_finished_job_exits_2_with_one_line(cli):
    cli.add_account("a", "ipyy")
    r = cli("send", "a", "--to", "13800138000", "--text", "x", "--json")
    job = r.json["job_id"]
    r = cli("cancel", str(job))
    assert r.rc == 2
    assert len(r.err.strip().splitlines()) == 1 and "cannot be cancelled" in r.err
    assert cli("jobs", "--json").json[0]["state"] == "done"


def test_cli_resend_rejected(cli):
    cli.add_account("a", "ipyy", "u1", "pw1", 0)  # no balance: every number is refused
    r = cli("send", "a", "--to", "13800138000,13800138001", "--text", "x", "--json")
    assert r.json["rejected"] == 2
    job = r.json["job_id"]
    cli.sim.add_account("ipyy", "u1", "pw1", balance=100)  # topped up
    r = cli("resend", str(job), "--rejected", "--json")
    assert r.rc == 0, r.err
    assert r.json["job_id"] != job and r.json["accepted"] == 2
    assert sends(cli.sim) == 2


def test_ctrl_c_mid_send_stops_at_once_names_the_job_and_resume(cli):
    import signal
    import threading
    import time

    cli.add_account("a", "ipyy", "u1", "pw1", 100000, "--batch-size", "1", "--concurrency", "1")
    cli.sim.set_fault("ipyy", "latency", seconds=0.4)  # a slow gateway: 20 requests take 8 s
    numbers = [f"1380013{i:04d}" for i in range(20)]
    proc = cli.popen(
        "send",
        "a",
        "--to",
        ",".join(numbers),
        "--text",
        "周六见",
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a terminal
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        for raw in proc.stderr:
            lines.append((time.monotonic(), raw.decode("utf-8", "replace")))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while sends(cli.sim) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out = proc.stdout.read()  # stderr is the reader's alone
    proc.wait(timeout=30)
    reader.join(5)
    err = "".join(text for _, text in lines)
    assert proc.returncode == 130, err
    stopping = [t for t, text in lines if "stopping…" in text]
    assert stopping and stopping[0] - t0 < 1.0, err  # said at once, not after the send
    job = int(out.decode().split("job ")[1].split()[0])
    assert f"job {job} pauses" in err and f"sms-desktop-cli resume {job}" in err
    assert "Traceback" not in err
    sent = sends(cli.sim)
    assert 2 <= sent < 20  # it stopped between batches
    assert cli("jobs", "--json").json[0]["state"] == "paused"
    cli.sim.clear_faults()
    r = cli("resume", str(job), "--json")
    assert r.rc == 0, r.err
    assert r.json["accepted"] == 20
    # every number went out exactly once
    got = [m.phone for m in cli.sim.account("ipyy", "u1").sent]
    assert sorted(got) == sorted(numbers)

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

"""The command-line companion, run as a real subprocess against the simulator."""

from __future__ import annotations

import re
import signal
import sqlite3
import time
from datetime import datetime, timedelta

import openpyxl
import pytest
from clirunner import phones_sent

from sms_desktop.core.vendortime import BEIJING


def test_account_add_list_and_the_password_stays_out_of_the_database(cli, home):
    cli.add_account("公司主账户", "ipyy", "u1", "Pa55-秘密")
    r = cli("account", "list", "--json")
    assert r.rc == 0
    data = r.json
    assert [a["name"] for a in data] == ["公司主账户"]
    assert "Pa55" not in r.out
    for f in home.iterdir():
        if f.name.startswith("sms_desktop.sqlite3"):
            assert "Pa55-秘密".encode() not in f.read_bytes()
    assert (home / "secrets.json").stat().st_mode & 0o077 == 0


def test_account_add_rejects_bad_input_with_exit_2(cli):
    r = cli(
        "account",
        "add",
        "x",
        "--family",
        "nosuch",
        "--base-url",
        "http://h/",
        "--username",
        "u",
        "--password-stdin",
        stdin="p\n",
    )
    assert r.rc == 2 and "error" in r.err
    r = cli(
        "account",
        "add",
        "x",
        "--family",
        "jsm",
        "--base-url",
        "http://h/",
        "--username",
        "u",
        "--password-stdin",
        "--read-timeout",
        "300",
        stdin="p\n",
    )
    assert r.rc == 2 and "60" in r.err


@pytest.mark.parametrize("family", ["ipyy", "qxt", "jsm", "txt112088"])
def test_balance_json(cli, family):
    cli.add_account("a", family, "u1", "pw1", 4321)
    r = cli("balance", "a", "--json")
    assert r.rc == 0, r.err
    d = r.json
    assert d["account"] == "a" and d["family"] == family
    assert d["messages"] == 4321
    assert d["raw"]


@pytest.mark.parametrize("suffix", ["sms.aspx", "sms.aspx?action=send&userid=1", "smsGBK.aspx", ""])
def test_base_url_may_already_end_in_the_endpoint(cli, suffix):
    cli.add_account("a", "ipyy", base_url=cli.sim.root_url + "/" + suffix)
    r = cli("send", "a", "--to", "13800138000", "--text", "你好", "--json")
    assert r.rc == 0, r.err
    assert r.json["accepted"] == 1


def test_send_json_and_exit_codes(cli):
    cli.add_account("a", "jsm")
    r = cli("send", "a", "--to", "13800138000,13900139000", "--text", "通知：明天放假", "--json")
    assert r.rc == 0, r.err
    d = r.json
    assert {k: d[k] for k in ("recipients", "accepted", "rejected", "unknown", "skipped")} == {
        "recipients": 2,
        "accepted": 2,
        "rejected": 0,
        "unknown": 0,
        "skipped": 0,
    }
    assert {x["phone"] for x in d["results"]} == {"13800138000", "13900139000"}
    assert all(x["state"] == "accepted" and x["gateway_id"] for x in d["results"])
    assert set(d["results"][0]) >= {"phone", "state", "gateway_id", "code", "message"}
    # an invalid number: exit 1, the rest still sent
    r = cli("send", "a", "--to", "13800138000,12345", "--text", "hi", "--json")
    assert r.rc == 1
    assert r.json["skipped"] == 1 and r.json["accepted"] == 1


def test_rejected_send_exits_1_with_the_vendor_code(cli):
    cli.add_account("a", "txt112088", "u1", "pw1", 0)
    r = cli("send", "a", "--to", "13800138000", "--text", "hi", "--json")
    assert r.rc == 1
    res = r.json["results"][0]
    assert res["state"] == "rejected" and res["code"] == "-9"
    assert "余额" in res["message"]


def test_json_stdout_is_only_json(cli):
    cli.add_account("a", "ipyy")
    r = cli("send", "a", "--to", "13800138000", "--text", "x", "--json")
    assert r.out.lstrip().startswith("{") and r.out.rstrip().endswith("}")
    assert r.json["accepted"] == 1


def test_send_from_contacts_file_with_placeholders(cli, tmp_path):
    cli.add_account("a", "ipyy")
    f = tmp_path / "客户.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "手机号码", "金额"])
    ws.append(["张三", 13800138000.0, 12])
    ws.append(["李四", "+86 139 0013 9000", 30])
    wb.save(f)
    r = cli("send", "a", "--contacts", str(f), "--text", "{姓名}您好，欠款{金额}元", "--json")
    assert r.rc == 0, r.err
    contents = sorted(x.params["content"] for x in cli.sim.requests if x.params.get("mobile"))
    assert contents == ["张三您好，欠款12元", "李四您好，欠款30元"]


def test_sync_pulls_page_after_page_and_says_when_more_may_wait(cli):
    cli.sim.set_page_sizes({"txt112088": {"reports": 2}, "jsm": {"reports": 2}})
    cli.add_account("t", "txt112088", "u1", "pw1", 1000, "--option", "page_size_reports=2")
    phones = ",".join(str(13800138000 + i) for i in range(5))
    assert cli("send", "t", "--to", phones, "--text", "x", "--json").rc == 0
    r = cli("sync", "t", "--json")
    assert r.rc == 0, r.err
    assert len(r.json["reports"]) == 5
    assert r.json["pages"] == {"reports": 3, "replies": 1} and r.json["more"] == []
    # jsm: one query of a kind every 3 minutes, so the rest waits; the CLI says when to come back
    cli.add_account("j", "jsm")
    assert cli("send", "j", "--to", phones, "--text", "x", "--json").rc == 0
    r = cli("sync", "j")
    assert r.rc == 0, r.err
    assert "新状态报告 2 条" in r.out
    assert "网关可能还有未取完的状态报告" in r.out and "180 秒后" in r.out


def test_sync_jobs_history_inbox_and_export(cli, tmp_path, store_url):
    """On each store: the CLI runs reach a PostgreSQL store through SMS_DESKTOP_STORE."""
    cli.add_account("a", "txt112088")
    r = cli("send", "a", "--to", "13800138000,13900139000", "--text", "x", "--json")
    job = r.json["job_id"]
    cli.sim.inject_reply("txt112088", "u1", "13900139000", "退订")
    r = cli("sync", "a", "--json", "--force")
    assert r.rc == 0, r.err
    d = r.json
    assert {x["phone"] for x in d["reports"]} == {"13800138000", "13900139000"}
    assert [x["content"] for x in d["replies"]] == ["退订"]
    r = cli("jobs", "--json")
    j = r.json[0]
    assert j["job_id"] == job and j["accepted"] == 2 and j["account"] == "a"
    assert set(j) >= {
        "job_id",
        "account",
        "state",
        "recipients",
        "accepted",
        "rejected",
        "unknown",
        "skipped",
        "created_at",
    }
    r = cli("history", "--job", str(job), "--json")
    assert {x["state"] for x in r.json} <= {"delivered", "undelivered"}
    r = cli("history", "--phone", "13900139000", "--json")
    assert len(r.json) == 1
    r = cli("inbox", "--json")
    assert r.json["replies"][0]["phone"] == "13900139000" and r.json["replies"][0]["opt_out"]
    # the opt-out is on the blacklist: the next send skips it
    r = cli("send", "a", "--to", "13800138000,13900139000", "--text", "y", "--json")
    skipped = [x for x in r.json["results"] if x["state"] == "skipped"]
    assert [x["phone"] for x in skipped] == ["13900139000"]
    out = tmp_path / "history.xlsx"
    r = cli("export", "history", str(out))
    assert r.rc == 0, r.err
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    phones = [row[2] for row in rows[1:]]
    assert all(isinstance(p, str) for p in phones)
    assert sorted(phones) == sorted(["13800138000", "13900139000", "13800138000", "13900139000"])
    from sms_desktop.core.store import open_store

    db = open_store(store_url, cli.home)  # the runs used this store
    try:
        assert db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 2
    finally:
        db.close()


def test_schedule_on_qxt_is_held_locally_and_says_so(cli):
    cli.add_account("q", "qxt")
    at = (datetime.now() + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S")
    r = cli("send", "q", "--to", "13800138000", "--text", "x", "--at", at, "--json")
    assert r.rc == 0, r.err
    assert r.json["state"] == "held"
    assert "必须开机" in r.err and "must be on" in r.err
    assert phones_sent(cli.sim, "qxt", "tele") == []
    r = cli("run-due", "--json")
    assert r.json["sent"] == []


def test_schedule_on_jsm_goes_to_the_gateway(cli):
    cli.add_account("j", "jsm")
    at = datetime.now() + timedelta(hours=3)
    r = cli(
        "send",
        "j",
        "--to",
        "13800138000",
        "--text",
        "x",
        "--at",
        at.strftime("%Y-%m-%d %H:%M:%S"),
        "--json",
    )
    assert r.rc == 0, r.err
    req = [x for x in cli.sim.requests if x.params.get("mobile")][-1]
    assert req.params["sendtime"] == at.astimezone(BEIJING).strftime("%Y%m%d%H%M%S")  # its clock


def test_demo_runs_end_to_end(home):
    import subprocess
    import sys

    p = subprocess.run(
        [sys.executable, "-m", "sms_desktop.cli", "demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert p.returncode in (0, 1), p.stderr
    for family in ("ipyy", "qxt", "jsm", "txt112088"):
        assert f"=== {family} ===" in p.stdout
    assert "18688886666" in p.stdout.split("黑名单")[-1]


def test_overdue_held_job_waits_for_confirmation_then_resume_sends_it(cli):
    cli.add_account("q", "qxt")
    # an hour ahead, so a slow start under load cannot make the job due before it is stored
    at = (datetime.now() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
    r = cli("send", "q", "--to", "13800138000", "--text", "x", "--at", at, "--json")
    job = r.json["job_id"]
    # the app was closed past the time (plus the grace): make it look so in the store
    db = sqlite3.connect(cli.home / "sms_desktop.sqlite3")
    past = (datetime.now() - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
    db.execute("UPDATE jobs SET send_at=? WHERE id=?", (past, job))
    db.commit()
    db.close()
    r = cli("run-due", "--json")
    assert r.json["sent"] == [] and [j["job_id"] for j in r.json["overdue"]] == [job]
    assert "overdue" in r.err
    assert phones_sent(cli.sim, "qxt", "tele") == []
    r = cli("jobs", "--json")
    assert r.json[0]["state"] == "overdue"
    r = cli("resume", str(job), "--json")
    assert r.rc == 0 and r.json["accepted"] == 1
    assert phones_sent(cli.sim, "qxt", "tele") == ["13800138000"]


def test_jsm_verycode_is_a_credential_kept_out_of_the_database(cli, home):
    cli.sim.add_account("jsm", "vuser", "pw", balance=100, verycode="VC-9f8e7d")
    r = cli(
        "account",
        "add",
        "j",
        "--family",
        "jsm",
        "--base-url",
        cli.sim.base_url("jsm"),
        "--username",
        "vuser",
        "--verycode",
        "VC-9f8e7d",
        "--password-stdin",
        stdin="pw\n",
    )
    assert r.rc == 0, r.err
    r = cli("account", "list", "--json")
    assert "VC-9f8e7d" not in r.out
    for f in home.iterdir():
        if f.name.startswith("sms_desktop.sqlite3"):
            assert b"VC-9f8e7d" not in f.read_bytes()
    r = cli("send", "j", "--to", "13800138000", "--text", "x", "--json")
    assert r.rc == 0, r.err
    assert cli.sim.requests[-1].params["veryCode"] == "VC-9f8e7d"


def _start_receiver(cli, sigint):
    """`receive` for a qxt account on a free port, listening; (process, its URL). ``sigint``:
    what the child starts with for SIGINT (SIG_IGN as a background job, `&` or nohup, has it;
    SIG_DFL as in a terminal, whatever this suite runs under)."""
    import socket
    import urllib.request

    cli.add_account("q", "qxt")
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    proc = cli.popen(
        *("receive", "q", "--port", str(port), "--token", "tok-12345678", "--seconds", "60"),
        preexec_fn=lambda: signal.signal(signal.SIGINT, sigint),
    )
    url = f"http://127.0.0.1:{port}/tok-12345678/"
    deadline = time.time() + 15
    while time.time() < deadline:  # wait until it listens
        try:
            urllib.request.urlopen(url, timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    return proc, url


def test_receive_runs_the_qxt_push_receiver(cli):
    # Started as a background job starts it (SIGINT ignored): SIGTERM, what a service manager
    # or `kill` sends, stops it cleanly whatever the shell did with SIGINT.
    proc, url = _start_receiver(cli, signal.SIG_IGN)
    try:
        cli.sim.qxt_push_auto = False
        cli.sim.set_push_url("u1", url)
        r = cli("send", "q", "--to", "13800138000", "--text", "x", "--json")
        assert r.rc == 0, r.err
        cli.sim.inject_reply("qxt", "u1", "13800138000", "退订")
        assert cli.sim.flush_pushes() >= 2
        inbox = cli("inbox", "--json").json
        assert [x["content"] for x in inbox["replies"]] == ["退订"]
        assert inbox["replies"][0]["opt_out"]
        assert [x["phone"] for x in inbox["reports"]] == ["13800138000"]
        assert cli("history", "--json").json[0]["state"] in ("delivered", "undelivered")
        # pulling a pushed account explains itself instead of pretending
        r = cli("sync", "q", "--json")
        assert "push" in r.err
    finally:
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err.decode("utf-8", "replace")
    assert time.monotonic() - t0 < 5  # at once, not at the end of --seconds
    assert b"Traceback" not in err


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_receive_stops_cleanly_on_ctrl_c_and_sigterm(cli, sig):
    import urllib.request

    proc, url = _start_receiver(cli, signal.SIG_DFL)  # Ctrl+C, as in a terminal
    proc.send_signal(getattr(signal, sig))
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err.decode("utf-8", "replace")
    assert b"Traceback" not in err
    with pytest.raises(OSError):  # the port was closed
        urllib.request.urlopen(url, timeout=1).read()


def test_receive_on_every_interface_names_this_pcs_address_for_the_vendor(cli):
    """0.0.0.0: the URL to give the vendor has this PC's network address, as the GUI's push
    settings show it; 127.0.0.1 there would make the vendor's server call itself."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # looks the route up; sends nothing
            lan = s.getsockname()[0]
    except OSError:
        pytest.skip("this machine has no network address to give")
    cli.add_account("q", "qxt")
    r = cli("receive", "q", "--host", "0.0.0.0", "--port", "0", "--token", "tok-12345678",
            "--seconds", "0.2")  # fmt: skip
    assert r.rc == 0, r.err
    assert re.search(rf"http://{re.escape(lan)}:\d+/tok-12345678/", r.err), r.err
    assert "127.0.0.1" not in r.err
    r = cli("receive", "q", "--host", "127.0.0.1", "--port", "0", "--seconds", "0.2")
    assert r.rc == 0 and re.search(r"http://127\.0\.0\.1:\d+/", r.err), r.err


def test_sync_tells_how_many_records_could_not_be_parsed(cli):
    cli.add_account("i", "ipyy")
    cli.sim.xml_unescaped_content = True  # a host that writes reply texts into XML unescaped
    cli.sim.inject_reply("ipyy", "u1", "13800138000", "a<b>c")
    cli.sim.inject_reply("ipyy", "u1", "13900139000", "价格<100吗")
    r = cli("sync", "i")
    assert r.rc == 0, r.err
    assert "1 record could not be parsed; its raw text is kept" in r.out
    assert "价格<100吗" in r.out


def test_the_estimate_and_confirmation_show_beijing_time_beside_local_time(cli, pc_zone):
    """On a PC in New York, ``--at`` is local time; the gateway gets the same moment in Beijing
    time, and the estimate and the confirmation show both."""
    cli.add_account("j", "jsm")
    cli.add_account("q", "qxt")
    at = (datetime.now() + timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    local = at.strftime("%Y-%m-%d %H:%M:%S")
    beijing = at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")
    r = cli("send", "j", "--to", "13800138000", "--text", "x", "--at", local, "--dry-run")
    assert r.rc == 0, r.err
    assert local in r.out and f"北京时间 {beijing}" in r.out and f"Beijing time {beijing}" in r.out
    r = cli("send", "j", "--to", "13800138000", "--text", "x", "--at", local, "--dry-run", "--json")
    assert r.json["send_at"] == local and r.json["send_at_beijing"] == beijing
    r = cli("send", "j", "--to", "13800138000", "--text", "x", "--at", local)
    assert r.rc == 0, r.err
    assert f"北京时间 {beijing}" in r.err  # the confirmation
    # the end of the send: not sent yet, the gateway holds it (the window's words)
    held = f"已提交，网关将于 {local}（本机时间，北京时间 {beijing}）发送"
    assert held in r.out and f"the gateway holds them until {local}" in r.out
    req = [x for x in cli.sim.requests if x.params.get("mobile")][-1]
    assert req.params["sendtime"] == at.astimezone(BEIJING).strftime("%Y%m%d%H%M%S")
    r = cli("send", "q", "--to", "13800138000", "--text", "x", "--at", local)  # held locally
    assert r.rc == 0, r.err
    assert local in r.err and f"Beijing time {beijing}" in r.err

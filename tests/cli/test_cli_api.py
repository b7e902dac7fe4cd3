"""The HTTP API from the command line, as real processes against the simulator: ``api token``
create/list/revoke, ``api set``, and ``serve --api``, killed (SIGKILL) right after it accepted a
request, restarted, and the client's retry: no number sent twice."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import threading
from collections import Counter

import pytest
import requests
from apiclient import post_message
from clirunner import phones_sent, wait_for

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX signals")

NUMBERS = [f"1380013{i:04d}" for i in range(40)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _query(cli, sql: str, *params):
    conn = sqlite3.connect(cli.home / "sms_desktop.sqlite3", timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _wait(what, timeout: float = 30.0, proc=None) -> None:
    wait_for(what, timeout, proc, every=0.02)


def test_tokens_are_made_listed_and_revoked_and_shown_once(cli):
    made = cli("api", "token", "create", "预约系统", "--json")
    assert made.rc == 0, made.err
    token = made.json["token"]
    assert token.startswith("sdk_") and len(token) >= 40
    plain = cli("api", "token", "create", "crm")
    assert plain.rc == 0 and plain.out.strip().startswith("sdk_")
    assert "只显示这一次" in plain.err and "shown this once only" in plain.err
    listed = cli("api", "token", "list", "--json")
    assert [t["name"] for t in listed.json] == ["crm", "预约系统"]
    assert token not in listed.out and plain.out.strip() not in listed.out
    assert all("token" not in t and t["prefix"] == t["prefix"][:10] for t in listed.json)
    again = cli("api", "token", "create", "crm")
    assert again.rc == 2 and "crm" in again.err
    assert cli("api", "token", "revoke", "crm").rc == 0
    assert [t["name"] for t in cli("api", "token", "list", "--json").json] == ["预约系统"]
    assert [t["live"] for t in cli("api", "token", "list", "--all", "--json").json] == [False, True]
    gone = cli("api", "token", "revoke", "crm")
    assert gone.rc == 2 and "crm" in gone.err
    # a webhook: its signing secret printed once, its URL in the list, then removed
    hook = cli("api", "webhook", "set", "预约系统", "http://127.0.0.1:9/hooks/sms", "--json")
    assert hook.rc == 0, hook.err
    assert hook.json["secret"].startswith("whsec_")
    [row] = cli("api", "token", "list", "--json").json
    assert row["webhook_url"] == "http://127.0.0.1:9/hooks/sms"
    assert hook.json["secret"] not in cli("api", "token", "list", "--json").out
    bad = cli("api", "webhook", "set", "预约系统", "example.com/hook")
    assert bad.rc == 2 and "http://" in bad.err
    assert cli("api", "webhook", "clear", "预约系统").rc == 0
    assert cli("api", "token", "list", "--json").json[0]["webhook_url"] is None


def test_revoke_by_a_name_of_digits_or_by_id_is_unambiguous(cli):
    """A token named like another's id: the name wins, and ``--id`` takes it as an id."""
    made = cli("api", "token", "create", "预约系统", "--json")
    assert made.rc == 0, made.err
    digits = str(made.json["id"])
    assert cli("api", "token", "create", digits).rc == 0
    assert cli("api", "token", "create", "crm").rc == 0
    assert cli("api", "token", "revoke", digits, "--id").rc == 0
    live = {t["name"] for t in cli("api", "token", "list", "--json").json}
    assert live == {digits, "crm"}  # the one with that id went, not the one with that name
    assert cli("api", "token", "revoke", digits).rc == 0  # by its name
    assert {t["name"] for t in cli("api", "token", "list", "--json").json} == {"crm"}
    bad = cli("api", "token", "revoke", "crm", "--id")
    assert bad.rc == 2 and "crm" in bad.err
    assert {t["name"] for t in cli("api", "token", "list", "--json").json} == {"crm"}


def test_api_settings_off_by_default_on_loopback(cli):
    shown = cli("api", "show", "--json")
    assert shown.json == {
        "enabled": False,
        "listen": "127.0.0.1:8780",
        "rate_per_minute": 600,
        "runs_in": "window",
    }
    set_ = cli("api", "set", "--on", "--listen", "0.0.0.0:9000", "--rate", "60", "--json")
    assert set_.rc == 0, set_.err
    assert set_.json["enabled"] and set_.json["listen"] == "0.0.0.0:9000"
    bad = cli("api", "set", "--listen", "here:port")
    assert bad.rc == 2 and "HOST:PORT" in bad.err


def _serve_api(cli, port: int):
    return cli.popen(
        "serve", "--interval", "0.3", "--poll-interval", "60", "--no-push",
        "--api", "--api-listen", f"127.0.0.1:{port}",
    )  # fmt: skip


def _listening(url: str) -> bool:
    try:
        requests.get(url + "/api/v1/openapi.json", timeout=1)
    except requests.RequestException:
        return False
    return True


def test_sigkill_right_after_accepting_then_a_restart_and_the_retry_send_nothing_twice(cli):
    """The service accepts a send (the job and its key are in the store), is killed before the
    client reads its answer, starts again; the client retries with its Idempotency-Key: the
    same job, each number sent once (as the simulator counts), whatever was in flight."""
    cli.add_account("i", "ipyy", "u1", "pw1", 100000, "--batch-size", "10")
    token = cli("api", "token", "create", "booking", "--json").json["token"]
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    # the gateway answers each send slowly: the kill lands while the job is being sent
    cli.sim.set_fault("ipyy", "latency", seconds=0.3)
    body = {"account": "i", "to": NUMBERS, "text": "您的预约已确认", "kind": "notice"}

    proc = _serve_api(cli, port)
    try:
        _wait(lambda: _listening(url), proc=proc)
        answers: list[object] = []

        def client() -> None:
            try:
                answers.append(post_message(url, token, body, key="order-1001"))
            except requests.RequestException as exc:  # the service died before answering
                answers.append(exc)

        t = threading.Thread(target=client)
        t.start()
        _wait(lambda: bool(_query(cli, "SELECT 1 FROM api_jobs")), proc=proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        t.join(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    sent_before = Counter(phones_sent(cli.sim, "ipyy", "mobile"))
    assert sum(sent_before.values()) < len(NUMBERS)  # killed while sending

    proc = _serve_api(cli, port)
    try:
        _wait(lambda: _listening(url), proc=proc)
        retry = post_message(url, token, body, key="order-1001")
        assert retry.status_code == 200, retry.text
        job_id = retry.json()["job_id"]
        assert retry.json()["replayed"] is True
        _wait(lambda: _query(cli, "SELECT state FROM jobs WHERE id=?", job_id)[0][0] == "done",
              timeout=60, proc=proc)  # fmt: skip
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert _query(cli, "SELECT COUNT(*) FROM jobs")[0][0] == 1
    sent = Counter(phones_sent(cli.sim, "ipyy", "mobile"))
    assert max(sent.values()) == 1  # 0 duplicates
    states = Counter(r[0] for r in _query(cli, "SELECT state FROM messages WHERE job_id=?", job_id))
    # every number went once; one in flight at the kill may be "unknown" (never resent)
    assert set(sent) | {
        r[0] for r in _query(cli, "SELECT phone FROM messages WHERE state='unknown'")
    } == set(NUMBERS)
    assert states["accepted"] + states["delivered"] + states["unknown"] == len(NUMBERS)
    assert sum(sent.values()) > sum(sent_before.values())  # the restart went on with the rest

"""The qxt push receiver, pushed to by the simulator (and by hand) over real HTTP."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
import requests
from synchelpers import Env

from sms_desktop.core.errors import InputError
from sms_desktop.core.jobs.model import MsgState
from sms_desktop.core.push_receiver import PushReceiver, decode_push, free_port
from sms_desktop.core.sync import Syncer, SyncResult

A, B, C = "13800138000", "13900139000", "13700137000"
TOKEN = "s3cret-Token_42"


@pytest.fixture
def qxt(env: Env) -> str:
    return env.add("qxt")


@pytest.fixture
def rx(env: Env, qxt: str) -> Iterator[PushReceiver]:
    receiver = PushReceiver(env.db, qxt, "127.0.0.1", 0, token=TOKEN, accounts=env.accounts)
    receiver.start()
    env.sim.set_push_url("u1", receiver.url)
    try:
        yield receiver
    finally:
        receiver.stop()


def _gbk(s: str) -> str:
    return quote(s.encode("gbk"))


def test_reports_and_replies_pushed_and_applied(env: Env, qxt: str, rx: PushReceiver) -> None:
    env.sim.report_success_ratio = 1.0
    ok_job = env.send(qxt, [A, B])
    env.sim.report_success_ratio = 0.0
    bad_job = env.send(qxt, [C])
    env.sim.inject_reply("qxt", "u1", A, "退订")
    env.sim.inject_reply("qxt", "u1", B, "周六见，谢谢")

    env.sim.flush_pushes()

    assert env.sim.pending_pushes == []
    assert all(p.ok for p in env.sim.pushes)
    assert env.message(ok_job, A)["state"] == MsgState.DELIVERED
    assert env.message(ok_job, B)["state"] == MsgState.DELIVERED
    bad = env.message(bad_job, C)
    assert bad["state"] == MsgState.UNDELIVERED and bad["report_status"] == "UNDELIV"
    replies = {r["phone"]: r for r in env.rows("SELECT * FROM replies WHERE account=?", qxt)}
    assert replies[A]["content"] == "退订" and replies[A]["opt_out"] == 1
    assert replies[B]["content"] == "周六见，谢谢" and replies[B]["opt_out"] == 0
    assert [r["phone"] for r in env.rows("SELECT * FROM blacklist WHERE source='opt-out'")] == [A]
    raws = env.rows("SELECT * FROM raw_bodies WHERE kind='push'")
    assert len(raws) == len(env.sim.pushes)
    assert all(r["parsed"] == 1 and r["account"] == qxt for r in raws)
    assert all(TOKEN not in r["url"] for r in raws)  # the secret is not stored
    # the body is stored exactly as it arrived on the wire (GBK, URL-encoded)
    assert any(_gbk("退订").encode() in bytes(r["body"]) for r in raws)


def test_multi_value_push(env: Env, qxt: str, rx: PushReceiver) -> None:
    env.sim.qxt_push_batch = 10  # several comma-separated values in one push
    env.sim.qxt_push_method = "POST"
    job = env.send(qxt, [A, B, C])
    env.sim.inject_reply("qxt", "u1", A, "好的")
    env.sim.inject_reply("qxt", "u1", B, "TD")

    env.sim.flush_pushes()

    report_push = next(p for p in env.sim.pushes if dict(p.params)["type"] == "4")
    assert dict(report_push.params)["mobile"].count(",") == 2  # one push, three values
    assert report_push.method == "POST" and report_push.ok
    for phone in (A, B, C):
        assert env.message(job, phone)["state"] == MsgState.DELIVERED
    raw_ids = {r["raw_id"] for r in env.rows("SELECT raw_id FROM reports")}
    assert len(raw_ids) == 1  # all three from the same stored push
    assert {(r["phone"], r["content"]) for r in env.rows("SELECT * FROM replies")} == {
        (A, "好的"),
        (B, "TD"),
    }
    assert env.count("blacklist", "phone=?", B) == 1


def test_wrong_token_is_404_and_stores_nothing(env: Env, rx: PushReceiver) -> None:
    base = f"http://127.0.0.1:{rx.port}"
    query = f"type=1&mid=1&mobile={A}&msg={_gbk('你好')}&port=1069"

    for path in ("/", "/wrong-token-123/", f"/{TOKEN}x/", f"/{TOKEN}/extra", "/favicon.ico"):
        r = requests.get(f"{base}{path}?{query}", timeout=5)
        assert r.status_code == 404, path
        assert r.text != "ok"
    assert env.count("raw_bodies") == 0

    r = requests.get(f"{base}/{TOKEN}?{query}", timeout=5)  # with or without the slash
    assert r.status_code == 200 and r.text == "ok"
    assert env.count("replies") == 1


def test_without_token_only_root_path(env: Env, qxt: str) -> None:
    with PushReceiver(env.db, qxt, "127.0.0.1", 0, accounts=env.accounts) as receiver:
        assert receiver.url == f"http://127.0.0.1:{receiver.port}/"
        q = f"type=1&mid=9&mobile={A}&msg=hi&port=1"
        assert requests.get(f"{receiver.url}?{q}", timeout=5).text == "ok"
        assert requests.get(f"{receiver.url}other?{q}", timeout=5).status_code == 404
    assert env.count("replies") == 1


def test_body_size_limit(env: Env, qxt: str) -> None:
    with PushReceiver(env.db, qxt, "127.0.0.1", 0, max_body=512, accounts=env.accounts) as receiver:
        big = f"type=1&mid=1&mobile={A}&msg=" + "x" * 1000
        r = requests.post(
            receiver.url,
            data=big,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=5,
        )
        assert r.status_code == 413 and r.text != "ok"
        r = requests.get(f"{receiver.url}?{big}", timeout=5)
        assert r.status_code == 413 and r.text != "ok"
        assert env.count("raw_bodies") == 0
        # within the limit: accepted
        small = f"type=1&mid=1&mobile={A}&msg=ok"
        r = requests.post(receiver.url, data=small, timeout=5)
        assert r.status_code == 200 and r.text == "ok"
    assert env.count("raw_bodies") == 1


def test_ok_only_after_the_push_is_committed(env: Env, qxt: str, rx: PushReceiver) -> None:
    # Another writer holds the database: the receiver cannot store, so it must not answer yet.
    answers: list[requests.Response] = []
    q = f"type=1&mid=77&mobile={A}&msg={_gbk('退订')}&port=1069"
    t = threading.Thread(
        target=lambda: answers.append(requests.get(f"{rx.url}?{q}", timeout=20)), daemon=True
    )
    with env.writes_blocked():
        t.start()
        time.sleep(0.6)
        assert answers == []  # no "ok" while the row cannot be committed
        assert env.committed("SELECT COUNT(*) FROM raw_bodies")[0][0] == 0
    t.join(10)
    assert answers and answers[0].text == "ok"
    # the moment "ok" arrived, the raw row was visible to any other connection
    assert env.committed("SELECT kind, parsed FROM raw_bodies") == [("push", 1)]
    assert env.committed("SELECT content FROM replies") == [("退订",)]


class _FailingStore(Syncer):
    fail = True

    def store_body(self, *args: Any, **kwargs: Any) -> int:
        if self.fail:
            raise sqlite3.OperationalError("disk I/O error")
        return super().store_body(*args, **kwargs)


def test_store_failure_is_500_and_vendor_retries(env: Env, qxt: str) -> None:
    syncer = _FailingStore(env.db, env.accounts)
    with PushReceiver(env.db, qxt, "127.0.0.1", 0, syncer=syncer) as receiver:
        env.sim.set_push_url("u1", receiver.url)
        env.sim.qxt_push_auto = False
        env.sim.inject_reply("qxt", "u1", A, "在吗")

        assert env.sim.flush_pushes() == 0
        assert env.sim.pushes[-1].status == 500 and env.sim.pushes[-1].response != b"ok"
        assert len(env.sim.pending_pushes) == 1  # the vendor keeps it for a retry
        assert env.count("replies") == 0

        syncer.fail = False
        assert env.sim.flush_pushes() == 1
    assert [r["content"] for r in env.rows("SELECT content FROM replies")] == ["在吗"]


def test_unparseable_push_is_kept_and_answered_ok(env: Env, rx: PushReceiver) -> None:
    r = requests.get(f"{rx.url}?type=9&foo=bar", timeout=5)

    assert r.text == "ok"  # stored: the vendor resending it would not help
    row = env.one("SELECT * FROM raw_bodies")
    assert row is not None and row["parsed"] == 2 and row["error"]
    assert bytes(row["body"]) == b"type=9&foo=bar"


def test_empty_request_stores_nothing(env: Env, rx: PushReceiver) -> None:
    r = requests.get(rx.url, timeout=5)

    assert r.status_code == 200
    assert env.count("raw_bodies") == 0


def test_utf8_push_from_a_reseller_is_decoded(env: Env, rx: PushReceiver) -> None:
    q = f"type=1&mid=5&mobile={A}&msg={quote('退订谢谢'.encode())}&port=1"
    assert requests.get(f"{rx.url}?{q}", timeout=5).text == "ok"
    q = f"type=1&mid=6&mobile={B}&msg={_gbk('你好')}&port=1"
    assert requests.post(rx.url, data=q, timeout=5).text == "ok"

    rows = {r["phone"]: r for r in env.rows("SELECT * FROM replies")}
    assert rows[A]["content"] == "退订谢谢" and rows[A]["opt_out"] == 1
    assert rows[B]["content"] == "你好"


def test_repeated_push_is_not_duplicated(env: Env, qxt: str, rx: PushReceiver) -> None:
    env.sim.qxt_push_auto = False  # only the pushes below
    job = env.send(qxt, [A])
    gid = env.message(job, A)["gateway_id"]
    report = f"type=4&mid={gid}&mobile={A}&msg=DELIVRD&port=1069"
    reply = f"type=1&mid=888&mobile={A}&msg={_gbk('好')}&port=1069"
    for _ in range(2):  # the vendor did not see our first "ok" and sends again
        assert requests.get(f"{rx.url}?{report}", timeout=5).text == "ok"
        assert requests.get(f"{rx.url}?{reply}", timeout=5).text == "ok"

    assert env.count("raw_bodies") == 4  # every push is stored
    assert env.count("reports") == 1
    assert env.count("replies") == 1
    assert env.message(job, A)["state"] == MsgState.DELIVERED


def test_report_without_id_matches_latest_accepted_message(
    env: Env, qxt: str, rx: PushReceiver
) -> None:
    env.sim.qxt_push_auto = False
    older = env.send(qxt, [A], "第一条【测试】")
    newer = env.send(qxt, [A], "第二条【测试】")

    r = requests.get(f"{rx.url}?type=4&mobile={A}&msg=UNDELIV&port=1069", timeout=5)

    assert r.text == "ok"
    assert env.message(newer, A)["state"] == MsgState.UNDELIVERED
    assert env.message(older, A)["state"] == MsgState.ACCEPTED
    row = env.one("SELECT * FROM reports")
    assert row is not None and row["gateway_id"] is None and row["message_id"] is not None


def test_unmatched_pushed_report_is_kept(env: Env, rx: PushReceiver) -> None:
    r = requests.get(f"{rx.url}?type=4&mid=123456&mobile={C}&msg=DELIVRD&port=1", timeout=5)

    assert r.text == "ok"
    row = env.one("SELECT * FROM reports")
    assert row is not None
    assert row["message_id"] is None and row["phone"] == C and row["delivered"] == 1


def test_stored_push_is_recovered_after_a_crash(env: Env, qxt: str) -> None:
    job = env.send(qxt, [A])
    gid = env.message(job, A)["gateway_id"]
    body = f"type=4&mid={gid}&mobile={A}&msg=DELIVRD&port=1069".encode()
    # stored by the receiver, then the process died before parsing it
    env.syncer.store_body(qxt, "push", body, content_type="application/x-www-form-urlencoded")

    env.reopen()
    res = env.syncer.sync_account(qxt)

    assert [r["phone"] for r in res.new_reports] == [A]
    assert env.message(job, A)["state"] == MsgState.DELIVERED


def test_off_by_default_and_explicit_start(env: Env, qxt: str) -> None:
    port = free_port()
    receiver = PushReceiver(env.db, qxt, "127.0.0.1", port, accounts=env.accounts)
    assert not receiver.running
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/", timeout=2)
    receiver.start()
    try:
        assert receiver.running and receiver.port == port
        assert requests.get(receiver.url, timeout=5).status_code == 200
    finally:
        receiver.stop()
    assert not receiver.running


def test_bad_settings_are_refused(env: Env, qxt: str) -> None:
    with pytest.raises(InputError):
        PushReceiver(env.db, qxt, "127.0.0.1", 0, token="a/b")
    with pytest.raises(InputError):
        PushReceiver(env.db, qxt, "127.0.0.1", 70000)
    with PushReceiver(env.db, qxt, "127.0.0.1", 0, accounts=env.accounts) as first:
        with pytest.raises(InputError):
            PushReceiver(env.db, qxt, "127.0.0.1", first.port, accounts=env.accounts).start()


def test_decode_push_rules() -> None:
    gbk = b"type=1&Mobile=13800138000&msg=%CD%CB%B6%A9"
    params, cs = decode_push(gbk)
    assert params == {"type": "1", "mobile": "13800138000", "msg": "退订"} and cs == "gbk"
    utf8 = b"msg=%E9%80%80%E8%AE%A2"
    assert decode_push(utf8) == ({"msg": "退订"}, "utf-8")
    declared = decode_push(utf8, "application/x-www-form-urlencoded; charset=UTF-8")
    assert declared == ({"msg": "退订"}, "utf-8")
    repeated, _ = decode_push(b"mobile=1&mobile=2&msg=a+b")
    assert repeated == {"mobile": "1,2", "msg": "a b"}
    broken, _ = decode_push(b"msg=%FF%FF%FF&x")
    assert "msg" in broken and broken["x"] == ""


def test_gateway_id_letter_case_is_ignored_when_matching(
    env: Env, qxt: str, rx: PushReceiver
) -> None:
    with env.db.write() as c:
        job = c.execute(
            "INSERT INTO jobs(account, text, state) VALUES(?, 'x', 'done') RETURNING id", (qxt,)
        ).fetchone()[0]
        c.execute(
            "INSERT INTO messages(job_id, seq, phone, state, account, gateway_id)"
            " VALUES(?, 0, ?, 'accepted', ?, 'ab12cd')",
            (job, A, qxt),
        )

    assert (
        requests.get(f"{rx.url}?type=4&mid=AB12CD&mobile={A}&msg=DELIVRD", timeout=5).text == "ok"
    )

    assert env.message(int(job), A)["state"] == MsgState.DELIVERED  # type: ignore[arg-type]


def test_on_push_callback(env: Env, qxt: str) -> None:
    seen: list[SyncResult] = []
    with PushReceiver(env.db, qxt, "127.0.0.1", 0, accounts=env.accounts, on_push=seen.append) as r:
        assert (
            requests.get(f"{r.url}?type=1&mid=3&mobile={A}&msg=TD&port=1", timeout=5).text == "ok"
        )
        assert r.received == 1
    assert len(seen) == 1
    assert [(x["phone"], x["opt_out"]) for x in seen[0].new_replies] == [(A, True)]


# ---- exposure (issue 11): the address, the log, a storm of bogus requests ---------------------
def _other_address() -> str | None:
    """An address of this machine other than loopback, if it has one."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent for a UDP connect
            ip = str(s.getsockname()[0])
    except OSError:
        return None
    return None if ip.startswith("127.") else ip


def test_listens_only_on_the_address_it_was_given(env: Env, qxt: str) -> None:
    import socket

    with PushReceiver(env.db, qxt, "127.0.0.2", 0, accounts=env.accounts) as receiver:
        port = receiver.port
        q = f"type=1&mid=5&mobile={A}&msg=hi&port=1"
        assert requests.get(f"http://127.0.0.2:{port}/?{q}", timeout=5).text == "ok"
        for host in ("127.0.0.1", _other_address()):
            if host is None:
                continue
            with pytest.raises(OSError), socket.create_connection((host, port), timeout=2):
                pass
    assert env.count("replies") == 1


def test_the_log_never_holds_the_path_token(env: Env, rx: PushReceiver, caplog) -> None:
    import logging

    caplog.set_level(logging.DEBUG, logger="sms_desktop")
    rx.stop()
    rx.start()  # logs where it listens
    requests.get(f"{rx.url}?type=1&mid=3&mobile={A}&msg=hi&port=1", timeout=5)
    requests.get(f"http://127.0.0.1:{rx.port}/{TOKEN}x/?a=1", timeout=5)
    assert "listening on" in caplog.text and "GET" in caplog.text
    assert TOKEN not in caplog.text


def _bogus(port: int, kind: int, hold: float) -> None:
    """One hostile or broken client; ``kind`` picks what it does."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            if kind == 0:  # connects and says nothing
                time.sleep(hold)
            elif kind == 1:  # half a request line, then nothing (slowloris)
                s.sendall(f"GET /{TOKEN}/?type=1&mobile=".encode())
                time.sleep(hold)
            elif kind == 2:  # the wrong token
                s.sendall(
                    f"GET /not-the-token/?type=1&mid=1&mobile={A}&msg=x HTTP/1.1\r\n\r\n".encode()
                )
                s.recv(1024)
            elif kind == 3:  # a body over the limit
                s.sendall(
                    f"POST /{TOKEN}/ HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n".encode()
                    + b"x" * 65536
                )
                s.recv(1024)
            elif kind == 4:  # garbage bytes
                s.sendall(bytes(range(256)) * 4)
                s.recv(1024)
            else:  # a body that never comes
                s.sendall(f"POST /{TOKEN}/ HTTP/1.1\r\nContent-Length: 500\r\n\r\nab".encode())
                time.sleep(hold)
    except OSError:
        pass  # refused or reset: the receiver may drop a hostile client


@pytest.mark.timeout(120)
def test_real_pushes_go_through_a_storm_of_1000_bogus_requests(
    env: Env, qxt: str, rx: PushReceiver
) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4096:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))
    env.sim.qxt_push_auto = False
    hold = 8.0
    storm = [
        threading.Thread(target=_bogus, args=(rx.port, i % 6, hold), daemon=True)
        for i in range(1000)
    ]
    for t in storm:
        t.start()
    time.sleep(1.0)  # the storm is on: every bogus client has connected
    latencies = []
    for i in range(20):
        q = f"type=1&mid={1000 + i}&mobile={A}&msg=real{i}&port=1069"
        t0 = time.perf_counter()
        r = requests.get(f"{rx.url}?{q}", timeout=30)
        latencies.append(time.perf_counter() - t0)
        assert r.status_code == 200 and r.text == "ok"
    stormy = sum(t.is_alive() for t in storm)
    for t in storm:
        t.join(30)
    latencies.sort()
    print(
        f"real pushes during the storm: p50 {latencies[10] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )
    assert stormy > 300  # the pushes really went through while the storm was on
    assert latencies[-1] < 2.0
    contents = {r["content"] for r in env.rows("SELECT content FROM replies")}
    assert contents == {f"real{i}" for i in range(20)}  # the bogus ones stored nothing
    assert env.count("raw_bodies") == 20
    # and it still serves once the storm is over
    assert (
        requests.get(f"{rx.url}?type=1&mid=9999&mobile={B}&msg=after&port=1", timeout=5).text
        == "ok"
    )

"""Pulled reports and replies (ipyy, jsm, txt112088) against the simulator over real HTTP."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import pytest
from synchelpers import PULL_FAMILIES, Env

from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec, MsgState
from sms_desktop.core.sync import Syncer
from sms_desktop.core.vendortime import from_beijing

A, B, C = "13800138000", "13900139000", "13700137000"


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_reports_update_message_states(env: Env, family: str) -> None:
    name = env.add(family)
    env.sim.report_success_ratio = 1.0
    ok_job = env.send(name, [A, B])
    env.sim.report_success_ratio = 0.0
    bad_job = env.send(name, [C])

    res = env.syncer.sync_account(name)

    assert res.errors == []
    assert res.skipped_reason is None
    assert sorted(res.polled) == ["replies", "reports"]
    assert {r["phone"] for r in res.new_reports} == {A, B, C}
    assert all(r["message_id"] is not None for r in res.new_reports)
    for phone in (A, B):
        m = env.message(ok_job, phone)
        assert m["state"] == MsgState.DELIVERED
        assert m["report_status"]
        assert m["report_time"]
    m = env.message(bad_job, C)
    assert m["state"] == MsgState.UNDELIVERED
    assert m["report_status"]
    # every report row points at its message and at the stored raw body
    rows = env.rows("SELECT * FROM reports WHERE account=?", name)
    assert len(rows) == 3
    for r in rows:
        raw = env.one("SELECT parsed, body FROM raw_bodies WHERE id=?", r["raw_id"])
        assert raw is not None and raw["parsed"] == 1
        assert r["phone"].encode() in bytes(raw["body"])
    delivered = {r["phone"]: r["delivered"] for r in rows}
    assert delivered == {A: 1, B: 1, C: 0}


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_unmatched_reports_are_kept(env: Env, family: str) -> None:
    name = env.add(family)
    gw = env.accounts.gateway(name)
    sent = gw.send([A], "不在本地记录里的短信【测试】")  # sent, but no message row recorded
    gid = sent.results[0].gateway_id

    res = env.syncer.sync_account(name)

    assert len(res.new_reports) == 1
    assert res.unmatched_reports == res.new_reports
    row = env.one("SELECT * FROM reports WHERE account=?", name)
    assert row is not None
    assert row["message_id"] is None
    assert row["phone"] == A
    assert row["gateway_id"] == gid
    assert row["delivered"] == 1


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_report_matches_only_its_own_gateway_id(env: Env, family: str) -> None:
    name = env.add(family)
    first = env.send(name, [A], "第一条【测试】")
    env.syncer.sync_account(name)
    assert env.message(first, A)["state"] == MsgState.DELIVERED
    env.sim.report_success_ratio = 0.0
    second = env.send(name, [A], "第二条【测试】")

    env.syncer.sync_account(name, force=True)

    assert env.message(first, A)["state"] == MsgState.DELIVERED  # untouched
    assert env.message(second, A)["state"] == MsgState.UNDELIVERED
    assert env.count("reports", "account=? AND message_id IS NOT NULL", name) == 2


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_replies_stored_and_opt_out_blacklisted(env: Env, family: str) -> None:
    name = env.add(family)
    env.send(name, [A, B])
    env.sim.inject_reply(family, "u1", A, "收到，谢谢")
    env.sim.inject_reply(family, "u1", B, "ＴＤ")  # full-width letters

    res = env.syncer.sync_account(name)

    assert res.errors == []
    by_phone = {r["phone"]: r for r in res.new_replies}
    assert set(by_phone) == {A, B}
    assert by_phone[A]["content"] == "收到，谢谢" and by_phone[A]["opt_out"] is False
    assert by_phone[B]["content"] == "ＴＤ" and by_phone[B]["opt_out"] is True
    assert by_phone[B]["blacklisted"] is True
    rows = {r["phone"]: r for r in env.rows("SELECT * FROM replies WHERE account=?", name)}
    assert rows[A]["opt_out"] == 0 and rows[B]["opt_out"] == 1
    assert rows[A]["is_read"] == 0
    assert rows[A]["raw_id"] is not None
    bl = env.rows("SELECT * FROM blacklist")
    assert [(r["phone"], r["source"]) for r in bl] == [(B, "opt-out")]
    assert "ＴＤ" in bl[0]["reason"]


def test_opt_out_blacklist_is_skipped_by_later_jobs(env: Env) -> None:
    name = env.add("txt112088")
    env.sim.inject_reply("txt112088", "u1", B, "退订")
    env.syncer.sync_account(name)
    assert env.count("blacklist", "phone=? AND source='opt-out'", B) == 1

    engine = Engine(env.db, env.accounts)
    job_id = engine.create_job(JobSpec(account=name, text="新品上市【测试】", recipients=[A, B]))
    states = {
        r["phone"]: r["state"] for r in env.rows("SELECT * FROM messages WHERE job_id=?", job_id)
    }

    assert states[B] == MsgState.SKIPPED
    assert states[A] == MsgState.QUEUED


def test_configured_keywords(env: Env) -> None:
    name = env.add("ipyy")
    env.db.set_setting("optout.keywords", "停止,0000")
    env.sim.inject_reply("ipyy", "u1", A, "停止")
    env.sim.inject_reply("ipyy", "u1", B, "TD")  # no longer a keyword; not containing 退订
    env.sim.inject_reply("ipyy", "u1", C, "退订吧")  # short reply containing 退订: always

    res = env.syncer.sync_account(name)

    flags = {r["phone"]: r["opt_out"] for r in res.new_replies}
    assert flags == {A: True, B: False, C: True}
    assert {r["phone"] for r in env.rows("SELECT phone FROM blacklist")} == {A, C}


def test_blacklist_keeps_existing_entry(env: Env) -> None:
    name = env.add("jsm")
    with env.db.write() as c:
        c.execute(
            "INSERT INTO blacklist(phone, reason, source) VALUES(?, '客户要求', 'manual')", (A,)
        )
    env.sim.inject_reply("jsm", "u1", A, "T")

    res = env.syncer.sync_account(name)

    assert res.new_replies[0]["opt_out"] is True
    assert res.new_replies[0]["blacklisted"] is False  # already there
    row = env.one("SELECT * FROM blacklist WHERE phone=?", A)
    assert row is not None and row["source"] == "manual" and row["reason"] == "客户要求"


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_gateway_hands_out_once_and_nothing_is_duplicated(env: Env, family: str) -> None:
    name = env.add(family)
    env.send(name, [A])
    env.sim.inject_reply(family, "u1", A, "好的")
    first = env.syncer.sync_account(name)
    assert len(first.new_reports) == 1 and len(first.new_replies) == 1

    again = env.syncer.sync_account(name, force=True)

    assert again.new_reports == [] and again.new_replies == []
    assert again.errors == []
    assert env.count("reports") == 1 and env.count("replies") == 1
    # both empty answers were stored too, and marked parsed
    assert env.count("raw_bodies", "account=? AND parsed=1", name) == 4


def test_same_report_applied_twice_is_not_duplicated(env: Env) -> None:
    name = env.add("jsm")
    job = env.send(name, [A])
    env.syncer.sync_account(name)
    raw_id = env.one("SELECT raw_id FROM reports")["raw_id"]  # type: ignore[index]
    body = bytes(env.one("SELECT body FROM raw_bodies WHERE id=?", raw_id)["body"])  # type: ignore[index]
    # the same body stored again (a reseller resending it) and re-parsed
    copy_id = env.syncer.store_body(name, "reports", body, content_type="text/xml; charset=utf-8")

    res = env.syncer.reparse_pending(name)

    assert res.new_reports == []
    assert env.count("reports") == 1
    assert env.one("SELECT parsed FROM raw_bodies WHERE id=?", copy_id)["parsed"] == 1  # type: ignore[index]
    assert env.message(job, A)["state"] == MsgState.DELIVERED


def test_error_reply_is_reported(env: Env) -> None:
    name = env.add("txt112088")
    env.sim.account("txt112088", "u1").password = "changed"  # the gateway now refuses us

    res = env.syncer.sync_account(name)

    assert len(res.errors) == 2  # reports and replies
    assert res.new_reports == [] and res.new_replies == []
    rows = env.rows("SELECT * FROM raw_bodies WHERE account=?", name)
    assert len(rows) == 2
    assert all(r["parsed"] == 1 and r["error"] for r in rows)


def test_unreadable_reply_is_kept_raw(env: Env) -> None:
    name = env.add("txt112088")
    env.send(name, [A])
    env.sim.set_fault("txt112088", "garbage", count=1, endpoint="get_report_txt.asp")

    res = env.syncer.sync_account(name)

    assert len(res.errors) == 1 and "reports" in res.errors[0]
    raw = env.one("SELECT * FROM raw_bodies WHERE kind='reports' AND account=?", name)
    assert raw is not None
    assert raw["parsed"] == 2 and raw["error"]
    assert bytes(raw["body"]) == env.sim.requests[-2].response
    assert env.count("reports") == 0


def test_transport_failure_is_an_error_not_a_crash(env: Env) -> None:
    name = env.add("ipyy")
    env.sim.set_fault("ipyy", "http500", count=1, endpoint="statusApi.aspx")

    res = env.syncer.sync_account(name)

    assert len(res.errors) == 1
    assert "reports" in res.errors[0]
    assert res.polled == ["reports", "replies"]


def test_sync_all_and_unknown_account(env: Env) -> None:
    for fam in PULL_FAMILIES:
        env.add(fam)
        env.send(fam, [A])

    results = env.syncer.sync_all()
    results += env.syncer.sync_all(["nobody"])

    by_name = {r.account: r for r in results}
    assert set(by_name) == {*PULL_FAMILIES, "nobody"}
    for fam in PULL_FAMILIES:
        assert len(by_name[fam].new_reports) == 1
        assert by_name[fam].errors == []
    assert by_name["nobody"].errors


class _DiskFull(Syncer):
    def store_reply(self, *args: Any, **kwargs: Any) -> int:
        raise sqlite3.OperationalError("database or disk is full")


def test_body_that_cannot_be_stored_is_never_parsed(env: Env) -> None:
    name = env.add("ipyy")
    job = env.send(name, [A])
    syncer = _DiskFull(env.db, env.accounts)

    res = syncer.sync_account(name)

    assert len(res.errors) == 2
    assert all("无法保存" in e and "could not be stored" in e for e in res.errors)
    assert res.new_reports == []
    assert env.count("reports") == 0 and env.count("raw_bodies") == 0
    assert env.message(job, A)["state"] == MsgState.ACCEPTED


class _ReadOnlyStore(Syncer):
    """The store refuses the body's write for real (SQLite's SQLITE_READONLY, PostgreSQL's
    read-only transaction, through Database.write)."""

    env: Env

    def store_reply(self, *args: Any, **kwargs: Any) -> int:
        with self.env.read_only(self.db.read()):
            return super().store_reply(*args, **kwargs)


def test_store_refusal_in_users_words_says_the_fetched_items_may_be_lost(env: Env) -> None:
    """Database.write turns a refused write into a StoreError (an SmsDesktopError): the sync must
    still say that what the gateway handed out could not be kept, not "fetching failed"."""
    name = env.add("ipyy")
    job = env.send(name, [A])
    syncer = _ReadOnlyStore(env.db, env.accounts)
    syncer.env = env

    res = syncer.sync_account(name)

    assert len(res.errors) == 2
    assert all("无法保存到数据库" in e and "may not hand them out again" in e for e in res.errors)
    assert all("只读" in e for e in res.errors)  # the store's own words reach the user
    assert env.count("raw_bodies") == 0
    assert env.message(job, A)["state"] == MsgState.ACCEPTED


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_empty_query_body_is_nothing_new(env: Env, family: str) -> None:
    """Issue 7, item 5: some hosts answer "nothing new" with an empty body."""
    name = env.add(family)
    env.sim.set_fault(family, "empty")  # every request: HTTP 200, empty body

    res = env.syncer.sync_account(name)

    assert res.errors == []
    assert sorted(res.polled) == ["replies", "reports"]
    assert res.new_reports == [] and res.new_replies == []
    assert env.count("raw_bodies", "parsed != 1") == 0  # no failed (or pending) raw row
    assert env.count("raw_bodies") == 0  # nothing to keep


@pytest.mark.parametrize("family", ["ipyy", "jsm"])
def test_stray_lt_in_a_reply_loses_no_record(env: Env, family: str) -> None:
    """Issue 7, item 4: a host that writes reply texts into its XML unescaped."""
    name = env.add(family)
    env.sim.xml_unescaped_content = True
    texts = {A: "价格<100吗", B: "退订", C: "<<优惠>>还有吗"}
    for phone, text in texts.items():
        env.sim.inject_reply(family, "u1", phone, text)

    res = env.syncer.sync_account(name)

    assert res.errors == []
    assert {r["phone"]: r["content"] for r in res.new_replies} == texts
    assert res.unparsed == 0
    assert env.count("blacklist", "phone=?", B) == 1  # the opt-out in the same pull


@pytest.mark.parametrize("family", ["ipyy", "jsm"])
def test_unparseable_record_is_kept_raw_and_counted(env: Env, family: str) -> None:
    name = env.add(family)
    env.sim.xml_unescaped_content = True
    env.sim.inject_reply(family, "u1", A, "a<b>c 你好")  # looks like markup: cannot be read
    env.sim.inject_reply(family, "u1", B, "TD")

    res = env.syncer.sync_account(name)

    assert [r["content"] for r in res.new_replies] == ["TD"]
    assert res.unparsed == 1
    kept = env.rows("SELECT body, parsed, error FROM raw_bodies WHERE kind='replies.record'")
    assert len(kept) == 1 and kept[0]["parsed"] == 2
    assert "a<b>c 你好" in bytes(kept[0]["body"]).decode("utf-8")
    parent = env.one("SELECT parsed, error FROM raw_bodies WHERE kind='replies'")
    assert parent is not None and parent["parsed"] == 1 and "1 record" in parent["error"]
    # a re-parse of everything pending applies nothing twice and never parses the fragment
    assert env.syncer.reparse_pending(include_failed=True).new_replies == []


def test_unreadable_txt112088_item_loses_no_other_item(env: Env) -> None:
    name = env.add("txt112088")
    body = f"3|9;{A};10|garbage-without-fields|10;{B};20".encode()
    rid = env.syncer.store_body(name, "reports", body, content_type="text/plain")

    res = env.syncer.reparse_pending(name)

    assert {r["phone"] for r in res.new_reports} == {A, B}
    assert res.unparsed == 1
    row = env.one("SELECT parsed FROM raw_bodies WHERE id=?", rid)
    assert row is not None and row["parsed"] == 1


def test_twelve_hour_times_keep_two_replies_apart(env: Env) -> None:
    """Issue 7, item 6: the time is part of the duplicate check, so it must be read right."""
    name = env.add("jsm")
    body = (
        "<sms>"
        f"<mo><mobile>{A}</mobile><content>好的</content><time>2016/1/5 上午 9:03:01</time></mo>"
        f"<mo><mobile>{A}</mobile><content>好的</content><time>2016/1/5 下午 9:03:01</time></mo>"
        "</sms>"
    ).encode()
    env.syncer.store_body(name, "replies", body, content_type="text/xml; charset=utf-8")

    res = env.syncer.reparse_pending(name)

    # Beijing times, stored as the PC's local time
    assert sorted(r["time"] for r in res.new_replies) == [
        f"{from_beijing(datetime(2016, 1, 5, 9, 3, 1)):%Y-%m-%d %H:%M:%S}",
        f"{from_beijing(datetime(2016, 1, 5, 21, 3, 1)):%Y-%m-%d %H:%M:%S}",
    ]
    assert env.count("replies") == 2
    # the same body applied again (a vendor that hands it out twice) adds nothing
    env.syncer.store_body(name, "replies", body, content_type="text/xml; charset=utf-8")
    assert env.syncer.reparse_pending(name).new_replies == []
    assert env.count("replies") == 2


@pytest.mark.parametrize("family", PULL_FAMILIES)
@pytest.mark.parametrize("fault", ["short", "reset"])
def test_a_reply_broken_mid_body_keeps_what_came_in(env: Env, family: str, fault: str) -> None:
    """Reports are handed out once: the bytes of a reply cut short (a Content-Length longer than
    the body, a reset mid-body) are kept raw, not dropped with the transport error, so that a
    re-parse of failed bodies can still apply them."""
    name = env.add(family)
    env.sim.report_success_ratio = 1.0
    job = env.send(name, [A])
    env.sim.set_fault(family, fault, count=1)  # the next request: the reports pull

    res = env.syncer.sync_account(name)

    assert any("No usable reply while fetching reports" in e for e in res.errors)
    kept = env.rows("SELECT * FROM raw_bodies WHERE kind='reports'")
    assert len(kept) == 1 and kept[0]["parsed"] == 2, [dict(r) for r in kept]
    assert kept[0]["error"].startswith("transport:")
    assert any(f"#{kept[0]['id']}" in e for e in res.errors)  # the user is told where it is
    assert env.message(job, A)["state"] == MsgState.ACCEPTED  # never applied on its own
    if fault == "short":  # the whole body came in: a re-parse of failed bodies applies it
        again = env.syncer.reparse_pending(account=name, include_failed=True)
        assert again.applied == [kept[0]["id"]], again
        assert env.message(job, A)["state"] == MsgState.DELIVERED

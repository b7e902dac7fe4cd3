"""Fetched once, then crashed on: the stored raw body is applied at the next sync."""

from __future__ import annotations

from typing import Any

import pytest
from synchelpers import PULL_FAMILIES, Crash, Env, crash_once

from sms_desktop.core.accounts import Account
from sms_desktop.core.gateways import RawReply
from sms_desktop.core.jobs.model import MsgState
from sms_desktop.core.sync import MAX_REPARSE_ATTEMPTS

A, B = "13800138000", "13900139000"


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_report_fetched_once_then_crashed_on_is_still_applied(env: Env, family: str) -> None:
    name = env.add(family)
    job = env.send(name, [A, B])
    factory, state = crash_once(lambda: env.accounts, "parse_reports")
    seen_committed: list[Any] = []
    # when the parser runs, the raw body must already be committed (visible to another connection)
    state["check"] = lambda raw: seen_committed.extend(
        env.committed("SELECT id, parsed, body FROM raw_bodies WHERE kind='reports'")
    )

    with pytest.raises(Crash):
        env.new_syncer(factory).sync_account(name)

    assert state["crashed"] == 1
    assert len(seen_committed) == 1
    assert seen_committed[0][1] == 0  # stored, not yet parsed
    assert A.encode() in seen_committed[0][2] and B.encode() in seen_committed[0][2]
    # nothing applied: the crash came between storing and parsing
    assert env.count("reports") == 0
    assert env.message(job, A)["state"] == MsgState.ACCEPTED

    # restart the application; the next (ordinary, not forced) sync recovers the stored body
    env.reopen()
    res = env.syncer.sync_account(name)

    assert res.recovered == 1
    assert {r["phone"] for r in res.new_reports} == {A, B}
    assert env.message(job, A)["state"] == MsgState.DELIVERED
    assert env.message(job, B)["state"] == MsgState.DELIVERED
    assert env.one("SELECT parsed FROM raw_bodies WHERE id=?", seen_committed[0][0])["parsed"] == 1  # type: ignore[index]

    # the simulator will not hand the reports out again: they survive only because they were stored
    env.sim.clear_requests()
    again = env.syncer.sync_account(name, force=True)
    assert again.new_reports == []
    assert any(r.endpoint for r in env.sim.requests)  # a real request was made
    assert env.count("reports") == 2


@pytest.mark.parametrize("family", PULL_FAMILIES)
def test_reply_fetched_once_then_crashed_on_is_still_applied(env: Env, family: str) -> None:
    name = env.add(family)
    env.sim.inject_reply(family, "u1", A, "退订")
    factory, state = crash_once(lambda: env.accounts, "parse_replies")

    with pytest.raises(Crash):
        env.new_syncer(factory).sync_account(name)

    assert state["crashed"] == 1
    assert env.count("replies") == 0
    assert env.count("raw_bodies", "kind='replies' AND parsed=0") == 1

    env.reopen()
    res = env.syncer.sync_account(name)

    assert [r["content"] for r in res.new_replies] == ["退订"]
    assert env.count("blacklist", "phone=?", A) == 1
    again = env.syncer.sync_account(name, force=True)
    assert again.new_replies == []
    assert env.count("replies") == 1


def test_recovery_ignores_the_poll_interval(env: Env) -> None:
    name = env.add("jsm")  # 180 s between pulls
    job = env.send(name, [A])
    factory, _ = crash_once(lambda: env.accounts, "parse_reports")
    with pytest.raises(Crash):
        env.new_syncer(factory).sync_account(name)

    env.sim.clear_requests()
    res = env.syncer.sync_account(name)  # too soon to pull, never too soon to recover

    assert res.recovered == 1
    assert env.message(job, A)["state"] == MsgState.DELIVERED
    assert res.skipped_reason is not None and res.wait_seconds
    assert env.sim.requests == []  # both kinds were claimed before the crash: no request


def test_body_that_keeps_crashing_is_set_aside(env: Env) -> None:
    name = env.add("txt112088")

    def always_crash(nm: str) -> Any:
        gw = env.accounts.gateway(nm)

        def boom(raw: Any) -> Any:
            raise Crash("always")

        gw.parse_reports = boom  # type: ignore[method-assign]
        return gw

    rid = env.syncer.store_body(name, "reports", b"1|6408601;13800138000;10")
    crashing = env.new_syncer(always_crash)
    for _ in range(MAX_REPARSE_ATTEMPTS):
        with pytest.raises(Crash):
            crashing.reparse_pending(name)

    res = crashing.reparse_pending(name)  # no crash: the body is set aside

    assert res.errors and "#" in res.errors[0]
    row = env.one("SELECT parsed, error FROM raw_bodies WHERE id=?", rid)
    assert row is not None and row["parsed"] == 2 and "set aside" in row["error"]
    # once the client is fixed, the failed body can be re-parsed on request
    fixed = env.syncer.reparse_pending(name, include_failed=True)
    assert [r["phone"] for r in fixed.new_reports] == ["13800138000"]
    assert env.one("SELECT parsed FROM raw_bodies WHERE id=?", rid)["parsed"] == 1  # type: ignore[index]


def test_parse_failure_marks_body_and_keeps_it(env: Env) -> None:
    name = env.add("ipyy")
    rid = env.syncer.store_body(
        name, "reports", b"<html>\xff\xfe not xml", content_type="text/html"
    )

    res = env.syncer.reparse_pending()

    assert len(res.errors) == 1
    row = env.one("SELECT parsed, error, body FROM raw_bodies WHERE id=?", rid)
    assert row is not None and row["parsed"] == 2 and row["error"]
    assert bytes(row["body"]) == b"<html>\xff\xfe not xml"
    # not retried by the ordinary recovery
    assert env.syncer.reparse_pending().errors == []


def test_reparse_decodes_the_body_as_the_live_path_did(env: Env) -> None:
    # An ipyy account set to GBK queries statusApi/callApi with UTF-8 as the fallback; a reply
    # that declares no charset must be decoded the same way when it is re-parsed from the store.
    name = "ipyy-gbk"
    env.sim.add_account("ipyy", "u2", "pw")
    env.accounts.add(
        Account(
            name=name,
            family="ipyy",
            base_url=env.sim.base_url("ipyy"),
            username="u2",
            userid="1",
            charset="gbk",
        ),
        "pw",
    )
    gw = env.accounts.gateway(name)
    assert gw.charset == "gbk"
    body = (
        "<returnsms><callbox><mobile>13800138000</mobile><taskid>1</taskid>"
        "<content>周六见，谢谢</content><receivetime>2024-01-02 10:00:00</receivetime>"
        "</callbox></returnsms>"
    ).encode()
    raw = RawReply.from_bytes(body, None, fallback="utf-8", url="http://x/callApi.aspx")
    assert [r.content for r in gw.parse_replies(raw).items] == ["周六见，谢谢"]

    rid = env.syncer.store_reply(name, "replies", raw, gw.charset)
    res = env.syncer.reparse_pending(name)

    assert [r["content"] for r in res.new_replies] == ["周六见，谢谢"]
    row = env.one("SELECT content_type, body FROM raw_bodies WHERE id=?", rid)
    assert row is not None and bytes(row["body"]) == body  # the bytes are kept as received
    assert "utf-8" in row["content_type"]

"""A page that comes back full is pulled again at once: a backlog arrives in one sync.

ipyy, jsm and txt112088 hand each report and reply out once and at most a page a pull (txt112088
100 reports or 50 replies, ipyy ``statusNum`` reports). A sync pulls again while a page is full,
up to the family's bound on pages, never faster than the vendor's minimum interval (jsm: one pull
of a kind per 3 minutes), each page stored raw and applied before the next request leaves.

Small pages are set on both sides: the simulator's ``page_sizes`` (what the host hands out) and
the account's ``page_size_reports`` / ``page_size_replies`` (what the client counts as full).
"""

from __future__ import annotations

from typing import Any

import pytest
from synchelpers import Crash, Env

from sms_desktop.core.gateways import Gateway, gateway_class
from sms_desktop.core.jobs.model import MsgState
from sms_desktop.core.sync import Poller, Syncer
from sms_desktop.simulator.state import Report

# the report and reply query endpoints (last path segment, lower case) of each pull family
ENDPOINTS = {
    "ipyy": ("statusapi.aspx", "callapi.aspx"),
    "txt112088": ("get_report_txt.asp", "get_receive_message_txt.asp"),
}


def _phones(n: int, first: int = 13800000000) -> list[str]:
    return [str(first + i) for i in range(n)]


def _add(env: Env, family: str, reports: int | None, replies: int | None) -> str:
    """An account whose host hands out pages of these sizes, and a client that knows them."""
    env.sim.set_page_sizes({family: {"reports": reports, "replies": replies}})
    options = {}
    if reports is not None:
        options["page_size_reports"] = str(reports)
    if replies is not None:
        options["page_size_replies"] = str(replies)
    return env.add(family, account={"options": options})


def _send(env: Env, name: str, phones: list[str]) -> list[int]:
    """Send to every number (in requests the family takes) and record the messages."""
    limit = env.accounts.gateway(name).batch_limit
    return [env.send(name, phones[i : i + limit]) for i in range(0, len(phones), limit)]


def _reply_backlog(env: Env, family: str, n: int) -> list[tuple[str, str]]:
    out = []
    for i, phone in enumerate(_phones(n, 13900000000)):
        text = f"回复{i}号"
        env.sim.inject_reply(family, "u1", phone, text)
        out.append((phone, text))
    return out


def _pulls(env: Env, endpoint: str) -> int:
    return sum(1 for r in env.sim.requests if r.endpoint.lower() == endpoint)


def _methods(env: Env) -> list[str]:
    return [r.params.get("method", "") for r in env.sim.requests]


def _expected_states(env: Env, family: str) -> dict[str, str]:
    """The state each number's message must end in, from the outcomes the gateway drew."""
    states = {"ok": MsgState.DELIVERED}
    return {
        m.phone: states.get(m.outcome, MsgState.UNDELIVERED)
        for m in env.sim.account(family, "u1").sent
    }


def _assert_settled_exactly(env: Env, family: str, name: str) -> None:
    expected = _expected_states(env, family)
    got = {
        r["phone"]: r["state"]
        for r in env.rows("SELECT phone, state FROM messages WHERE account=?", name)
    }
    assert got == expected
    assert env.count("reports", "account=?", name) == len(expected)
    assert env.count("reports", "account=? AND message_id IS NULL", name) == 0
    stored = env.rows("SELECT phone, COUNT(*) AS n FROM reports GROUP BY phone HAVING COUNT(*) > 1")
    assert stored == []  # none twice


def _pending(env: Env, family: str) -> tuple[int, int]:
    acct = env.sim.account(family, "u1")
    return len(acct.reports), len(acct.replies)


# ---- a backlog of N pages and a bit arrives in one sync ------------------------------------
@pytest.mark.parametrize(
    ("family", "report_page", "reply_page", "pages", "extra"),
    [
        ("txt112088", 5, 4, 3, 2),  # N×page+k
        ("txt112088", 6, 3, 2, 0),  # exactly N full pages: one more pull finds nothing
        ("ipyy", 7, 5, 3, 1),
        ("ipyy", 4, 6, 2, 0),
    ],
)
def test_a_backlog_of_several_pages_arrives_in_one_sync(
    env: Env, family: str, report_page: int, reply_page: int, pages: int, extra: int
) -> None:
    env.sim.report_success_ratio = 0.7  # undelivered ones too: statuses must be exact
    name = _add(env, family, report_page, reply_page)
    _send(env, name, _phones(pages * report_page + extra))
    replies = _reply_backlog(env, family, pages * reply_page + extra)
    env.sim.clear_requests()

    res = env.syncer.sync_account(name)

    assert res.errors == []
    assert len(res.new_reports) == pages * report_page + extra
    assert sorted((r["phone"], r["content"]) for r in res.new_replies) == sorted(replies)
    _assert_settled_exactly(env, family, name)
    assert env.count("replies") == len(replies)
    # every full page was followed by one more pull, the short (or empty) one ended it
    reports_ep, replies_ep = ENDPOINTS[family]
    assert _pulls(env, reports_ep) == pages + 1
    assert _pulls(env, replies_ep) == pages + 1
    assert res.pages == {"reports": pages + 1, "replies": pages + 1}
    assert res.more == []
    assert _pending(env, family) == (0, 0)
    # each page was stored raw, and applied
    assert env.count("raw_bodies", "parsed=1") == 2 * (pages + 1)
    assert env.count("raw_bodies", "parsed!=1") == 0


def test_txt112088_pages_as_the_vendor_documents_them(env: Env) -> None:
    """100 reports and 50 replies a pull, with no page size set anywhere."""
    name = env.add("txt112088")
    _send(env, name, _phones(2 * 100 + 7))
    replies = _reply_backlog(env, "txt112088", 2 * 50 + 3)
    env.sim.clear_requests()

    res = env.syncer.sync_account(name)

    assert res.errors == []
    assert len(res.new_reports) == 207
    assert len(res.new_replies) == 103
    assert sorted((r["phone"], r["content"]) for r in res.new_replies) == sorted(replies)
    _assert_settled_exactly(env, "txt112088", name)
    sizes = [len(r.response.split(b"|")) - 1 for r in env.sim.requests if r.response]
    assert sizes == [100, 100, 7, 50, 50, 3]


def test_ipyy_reports_page_by_its_status_num(env: Env) -> None:
    """The account's ``statusNum`` asks for the page and is the page size the client counts."""
    env.sim.set_page_sizes({"ipyy": {"reports": 4000}})
    name = env.add("ipyy", account={"options": {"statusNum": "9"}})
    _send(env, name, _phones(9 * 3 + 4))
    env.sim.clear_requests()

    res = env.syncer.sync_account(name)

    assert len(res.new_reports) == 31
    asked = [r.params.get("statusNum") for r in env.sim.requests if r.endpoint == "statusApi.aspx"]
    assert asked == ["9", "9", "9", "9"]
    _assert_settled_exactly(env, "ipyy", name)


# ---- the bound on pages ------------------------------------------------------------------
def test_the_bound_on_pages_is_respected_and_the_poller_comes_back_at_once(env: Env) -> None:
    name = _add(env, "txt112088", 5, 5)
    _send(env, name, _phones(5 * 5 + 3))
    syncer = Syncer(env.db, env.accounts, clock=lambda: env.clock[0], max_pages=2)
    poller = Poller(syncer, default_interval=300)
    env.sim.clear_requests()

    first = syncer.sync_account(name)

    assert len(first.new_reports) == 10
    assert _pulls(env, "get_report_txt.asp") == 2
    assert first.more == ["reports"]
    assert first.pages == {"reports": 2, "replies": 1}
    # more is waiting: due again at once (txt112088 has no minimum interval), not in 300 s
    assert poller.wait_for(name) == 0
    assert poller.due() == [name]

    got = len(first.new_reports)
    for _ in range(2):
        got += sum(len(r.new_reports) for r in poller.run_due())
    assert got == 28
    assert _pulls(env, "get_report_txt.asp") == 2 + 2 + 2  # pages of 5, 5 | 5, 5 | 5, 3
    _assert_settled_exactly(env, "txt112088", name)
    # drained: back to the poll interval
    assert poller.wait_for(name) == 300
    assert poller.due() == []


def test_the_family_bound_is_its_declared_one(env: Env) -> None:
    bound = gateway_class("txt112088").capabilities.paging.max_pages
    name = _add(env, "txt112088", 1, 1)
    _send(env, name, _phones(bound + 5))
    env.sim.clear_requests()

    res = env.syncer.sync_account(name)

    assert _pulls(env, "get_report_txt.asp") == bound
    assert len(res.new_reports) == bound
    assert res.more == ["reports"]
    assert _pending(env, "txt112088")[0] == 5


def test_a_full_page_of_records_already_stored_ends_the_paging(env: Env) -> None:
    """A host that serves the same page again: nothing new, so no more pulls (not the bound)."""
    name = _add(env, "txt112088", 3, 3)
    page = "3|801;13800000001;10|801;13800000002;10|801;13800000003;20"
    env.sim.set_fault("txt112088", "reply", body=page, endpoint="get_report_txt.asp")
    env.sim.clear_requests()

    res = env.syncer.sync_account(name)

    assert len(res.new_reports) == 3
    assert _pulls(env, "get_report_txt.asp") == 2
    assert res.more == []


# ---- the vendor's minimum interval (jsm) -------------------------------------------------
def test_jsm_interval_forbids_an_immediate_pull_the_poller_returns_at_it(env: Env) -> None:
    env.sim.set_page_sizes({"jsm": {"reports": 10, "replies": 10}})
    name = env.add("jsm")
    _send(env, name, _phones(25))
    replies = _reply_backlog(env, "jsm", 23)
    poller = Poller(env.syncer, default_interval=300)
    env.sim.clear_requests()

    first = env.syncer.sync_account(name)

    # one request of each kind: jsm asks for 3 minutes between queries
    assert _methods(env) == ["queryReport", "queryMo"]
    assert (len(first.new_reports), len(first.new_replies)) == (10, 10)
    assert first.more == ["reports", "replies"]
    # more may be waiting: due again after the vendor's 180 s, not the poll interval's 300 s
    assert poller.wait_for(name) == 180
    env.clock[0] += 100
    assert env.syncer.sync_account(name).skipped_reason is not None
    assert len(env.sim.requests) == 2
    # a forced sync bypasses the interval for its first request of each kind only
    env.sim.clear_requests()
    forced = env.syncer.sync_account(name, force=True)
    assert _methods(env) == ["queryReport", "queryMo"]
    assert (len(forced.new_reports), len(forced.new_replies)) == (10, 10)

    got_reports = len(first.new_reports) + len(forced.new_reports)
    got_replies = first.new_replies + forced.new_replies
    for _ in range(2):  # 5 and 3 left; then empty pulls end the backlog
        env.clock[0] += 180
        assert poller.due() == [name]
        for r in poller.run_due():
            got_reports += len(r.new_reports)
            got_replies += r.new_replies
    assert got_reports == 25
    assert sorted((r["phone"], r["content"]) for r in got_replies) == sorted(replies)
    _assert_settled_exactly(env, "jsm", name)
    # an empty pull ended the backlog: back to the poll interval
    assert poller.wait_for(name) == 300


def test_qxt_pushes_and_is_never_paged(env: Env) -> None:
    name = env.add("qxt")
    env.sim.clear_requests()

    res = env.syncer.sync_account(name)

    assert res.skipped_reason is not None and res.pages == {} and res.more == []
    assert env.sim.requests == []
    assert gateway_class("qxt").capabilities.push


# ---- raw first and once, page by page --------------------------------------------------------
def _crash_on_fetch(env: Env, method: str, call: int) -> tuple[Any, dict[str, int]]:
    """A gateway factory whose ``method`` (fetch_reports/fetch_replies) dies on its ``call``-th
    call, before that request leaves: a crash between two pages."""
    state = {"calls": 0}

    def factory(name: str) -> Gateway:
        gw = env.accounts.gateway(name)
        original = getattr(gw, method)

        def fetch(*args: Any, **kwargs: Any) -> Any:
            state["calls"] += 1
            if state["calls"] == call:
                raise Crash(f"crash before {method} #{call}")
            return original(*args, **kwargs)

        setattr(gw, method, fetch)
        return gw

    return factory, state


@pytest.mark.parametrize("family", ["txt112088", "ipyy"])
def test_a_crash_between_pages_loses_nothing(env: Env, family: str) -> None:
    name = _add(env, family, 5, 4)
    _send(env, name, _phones(5 * 4 + 3))
    replies = _reply_backlog(env, family, 4 * 3 + 1)
    factory, _ = _crash_on_fetch(env, "fetch_reports", 3)

    with pytest.raises(Crash):
        env.new_syncer(factory).sync_account(name)

    # the two pages pulled before the crash are stored and applied, committed
    assert env.committed("SELECT COUNT(*) FROM reports") == [(10,)]
    assert env.committed("SELECT parsed, COUNT(*) FROM raw_bodies GROUP BY parsed") == [(1, 2)]

    env.reopen()
    res = env.syncer.sync_account(name)

    assert len(res.new_reports) == 13
    _assert_settled_exactly(env, family, name)
    assert sorted((r["phone"], r["content"]) for r in res.new_replies) == sorted(replies)
    assert _pending(env, family) == (0, 0)


def test_a_crash_after_storing_page_two_before_applying_it_loses_nothing(env: Env) -> None:
    name = _add(env, "txt112088", 5, 5)
    _send(env, name, _phones(5 * 3 + 2))
    calls = {"n": 0}

    def factory(n: str) -> Gateway:
        gw = env.accounts.gateway(n)
        original = gw.parse_reports

        def parse(raw: Any) -> Any:
            calls["n"] += 1
            if calls["n"] == 2:  # page 2: its body is committed, not yet parsed
                raise Crash("crash while parsing page 2")
            return original(raw)

        gw.parse_reports = parse  # type: ignore[method-assign]
        return gw

    with pytest.raises(Crash):
        env.new_syncer(factory).sync_account(name)
    assert env.committed("SELECT parsed, COUNT(*) FROM raw_bodies GROUP BY parsed") == [
        (0, 1),
        (1, 1),
    ]

    env.reopen()
    res = env.syncer.sync_account(name)

    assert res.recovered == 1  # page 2, from its stored bytes
    assert len(res.new_reports) == 12
    _assert_settled_exactly(env, "txt112088", name)


def test_a_malformed_record_in_page_two_costs_only_itself(env: Env) -> None:
    name = _add(env, "txt112088", 5, 5)
    _send(env, name, _phones(5 * 3 + 1))
    acct = env.sim.account("txt112088", "u1")
    bad = Report("txt112088", "u1", "999", "", "", "ok", due=0.0)  # no phone: unreadable
    acct.reports.insert(7, bad)  # the third record of page 2
    env.sim.clear_requests()

    res = env.syncer.sync_account(name)

    assert res.unparsed == 1
    assert len(res.new_reports) == 16  # page 2's four others, and every later page
    _assert_settled_exactly(env, "txt112088", name)
    assert _pulls(env, "get_report_txt.asp") == 4  # page 2 still counted as full
    kept = env.rows("SELECT body FROM raw_bodies WHERE kind='reports.record'")
    assert [bytes(r["body"]) for r in kept] == [b"999;;10"]

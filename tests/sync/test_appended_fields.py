"""Records carry more than the documents' examples: each is read by its known leading fields,
and what follows is kept as extra data (``DeliveryReport.extra``, ``Reply.extra``).

txt112088 hosts append a time: ``id;phone;10;2017-02-09 12:00:00`` in reports and
``id;phone;TD;2017-02-09 12:00:00`` in replies; the status must still apply and the ``TD`` is
still an opt-out. The simulator's ``appended_fields`` knob appends fields to every family's
records (txt112088 ``;v``, ipyy/jsm ``<extN>`` elements, qxt push parameters ``extN``);
Hypothesis generates them.
"""

from __future__ import annotations

import re
import time
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synchelpers import Env

from sms_desktop.core.engine import MsgState
from sms_desktop.core.gateways import AccountConfig, gateway_class
from sms_desktop.core.gateways.qxt import decode_push_query
from sms_desktop.core.push_receiver import PushReceiver

A, B = "13800138000", "13900139000"
TEXT = "会员日八折，回复TD退订【测试】"


def _local_text(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")


def test_txt112088_reports_and_replies_with_an_appended_time(env: Env) -> None:
    name = env.add("txt112088")
    moment = float(int(time.time()) - 60)
    env.sim.clock = lambda: moment
    job = env.send(name, [A, B])
    env.sim.inject_reply("txt112088", "u1", A, "TD", time=moment + 5)
    env.sim.inject_reply("txt112088", "u1", B, "好的;周五见", time=moment + 6)
    env.sim.clock = time.time
    env.sim.appended_fields = ["{time}"]

    res = env.syncer.sync_account(name, force=True)

    reports = env.sim.requests[-2].response or b""
    assert re.search(rb"\d+;13800138000;10;\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", reports)
    assert res.errors == [] and res.unparsed == 0
    # the status applies …
    assert env.message(job, A)["state"] == MsgState.DELIVERED
    assert env.message(job, B)["state"] == MsgState.DELIVERED
    assert {r["time"] for r in res.new_reports} == {_local_text(moment)}  # Beijing, read as local
    # … and the TD is an opt-out; a ";" inside a reply's own text survives
    replies = {r["phone"]: r for r in res.new_replies}
    assert replies[A]["content"] == "TD" and replies[A]["opt_out"]
    assert replies[A]["time"] == _local_text(moment + 5)
    assert replies[B]["content"] == "好的;周五见" and not replies[B]["opt_out"]
    assert env.count("blacklist", "phone=?", A) == 1


# ---- every family, generated records -----------------------------------------------------------

# Values a host might append: words, codes, times; never a record separator of the family.
_VALUE = st.one_of(
    st.just("{time}"),
    st.text(alphabet="abcXYZ0123456789:-_.退订收到成功", min_size=1, max_size=12),
)
_SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))


def _gw(sim, family: str):
    sim.add_account(family, "u", "p", verycode="v", userid="1")
    cls = gateway_class(family)
    return cls(AccountConfig(family, sim.base_url(family), "u", "p", userid="1", verycode="v"))


@pytest.mark.parametrize("family", ["ipyy", "jsm", "txt112088"])
def test_pulled_reports_with_appended_fields(sim, family: str) -> None:
    gw = _gw(sim, family)

    @_SETTINGS
    @given(st.lists(_VALUE, min_size=1, max_size=4), st.booleans())
    def check(values: list[str], ok: bool) -> None:
        sim.appended_fields = values
        sim.report_success_ratio = 1.0 if ok else 0.0
        sent = gw.send([A], "你好")
        res = gw.fetch_reports()
        assert res.unparsed == []
        [rep] = res.items
        assert (rep.phone, rep.delivered) == (A, ok)
        assert rep.gateway_id == sent.results[0].gateway_id
        assert len(rep.extra) == len(values)
        if family == "txt112088":  # appended after the status: the time is the first time
            assert rep.extra == tuple(
                sim.appended_values(sim.account(family, "u").sent[-1].accepted_at)
            )
            if "{time}" in values:
                assert rep.time is not None
        else:
            assert [e.split("=", 1)[0] for e in rep.extra] == [
                f"ext{i + 1}" for i in range(len(values))
            ]

    check()


_CONTENT = st.text(alphabet="TD退订好的收到;，,. abc123", min_size=1, max_size=15).filter(
    lambda t: t.strip() == t and t.strip(";，,")
)


@pytest.mark.parametrize("family", ["ipyy", "jsm", "txt112088"])
def test_pulled_replies_with_appended_fields(sim, family: str) -> None:
    gw = _gw(sim, family)

    @_SETTINGS
    @given(_CONTENT, st.lists(_VALUE, max_size=3))
    def check(content: str, more: list[str]) -> None:
        # a reply's text may hold ";": the appended part is told apart by its leading time
        values = ["{time}", *more] if family == "txt112088" else more
        sim.appended_fields = values
        sim.inject_reply(family, "u", A, content)
        [reply] = gw.fetch_replies().items
        assert reply.content == content
        assert len(reply.extra) == len(values)
        assert reply.time is not None

    check()


def test_qxt_pushes_with_appended_parameters(env: Env) -> None:
    name = env.add("qxt")
    gw = env.accounts.gateway(name)
    rx = PushReceiver(env.db, name, "127.0.0.1", 0, accounts=env.accounts)
    rx.start()
    env.sim.qxt_push_auto = False
    env.sim.set_push_url("u1", rx.url)
    try:

        @_SETTINGS
        @given(st.lists(_VALUE, min_size=1, max_size=3), st.booleans())
        def check(values: list[str], optout: bool) -> None:
            env.sim.appended_fields = values
            job = env.send(name, [A])
            env.sim.inject_reply("qxt", "u1", A, "TD" if optout else "收到")
            assert env.sim.flush_pushes() == 2
            report_push, reply_push = env.sim.pushes[-2:]
            reports, _ = gw.parse_push(decode_push_query(report_push.raw))
            _, replies = gw.parse_push(decode_push_query(reply_push.raw))
            assert [(r.phone, r.delivered, len(r.extra)) for r in reports] == [
                (A, True, len(values))
            ]
            assert [(r.content, len(r.extra)) for r in replies] == [
                ("TD" if optout else "收到", len(values))
            ]
            assert env.message(job, A)["state"] == MsgState.DELIVERED

        check()
    finally:
        rx.stop()


@pytest.mark.parametrize(
    ("reply", "accepted"),
    [
        ("0|2|0|6408601|2017-02-09 12:00:00", ["6408601", "6408601"]),
        ("0|2|0|11,12|2017-02-09 12:00:00|x", ["11", "12"]),
        ("0|2|0|11|12", ["11", "12"]),
    ],
)
def test_txt112088_send_reply_with_appended_items(sim, reply: str, accepted: list[str]) -> None:
    gw = _gw(sim, "txt112088")
    sim.set_fault("txt112088", "reply", count=1, body=reply)
    res = gw.send([A, B], "你好")
    assert [r.gateway_id for r in res.results] == accepted


@pytest.mark.parametrize("reply", ["ok:777:13800138000,13900139000:2017-02-09 12:00:00"])
def test_qxt_send_reply_with_an_appended_field(sim, reply: str) -> None:
    gw = _gw(sim, "qxt")
    sim.set_fault("qxt", "reply", count=1, body=reply)
    res = gw.send([A, B], "你好")
    assert [(r.outcome.value, r.gateway_id) for r in res.results] == [("accepted", "777")] * 2


def test_txt112088_balance_with_an_appended_field(sim) -> None:
    gw = _gw(sim, "txt112088")
    sim.set_fault("txt112088", "reply", count=1, body="1234|2017-02-09 12:00:00")
    bal = gw.balance()
    assert bal.ok and bal.messages == 1234


def test_txt112088_refused_words_and_replies_with_an_appended_time(sim) -> None:
    gw = _gw(sim, "txt112088")
    sim.set_fault("txt112088", "reply", count=1, body="-3|赌博,发票|2017-02-09 12:00:00")
    res = gw.send([A], "你好")
    assert "赌博、发票。" in (res.results[0].message_zh or "")
    body = (
        "2|133,13798361236;我回复一条,2017-02-09 12:00:00|134;13826588212;TD；2017-02-09 12:00:01"
    )
    sim.set_fault("txt112088", "reply", count=1, endpoint="get_receive_message_txt.asp", body=body)
    replies = gw.fetch_replies().items
    assert [(r.phone, r.content) for r in replies] == [
        ("13798361236", "我回复一条"),
        ("13826588212", "TD"),
    ]
    assert all(r.time is not None and r.extra for r in replies)

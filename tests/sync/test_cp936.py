"""GBK means Windows code page 936: the single byte 0x80 is € (what classic ASP/IIS emits).

Python's ``gbk``, its alias ``cp936`` and ``gb18030`` all refuse that byte, so a reply body with
one was refused whole as mojibake, losing every reply in it (a ``TD`` opt-out too). The client's
one GBK codec (``charsets.WINDOWS_GBK``) reads and writes it for every GBK account; the
simulator's ``windows_gbk`` knob (on by default) writes its GBK bodies as code page 936.
"""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synchelpers import Env

from sms_desktop.core import charsets
from sms_desktop.core.engine import Engine, JobSpec
from sms_desktop.core.gateways import AccountConfig, Outcome, gateway_class

A, B, C = "13800138000", "13900139000", "13700137000"


@pytest.mark.parametrize("name", ["gbk", "cp936", "gb18030", "gb2312", "ms936"])
def test_pythons_own_gb_codecs_refuse_0x80(name: str) -> None:
    """Why the codec exists (checked): none of Python's GB codecs reads the single byte."""
    with pytest.raises(UnicodeDecodeError):
        b"5\x80".decode(name)


def test_the_codec_reads_and_writes_0x80_as_euro() -> None:
    cs = charsets.codec("GBK")
    assert cs == charsets.WINDOWS_GBK and codecs.lookup(cs).name == cs
    assert charsets.codec("gb2312") == charsets.codec("cp936") == cs
    assert charsets.canonical(cs) == "gbk"  # the account's label stays gbk
    assert "价格€5".encode(cs) == "价格".encode("gbk") + b"\x805"
    assert ("价格".encode("gbk") + b"\x805").decode(cs) == "价格€5"
    assert b"\x81\x80".decode(cs) == b"\x81\x80".decode("gbk")  # 0x80 as a trail byte: GBK's
    with pytest.raises(UnicodeEncodeError):
        "🎂".encode(cs)
    with pytest.raises(UnicodeDecodeError):
        b"a\xff".decode(cs)
    assert b"a\xffb".decode(cs, errors="replace") == "a\ufffdb"


_GBK_TEXT = st.text(alphabet=st.sampled_from("€退订价格ab1 ;|亐丂\u3000"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_GBK_TEXT, st.integers(0, 80))
def test_round_trip_and_incremental_decoding(text: str, cut: int) -> None:
    cs = charsets.WINDOWS_GBK
    data = text.encode(cs)
    assert data.decode(cs) == text
    dec = codecs.getincrementaldecoder(cs)()
    cut = min(cut, len(data))
    assert dec.decode(data[:cut]) + dec.decode(data[cut:], final=True) == text


def test_a_txt112088_reply_body_with_0x80_is_read_whole(env: Env) -> None:
    """Three replies in one body, one with €: all three arrive, and the TD is an opt-out."""
    name = env.add("txt112088")
    for phone, text in ((A, "价格€5可以吗"), (B, "TD"), (C, "好的")):
        env.sim.inject_reply("txt112088", "u1", phone, text)

    res = env.syncer.sync_account(name)

    raw = env.sim.requests[-1].response or b""
    assert b"\x80" in raw and "价格".encode("gbk") in raw  # the body really is code page 936
    assert res.errors == []
    assert sorted((r["phone"], r["content"]) for r in res.new_replies) == [
        (C, "好的"),
        (A, "价格€5可以吗"),
        (B, "TD"),
    ]
    assert env.count("blacklist", "phone=?", B) == 1


@pytest.mark.parametrize("family", ["ipyy", "jsm"])
def test_an_undeclared_gbk_pull_with_0x80_is_read(env: Env, family: str) -> None:
    name = env.add(family, account={"charset": "gbk"})
    env.sim.undeclared_query_charset = "gbk"
    env.sim.inject_reply(family, "u1", A, "€100 退订")
    res = env.syncer.sync_account(name, force=True)
    assert res.errors == []
    assert [r["content"] for r in res.new_replies] == ["€100 退订"]


def test_a_qxt_push_with_0x80_is_read(env: Env) -> None:
    """The simulator pushes its GBK as code page 936; the receiver reads the € and the opt-out."""
    from sms_desktop.core.push_receiver import PushReceiver

    name = env.add("qxt")
    rx = PushReceiver(env.db, name, "127.0.0.1", 0, token="tok-0123456789", accounts=env.accounts)
    rx.start()
    try:
        env.sim.set_push_url("u1", rx.url)
        env.sim.inject_reply("qxt", "u1", A, "€5太贵，退订")
        assert env.sim.flush_pushes() == 1
    finally:
        rx.stop()
    [push] = env.sim.pushes
    assert b"msg=%805" in push.raw
    [reply] = env.rows("SELECT * FROM replies WHERE account=?", name)
    assert reply["content"] == "€5太贵，退订" and reply["opt_out"] == 1


# (family, account charset): every GBK endpoint or account
GBK_ACCOUNTS = [("ipyy", "gbk"), ("qxt", None), ("jsm", "gbk"), ("txt112088", None)]


@pytest.mark.parametrize(("family", "charset"), GBK_ACCOUNTS)
def test_euro_passes_the_send_check_and_arrives_as_0x80(sim, family, charset) -> None:
    sim.add_account(family, "u", "p", verycode="v", userid="1")
    cls = gateway_class(family)
    acct = AccountConfig(
        family, sim.base_url(family), "u", "p", userid="1", verycode="v", charset=charset
    )
    gw = cls(acct)
    assert gw.charset == "gbk"
    assert charsets.unencodable_chars("会费€50", gw.charset) == []
    res = gw.send([A], "会费€50")
    assert res.count(Outcome.ACCEPTED) == 1
    req = sim.requests[-1]
    assert b"%80" in req.body  # € went out as code page 936's single byte
    assert sim.account(family, "u").sent[0].text == "会费€50"


def test_the_estimate_accepts_euro_on_a_gbk_account(home, sim) -> None:
    from sms_desktop.core.accounts import Account, AccountStore
    from sms_desktop.core.secrets import SecretStore
    from sms_desktop.core.store import open_database

    db = open_database(home)
    try:
        accounts = AccountStore(db, SecretStore(home))
        sim.add_account("txt112088", "u", "p")
        accounts.add(Account("t", "txt112088", sim.base_url("txt112088"), "u"), "p")
        engine = Engine(db, accounts, sleep=lambda s: None)
        est = engine.estimate(JobSpec("t", "会费€50，回复TD退订", [A]))
        assert not est.problems
        job = engine.create_job(JobSpec("t", "会费€50，回复TD退订", [A]))
        assert engine.run_job(job).accepted == 1
        assert sim.account("txt112088", "u").sent[0].text == "会费€50，回复TD退订"
        # what Python's strict GBK cannot carry is still refused, and named
        est = engine.estimate(JobSpec("t", "生日快乐🎂", [A]))
        assert est.problems and "🎂" in str(est.problems[0])
    finally:
        db.close()

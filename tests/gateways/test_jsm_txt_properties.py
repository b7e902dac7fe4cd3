"""Property-based tests of the jsm and txt112088 parsers: whatever bytes arrive, only a valid
result or ProtocolError comes out; valid replies round-trip; no more than ``a`` numbers are ever
reported accepted."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sms_desktop.core.errors import InputError, ProtocolError
from sms_desktop.core.gateways import (
    AccountConfig,
    Balance,
    Outcome,
    QueryResult,
    RawReply,
    SendResult,
    Template,
)
from sms_desktop.core.gateways.jsm import JsmGateway
from sms_desktop.core.gateways.txt112088 import Txt112088Gateway, valid_number

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

JSM = JsmGateway(AccountConfig("jsm", "http://127.0.0.1:9", "u", "p"))
TXT = Txt112088Gateway(AccountConfig("txt112088", "http://127.0.0.1:9", "u", "p"))
PHONES = ["13800000001", "13800000002"]

JSM_VALID = [
    b'<?xml version="1.0" encoding="UTF-8"?><sms><mt><status>0</status><msgid>ab12</msgid></mt></sms>',
    b"<sms><mt><status>110#(\xe6\x9d\x8e,XX)</status></mt></sms>",
    b"<sms><mt><status>0</status><account>12.5</account></mt></sms>",
    b"<sms><rpt><mobile>13800000001</mobile><msgid>1</msgid><status>DELIVRD</status>"
    b"<time>2015-06-08 11:21:46</time><extno></extno></rpt></sms>",
    b"<sms><mo><mobile>13800000001</mobile><recvcode>1069</recvcode><content>hi</content>"
    b"<time>2015-04-02 22:12:11</time></mo></sms>",
    b"<sms><mt><status>104</status></mt></sms>",
]
TXT_VALID = [
    "0|2|0|6408601",
    "0|1|1|1,2",
    "-3|赌博",
    "3|6408676;13682250950;20|6408649;13711147169;10|1;13719445093;-1",
    "2|133,13798361236;我回复一条|134,13826588212;我也回复一条",
    "1234",
    "-7",
]


def _raw(body: bytes, ctype: str | None) -> RawReply:
    return RawReply.from_bytes(body, ctype, fallback="gbk")


@st.composite
def mutated(draw, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["cut", "insert", "flip"]))
        pos = draw(st.integers(0, len(data)))
        if op == "cut":
            del data[pos : pos + draw(st.integers(1, 8))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=6))
        elif data:
            data[min(pos, len(data) - 1)] ^= draw(st.integers(1, 255))
    return bytes(data)


def _check_send(res: SendResult, phones: list[str]) -> None:
    assert [r.phone for r in res.results] == phones
    for r in res.results:
        assert isinstance(r.outcome, Outcome)
        if r.outcome is not Outcome.ACCEPTED:
            assert r.gateway_id is None


def _all_parsers(gw, body: bytes, ctype: str | None) -> None:
    raw = _raw(body, ctype)
    for parse in (
        lambda: gw.parse_send(PHONES, raw),
        lambda: gw.parse_balance(raw),
        lambda: gw.parse_reports(raw),
        lambda: gw.parse_replies(raw),
    ):
        try:
            out = parse()
        except ProtocolError:
            continue
        assert isinstance(out, SendResult | Balance | QueryResult)
        if isinstance(out, SendResult):
            _check_send(out, PHONES)


CTYPES = st.sampled_from([None, "text/xml; charset=UTF-8", "text/plain; charset=gbk", "text/xml"])


@SETTINGS
@given(body=st.binary(max_size=300), ctype=CTYPES)
def test_jsm_arbitrary_bytes(body, ctype):
    _all_parsers(JSM, body, ctype)


@SETTINGS
@given(body=mutated(JSM_VALID), ctype=CTYPES)
def test_jsm_mutated_replies(body, ctype):
    _all_parsers(JSM, body, ctype)


@SETTINGS
@given(text=st.text(max_size=200))
def test_jsm_arbitrary_text(text):
    _all_parsers(JSM, ("<sms><mt><status>" + text + "</status></mt></sms>").encode(), None)
    _all_parsers(JSM, text.encode("utf-8"), "text/xml; charset=utf-8")


@SETTINGS
@given(body=st.binary(max_size=300), ctype=CTYPES)
def test_txt_arbitrary_bytes(body, ctype):
    _all_parsers(TXT, body, ctype)


@SETTINGS
@given(body=mutated([t.encode("gbk") for t in TXT_VALID]), ctype=CTYPES)
def test_txt_mutated_replies(body, ctype):
    _all_parsers(TXT, body, ctype)


@SETTINGS
@given(text=st.text(max_size=200))
def test_txt_arbitrary_text(text):
    _all_parsers(TXT, text.encode("utf-8"), "text/plain; charset=utf-8")


# ---- semantics ------------------------------------------------------------------------------

VALUE = st.text(
    alphabet=st.characters(blacklist_characters=",=@", blacklist_categories=["Cs"]), max_size=12
)


@SETTINGS
@given(values=st.lists(VALUE, min_size=1, max_size=8), bad=st.sampled_from(",=@"))
def test_jsm_template_content_round_trip(values, bad):
    gw = JsmGateway(AccountConfig("jsm", "http://h", "u", "p", charset="utf-8"))
    content = gw.template_content(Template("T1", values))
    pairs = content.split(",")
    assert len(pairs) == len(values)
    for i, (pair, value) in enumerate(zip(pairs, values, strict=True), 1):
        key, _, got = pair.partition("=")
        assert key == f"@{i}@" and got == value
    try:
        gw.template_content(Template("T1", [*values, "x" + bad]))
    except InputError:
        pass
    else:
        raise AssertionError("a value holding a separator was accepted")


@SETTINGS
@given(amount=st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False))
def test_jsm_balance_times_ten(amount):
    body = f"<sms><mt><status>0</status><account>{amount}</account></mt></sms>".encode()
    bal = JSM.parse_balance(_raw(body, None))
    assert bal.messages == float(Decimal(str(amount)) * 10)


PHONE = st.one_of(
    st.from_regex(r"\A1[0-9]{10}\Z"),
    st.from_regex(r"\A0[0-9]{9,11}\Z"),
    st.from_regex(r"\A[0-9]{1,14}\Z"),
)


@SETTINGS
@given(
    phones=st.lists(PHONE, min_size=1, max_size=12, unique=True),
    a=st.integers(0, 14),
    b=st.integers(0, 14),
    n_ids=st.integers(0, 14),
)
def test_txt_never_more_accepted_than_a(phones, a, b, n_ids):
    ids = ",".join(str(1000 + i) for i in range(n_ids))
    res = TXT.parse_send(phones, _raw(f"0|{a}|{b}|{ids}".encode(), None))
    _check_send(res, phones)
    accepted = [r for r in res.results if r.outcome is Outcome.ACCEPTED]
    assert len(accepted) <= a
    assert all(valid_number(r.phone) for r in accepted)
    if a == 0:
        assert all(r.outcome is Outcome.REJECTED for r in res.results)
    if accepted and n_ids == a > 1:
        assert len({r.gateway_id for r in accepted}) == len(accepted)
    if accepted and n_ids == 1:
        assert {r.gateway_id for r in accepted} == {"1000"}


CONTENT = st.text(
    alphabet=st.characters(blacklist_characters="|\r\n", blacklist_categories=["Cs"]), max_size=30
)


@SETTINGS
@given(
    items=st.lists(
        st.tuples(st.integers(1, 10**6), st.from_regex(r"\A1[0-9]{10}\Z"), CONTENT),
        max_size=8,
    ),
    sep=st.sampled_from([";", ","]),
)
def test_txt_replies_round_trip(items, sep):
    # The last content is stripped with the body's surrounding whitespace, as the vendor's is.
    body = "|".join([str(len(items)), *(f"{i}{sep}{p};{c}" for i, p, c in items)])
    res = TXT.parse_replies(_raw(body.encode("utf-8"), "text/plain; charset=utf-8"))
    got = [(r.gateway_id, r.phone, r.content) for r in res.items]
    want = [(str(i), p, c) for i, p, c in items]
    if want:
        want[-1] = (want[-1][0], want[-1][1], want[-1][2].rstrip())
    assert got == want


@SETTINGS
@given(
    items=st.lists(
        st.tuples(
            st.integers(1, 10**8), st.from_regex(r"\A1[0-9]{10}\Z"), st.sampled_from([-1, 10, 20])
        ),
        max_size=10,
    )
)
def test_txt_reports_round_trip(items):
    body = "|".join([str(len(items)), *(f"{i};{p};{s}" for i, p, s in items)])
    res = TXT.parse_reports(_raw(body.encode(), None))
    expect = {-1: None, 10: True, 20: False}
    assert [(r.gateway_id, r.phone, r.delivered) for r in res.items] == [
        (str(i), p, expect[s]) for i, p, s in items
    ]

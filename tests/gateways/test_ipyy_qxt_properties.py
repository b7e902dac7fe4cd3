"""Property tests for the ipyy and qxt parsers: whatever arrives, only ProtocolError (or a valid
result) comes out, and nothing is ever read as success by accident."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sms_desktop.core.errors import ProtocolError
from sms_desktop.core.gateways import (
    AccountConfig,
    Balance,
    DeliveryReport,
    Outcome,
    QueryResult,
    RawReply,
    Reply,
    SendResult,
)
from sms_desktop.core.gateways.ipyy import GatewayRefusedError, IpyyGateway, parse_vendor_time
from sms_desktop.core.gateways.qxt import QxtGateway, decode_push_query

PHONES = ["13800138000", "13900139000", "13700137000"]
IPYY = IpyyGateway(AccountConfig("ipyy", "http://127.0.0.1:9/", "u", "p"))
QXT = QxtGateway(AccountConfig("qxt", "http://127.0.0.1:9/qxt/", "u", "p"))
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

IPYY_VALID = [
    '<?xml version="1.0" encoding="utf-8" ?><returnsms><returnstatus>Success</returnstatus>'
    "<message>ok</message><remainpoint>9</remainpoint><taskID>1212</taskID>"
    "<successCounts>3</successCounts></returnsms>",
    "<returnsms><returnstatus>Faild</returnstatus><message>用户名或密码错误</message>"
    "<remainpoint>0</remainpoint><taskID>0</taskID><successCounts>0</successCounts></returnsms>",
    "<returnsms><returnstatus>Sucess</returnstatus><message></message><payinfo>预付费</payinfo>"
    "<overage>90</overage><sendTotal>100</sendTotal></returnsms>",
    "<returnsms><statusbox><mobile>13800138000</mobile><taskid>1212</taskid><status>10</status>"
    "<receivetime>2011-12-02 22:12:11</receivetime><errorcode>DELIVRD</errorcode><extno>01"
    "</extno></statusbox></returnsms>",
    "<returnsms><callbox><mobile>13800138000</mobile><taskid>1212</taskid><content>好的"
    "</content><receivetime>2011-12-02 22:12:11</receivetime><extno></extno></callbox>"
    "</returnsms>",
    "<returnsms><errorstatus><error>2</error><remark>用户名或密码错误</remark></errorstatus>"
    "</returnsms>",
    "<returnsms><message>包含非法字符：赌博,禁词</message></returnsms>",
]
QXT_VALID = [
    "ok:6398619:13800138000,13900139000,13700137000",
    "error:7.无此用户或者密码不对",
    "fail:999:13800138000",
    "ok:sms:120:mms:3",
    "失败:error:无此用户或者密码不对",
]


def raw_of(data: bytes, charset: str = "utf-8") -> RawReply:
    return RawReply.from_bytes(data, None, fallback=charset)


@st.composite
def mutated(draw: st.DrawFn, valid: list[str]) -> bytes:
    """A valid reply with a few random cuts, insertions and replacements."""
    text = draw(st.sampled_from(valid))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 12)))
        piece = draw(st.text(max_size=6))
        text = text[:i] + piece + text[j:]
    return text.encode(draw(st.sampled_from(["utf-8", "gbk"])), errors="replace")


ANY_BYTES = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    mutated(IPYY_VALID),
    mutated(QXT_VALID),
)


def _send_result_ok(res: SendResult, text: str, success_marks: tuple[str, ...]) -> None:
    assert [r.phone for r in res.results] == PHONES
    if res.count(Outcome.ACCEPTED):
        low = text.lower()
        assert any(m in low for m in success_marks), text


@SETTINGS
@given(ANY_BYTES, st.sampled_from(["utf-8", "gbk"]))
def test_ipyy_send_parser(data: bytes, charset: str) -> None:
    raw = raw_of(data, charset)
    try:
        res = IPYY.parse_send(raw, PHONES)
    except ProtocolError:
        return
    _send_result_ok(res, raw.text, ("suc", "ok", "成功"))


@SETTINGS
@given(ANY_BYTES)
def test_ipyy_query_parsers(data: bytes) -> None:
    raw = raw_of(data)
    for parse, kind in ((IPYY.parse_reports, DeliveryReport), (IPYY.parse_replies, Reply)):
        try:
            result = parse(raw)
        except ProtocolError:
            continue
        assert isinstance(result, QueryResult)
        assert all(isinstance(i, kind) and i.phone for i in result.items)
        assert result.code is None or not result.items
    try:
        bal = IPYY.parse_balance(raw)
        assert isinstance(bal, Balance) and (bal.messages is None) == (bal.code is not None)
    except ProtocolError:
        pass
    try:
        ok, words, _ = IPYY.parse_check_keyword(raw)
        assert not (ok and words)
    except (ProtocolError, GatewayRefusedError):
        pass
    try:
        change = IPYY.parse_change_password(raw)
        assert change.code is not None
    except ProtocolError:
        pass


@SETTINGS
@given(ANY_BYTES)
def test_qxt_send_and_balance_parsers(data: bytes) -> None:
    raw = raw_of(data, "gbk")
    try:
        res = QXT.parse_send(raw, PHONES)
    except ProtocolError:
        pass
    else:
        _send_result_ok(res, raw.text, ("ok",))
        if res.count(Outcome.ACCEPTED):
            assert raw.text.strip().lstrip("\ufeff")[:2].lower() == "ok"
    try:
        bal = QXT.parse_balance(raw)
        assert (bal.messages is None) == (bal.code is not None)
    except ProtocolError:
        pass


@SETTINGS
@given(st.dictionaries(st.text(max_size=8), st.text(max_size=30), max_size=8))
def test_qxt_parse_push_arbitrary(params: dict[str, str]) -> None:
    try:
        reports, replies = QXT.parse_push(params)
    except ProtocolError:
        return
    assert all(isinstance(r, DeliveryReport) for r in reports)
    assert all(isinstance(r, Reply) for r in replies)


@st.composite
def push_params(draw: st.DrawFn) -> dict[str, str]:
    n = draw(st.integers(1, 4))
    alphabet = st.characters(codec="gbk", exclude_characters=",")
    return {
        "type": draw(st.sampled_from(["1", "4"])),
        "mid": ",".join(str(draw(st.integers(1, 10**9))) for _ in range(n)),
        "mobile": ",".join(f"13{draw(st.integers(0, 10**9 - 1)):09d}" for _ in range(n)),
        "msg": ",".join(draw(st.text(alphabet, min_size=1, max_size=10)) for _ in range(n)),
        "port": "1069000012345",
    }


@SETTINGS
@given(push_params(), st.sampled_from(["GET", "POST"]))
def test_qxt_push_round_trip(params: dict[str, str], method: str) -> None:
    query = urlencode(params, encoding="gbk")
    data: bytes | str = query.encode("ascii") if method == "POST" else "?" + query
    decoded = decode_push_query(data)
    assert decoded == params
    reports, replies = QXT.parse_push(decoded)
    items = reports if params["type"] == "4" else replies
    assert [i.phone for i in items] == params["mobile"].split(",")
    assert [i.gateway_id for i in items] == params["mid"].split(",")
    if params["type"] == "1":
        assert [r.content for r in replies] == params["msg"].split(",")


@SETTINGS
@given(st.one_of(st.binary(max_size=300), st.text(max_size=200)))
def test_decode_push_query_never_raises(data: bytes | str) -> None:
    out = decode_push_query(data)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in out.items())


@SETTINGS
@given(st.text(max_size=40))
def test_vendor_time_never_raises(text: str) -> None:
    value = parse_vendor_time(text)
    assert value is None or isinstance(value, datetime)

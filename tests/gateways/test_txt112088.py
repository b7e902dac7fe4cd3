"""txt112088 (``*_txt.asp``) client: contract tests against the simulator over real HTTP, plus
the documented replies the simulator cannot produce, fed to the parsers directly."""

from __future__ import annotations

import socket
from datetime import datetime

import pytest

from sms_desktop.core.errors import InputError, NotSentError, ProtocolError, UnencodableTextError
from sms_desktop.core.gateways import AccountConfig, Outcome, RawReply, Template
from sms_desktop.core.gateways.txt112088 import (
    BALANCE_CODES,
    QUERY_CODES,
    SEND_CODES,
    Txt112088Gateway,
    valid_number,
)
from sms_desktop.core.vendortime import BEIJING

PHONES = ["13800000001", "075580808080"]


def make_gw(sim, username="t1", password="pw1", **kw) -> Txt112088Gateway:
    base = kw.pop("base_url", sim.root_url)
    return Txt112088Gateway(AccountConfig("txt112088", base, username, password, **kw))


@pytest.fixture
def acct(sim):
    return sim.add_account("txt112088", "t1", "pw1", balance=1000)


def raw(body: str | bytes, ctype: str | None = "text/plain; charset=gbk") -> RawReply:
    data = body.encode("gbk") if isinstance(body, str) else body
    return RawReply.from_bytes(data, ctype, fallback="gbk")


def offline_gw(**kw) -> Txt112088Gateway:
    return Txt112088Gateway(AccountConfig("txt112088", "http://127.0.0.1:9", "u", "p", **kw))


def outcomes(res) -> list[Outcome]:
    return [r.outcome for r in res.results]


# ---- send: the bytes on the wire ------------------------------------------------------------


def test_send_exact_request_gbk(sim, acct):
    res = make_gw(sim).send(PHONES, "你好【签名】")
    req = sim.requests[-1]
    assert req.method == "POST"
    assert req.endpoint == "sendsms_txt.asp"
    assert req.query == ""
    assert req.body == (
        b"us_name=t1&us_pwd=pw1&send_phone=13800000001%2C075580808080"
        b"&send_content=%C4%E3%BA%C3%A1%BE%C7%A9%C3%FB%A1%BF"
    )
    smsid = acct.sent[0].gateway_id
    assert res.raw.text == f"0|2|0|{smsid}"
    assert outcomes(res) == [Outcome.ACCEPTED] * 2
    assert [r.gateway_id for r in res.results] == [smsid, smsid]
    assert res.batch_id == smsid
    assert [m.text for m in acct.sent] == ["你好【签名】"] * 2


def test_send_utf8_account(sim):
    acct = sim.add_account("txt112088", "t8", "pw1", charset="utf-8")
    res = make_gw(sim, "t8", charset="utf-8").send(["13800000001"], "你好【签名】")
    assert b"send_content=%E4%BD%A0%E5%A5%BD" in sim.requests[-1].body
    assert res.results[0].outcome is Outcome.ACCEPTED
    assert acct.sent[0].text == "你好【签名】"


def test_send_time_and_immediate(sim, acct):
    gw = make_gw(sim)
    gw.send(["13800000001"], "x【签名】", send_at=datetime(2031, 9, 3, 23, 20, 30))
    sent_at = datetime(2031, 9, 3, 23, 20, 30).astimezone(BEIJING)  # the gateway's clock
    assert sim.requests[-1].params["send_time"] == f"{sent_at:%Y%m%d%H%M%S}"
    assert acct.sent[0].send_time == datetime(2031, 9, 3, 23, 20, 30).timestamp()
    gw.send(["13800000001"], "x【签名】")
    assert "send_time" not in sim.requests[-1].params


def test_batches_never_exceed_100(sim, acct):
    acct.balance = 10_000
    gw = make_gw(sim, batch_size=1000)
    phones = [f"139{i:08d}" for i in range(201)]
    batches = gw.batches(phones)
    assert [len(b) for b in batches] == [67, 67, 67]  # balanced
    for b in batches:
        assert gw.send(b, "群发【签名】").count(Outcome.ACCEPTED) == len(b)
    assert [len(r.params["send_phone"].split(",")) for r in sim.requests] == [67, 67, 67]
    with pytest.raises(InputError):
        gw.send(phones[:101], "x【签名】")


@pytest.mark.parametrize(
    "base",
    [
        "{root}",
        "127.0.0.1:{port}",
        "{root}/sendsms_txt.asp?us_name=a",
        "{root}/Get_Account_Balance.asp",
    ],
)
def test_base_url_forms(sim, acct, base):
    gw = make_gw(sim, base_url=base.format(root=sim.root_url, port=sim.port))
    assert gw.balance().ok
    assert sim.requests[-1].path == "/Get_Account_Balance.asp"


def test_refusals_before_sending(sim, acct):
    gw = make_gw(sim)
    with pytest.raises(UnencodableTextError) as exc:
        gw.send(PHONES, "你好😀【签名】")
    assert exc.value.chars == ["😀"]
    with pytest.raises(InputError, match="335"):
        gw.send(PHONES, "字" * 336)
    with pytest.raises(InputError):
        gw.send(PHONES, "x【签名】", template=Template("T", ["a"]))
    with pytest.raises(InputError):
        gw.send(PHONES, "x【签名】", extno="12")
    with pytest.raises(InputError):
        gw.send(["13800000001,13800000002"], "x【签名】")
    with pytest.raises(InputError):
        gw.send([], "x【签名】")
    assert sim.requests == []


def test_335_chars_allowed(sim, acct):
    acct.balance = 100
    res = make_gw(sim).send(["13800000001"], "字" * 331 + "【签名】")
    assert res.results[0].outcome is Outcome.ACCEPTED


# ---- which numbers failed -------------------------------------------------------------------


def test_invalid_numbers_rejected_valid_accepted(sim, acct):
    phones = ["13800000001", "12345", "075580808080", "0755", "13800000002"]
    res = make_gw(sim).send(phones, "x【签名】")
    smsid = acct.sent[0].gateway_id
    assert res.raw.text == f"0|3|2|{smsid}"
    assert outcomes(res) == [
        Outcome.ACCEPTED,
        Outcome.REJECTED,
        Outcome.ACCEPTED,
        Outcome.REJECTED,
        Outcome.ACCEPTED,
    ]
    assert res.results[0].gateway_id == smsid and res.results[1].gateway_id is None
    assert res.results[1].code == "invalid_number" and res.results[1].message_en
    assert sorted(m.phone for m in acct.sent) == ["075580808080", "13800000001", "13800000002"]


def test_smsid_per_number_in_order(sim, acct):
    sim.txt_smsid_per_number = True
    phones = ["13800000001", "bad", "13800000002", "13800000003"]
    res = make_gw(sim).send(phones, "x【签名】")
    ids = {m.phone: m.gateway_id for m in acct.sent}
    assert len(set(ids.values())) == 3
    assert [r.gateway_id for r in res.results] == [
        ids["13800000001"],
        None,
        ids["13800000002"],
        ids["13800000003"],
    ]


def test_doc_reply_shapes():
    gw = offline_gw()
    res = gw.parse_send(["13798361236"], raw("0|1|0|SMSID"))
    assert res.results[0].outcome is Outcome.ACCEPTED and res.results[0].gateway_id == "SMSID"
    res = gw.parse_send(["13800000001", "13800000002"], raw("0|2|0|11,12\r\n"))
    assert [r.gateway_id for r in res.results] == ["11", "12"]
    assert res.batch_id == "11,12"
    # Accepted, but the ids do not match the numbers one to one: no id rather than a wrong one.
    res = gw.parse_send(["13800000001", "13800000002", "13800000003"], raw("0|3|0|11,12"))
    assert outcomes(res) == [Outcome.ACCEPTED] * 3
    assert {r.gateway_id for r in res.results} == {None}


def test_failures_not_explained_by_number_check_are_unknown():
    gw = offline_gw()
    phones = ["13800000001", "13800000002", "12"]
    # b = 2 but only one number fails the check: which valid one failed is unknown.
    res = gw.parse_send(phones, raw("0|1|2|77"))
    assert outcomes(res) == [Outcome.UNKNOWN, Outcome.UNKNOWN, Outcome.REJECTED]
    assert "1" in res.results[0].message_en and "2" in res.results[0].message_en
    # b = 1 but no number fails the check.
    res = gw.parse_send(phones[:2], raw("0|1|1|77"))
    assert outcomes(res) == [Outcome.UNKNOWN] * 2
    # The counts do not add up to the numbers sent.
    res = gw.parse_send(phones[:2], raw("0|5|0|77"))
    assert outcomes(res) == [Outcome.UNKNOWN] * 2
    # Nothing accepted is certain.
    res = gw.parse_send(phones[:2], raw("0|0|2|"))
    assert outcomes(res) == [Outcome.REJECTED] * 2
    assert res.code.code == "none_accepted" and res.results[0].vendor_text == "0|0|2"


@pytest.mark.parametrize(
    "body", ["", "0", "OK", "1|2|3", "0|x|0|1", "0|-1|0|1", "<html>500</html>", "0|1"]
)
def test_unrecognised_send_replies(body):
    gw = offline_gw()
    with pytest.raises(ProtocolError):
        gw.parse_send(["13800000001"], raw(body))


# ---- return codes ---------------------------------------------------------------------------


def _rejected_with(res, code: str, account_level: bool):
    assert res.code is not None and res.code.code == code
    assert res.code.account_level is account_level
    for r in res.results:
        assert r.outcome is Outcome.REJECTED
        assert r.code == code and r.message_zh and r.message_en


def test_wrong_password_minus_7(sim, acct):
    gw = make_gw(sim, password="bad")
    _rejected_with(gw.send(PHONES, "x【签名】"), "-7", True)
    assert gw.balance().code.code == "-7"
    assert gw.fetch_reports().code.code == "-7"
    assert gw.fetch_replies().code.code == "-7"


def test_unknown_user_minus_1_on_queries(sim):
    gw = make_gw(sim, "ghost")
    bal = gw.balance()
    assert bal.code == BALANCE_CODES["-1"] and bal.code.account_level and bal.messages is None
    assert gw.fetch_reports().code == QUERY_CODES["-1"]


def test_locked_minus_10_and_balance_minus_9(sim):
    sim.add_account("txt112088", "locked", "pw1", disabled=True)
    sim.add_account("txt112088", "poor", "pw1", balance=1)
    _rejected_with(make_gw(sim, "locked").send(PHONES, "x【签名】"), "-10", True)
    _rejected_with(make_gw(sim, "poor").send(PHONES, "x【签名】"), "-9", True)


def test_no_valid_number_minus_1(sim, acct):
    _rejected_with(make_gw(sim).send(["123", "456"], "x【签名】"), "-1", False)


def test_too_many_for_account_minus_4(sim):
    sim.add_account("txt112088", "small", "pw1", max_recipients=1)
    _rejected_with(make_gw(sim, "small").send(PHONES, "x【签名】"), "-4", False)


def test_forbidden_words_minus_3_named(sim, acct):
    sim.sensitive_words = {"发票", "赌博"}
    res = make_gw(sim).send(PHONES, "代开发票赌博【签名】")
    _rejected_with(res, "-3", False)
    assert "发票" in res.results[0].message_zh and "赌博" in res.results[0].message_en
    assert res.results[0].vendor_text == "-3|发票,赌博"


def test_busy_minus_99(sim, acct):
    sim.set_fault("txt112088", "vendor_error", count=1)
    _rejected_with(make_gw(sim).send(PHONES, "x【签名】"), "-99", False)


def test_reports_busy_minus_3(sim):
    sim.add_account("txt112088", "nr", "pw1", allow_reports=False)
    res = make_gw(sim, "nr").fetch_reports()
    assert res.items == [] and res.code == QUERY_CODES["-3"] and not res.code.account_level


DOC_SEND = {
    "-1": False,
    "-2": False,
    "-3": False,
    "-4": False,
    "-7": True,
    "-8": False,
    "-9": True,
    "-10": True,
    "-99": False,
}


@pytest.mark.parametrize(("code", "account_level"), sorted(DOC_SEND.items()))
def test_every_documented_send_code(code, account_level):
    res = offline_gw().parse_send(PHONES, raw(code + "\r\n"))
    _rejected_with(res, code, account_level)
    assert SEND_CODES[code].vendor_text and SEND_CODES[code].zh and SEND_CODES[code].en


@pytest.mark.parametrize("body", ["-3|李老师,成人", "-3 | 李老师，成人", "-3|李老师|成人"])
def test_minus_3_words_liberal(body):
    r = offline_gw().parse_send(["13800000001"], raw(body)).results[0]
    assert r.code == "-3" and "李老师、成人" in r.message_zh and "李老师, 成人" in r.message_en


def test_query_codes_documented():
    for code in ("-1", "-3", "-7"):
        info = QUERY_CODES[code]
        assert info.zh and info.en and info.vendor_text
    assert QUERY_CODES["-7"].account_level and not QUERY_CODES["-3"].account_level
    gw = offline_gw()
    for code in ("-1", "-3", "-7"):
        assert gw.parse_replies(raw(code)).code == QUERY_CODES[code]
    assert gw.parse_reports(raw("-9")).code.code == "-9"  # unlisted, still an error


# ---- balance --------------------------------------------------------------------------------


def test_balance(sim, acct):
    acct.balance = 4321
    bal = make_gw(sim).balance()
    req = sim.requests[-1]
    assert req.endpoint == "Get_Account_Balance.asp"
    assert req.body == b"us_name=t1&us_pwd=pw1"
    assert bal.ok and bal.messages == 4321.0


@pytest.mark.parametrize(("body", "messages"), [("0", 0.0), (" 12 \r\n", 12.0), ("12.5", 12.5)])
def test_balance_forms(body, messages):
    bal = offline_gw().parse_balance(raw(body))
    assert bal.ok and bal.messages == messages


@pytest.mark.parametrize("body", ["", "abc", "余额:10", "<html></html>"])
def test_balance_unrecognised(body):
    with pytest.raises(ProtocolError):
        offline_gw().parse_balance(raw(body))


# ---- reports and replies --------------------------------------------------------------------


def test_reports_fetched_once(sim, acct):
    gw = make_gw(sim)
    sim.report_success_ratio = 1.0
    ok = gw.send(["13800000001"], "a【签名】")
    sim.report_success_ratio = 0.0
    bad = gw.send(["075580808080"], "b【签名】")
    seen: list[tuple[str, bytes]] = []
    res = gw.fetch_reports(sink=lambda kind, r: seen.append((kind, r.body)))
    req = sim.requests[-1]
    assert req.endpoint == "get_report_txt.asp" and req.body == b"us_name=t1&us_pwd=pw1"
    assert seen == [("reports", res.raw.body)]
    by_phone = {r.phone: r for r in res.items}
    assert by_phone["13800000001"].delivered is True
    assert by_phone["13800000001"].gateway_id == ok.batch_id
    assert by_phone["075580808080"].delivered is False
    assert by_phone["075580808080"].error_code == "20"
    assert by_phone["075580808080"].gateway_id == bad.batch_id
    again = gw.fetch_reports()
    assert again.raw.text == "0" and again.items == [] and again.code is None


def test_doc_report_example_and_statuses():
    body = "3|6408676;13682250950;20|6408649;13711147169;10|6408649;13719445093;-1|"
    res = offline_gw().parse_reports(raw(body))
    assert [(r.gateway_id, r.phone, r.status, r.delivered) for r in res.items] == [
        ("6408676", "13682250950", "20", False),
        ("6408649", "13711147169", "10", True),
        ("6408649", "13719445093", "-1", None),
    ]
    odd = offline_gw().parse_reports(raw("1|5,13800000001,30"))
    assert odd.items[0].delivered is None and odd.items[0].status == "30"
    with pytest.raises(ProtocolError):
        offline_gw().parse_reports(raw("1|garbage"))
    with pytest.raises(ProtocolError):
        offline_gw().parse_reports(raw("2"))


@pytest.mark.parametrize("sep", [";", ","])
def test_replies_fetched_once(sim, acct, sep):
    sim.txt_reply_id_sep = sep
    gw = make_gw(sim)
    sim.inject_reply("txt112088", "t1", "13800000001", "好的;明天,见")
    sim.inject_reply("txt112088", "t1", "13800000002", "退订")
    seen: list[str] = []
    res = gw.fetch_replies(sink=lambda kind, r: seen.append(kind))
    assert sim.requests[-1].endpoint == "get_receive_message_txt.asp"
    assert seen == ["replies"]
    assert [(r.phone, r.content) for r in res.items] == [
        ("13800000001", "好的;明天,见"),
        ("13800000002", "退订"),
    ]
    assert all(r.gateway_id for r in res.items)
    assert gw.fetch_replies().items == []


def test_doc_reply_example():
    res = offline_gw().parse_replies(
        raw(" 2|133,13798361236;我回复一条|134,13826588212;我也回复一条")
    )
    assert [(r.gateway_id, r.phone, r.content) for r in res.items] == [
        ("133", "13798361236", "我回复一条"),
        ("134", "13826588212", "我也回复一条"),
    ]


def test_reply_content_with_pipe_survives():
    res = offline_gw().parse_replies(raw("2|1;13800000001;a|b;c|2;13800000002;d|"))
    assert [(r.phone, r.content) for r in res.items] == [
        ("13800000001", "a|b;c"),
        ("13800000002", "d"),
    ]
    res = offline_gw().parse_replies(raw("1|1;13800000001;a||b"))
    assert [r.content for r in res.items] == ["a||b"]
    with pytest.raises(ProtocolError):
        offline_gw().parse_replies(raw("1|hello"))


def test_wrong_charset_reply_still_read(sim, acct):
    gw = make_gw(sim)
    sim.inject_reply("txt112088", "t1", "13800000001", "收到，谢谢")
    sim.set_fault("txt112088", "wrong_charset", count=1)
    assert [r.content for r in gw.fetch_replies().items] == ["收到，谢谢"]


def test_valid_number():
    assert valid_number("13800000001") and valid_number("075580808080")
    assert valid_number("0108888888") and not valid_number("01088888")
    assert not valid_number("1380000000") and not valid_number("１３８００００００01")
    assert not valid_number("23800000001")


def test_capabilities():
    caps = Txt112088Gateway.capabilities
    assert caps.max_recipients == 100 and caps.max_length == 335 and caps.landlines
    assert caps.default_charset == "gbk" and caps.schedule_format == "%Y%m%d%H%M%S"
    assert not caps.templates and not caps.push


# ---- faults ---------------------------------------------------------------------------------


def test_hang_is_unknown(sim, acct):
    sim.set_fault("txt112088", "hang", count=1)
    res = make_gw(sim, read_timeout=0.5).send(PHONES, "x【签名】")
    assert outcomes(res) == [Outcome.UNKNOWN] * 2


@pytest.mark.parametrize("kind", ["drop", "http500", "garbage", "wrong_charset"])
def test_faults_never_wrongly_accepted(sim, acct, kind):
    sim.set_fault("txt112088", kind, count=1)
    res = make_gw(sim).send(PHONES, "x【签名】")
    if kind == "wrong_charset":
        assert res.count(Outcome.ACCEPTED) == len(acct.sent) == 2
    else:
        assert outcomes(res) == [Outcome.UNKNOWN] * 2
        assert res.results[0].message_zh


def test_connection_refused_is_not_sent():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gw = Txt112088Gateway(AccountConfig("txt112088", f"http://127.0.0.1:{port}", "u", "p"))
    with pytest.raises(NotSentError):
        gw.send(PHONES, "x【签名】")
    with pytest.raises(NotSentError):
        gw.balance()

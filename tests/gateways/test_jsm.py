"""jsm (``httpInterface.do``) client: contract tests against the simulator over real HTTP, plus
the documented replies the simulator cannot produce, fed to the parsers directly."""

from __future__ import annotations

import socket
from datetime import datetime

import pytest

from sms_desktop.core.errors import InputError, NotSentError, ProtocolError, UnencodableTextError
from sms_desktop.core.gateways import AccountConfig, Outcome, RawReply, Template
from sms_desktop.core.gateways.jsm import (
    BALANCE_CODES,
    MO_CODES,
    REPORT_CODES,
    SEND_CODES,
    JsmGateway,
    parse_vendor_time,
    split_status,
)
from sms_desktop.core.vendortime import BEIJING, from_beijing

PHONES = ["13800000001", "13800000002"]


def make_gw(sim, username="u1", **kw) -> JsmGateway:
    kw.setdefault("verycode", "vc1")
    return JsmGateway(AccountConfig("jsm", kw.pop("base_url", sim.root_url), username, "pw1", **kw))


@pytest.fixture
def acct(sim):
    return sim.add_account("jsm", "u1", "pw1", balance=1000, verycode="vc1")


def raw(body: str | bytes, ctype: str | None = "text/xml; charset=UTF-8") -> RawReply:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return RawReply.from_bytes(data, ctype, fallback="gbk")


def mt(status: str, extra: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><sms><mt><status>{status}</status>{extra}</mt></sms>'


def offline_gw(**kw) -> JsmGateway:
    return JsmGateway(AccountConfig("jsm", "http://127.0.0.1:9", "u", "p", **kw))


# ---- send: the bytes on the wire ------------------------------------------------------------


def test_send_gbk_default_exact_request(sim, acct):
    gw = make_gw(sim)
    res = gw.send(PHONES, "你好【签名】")
    req = sim.requests[-1]
    assert req.method == "POST"
    assert req.endpoint == "httpInterface.do"
    assert req.path == "/service/httpService/httpInterface.do"
    assert req.query == "method=sendGbkMsg"
    assert req.body == (
        b"username=u1&password=pw1&veryCode=vc1&mobile=13800000001%2C13800000002"
        b"&content=%C4%E3%BA%C3%A1%BE%C7%A9%C3%FB%A1%BF&msgtype=1"
    )
    for obsolete in ("signtag", "signtext", "code", "tempid", "sendtime", "extcode"):
        assert obsolete not in req.params
    msgid = acct.sent[0].gateway_id
    assert [r.outcome for r in res.results] == [Outcome.ACCEPTED] * 2
    assert [r.gateway_id for r in res.results] == [msgid, msgid]
    assert res.batch_id == msgid
    assert [m.text for m in acct.sent] == ["你好【签名】"] * 2


def test_send_utf8_account_uses_sendutf8msg(sim, acct):
    gw = make_gw(sim, charset="utf-8")
    res = gw.send(["13800000001"], "你好【签名】")
    req = sim.requests[-1]
    assert req.query == "method=sendUtf8Msg"
    assert b"content=%E4%BD%A0%E5%A5%BD%E3%80%90" in req.body
    assert res.results[0].outcome is Outcome.ACCEPTED
    assert acct.sent[0].text == "你好【签名】"


@pytest.mark.parametrize(
    ("charset", "code", "encoded"),
    [("gbk", "gbk", b"%C4%E3%BA%C3"), ("utf-8", "utf-8", b"%E4%BD%A0%E5%A5%BD")],
)
def test_sendmsg_option_sends_code(sim, acct, charset, code, encoded):
    gw = make_gw(sim, charset=charset, options={"method": "sendmsg"})
    res = gw.send(["13800000001"], "你好【签名】")
    req = sim.requests[-1]
    assert req.query == "method=sendMsg"
    assert req.params["code"] == code
    assert req.body.endswith(b"&code=" + code.encode())
    assert encoded in req.body
    assert res.results[0].outcome is Outcome.ACCEPTED
    assert acct.sent[0].text == "你好【签名】"


def test_method_option_overrides_charset(sim, acct):
    gw = make_gw(sim, charset="gbk", options={"method": "sendUtf8Msg"})
    assert gw.charset == "utf-8"
    gw.send(["13800000001"], "你好【签名】")
    assert sim.requests[-1].query == "method=sendUtf8Msg"
    assert b"%E4%BD%A0%E5%A5%BD" in sim.requests[-1].body


def test_invalid_method_option_refused_before_sending(sim, acct):
    gw = make_gw(sim, options={"method": "sendFoo"})
    with pytest.raises(InputError, match="sendFoo"):
        gw.send(["13800000001"], "你好【签名】")
    assert sim.requests == []


def test_extcode_and_24_hour_sendtime(sim, acct):
    gw = make_gw(sim)
    res = gw.send(
        ["13800000001"], "定时【签名】", send_at=datetime(2031, 5, 4, 15, 10, 10), extno="88"
    )
    req = sim.requests[-1]
    assert req.params["extcode"] == "88"
    sendtime = f"{datetime(2031, 5, 4, 15, 10, 10).astimezone(BEIJING):%Y%m%d%H%M%S}"
    assert req.params["sendtime"] == sendtime  # 24-hour, in the gateway's clock (Beijing)
    assert f"&extcode=88&sendtime={sendtime}".encode() in req.body
    assert res.results[0].outcome is Outcome.ACCEPTED
    assert acct.sent[0].send_time == datetime(2031, 5, 4, 15, 10, 10).timestamp()
    assert acct.sent[0].extno == "88"


def test_account_default_extno(sim, acct):
    make_gw(sim, extno="1234").send(["13800000001"], "x【签名】")
    assert sim.requests[-1].params["extcode"] == "1234"


@pytest.mark.parametrize("ext", ["12345", "8a", "１２"])
def test_bad_extcode_refused(sim, acct, ext):
    with pytest.raises(InputError):
        make_gw(sim).send(["13800000001"], "x【签名】", extno=ext)
    assert sim.requests == []


def test_batches_never_exceed_100(sim, acct):
    acct.balance = 10_000
    gw = make_gw(sim)
    phones = [f"139{i:08d}" for i in range(250)]
    batches = gw.batches(phones)
    assert [len(b) for b in batches] == [84, 83, 83]  # balanced
    for b in batches:
        assert all(r.outcome is Outcome.ACCEPTED for r in gw.send(b, "群发【签名】").results)
    assert [len(r.params["mobile"].split(",")) for r in sim.requests] == [84, 83, 83]
    assert len(acct.sent) == 250
    with pytest.raises(InputError):
        gw.send(phones[:101], "x【签名】")


def test_batch_size_setting_is_capped(sim, acct):
    gw = make_gw(sim, batch_size=500)
    assert gw.batch_limit == 100
    assert make_gw(sim, batch_size=30).batch_limit == 30


@pytest.mark.parametrize(
    "base",
    [
        "{root}",
        "{root}/",
        "127.0.0.1:{port}",
        "{root}/service/httpService",
        "{root}/service/httpService/httpInterface.do?method=sendMsg&username=x",
    ],
)
def test_base_url_forms(sim, acct, base):
    gw = make_gw(sim, base_url=base.format(root=sim.root_url, port=sim.port))
    assert gw.balance().ok
    assert sim.requests[-1].path == "/service/httpService/httpInterface.do"
    assert sim.requests[-1].query == "method=getAmount"


# ---- templates ------------------------------------------------------------------------------


def test_template_send(sim, acct):
    sim.add_jsm_template("u1", "JSM4001-0001", "【江苏迅辰】尊敬的@1@@2@,验证码为@3@。")
    gw = make_gw(sim, signature="不加")
    assert gw.capabilities.templates
    res = gw.send(
        ["13800000001"], "preview", template=Template("JSM4001-0001", ["李先生", "您好", "928371"])
    )
    req = sim.requests[-1]
    assert req.params["msgtype"] == "2"
    assert req.params["tempid"] == "JSM4001-0001"
    assert req.params["content"] == "@1@=李先生,@2@=您好,@3@=928371"
    assert b"content=%401%40%3D%C0%EE%CF%C8%C9%FA%2C%402%40%3D" in req.body
    assert res.results[0].outcome is Outcome.ACCEPTED
    assert acct.sent[0].text == "【江苏迅辰】尊敬的李先生您好,验证码为928371。"


@pytest.mark.parametrize("bad", ["a,b", "x=y", "me@home"])
def test_template_value_with_separator_refused(sim, acct, bad):
    with pytest.raises(InputError, match="@2@"):
        make_gw(sim).send(["13800000001"], "", template=Template("T1", ["ok", bad]))
    assert sim.requests == []


def test_template_id_missing_and_unknown(sim, acct):
    gw = make_gw(sim)
    with pytest.raises(InputError):
        gw.send(["13800000001"], "", template=Template(" ", ["a"]))
    assert sim.requests == []
    res = gw.send(["13800000001"], "", template=Template("NOPE", ["a"]))
    assert res.code is not None and res.code.code == "114"
    assert res.results[0].outcome is Outcome.REJECTED


def test_template_values_checked_against_charset(sim, acct):
    with pytest.raises(UnencodableTextError):
        make_gw(sim).send(["13800000001"], "", template=Template("T1", ["😀"]))
    assert sim.requests == []


# ---- refusals before sending ----------------------------------------------------------------


def test_emoji_under_gbk_refused_naming_it(sim, acct):
    with pytest.raises(UnencodableTextError) as exc:
        make_gw(sim).send(["13800000001"], "你好😀【签名】")
    assert exc.value.chars == ["😀"]
    assert "U+1F600" in str(exc.value)
    assert sim.requests == []


def test_over_300_chars_refused(sim, acct):
    with pytest.raises(InputError, match="300"):
        make_gw(sim, signature="签名").send(["13800000001"], "字" * 297)
    assert sim.requests == []


# ---- return codes driven on the simulator ---------------------------------------------------


def _rejected_with(res, code: str, account_level: bool):
    assert res.code is not None and res.code.code == code
    assert res.code.account_level is account_level
    assert res.account_level_failure is account_level
    for r in res.results:
        assert r.outcome is Outcome.REJECTED
        assert r.code == code and r.message_zh and r.message_en


def test_wrong_password_101(sim, acct):
    gw = JsmGateway(AccountConfig("jsm", sim.root_url, "u1", "bad", verycode="vc1"))
    _rejected_with(gw.send(PHONES, "x【签名】"), "101", True)
    bal = gw.balance()
    assert not bal.ok and bal.code is not None and bal.code.code == "101"
    assert gw.fetch_reports().code.code == "101"


def test_disabled_102_ip_109_interface_117(sim):
    sim.add_account("jsm", "d", "pw1", verycode="vc1", disabled=True)
    sim.add_account("jsm", "i", "pw1", verycode="vc1", allowed_ips=["10.9.9.9"])
    sim.add_account("jsm", "n", "pw1", verycode="vc1", interface_enabled=False)
    for user, code in (("d", "102"), ("i", "109"), ("n", "117")):
        _rejected_with(make_gw(sim, user).send(PHONES, "x【签名】"), code, True)
    assert make_gw(sim, "n").balance().code.code == "117"


def test_verycode_wrong_116_on_send_105_on_queries(sim, acct):
    gw = make_gw(sim, verycode="nope")
    _rejected_with(gw.send(PHONES, "x【签名】"), "116", True)
    bal = gw.balance()
    assert bal.code.code == "105" and bal.code.account_level and "veryCode" in bal.code.en
    assert gw.fetch_reports().code.code == "105"
    assert gw.fetch_replies().code.code == "105"


def test_no_balance_108(sim):
    sim.add_account("jsm", "poor", "pw1", balance=1, verycode="vc1")
    _rejected_with(make_gw(sim, "poor").send(PHONES, "x【签名】"), "108", True)


def test_bad_number_106(sim, acct):
    res = make_gw(sim).send(["13800000001", "12345"], "x【签名】")
    _rejected_with(res, "106", False)
    assert acct.sent == []


def test_sensitive_words_110_named(sim, acct):
    sim.sensitive_words = {"赌博", "成人"}
    res = make_gw(sim).send(PHONES, "成人赌博【签名】")
    _rejected_with(res, "110", False)
    assert "成人" in res.results[0].message_zh and "赌博" in res.results[0].message_zh
    assert "成人" in res.results[0].message_en
    assert res.results[0].vendor_text.startswith("110#(")


def test_vendor_error_100(sim, acct):
    sim.set_fault("jsm", "vendor_error", count=1)
    _rejected_with(make_gw(sim).send(PHONES, "x【签名】"), "100", False)


def test_reports_disabled_100(sim):
    sim.add_account("jsm", "r", "pw1", verycode="vc1", allow_reports=False)
    res = make_gw(sim, "r").fetch_reports()
    assert res.items == [] and res.code.code == "100"


# ---- every documented code, fed to the parsers ----------------------------------------------

DOC_SEND = {
    "100": False,
    "101": True,
    "102": True,
    "103": False,
    "105": False,
    "106": False,
    "108": True,
    "109": True,
    "110": False,
    "114": False,
    "115": False,
    "116": True,
    "117": True,
}


@pytest.mark.parametrize(("code", "account_level"), sorted(DOC_SEND.items()))
def test_every_documented_send_code(code, account_level):
    gw = offline_gw()
    res = gw.parse_send(PHONES, raw(mt(code)))
    _rejected_with(res, code, account_level)
    info = SEND_CODES[code]
    assert info.vendor_text and info.zh and info.en
    assert "unlisted" not in info.en


def test_success_code_listed():
    assert SEND_CODES["0"].en and BALANCE_CODES["0"].zh


@pytest.mark.parametrize(
    ("table", "codes"),
    [
        (BALANCE_CODES, ["100", "101", "102", "103", "105", "117"]),
        (REPORT_CODES, ["100", "101", "102", "103", "104", "105", "117"]),
        (MO_CODES, ["100", "101", "102", "103", "104", "105", "117"]),
    ],
)
def test_every_documented_query_code(table, codes):
    for code in codes:
        assert table[code].zh and table[code].en and table[code].vendor_text
    assert table["101"].account_level and table["105"].account_level
    assert not table["103"].account_level


@pytest.mark.parametrize("code", ["100", "101", "102", "103", "105", "117"])
def test_query_error_codes_parsed(code):
    gw = offline_gw()
    for parse, table in ((gw.parse_reports, REPORT_CODES), (gw.parse_replies, MO_CODES)):
        res = parse(raw(mt(code)))
        assert res.items == [] and res.code == table[code]
    bal = gw.parse_balance(raw(mt(code)))
    assert bal.messages is None and bal.code == BALANCE_CODES[code]


@pytest.mark.parametrize(
    "status",
    [
        "110#(李老师,XX,成人)",
        "110＃（李老师，XX，成人）",
        " 110 # ( 李老师 , XX ,成人 ) ",
        "110#李老师、XX、成人",
    ],
)
def test_110_parsed_liberally(status):
    res = offline_gw().parse_send(["13800000001"], raw(mt(status)))
    assert res.code.code == "110"
    r = res.results[0]
    assert r.outcome is Outcome.REJECTED
    assert "李老师、XX、成人" in r.message_zh
    assert "李老师, XX, 成人" in r.message_en
    assert r.vendor_text == status.strip()


def test_split_status():
    assert split_status("0") == ("0", [])
    assert split_status("110#()") == ("110", [])
    with pytest.raises(ProtocolError):
        split_status("OK")


def test_unlisted_status_is_unknown_marked_unlisted():
    res = offline_gw().parse_send(PHONES, raw(mt("999")))
    assert res.results[0].outcome is Outcome.UNKNOWN
    assert "999" in res.results[0].message_en and "does not list" in res.results[0].message_en


@pytest.mark.parametrize(
    "body",
    [
        "<sms><mt><msgid>1</msgid></mt></sms>",
        "<sms><mt><status>OK</status></mt></sms>",
        "<html>error</html>",
        "0",
        "",
    ],
)
def test_send_reply_without_usable_status_is_unknown(body):
    gw = offline_gw()
    with pytest.raises(ProtocolError):
        gw.parse_send(PHONES, raw(body))
    res = gw.unrecognised(PHONES, raw(body))
    assert all(r.outcome is Outcome.UNKNOWN for r in res.results)


def test_doc_send_reply_and_liberal_forms():
    gw = offline_gw()
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sms>\n\n<mt>\n\n<status>0</status>   \n\n'
        "<msgid>816f333305664fb9bdd8c1bc96ae12b8</msgid>  <!--消息id-->\n\n</mt>\n</sms>"
    )
    for body in (
        doc,
        b"\xef\xbb\xbf" + doc.encode(),
        doc.upper().replace("816F333305664FB9BDD8C1BC96AE12B8", "816f333305664fb9bdd8c1bc96ae12b8"),
        doc.replace('version="1.0" encoding="UTF-8"', 'version=\\"1.0\\" encoding=\\"UTF-8\\"'),
    ):
        res = gw.parse_send(PHONES, raw(body))
        assert [r.gateway_id for r in res.results] == ["816f333305664fb9bdd8c1bc96ae12b8"] * 2
        assert res.count(Outcome.ACCEPTED) == 2


# ---- balance --------------------------------------------------------------------------------


def test_balance_account_times_ten(sim, acct):
    acct.balance = 998
    bal = make_gw(sim).balance()
    req = sim.requests[-1]
    assert req.query == "method=getAmount"
    assert req.body == b"username=u1&password=pw1&veryCode=vc1"
    assert bal.ok and bal.messages == 998.0
    assert bal.details == {"account": "99.8"}


def test_balance_doc_example_with_escaped_prolog():
    body = (
        '<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\n\n<sms>\n\n<mt>\n\n<status>0</status>\n\n'
        "<account>5000</account>\n\n</mt>\n\n</sms>"
    )
    bal = offline_gw().parse_balance(raw(body))
    assert bal.ok and bal.messages == 50000.0


@pytest.mark.parametrize(("account", "messages"), [("12.3", 123.0), ("0", 0.0), ("0.1", 1.0)])
def test_balance_fractions_exact(account, messages):
    bal = offline_gw().parse_balance(raw(mt("0", f"<account>{account}</account>")))
    assert bal.messages == messages


@pytest.mark.parametrize("account", ["", "abc", "NaN", "Infinity"])
def test_balance_unreadable(account):
    with pytest.raises(ProtocolError):
        offline_gw().parse_balance(raw(mt("0", f"<account>{account}</account>")))


# ---- reports and replies --------------------------------------------------------------------


def test_reports_delivered_and_failed_fetched_once(sim, acct):
    gw = make_gw(sim)
    sim.report_success_ratio = 1.0
    ok = gw.send(["13800000001"], "a【签名】", extno="7")
    sim.report_success_ratio = 0.0
    bad = gw.send(["13800000002"], "b【签名】")
    seen: list[tuple[str, bytes]] = []
    res = gw.fetch_reports(sink=lambda kind, r: seen.append((kind, r.body)))
    req = sim.requests[-1]
    assert req.query == "method=queryReport"
    assert req.body == b"username=u1&password=pw1&veryCode=vc1"
    assert seen == [("reports", res.raw.body)]
    assert res.code is None
    by_phone = {r.phone: r for r in res.items}
    assert by_phone["13800000001"].delivered is True
    assert by_phone["13800000001"].gateway_id == ok.batch_id
    assert by_phone["13800000001"].extno == "7"
    assert by_phone["13800000001"].error_code is None
    assert by_phone["13800000002"].delivered is False
    assert by_phone["13800000002"].status == "MA:0006"
    assert by_phone["13800000002"].error_code == "MA:0006"
    assert by_phone["13800000002"].gateway_id == bad.batch_id
    assert isinstance(by_phone["13800000002"].time, datetime)
    again = gw.fetch_reports()
    assert again.items == [] and again.code is None  # 104: nothing new, not an error


def test_sink_runs_before_parsing(sim, acct):
    sim.set_fault("jsm", "garbage", count=1)
    stored: list[bytes] = []
    with pytest.raises(ProtocolError):
        make_gw(sim).fetch_reports(sink=lambda kind, r: stored.append(r.body))
    assert len(stored) == 1 and stored[0] == sim.requests[-1].response


def test_doc_report_example():
    body = """<?xml version="1.0" encoding="UTF-8"?>
<sms>
<rpt>
<mobile>15951977097</mobile>
<!--手机号码-->
<msgid>7506751276725633025</msgid>
<!---消息ID ,对应发送的消息id-->
<status>MA:0006</status>
<!--状态报告，DELIVRD-成功，其他-失败-->
<time>2015-06-08 11:21:46</time>
<!--报告时间-->
<extno></extno>
<!--扩展码-->
</rpt>
<rpt><mobile>15951977097</mobile><msgid>7506751276725633026</msgid><status>MA:0006</status>
<time>2015-06-08 11:21:46</time><extno></extno></rpt>
<rpt><mobile>15951977097</mobile><msgid>7507418680283693057</msgid><status>delivrd</status>
<time>2015/6/8 11:59:37</time><extno/></rpt>
</sms>"""
    res = offline_gw().parse_reports(raw(body))
    assert [r.gateway_id for r in res.items] == [
        "7506751276725633025",
        "7506751276725633026",
        "7507418680283693057",
    ]
    assert [r.delivered for r in res.items] == [False, False, True]
    assert res.items[0].time == from_beijing(datetime(2015, 6, 8, 11, 21, 46))
    assert res.items[2].time == from_beijing(datetime(2015, 6, 8, 11, 59, 37))
    assert res.items[0].extno is None


def test_replies_fetched_once(sim, acct):
    gw = make_gw(sim)
    sim.inject_reply("jsm", "u1", "13800000001", "好的; A&B <ok>", extno="12")
    seen: list[str] = []
    res = gw.fetch_replies(sink=lambda kind, r: seen.append(kind))
    assert sim.requests[-1].query == "method=queryMo"
    assert seen == ["replies"]
    assert len(res.items) == 1
    rep = res.items[0]
    assert rep.phone == "13800000001"
    assert rep.content == "好的; A&B <ok>"
    assert rep.extno == acct.sp_number + "12"
    assert rep.time is not None and rep.time.date() == datetime.now().date()
    assert gw.fetch_replies().items == []


def test_doc_mo_example_and_sloppy_xml():
    body = """<?xml version="1.0" encoding="utf-8" ?>
<sms>
<mo>
<mobile>15951977097</mobile>
<!--手机号码-->
<recvcode>106905994140001</recvcode>
<!--接受号码-->
<content>江苏迅辰信息技术有限公司</content><!--回复内容-->
<time>2015-04-02 22:12:11</time>
 <!--接收时间-->
</mo>
<MO><Mobile>15951977097</Mobile><RecvCode>106905994140001</RecvCode>
<Content>A & B</Content><Time>20140403081211</Time></MO>
</sms>"""
    res = offline_gw().parse_replies(raw(body))
    assert [(r.phone, r.content, r.extno) for r in res.items] == [
        ("15951977097", "江苏迅辰信息技术有限公司", "106905994140001"),
        ("15951977097", "A & B", "106905994140001"),
    ]
    assert res.items[0].time == from_beijing(datetime(2015, 4, 2, 22, 12, 11))
    assert res.items[1].time == from_beijing(datetime(2014, 4, 3, 8, 12, 11))


def test_nothing_new_and_empty_root():
    gw = offline_gw()
    for parse in (gw.parse_reports, gw.parse_replies):
        for body in (mt("104"), "<sms></sms>", "<sms/>"):
            res = parse(raw(body))
            assert res.items == [] and res.code is None
        with pytest.raises(ProtocolError):
            parse(raw("<html>oops</html>"))


def test_parse_time_forms():
    assert parse_vendor_time("2011-12-02 22:12:11") == datetime(2011, 12, 2, 22, 12, 11)
    assert parse_vendor_time("2011/12/2 22:12:11") == datetime(2011, 12, 2, 22, 12, 11)
    assert parse_vendor_time("20111202221211") == datetime(2011, 12, 2, 22, 12, 11)
    assert parse_vendor_time("2011-12-02T22:12:11.123") == datetime(2011, 12, 2, 22, 12, 11)
    assert parse_vendor_time("2011-12-02") == datetime(2011, 12, 2)
    assert parse_vendor_time("") is None
    assert parse_vendor_time("2011-13-45 99:99:99") is None


def test_capabilities():
    caps = JsmGateway.capabilities
    assert caps.max_recipients == 100 and caps.max_length == 300
    assert caps.min_poll_interval == 180
    assert caps.schedule_format == "%Y%m%d%H%M%S"
    assert caps.default_charset == "gbk" and set(caps.charsets) == {"gbk", "utf-8"}
    assert not caps.push and caps.templates
    assert any("当天" in n and "current day" in n for n in caps.notes)


# ---- faults ---------------------------------------------------------------------------------


def test_hang_is_unknown(sim, acct):
    sim.set_fault("jsm", "hang", count=1)
    res = make_gw(sim, read_timeout=0.5).send(PHONES, "x【签名】")
    assert [r.outcome for r in res.results] == [Outcome.UNKNOWN] * 2
    assert "read timeout" in res.results[0].message_en


@pytest.mark.parametrize("kind", ["drop", "http500", "garbage"])
def test_faults_are_unknown_never_accepted(sim, acct, kind):
    sim.set_fault("jsm", kind, count=1)
    res = make_gw(sim).send(PHONES, "x【签名】")
    assert [r.outcome for r in res.results] == [Outcome.UNKNOWN] * 2
    assert res.results[0].message_zh


def test_wrong_charset_still_parsed(sim, acct):
    gw = make_gw(sim)
    sim.set_fault("jsm", "wrong_charset", count=1)
    res = gw.send(PHONES, "x【签名】")
    assert res.count(Outcome.ACCEPTED) == 2 and res.batch_id == acct.sent[0].gateway_id
    sim.inject_reply("jsm", "u1", "13800000001", "收到，谢谢")
    sim.set_fault("jsm", "wrong_charset", count=1)
    assert [r.content for r in gw.fetch_replies().items] == ["收到，谢谢"]


def test_connection_refused_is_not_sent():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gw = JsmGateway(AccountConfig("jsm", f"http://127.0.0.1:{port}", "u", "p"))
    with pytest.raises(NotSentError):
        gw.send(PHONES, "x【签名】")

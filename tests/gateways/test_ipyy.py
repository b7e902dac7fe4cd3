"""ipyy (sms.aspx) client: contract tests against the simulator over real HTTP, plus the
documented replies the simulator cannot produce fed straight to the parsers."""

from __future__ import annotations

import hashlib
import socket
from datetime import UTC, datetime
from urllib.parse import parse_qsl

import pytest

from sms_desktop.core.errors import (
    InputError,
    NotSentError,
    ProtocolError,
    UnencodableTextError,
)
from sms_desktop.core.gateways import AccountConfig, Outcome, PasswordHash, RawReply
from sms_desktop.core.gateways.ipyy import (
    GatewayRefusedError,
    IpyyGateway,
    message_key,
    parse_vendor_time,
)
from sms_desktop.core.vendortime import BEIJING, from_beijing

PHONES = ["13800138000", "13900139000"]


@pytest.fixture
def acct(sim):
    return sim.add_account("ipyy", "u1", "secret", balance=100, userid="12")


def make(sim, **kw) -> IpyyGateway:
    cfg = dict(
        family="ipyy",
        base_url=sim.base_url("ipyy"),
        username="u1",
        password="secret",
        userid="12",
        read_timeout=5.0,
    )
    cfg.update(kw)
    return IpyyGateway(AccountConfig(**cfg))


def raw_of(body: str | bytes, charset: str = "utf-8", ctype: str | None = None) -> RawReply:
    data = body.encode(charset) if isinstance(body, str) else body
    return RawReply.from_bytes(data, ctype, fallback=charset)


def returnsms(status: str, message: str, task: str = "0", count: str = "0") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8" ?>\n<returnsms>\n'
        f"<returnstatus>{status}</returnstatus>\n<message>{message}</message>\n"
        f"<remainpoint>10</remainpoint>\n<taskID>{task}</taskID>\n"
        f"<successCounts>{count}</successCounts>\n</returnsms>"
    )


# ---- send: the exact bytes ---------------------------------------------------------------------
def test_send_utf8_exact_body_and_taskid(sim, acct):
    gw = make(sim)
    res = gw.send(PHONES, "你好")
    req = sim.requests[-1]
    assert req.method == "POST"
    assert req.endpoint == "sms.aspx"
    assert req.body == (
        b"action=send&userid=12&account=u1&password=secret"
        b"&mobile=13800138000%2C13900139000&content=%E4%BD%A0%E5%A5%BD&sendTime=&extno="
    )
    task = acct.sent[0].gateway_id
    assert [r.outcome for r in res.results] == [Outcome.ACCEPTED] * 2
    assert {r.gateway_id for r in res.results} == {task}
    assert res.batch_id == task
    assert res.charged == acct.balance == 98
    assert [m.text for m in acct.sent] == ["你好", "你好"]


@pytest.mark.parametrize("charset", ["gbk", "GB2312", "gb18030"])
def test_send_gbk_uses_smsgbk_endpoint(sim, acct, charset):
    gw = make(sim, charset=charset)
    res = gw.send(PHONES[:1], "你好")
    req = sim.requests[-1]
    assert req.endpoint == "smsGBK.aspx"
    assert b"content=%C4%E3%BA%C3" in req.body
    assert req.params["content"] == "你好"
    assert res.results[0].outcome is Outcome.ACCEPTED
    assert acct.sent[-1].text == "你好"


def test_signature_is_prepended(sim, acct):
    gw = make(sim, signature="公司")
    gw.send(PHONES[:1], "通知")
    assert sim.requests[-1].params["content"] == "【公司】通知"


def test_send_time_format_naive_and_aware(sim, acct):
    gw = make(sim)
    gw.send(PHONES[:1], "定时", send_at=datetime(2030, 1, 2, 3, 4, 5))  # the PC's local time
    beijing = datetime(2030, 1, 2, 3, 4, 5).astimezone(BEIJING)
    assert f"&sendTime={beijing:%Y-%m-%d+%H}%3A04%3A05&".encode() in sim.requests[-1].body
    assert acct.sent[-1].send_time == datetime(2030, 1, 2, 3, 4, 5).timestamp()
    # an aware time is sent as Beijing time, the gateway's clock
    gw.send(PHONES[:1], "定时", send_at=datetime(2030, 1, 1, 20, 0, 0, tzinfo=UTC))
    assert sim.requests[-1].params["sendTime"] == "2030-01-02 04:00:00"
    assert gw.capabilities.schedule_format == "%Y-%m-%d %H:%M:%S"


def test_extno_rules(sim, acct):
    gw = make(sim, extno="01")
    gw.send(PHONES[:1], "子号")
    assert sim.requests[-1].params["extno"] == "01"
    gw.send(PHONES[:1], "子号", extno="1234567890")
    assert sim.requests[-1].params["extno"] == "1234567890"
    n = len(sim.requests)
    for bad in ("12345678901", "12a", "１２", "-1"):
        with pytest.raises(InputError):
            gw.send(PHONES[:1], "子号", extno=bad)
    assert len(sim.requests) == n


@pytest.mark.parametrize(
    ("scheme", "upper"), [(PasswordHash.MD5, False), (PasswordHash.MD5_UPPER, True)]
)
def test_password_hash_option(sim, scheme, upper):
    sim.add_account("ipyy", "u1", "secret", userid="12", password_hash=scheme.value)
    gw = make(sim, password_hash=scheme)
    res = gw.send(PHONES[:1], "md5")
    digest = hashlib.md5(b"secret").hexdigest()
    assert sim.requests[-1].params["password"] == (digest.upper() if upper else digest)
    assert res.results[0].outcome is Outcome.ACCEPTED
    # the default (none) against an MD5 account: the gateway refuses
    res = make(sim).send(PHONES[:1], "md5")
    assert res.results[0].code == "auth_failed"
    assert res.account_level_failure


def test_batches_default_and_configurable(sim, acct):
    gw = make(sim)
    assert gw.batch_limit == 1000 and gw.capabilities.batch_limit_configurable
    assert make(sim, batch_size=1500).batch_limit == 1500
    gw = make(sim, batch_size=3)
    phones = [f"1380013{i:04d}" for i in range(7)]
    sim.clear_requests()
    for batch in gw.batches(phones):
        res = gw.send(batch, "分批")
        assert all(r.outcome is Outcome.ACCEPTED for r in res.results)
    sizes = [len(dict(parse_qsl(r.body.decode()))["mobile"].split(",")) for r in sim.requests]
    assert sizes == [3, 2, 2]  # balanced: 7 at 3 a request
    with pytest.raises(InputError):
        gw.send(phones[:4], "太多")
    assert len(sim.requests) == 3


def test_base_url_pasted_with_endpoint_and_query(sim, acct):
    gw = make(sim, base_url=sim.root_url + "/smsGBK.aspx?action=send")
    gw.send(PHONES[:1], "地址")
    assert sim.requests[-1].path == "/sms.aspx"


# ---- send: every documented message -----------------------------------------------------------
def test_auth_empty(sim, acct):
    res = make(sim, password="").send(PHONES, "x")
    assert res.code is not None and res.code.code == "auth_empty"
    assert res.account_level_failure
    assert all(r.outcome is Outcome.REJECTED for r in res.results)
    assert res.results[0].vendor_text == "用户名或密码不能为空"


@pytest.mark.parametrize("kw", [{"password": "wrong"}, {"username": "nobody"}])
def test_auth_failed(sim, acct, kw):
    res = make(sim, **kw).send(PHONES, "x")
    assert res.code is not None and res.code.code == "auth_failed"
    assert res.account_level_failure
    assert "账号或密码错误" in res.results[0].message
    assert acct.sent == []


def test_disabled_account_is_auth_failure(sim):
    sim.add_account("ipyy", "u1", "secret", userid="12", disabled=True)
    res = make(sim).send(PHONES, "x")
    assert res.code is not None and res.code.code == "auth_failed" and res.account_level_failure


def test_sql_injection(sim, acct):
    res = make(sim).send(PHONES, "it's")
    assert res.code is not None and res.code.code == "sql_injection"
    assert not res.account_level_failure
    assert all(r.outcome is Outcome.REJECTED for r in res.results)


def test_illegal_words(sim, acct):
    sim.sensitive_words = {"赌博"}
    res = make(sim).send(PHONES, "来赌博")
    assert res.code is not None and res.code.code == "illegal_words"
    assert res.results[0].vendor_text == "包含非法字符：赌博"
    assert "不允许" in res.results[0].message_zh


def test_insufficient_balance(sim):
    sim.add_account("ipyy", "u1", "secret", userid="12", balance=1)
    res = make(sim).send(PHONES, "x")
    assert res.code is not None and res.code.code == "insufficient_balance"
    assert res.account_level_failure
    assert res.charged == 1


def test_no_valid_numbers_is_no_mobile(sim, acct):
    res = make(sim).send(["123"], "x")
    assert res.code is not None and res.code.code == "no_mobile"
    assert res.results[0].outcome is Outcome.REJECTED


def test_other_error(sim):
    sim.add_account("ipyy", "u1", "secret", userid="12", max_recipients=2)
    res = make(sim).send([*PHONES, "13700137000"], "x")
    assert res.code is not None and res.code.code == "other_error"
    assert res.results[0].vendor_text == "其他错误"


def test_no_content_documented_reply():
    gw = IpyyGateway(AccountConfig("ipyy", "http://127.0.0.1:9/", "u", "p"))
    res = gw.parse_send(raw_of(returnsms("Faild", "短信内容不能为空")), PHONES)
    assert res.code is not None and res.code.code == "no_content"
    assert [r.outcome for r in res.results] == [Outcome.REJECTED] * 2


def test_every_listed_message_maps_to_a_code():
    listed = {
        "ok": "ok",
        "用户名或密码不能为空": "auth_empty",
        "发送内容包含sql注入字符": "sql_injection",
        "用户名或密码错误": "auth_failed",
        "短信号码不能为空": "no_mobile",
        "短信内容不能为空": "no_content",
        "包含非法字符：赌博": "illegal_words",
        "对不起，您当前要发送的量大于您当前余额": "insufficient_balance",
        "其他错误": "other_error",
        "没有包含屏蔽词": "no_keywords",
        "包含非法字符": "illegal_words",
        "密码修改成功": "password_changed",
    }
    for text, key in listed.items():
        assert message_key(text) == key, text
        info = IpyyGateway.codes[key]
        assert info.zh and info.en and info.vendor_text
    for code in ("1", "2", "3", "4"):
        assert IpyyGateway.codes[code].zh
    # reseller rewordings land on the same codes
    assert message_key("账号或密码错误！") == "auth_failed"
    assert message_key("账户余额不足") == "insufficient_balance"


def test_refused_before_sending(sim, acct):
    gw = make(sim, charset="gbk")
    with pytest.raises(UnencodableTextError) as exc:
        gw.send(PHONES, "你好😀𪚥")
    assert exc.value.chars == ["😀", "𪚥"]
    assert "😀" in str(exc.value)
    with pytest.raises(InputError):
        gw.send(PHONES, "   ")
    with pytest.raises(InputError):
        gw.send([], "x")
    assert sim.requests == []
    # the UTF-8 endpoint carries the emoji
    res = make(sim).send(PHONES[:1], "你好😀")
    assert res.results[0].outcome is Outcome.ACCEPTED
    assert acct.sent[-1].text == "你好😀"


def test_dropped_numbers_are_not_claimed(sim, acct):
    res = make(sim).send([PHONES[0], "12345", PHONES[1]], "x")
    outcomes = [r.outcome for r in res.results]
    assert outcomes == [Outcome.ACCEPTED, Outcome.UNKNOWN, Outcome.ACCEPTED]
    assert "2/3" in res.results[1].message_zh
    # a count that cannot be explained claims nothing
    gw = make(sim)
    res = gw.parse_send(raw_of(returnsms("Success", "ok", "77", "1")), PHONES)
    assert [r.outcome for r in res.results] == [Outcome.UNKNOWN] * 2
    assert {r.gateway_id for r in res.results} == {"77"}
    # billed parts above the number count confirm the batch
    res = gw.parse_send(raw_of(returnsms("Success", "ok", "77", "4")), PHONES)
    assert [r.outcome for r in res.results] == [Outcome.ACCEPTED] * 2


# ---- send: liberal reading, never success by accident ------------------------------------------
@pytest.mark.parametrize("status", ["Success", "Sucess", "success", "SUCCESS", " Success "])
def test_success_words(status):
    gw = IpyyGateway(AccountConfig("ipyy", "http://x/", "u", "p"))
    res = gw.parse_send(raw_of(returnsms(status, "ok", "1212", "2")), PHONES)
    assert [r.gateway_id for r in res.results] == ["1212", "1212"]
    assert res.count(Outcome.ACCEPTED) == 2


def test_liberal_markup():
    gw = IpyyGateway(AccountConfig("ipyy", "http://x/", "u", "p"))
    body = (
        "<?xml version='1.0' encoding='gb2312'?>\r\n<ReturnSMS><ReturnStatus>SUCCESS"
        "</ReturnStatus><Message>OK</Message><TaskId> 99 </TaskId><extra>余额 & b</extra>"
        "</ReturnSMS>"
    ).encode("gbk")
    res = gw.parse_send(raw_of(body, "gbk", "text/xml; charset=gb2312"), PHONES)
    assert res.count(Outcome.ACCEPTED) == 2 and res.batch_id == "99"
    bom = b"\xef\xbb\xbf" + returnsms("Success", "ok", "100", "2").encode("utf-8")
    assert raw_of(bom, "gbk").text.startswith("<?xml")
    assert gw.parse_send(raw_of(bom, "gbk"), PHONES).batch_id == "100"
    failed = gw.parse_send(raw_of(returnsms("Failed", "用户名或密码错误")), PHONES)
    assert failed.code is not None and failed.code.code == "auth_failed"
    unlisted = gw.parse_send(raw_of(returnsms("Faild", "通道维护中")), PHONES)
    assert unlisted.code is not None and unlisted.code.vendor_text == "通道维护中"
    assert unlisted.count(Outcome.REJECTED) == 2  # Faild is the documented failure status


@pytest.mark.parametrize(
    "body",
    [
        returnsms("Success", "用户名或密码错误", "1"),  # contradiction
        returnsms("Faild", "ok"),
        returnsms("Pending", "排队中"),
        "<returnsms><returnstatus>Sucess</returnstatus><message></message></returnsms>",
        "<html><body>Server Error</body></html>",
        "ok",
        "",
        "<returnsms><returnstatus>Success</returnstatus>",
    ],
)
def test_unclear_send_reply_is_unknown(sim, acct, body):
    gw = make(sim)
    with pytest.raises(ProtocolError):
        gw.parse_send(raw_of(body), PHONES)
    res = gw.unrecognised(PHONES, raw_of(body))
    assert res.count(Outcome.UNKNOWN) == 2


# ---- faults ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["drop", "http500", "garbage"])
def test_send_faults_are_unknown(sim, acct, kind):
    sim.set_fault("ipyy", kind, count=1)
    res = make(sim).send(PHONES, "故障")
    assert res.count(Outcome.UNKNOWN) == 2
    assert res.count(Outcome.ACCEPTED) == 0


def test_hang_is_unknown(sim, acct):
    sim.set_fault("ipyy", "hang", count=1)
    res = make(sim, read_timeout=0.5).send(PHONES, "挂起")
    assert res.count(Outcome.UNKNOWN) == 2
    assert "超时" in res.results[0].message_zh or "timeout" in res.results[0].message_en


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_wrong_charset_never_wrongly_accepted(sim, acct, charset):
    sim.set_fault("ipyy", "wrong_charset", count=1)
    res = make(sim, charset=charset).send(PHONES, "编码")
    task = acct.sent[0].gateway_id
    for r in res.results:
        assert r.outcome in (Outcome.ACCEPTED, Outcome.UNKNOWN)
        if r.outcome is Outcome.ACCEPTED:
            assert r.gateway_id == task
    # a refusal in the wrong charset is still read as a refusal (or unknown), never success
    sim.set_fault("ipyy", "wrong_charset", count=1)
    bad = make(sim, charset=charset, password="nope").send(PHONES, "编码")
    assert bad.count(Outcome.ACCEPTED) == 0


def test_vendor_error_fault(sim, acct):
    sim.set_fault("ipyy", "vendor_error", count=1)
    res = make(sim).send(PHONES, "x")
    assert res.code is not None and res.code.code == "other_error"


def test_connection_refused_is_not_sent():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    gw = IpyyGateway(AccountConfig("ipyy", f"http://127.0.0.1:{port}/", "u", "p"))
    with pytest.raises(NotSentError):
        gw.send(PHONES, "x")
    with pytest.raises(NotSentError):
        gw.balance()


# ---- balance (overage) -------------------------------------------------------------------------
def test_balance(sim, acct):
    bal = make(sim).balance()
    req = sim.requests[-1]
    assert req.endpoint == "sms.aspx"
    assert req.body == b"action=overage&userid=12&account=u1&password=secret"
    assert bal.ok and bal.messages == 100
    assert bal.details["payinfo"] == "预付费" and bal.details["sendTotal"] == 100
    make(sim, charset="gbk").balance()
    assert sim.requests[-1].endpoint == "smsGBK.aspx"


def test_balance_auth_failures(sim, acct):
    bal = make(sim, password="bad").balance()
    assert not bal.ok and bal.code is not None and bal.code.code == "auth_failed"
    assert bal.code.account_level
    bal = make(sim, password="").balance()
    assert bal.code is not None and bal.code.code == "auth_empty"


@pytest.mark.parametrize("status", ["Sucess", "Success", "success", ""])
def test_balance_spellings(status):
    gw = IpyyGateway(AccountConfig("ipyy", "http://x/", "u", "p"))
    body = (
        f"<returnsms><returnstatus>{status}</returnstatus><message></message>"
        "<payinfo>后付费</payinfo><overage>1,234</overage><sendTotal>5000</sendTotal></returnsms>"
    )
    bal = gw.parse_balance(raw_of(body))
    assert bal.messages == 1234 and bal.details["payinfo"] == "后付费"


def test_balance_garbage_raises_protocol_error(sim, acct):
    sim.set_fault("ipyy", "garbage", count=1)
    with pytest.raises(ProtocolError):
        make(sim).balance()


# ---- checkkeyword ------------------------------------------------------------------------------
def test_check_keyword(sim, acct):
    gw = make(sim, signature="公司")
    ok, words, raw = gw.check_keyword("你好")
    assert (ok, words) == (True, [])
    req = sim.requests[-1]
    assert req.params["action"] == "checkkeyword"
    assert req.params["content"] == "【公司】你好"
    assert b"content=%E3%80%90" in req.body
    sim.sensitive_words = {"赌博", "禁词"}
    ok, words, raw = gw.check_keyword("赌博和禁词")
    assert not ok and sorted(words) == ["禁词", "赌博"]
    assert "包含非法字符" in raw.text
    sim.ipyy_checkkeyword_append_words = False
    assert gw.check_keyword("赌博")[:2] == (False, [])


def test_check_keyword_auth_error(sim, acct):
    with pytest.raises(GatewayRefusedError) as exc:
        make(sim, password="bad").check_keyword("x")
    assert exc.value.code.code == "auth_failed" and exc.value.code.account_level


# ---- changespwd --------------------------------------------------------------------------------
def test_change_password(sim, acct):
    gw = make(sim)
    result = gw.change_password("n3w-Pass")
    req = sim.requests[-1]
    assert req.params["action"] == "changespwd"
    assert req.params["newpwd"] == req.params["renewpwd"] == "n3w-Pass"
    assert req.params["password"] == "secret"
    assert result.ok and result.code.code == "password_changed"
    assert acct.password == "n3w-Pass" and gw.account.password == "n3w-Pass"
    assert gw.balance().ok  # the same gateway object keeps working


def test_change_password_refusals(sim, acct):
    result = make(sim, password="bad").change_password("other")
    assert not result.ok and result.code.code == "auth_failed"
    assert acct.password == "secret"
    with pytest.raises(InputError):
        make(sim).change_password(" padded ")
    gw = IpyyGateway(AccountConfig("ipyy", "http://x/", "u", "p"))
    body = (
        "<returnsms><returnstatus>Faild</returnstatus><message>两次输入的密码不一致</message>"
        "< checkCounts > </ checkCounts ></returnsms>"
    )
    res = gw.parse_change_password(raw_of(body))
    assert not res.ok and res.code.vendor_text == "两次输入的密码不一致"


def test_unencodable_new_password_is_not_named(sim, acct):
    """The refusal must not quote the password's characters (it may be logged or shown)."""
    with pytest.raises(InputError) as exc:
        make(sim, charset="gbk").change_password("pw😀𪚥")
    assert not isinstance(exc.value, UnencodableTextError)
    assert "😀" not in str(exc.value) and "𪚥" not in str(exc.value)
    assert "GBK" in str(exc.value)
    assert sim.requests == [] and acct.password == "secret"


# ---- reports -----------------------------------------------------------------------------------
def test_reports_fetched_once_and_stored_first(sim, acct):
    gw = make(sim)
    sent = gw.send(PHONES, "报告")
    seen: list[tuple[str, bytes]] = []
    result = gw.fetch_reports(sink=lambda kind, raw: seen.append((kind, raw.body)))
    req = sim.requests[-1]
    assert req.endpoint == "statusApi.aspx"
    assert req.body == b"action=query&userid=12&account=u1&password=secret"
    assert seen and seen[0][0] == "reports" and b"<statusbox>" in seen[0][1]
    assert result.code is None
    assert sorted(r.phone for r in result.items) == sorted(PHONES)
    for r in result.items:
        assert r.gateway_id == sent.batch_id
        assert r.delivered is True and r.status == "10" and r.error_code == "DELIVRD"
        assert isinstance(r.time, datetime)
    again = gw.fetch_reports()
    assert again.items == [] and again.code is None


def test_failed_reports_and_status_num(sim, acct):
    sim.report_success_ratio = 0.0
    gw = make(sim, extno="7")
    gw.send(PHONES, "失败")
    first = gw.fetch_reports(status_num=1)
    assert sim.requests[-1].params["statusNum"] == "1"
    assert len(first.items) == 1
    rep = first.items[0]
    assert rep.delivered is False and rep.status == "20" and rep.extno == "7"
    gw.account.options["statusNum"] = "5"
    rest = gw.fetch_reports()
    assert sim.requests[-1].params["statusNum"] == "5"
    assert len(rest.items) == 1
    with pytest.raises(InputError):
        gw.fetch_reports(status_num=0)


def test_report_errors(sim):
    sim.add_account("ipyy", "u1", "secret", userid="12", allow_reports=False)
    res = make(sim).fetch_reports()
    assert res.code is not None and res.code.code == "3" and res.code.account_level
    assert res.items == []
    res = make(sim, password="bad").fetch_reports()
    assert res.code is not None and res.code.code == "2"
    res = make(sim, password="").fetch_replies()
    assert res.code is not None and res.code.code == "1"
    sim.set_fault("ipyy", "vendor_error", count=1, endpoint="statusApi.aspx")
    res = make(sim).fetch_reports()
    assert res.code is not None and res.code.code == "4"
    assert res.code.vendor_text == "参数不正确"


def test_report_garbage_is_stored_then_protocol_error(sim, acct):
    sim.set_fault("ipyy", "garbage", count=1)
    seen: list[bytes] = []
    with pytest.raises(ProtocolError):
        make(sim).fetch_reports(sink=lambda kind, raw: seen.append(raw.body))
    assert len(seen) == 1 and seen[0].startswith(b"\x00\xff\xfe")


def test_documented_report_example():
    body = """<?xml version="1.0" encoding="utf-8" ?>
<returnsms>
<statusbox>
<mobile>15023239810</mobile>
<taskid>1212</taskid>
<status>10</status>
<receivetime>2011-12-02 22:12:11</receivetime>
<errorcode>DELIVRD</errorcode>
<extno>01</extno>
</statusbox>
<statusbox>
<mobile>15023239811</mobile>
<taskid>1212</taskid>
<status>20</status>
<receivetime>2011/12/2 22:12:11</receivetime>
<errorcode>2</errorcode>
<extno></extno>
</statusbox>
<StatusBox><Mobile>15023239812</Mobile><TaskID>1213</TaskID><Status>30</Status>
<ReceiveTime>20111202221211</ReceiveTime><ErrorCode>DELIVRD</ErrorCode></StatusBox>
<statusbox><taskid>1</taskid></statusbox>
</returnsms>"""
    gw = IpyyGateway(AccountConfig("ipyy", "http://x/", "u", "p"))
    items = gw.parse_reports(raw_of(body)).items
    assert [(r.phone, r.gateway_id, r.delivered) for r in items] == [
        ("15023239810", "1212", True),
        ("15023239811", "1212", False),
        ("15023239812", "1213", True),  # unknown status, errorcode DELIVRD
    ]
    assert items[0].extno == "01" and items[1].extno is None
    assert items[1].error_code == "2"
    assert all(r.time == from_beijing(datetime(2011, 12, 2, 22, 12, 11)) for r in items)
    assert gw.parse_reports(raw_of("")).items == []
    assert gw.parse_reports(raw_of("<returnsms/>")).items == []
    with pytest.raises(ProtocolError):
        gw.parse_reports(raw_of("<html>busy</html>"))


# ---- replies -----------------------------------------------------------------------------------
def test_replies(sim, acct):
    gw = make(sim)
    sent = gw.send(PHONES[:1], "请回复")
    sim.inject_reply(
        "ipyy",
        "u1",
        PHONES[0],
        "你好，我不需要, <谢谢> & 再见",
        time=datetime(2024, 5, 6, 7, 8, 9),
        extno="01",
    )
    seen: list[str] = []
    res = gw.fetch_replies(sink=lambda kind, raw: seen.append(kind))
    assert seen == ["replies"]
    assert sim.requests[-1].endpoint == "callApi.aspx"
    assert sim.requests[-1].body == b"action=query&userid=12&account=u1&password=secret"
    [reply] = res.items
    assert reply.phone == PHONES[0]
    assert reply.content == "你好，我不需要, <谢谢> & 再见"
    assert reply.time == datetime(2024, 5, 6, 7, 8, 9)
    assert reply.gateway_id == sent.batch_id and reply.extno == "01"
    assert gw.fetch_replies().items == []


def test_documented_reply_example():
    body = """<?xml version="1.0" encoding="utf-8" ?>
<returnsms>
<callbox>
<mobile>15023239810</mobile>
<taskid>1212</taskid>
<content>你好，我不需要</content>
<receivetime>2011-12-02 22:12:11</receivetime>
<extno>01</extno>
</callbox>
<callbox>
<mobile>15023239811</mobile>
<taskid>1212</taskid>
<content>你好，本次活动路线是怎么的</content>
<receivetime>2011-12-02 22:12:11</receivetime>
<extno>01</extno>
</callbox>
</returnsms>"""
    gw = IpyyGateway(AccountConfig("ipyy", "http://x/", "u", "p"))
    items = gw.parse_replies(raw_of(body)).items
    assert [r.content for r in items] == ["你好，我不需要", "你好，本次活动路线是怎么的"]
    err = gw.parse_replies(
        raw_of(
            "<returnsms><errorstatus><error>3</error>"
            "<remark>该用户不允许查看状态报告</remark></errorstatus></returnsms>"
        )
    )
    assert err.code is not None and err.code.code == "3" and err.items == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2011-12-02 22:12:11", datetime(2011, 12, 2, 22, 12, 11)),
        ("2011/12/2 22:12:11", datetime(2011, 12, 2, 22, 12, 11)),
        ("20111202221211", datetime(2011, 12, 2, 22, 12, 11)),
        ("2011-12-02T22:12:11", datetime(2011, 12, 2, 22, 12, 11)),
        ("2011-12-02 22:12", datetime(2011, 12, 2, 22, 12)),
        ("2011-12-02", datetime(2011, 12, 2)),
        ("2011-13-02 22:12:11", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_vendor_times(text, expected):
    assert parse_vendor_time(text) == expected


def test_capabilities():
    caps = IpyyGateway.capabilities
    assert caps.family == "ipyy" and caps.max_recipients == 1000
    assert caps.charsets == ("utf-8", "gbk") and caps.default_charset == "utf-8"
    assert caps.password_hash_default is PasswordHash.NONE
    assert not caps.push and caps.server_schedule

"""qxt (smssenderv2) client: contract tests against the simulator over real HTTP, the documented
replies the simulator cannot produce, and the pushed reports and replies received by a tiny
HTTP server started in the test."""

from __future__ import annotations

import hashlib
import socket
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest

from sms_desktop.core.errors import (
    InputError,
    NotSentError,
    ProtocolError,
    UnencodableTextError,
)
from sms_desktop.core.gateways import AccountConfig, Outcome, PasswordHash, RawReply
from sms_desktop.core.gateways.qxt import QxtGateway, decode_push_query

PHONES = ["13800138000", "13900139000"]
MD5 = hashlib.md5(b"secret").hexdigest()


@pytest.fixture
def acct(sim):
    return sim.add_account("qxt", "q1", "secret", balance=100)


def make(sim, **kw) -> QxtGateway:
    cfg = dict(
        family="qxt",
        base_url=sim.base_url("qxt"),
        username="q1",
        password="secret",
        read_timeout=5.0,
    )
    cfg.update(kw)
    return QxtGateway(AccountConfig(**cfg))


def offline() -> QxtGateway:
    return QxtGateway(AccountConfig("qxt", "http://127.0.0.1:9/", "q1", "secret"))


def raw_of(text: str) -> RawReply:
    return RawReply.from_bytes(text.encode("gbk"), "text/plain; charset=GBK", fallback="gbk")


# ---- a push receiver ---------------------------------------------------------------------------
class _Receiver(ThreadingHTTPServer):
    received: list[tuple[str, bytes]]


class _Collector(BaseHTTPRequestHandler):
    server: _Receiver

    def _answer(self, raw: bytes) -> None:
        self.server.received.append((self.command, raw))
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._answer(self.path.partition("?")[2].encode("latin-1"))

    def do_POST(self) -> None:
        n = int(self.headers.get("Content-Length") or 0)
        self._answer(self.rfile.read(n))

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[str, bytes]]]]:
    server = _Receiver(("127.0.0.1", 0), _Collector)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/qxt/push", server.received
    finally:
        server.shutdown()
        server.server_close()


def pushed(gw: QxtGateway, received: list[tuple[str, bytes]]):
    reports, replies = [], []
    for _, raw in received:
        r, m = gw.parse_push(decode_push_query(raw))
        reports += r
        replies += m
    return reports, replies


# ---- send: the exact bytes ---------------------------------------------------------------------
def test_send_exact_body(sim, acct):
    res = make(sim).send(PHONES, "你好")
    req = sim.requests[-1]
    assert req.method == "POST" and req.endpoint == "smssenderv2"
    assert req.path == "/qxt/smssenderv2"
    assert req.body == (
        f"user=q1&password={MD5}&tele=13800138000%2C13900139000&msg=%C4%E3%BA%C3".encode()
    )
    assert len(req.params["password"]) == 32 and req.params["password"] == MD5.lower()
    mid = acct.sent[0].gateway_id
    assert [(r.outcome, r.gateway_id) for r in res.results] == [(Outcome.ACCEPTED, mid)] * 2
    assert res.batch_id == mid
    assert [m.text for m in acct.sent] == ["你好", "你好"]


def test_host_only_base_url_gets_qxt_prefix(sim, acct):
    make(sim, base_url=sim.root_url).send(PHONES[:1], "x")
    assert sim.requests[-1].path == "/qxt/smssenderv2"
    make(sim, base_url=sim.root_url + "/qxt/smssenderv2?user=q1").send(PHONES[:1], "x")
    assert sim.requests[-1].path == "/qxt/smssenderv2"


def test_extno_and_addseqno(sim, acct):
    gw = make(sim, extno="12")
    gw.send(PHONES[:1], "子号")
    assert sim.requests[-1].params["extno"] == "12"
    gw.send(PHONES[:1], "子号", extno="1" * 20)
    assert sim.requests[-1].params["extno"] == "1" * 20
    make(sim).send(PHONES[:1], "无子号")
    assert "extno" not in sim.requests[-1].params and "addseqno" not in sim.requests[-1].params
    n = len(sim.requests)
    for bad in ("1" * 21, "12a", "+1"):
        with pytest.raises(InputError):
            gw.send(PHONES[:1], "x", extno=bad)
    assert len(sim.requests) == n
    long_text = "长" * 150
    gw = make(sim, options={"addseqno": "1"})
    res = gw.send(PHONES[:1], long_text)
    assert sim.requests[-1].params["addseqno"] == "1"
    assert res.results[0].outcome is Outcome.ACCEPTED
    assert acct.sent[-1].extra["parts"][0].startswith("1/3)")
    assert gw.capabilities.splits_long_text


def test_no_server_schedule(sim, acct):
    gw = make(sim)
    assert gw.capabilities.schedule_format is None and not gw.capabilities.server_schedule
    with pytest.raises(InputError, match="本程序"):
        gw.send(PHONES, "定时", send_at=datetime.now() + timedelta(hours=1))
    assert sim.requests == []
    # the engine releases it itself at the time: a past time sends now
    res = gw.send(PHONES, "到点", send_at=datetime.now() - timedelta(seconds=1))
    assert res.count(Outcome.ACCEPTED) == 2


def test_batch_limit_is_1000_and_not_configurable(sim):
    sim.add_account("qxt", "q1", "secret", balance=5000)
    gw = make(sim, batch_size=2000)
    assert gw.batch_limit == 1000
    assert make(sim, batch_size=3).batch_limit == 3
    phones = [f"138{i:08d}" for i in range(1001)]
    batches = gw.batches(phones)
    assert [len(b) for b in batches] == [501, 500]  # balanced
    with pytest.raises(InputError):
        gw.send(phones, "太多")
    assert sim.requests == []
    for b in batches:
        res = gw.send(b, "批量")
        assert res.count(Outcome.ACCEPTED) == len(b)
    assert [len(r.params["tele"].split(",")) for r in sim.requests] == [501, 500]


def test_refused_before_sending(sim, acct):
    gw = make(sim)
    with pytest.raises(UnencodableTextError) as exc:
        gw.send(PHONES, "你好😀")
    assert exc.value.chars == ["😀"] and "U+1F600" in str(exc.value)
    with pytest.raises(InputError):
        gw.send(PHONES, "")
    assert sim.requests == []
    # an account charset other than GBK does not change what the document asks for
    assert make(sim, charset="utf-8").charset == "gbk"


# ---- send: every documented code ---------------------------------------------------------------
def test_error_1_empty_user(sim, acct):
    res = make(sim, username="").send(PHONES, "x")
    assert res.code is not None and res.code.code == "1" and res.account_level_failure
    assert all(r.outcome is Outcome.REJECTED for r in res.results)


def test_error_6_no_such_user(sim, acct):
    res = make(sim, username="ghost").send(PHONES, "x")
    assert res.code is not None and res.code.code == "6" and res.account_level_failure
    assert res.results[0].vendor_text == "无此用户或者密码不对1"


def test_error_7_wrong_password(sim, acct):
    res = make(sim, password="wrong").send(PHONES, "x")
    assert res.code is not None and res.code.code == "7" and res.account_level_failure
    # the password goes as lowercase MD5 unless the account says otherwise
    res = make(sim, password_hash=PasswordHash.MD5_UPPER).send(PHONES, "x")
    assert sim.requests[-1].params["password"] == MD5.upper()
    assert res.code is not None and res.code.code == "7"


def test_error_3_empty_tele(sim, acct):
    res = make(sim).send([""], "x")
    assert res.code is not None and res.code.code == "3"
    assert res.results[0].outcome is Outcome.REJECTED


def test_error_8_minimum(sim):
    sim.add_account("qxt", "q1", "secret", min_recipients=10)
    res = make(sim).send(PHONES, "x")
    assert res.code is not None and res.code.code == "8"
    assert not res.account_level_failure
    assert "10" in res.results[0].message_zh


def test_error_9_no_valid_or_too_many(sim):
    sim.add_account("qxt", "q1", "secret", max_recipients=1)
    res = make(sim).send(PHONES, "x")
    assert res.code is not None and res.code.code == "9"
    res = make(sim).send(["123"], "x")
    assert res.code is not None and res.code.code == "9"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("error:1.用户名或密码错误", "1"),
        ("error:2.扩展号码错误", "2"),
        ("error:3.mobile", "3"),
        ("error:4.smg", "4"),
        ("error:6.无此用户或者密码不对1", "6"),
        ("error:7.无此用户或者密码不对", "7"),
        ("error:8.moblie 提交数小于10，请重新提交!", "8"),
        ("error:9.moblie is null or mobile number too many!", "9"),
        ("ERROR：7．无此用户或者密码不对\r\n", "7"),
        ("error:无此用户或者密码不对", "7"),
        ("error:无此用户或者密码不对1", "6"),
        ("error:moblie is null or mobile number too many!", "9"),
    ],
)
def test_documented_errors(body, code):
    res = offline().parse_send(raw_of(body), PHONES)
    assert res.code is not None and res.code.code == code
    assert res.count(Outcome.REJECTED) == 2
    info = QxtGateway.codes[code]
    assert info.zh and info.en and res.results[0].message_zh == info.zh
    assert res.account_level_failure is (code in ("1", "6", "7"))


def test_unlisted_error_keeps_vendor_text():
    res = offline().parse_send(raw_of("error:5.通道关闭"), PHONES)
    assert res.code is not None and res.code.code == "5"
    assert res.code.vendor_text == "通道关闭" and res.count(Outcome.REJECTED) == 2  # error: = 失败
    res = offline().parse_send(raw_of("error:通道关闭"), PHONES)
    assert res.code is not None and res.code.vendor_text == "通道关闭"


def test_fail_999_lists(sim, acct):
    sim.set_fault("qxt", "vendor_error", count=1)
    res = make(sim).send(PHONES, "x")
    assert sim.requests[-1].response == b"fail:999:13800138000,13900139000"
    assert [r.outcome for r in res.results] == [Outcome.REJECTED] * 2
    assert res.results[0].code == "999" and "系统错误" in res.results[0].message_zh
    # only one number listed: the other is unknown, never accepted nor rejected
    res = offline().parse_send(raw_of("fail:999:13800138000"), PHONES)
    assert [r.outcome for r in res.results] == [Outcome.REJECTED, Outcome.UNKNOWN]
    assert "未知" in res.results[1].message_zh
    # no list at all names no number: all unknown
    res = offline().parse_send(raw_of("fail:999"), PHONES)
    assert res.count(Outcome.UNKNOWN) == 2


def test_ok_list_missing_numbers_are_unknown(sim, acct):
    res = make(sim).send([PHONES[0], "123", PHONES[1]], "x")
    assert sim.requests[-1].response.startswith(b"ok:")
    assert [r.outcome for r in res.results] == [
        Outcome.ACCEPTED,
        Outcome.UNKNOWN,
        Outcome.ACCEPTED,
    ]
    assert "没有列出" in res.results[1].message_zh
    res = offline().parse_send(raw_of("ok:6398619:+8613800138000"), PHONES)
    assert [r.outcome for r in res.results] == [Outcome.ACCEPTED, Outcome.UNKNOWN]
    assert res.results[0].gateway_id == "6398619"
    res = offline().parse_send(raw_of("OK:6398619"), PHONES)
    assert res.count(Outcome.UNKNOWN) == 2 and res.batch_id == "6398619"
    assert {r.gateway_id for r in res.results} == {"6398619"}


def test_insufficient_balance_quirk(sim, receiver):
    sim.add_account("qxt", "q1", "secret", balance=1)
    url, received = receiver
    sim.set_push_url("q1", url)
    gw = make(sim)
    res = gw.send(PHONES, "没钱")
    # the document: the batch is accepted but never delivered
    assert res.count(Outcome.ACCEPTED) == 2
    assert any("余额不足" in n for n in gw.capabilities.notes)
    sim.flush_pushes()
    reports, _ = pushed(gw, received)
    assert len(reports) == 2 and all(r.delivered is False for r in reports)


@pytest.mark.parametrize(
    "body", ["", "okay", "<html>500</html>", "ok:", "fail:", "ok:1:2\nfail:999:3", "成功"]
)
def test_unclear_replies_are_never_success(body):
    gw = offline()
    with pytest.raises(ProtocolError):
        gw.parse_send(raw_of(body), PHONES)
    assert gw.unrecognised(PHONES, raw_of(body)).count(Outcome.UNKNOWN) == 2


# ---- faults ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["drop", "http500", "garbage"])
def test_send_faults_are_unknown(sim, acct, kind):
    sim.set_fault("qxt", kind, count=1)
    res = make(sim).send(PHONES, "故障")
    assert res.count(Outcome.UNKNOWN) == 2


def test_hang_is_unknown(sim, acct):
    sim.set_fault("qxt", "hang", count=1)
    res = make(sim, read_timeout=0.5).send(PHONES, "挂起")
    assert res.count(Outcome.UNKNOWN) == 2


def test_wrong_charset(sim, acct):
    sim.set_fault("qxt", "wrong_charset", count=1)
    res = make(sim).send(PHONES, "编码")
    mid = acct.sent[0].gateway_id
    assert all(r.outcome is Outcome.ACCEPTED and r.gateway_id == mid for r in res.results)
    sim.set_fault("qxt", "wrong_charset", count=1)
    bal = make(sim, password="bad").balance()
    assert not bal.ok and bal.code is not None


def test_connection_refused_is_not_sent():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    gw = QxtGateway(AccountConfig("qxt", f"http://127.0.0.1:{port}/qxt/", "q1", "p"))
    with pytest.raises(NotSentError):
        gw.send(PHONES, "x")


# ---- balance (surplus) -------------------------------------------------------------------------
def test_balance(sim):
    sim.add_account("qxt", "q1", "secret", balance=321, mms_balance=7)
    bal = make(sim).balance()
    req = sim.requests[-1]
    assert req.endpoint == "surplus" and req.body == f"user=q1&password={MD5}".encode()
    assert bal.ok and bal.messages == 321 and bal.details == {"sms": 321, "mms": 7}


def test_balance_failures(sim, acct):
    bal = make(sim, password="bad").balance()
    assert sim.requests[-1].response.decode("gbk") == "失败:error:无此用户或者密码不对"
    assert not bal.ok and bal.code is not None and bal.code.code == "7"
    assert bal.code.account_level
    bal = make(sim, username="ghost").balance()
    assert bal.code is not None and bal.code.code == "6"
    sim.set_fault("qxt", "vendor_error", count=1, endpoint="surplus")
    bal = make(sim).balance()
    assert bal.code is not None and not bal.code.listed and "balance" in bal.code.en
    bal = offline().parse_balance(raw_of("失败:error:账户已停用"))
    assert bal.code is not None and bal.code.vendor_text == "账户已停用"
    sim.set_fault("qxt", "garbage", count=1)
    with pytest.raises(ProtocolError):
        make(sim).balance()


# ---- pushes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_pushed_reports(sim, acct, receiver, method):
    url, received = receiver
    sim.qxt_push_method = method
    sim.set_push_url("q1", url)
    sim.sensitive_words = {"违禁"}
    gw = make(sim)
    ok = gw.send(PHONES, "通知")
    bad = gw.send(["13700137000"], "违禁内容")
    sim.flush_pushes()
    assert received and all(m == method for m, _ in received)
    reports, replies = pushed(gw, received)
    assert replies == []
    by_phone = {r.phone: r for r in reports}
    assert set(by_phone) == {*PHONES, "13700137000"}
    for p in PHONES:
        r = by_phone[p]
        assert r.gateway_id == ok.batch_id and r.delivered is True and r.status == "DELIVRD"
        assert r.error_code is None
    rej = by_phone["13700137000"]
    assert rej.gateway_id == bad.batch_id and rej.delivered is False
    assert rej.status == "REJECT" and rej.error_code == "REJECT"
    assert "审核拒绝" in gw.code_info(rej.error_code).zh


def test_pushed_reports_several_values_in_one_push(sim, acct, receiver):
    url, received = receiver
    sim.qxt_push_batch = 10
    sim.report_success_ratio = 0.0
    sim.set_push_url("q1", url)
    gw = make(sim)
    phones = [*PHONES, "13700137000"]
    sent = gw.send(phones, "多条")
    sim.flush_pushes()
    assert any(b"%2C" in raw for _, raw in received)
    reports, _ = pushed(gw, received)
    assert sorted(r.phone for r in reports) == sorted(phones)
    assert all(r.gateway_id == sent.batch_id and r.delivered is False for r in reports)
    assert all(r.status == "UNDELIV" and r.error_code == "UNDELIV" for r in reports)


def test_pushed_replies(sim, acct, receiver):
    url, received = receiver
    sim.set_push_url("q1", url)
    gw = make(sim, extno="66")
    gw.send(PHONES[:1], "请回复")
    sim.flush_pushes()
    received.clear()
    sim.inject_reply(
        "qxt", "q1", PHONES[0], "好的，谢谢,再见 & 50%+", extno="66", area="四川", city="成都"
    )
    sim.flush_pushes()
    assert len(received) == 1
    params = decode_push_query(received[0][1])
    assert params["type"] == "1" and params["area"] == "四川" and params["city"] == "成都"
    reports, replies = gw.parse_push(params)
    assert reports == []
    [reply] = replies
    assert reply.phone == PHONES[0]
    assert reply.content == "好的，谢谢,再见 & 50%+"
    assert reply.extno is not None and reply.extno.endswith("66")
    assert reply.gateway_id


def test_pushed_replies_several_in_one_push(sim, acct, receiver):
    url, received = receiver
    sim.qxt_push_batch = 10
    sim.set_push_url("q1", url)
    gw = make(sim)
    sim.inject_reply("qxt", "q1", PHONES[0], "一")
    sim.inject_reply("qxt", "q1", PHONES[1], "二")
    sim.flush_pushes()
    _, replies = pushed(gw, received)
    assert sorted((r.phone, r.content) for r in replies) == [(PHONES[0], "一"), (PHONES[1], "二")]


def test_parse_push_pairing_rules():
    gw = offline()
    # one mid and one word for several mobiles: they apply to all
    reports, _ = gw.parse_push({"type": "4", "mid": "9", "mobile": "1,2,3", "msg": "DELIVRD"})
    assert [(r.phone, r.gateway_id, r.delivered) for r in reports] == [
        ("1", "9", True),
        ("2", "9", True),
        ("3", "9", True),
    ]
    # counts that do not pair: nothing is guessed
    reports, _ = gw.parse_push(
        {"Type": "4", "Mid": "7,8", "mobile": "1,2,3", "msg": "DELIVRD,REJECT"}
    )
    assert [(r.gateway_id, r.delivered, r.status) for r in reports] == [
        (None, None, "DELIVRD,REJECT")
    ] * 3
    # a reply text with commas and one mobile: the whole text
    _, replies = gw.parse_push({"type": "1", "mid": "5", "mobile": "1", "msg": "a,b,c"})
    assert [r.content for r in replies] == ["a,b,c"]
    # several mobiles, more pieces than mobiles: every reply carries the whole msg
    _, replies = gw.parse_push({"type": "1", "mid": "5,6", "mobile": "1,2", "msg": "a,b,c"})
    assert [(r.phone, r.gateway_id, r.content) for r in replies] == [
        ("1", "5", "a,b,c"),
        ("2", "6", "a,b,c"),
    ]
    reports, _ = gw.parse_push({"type": "4", "mid": "1", "mobile": "1", "msg": "reject"})
    assert reports[0].delivered is False and reports[0].error_code == "REJECT"
    reports, _ = gw.parse_push({"type": "4", "mid": "1", "mobile": "1", "msg": ""})
    assert reports[0].delivered is None
    for bad in ({}, {"type": "2", "mobile": "1"}, {"type": "4"}, {"type": "1,4", "mobile": "1"}):
        with pytest.raises(ProtocolError):
            gw.parse_push(bad)


def test_decode_push_query_forms():
    doc = "mid=153405&type=1&msg=%B0%CB%B9%E3%B2%B7&mobile=mobile&port=port&area=%CB%C4%B4%A8&city=%B3%C9%B6%BC"
    params = decode_push_query(doc)
    assert params["msg"] == "八广卜" and params["area"] == "四川" and params["city"] == "成都"
    assert decode_push_query("http://address?" + doc) == params
    assert decode_push_query(b"?" + doc.encode()) == params
    # POST "without encoding": raw GBK bytes
    raw = "type=1&mobile=13800138000&msg=你好 世界".encode("gbk")
    assert decode_push_query(raw)["msg"] == "你好 世界"
    # GBK comes first (UTF-8 bytes that are also valid GBK read as GBK); bytes that are not
    # GBK are tried as UTF-8
    assert decode_push_query("msg=%E2%82%AC")["msg"] == "€"
    assert decode_push_query("msg=%E4%BD%A0%E5%A5%BD", charset="utf-8")["msg"] == "你好"
    assert decode_push_query("msg=a+b&mobile=1&mobile=2")["mobile"] == "1,2"
    assert decode_push_query("msg=a+b")["msg"] == "a b"
    text = "好的，谢谢,再见 & 50%+="
    assert decode_push_query(urlencode({"msg": text}, encoding="gbk"))["msg"] == text


def test_capabilities():
    caps = QxtGateway.capabilities
    assert caps.family == "qxt" and caps.max_recipients == 1000 and caps.push
    assert caps.password_hash_default is PasswordHash.MD5 and caps.charsets == ("gbk",)
    assert not caps.batch_limit_configurable and caps.splits_long_text
    with pytest.raises(NotImplementedError):
        offline().fetch_reports()


# ---- review fixes ------------------------------------------------------------------------------
def test_push_semicolon_stays_in_the_value():
    """Only "&" separates form pairs: an unescaped ";" in a reply text used to cut it short."""
    from sms_desktop.core.gateways.qxt import decode_push_body

    body = b"type=1&mid=7&mobile=13800138000&msg=" + "好的;明天见".encode("gbk") + b"&port=1069"
    params, used = decode_push_body(body)
    assert used == "gbk" and params["msg"] == "好的;明天见" and params["port"] == "1069"
    assert decode_push_query("type=4&msg=DELIVRD;x&mobile=13800138000")["msg"] == "DELIVRD;x"
    gw = QxtGateway(AccountConfig("qxt", "http://x/", "u", "p"))
    _, replies = gw.parse_push(params)
    assert [(r.phone, r.content) for r in replies] == [("13800138000", "好的;明天见")]


@pytest.mark.parametrize(
    "body",
    [
        "error:moblie is null or mobile number too many",
        "error:Moblie is null or mobile number too many！",
        "error:9.moblie is null or mobile number too many!",
    ],
)
def test_error_text_matched_without_end_punctuation(body):
    """Without its "!" the error 9 text was matched to error 3 (手机号码为空) by "mobile"."""
    gw = QxtGateway(AccountConfig("qxt", "http://x/", "u", "p"))
    res = gw.parse_send(RawReply.from_bytes(body.encode("gbk"), None, "gbk"), ["13800138000"])
    assert res.code is not None and res.code.code == "9"

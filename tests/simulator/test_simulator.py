"""Tests for the gateway simulator, using hand-written HTTP requests (not the client code)."""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sms_desktop.simulator import Simulator
from sms_desktop.simulator.__main__ import main as cli_main

# --------------------------------------------------------------------------- helpers


def fetch(url: str, data: bytes | None = None, timeout: float = 5.0, headers=None):
    """Return (status, headers, body bytes) for a GET (data None) or POST."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    if data is not None and "Content-Type" not in (headers or {}):
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def form(params: dict, charset: str) -> bytes:
    return urllib.parse.urlencode(params, encoding=charset).encode("ascii")


def md5(s: str) -> str:
    return hashlib.md5(s.encode()).hexdigest()


def xml_text(body: bytes, tag: str, charset: str = "utf-8") -> list[str]:
    import re

    return re.findall(rf"<{tag}>(.*?)</{tag}>", body.decode(charset), re.S)


@pytest.fixture
def sim():
    s = Simulator(seed=42)
    s.start()
    s.add_account("ipyy", "ip", "pw", balance=100, userid="12")
    s.add_account("qxt", "qx", "secret", balance=100)
    s.add_account("jsm", "js", "123456", balance=125, verycode="vc")
    s.add_account("txt112088", "tx", "123456", balance=100)
    try:
        yield s
    finally:
        s.stop()


# --------------------------------------------------------------------------- ipyy


def ipyy(sim, endpoint="sms.aspx", charset="utf-8", **params):
    base = {"userid": "12", "account": "ip", "password": "pw"}
    base.update(params)
    return fetch(sim.base_url("ipyy") + endpoint, form(base, charset))


def test_ipyy_send_utf8_and_charging(sim):
    status, headers, body = ipyy(
        sim,
        action="send",
        mobile="13800138000,13900139000",
        content="【测试】你好",
        sendTime="",
        extno="",
    )
    assert status == 200
    assert "utf-8" in headers["Content-Type"]
    text = body.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8" ?>')
    assert xml_text(body, "returnstatus") == ["Success"]
    assert xml_text(body, "message") == ["ok"]
    assert xml_text(body, "remainpoint") == ["98"]
    assert xml_text(body, "successCounts") == ["2"]
    task = xml_text(body, "taskID")[0]
    acct = sim.account("ipyy", "ip")
    assert [m.phone for m in acct.sent] == ["13800138000", "13900139000"]
    assert acct.sent[0].gateway_id == task and acct.sent[0].text == "【测试】你好"
    # long text: 71 characters -> 2 segments each
    ipyy(sim, action="send", mobile="13800138000", content="字" * 71)
    assert acct.balance == 96
    # exact raw bytes are logged
    req = sim.requests[-1]
    assert req.family == "ipyy" and req.endpoint == "sms.aspx" and req.method == "POST"
    assert req.body == form(
        {"userid": "12", "account": "ip", "password": "pw", "action": "send"}
        | {"mobile": "13800138000", "content": "字" * 71},
        "utf-8",
    )
    assert req.params["content"] == "字" * 71
    assert req.response.startswith(b"<?xml")


def test_ipyy_gbk_endpoint(sim):
    _status, headers, body = ipyy(
        sim, "smsGBK.aspx", "gbk", action="send", mobile="13800138000", content="中文内容"
    )
    assert "gb2312" in headers["Content-Type"]
    assert body.startswith(b'<?xml version="1.0" encoding="gb2312" ?>')
    assert xml_text(body, "returnstatus", "gbk") == ["Success"]
    assert sim.account("ipyy", "ip").sent[0].text == "中文内容"
    _, _, body = ipyy(sim, "smsGBK.aspx", "gbk", action="send", mobile="", content="x")
    assert xml_text(body, "message", "gbk") == ["短信号码不能为空"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"account": "", "mobile": "13800138000", "content": "x"}, "用户名或密码不能为空"),
        ({"password": "bad", "mobile": "13800138000", "content": "x"}, "用户名或密码错误"),
        ({"userid": "99", "mobile": "13800138000", "content": "x"}, "用户名或密码错误"),
        ({"mobile": "", "content": "x"}, "短信号码不能为空"),
        ({"mobile": "13800138000", "content": ""}, "短信内容不能为空"),
        ({"mobile": "13800138000", "content": "x' or 1=1"}, "发送内容包含sql注入字符"),
        ({"mobile": "13800138000", "content": "我们赌博和禁词"}, "包含非法字符：赌博,禁词"),
        (
            {"mobile": "13800138000", "content": "字" * 6800},
            "对不起，您当前要发送的量大于您当前余额",
        ),
        ({"mobile": "13800138000", "content": "x", "extno": "12345678901"}, "其他错误"),
        ({"mobile": "13800138000", "content": "x", "sendTime": "2020/1/1"}, "其他错误"),
    ],
)
def test_ipyy_send_errors(sim, params, message):
    sim.sensitive_words = {"禁词", "赌博"}
    _, _, body = ipyy(sim, action="send", **params)
    assert xml_text(body, "returnstatus") == ["Faild"]
    assert xml_text(body, "message") == [message]
    assert sim.account("ipyy", "ip").balance == 100


def test_ipyy_overage_checkkeyword_changespwd(sim):
    _, _, body = ipyy(sim, action="overage")
    assert xml_text(body, "returnstatus") == ["Sucess"]
    assert xml_text(body, "payinfo") == ["预付费"]
    assert xml_text(body, "overage") == ["100"]
    assert xml_text(body, "sendTotal") == ["100"]
    _, _, body = ipyy(sim, action="overage", password="x")
    assert xml_text(body, "returnstatus") == ["Faild"]
    assert xml_text(body, "message") == ["用户名或密码错误"]

    sim.sensitive_words = {"赌博"}
    _, _, body = ipyy(sim, action="checkkeyword", content="来赌博吧")
    assert xml_text(body, "message") == ["包含非法字符：赌博"]
    sim.ipyy_checkkeyword_append_words = False
    _, _, body = ipyy(sim, action="checkkeyword", content="来赌博吧")
    assert xml_text(body, "message") == ["包含非法字符"]
    _, _, body = ipyy(sim, action="checkkeyword", content="你好")
    assert xml_text(body, "message") == ["没有包含屏蔽词"]

    _, _, body = ipyy(sim, action="changespwd", newpwd="a", renewpwd="b")
    assert xml_text(body, "returnstatus") == ["Faild"]
    assert xml_text(body, "message") == ["两次输入的密码不一致"]
    _, _, body = ipyy(sim, action="changespwd", newpwd="", renewpwd="")
    assert xml_text(body, "message") == ["新密码不能为空"]
    _, _, body = ipyy(sim, action="changespwd", newpwd="new1", renewpwd="new1")
    assert xml_text(body, "returnstatus") == ["Success"]
    assert xml_text(body, "message") == ["密码修改成功"]
    assert b"<checkCounts></checkCounts>" in body
    _, _, body = ipyy(sim, action="overage")
    assert xml_text(body, "message") == ["用户名或密码错误"]
    _, _, body = ipyy(sim, action="overage", password="new1")
    assert xml_text(body, "returnstatus") == ["Sucess"]


@pytest.mark.parametrize("mode", ["md5", "MD5"])
def test_ipyy_md5_password_variant(sim, mode):
    sim.add_account("ipyy", "m", "pw", password_hash=mode)
    hashed = md5("pw").upper() if mode == "MD5" else md5("pw")
    other = md5("pw") if mode == "MD5" else md5("pw").upper()
    for pwd, ok in ((hashed, True), ("pw", False), (other, False)):
        _, _, body = ipyy(sim, action="overage", account="m", password=pwd, userid="1")
        assert xml_text(body, "returnstatus") == (["Sucess"] if ok else ["Faild"])


def test_ipyy_status_reports_once_and_limit(sim):
    sim.report_success_ratio = 0.0
    ipyy(sim, action="send", mobile="13800138000,13900139000,13700137000", content="hi", extno="01")
    _, _, body = ipyy(sim, "statusApi.aspx", action="query", statusNum="2")
    assert xml_text(body, "mobile") == ["13800138000", "13900139000"]
    assert xml_text(body, "status") == ["20", "20"]
    assert xml_text(body, "errorcode") == ["UNDELIV", "UNDELIV"]
    assert xml_text(body, "extno") == ["01", "01"]
    _, _, body = ipyy(sim, "statusApi.aspx", action="query")
    assert xml_text(body, "mobile") == ["13700137000"]
    _, _, body = ipyy(sim, "statusApi.aspx", action="query")
    assert b"<statusbox>" not in body and b"<returnsms>" in body


def test_ipyy_status_errors(sim):
    sim.add_account("ipyy", "norep", "pw", allow_reports=False)
    cases = [
        ({"account": ""}, "1", "用户名或密码不能为空"),
        ({"password": "x"}, "2", "用户名或密码错误"),
        ({"account": "norep", "userid": ""}, "3", "该用户不允许查看状态报告"),
        ({"statusNum": "abc"}, "4", "参数不正确"),
        ({"action": "other"}, "4", "参数不正确"),
    ]
    for params, code, remark in cases:
        p = {"action": "query"} | params
        _, _, body = ipyy(sim, "statusApi.aspx", **p)
        assert xml_text(body, "error") == [code], params
        assert xml_text(body, "remark") == [remark]


def test_ipyy_scheduled_send(sim):
    now = [time.time()]
    sim.clock = lambda: now[0]
    later = sim.wall_clock(now[0]) + timedelta(hours=1)  # the gateway's clock (Beijing)
    ipyy(
        sim,
        action="send",
        mobile="13800138000",
        content="hi",
        sendTime=later.strftime("%Y-%m-%d %H:%M:%S"),
    )
    assert sim.account("ipyy", "ip").balance == 99
    _, _, body = ipyy(sim, "statusApi.aspx", action="query")
    assert b"<statusbox>" not in body
    now[0] += 3601
    _, _, body = ipyy(sim, "statusApi.aspx", action="query")
    assert xml_text(body, "mobile") == ["13800138000"]


def test_ipyy_report_delay(sim):
    sim.report_delay = 0.3
    ipyy(sim, action="send", mobile="13800138000", content="hi")
    _, _, body = ipyy(sim, "statusApi.aspx", action="query")
    assert b"<statusbox>" not in body
    time.sleep(0.35)
    _, _, body = ipyy(sim, "statusApi.aspx", action="query")
    assert xml_text(body, "status") == ["10"]


def test_ipyy_replies_once(sim):
    ipyy(sim, action="send", mobile="13800138000", content="hi")
    task = sim.account("ipyy", "ip").sent[0].gateway_id
    sim.inject_reply("ipyy", "ip", "13800138000", "你好，我不需要 <&>", extno="01")
    _, _, body = ipyy(sim, "callApi.aspx", action="query")
    assert xml_text(body, "content") == ["你好，我不需要 &lt;&amp;&gt;"]
    assert xml_text(body, "taskid") == [task]
    assert xml_text(body, "extno") == ["01"]
    _, _, body = ipyy(sim, "callApi.aspx", action="query")
    assert b"<callbox>" not in body
    _, _, body = ipyy(sim, "callApi.aspx", action="query", password="bad")
    assert xml_text(body, "error") == ["2"]


def test_auto_replies_answer_accepted_messages_by_themselves(sim):
    now = [time.time()]
    sim.clock = lambda: now[0]
    # set over the HTTP control API, as another process would
    req = urllib.request.Request(
        sim.root_url + "/_sim/config",
        data=json.dumps({"auto_replies": {"13800138000": "退订"}}).encode(),
        method="POST",
    )
    assert json.loads(urllib.request.urlopen(req, timeout=5).read())["auto_replies"] == {
        "13800138000": "退订"
    }
    ipyy(sim, action="send", mobile="13800138000,13900139000", content="周六八折")
    _, _, body = ipyy(sim, "callApi.aspx", action="query")
    assert b"<callbox>" not in body  # a second after the report falls due
    now[0] += 2
    _, _, body = ipyy(sim, "callApi.aspx", action="query")
    assert xml_text(body, "mobile") == ["13800138000"]
    assert xml_text(body, "content") == ["退订"]
    # a refused message (no balance left) gets no answer
    sim.account("ipyy", "ip").balance = 0
    ipyy(sim, action="send", mobile="13800138000", content="再见")
    now[0] += 2
    _, _, body = ipyy(sim, "callApi.aspx", action="query")
    assert b"<callbox>" not in body


def test_routing_is_case_insensitive_and_404(sim):
    status, _, body = fetch(
        sim.root_url + "/any/prefix/SMS.ASPX?action=overage&account=ip&password=pw&userid=12"
    )
    assert status == 200 and xml_text(body, "overage") == ["100"]
    status, _, _ = fetch(sim.root_url + "/nothing.aspx")
    assert status == 404


# --------------------------------------------------------------------------- qxt


def qxt_url(sim, endpoint="smssenderv2", **params):
    base = {"user": "qx", "password": md5("secret")}
    base.update(params)
    return sim.base_url("qxt") + endpoint + "?" + urllib.parse.urlencode(base, encoding="gbk")


class PushReceiver:
    def __init__(self, answer=b"ok"):
        self.answer = answer
        self.hits: list[tuple[str, str, bytes]] = []
        receiver = self

        class H(BaseHTTPRequestHandler):
            def _do(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                receiver.hits.append((self.command, self.path, body))
                data = receiver.answer
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _do

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/push"

    def params(self, i):
        method, path, body = self.hits[i]
        raw = body if method == "POST" else path.split("?", 1)[1].encode()
        return dict(urllib.parse.parse_qsl(raw.decode("ascii"), encoding="gbk")), raw

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = PushReceiver()
    yield r
    r.close()


def test_qxt_send_and_surplus(sim):
    sim.qxt_push_auto = False
    _status, headers, body = fetch(
        qxt_url(sim, tele="13800138000,13900139000", msg="测试短信", extno="12")
    )
    assert "GBK" in headers["Content-Type"]
    text = body.decode("gbk")
    ok, mid, teles = text.split(":")
    assert ok == "ok" and mid.isdigit() and teles == "13800138000,13900139000"
    acct = sim.account("qxt", "qx")
    assert acct.sent[0].text == "测试短信" and acct.balance == 98
    assert sim.requests[-1].params["msg"] == "测试短信"
    _, _, body = fetch(qxt_url(sim, "surplus"))
    assert body == b"ok:sms:98:mms:0"
    _, _, body = fetch(qxt_url(sim, "surplus", password="x"))
    assert body.decode("gbk") == "失败:error:无此用户或者密码不对"
    # POST with raw (unescaped) GBK in the body is accepted too
    raw = (
        b"user=qx&password="
        + md5("secret").encode()
        + b"&tele=13800138000&msg="
        + "原样".encode("gbk")
    )
    _, _, body = fetch(sim.base_url("qxt") + "smssenderv2", raw)
    assert body.startswith(b"ok:")
    assert acct.sent[-1].text == "原样"


@pytest.mark.parametrize(
    ("params", "reply"),
    [
        ({"user": ""}, "error:1.用户名或密码错误"),
        ({"user": "nobody"}, "error:6.无此用户或者密码不对1"),
        ({"password": md5("secret").upper()}, "error:7.无此用户或者密码不对"),
        ({"password": "secret"}, "error:7.无此用户或者密码不对"),
        ({"extno": "12a"}, "error:2.扩展号码错误"),
        ({"extno": "1" * 21}, "error:2.扩展号码错误"),
        ({"tele": ""}, "error:3.mobile"),
        ({"msg": ""}, "error:4.smg"),
        (
            {"tele": ",".join(["13800138000"] * 1001)},
            "error:9.moblie is null or mobile number too many!",
        ),
    ],
)
def test_qxt_errors(sim, params, reply):
    p = {"tele": "13800138000", "msg": "hi"} | params
    _, _, body = fetch(qxt_url(sim, **p))
    assert body.decode("gbk") == reply


def test_qxt_min_recipients(sim):
    sim.add_account("qxt", "min", "pw", min_recipients=10)
    _, _, body = fetch(qxt_url(sim, user="min", password=md5("pw"), tele="13800138000", msg="x"))
    assert body.decode("gbk") == "error:8.moblie 提交数小于10，请重新提交!"


def test_qxt_push_reports_replies_and_batches(sim, receiver):
    sim.qxt_push_auto = False
    sim.set_push_url("qx", receiver.url)
    sim.qxt_push_batch = 2
    _, _, body = fetch(
        qxt_url(sim, tele="13800138000,13900139000,13700137000", msg="hi", extno="88")
    )
    mid = body.decode().split(":")[1]
    assert sim.flush_pushes() == 3
    assert len(receiver.hits) == 2
    p0, _raw0 = receiver.params(0)
    assert receiver.hits[0][0] == "GET"
    assert p0 == {
        "type": "4",
        "mid": f"{mid},{mid}",
        "mobile": "13800138000,13900139000",
        "msg": "DELIVRD,DELIVRD",
        "port": "106900001234588",
    }
    assert receiver.params(1)[0]["mobile"] == "13700137000"
    # reply push, by POST, msg/area/city GBK URL-encoded
    sim.qxt_push_method = "POST"
    sim.inject_reply("qxt", "qx", "13800138000", "八广播", area="四川", city="成都")
    assert sim.flush_pushes() == 1
    method, _, body = receiver.hits[2]
    assert method == "POST"
    assert b"msg=%B0%CB%B9%E3%B2%A5" in body and b"area=%CB%C4%B4%A8" in body
    assert receiver.params(2)[0]["city"] == "成都"
    assert receiver.params(2)[0]["type"] == "1"
    assert sim.flush_pushes() == 0


def test_qxt_push_retry_until_ok(sim, receiver):
    sim.qxt_push_auto = False
    receiver.answer = b"error"
    sim.set_push_url("qx", receiver.url)
    fetch(qxt_url(sim, tele="13800138000", msg="hi"))
    assert sim.flush_pushes() == 0
    assert len(sim.pending_pushes) == 1 and sim.pending_pushes[0].attempts == 1
    receiver.answer = b"ok"
    assert sim.flush_pushes() == 1
    assert sim.pending_pushes == []
    assert [p.ok for p in sim.pushes] == [False, True]


def test_qxt_background_push_and_balance_quirk(sim, receiver):
    sim.sensitive_words = {"违禁"}
    sim.add_account("qxt", "poor", "pw", balance=1)
    sim.set_push_url("poor", receiver.url)
    _, _, body = fetch(
        qxt_url(sim, user="poor", password=md5("pw"), tele="13800138000,13900139000", msg="hi")
    )
    assert body.startswith(b"ok:")  # 余额不足时，那一批号码将提交成功，但是不会下发成功
    assert sim.account("qxt", "poor").balance == 1
    _, _, body = fetch(
        qxt_url(sim, user="poor", password=md5("pw"), tele="13800138000", msg="违禁内容")
    )
    assert body.startswith(b"ok:")
    deadline = time.time() + 3
    while len(receiver.hits) < 3 and time.time() < deadline:
        time.sleep(0.02)
    msgs = [receiver.params(i)[0]["msg"] for i in range(3)]
    assert msgs == ["NOMONEY", "NOMONEY", "REJECT"]


def test_qxt_addseqno_splits(sim):
    fetch(qxt_url(sim, tele="13800138000", msg="长" * 140, addseqno="1"))
    m = sim.account("qxt", "qx").sent[0]
    assert m.segments == 3 and m.charged == 3
    assert [p[:4] for p in m.extra["parts"]] == ["1/3)", "2/3)", "3/3)"]


# --------------------------------------------------------------------------- jsm


def jsm(sim, method, charset="gbk", in_body=True, **params):
    base = {"username": "js", "password": "123456", "veryCode": "vc"}
    base.update(params)
    url = sim.base_url("jsm") + "httpInterface.do"
    if in_body:
        return fetch(url + "?method=" + method, form(base, charset))
    return fetch(url + "?" + urllib.parse.urlencode({"method": method} | base, encoding=charset))


def test_jsm_get_amount(sim):
    _, _headers, body = jsm(sim, "getAmount", in_body=False)
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8" ?>')
    assert xml_text(body, "status") == ["0"] and xml_text(body, "account") == ["12.5"]
    for params, code in [
        ({"password": "x"}, "101"),
        ({"veryCode": "x"}, "105"),
        ({"username": ""}, "103"),
    ]:
        _, _, body = jsm(sim, "getAmount", **params)
        assert xml_text(body, "status") == [code]
        assert b"<account>" not in body
    sim.account("jsm", "js").disabled = True
    assert xml_text(jsm(sim, "getAmount")[2], "status") == ["102"]


def test_jsm_send_charsets(sim):
    _, _, body = jsm(sim, "sendMsg", "gbk", mobile="13800138000", content="默认GBK", msgtype="1")
    assert xml_text(body, "status") == ["0"] and len(xml_text(body, "msgid")[0]) == 32
    jsm(sim, "sendMsg", "utf-8", mobile="13800138000", content="UTF八", msgtype="1", code="utf-8")
    jsm(sim, "sendUtf8Msg", "utf-8", mobile="13800138000", content="UTF九", msgtype="1")
    jsm(sim, "sendGbkMsg", "gbk", in_body=False, mobile="13800138000", content="GBK十", msgtype="1")
    texts = [m.text for m in sim.account("jsm", "js").sent]
    assert texts == ["默认GBK", "UTF八", "UTF九", "GBK十"]
    # method in the body only
    url = sim.base_url("jsm") + "httpInterface.do"
    b = form(
        {"method": "getAmount", "username": "js", "password": "123456", "veryCode": "vc"}, "gbk"
    )
    assert xml_text(fetch(url, b)[2], "status") == ["0"]


def test_jsm_send_errors(sim):
    sim.sensitive_words = {"李老师", "成人"}
    sim.account("jsm", "js").templates["T1"] = "x"
    ok = {"mobile": "13800138000", "content": "hi", "msgtype": "1"}
    cases = [
        ({"password": "bad"}, "101"),
        ({"veryCode": "bad"}, "116"),
        ({"msgtype": "3"}, "103"),
        ({"mobile": ",".join(["13800138000"] * 101)}, "106"),
        ({"mobile": "12345"}, "106"),
        ({"content": ""}, "105"),
        ({"content": "长" * 301}, "105"),
        ({"content": "李老师和成人"}, "110#(李老师,成人)"),
        ({"content": "长" * 71, "mobile": ",".join(["13800138000"] * 63)}, "108"),
        ({"msgtype": "2", "tempid": "nope", "content": "@1@=a"}, "114"),
        ({"signtag": "2"}, "115"),
        ({"extcode": "12345"}, "103"),
        ({"sendtime": "2015-05-01"}, "103"),
    ]
    for params, code in cases:
        _, _, body = jsm(sim, "sendMsg", **(ok | params))
        assert xml_text(body, "status") == [code], params
    # invalid bytes for the declared charset -> 105
    url = sim.base_url("jsm") + "httpInterface.do?method=sendUtf8Msg"
    raw = b"username=js&password=123456&veryCode=vc&mobile=13800138000&msgtype=1&content=%D6%D0"
    assert xml_text(fetch(url, raw)[2], "status") == ["105"]
    sim.account("jsm", "js").interface_enabled = False
    assert xml_text(jsm(sim, "sendMsg", **ok)[2], "status") == ["117"]
    sim.account("jsm", "js").interface_enabled = True
    sim.account("jsm", "js").allowed_ips = ["10.0.0.1"]
    assert xml_text(jsm(sim, "sendMsg", **ok)[2], "status") == ["109"]
    assert sim.account("jsm", "js").balance == 125


def test_jsm_template_reports_and_mo(sim):
    sim.add_jsm_template("js", "JSM4001-0001", "尊敬的@1@@2@,验证码为@3@。")
    _, _, body = jsm(
        sim,
        "sendMsg",
        mobile="13800138000,13900139000",
        content="@1@=李先生,@2@=您好,@3@=928371",
        msgtype="2",
        tempid="JSM4001-0001",
        extcode="88",
    )
    msgid = xml_text(body, "msgid")[0]
    assert [m.text for m in sim.account("jsm", "js").sent] == [
        "尊敬的李先生您好,验证码为928371。"
    ] * 2
    _, _, body = jsm(sim, "queryReport")
    assert xml_text(body, "msgid") == [msgid, msgid]
    assert xml_text(body, "mobile") == ["13800138000", "13900139000"]
    assert xml_text(body, "status") == ["DELIVRD", "DELIVRD"]
    assert xml_text(body, "extno") == ["88", "88"]
    datetime.strptime(xml_text(body, "time")[0], "%Y-%m-%d %H:%M:%S")
    _, _, body = jsm(sim, "queryReport")
    assert xml_text(body, "status") == ["104"] and b"<rpt>" not in body
    assert xml_text(jsm(sim, "queryMo")[2], "status") == ["104"]
    sim.inject_reply("jsm", "js", "13800138000", "回复内容", extno="88")
    _, _, body = jsm(sim, "queryMo")
    assert xml_text(body, "content") == ["回复内容"]
    assert xml_text(body, "recvcode") == ["106900001234588"]
    assert xml_text(jsm(sim, "queryMo")[2], "status") == ["104"]
    assert xml_text(jsm(sim, "queryMo", veryCode="x")[2], "status") == ["105"]


def test_jsm_current_day_only_and_schedule(sim):
    now = [time.time()]
    sim.clock = lambda: now[0]
    sim.report_success_ratio = 0.0
    jsm(sim, "sendMsg", mobile="13800138000", content="hi", msgtype="1")
    sim.inject_reply("jsm", "js", "13800138000", "old", time=now[0] - 86400 * 2)
    sim.inject_reply("jsm", "js", "13800138000", "new")
    _, _, body = jsm(sim, "queryMo")
    assert xml_text(body, "content") == ["new"]
    now[0] += 86400 * 2  # the report is from two days ago now: never served
    assert xml_text(jsm(sim, "queryReport")[2], "status") == ["104"]
    later = sim.wall_clock(now[0]) + timedelta(minutes=5)
    jsm(
        sim,
        "sendMsg",
        mobile="13800138000",
        content="hi",
        msgtype="1",
        sendtime=later.strftime("%Y%m%d%H%M%S"),
    )
    assert xml_text(jsm(sim, "queryReport")[2], "status") == ["104"]
    now[0] += 301
    assert xml_text(jsm(sim, "queryReport")[2], "status") == ["MA:0006"]


# --------------------------------------------------------------------------- txt112088


def txt(sim, endpoint, charset="gbk", **params):
    base = {"us_name": "tx", "us_pwd": "123456"}
    base.update(params)
    url = (
        sim.base_url("txt112088") + endpoint + "?" + urllib.parse.urlencode(base, encoding=charset)
    )
    _status, headers, body = fetch(url)
    return headers, body.decode(charset)


def test_txt_send_reports_balance(sim):
    sim.report_success_ratio = 0.5
    headers, text = txt(
        sim,
        "sendsms_txt.asp",
        send_phone="13800138000,075580808080,123",
        send_content="这条是测试短信",
    )
    assert headers["Content-Type"] == "text/plain; charset=gbk"
    code, a, b, smsid = text.split("|")
    assert (code, a, b) == ("0", "2", "1")
    assert txt(sim, "Get_Account_Balance.asp")[1] == "98"
    _, text = txt(sim, "get_report_txt.asp")
    parts = text.split("|")
    assert parts[0] == "2"
    rows = [p.split(";") for p in parts[1:]]
    assert [r[0] for r in rows] == [smsid, smsid]
    assert [r[1] for r in rows] == ["13800138000", "075580808080"]
    assert all(r[2] in ("10", "20") for r in rows)
    assert txt(sim, "get_report_txt.asp")[1] == "0"


def test_txt_send_errors(sim):
    sim.sensitive_words = {"禁发"}
    sim.add_account("txt112088", "locked", "p", disabled=True)
    ok = {"send_phone": "13800138000", "send_content": "hi"}
    cases = [
        ({"send_phone": ""}, "-1"),
        ({"send_content": ""}, "-2"),
        ({"send_content": "含禁发词"}, "-3|禁发"),
        ({"send_phone": ",".join(["13800138000"] * 101)}, "-4"),
        ({"us_pwd": "bad"}, "-7"),
        ({"send_content": "x" * 336}, "-8"),
        ({"send_content": "字" * 71, "send_phone": ",".join(["13800138000"] * 51)}, "-9"),
        ({"us_name": "locked", "us_pwd": "p"}, "-10"),
        ({"send_time": "2010-09-03"}, "-99"),
    ]
    for params, code in cases:
        assert txt(sim, "sendsms_txt.asp", **(ok | params))[1] == code, params
    assert txt(sim, "Get_Account_Balance.asp", us_name="nobody")[1] == "-1"
    assert txt(sim, "Get_Account_Balance.asp", us_pwd="x")[1] == "-7"
    assert txt(sim, "get_report_txt.asp", us_name="nobody")[1] == "-1"
    assert txt(sim, "get_receive_message_txt.asp", us_pwd="x")[1] == "-7"


def test_txt_limits_schedule_and_replies(sim):
    sim.add_account("txt112088", "big", "p", balance=1000)
    for _ in range(2):
        txt(
            sim,
            "sendsms_txt.asp",
            us_name="big",
            us_pwd="p",
            send_phone=",".join(f"138{i:08d}" for i in range(60)),
            send_content="x",
        )
    counts = [
        txt(sim, "get_report_txt.asp", us_name="big", us_pwd="p")[1].split("|")[0] for _ in range(3)
    ]
    assert counts == ["100", "20", "0"]

    now = [time.time()]
    sim.clock = lambda: now[0]
    at = (sim.wall_clock(now[0]) + timedelta(minutes=10)).strftime("%Y%m%d%H%M%S")
    assert txt(sim, "sendsms_txt.asp", send_phone="13800138000", send_content="x", send_time=at)[
        1
    ].startswith("0|1|0|")
    assert txt(sim, "get_report_txt.asp")[1] == "0"
    now[0] += 601
    assert txt(sim, "get_report_txt.asp")[1].startswith("1|")

    for i in range(55):
        sim.inject_reply("txt112088", "tx", "13798361236", f"回复{i}")
    _, text = txt(sim, "get_receive_message_txt.asp")
    parts = text.split("|")
    assert parts[0] == "50" and len(parts) == 51
    rid, phone, content = parts[1].split(";")
    assert rid.isdigit() and phone == "13798361236" and content == "回复0"
    sim.txt_reply_id_sep = ","
    _, text = txt(sim, "get_receive_message_txt.asp")
    assert text.split("|")[0] == "5"
    assert text.split("|")[1].split(";")[0].endswith(",13798361236")
    assert txt(sim, "get_receive_message_txt.asp")[1] == "0"


def test_txt_account_charset_and_smsid_per_number(sim):
    sim.add_account("txt112088", "u8", "p", charset="utf-8")
    headers, text = txt(
        sim,
        "sendsms_txt.asp",
        "utf-8",
        us_name="u8",
        us_pwd="p",
        send_phone="13800138000",
        send_content="UTF内容",
    )
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert sim.account("txt112088", "u8").sent[0].text == "UTF内容"
    sim.txt_smsid_per_number = True
    _, text = txt(sim, "sendsms_txt.asp", send_phone="13800138000,13900139000", send_content="x")
    ids = text.split("|")[3].split(",")
    assert len(ids) == 2 and ids[0] != ids[1]


# --------------------------------------------------------------------------- common


def test_seed_is_deterministic():
    outcomes = []
    for _ in range(2):
        with Simulator(seed=7) as s:
            s.report_success_ratio = 0.5
            s.add_account("txt112088", "u", "p", balance=1000)
            phones = ",".join(f"138{i:08d}" for i in range(40))
            fetch(
                s.base_url("txt112088")
                + "sendsms_txt.asp?us_name=u&us_pwd=p&send_content=x&send_phone="
                + phones
            )
            outcomes.append([m.outcome for m in s.account("txt112088", "u").sent])
    assert outcomes[0] == outcomes[1]
    assert set(outcomes[0]) == {"ok", "fail"}


def test_auto_reply(sim):
    sim.auto_reply_ratio = 1.0
    ipyy(sim, action="send", mobile="13800138000", content="hi")
    time.sleep(1.05)
    _, _, body = ipyy(sim, "callApi.aspx", action="query")
    assert xml_text(body, "mobile") == ["13800138000"]


# --------------------------------------------------------------------------- faults


def test_fault_http500_count_and_endpoint(sim):
    sim.set_fault("txt112088", "http500", count=2, endpoint="Get_Account_Balance.asp")
    assert txt(sim, "get_report_txt.asp")[1] == "0"  # other endpoint unaffected
    url = sim.base_url("txt112088") + "Get_Account_Balance.asp?us_name=tx&us_pwd=123456"
    assert [fetch(url)[0] for _ in range(3)] == [500, 500, 200]
    assert [r.fault for r in sim.requests[-3:]] == ["http500", "http500", None]


def test_fault_latency(sim):
    sim.set_fault("jsm", "latency", seconds=0.3, count=1)
    t0 = time.monotonic()
    assert xml_text(jsm(sim, "getAmount")[2], "status") == ["0"]
    assert time.monotonic() - t0 >= 0.3
    t0 = time.monotonic()
    jsm(sim, "getAmount")
    assert time.monotonic() - t0 < 0.25


def test_fault_drop_and_garbage(sim):
    sim.set_fault("qxt", "drop", count=1)
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
        fetch(qxt_url(sim, "surplus"))
    assert sim.requests[-1].response is None and sim.requests[-1].fault == "drop"
    assert fetch(qxt_url(sim, "surplus"))[2] == b"ok:sms:100:mms:0"
    sim.set_fault("qxt", "garbage", count=1)
    status, _, body = fetch(qxt_url(sim, "surplus"))
    assert status == 200 and not body.startswith(b"ok") and sim.requests[-1].response == body


def test_fault_wrong_charset(sim):
    sim.set_fault("ipyy", "wrong_charset", count=2)
    _, headers, body = ipyy(sim, action="overage")
    assert "utf-8" in headers["Content-Type"] and b'encoding="utf-8"' in body
    assert "预付费".encode("gbk") in body  # GBK bytes declared UTF-8
    _, headers, body = ipyy(sim, "smsGBK.aspx", "gbk", action="overage")
    assert "gb2312" in headers["Content-Type"]
    assert "预付费".encode() in body


def test_fault_vendor_error(sim):
    sim.set_fault("qxt", "vendor_error", count=1)
    assert (
        fetch(qxt_url(sim, tele="13800138000,13900139000", msg="x"))[2]
        == b"fail:999:13800138000,13900139000"
    )
    sim.set_fault("jsm", "vendor_error", count=1)
    assert xml_text(jsm(sim, "getAmount")[2], "status") == ["100"]
    sim.set_fault("txt112088", "vendor_error", count=1)
    assert txt(sim, "sendsms_txt.asp", send_phone="13800138000", send_content="x")[1] == "-99"


def test_fault_hang_and_prompt_stop():
    s = Simulator().start()
    s.add_account("jsm", "js", "p")
    s.set_fault("jsm", "hang")
    url = s.base_url("jsm") + "httpInterface.do?method=getAmount&username=js&password=p"
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        fetch(url, timeout=0.3)
    # a second client still waiting when stop() is called
    conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=5)
    conn.request("GET", url)
    time.sleep(0.05)
    t0 = time.monotonic()
    s.stop()
    assert time.monotonic() - t0 < 2
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, OSError)):
        conn.getresponse()
    conn.close()


def test_clear_faults(sim):
    sim.set_fault("ipyy", "http500")
    sim.set_fault("jsm", "http500")
    sim.clear_faults("ipyy")
    assert ipyy(sim, action="overage")[0] == 200
    assert jsm(sim, "getAmount")[0] == 500
    sim.clear_faults()
    assert jsm(sim, "getAmount")[0] == 200
    with pytest.raises(ValueError):
        sim.set_fault("ipyy", "explode")


# --------------------------------------------------------------------------- control API / CLI


def ctl(sim, name, data=None):
    body = None if data is None else json.dumps(data).encode()
    status, _, out = fetch(
        sim.root_url + "/_sim/" + name, body, headers={"Content-Type": "application/json"}
    )
    return status, json.loads(out.decode("utf-8"))


def test_control_api(sim, receiver):
    status, acct = ctl(
        sim, "accounts", {"family": "jsm", "username": "new", "password": "p", "balance": 5}
    )
    assert status == 200 and acct["balance"] == 5
    _, accts = ctl(sim, "accounts")
    assert {(a["family"], a["username"]) for a in accts} >= {("jsm", "new"), ("ipyy", "ip")}
    status, cfg = ctl(
        sim,
        "config",
        {
            "sensitive_words": ["禁词"],
            "report_success_ratio": 0.0,
            "report_delay": 0,
            "push_urls": {"qx": receiver.url},
        },
    )
    assert (
        status == 200
        and cfg["sensitive_words"] == ["禁词"]
        and cfg["push_urls"]["qx"] == receiver.url
    )
    assert sim.report_success_ratio == 0.0
    assert (
        ctl(
            sim,
            "reply",
            {"family": "ipyy", "username": "ip", "phone": "13800138000", "content": "回"},
        )[0]
        == 200
    )
    assert xml_text(ipyy(sim, "callApi.aspx", action="query")[2], "content") == ["回"]
    ctl(sim, "fault", {"family": "ipyy", "kind": "http500", "count": 1})
    assert ipyy(sim, action="overage")[0] == 500
    ctl(sim, "fault", {"family": "ipyy", "kind": "http500"})
    ctl(sim, "clear_faults", {})
    assert ipyy(sim, action="overage")[0] == 200
    _, reqs = ctl(sim, "requests")
    assert reqs[-1]["endpoint"] == "sms.aspx" and reqs[-1]["params"]["action"] == "overage"
    assert not any(r["path"].startswith("/_sim") for r in reqs)
    assert ctl(sim, "nope", {})[0] == 404
    assert ctl(sim, "fault", {"family": "ipyy"})[0] == 400


def test_cli_reply_and_fault(sim, capsys):
    assert (
        cli_main(["reply", "--url", sim.root_url, "txt112088", "tx", "13800138000", "命令行回复"])
        == 0
    )
    assert txt(sim, "get_receive_message_txt.asp")[1].endswith(";13800138000;命令行回复")
    assert cli_main(["fault", "--url", sim.root_url, "txt112088", "http500", "--count", "1"]) == 0
    assert fetch(sim.base_url("txt112088") + "Get_Account_Balance.asp")[0] == 500
    assert cli_main(["clear-faults", "--url", sim.root_url]) == 0


def test_cli_serve_demo():
    proc = subprocess.Popen(
        [sys.executable, "-m", "sms_desktop.simulator", "--demo", "--port", "0"],
        stdout=subprocess.PIPE,
        cwd=str(Path(__file__).resolve().parents[2]),
        text=True,
        encoding="utf-8",
    )
    try:
        lines = []
        while not any("Control API" in line for line in lines):
            line = proc.stdout.readline()
            assert line, lines
            lines.append(line)
        out = "".join(lines)
        assert "user=demo password=demo123" in out
        root = out.split("listening on ")[1].split()[0]
        _, _, body = fetch(root + "/Get_Account_Balance.asp?us_name=demo&us_pwd=demo123")
        assert body == b"1000"
    finally:
        proc.terminate()
        proc.wait(timeout=5)


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_serve_stops_cleanly_on_sigterm_and_ctrl_c(sig):
    import signal

    p = subprocess.Popen(
        [sys.executable, "-m", "sms_desktop.simulator", "serve", "--port", "0", "--demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a terminal
    )
    try:
        first = p.stdout.readline()
        assert "listening on http://127.0.0.1:" in first
        url = first.split("listening on ")[1].strip()
        p.send_signal(getattr(signal, sig))
        _, err = p.communicate(timeout=10)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 0, err
    assert "Traceback" not in err
    with pytest.raises(OSError):  # it stopped listening
        urllib.request.urlopen(url + "/_sim/accounts", timeout=1).read()


# --------------------------------------------------------------------------- vendor variants


def test_gateway_clock_is_beijing_time_and_can_be_set(sim):
    now = [1_800_000_000.0]  # 2027-01-15 08:00:00 UTC
    sim.clock = lambda: now[0]
    assert sim.gateway_timezone == "Asia/Shanghai"
    assert sim.wall_clock() == datetime(2027, 1, 15, 16, 0, 0)
    # a send time is read in the gateway's clock
    ipyy(sim, action="send", mobile="13800138000", content="hi", sendTime="2027-01-15 17:00:00")
    assert sim.account("ipyy", "ip").sent[-1].send_time == now[0] + 3600
    # report and reply times are written in it
    sim.inject_reply("ipyy", "ip", "13800138000", "回", time="2027-01-15 16:30:00")
    assert xml_text(ipyy(sim, "callApi.aspx", action="query")[2], "receivetime") == [
        "2027-01-15 16:30:00"
    ]
    for zone, shown in (("+09:00", "17:00:00"), ("UTC", "08:00:00"), (-5, "03:00:00")):
        sim.gateway_timezone = zone
        assert sim.wall_clock().strftime("%H:%M:%S") == shown
    with pytest.raises(ValueError):
        sim.gateway_timezone = "Mars/Olympus"
    assert ctl(sim, "config", {"gateway_timezone": "Asia/Shanghai"})[1]["gateway_timezone"] == (
        "Asia/Shanghai"
    )
    assert ctl(sim, "config", {"gateway_timezone": "nowhere"})[0] == 400


def test_send_refusals_answer_in_each_familys_failure_form(sim):
    sim.send_refusals = {"ipyy": "需要签名", "qxt": "需要签名", "jsm": "-1", "txt112088": "-5"}
    body = ipyy(sim, action="send", mobile="13800138000", content="hi")[2]
    assert xml_text(body, "returnstatus") == ["Faild"] and xml_text(body, "message") == ["需要签名"]
    _, _, body = fetch(
        sim.base_url("qxt") + "smssenderv2",
        form({"user": "qx", "password": md5("secret"), "tele": "13800138000", "msg": "hi"}, "gbk"),
    )
    assert body.decode("gbk") == "error:需要签名"
    assert txt(sim, "sendsms_txt.asp", send_phone="13800138000", send_content="x")[1] == "-5"
    assert all(not a.sent for a in sim.accounts)  # nothing processed, nothing charged
    assert sim.account("ipyy", "ip").balance == 100


def test_xml_cdata_and_appended_fields(sim):
    sim.xml_cdata = True
    sim.appended_fields = ["{time}", "x"]
    sim.inject_reply("ipyy", "ip", "13800138000", "R&D部门：预算<5万", time="2027-01-15 16:30:00")
    body = ipyy(sim, "callApi.aspx", action="query")[2].decode()
    assert "<content><![CDATA[R&D部门：预算<5万]]></content>" in body
    assert "<ext1>2027-01-15 16:30:00</ext1>" in body and "<ext2>x</ext2>" in body
    sim.inject_reply("txt112088", "tx", "13800138000", "TD", time="2027-01-15 16:30:00")
    _, text = txt(sim, "get_receive_message_txt.asp")
    assert text.endswith(";13800138000;TD;2027-01-15 16:30:00;x")


def test_windows_gbk_writes_and_reads_0x80(sim):
    sim.inject_reply("txt112088", "tx", "13800138000", "€5")
    _status, _headers, body = fetch(
        sim.base_url("txt112088") + "get_receive_message_txt.asp?us_name=tx&us_pwd=123456"
    )
    assert b";\x805" in body  # code page 936: € is the single byte 0x80
    content = urllib.parse.quote_from_bytes("价格".encode("gbk") + b"\x805")
    fetch(
        sim.base_url("txt112088")
        + f"sendsms_txt.asp?us_name=tx&us_pwd=123456&send_phone=13800138000&send_content={content}"
    )
    assert sim.account("txt112088", "tx").sent[-1].text == "价格€5"
    sim.windows_gbk = False  # Python's strict GBK: € cannot be written
    sim.inject_reply("txt112088", "tx", "13800138000", "€5")
    _status, _headers, body = fetch(
        sim.base_url("txt112088") + "get_receive_message_txt.asp?us_name=tx&us_pwd=123456"
    )
    assert b"\x80" not in body and b";?5" in body


def test_ipyy_postpaid_account(sim):
    status, acct = ctl(
        sim,
        "accounts",
        {
            "family": "ipyy",
            "username": "post",
            "password": "pw",
            "balance": 0,
            "userid": "12",
            "payinfo": "后付费",
        },
    )
    assert status == 200 and acct["payinfo"] == "后付费"
    body = ipyy(sim, action="send", account="post", mobile="13800138000", content="hi")[2]
    assert xml_text(body, "returnstatus") == ["Success"]  # never refused for its balance
    assert xml_text(body, "remainpoint") == ["-1"]
    body = ipyy(sim, action="overage", account="post")[2]
    assert xml_text(body, "payinfo") == ["后付费"] and xml_text(body, "overage") == ["-1"]
    sim.account("ipyy", "post").show_overage = False
    body = ipyy(sim, action="overage", account="post")[2]
    assert xml_text(body, "overage") == [""]


# --------------------------------------------------------------------------- pages


def test_page_sizes_default_to_the_vendors_and_can_be_made_smaller(sim):
    assert sim.page_sizes == {
        "ipyy": {"reports": 4000, "replies": 4000},
        "jsm": {"reports": None, "replies": None},
        "txt112088": {"reports": 100, "replies": 50},
    }
    sim.set_page_sizes({"txt112088": {"replies": 3}, "jsm": {"reports": 2}})
    assert sim.page_sizes["txt112088"] == {"reports": 100, "replies": 3}  # merged
    for i in range(7):
        sim.inject_reply("txt112088", "tx", "13798361236", f"回复{i}")
    counts = [txt(sim, "get_receive_message_txt.asp")[1].split("|")[0] for _ in range(4)]
    assert counts == ["3", "3", "1", "0"]

    jsm(sim, "sendGbkMsg", mobile="13800138000,13900139000,13700137000", content="hi", msgtype="1")
    pages = [xml_text(jsm(sim, "queryReport")[2], "mobile") for _ in range(3)]
    assert [len(p) for p in pages] == [2, 1, 0]
    with pytest.raises(ValueError):
        sim.set_page_sizes({"qxt": {"reports": 5}})  # qxt pushes: nothing is pulled
    with pytest.raises(ValueError):
        sim.set_page_sizes({"ipyy": {"reports": 0}})


def test_ipyy_pages_status_num_wins_and_replies_have_their_own_size(sim):
    sim.set_page_sizes({"ipyy": {"reports": 2, "replies": 2}})
    ipyy(sim, action="send", mobile="13800138000,13900139000,13700137000", content="hi")
    for i in range(3):
        sim.inject_reply("ipyy", "ip", "13798361236", f"回复{i}")
    first = xml_text(ipyy(sim, "statusApi.aspx", action="query")[2], "mobile")
    rest = xml_text(ipyy(sim, "statusApi.aspx", action="query", statusNum="5")[2], "mobile")
    assert (len(first), len(rest)) == (2, 1)
    replies = [xml_text(ipyy(sim, "callApi.aspx", action="query")[2], "content") for _ in range(2)]
    assert replies == [["回复0", "回复1"], ["回复2"]]


def test_page_sizes_over_the_control_api_and_the_command_line(sim):
    status, cfg = ctl(sim, "config", {"page_sizes": {"txt112088": {"reports": 10}}})
    assert status == 200
    assert cfg["page_sizes"]["txt112088"] == {"reports": 10, "replies": 50}
    assert cfg["page_sizes"]["ipyy"] == {"reports": 4000, "replies": 4000}
    status, _ = ctl(sim, "config", {"page_sizes": {"txt112088": {"everything": 1}}})
    assert status == 400

    from sms_desktop.simulator.__main__ import _build_parser, make_simulator

    args = _build_parser().parse_args(
        [
            "serve",
            "--port",
            "0",
            "--page-size",
            "txt112088.reports=7",
            "--page-size",
            "jsm.replies=3",
        ]
    )
    made = make_simulator(args)
    assert made.page_sizes["txt112088"]["reports"] == 7 and made.page_sizes["jsm"]["replies"] == 3
    with pytest.raises(SystemExit):
        make_simulator(_build_parser().parse_args(["serve", "--page-size", "txt112088=7"]))

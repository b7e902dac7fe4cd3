"""Transport and reply-decoding cases the simulator does not produce, served over real HTTP by a
tiny loopback server that answers every request with one canned reply."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sms_desktop.core.errors import OutcomeUnknownError
from sms_desktop.core.gateways import AccountConfig, Outcome, make_gateway

PHONES = ["13800138000", "13900139000"]


class _Canned(ThreadingHTTPServer):
    daemon_threads = True
    status = 200
    headers: dict[str, str] = {}  # noqa: RUF012
    body = b""
    hits = 0


class _Handler(BaseHTTPRequestHandler):
    server: _Canned
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.hits += 1
        self.send_response(self.server.status)
        for k, v in self.server.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    do_GET = _answer
    do_POST = _answer


@pytest.fixture(scope="module")
def _server() -> Iterator[_Canned]:
    srv = _Canned(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def canned(_server: _Canned) -> _Canned:
    _server.status, _server.headers, _server.body, _server.hits = 200, {}, b"", 0
    return _server


def _gateway(family: str, srv: _Canned, **kw: object):
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    return make_gateway(
        AccountConfig(family=family, base_url=base, username="u", password="p", **kw)  # type: ignore[arg-type]
    )


FAMILIES = ["ipyy", "qxt", "jsm", "txt112088"]


# ASP.NET <customErrors defaultRedirect=…> answers an exception thrown while (or after) the page
# processed the send with a 302 to its error page; a 303 is the post/redirect/get answer to a
# processed POST. Neither says the request was refused: outcome unknown, no failover.
@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("status", [302, 303])
def test_redirect_after_post_is_unknown_not_rejected(canned, family, status):
    canned.status = status
    canned.headers = {"Location": "/GenericErrorPage.htm?aspxerrorpath=/sms.aspx"}
    canned.body = b"<html><body>Object moved</body></html>"
    res = _gateway(family, canned).send(PHONES, "通知")
    assert canned.hits == 1
    assert [r.outcome for r in res.results] == [Outcome.UNKNOWN] * 2
    assert res.code is None and not res.account_level_failure


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("status", [301, 307, 308, 404])
def test_moved_or_4xx_is_a_certain_refusal(canned, family, status):
    canned.status = status
    canned.headers = {"Location": "https://elsewhere.example/"}
    res = _gateway(family, canned).send(PHONES, "通知")
    assert [r.outcome for r in res.results] == [Outcome.REJECTED] * 2
    assert res.account_level_failure


def test_redirect_on_a_query_is_outcome_unknown(canned):
    canned.status = 302
    canned.headers = {"Location": "/error.htm"}
    with pytest.raises(OutcomeUnknownError):
        _gateway("txt112088", canned).fetch_replies()


# The jsm document's own prolog has backslash-escaped quotes. When the HTTP header names no
# charset, that prolog is the only declaration: missing it decoded UTF-8 replies with the account
# charset (GBK by default), and "你好" became "浣犲ソ" — a reply handed out once, garbled for good.
def test_jsm_escaped_prolog_declares_utf8(canned):
    canned.headers = {"Content-Type": "text/xml"}
    canned.body = (
        '<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\n<sms>\n<mo>\n'
        "<mobile>15951977097</mobile>\n<recvcode>106905994140001</recvcode>\n"
        "<content>你好</content>\n<time>2015-04-02 22:12:11</time>\n</mo>\n</sms>"
    ).encode()
    gw = _gateway("jsm", canned)
    assert gw.charset == "gbk"
    items = gw.fetch_replies().items
    assert [(r.phone, r.content) for r in items] == [("15951977097", "你好")]


# A reply text holding "&name;" that is not one of XML's five entities ("AT&T;", "&nbsp;") made
# the whole pull unreadable: every reply of that pull (handed out once) was lost to parsing.
def test_jsm_reply_with_an_ampersand_word_is_read(canned):
    canned.headers = {"Content-Type": "text/xml; charset=UTF-8"}
    canned.body = (
        '<?xml version="1.0" encoding="UTF-8"?><sms>'
        "<mo><mobile>13800138000</mobile><recvcode>1069</recvcode><content>AT&T;好的</content>"
        "<time>2015-04-02 22:12:11</time></mo>"
        "<mo><mobile>13900139000</mobile><recvcode>1069</recvcode><content>&nbsp;收到 &amp; 谢谢</content>"
        "<time>2015-04-02 22:12:12</time></mo></sms>"
    ).encode()
    items = _gateway("jsm", canned).fetch_replies().items
    assert [r.content for r in items] == ["AT&T;好的", "&nbsp;收到 & 谢谢"]


# A classic ASP page saved as UTF-8 with a BOM emits the BOM ahead of its GBK output. The BOM
# used to force UTF-8 with replacement characters: the reply text was garbled for good.
def test_txt112088_bom_before_gbk_output(canned):
    canned.headers = {"Content-Type": "text/html"}
    canned.body = b"\xef\xbb\xbf" + "2|133;13798361236;我回复一条|134;13826588212;好的".encode(
        "gbk"
    )
    items = _gateway("txt112088", canned).fetch_replies().items
    assert [(r.phone, r.content) for r in items] == [
        ("13798361236", "我回复一条"),
        ("13826588212", "好的"),
    ]
    canned.body = b"\xef\xbb\xbf" + "1|133;13798361236;你好".encode()  # a real UTF-8 BOM still wins
    assert [r.content for r in _gateway("txt112088", canned).fetch_replies().items] == ["你好"]

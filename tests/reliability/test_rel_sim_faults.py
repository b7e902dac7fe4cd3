"""The simulator's fault kinds added for the fault matrix, seen on the wire (http.client), and
the transport's reply cap on both of its paths (a declared and an undeclared length)."""

from __future__ import annotations

import hashlib
import http.client
import time

import pytest

from sms_desktop.core.errors import OutcomeUnknownError
from sms_desktop.core.gateways.http import MAX_REPLY_BYTES, ReplyTooLargeError, Transport


def _get(sim, path: str, timeout: float = 5.0) -> tuple[http.client.HTTPResponse, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=timeout)
    conn.request("GET", path)
    resp = conn.getresponse()
    return resp, resp.read()


PW = hashlib.md5(b"p").hexdigest()  # qxt takes the MD5 of the password
BAL = f"/qxt/surplus?user=u&password={PW}"


@pytest.fixture
def qsim(sim):
    sim.add_account("qxt", "u", "p")
    sim.add_account("jsm", "j", "p", verycode="v")
    return sim


def test_page_faults(qsim):
    qsim.set_fault("qxt", "http502", count=1)
    qsim.set_fault("qxt", "html", count=1)
    qsim.set_fault("qxt", "redirect", count=1)
    r, body = _get(qsim, BAL)
    assert r.status == 502 and b"Bad Gateway" in body
    r, body = _get(qsim, BAL)
    assert r.status == 200 and r.getheader("Content-Type").startswith("text/html")
    assert b"<html" in body
    r, body = _get(qsim, BAL)
    assert r.status == 302 and r.getheader("Location").startswith("/Error.aspx?aspxerrorpath=")
    assert [q.fault for q in qsim.requests] == ["http502", "html", "redirect"]
    assert _get(qsim, BAL)[1].startswith(b"ok:")  # count=1 each: served normally again


def test_xml_bomb_and_xxe_bodies(qsim):
    qsim.set_fault("jsm", "xml_bomb", count=1)
    qsim.set_fault("jsm", "xxe", count=1)
    path = "/service/httpService/httpInterface.do?method=getAmount&username=j&password=p"
    _, bomb = _get(qsim, path)
    assert bomb.count(b"<!ENTITY") == 10 and b"<sms><status>&lol9;</status></sms>" in bomb
    _, xxe = _get(qsim, path)
    assert f'SYSTEM "{qsim.root_url}/xxe-probe.dtd"'.encode() in xxe
    assert b"<status>&xxe;</status>" in xxe


def test_reset_and_short_are_processed_then_broken(qsim):
    send = f"/qxt/smssenderv2?user=u&password={PW}&tele=13800138000&msg=hi"
    qsim.set_fault("qxt", "short", count=1)
    conn = http.client.HTTPConnection("127.0.0.1", qsim.port, timeout=5)
    conn.request("GET", send)
    resp = conn.getresponse()
    declared = int(resp.getheader("Content-Length"))
    with pytest.raises(http.client.IncompleteRead) as ei:
        resp.read()
    assert declared - len(ei.value.partial) == 1000
    qsim.set_fault("qxt", "reset", count=1)
    with pytest.raises((ConnectionError, http.client.HTTPException)):
        _get(qsim, send)
    assert len(qsim.account("qxt", "u").sent) == 2  # both were accepted and charged
    assert [q.fault for q in qsim.requests] == ["short", "reset"]


def test_huge_stops_when_the_client_hangs_up(qsim):
    qsim.set_fault("qxt", "huge", count=1, size=3 * 2**20)
    r, body = _get(qsim, BAL)
    assert r.getheader("Content-Length") is None and len(body) == 3 * 2**20
    qsim.set_fault("qxt", "huge", count=1)  # the default 50 MiB
    t = Transport(read_timeout=5)
    with pytest.raises(ReplyTooLargeError) as ei:
        t.get(qsim.base_url("qxt") + "surplus", {"user": "u", "password": PW}, "gbk")
    assert isinstance(ei.value, OutcomeUnknownError) and ei.value.declared is None
    deadline = time.monotonic() + 5
    while qsim.requests[-1].status == 200 and time.monotonic() < deadline:
        if qsim.requests[-1].sent_bytes and not _writing(qsim):
            break
        time.sleep(0.05)
    # the simulator wrote what the client read (the cap) plus socket buffers, not 50 MiB
    assert qsim.requests[-1].sent_bytes < 50 * 2**20 // 2


def _writing(qsim) -> bool:
    first = qsim.requests[-1].sent_bytes
    time.sleep(0.05)
    return qsim.requests[-1].sent_bytes != first


def test_declared_length_over_the_cap_is_refused_unread(qsim):
    qsim.set_fault("qxt", "reply", count=1, body="x" * (MAX_REPLY_BYTES + 1))
    t = Transport(read_timeout=5)
    with pytest.raises(ReplyTooLargeError) as ei:
        t.get(qsim.base_url("qxt") + "surplus", {"user": "u", "password": PW}, "gbk")
    assert ei.value.declared == MAX_REPLY_BYTES + 1
    assert "8,388,609" in str(ei.value)


def test_a_small_cap_applies_and_a_reply_under_it_is_whole(qsim):
    t = Transport(read_timeout=5, max_reply_bytes=40)
    raw = t.get(qsim.base_url("qxt") + "surplus", {"user": "u", "password": PW}, "gbk")
    assert raw.body.startswith(b"ok:sms:1000") and len(raw.body) <= 40, raw.body

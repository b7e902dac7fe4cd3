"""The API's webhooks over real HTTP: a job that finished and a reply that arrived are POSTed to
the client's URL once each, signed with HMAC-SHA256; a failing receiver is retried with backoff,
then given up; two PCs never POST the same attempt."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from apiclient import post_message

from sms_desktop.core.accounts import Account
from sms_desktop.core.automation import api_tokens, api_webhooks
from sms_desktop.core.automation.api_server import ApiServer
from sms_desktop.core.errors import InputError
from sms_desktop.core.jobs import compose
from sms_desktop.core.jobs.model import job_stamp
from sms_desktop.core.session import open_core
from sms_desktop.core.store import api as store_api


class Receiver:
    """A client's webhook endpoint: records each POST; answers ``fail`` 500s first."""

    def __init__(self, fail: int = 0) -> None:
        self.posts: list[tuple[dict[str, str], bytes]] = []
        self.fail = fail
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.posts.append((dict(self.headers), body))
                status = 500 if outer.fail > 0 else 204
                outer.fail -= 1
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hooks/sms"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def of(self, kind: str) -> list[tuple[dict[str, str], bytes]]:
        return [(h, b) for h, b in self.posts if h["X-SMS-Desktop-Event"] == kind]


@pytest.fixture
def core(home, sim):
    sim.report_delay = 0.0
    c = open_core(home)
    sim.add_account("ipyy", "u1", "pw1", balance=1000)
    c.accounts.add(
        Account(name="i", family="ipyy", base_url=sim.base_url("ipyy"), username="u1"), "pw1"
    )
    yield c
    c.close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def _wait(what, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not what():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _signed(secret: str, headers: dict[str, str], body: bytes) -> bool:
    stamp = headers["X-SMS-Desktop-Timestamp"]
    mac = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers["X-SMS-Desktop-Signature"], "sha256=" + mac)


def test_a_finished_job_and_a_reply_are_posted_once_each_and_signed(core, sim, receiver):
    _, token = api_tokens.create(core.db, "booking")
    secret = api_webhooks.set_webhook(core, "booking", receiver.url)
    assert secret and secret.startswith("whsec_")
    with ApiServer(core, "127.0.0.1", 0) as server:
        server._webhooks.every = 0.1  # type: ignore[union-attr]
        r = post_message(server.url, token)
        assert r.status_code == 201, r.text
        job_id = r.json()["job_id"]
        _wait(lambda: receiver.of("job.finished"))
        sim.inject_reply("ipyy", "u1", "13800138000", "收到，谢谢")
        core.syncer.sync_account("i", force=True)
        _wait(lambda: receiver.of("reply.received"))
        time.sleep(0.5)  # a few more turns: nothing is posted twice
    [(headers, body)] = receiver.of("job.finished")
    assert _signed(secret, headers, body)
    assert not _signed(secret + "x", headers, body)
    sent = json.loads(body)
    assert sent["event"] == "job.finished" and sent["job"]["job_id"] == job_id
    assert sent["job"]["state"] == "done" and sent["job"]["counts"]["accepted"] == 1
    [(headers, body)] = receiver.of("reply.received")
    assert _signed(secret, headers, body)
    assert json.loads(body)["reply"]["content"] == "收到，谢谢"
    assert len(receiver.posts) == 2


def test_a_failing_receiver_is_retried_with_backoff_then_given_up(core, receiver, monkeypatch):
    api_tokens.create(core.db, "booking")
    tok = api_tokens.live_named(core.db, "booking")
    api_webhooks.set_webhook(core, "booking", receiver.url)
    draft = compose.Draft(account="i", text="您好", pasted="13800138000", kind="notice")
    job_id = core.engine.create_job(
        compose.build(core.accounts, draft),
        with_job=lambda c, j: store_api.add_job(c, j, tok.id, None, "h", job_stamp()),
    )
    core.engine.run_job(job_id)
    receiver.fail = 2
    assert api_webhooks.collect(core, now=1000.0) == 1
    assert api_webhooks.collect(core, now=1000.0) == 0  # once
    backoff = (5.0, 30.0)
    assert api_webhooks.deliver_due(core, now=1000.0, backoff=backoff) == 0
    [e] = store_api.events(core.db)
    assert (e["attempts"], e["next_at"], e["last_error"]) == (1, 1005.0, "HTTP 500")
    assert api_webhooks.deliver_due(core, now=1004.0, backoff=backoff) == 0  # not due yet
    assert len(receiver.posts) == 1
    assert api_webhooks.deliver_due(core, now=1005.0, backoff=backoff) == 0
    assert store_api.events(core.db)[0]["next_at"] == 1035.0  # the next wait is longer
    assert api_webhooks.deliver_due(core, now=1035.0, backoff=backoff) == 1
    [e] = store_api.events(core.db)
    assert e["delivered_at"] and e["next_at"] is None and e["attempts"] == 3
    assert {h["X-SMS-Desktop-Delivery"] for h, _ in receiver.posts} == {str(e["id"])}
    assert api_webhooks.deliver_due(core, now=99999.0) == 0 and len(receiver.posts) == 3
    # a receiver that never answers 2xx: given up after MAX_ATTEMPTS
    monkeypatch.setattr(api_webhooks, "MAX_ATTEMPTS", 2)
    with core.db.write() as c:
        store_api.add_event(c, tok.id, "reply.received", 1, "{}", "t", 2000.0)
    receiver.fail = 99
    api_webhooks.deliver_due(core, now=2000.0, backoff=backoff)
    api_webhooks.deliver_due(core, now=2005.0, backoff=backoff)
    gone = store_api.events(core.db)[-1]
    assert gone["attempts"] == 2 and gone["next_at"] is None and gone["delivered_at"] is None
    assert gone["last_error"] == "HTTP 500"


def test_one_attempt_is_taken_by_one_pc(core, receiver):
    api_tokens.create(core.db, "booking")
    tok = api_tokens.live_named(core.db, "booking")
    api_webhooks.set_webhook(core, "booking", receiver.url)
    with core.db.write() as c:
        assert store_api.add_event(c, tok.id, "reply.received", 7, "{}", "t", 10.0)
        assert not store_api.add_event(c, tok.id, "reply.received", 7, "{}", "t", 10.0)
    [e] = store_api.due_events(core.db, 10.0)  # both PCs saw it due
    with core.db.write() as c:
        assert store_api.claim_event(c, e["id"], 10.0, 15.0)
    with core.db.write() as c:
        assert not store_api.claim_event(c, e["id"], 10.0, 15.0)


def test_webhook_urls_are_checked_and_removed(core):
    api_tokens.create(core.db, "booking")
    for bad in ("ftp://x/", "example.com/hook", ""):
        with pytest.raises(InputError):
            api_webhooks.set_webhook(core, "booking", bad)
    with pytest.raises(InputError):
        api_webhooks.set_webhook(core, "nobody", "http://127.0.0.1:9/")
    api_webhooks.set_webhook(core, "booking", "http://127.0.0.1:9/hook")
    assert api_tokens.live_named(core.db, "booking").webhook_url == "http://127.0.0.1:9/hook"
    assert api_webhooks.set_webhook(core, "booking", None) is None
    assert api_tokens.live_named(core.db, "booking").webhook_url is None
    assert core.secrets.get("api-token-1", api_webhooks.SECRET_KIND) is None


def test_stopping_does_not_wait_for_a_receiver_that_never_answers(core):
    """The API stops (a setting saved, the window closed) within a few seconds though a POST is
    under way to a client that accepts the connection and never answers; the events after it
    are not POSTed once stopped (they stay due)."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # connections are taken by the backlog, never answered
    try:
        api_tokens.create(core.db, "booking")
        tok = api_tokens.live_named(core.db, "booking")
        api_webhooks.set_webhook(core, "booking", f"http://127.0.0.1:{silent.getsockname()[1]}/h")
        with core.db.write() as c:
            for ref in (1, 2, 3):
                store_api.add_event(c, tok.id, "reply.received", ref, "{}", "t", 10.0)
        sender = api_webhooks.WebhookSender(core, every=0.05).start()
        _wait(lambda: sum(e["attempts"] for e in store_api.events(core.db)) == 1)
        time.sleep(0.3)  # the POST is under way
        began = time.monotonic()
        sender.stop()
        took = time.monotonic() - began
        assert took < 3.5, f"stop() took {took:.1f} s"
        sender._thread.join(api_webhooks.TIMEOUT[0] + api_webhooks.TIMEOUT[1] + 5)
        assert not sender._thread.is_alive()
        attempts = [e["attempts"] for e in store_api.events(core.db)]
        assert sorted(attempts) == [0, 0, 1]  # one POST, then it left
    finally:
        silent.close()


def test_the_api_server_stops_within_seconds_while_a_webhook_post_hangs(core):
    """ApiServer.stop() (the window's setting saved, its close, the service's stop) is not held by
    a webhook POST to a client that never answers."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        api_tokens.create(core.db, "booking")
        tok = api_tokens.live_named(core.db, "booking")
        api_webhooks.set_webhook(core, "booking", f"http://127.0.0.1:{silent.getsockname()[1]}/h")
        with core.db.write() as c:
            store_api.add_event(c, tok.id, "reply.received", 1, "{}", "t", 10.0)
        server = ApiServer(core, "127.0.0.1", 0)
        sender = server._webhooks
        assert sender is not None
        sender.every = 0.05
        server.start()
        _wait(lambda: store_api.events(core.db)[0]["attempts"] == 1)
        time.sleep(0.3)  # the POST is under way
        began = time.monotonic()
        server.stop()
        took = time.monotonic() - began
        assert took < 3.5, f"stop() took {took:.1f} s"
        sender._thread.join(api_webhooks.TIMEOUT[0] + api_webhooks.TIMEOUT[1] + 5)
        assert not sender._thread.is_alive()
    finally:
        silent.close()

"""The local HTTP API over real HTTP, against the simulator: tokens (401), the body limit (413),
the rate limit (429), Idempotency-Key (one job, one send), the same refusals as the CLI's send,
the read endpoints, and the OpenAPI document (validated)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter

import pytest
import requests
from apiclient import post_message
from clirunner import phones_sent

from sms_desktop.core import bilingual
from sms_desktop.core.accounts import Account
from sms_desktop.core.automation import api_requests as requests_
from sms_desktop.core.automation import api_tokens
from sms_desktop.core.automation.api_server import ApiServer
from sms_desktop.core.session import open_core

NUMBERS = ["13800138000", "13912345678", "15023239810"]


class Api:
    def __init__(self, core, server, token, sim) -> None:
        self.core, self.server, self.token, self.sim = core, server, token, sim

    def url(self, path: str) -> str:
        return self.server.url + path

    def auth(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.token}"}

    def post(self, body, key: str | None = None, token: str | None = None) -> requests.Response:
        return post_message(self.server.url, token or self.token, body, key)

    def get(self, path: str, token: str | None = None, **params) -> requests.Response:
        return requests.get(self.url(path), headers=self.auth(token), params=params, timeout=30)

    def wait_done(self, job_id: int, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(f"/api/v1/jobs/{job_id}").json()
            if job["state"] == "done":
                return job
            time.sleep(0.05)
        raise AssertionError(f"job {job_id} not done: {job}")


def _add_account(core, sim, name: str = "i", family: str = "ipyy") -> str:
    sim.add_account(family, "u1", "pw1", balance=1000)
    core.accounts.add(
        Account(name=name, family=family, base_url=sim.base_url(family), username="u1",
                read_timeout=3.0),
        "pw1",
    )  # fmt: skip
    return name


def _open(home, sim, **kw):
    core = open_core(home)
    _add_account(core, sim)
    _, token = api_tokens.create(core.db, "booking")
    server = ApiServer(core, "127.0.0.1", 0, **kw).start()
    return Api(core, server, token, sim)


@pytest.fixture
def api(sim, home):
    sim.report_delay = 0.0
    a = _open(home, sim)
    try:
        yield a
    finally:
        a.server.stop()
        a.core.close()


def _sends(sim) -> list:
    return [r for r in sim.requests if r.family == "ipyy" and r.params.get("action") == "send"]


def _is_error(r: requests.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["error"] == code
    assert body["message_zh"] and body["message_en"]
    assert body["message_zh"] != body["message_en"]
    return body


# ---- tokens -----------------------------------------------------------------------------------
def test_no_token_a_wrong_one_and_a_revoked_one_get_401_and_send_nothing(api):
    body = {"account": "i", "to": NUMBERS[:1], "text": "您的预约已确认"}
    no_token = requests.post(api.url("/api/v1/messages"), json=body, timeout=10)
    _is_error(no_token, 401, "unauthorized")
    assert no_token.headers["WWW-Authenticate"].startswith("Bearer")
    _is_error(api.post(body, token="sdk_" + "x" * 43), 401, "unauthorized")
    _is_error(api.post(body, token=api.token[:-1]), 401, "unauthorized")  # one character short
    basic = requests.get(api.url("/api/v1/balance"), headers={"Authorization": "Basic " + api.token}, timeout=10)  # fmt: skip
    _is_error(basic, 401, "unauthorized")
    for path in ("/api/v1/balance", "/api/v1/inbox", "/api/v1/jobs/1"):
        _is_error(requests.get(api.url(path), timeout=10), 401, "unauthorized")
    assert _sends(api.sim) == []
    # the token works, then is revoked: refused at once
    ok = api.post(body)
    assert ok.status_code == 201, ok.text
    api_tokens.revoke(api.core.db, "booking")
    _is_error(api.post(body), 401, "unauthorized")
    _is_error(api.get(f"/api/v1/jobs/{ok.json()['job_id']}"), 401, "unauthorized")
    assert api.core.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 1


def test_tokens_are_stored_as_hashes_and_named_once(api):
    db = api.core.db
    rows = [dict(r) for r in db.read().execute("SELECT * FROM api_tokens")]
    assert len(rows) == 1
    assert api.token not in json.dumps(rows)
    assert rows[0]["token_hash"] == api_tokens.token_hash(api.token)
    assert rows[0]["prefix"] == api.token[:10]
    with pytest.raises(Exception, match="booking"):
        api_tokens.create(db, "booking")  # one live token per name
    api_tokens.revoke(db, "booking")
    _, again = api_tokens.create(db, "booking")  # the name is free once revoked
    assert again != api.token
    assert [t.live for t in api_tokens.tokens(db)] == [True, False]


# ---- limits -----------------------------------------------------------------------------------
def _raw(server, request: bytes) -> tuple[int, dict]:
    """Send raw bytes, read the whole answer: its status and JSON body."""
    with socket.create_connection((server.host, server.port), timeout=10) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def test_a_body_over_the_limit_gets_413_before_it_is_read(api):
    big = 2 * 1024 * 1024
    status, body = _raw(
        api.server,
        (
            "POST /api/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {api.token}\r\nContent-Length: {big}\r\n\r\n"
            '{"account": "i", "to": ["'
        ).encode(),
    )  # only the start of the body is sent: the answer comes without it
    assert status == 413
    assert body["error"] == "body_too_large" and "1048576" in body["message_en"]
    # a body just under the limit is read (and refused for what it says, not for its size)
    filler = "1" * (1024 * 1024 - 200)
    r = api.post({"account": "i", "to": [filler], "text": "x", "kind": "notice"})
    assert r.status_code == 422, r.text
    assert _sends(api.sim) == []


def test_a_token_over_its_rate_gets_429_and_others_go_on(sim, home):
    sim.report_delay = 0.0
    a = _open(home, sim, rate_per_minute=3)
    try:
        _, other = api_tokens.create(a.core.db, "crm")
        assert [a.get("/api/v1/inbox").status_code for _ in range(3)] == [200, 200, 200]
        r = a.get("/api/v1/inbox")
        _is_error(r, 429, "rate_limited")
        assert int(r.headers["Retry-After"]) >= 1
        assert a.get("/api/v1/inbox", token=other).status_code == 200  # per token
    finally:
        a.server.stop()
        a.core.close()


def test_bad_requests_get_json_errors(api):
    bad = requests.post(api.url("/api/v1/messages"), data=b"{not json", headers=api.auth(), timeout=10)  # fmt: skip
    _is_error(bad, 400, "bad_json")
    _is_error(api.post({"account": "i", "text": "x"}), 400, "no_recipients")
    _is_error(api.post({"account": "i", "to": ["13800138000"], "text": "x", "kind": "spam"}), 400, "bad_request")  # fmt: skip
    _is_error(api.get("/api/v1/nothing"), 404, "not_found")
    _is_error(api.get("/api/v1/jobs/999"), 404, "not_found")
    _is_error(requests.delete(api.url("/api/v1/jobs/1"), headers=api.auth(), timeout=10), 405, "method_not_allowed")  # fmt: skip
    _is_error(api.get("/api/v1/jobs/1/recipients", limit="0"), 404, "not_found")


# ---- idempotency ------------------------------------------------------------------------------
def test_the_same_idempotency_key_three_times_gives_one_job_and_one_send(api):
    body = {"account": "i", "to": NUMBERS, "text": "您的预约已确认", "kind": "notice"}
    first = api.post(body, key="booking-1001")
    assert first.status_code == 201, first.text
    job_id = first.json()["job_id"]
    assert first.headers["Location"] == f"/api/v1/jobs/{job_id}"
    api.wait_done(job_id)
    again = [api.post(body, key="booking-1001") for _ in range(2)]
    assert [r.status_code for r in again] == [200, 200]
    assert {r.json()["job_id"] for r in again} == {job_id}
    assert all(r.json()["replayed"] for r in again)
    assert len(_sends(api.sim)) == 1
    assert Counter(phones_sent(api.sim, "ipyy", "mobile")) == Counter(NUMBERS)
    # the same key with another body is refused, and sends nothing
    other = dict(body, text="另一条")
    _is_error(api.post(other, key="booking-1001"), 422, "idempotency_key_reused")
    # another key is another job; the key is per token
    assert api.post(body, key="booking-1002").status_code == 201
    _, crm = api_tokens.create(api.core.db, "crm")
    assert api.post(body, key="booking-1001", token=crm).status_code == 201
    assert api.core.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 3


def test_concurrent_requests_with_one_key_make_one_job_on_each_store(sim, home, store):
    """Eight clients at once with one key (on PostgreSQL: eight connections writing): one job;
    the store's unique key decides, not timing."""
    from sms_desktop.core.session import open_core as open_on

    sim.report_delay = 0.0
    core = open_on(home, db=store)
    _add_account(core, sim)
    _, token = api_tokens.create(core.db, "booking")
    server = ApiServer(core, "127.0.0.1", 0).start()
    a = Api(core, server, token, sim)
    try:
        body = {"account": "i", "to": NUMBERS, "text": "您的预约已确认", "kind": "notice"}
        results: list[requests.Response] = []
        gate = threading.Barrier(8)

        def client() -> None:
            gate.wait()
            results.append(a.post(body, key="once"))

        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(r.status_code for r in results) == [200] * 7 + [201]
        [job_id] = {r.json()["job_id"] for r in results}
        a.wait_done(job_id)
        assert core.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 1
        assert Counter(phones_sent(sim, "ipyy", "mobile")) == Counter(NUMBERS)
    finally:
        server.stop()


# ---- the same refusals as the CLI -------------------------------------------------------------
CASES = {
    # one number a line, as the API's list (the refusal names each number's line)
    "invalid numbers": ({"to": ["12345", "abc"], "text": "您好"}, ["--to", "12345\nabc", "--text", "您好"]),
    "empty text": ({"to": NUMBERS[:1], "text": ""}, ["--to", NUMBERS[0], "--text", ""]),
    "too long": ({"to": NUMBERS[:1], "text": "长" * 2000}, ["--to", NUMBERS[0], "--text", "长" * 2000]),
    "in the past": (
        {"to": NUMBERS[:1], "text": "您好", "at": "2020-01-01 08:00:00"},
        ["--to", NUMBERS[0], "--text", "您好", "--at", "2020-01-01 08:00:00"],
    ),
    "empty field": ({"to": NUMBERS[:1], "text": "{姓名}您好"}, ["--to", NUMBERS[0], "--text", "{姓名}您好"]),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_invalid_numbers_and_texts_get_the_same_refusals_as_the_cli(api, case, capsys):
    from sms_desktop.cli import main as cli

    body, args = CASES[case]
    r = api.post({"account": "i", "kind": "notice", **body})
    got = _is_error(r, 422, "refused")
    assert cli(["send", "i", "--kind", "notice", *args, "--json"]) != 0
    said = json.loads(capsys.readouterr().out)["error"]
    assert got["message_zh"] == bilingual.pick(said, "zh_CN")
    assert got["message_en"] == bilingual.pick(said, "en")
    assert _sends(api.sim) == []
    assert api.core.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0


def test_marketing_without_a_kind_is_refused_as_the_cli_refuses_it(api, capsys):
    from sms_desktop.cli import main as cli

    text = "会员日全场优惠，回T退订"
    got = _is_error(api.post({"account": "i", "to": NUMBERS[:1], "text": text}), 422, "refused")
    assert cli(["send", "i", "--to", NUMBERS[0], "--text", text, "--json"]) != 0
    said = json.loads(capsys.readouterr().out)["error"]
    # the core's words, then each client's own way to say which kind
    core_zh = bilingual.pick(said, "zh_CN").split(" 请用")[0]
    assert got["message_zh"].startswith(core_zh) and '"kind"' in got["message_zh"]
    assert '"kind": "notice"' in got["message_en"]


# ---- the read endpoints -----------------------------------------------------------------------
def test_a_job_its_recipients_paged_the_balance_and_the_inbox(api):
    body = {
        "account": "i",
        "to": [{"phone": NUMBERS[0], "fields": {"姓名": "张三"}},
               {"phone": NUMBERS[1], "fields": {"姓名": "李四"}}, "abc", NUMBERS[2]],
        "fields": {"姓名": "顾客"},
        "text": "{姓名}您好，您的预约已确认",
        "kind": "notice",
    }  # fmt: skip
    r = api.post(body)
    assert r.status_code == 201, r.text
    job_id = r.json()["job_id"]
    job = api.wait_done(job_id)
    assert job["counts"]["recipients"] == 4
    assert job["counts"]["accepted"] == 3 and job["counts"]["skipped"] == 1
    assert job["outcome"] == "ok"
    sent_text = " ".join(r.params.get("content", "") for r in _sends(api.sim))
    assert "张三您好" in sent_text and "李四您好" in sent_text and "顾客您好" in sent_text
    page1 = api.get(f"/api/v1/jobs/{job_id}/recipients", limit=2).json()
    page2 = api.get(f"/api/v1/jobs/{job_id}/recipients", limit=2, offset=2).json()
    assert page1["total"] == page2["total"] == 4
    assert [x["phone"] for x in page1["recipients"]] == NUMBERS[:2]
    assert [x["state"] for x in page2["recipients"]] == ["skipped", "accepted"]
    assert page2["recipients"][0]["message"]  # why it was skipped
    # another client's token does not see it
    _, crm = api_tokens.create(api.core.db, "crm")
    _is_error(api.get(f"/api/v1/jobs/{job_id}", token=crm), 404, "not_found")
    # the balance, read from the gateway now
    bal = api.get("/api/v1/balance").json()["balances"]
    assert [(b["account"], b["ok"]) for b in bal] == [("i", True)]
    assert bal[0]["messages"] == 1000 - 3
    # a Chinese name in the query, escaped or as raw UTF-8 bytes (as curl sends it)
    api.core.accounts.add(
        Account(name="主账户", family="ipyy", base_url=api.sim.base_url("ipyy"), username="u1"),
        "pw1",
    )
    one = api.get("/api/v1/balance", account="主账户").json()["balances"]
    assert [(b["account"], b["ok"]) for b in one] == [("主账户", True)]
    status, raw = _raw(
        api.server,
        f"GET /api/v1/balance?account=主账户 HTTP/1.0\r\nAuthorization: Bearer {api.token}\r\n\r\n".encode(),
    )
    assert status == 200 and [b["account"] for b in raw["balances"]] == ["主账户"]
    # a reply: handed out once with next_since
    api.sim.inject_reply("ipyy", "u1", NUMBERS[0], "收到，谢谢")
    api.core.syncer.sync_account("i", force=True)
    inbox = api.get("/api/v1/inbox", since="0").json()
    assert [(x["phone"], x["content"]) for x in inbox["replies"]] == [(NUMBERS[0], "收到，谢谢")]
    assert api.get("/api/v1/inbox", since=inbox["next_since"]).json()["replies"] == []


# ---- the document -----------------------------------------------------------------------------
def test_the_openapi_document_validates_and_names_every_endpoint(api):
    from openapi_spec_validator import validate

    r = requests.get(api.url("/api/v1/openapi.json"), timeout=10)  # served without a token
    assert r.status_code == 200
    doc = r.json()
    validate(doc)
    assert doc["servers"] == [{"url": api.server.url}]
    assert set(doc["paths"]) == {
        "/api/v1/messages",
        "/api/v1/jobs/{job_id}",
        "/api/v1/jobs/{job_id}/recipients",
        "/api/v1/balance",
        "/api/v1/inbox",
        "/api/v1/openapi.json",
    }


def test_a_replay_starts_a_job_left_queued_by_a_crash_and_it_is_sent_once(api):
    """The program stopped after committing an API job and before starting it: the client's
    retry with the same Idempotency-Key starts it (not 'queued' forever), and it is sent once
    however many retries come."""
    body = {"account": "i", "to": NUMBERS[:2], "text": "您的预约已确认", "kind": "notice"}
    token = api_tokens.live_named(api.core.db, "booking")
    made = requests_.submit(api.core, token, body, "booking-2001")  # committed, never started
    assert not made.replayed and made.job.state == "queued"
    again = [api.post(body, key="booking-2001") for _ in range(3)]
    assert [r.status_code for r in again] == [200, 200, 200]
    assert {r.json()["job_id"] for r in again} == {made.job.job_id}
    done = api.wait_done(made.job.job_id, timeout=15)
    assert done["counts"]["accepted"] == 2
    assert len(_sends(api.sim)) == 1
    assert Counter(phones_sent(api.sim, "ipyy", "mobile")) == Counter(NUMBERS[:2])

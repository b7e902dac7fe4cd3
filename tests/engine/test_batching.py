"""Batching through the one shared rule (``Gateway.batches``), and txt112088 by GET.

* Batches are balanced for every family: 1,005 numbers at a limit of 1,000 go as 503 + 502 (the
  same number of requests), so no tiny last batch trips qxt's error 8 (fewer than 10 numbers).
* txt112088 with ``method=get``: the connection test finds GET when POST gets ``-7``/``-1`` from a
  host reading only the query string, stores it, and batches keep the query string under IIS's
  2,048 bytes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from sms_desktop.core.connection import check_connection
from sms_desktop.core.errors import InputError, StoreError
from sms_desktop.core.gateways import FAMILIES, AccountConfig, gateway_class
from sms_desktop.core.gateways.base import balanced_batches, first_balanced
from sms_desktop.core.gateways.txt112088 import QUERY_LIMIT
from sms_desktop.core.jobs import runner
from sms_desktop.core.jobs.model import JobSpec, Recipient


def numbers(n: int, start: int = 13000000000) -> list[str]:
    return [str(start + i) for i in range(n)]


@pytest.mark.parametrize("family", FAMILIES)
def test_batches_are_balanced_for_every_family(family):
    gw = gateway_class(family)(AccountConfig(family, "http://127.0.0.1:9/", "u", "p"))
    limit = gw.batch_limit
    for n in (1, limit, limit + 5, 2 * limit + 1, 3 * limit - 1):
        phones = numbers(n)
        got = gw.batches(phones)
        sizes = [len(b) for b in got]
        assert len(got) == -(-n // limit)  # no extra request
        assert max(sizes) <= limit and max(sizes) - min(sizes) <= 1
        assert [p for b in got for p in b] == phones  # every number once, in order
    assert [len(b) for b in gw.batches(numbers(limit + 5))] == [
        (limit + 6) // 2,
        (limit + 5) // 2,
    ]


def test_qxt_1005_numbers_go_as_503_and_502_and_pass_error_8(env):
    acct = env.add("qxt")
    env.sim.account("qxt", "u1").min_recipients = 10  # this account wants at least 10 a request
    job = env.engine.create_job(JobSpec(acct, "会议通知", numbers(1005)))
    s = env.engine.run_job(job)
    sends = [r for r in env.sim.requests if r.endpoint == "smssenderv2"]
    assert sorted(len(r.params["tele"].split(",")) for r in sends) == [502, 503]
    assert (s.accepted, s.rejected, s.unknown) == (1005, 0, 0)


def test_a_job_read_page_by_page_is_cut_as_if_read_whole(env, monkeypatch):
    # the runner reads the queue a page at a time and cuts as it goes; one text (the usual
    # large job) gets exactly the balanced cut of the whole job, across page boundaries
    monkeypatch.setattr(runner, "QUEUED_PAGE", 37)
    acct = env.add("jsm")
    job = env.engine.create_job(JobSpec(acct, "会议通知：周五下午三点", numbers(1005)))
    s = env.engine.run_job(job)
    sends = [r.params["mobile"].split(",") for r in env.sim.requests if r.params.get("mobile")]
    assert sorted(len(b) for b in sends) == [91] * 7 + [92] * 4  # 11 = ceil(1005 / 100)
    assert sorted(p for b in sends for p in b) == numbers(1005)  # each number once
    assert s.accepted == 1005


def test_several_texts_read_page_by_page_keep_each_request_to_one_text(env, monkeypatch):
    monkeypatch.setattr(runner, "QUEUED_PAGE", 37)
    acct = env.add("jsm")
    people = [
        Recipient(p, "", {"部门": "销售部" if i % 2 else "财务部"})
        for i, p in enumerate(numbers(450))
    ]
    job = env.engine.create_job(JobSpec(acct, "{部门}：周五下午三点开会", people))
    s = env.engine.run_job(job)
    sends = [r for r in env.sim.requests if r.params.get("mobile")]
    by_text: dict[str, list[list[str]]] = {}
    for r in sends:
        by_text.setdefault(r.params["content"], []).append(r.params["mobile"].split(","))
    assert sorted(len(v) for v in by_text.values()) == [3, 3]  # 225 each: ceil(225 / 100)
    for text, batches in by_text.items():
        dept = "销售部" if "销售部" in text else "财务部"
        mine = [p.phone for p in people if p.fields["部门"] == dept]
        assert sorted(p for b in batches for p in b) == sorted(mine)
        assert all(50 <= len(b) <= 100 for b in batches)  # none over the limit, none tiny
    assert s.accepted == 450


def test_interleaved_texts_are_cut_text_by_text_per_page(env, monkeypatch):
    # a merge field with two values alternates the texts row by row: each page is cut once per
    # text (txt112088 by GET measures the text and every number for its limit: per row, 20,000
    # recipients took 2 s of the bookkeeping thread's time)
    monkeypatch.setattr(runner, "QUEUED_PAGE", 200)
    from sms_desktop.core.gateways.base import Gateway

    asked = {"n": 0}
    real = Gateway.request_limit

    def counted(self, phones, text=""):
        asked["n"] += 1
        return real(self, phones, text)

    monkeypatch.setattr(Gateway, "request_limit", counted)
    acct = env.add("jsm")
    people = [
        Recipient(p, "", {"部门": "销售部" if i % 2 else "财务部"})
        for i, p in enumerate(numbers(600))
    ]
    job = env.engine.create_job(JobSpec(acct, "{部门}：周五下午三点开会", people))
    asked["n"] = 0  # what the estimate asked does not count
    assert env.engine.run_job(job).accepted == 600
    assert asked["n"] <= 2 * 3 + 2  # two texts on each of three pages, and the last cut of each


def test_a_queue_page_that_cannot_be_read_loses_no_outcome_and_sends_nothing_twice(
    env, monkeypatch
):
    # the queue's next page is read while requests are out: when that read fails (a lost
    # connection), the replies already in are recorded, the run stops, and a resume sends
    # the rest once
    monkeypatch.setattr(runner, "QUEUED_PAGE", 250)  # a batch or two from the first page
    real = runner.store_messages.queued_page
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise StoreError("服务器连接中断", "server connection lost")
        return real(*args, **kwargs)

    monkeypatch.setattr(runner.store_messages, "queued_page", flaky)
    acct = env.add("jsm", concurrency=1)  # the failing read while the first request is out
    job = env.engine.create_job(JobSpec(acct, "会议通知：周五下午三点", numbers(450)))
    s = env.engine.run_job(job)
    sent = [
        p for r in env.sim.requests if r.params.get("mobile") for p in r.params["mobile"].split(",")
    ]
    assert 0 < len(sent) < 450 and s.unknown == 0  # every reply that came in is recorded
    assert s.accepted == len(sent) and s.queued == 450 - len(sent)
    assert "send queue" in (s.error or "")
    s = env.engine.resume(job)
    sent = [
        p for r in env.sim.requests if r.params.get("mobile") for p in r.params["mobile"].split(",")
    ]
    assert sorted(sent) == numbers(450) and s.accepted == 450  # the rest once, nothing twice


def test_connection_test_finds_get_when_post_is_refused_and_stores_it(env):
    env.sim.txt_query_string_only = True
    acct = env.add("txt112088")
    res = check_connection(env.accounts, acct)
    assert res.ok and [a.ok for a in res.attempts] == [False, True]
    assert res.attempts[0].options == {"method": "post"} and res.attempts[0].code is not None
    assert res.attempts[0].code.code in ("-7", "-1")
    assert res.attempts[1].options == {"method": "get"} and res.attempts[1].balance == 100000
    assert res.stored == {"method": "get"}
    assert env.accounts.get(acct).options["method"] == "get"
    # the client now uses GET for sends, and the password never reaches the store
    job = env.engine.create_job(JobSpec(acct, "你好", numbers(3)))
    s = env.engine.run_job(job)
    assert s.accepted == 3
    send = [r for r in env.sim.requests if r.endpoint.lower() == "sendsms_txt.asp"][-1]
    assert send.method == "GET" and send.body == b""
    urls = [r[0] for r in env.db.read().execute("SELECT url FROM raw_bodies")]
    assert urls and not any("pw1" in u or "us_pwd" in u or urlsplit(u).query for u in urls)
    # pulls go by GET too
    env.sim.inject_reply("txt112088", "u1", numbers(1)[0], "收到")
    got = env.accounts.gateway(acct).fetch_replies()
    assert got.code is None and [r.content for r in got.items] == ["收到"]
    assert env.sim.requests[-1].method == "GET"
    # a lost reply's explanation never carries the query string (the password)
    env.sim.set_fault("txt112088", "drop", count=1)
    job = env.engine.create_job(JobSpec(acct, "再见", numbers(1, 13900000000)))
    assert env.engine.run_job(job).unknown == 1
    stored = env.db.read().execute("SELECT message FROM messages WHERE job_id=?", (job,))
    assert not any("pw1" in (m[0] or "") or "us_pwd" in (m[0] or "") for m in stored)


def test_connection_test_keeps_post_where_post_works(env):
    acct = env.add("txt112088")
    res = check_connection(env.accounts, acct)
    assert res.ok and len(res.attempts) == 1 and res.stored == {"method": "post"}
    assert [r.method for r in env.sim.requests] == ["POST"]


def test_get_batches_keep_the_query_string_under_the_iis_limit(env):
    acct = env.add("txt112088", options={"method": "get"})
    # 335 GBK characters cannot go by GET at all (2,010 bytes of text alone): refused before a
    # job exists, nothing sent
    with pytest.raises(InputError, match="2048"):
        env.engine.create_job(JobSpec(acct, "通" * 335, numbers(100)))
    assert env.sim.requests == []
    # 150 GBK characters and 100 numbers: cut into balanced requests that each fit
    job = env.engine.create_job(JobSpec(acct, "通" * 150, numbers(100)))
    s = env.engine.run_job(job)
    assert (s.accepted, s.rejected, s.unknown) == (100, 0, 0)
    sends = [r for r in env.sim.requests if r.endpoint.lower() == "sendsms_txt.asp"]
    sizes = [len(r.params["send_phone"].split(",")) for r in sends]
    assert len(sends) > 1 and max(sizes) - min(sizes) <= 1 and sum(sizes) == 100
    assert all(r.method == "GET" and len(r.query.encode()) <= QUERY_LIMIT for r in sends)
    assert all(r.status == 200 for r in sends)


def test_the_simulator_refuses_a_query_string_over_the_iis_limit(sim):
    import urllib.error
    import urllib.request

    url = sim.base_url("txt112088") + "Get_Account_Balance.asp?us_name=" + "x" * 2100
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(url, timeout=5)
    assert exc.value.code == 404


def test_the_estimate_refuses_what_cannot_go_by_get_as_create_job_does(env):
    acct = env.add("txt112088", options={"method": "get"})
    est = env.engine.estimate(JobSpec(acct, "通" * 335, numbers(3)))
    assert any("2048" in e for e in est.errors)
    assert env.engine.estimate(JobSpec(acct, "通" * 150, numbers(3))).ok
    assert env.sim.requests == []


def test_the_runners_cut_size_is_the_first_of_the_balanced_cut():
    # the runner cuts while reading with first_balanced: the rule's own first batch
    for limit in (1, 7, 100, 1000):
        for n in range(1, 2 * limit + 50):
            assert first_balanced(n, limit) == len(balanced_batches(numbers(n), limit)[0])

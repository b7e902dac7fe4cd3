"""A reply that accepts the whole batch under one id is one outcome for the batch: the gateway
gives it without a result object per recipient, and the journal writes it as one statement,
with the same outcome, rows and counts as the per-recipient way."""

from __future__ import annotations

import pytest

from sms_desktop.core.gateways import Outcome, RecipientResult, SendResult
from sms_desktop.core.gateways.base import SameForAll
from sms_desktop.core.jobs import journal
from sms_desktop.core.jobs.model import JobSpec


def numbers(n: int, start: int = 13000000000) -> list[str]:
    return [str(start + i) for i in range(n)]


@pytest.mark.parametrize("family", ["ipyy", "jsm"])
def test_a_whole_batch_accepted_is_one_outcome_and_every_recipient_gets_it(env, family):
    acct = env.add(family)
    phones = numbers(250)
    job = env.engine.create_job(JobSpec(acct, "会议通知", phones))
    s = env.engine.run_job(job)
    assert (s.accepted, s.rejected, s.unknown) == (250, 0, 0)
    sent = env.sim.account(family, "u1").sent
    ids = {m.gateway_id for m in sent}
    rows = env.engine.results(job)
    assert [r["phone"] for r in rows] == phones
    assert {r["state"] for r in rows} == {"accepted"}
    # every recipient carries its own batch's id, as the gateway gave it
    by_phone = {m.phone: m.gateway_id for m in sent}
    assert all(r["gateway_id"] == by_phone[r["phone"]] for r in rows)
    assert len(ids) == -(-250 // env.engine.pool.gateway(acct).batch_limit)  # one id a batch


def test_the_gateway_gives_a_whole_batch_one_outcome(env):
    from sms_desktop.core.gateways.ipyy import IpyyGateway

    acct = env.add("ipyy")
    gw = env.engine.pool.gateway(acct)
    assert isinstance(gw, IpyyGateway)
    res = gw.send(["13800138000", "13900139000", "13800138000"], "你好")
    whole = res.same_for_all
    assert whole is not None and whole.outcome is Outcome.ACCEPTED
    assert whole.gateway_id == res.batch_id is not None
    assert isinstance(res.results, SameForAll) and len(res.results) == 3
    assert [r.phone for r in res.results] == ["13800138000", "13900139000", "13800138000"]
    assert res.count(Outcome.ACCEPTED) == 3 and res.count(Outcome.UNKNOWN) == 0


@pytest.mark.parametrize("failover", [False, True])
def test_the_plan_per_batch_is_the_plan_per_recipient(failover):
    phones = ["13800138000", "13900139000", "13800138000", "13700137000"]
    ids = [11, 12, 13, 14]
    whole = SendResult.accepted(phones, "T9", None, batch_id="T9")
    each = SendResult(
        [RecipientResult(p, Outcome.ACCEPTED, gateway_id="T9") for p in phones], batch_id="T9"
    )
    fast = journal.plan(ids, phones, whole, failover)
    slow = journal.plan(ids, phones, each, failover)
    assert (fast.batch_state, fast.groups, fast.moves) == (
        slow.batch_state,
        slow.groups,
        slow.moves,
    )
    assert fast.batch_state == "accepted" and len(fast.groups) == 1

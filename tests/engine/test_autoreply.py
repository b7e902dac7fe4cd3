"""Keyword auto-replies (core/automation/autoreply.py) on each store: the rules, exact against
contains, opt-outs never answered, one answer per rule per number per 24 hours (an injected
clock), each reply answered once by several engines on one store, and the whole way from the
simulator's reply to its answer arriving there."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest

from sms_desktop.core.accounts import AccountStore
from sms_desktop.core.automation import autoreply as A
from sms_desktop.core.contacts import blacklist_add
from sms_desktop.core.errors import InputError
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import TIME_FORMAT, JobState
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.service import Duty, run_duties
from sms_desktop.core.session import Core
from sms_desktop.core.store import inbox as store_inbox
from sms_desktop.core.store import open_store
from sms_desktop.core.sync import Syncer

T0 = datetime(2026, 3, 2, 10, 0, 0)  # a Monday morning, the PC's local time


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def reply(db, account: str, phone: str, text: str, at: datetime, opt_out: bool = False) -> int:
    """A reply stored as a sync stores it, received at ``at``."""
    with db.write() as c:
        rid = store_inbox.add_reply(c, account, phone, text, None, None, None, opt_out, None)
        c.execute("UPDATE replies SET received_at=? WHERE id=?", (at.strftime(TIME_FORMAT), rid))
    return rid


def answers_to(sim, family: str, user: str) -> list[tuple[str, str]]:
    return [(m.phone, m.text) for m in sim.account(family, user).sent]


@pytest.fixture
def auto(env):
    clock = Clock(T0)
    env.engine = Engine(env.db, env.accounts, sleep=lambda s: None, clock=clock)
    acct = env.add("ipyy")
    env.clock, env.acct = clock, acct
    return env


def add_rule(env, name="地址", match=A.CONTAINS, keywords="地址", answer="本店地址：人民路1号"):
    return A.add(
        env.db,
        env.accounts,
        account=env.acct,
        name=name,
        match=match,
        keywords=keywords,
        answer=answer,
        now=env.clock(),
    )


def test_exact_and_contains(auto, store_url):
    add_rule(auto, "一号", A.EXACT, "1", "您选择了 1")
    add_rule(auto, "地址", A.CONTAINS, "地址、位置", "本店地址：人民路1号")
    db = auto.db
    r1 = reply(db, auto.acct, "13800000001", " 1。", T0)  # exact after the edges are stripped
    r2 = reply(db, auto.acct, "13800000002", "请问你们的地址在哪", T0)  # contains
    r3 = reply(db, auto.acct, "13800000003", "选1号", T0)  # not exactly 1, no 地址
    r4 = reply(db, auto.acct, "13800000004", "ＤＩ址", T0)  # nothing
    r5 = reply(db, auto.acct, "13800000005", "位置？", T0)  # the second keyword
    done = A.answer_new(auto.engine)
    got = {h.reply_id: (h.outcome, h.rule) for h in done.handled}
    assert got == {
        r1: (A.Outcome.ANSWERED, "一号"),
        r2: (A.Outcome.ANSWERED, "地址"),
        r3: (A.Outcome.NO_RULE, ""),
        r4: (A.Outcome.NO_RULE, ""),
        r5: (A.Outcome.ANSWERED, "地址"),
    }
    assert sorted(answers_to(auto.sim, "ipyy", "u1")) == [
        ("13800000001", "您选择了 1"),
        ("13800000002", "本店地址：人民路1号"),
        ("13800000005", "本店地址：人民路1号"),
    ]
    # each answer is a job of its own in 发送记录, its note naming the rule, sent
    jobs = {j.job_id: j for j in auto.engine.jobs()}
    for h in done.handled:
        if h.job_id is not None:
            assert jobs[h.job_id].state == JobState.DONE and jobs[h.job_id].accepted == 1
    notes = [r[0] for r in db.read().execute("SELECT note FROM jobs ORDER BY id")]
    assert notes == [
        "自动回复：一号 / auto-reply: 一号",
        "自动回复：地址 / auto-reply: 地址",
        "自动回复：地址 / auto-reply: 地址",
    ]
    # looked at once: a second round does nothing
    assert A.answer_new(auto.engine).handled == []
    assert len(answers_to(auto.sim, "ipyy", "u1")) == 3


def test_one_answer_per_rule_per_number_per_24_hours(auto, store_url):
    rule = add_rule(auto)
    other = add_rule(auto, "营业时间", A.CONTAINS, "几点", "营业时间 9:00-21:00")
    db, phone = auto.db, "13800000001"
    reply(db, auto.acct, phone, "地址？", T0)
    assert A.answer_new(auto.engine).count(A.Outcome.ANSWERED) == 1
    # again an hour later: limited by the same rule; another rule still answers
    auto.clock.now = T0 + timedelta(hours=1)
    reply(db, auto.acct, phone, "地址在哪里", auto.clock.now)
    reply(db, auto.acct, phone, "几点关门", auto.clock.now)
    done = A.answer_new(auto.engine)
    assert [(h.outcome, h.rule) for h in done.handled] == [
        (A.Outcome.LIMITED, "地址"),
        (A.Outcome.ANSWERED, "营业时间"),
    ]
    # another number is not limited by the first one's answer
    reply(db, auto.acct, "13800000002", "地址", auto.clock.now)
    assert A.answer_new(auto.engine).count(A.Outcome.ANSWERED) == 1
    # 23 h 59 min after the first answer: still limited; 24 h after: answered again
    auto.clock.now = T0 + timedelta(hours=23, minutes=59)
    reply(db, auto.acct, phone, "地址", auto.clock.now)
    assert A.answer_new(auto.engine).count(A.Outcome.LIMITED) == 1
    auto.clock.now = T0 + timedelta(hours=24)
    reply(db, auto.acct, phone, "地址", auto.clock.now)
    assert A.answer_new(auto.engine).count(A.Outcome.ANSWERED) == 1
    sent = answers_to(auto.sim, "ipyy", "u1")
    assert sent.count((phone, rule.answer)) == 2
    assert sent.count((phone, other.answer)) == 1
    assert sent.count(("13800000002", rule.answer)) == 1
    shown = {r.name: r for r in A.rules(db)}
    assert shown["地址"].answered == 3 and shown["营业时间"].answered == 1


def test_opt_outs_are_never_answered(auto, store_url):
    """An opt-out reply gets nothing but the blacklist, even when a rule's keyword is in it; a
    keyword that is itself an opt-out word is refused."""
    add_rule(auto, "退订说明", A.CONTAINS, "订", "回复 TD 退订")
    add_rule(auto, "任何", A.CONTAINS, "d", "您好")  # TD contains it
    with pytest.raises(InputError, match="退订词"):
        add_rule(auto, "退", A.EXACT, "TD", "不会保存")
    db = auto.db
    reply(db, auto.acct, "13800000001", "我要退订", T0)  # 退订 in a short reply: opt-out
    reply(db, auto.acct, "13800000002", "ＴＤ", T0)  # a keyword after NFKC
    reply(db, auto.acct, "13800000003", "t", T0)  # T
    reply(db, auto.acct, "13800000004", "随便", T0, opt_out=True)  # flagged by the sync
    done = A.answer_new(auto.engine)
    assert [h.outcome for h in done.handled] == [A.Outcome.OPT_OUT] * 4
    assert answers_to(auto.sim, "ipyy", "u1") == [] and auto.engine.jobs() == []
    # a blacklisted number that asks something else is refused by the send path, not answered
    blacklist_add(db, "13800000005", "退订")
    reply(db, auto.acct, "13800000005", "请问订单", T0)
    done = A.answer_new(auto.engine)
    assert [h.outcome for h in done.handled] == [A.Outcome.REFUSED]
    assert answers_to(auto.sim, "ipyy", "u1") == [] and auto.engine.jobs() == []


def test_paused_deleted_and_stale(auto, store_url):
    rule = add_rule(auto)
    db = auto.db
    A.set_state(db, rule.id, A.PAUSED)
    reply(db, auto.acct, "13800000001", "地址", T0)
    assert [h.outcome for h in A.answer_new(auto.engine).handled] == [A.Outcome.NO_RULE]
    A.set_state(db, rule.id, A.ENABLED)
    # pulled three hours before anything looked at it: not answered late
    reply(db, auto.acct, "13800000002", "地址", T0 - timedelta(hours=3))
    assert [h.outcome for h in A.answer_new(auto.engine).handled] == [A.Outcome.STALE]
    A.set_state(db, rule.id, A.DELETED)
    assert A.rules(db) == []
    with pytest.raises(InputError):
        A.set_state(db, rule.id, A.ENABLED)
    # its name is free again on the account
    assert add_rule(auto).id != rule.id
    with pytest.raises(InputError, match="already"):
        add_rule(auto)
    assert answers_to(auto.sim, "ipyy", "u1") == []


def test_two_engines_on_one_store_answer_each_reply_once(auto, store_url, home):
    """Two PCs (two store objects, two engines) look at the same new replies at once: each
    reply is answered once, and the 24-hour limit holds across them."""
    add_rule(auto)
    db = auto.db
    phones = [f"1380000{i:04d}" for i in range(20)]
    for p in phones:
        reply(db, auto.acct, p, "地址", T0)
    reply(db, auto.acct, phones[0], "地址？", T0)  # the same number twice: limited
    other_db = open_store(store_url, home)
    try:
        engines = [
            auto.engine,
            Engine(other_db, AccountStore(other_db, auto.accounts.secrets), clock=auto.clock),
        ]
        rounds: list[A.Round] = []
        go = threading.Barrier(2)

        def run(e: Engine) -> None:
            go.wait()
            rounds.append(A.answer_new(e, limit=5))
            while True:
                r = A.answer_new(e, limit=5)
                rounds.append(r)
                if not r.handled:
                    return

        threads = [threading.Thread(target=run, args=(e,)) for e in engines]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        other_db.close()
    handled = [h for r in rounds for h in r.handled]
    assert len(handled) == 21 and len({h.reply_id for h in handled}) == 21
    assert sum(1 for h in handled if h.outcome == A.Outcome.ANSWERED) == 20
    assert sum(1 for h in handled if h.outcome == A.Outcome.LIMITED) == 1
    sent = answers_to(auto.sim, "ipyy", "u1")
    assert sorted(p for p, _ in sent) == sorted(phones)


def test_end_to_end_from_the_simulators_reply_to_its_answer(auto, store_url, home):
    """The simulator queues a customer's reply; the window's (or service's) tick pulls it and
    answers it; the simulator receives the answer from the account."""
    add_rule(auto, "一号", A.EXACT, "1", "已为您预约，谢谢")
    auto.engine.clock = datetime.now  # replies pulled now, answered now
    auto.sim.inject_reply("ipyy", "u1", "13912345678", "1")
    auto.sim.inject_reply("ipyy", "u1", "13912345679", "TD")
    core = Core(
        home=home,
        db=auto.db,
        secrets=auto.accounts.secrets,
        accounts=auto.accounts,
        engine=auto.engine,
        syncer=Syncer(auto.db, auto.accounts),
        poller=None,  # type: ignore[arg-type]
    )
    core.syncer.sync_account(auto.acct, force=True)
    tick = run_duties(core, [Duty.AUTOREPLY])
    assert len(tick.answered) == 1
    assert answers_to(auto.sim, "ipyy", "u1") == [("13912345678", "已为您预约，谢谢")]
    s = auto.engine.summary(tick.answered[0])
    assert s.state == JobState.DONE and s.accepted == 1


def test_a_pc_without_the_password_leaves_the_reply_to_one_with_it(auto, store_url, tmp_path):
    add_rule(auto)
    db = auto.db
    reply(db, auto.acct, "13800000001", "地址", T0)
    elsewhere = tmp_path / "other-pc"
    elsewhere.mkdir()
    other = Engine(db, AccountStore(db, SecretStore(elsewhere)), clock=auto.clock)
    assert A.answer_new(other).handled == [] and auto.engine.jobs() == []
    done = A.answer_new(auto.engine)
    assert [h.outcome for h in done.handled] == [A.Outcome.ANSWERED]
    assert answers_to(auto.sim, "ipyy", "u1") == [("13800000001", "本店地址：人民路1号")]

"""The compliance guard in the engine, over the simulator: the kind a send must state, the
marketing window (held at creation, paused at its end, released at the next opening), the
frequency caps at each batch across jobs and accounts (a resumed job crossing midnight), the
signature and opt-out findings, and test sends."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from sms_desktop.core.accounts import AccountStore
from sms_desktop.core.errors import InputError
from sms_desktop.core.guard import KindNotConfirmed, OptOutMissing, save_settings
from sms_desktop.core.jobs import compose, journal
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobControl, JobSpec, JobState
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.vendortime import from_beijing, to_beijing

OFFER = "【示例公司】会员日全场优惠，回T退订"
NOTICE = "【示例公司】您的订单已发货"


class Clock:
    """The PC's local time, set by the test in Beijing time."""

    def __init__(self, beijing: str) -> None:
        self.now = self._local(beijing)

    @staticmethod
    def _local(beijing: str) -> datetime:
        t = from_beijing(datetime.strptime(beijing, "%Y-%m-%d %H:%M:%S"))
        assert t is not None
        return t

    def set(self, beijing: str) -> None:
        self.now = self._local(beijing)

    def __call__(self) -> datetime:
        return self.now

    def stamp(self) -> str:
        return self.now.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


@pytest.fixture
def clock(env, monkeypatch):
    """The engine's clock and the journal's times (``messages.sent_at``) under the test's
    control, on a PC in New York."""
    c = Clock("2026-12-08 10:00:00")
    env.engine = Engine(env.db, env.accounts, sleep=lambda s: None, clock=c)
    monkeypatch.setattr(journal, "stamp", c.stamp)
    return c


def sent(sim, family: str | None = None) -> list[str]:
    out: list[str] = []
    for r in sim.requests:
        if "mobile" in r.params and (family is None or r.family == family):
            out.extend(p for p in r.params["mobile"].split(",") if p)
    return out


def by_phone(engine: Engine, job: int) -> dict[str, dict]:
    return {r["phone"]: r for r in engine.results(job)}


# ---- the kind ----------------------------------------------------------------------------------
def test_marketing_text_without_a_kind_is_refused_and_nothing_is_stored(env):
    acct = env.add("ipyy")
    with pytest.raises(KindNotConfirmed) as ei:
        env.engine.create_job(JobSpec(acct, OFFER, ["13800138000"]))
    assert "优惠" in str(ei.value)
    assert env.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0
    assert env.sim.requests == []


def test_a_notification_is_assumed_when_nothing_suggests_marketing(env):
    acct = env.add("ipyy")
    est = env.engine.estimate(JobSpec(acct, NOTICE, ["13800138000"]))
    assert est.ok and est.guard is not None
    assert est.guard.effective_kind == "notice" and est.guard.assumed
    d = est.to_dict()["guard"]
    assert (d["kind"], d["kind_assumed"], d["suggested_kind"]) == ("notice", True, "notice")
    job = env.engine.create_job(JobSpec(acct, NOTICE, ["13800138000"]))
    assert env.engine.summary(job).kind == "notice"


def test_marketing_must_end_with_the_opt_out_marker_counted_in_parts(env, clock):
    acct = env.add("ipyy", signature="【示例公司】")
    text = "会员日全场优惠" + "好" * 55  # 6 + 7 + 55 = 68 characters: one part
    with pytest.raises(OptOutMissing) as ei:
        env.engine.create_job(JobSpec(acct, text, ["13800138000"], kind="marketing"))
    est = env.engine.estimate(JobSpec(acct, text, ["13800138000"], kind="marketing"))
    g = est.guard
    assert est.parts_max == 1
    assert (g.optout_chars, g.optout_parts) == (68 + 4, 2)  # 回T退订 makes it two parts
    assert "72" in str(ei.value)
    # a notification needs no marker
    assert env.engine.estimate(JobSpec(acct, text, ["13800138000"], kind="notice")).ok


def test_the_account_sets_its_own_opt_out_marker_and_window(env, clock):
    acct = env.add(
        "ipyy", options={"optout_suffix": "拒收请回复R", "marketing_window": "09:00-20:00"}
    )
    est = env.engine.estimate(JobSpec(acct, OFFER, ["13800138000"], kind="marketing"))
    assert [type(p) for p in est.problems] == [OptOutMissing]
    assert est.guard.window.text() == "09:00–20:00"
    ok = env.engine.estimate(
        JobSpec(acct, "会员日优惠，拒收请回复R", ["13800138000"], kind="marketing")
    )
    assert ok.ok


# ---- the window --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("beijing", "held_until"),
    [
        ("2026-12-08 07:59:59", "2026-12-08 08:00:00"),
        ("2026-12-08 08:00:00", None),
        ("2026-12-08 20:59:59", None),
        ("2026-12-08 21:00:00", "2026-12-09 08:00:00"),
    ],
)
def test_a_marketing_job_outside_the_window_is_held_until_it_opens(
    env, pc_zone, clock, beijing, held_until
):
    acct = env.add("ipyy")
    clock.set(beijing)
    spec = JobSpec(acct, OFFER, ["13800138000", "13900139000"], kind="marketing")
    est = env.engine.estimate(spec)
    assert est.ok
    job = env.engine.create_job(spec)
    s = env.engine.summary(job)
    if held_until is None:
        assert s.state == JobState.QUEUED and est.guard.held_until() is None
        assert env.engine.run_job(job).accepted == 2
        return
    opens = Clock._local(held_until)
    assert est.guard.held_until() == opens
    assert est.to_dict()["guard"]["held_until_beijing"] == held_until
    assert (s.state, s.held_for, s.send_at) == (
        "held",
        "window",
        opens.strftime("%Y-%m-%d %H:%M:%S"),
    )
    # not overdue when the app starts late: it goes at the next chance
    clock.now = opens + timedelta(hours=2)
    assert env.engine.mark_overdue() == []
    clock.now = opens - timedelta(seconds=1)
    assert env.engine.due_jobs() == []
    clock.now = opens
    assert env.engine.due_jobs() == [job]
    assert env.engine.run_job(job, release_held=True).accepted == 2
    assert sorted(sent(env.sim)) == ["13800138000", "13900139000"]


def test_the_override_and_notifications_ignore_the_window(env, pc_zone, clock):
    acct = env.add("ipyy")
    clock.set("2026-12-08 22:30:00")
    forced = env.engine.create_job(
        JobSpec(acct, OFFER, ["13800138000"], kind="marketing", ignore_window=True)
    )
    notice = env.engine.create_job(JobSpec(acct, NOTICE, ["13900139000"], kind="notice"))
    for job in (forced, notice):
        assert env.engine.summary(job).state == JobState.QUEUED
        assert env.engine.run_job(job).accepted == 1
    assert env.engine.summary(forced).ignore_window  # recorded on the job
    row = env.db.read().execute("SELECT ignore_window FROM jobs WHERE id=?", (forced,)).fetchone()
    assert row[0] == 1


def test_a_running_marketing_job_pauses_at_the_window_end_and_resumes_at_the_opening(
    env, pc_zone, clock
):
    acct = env.add("ipyy", batch_size=2, concurrency=1)
    phones = [f"1380013800{i}" for i in range(6)]
    clock.set("2026-12-08 20:59:58")
    job = env.engine.create_job(JobSpec(acct, OFFER, phones, kind="marketing"))

    events = []

    def progress(p):
        events.append(p.event)
        if p.event == "batch":
            clock.set("2026-12-08 21:00:00")  # the window closes after the first batch

    s = env.engine.run_job(job, progress=progress)
    assert s.state == JobState.HELD
    assert 2 <= s.accepted < 6 and s.queued == 6 - s.accepted
    assert "held" in events
    assert s.held_for == "window"
    assert to_beijing(datetime.strptime(s.send_at, "%Y-%m-%d %H:%M:%S")) == datetime(2026, 12, 9, 8)
    first = len(sent(env.sim))
    assert first == s.accepted  # the batch journalled ahead never left

    clock.set("2026-12-09 07:59:59")
    assert env.engine.due_jobs() == []
    with pytest.raises(InputError):  # resuming early is refused: its time has not come
        env.engine.resume(job)
    clock.set("2026-12-09 08:00:00")
    assert env.engine.due_jobs() == [job]
    s = env.engine.run_job(job, release_held=True)
    assert (s.state, s.accepted, s.queued) == (JobState.DONE, 6, 0)
    assert sorted(sent(env.sim)) == sorted(phones)  # each number once


# ---- caps --------------------------------------------------------------------------------------
def test_caps_hold_across_two_jobs_and_two_accounts(env, clock):
    a = env.add("ipyy")
    b = env.add("jsm", signature="【示例公司】")
    x, y, z = "13800138000", "13900139000", "13700137000"
    j1 = env.engine.create_job(JobSpec(a, OFFER, [x, y], kind="marketing"))
    assert env.engine.run_job(j1).accepted == 2

    # the confirmation counts the numbers over a cap before anything is stored
    spec = JobSpec(b, OFFER, [x, z], kind="marketing")
    est = env.engine.estimate(spec)
    capped = est.guard.capped_count()
    assert (capped.total, capped.by_rule, capped.sample) == (1, {"marketing_day": 1}, [x])
    assert est.to_dict()["guard"]["capped"]["numbers"] == 1
    assert est.guard.capped_count("notice").total == 0  # a notification would go
    j2 = env.engine.create_job(spec)
    s = env.engine.run_job(j2)
    assert (s.accepted, s.skipped) == (1, 1)
    r = by_phone(env.engine, j2)[x]
    assert (r["state"], r["code"]) == ("skipped", "frequency")
    assert "频次限制" in r["message"]
    assert sent(env.sim, "jsm") == [z]

    # any kind: x has one message today; two notifications more reach the daily three
    for acct in (a, b):
        j = env.engine.create_job(JobSpec(acct, NOTICE, [x], kind="notice"))
        assert env.engine.run_job(j).accepted == 1
    j = env.engine.create_job(JobSpec(a, NOTICE, [x], kind="notice"))
    s = env.engine.run_job(j)
    assert (s.accepted, s.skipped) == (0, 1)
    assert "每天共 3 条" in by_phone(env.engine, j)[x]["message"]
    assert sent(env.sim).count(x) == 3


def test_the_weekly_marketing_cap_counts_seven_beijing_days(env, pc_zone, clock):
    acct = env.add("ipyy")
    x = "13800138000"
    for day in (2, 4, 6):  # three marketing messages on three days
        clock.set(f"2026-12-0{day} 10:00:00")
        j = env.engine.create_job(JobSpec(acct, OFFER, [x], kind="marketing"))
        assert env.engine.run_job(j).accepted == 1
    clock.set("2026-12-08 10:00:00")  # 2nd to 8th: seven days, three sent
    j = env.engine.create_job(JobSpec(acct, OFFER, [x], kind="marketing"))
    assert env.engine.run_job(j).skipped == 1
    assert "7 天营销 3 条" in by_phone(env.engine, j)[x]["message"]
    clock.set("2026-12-09 10:00:00")  # the 2nd has left the week
    j = env.engine.create_job(JobSpec(acct, OFFER, [x], kind="marketing"))
    assert env.engine.run_job(j).accepted == 1


def test_a_resumed_job_crossing_midnight_obeys_the_caps_of_its_new_day(env, pc_zone, clock):
    acct = env.add("ipyy", batch_size=2, concurrency=1)
    a = [f"1380013800{i}" for i in range(4)]
    x, y = "13900139000", "13700137000"
    clock.set("2026-12-08 23:59:00")
    spec = JobSpec(acct, OFFER, [x], kind="marketing", ignore_window=True)
    env.engine.run_job(env.engine.create_job(spec))  # x had its marketing message of the 8th

    spec = JobSpec(acct, OFFER, [*a, x, y], kind="marketing", ignore_window=True)
    assert env.engine.estimate(spec).guard.capped_count().sample == [x]  # today, x is capped
    job = env.engine.create_job(spec)
    control = JobControl()

    def progress(p):
        if p.event == "batch":
            control.pause()  # takes effect between batches

    s = env.engine.run_job(job, progress=progress, control=control)
    # the batch [x, y] was journalled ahead (x stopped by the cap of the 8th) and never left:
    # both are back in the queue, to be judged by the caps of the moment they leave
    assert (s.state, s.accepted, s.queued, s.skipped) == (JobState.PAUSED, 4, 2, 0)

    clock.set("2026-12-09 00:00:10")  # past midnight (Beijing): a new day
    spec = JobSpec(acct, OFFER, [y], kind="marketing", ignore_window=True)
    env.engine.run_job(env.engine.create_job(spec))  # y has its marketing message of the 9th
    clock.set("2026-12-09 00:00:30")
    s = env.engine.resume(job)
    assert (s.state, s.accepted, s.skipped) == (JobState.DONE, 5, 1)
    results = by_phone(env.engine, job)
    assert results[x]["state"] == "accepted"  # a new day: x may have one again
    assert (results[y]["state"], results[y]["code"]) == ("skipped", "frequency")
    assert sent(env.sim).count(y) == 1 and sent(env.sim).count(x) == 2


def test_caps_are_configurable_and_zero_lifts_them(env, clock):
    acct = env.add("ipyy")
    x = "13800138000"
    save_settings(env.db, caps={"marketing_day": 0, "marketing_week": 0, "any_day": 2})
    for expected in (1, 1, 0):
        j = env.engine.create_job(JobSpec(acct, OFFER, [x], kind="marketing"))
        assert env.engine.run_job(j).accepted == expected


def test_rejected_sends_do_not_count_and_test_sends_neither_count_nor_stop(env, clock):
    poor = env.add("ipyy", "poor", user="u0", balance=0)
    rich = env.add("ipyy", "rich", user="u1")
    x = "13800138000"
    j = env.engine.create_job(JobSpec(poor, OFFER, [x], kind="marketing"))
    assert env.engine.run_job(j).rejected == 1  # certainly not sent: not counted
    for _ in range(3):  # test sends to the user's own number go, and do not count
        t = env.engine.create_job(JobSpec(rich, OFFER, [x], kind="marketing", test=True))
        s = env.engine.run_job(t)
        assert (s.accepted, s.test) == (1, True)
    j = env.engine.create_job(JobSpec(rich, OFFER, [x], kind="marketing"))
    assert env.engine.run_job(j).accepted == 1


def test_two_jobs_sharing_a_number_never_both_send_its_last_message(env, clock):
    """The cap check and the journal entry are one transaction: two jobs running at once
    cannot both take the number's one marketing message of the day."""
    import threading

    acct = env.add("ipyy", concurrency=2)
    x = "13800138000"
    jobs = [env.engine.create_job(JobSpec(acct, OFFER, [x], kind="marketing")) for _ in range(2)]
    out = {}
    threads = [
        threading.Thread(target=lambda j=j: out.update({j: env.engine.run_job(j)})) for j in jobs
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted((s.accepted, s.skipped) for s in out.values()) == [(0, 1), (1, 0)]
    assert sent(env.sim) == [x]


def test_the_cap_queries_read_short_ranges_of_the_indexes(env, clock):
    from sms_desktop.core.guard.caps import sent_lately

    seen: list[str] = []
    conn = env.db.read()
    conn.set_trace_callback(seen.append)
    try:
        sent_lately(conn, ["13800138000", "13900139000"], clock())
    finally:
        conn.set_trace_callback(None)
    queries = [s for s in seen if s.lstrip().startswith("SELECT")]
    assert len(queries) == 2
    if conn.dialect.postgresql:
        # no EXPLAIN QUERY PLAN here, and a plan of a parameterized statement needs PostgreSQL
        # 16 (GENERIC_PLAN): the indexes are there as declared, for the planner
        defs = dict(
            conn.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'messages'"
            ).fetchall()
        )
        assert "(phone, sent_at, cap_class)" in defs["messages_phone"]
        assert "'marketing'" in defs["messages_cap_marketing"]
        assert "messages_cap_day" not in defs
        return
    plans = [[r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + q)] for q in queries]
    for plan in plans:
        # today's range of each number, then the period's marketing range, from an index alone
        # (SQLite takes the number's index for both, the class being in it; the marketing
        # range reads the same entries from messages_cap_marketing, which a planner may take)
        assert any(
            "COVERING INDEX messages_" in p and "phone=? AND sent_at>?" in p for p in plan
        ), plan
        assert not any(p.startswith("SCAN") for p in plan), plan


def test_a_journal_transaction_tried_again_starts_from_the_batch_as_it_was(env, clock, monkeypatch):
    """A transaction that journals a batch is rolled back after the caps skipped one of its
    numbers (a deadlock, a lock wait: a transient error) and tried again: the second attempt
    screens the batch as it was, so the capped number is skipped, not left in the queue."""
    from sms_desktop.core.store import OperationalError

    acct = env.add("ipyy")
    x = "13800138000"
    env.engine.run_job(env.engine.create_job(JobSpec(acct, OFFER, [x], kind="marketing")))
    others = [f"1390013900{i}" for i in range(4)]
    job = env.engine.create_job(JobSpec(acct, OFFER, [x, *others], kind="marketing"))
    real_enter = journal.enter
    failed: list[int] = []

    def enter_failing_once(c, job_id, b):
        if not failed and b.capped:  # after the caps' check wrote its skip
            failed.append(len(b.capped))
            exc = OperationalError("deadlock detected")
            exc.transient = True  # type: ignore[attr-defined]
            raise exc
        return real_enter(c, job_id, b)

    monkeypatch.setattr(journal, "enter", enter_failing_once)
    s = env.engine.run_job(job)
    assert failed == [1]
    assert (s.state, s.accepted, s.skipped, s.queued) == (JobState.DONE, 4, 1, 0)
    results = by_phone(env.engine, job)
    assert (results[x]["state"], results[x]["code"]) == ("skipped", "frequency")
    assert sorted(sent(env.sim)) == sorted([x, *others])  # x once: the first job's


# ---- test sends --------------------------------------------------------------------------------
def test_a_test_send_carries_the_first_personalised_texts_to_own_numbers(env, clock):
    from sms_desktop.core.contacts.recipients import Recipient

    acct = env.add("ipyy")
    save_settings(env.db, own_numbers="13600136000\n136 0013 6001")
    rows = [Recipient(f"1380013800{i}", f"客户{i}", {"金额": str(i)}) for i in range(5)]
    draft = compose.Draft(acct, "{姓名}您好，本月账单{金额}元", rows=rows, kind="notice")
    spec = compose.build(env.accounts, draft)
    est = env.engine.estimate(spec)
    from sms_desktop.core.guard import load_settings

    test = compose.test_spec(spec, est, load_settings(env.db).own_numbers)
    job = env.engine.create_job(test)
    s = env.engine.run_job(job)
    assert (s.test, s.accepted) == (True, 2)
    contents = sorted(r.params["content"] for r in env.sim.requests if "content" in r.params)
    assert contents == ["客户0您好，本月账单0元", "客户1您好，本月账单1元"]
    assert sorted(sent(env.sim)) == ["13600136000", "13600136001"]
    with pytest.raises(InputError):
        compose.test_spec(spec, est, ())


def test_resend_keeps_the_kind(env, clock):
    acct = env.add("ipyy", balance=0)
    j = env.engine.create_job(JobSpec(acct, OFFER, ["13800138000"], kind="marketing"))
    env.engine.run_job(j)
    assert env.engine.resend_spec(j).kind == "marketing"


def test_settings_refuse_bad_values_and_store_nothing(env):
    from sms_desktop.core.guard import load_settings

    with pytest.raises(InputError):
        save_settings(env.db, own_numbers="123", caps={"any_day": 2})
    with pytest.raises(InputError):
        save_settings(env.db, own_numbers="13600136000,13600136001,13600136002,13600136003")
    with pytest.raises(InputError):
        save_settings(env.db, caps={"any_day": -1})
    assert load_settings(env.db).caps.any_day == 3


def test_the_migration_gives_earlier_sends_their_batch_time(tmp_path):
    from sms_desktop.core.store import SqliteDatabase as Database
    from sms_desktop.core.store.db import SqliteConnection, _split_sql
    from sms_desktop.core.store.schema import MIGRATIONS

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None, factory=SqliteConnection)
    conn.create_function("sms_name_key", 1, lambda name: name)  # the contacts migration's
    # the schema just before the guard's migration (the ones after it are not the guard's)
    guard = next(i for i, m in enumerate(MIGRATIONS) if isinstance(m, str) and "cap_epoch" in m)
    for i, script in enumerate(MIGRATIONS[:guard], start=1):
        if callable(script):
            script(conn)
        else:
            for st in _split_sql(script):
                conn.execute(st)
        conn.execute(f"PRAGMA user_version={i}")
    conn.execute("INSERT INTO jobs(id, account, text, state) VALUES(1, 'a', 't', 'done')")
    conn.execute(
        "INSERT INTO batches(id, job_id, account, text, state, size, sent_at)"
        " VALUES(7, 1, 'a', 't', 'accepted', 1, '2026-12-08 10:00:00.123')"
    )
    conn.execute(
        "INSERT INTO messages(job_id, seq, phone, state, batch_id) VALUES(1, 1, '13800138000',"
        " 'accepted', 7), (1, 2, '13900139000', 'skipped', NULL)"
    )
    conn.close()
    db = Database(path)
    try:
        rows = db.read().execute("SELECT phone, sent_at FROM messages ORDER BY seq").fetchall()
        assert [tuple(r) for r in rows] == [
            ("13800138000", "2026-12-08 10:00:00.123"),
            ("13900139000", None),
        ]
        job = db.read().execute("SELECT kind, is_test, ignore_window FROM jobs").fetchone()
        assert tuple(job) == ("notice", 0, 0)
        classes = db.read().execute("SELECT cap_class FROM messages ORDER BY seq").fetchall()
        assert [r[0] for r in classes] == ["notice", None]
    finally:
        db.close()


def test_a_fresh_accounts_store_keeps_options(home):
    # the guard's account options survive the store (they are plain account options)
    from sms_desktop.core.accounts import Account
    from sms_desktop.core.store import open_database

    db = open_database(home)
    accounts = AccountStore(db, SecretStore(home))
    accounts.add(
        Account(
            "a", "ipyy", "http://127.0.0.1:1/sms.aspx", "u", options={"optout_suffix": "回R退订"}
        ),
        "pw",
    )
    assert accounts.get("a").options["optout_suffix"] == "回R退订"
    db.close()


def test_counts_read_before_the_lock_are_read_again_when_another_job_journalled(env, clock):
    """The caps' counts are read before the write lock; a batch journalled by another job in
    between makes them stale, and they are read again under the lock."""
    from sms_desktop.core.jobs.model import stamp

    acct = env.add("ipyy")
    x = "13800138000"
    job = env.engine.create_job(JobSpec(acct, OFFER, [x], kind="marketing"))
    row = env.db.read().execute("SELECT * FROM jobs WHERE id=?", (job,)).fetchone()
    mid = env.db.read().execute("SELECT id FROM messages WHERE job_id=?", (job,)).fetchone()[0]
    guard = env.engine.batch_guard(row)

    lately = guard.prepare(env.db.read(), [x])
    with env.db.write() as c:  # nothing journalled meanwhile: the counts stand
        assert guard.screen(c, [mid], [x], stamp(), lately) == []
    assert guard.rechecks == 0

    lately = guard.prepare(env.db.read(), [x])
    other = env.engine.create_job(JobSpec(acct, OFFER, [x], kind="marketing"))
    assert env.engine.run_job(other).accepted == 1  # x's marketing message of the day
    with env.db.write() as c:
        assert guard.screen(c, [mid], [x], stamp(), lately) == [0]
    assert guard.rechecks == 1
    r = by_phone(env.engine, job)[x]
    assert (r["state"], r["code"]) == ("skipped", "frequency")


def test_the_campaign_report_counts_the_numbers_skipped_for_a_cap(env, clock):
    """频次限制 is a skip reason of the job's report like the others, and the capped number
    is in no carrier's sent figures."""
    from sms_desktop.core.jobs import report

    a = env.add("ipyy")
    x, y = "13800138000", "18912345678"  # a mobile number, a telecom one
    env.engine.run_job(env.engine.create_job(JobSpec(a, OFFER, [x], kind="marketing")))
    job = env.engine.create_job(JobSpec(a, OFFER, [x, y], kind="marketing"))
    assert (env.engine.run_job(job).accepted, env.engine.summary(job).skipped) == (1, 1)
    r = report.build(env.db, job)
    by = {s.key: s for s in r.states}
    assert set(by) == {"accepted", "skipped:frequency"}
    assert by["skipped:frequency"].n == 1 and "频次限制" in by["skipped:frequency"].reason_text
    assert (r.total, r.sent) == (2, 1)
    sent_by_carrier = {c.key: c.sent for c in r.carriers}
    assert sent_by_carrier.get("telecom") == 1 and not sent_by_carrier.get("mobile")

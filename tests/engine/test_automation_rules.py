"""Automation rules (core/automation): the schedule's arithmetic in Beijing time, the dates of
Excel forms, runs made exactly once and sent through the simulator, missed runs never sent late,
and the preview."""

from __future__ import annotations

import time as time_mod
from datetime import date, datetime, time, timedelta

import openpyxl
import pytest

from sms_desktop.core.automation import datefield, rules
from sms_desktop.core.automation.rules import RecipientFilter, Rule, RunState
from sms_desktop.core.automation.schedule import Schedule, beijing_now
from sms_desktop.core.contacts.importer import import_file
from sms_desktop.core.contacts.repository import add_contact, create_group
from sms_desktop.core.errors import InputError
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.service import Duty, Service, run_duties, window_tick
from sms_desktop.core.session import open_core


# ---- the schedule ---------------------------------------------------------------------------
def _runs(s: Schedule, after: datetime, n: int) -> list[str]:
    return [t.strftime("%Y-%m-%d %H:%M") for t in list(s.runs_after(after))[:n]]


def test_monthly_on_the_last_day_follows_each_month_and_leap_years():
    s = Schedule("monthly", time(9, 0), month_day="last")
    assert _runs(s, datetime(2027, 1, 31, 9, 0), 4) == [
        "2027-02-28 09:00",
        "2027-03-31 09:00",
        "2027-04-30 09:00",
        "2027-05-31 09:00",
    ]
    assert _runs(s, datetime(2028, 1, 31, 10, 0), 1) == ["2028-02-29 09:00"]
    # the 1st and the 15th; a run of today still to come counts, one past does not
    first = Schedule("monthly", time(8, 30), month_day="1")
    assert _runs(first, datetime(2026, 12, 1, 8, 29), 2) == ["2026-12-01 08:30", "2027-01-01 08:30"]
    mid = Schedule("monthly", time(8, 30), month_day="15")
    assert _runs(mid, datetime(2026, 12, 15, 8, 30), 1) == ["2027-01-15 08:30"]


def test_weekdays_weekly_and_the_end_date():
    # 2026-12-04 is a Friday
    weekdays = Schedule("weekdays", time(18, 0))
    assert _runs(weekdays, datetime(2026, 12, 4, 18, 0), 2) == [
        "2026-12-07 18:00",
        "2026-12-08 18:00",
    ]
    weekly = Schedule("weekly", time(7, 0), weekday=2)  # Wednesday
    assert _runs(weekly, datetime(2026, 12, 4), 2) == ["2026-12-09 07:00", "2026-12-16 07:00"]
    daily = Schedule("daily", time(9, 0), end=date(2026, 12, 6))
    assert _runs(daily, datetime(2026, 12, 4, 12, 0), 5) == ["2026-12-05 09:00", "2026-12-06 09:00"]
    assert daily.next_run(datetime(2026, 12, 6, 9, 0)) is None
    with pytest.raises(InputError, match="weekday"):
        Schedule("weekly", time(7, 0)).check()
    with pytest.raises(InputError, match="15th"):
        Schedule("monthly", time(7, 0), month_day="31").check()


def test_beijing_time_whatever_the_pcs_zone(pc_zone):
    # New York, 20:00 on Dec 6 (EST, UTC-5) is 09:00 on Dec 7 in Beijing
    assert pc_zone == "America/New_York"
    assert beijing_now(lambda: datetime(2026, 12, 6, 20, 0, 5)) == datetime(2026, 12, 7, 9, 0, 5)
    daily = Schedule("daily", time(9, 0))
    now = beijing_now(lambda: datetime(2026, 12, 6, 20, 1))
    assert daily.runs_between(datetime(2026, 12, 6, 10, 0), now) == [datetime(2026, 12, 7, 9, 0)]
    # in summer (EDT, UTC-4) the same Beijing 09:00 is 21:00 the evening before
    assert beijing_now(lambda: datetime(2026, 7, 1, 21, 0)) == datetime(2026, 7, 2, 9, 0)


# ---- the dates of a date column --------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1990-05-17", (1990, 5, 17)),  # a date cell, as the importer stores it
        ("1990-05-17 08:30:00", (1990, 5, 17)),  # a date cell with a time
        ("1990/5/17", (1990, 5, 17)),
        ("1990年5月17日", (1990, 5, 17)),
        ("5月17日", (None, 5, 17)),
        ("19900517", (1990, 5, 17)),
        ("2月29日", (None, 2, 29)),
    ],
)
def test_each_excel_form_of_a_date_is_read(value, expected):
    found = datefield.parse_date(value)
    assert found is not None and (found.year, found.month, found.day) == expected


@pytest.mark.parametrize(
    "value", ["17/5/1990", "5/17", "32980", "1990-02-30", "2月30日", "明天", "", "19901317"]
)
def test_a_date_that_cannot_be_read_for_certain_is_none(value):
    assert datefield.parse_date(value) is None


def test_feb_29_falls_on_feb_28_in_a_year_without_one():
    leapling = datefield.FieldDate(1992, 2, 29)
    assert leapling.on(date(2027, 2, 28), yearly=True)
    assert not leapling.on(date(2028, 2, 28), yearly=True)
    assert leapling.on(date(2028, 2, 29), yearly=True)
    assert not leapling.on(date(2027, 3, 1), yearly=True)
    # a full date matches only itself; a date without a year never does
    assert datefield.FieldDate(2027, 3, 1).on(date(2027, 3, 1), yearly=False)
    assert not datefield.FieldDate(None, 3, 1).on(date(2027, 3, 1), yearly=False)


def test_a_date_cell_of_an_excel_file_is_read_after_import(env, tmp_path):
    path = tmp_path / "members.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["手机号码", "姓名", "生日"])
    ws.append(["13800138000", "张三", datetime(1990, 5, 17)])
    ws.append(["13800138001", "李四", "1990/5/17"])
    ws.append(["13800138002", "王五", "5月17日"])
    ws.append(["13800138003", "赵六", 19900517])
    ws.append(["13800138004", "钱七", "17/05/1990"])
    wb.save(path)
    import_file(env.db, path, "会员")
    acct = env.add("ipyy")
    rule = rules.add_rule(
        env.db, env.engine, _birthday_rule(env, acct), now=datetime(2027, 5, 1, 8, 0)
    )
    who = rules.audience(env.db, rule, datetime(2027, 5, 17, 9, 0))
    assert sorted(r.phone for r in who.recipients) == [
        "13800138000",
        "13800138001",
        "13800138002",
        "13800138003",
    ]
    assert [(u.phone, u.value, u.reason_en) for u in who.unreadable] == [
        ("13800138004", "17/05/1990", "unreadable date")
    ]


# ---- runs -------------------------------------------------------------------------------------
def _group(env, name: str, people: list[tuple[str, str, dict[str, str]]]) -> int:
    gid = create_group(env.db, name)
    for phone, who, fields in people:
        add_contact(env.db, gid, phone, who, fields)
    return gid


def _daily(acct: str, group: int, **kw) -> Rule:
    return Rule(
        name=kw.pop("name", "月度提醒"),
        account=acct,
        schedule=Schedule(kw.pop("schedule", "daily"), time(9, 0), **kw),
        text="{姓名}您好，本月账单已出。",
        group=group,
    )


def _birthday_rule(env, acct: str) -> Rule:
    gid = next(r[0] for r in env.db.read().execute("SELECT id FROM groups WHERE name='会员'"))
    return Rule(
        name="会员生日",
        account=acct,
        schedule=Schedule("date", time(9, 0)),
        text="{姓名}，生日快乐！",
        group=gid,
        date_field="生日",
    )


def _sent(sim) -> list[tuple[str, str]]:
    return sorted(
        (r.params["mobile"], r.params["content"])
        for r in sim.requests
        if r.params.get("action") == "send"
    )


def test_a_run_makes_one_job_that_the_simulator_receives_whoever_ticks(env):
    acct = env.add("ipyy")
    gid = _group(env, "客户", [("13800138000", "张三", {}), ("13800138001", "李四", {})])
    rule = rules.add_rule(env.db, env.engine, _daily(acct, gid), now=datetime(2026, 12, 7, 8, 0))
    assert rules.tick(env.engine, datetime(2026, 12, 7, 8, 59)) == []
    jobs = rules.tick(env.engine, datetime(2026, 12, 7, 9, 1))
    assert len(jobs) == 1
    # a second window, PC or service ticking the same minute finds the run made
    other = Engine(env.db, env.accounts, sleep=lambda s: None)
    assert rules.tick(other, datetime(2026, 12, 7, 9, 1)) == []
    assert rules.tick(env.engine, datetime(2026, 12, 7, 9, 1, 30)) == []
    s = env.engine.run_job(jobs[0], due=True)
    assert s.accepted == 2
    assert _sent(env.sim) == [
        ("13800138000", "张三您好，本月账单已出。"),
        ("13800138001", "李四您好，本月账单已出。"),
    ]
    note = env.db.read().execute("SELECT note FROM jobs WHERE id=?", (jobs[0],)).fetchone()[0]
    assert rules.rule_of_note(note) == "月度提醒"
    [run] = rules.runs(env.db, rule=rule.id)
    assert (run.state, run.job_id, run.due_at) == ("sent", jobs[0], datetime(2026, 12, 7, 9, 0))
    assert env.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 1


def test_a_rule_moved_later_the_same_day_does_not_send_that_day_again(env):
    """The 09:00 run went out; at 09:30 the rule is moved to 10:00: nobody gets a second text
    at 10:00; the next run is tomorrow at 10:00."""
    from dataclasses import replace

    acct = env.add("ipyy")
    gid = _group(env, "客户", [("13800138000", "张三", {})])
    rule = rules.add_rule(env.db, env.engine, _daily(acct, gid), now=datetime(2026, 12, 7, 8, 0))
    [job] = rules.tick(env.engine, datetime(2026, 12, 7, 9, 1))
    assert env.engine.run_job(job, due=True).accepted == 1
    moved = replace(rule, schedule=Schedule("daily", time(10, 0)))
    rules.update_rule(env.db, env.engine, moved, now=datetime(2026, 12, 7, 9, 30))
    assert rules.tick(env.engine, datetime(2026, 12, 7, 10, 1)) == []
    assert [r.due_at for r in rules.runs(env.db, rule=rule.id)] == [datetime(2026, 12, 7, 9, 0)]
    [tomorrow] = rules.tick(env.engine, datetime(2026, 12, 8, 10, 1))
    env.engine.run_job(tomorrow, due=True)
    assert len(_sent(env.sim)) == 2  # one a day
    # moved earlier the same day (09:00 → 08:00 after the 09:00 run): no run either, no miss
    earlier = replace(moved, schedule=Schedule("daily", time(8, 0)))
    rules.update_rule(env.db, env.engine, earlier, now=datetime(2026, 12, 8, 11, 0))
    assert rules.tick(env.engine, datetime(2026, 12, 8, 23, 59)) == []
    assert [r.state for r in rules.runs(env.db, rule=rule.id)] == ["sent", "sent"]


def test_the_pc_off_over_two_runs_gives_two_misses_and_sends_nothing_late(env):
    acct = env.add("ipyy")
    gid = _group(env, "客户", [("13800138000", "张三", {})])
    rule = rules.add_rule(env.db, env.engine, _daily(acct, gid), now=datetime(2026, 12, 7, 8, 0))
    # nothing ran on Dec 7 and Dec 8 at 09:00; the PC starts on Dec 8 at 12:00
    assert rules.tick(env.engine, datetime(2026, 12, 8, 12, 0)) == []
    missed = rules.missed_runs(env.db)
    assert [(m.rule_name, m.due_at) for m in missed] == [
        ("月度提醒", datetime(2026, 12, 7, 9, 0)),
        ("月度提醒", datetime(2026, 12, 8, 9, 0)),
    ]
    assert rules.tick(env.engine, datetime(2026, 12, 8, 12, 1)) == []  # recorded once
    assert len(rules.runs(env.db, rule=rule.id)) == 2
    assert _sent(env.sim) == []
    assert env.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0
    # the person sends the older one now and skips the other: one send, decided once
    job = rules.send_missed(env.engine, missed[0].id)
    assert job is not None
    # a missed run the person sends is theirs: a later tick neither resends nor cancels it
    assert rules.tick(env.engine, datetime(2026, 12, 8, 12, 30)) == []
    assert env.engine.summary(job).state == "queued"
    assert env.engine.run_job(job).accepted == 1
    rules.skip_missed(env.engine, missed[1].id)
    with pytest.raises(InputError, match="not a missed run"):
        rules.send_missed(env.engine, missed[1].id)
    assert rules.missed_runs(env.db) == []
    assert _sent(env.sim) == [("13800138000", "张三您好，本月账单已出。")]
    assert [r.state for r in rules.runs(env.db, rule=rule.id)] == ["skipped", "sent"]


def test_a_job_made_but_never_started_is_sent_within_the_grace_and_missed_after(env):
    acct = env.add("ipyy")
    gid = _group(env, "客户", [("13800138000", "张三", {})])
    rules.add_rule(env.db, env.engine, _daily(acct, gid), now=datetime(2026, 12, 7, 8, 0))
    [job] = rules.tick(env.engine, datetime(2026, 12, 7, 9, 0, 30))  # its maker then stopped
    assert rules.tick(env.engine, datetime(2026, 12, 7, 9, 0, 40)) == []  # its maker's to send
    assert rules.tick(env.engine, datetime(2026, 12, 7, 9, 2)) == [job]  # taken over
    assert rules.tick(env.engine, datetime(2026, 12, 7, 9, 30)) == []  # too late: missed
    assert env.engine.summary(job).state == "cancelled"
    [missed] = rules.missed_runs(env.db)
    assert missed.job_id == job and "cancelled" in missed.detail
    assert _sent(env.sim) == []


def test_a_paused_rule_neither_sends_nor_misses_and_resumes_afresh(env):
    acct = env.add("ipyy")
    gid = _group(env, "客户", [("13800138000", "张三", {})])
    rule = rules.add_rule(env.db, env.engine, _daily(acct, gid), now=datetime(2026, 12, 7, 8, 0))
    rules.set_enabled(env.db, rule.name, False)
    assert rules.tick(env.engine, datetime(2026, 12, 9, 9, 1)) == []
    rules.set_enabled(env.db, rule.name, True, now=datetime(2026, 12, 9, 9, 2))
    assert rules.tick(env.engine, datetime(2026, 12, 9, 10, 0)) == []
    assert rules.runs(env.db) == []
    assert len(rules.tick(env.engine, datetime(2026, 12, 10, 9, 0))) == 1
    rules.delete_rule(env.db, rule.id)
    assert rules.rules(env.db) == [] and rules.runs(env.db) == []


def test_a_date_rule_sends_to_the_birthdays_of_its_day_n_days_before(env):
    acct = env.add("ipyy")
    _group(
        env,
        "会员",
        [
            ("13800138000", "张三", {"生日": "1990-12-10"}),
            ("13800138001", "李四", {"生日": "12月11日"}),
            ("13800138002", "王五", {"生日": "不详"}),
        ],
    )
    rule = _birthday_rule(env, acct)
    rule.days_before = 3
    rule = rules.add_rule(env.db, env.engine, rule, now=datetime(2026, 12, 7, 8, 0))
    [job] = rules.tick(env.engine, datetime(2026, 12, 7, 9, 0))  # Dec 10 is in 3 days
    env.engine.run_job(job)
    assert _sent(env.sim) == [("13800138000", "张三，生日快乐！")]
    # Dec 8 is for Dec 11 (a birthday without a year); Dec 9 for Dec 12: nobody, no job
    [job] = rules.tick(env.engine, datetime(2026, 12, 8, 9, 0))
    env.engine.run_job(job)
    assert rules.tick(env.engine, datetime(2026, 12, 9, 9, 0)) == []
    assert ("13800138001", "李四，生日快乐！") in _sent(env.sim)
    states = [(r.due_at.day, r.state) for r in rules.runs(env.db, rule=rule.id)]
    assert states == [(9, "empty"), (8, "sent"), (7, "sent")]
    assert env.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 2


def test_the_preview_lists_the_next_seven_days_and_states_the_feb_29_rule(env):
    acct = env.add("ipyy")
    _group(
        env,
        "会员",
        [
            ("13800138000", "张三", {"生日": "1992-02-29"}),
            ("13800138001", "李四", {"生日": "3月2日"}),
            ("13800138002", "王五", {"生日": "92/2/29"}),
        ],
    )
    rule = rules.add_rule(
        env.db, env.engine, _birthday_rule(env, acct), now=datetime(2027, 2, 25, 8, 0)
    )
    p = rules.preview(env.db, rule, datetime(2027, 2, 25, 10, 0))
    who = {r.due_at.date().isoformat(): [x.name for x in r.recipients] for r in p.runs}
    assert len(p.runs) == 7  # Feb 26 … Mar 4 at 09:00 (today's run has passed)
    assert who["2027-02-28"] == ["张三"]  # 2027 has no Feb 29
    assert who["2027-03-02"] == ["李四"]
    assert [u.name for u in p.unreadable] == ["王五"]
    assert any("Feb 28" in en for _, en in p.notes) and any("2月28日" in zh for zh, _ in p.notes)
    # a recurring rule: its next runs, with its recipients as they are now
    gid = _group(env, "客户", [("13800138009", "周九", {})])
    monthly = rules.add_rule(
        env.db,
        env.engine,
        _daily(acct, gid, name="月末", schedule="monthly", month_day="last"),
        now=datetime(2027, 1, 30),
    )
    p = rules.preview(env.db, monthly, datetime(2027, 1, 30))
    assert [r.due_at.date().isoformat() for r in p.runs][:2] == ["2027-01-31", "2027-02-28"]
    assert all(len(r.recipients) == 1 for r in p.runs)


def test_a_saved_filter_is_read_at_each_run_and_a_refused_send_is_a_failed_run(env):
    acct = env.add("ipyy")
    gid = _group(env, "客户", [("13800138000", "张三", {"等级": "金卡"})])
    rule = _daily(acct, gid)
    rule.filter = RecipientFilter(search="金卡")
    rules.add_rule(env.db, env.engine, rule, now=datetime(2026, 12, 7, 8, 0))
    add_contact(env.db, gid, "13800138001", "李四", {"等级": "金卡"})  # joins after the rule
    add_contact(env.db, gid, "13800138002", "王五", {"等级": "银卡"})
    [job] = rules.tick(env.engine, datetime(2026, 12, 7, 9, 0))
    env.engine.run_job(job)
    assert [p for p, _ in _sent(env.sim)] == ["13800138000", "13800138001"]
    # every number blacklisted: the send path refuses, the run says why
    with env.db.write() as c:
        c.execute("INSERT INTO blacklist(phone, reason) VALUES('13800138000', 't')")
        c.execute("INSERT INTO blacklist(phone, reason) VALUES('13800138001', 't')")
    assert rules.tick(env.engine, datetime(2026, 12, 8, 9, 0)) == []
    last = rules.runs(env.db, limit=1)[0]
    assert last.state == RunState.FAILED and last.detail


def test_a_rule_is_checked_before_it_is_stored(env):
    acct = env.add("ipyy")
    gid = _group(env, "客户", [])
    with pytest.raises(InputError, match="one of them"):
        rules.add_rule(
            env.db, env.engine, Rule("x", acct, Schedule("daily", time(9, 0)), group=gid)
        )
    with pytest.raises(InputError, match="date column"):
        rules.add_rule(
            env.db,
            env.engine,
            Rule("x", acct, Schedule("date", time(9, 0)), text="hi", group=gid),
        )
    rules.add_rule(env.db, env.engine, _daily(acct, gid, name="a"))
    with pytest.raises(InputError, match="exists already"):
        rules.add_rule(env.db, env.engine, _daily(acct, gid, name="a"))


def test_a_live_service_makes_and_sends_the_run_and_the_window_leaves_it(env, home):
    acct = env.add("ipyy")
    gid = _group(env, "客户", [("13800138000", "张三", {})])
    core = open_core(home, accounts=env.accounts)
    window = open_core(home, accounts=env.accounts)  # the window's own core on the same store
    rules.add_rule(env.db, env.engine, _daily(acct, gid), now=beijing_now() - timedelta(days=1))
    with env.db.write() as c:  # due 10 s ago
        due = (beijing_now() - timedelta(seconds=10)).strftime("%H:%M:%S")
        c.execute("UPDATE automation_rules SET at_time=?", (due[:5],))
    service = Service(core, heartbeat=0.2)
    service.start()
    try:
        tick = window_tick(window)
        assert Duty.AUTOMATION in tick.left and tick.due == []
        assert rules.runs(env.db) == []  # the window made nothing
        service.tick()
        deadline = time_mod.monotonic() + 10
        while _sent(env.sim) == [] and time_mod.monotonic() < deadline:
            time_mod.sleep(0.05)
    finally:
        service.stop()
    assert _sent(env.sim) == [("13800138000", "张三您好，本月账单已出。")]
    assert [r.state for r in rules.runs(env.db)] == ["sent"]


def test_the_automation_duty_runs_in_the_windows_and_the_services_ticks(env, home):
    acct = env.add("ipyy")
    gid = _group(env, "客户", [("13800138000", "张三", {})])
    core = open_core(home, accounts=env.accounts)
    # the PC's clock: 09:00:20 Beijing time today (whatever the PC's zone)
    now_bj = beijing_now().replace(hour=9, minute=0, second=20)
    from sms_desktop.core.vendortime import from_beijing

    local = from_beijing(now_bj)
    core.engine.clock = lambda: local
    rules.add_rule(env.db, env.engine, _daily(acct, gid), now=now_bj.replace(hour=8))
    assert Duty.AUTOMATION in Duty.WINDOW and Duty.AUTOMATION in Duty.SERVICE
    tick = run_duties(core, [Duty.AUTOMATION])
    assert len(tick.due) == 1
    assert run_duties(core, [Duty.AUTOMATION]).due == []

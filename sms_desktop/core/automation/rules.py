"""Automation rules: recurring sends and date-field sends (会员生日, 合同到期), their runs, and the
runs missed while nothing was up.

**A rule** (:class:`Rule`) is a saved send: an account, a kind (通知 or 营销), a text or a saved
template (``{列名}`` placeholders filled from each contact), its recipients (a contact group, or
every group, narrowed by a saved filter: a search, a carrier, a province; read at each run),
and when it runs (:class:`~.schedule.Schedule`, Beijing time). A date-field rule reads a date
column of the group (:mod:`.datefield`) and sends, each day at its time, to the contacts whose
date falls ``days_before`` days later: by month and day (``yearly``: a birthday; Feb 29 on Feb
28 in other years) or by the full date (a contract's end). A rule is enabled or paused;
deleted, it is gone (the jobs it made stay in 发送记录).

**A run** is one due time of a rule, recorded once in the store (``automation_runs``, unique
per rule and due time): whichever window or service ticks first makes it, the others find it
made. A run due now (within :data:`GRACE`) makes a job through the same path as any send
(:func:`~sms_desktop.core.jobs.compose.build`, then ``Engine.create_job``: validation,
blacklist, caps, marketing window, journal), in the same transaction as its record, so the
job exists exactly when the run does. The job carries the rule's name (its note:
:func:`job_note`); the caller sends it (:func:`tick` returns it).

**Missed runs.** A run found due longer ago than :data:`GRACE` (nothing was up then) is not
sent late: it is recorded as missed, and waits for a person: :func:`send_missed` (send it now,
to the recipients it would have had) or :func:`skip_missed`. A run whose job was made but never
started (its maker stopped right after) is sent while within the grace, and missed after it.
Runs due while a rule was paused are neither sent nor missed (resuming starts afresh).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from ..contacts.queries import ContactSelection, recipients_from_selection
from ..contacts.recipients import Recipient
from ..errors import InputError
from ..guard import JobKind
from ..jobs import compose
from ..jobs.model import JobState, job_stamp
from ..store import Database, IntegrityError
from ..store import automation_rules as store
from ..vendortime import from_beijing
from . import datefield
from .schedule import DATE, Schedule, beijing_now, fmt, parse, parse_clock

if TYPE_CHECKING:
    from ..jobs.engine import Engine

log = logging.getLogger(__name__)

# a run found due longer ago than this was missed (nothing was up at its time): not sent late
# (longer than the 5 minutes between the runs of `run-due` that Windows Task Scheduler makes)
GRACE = timedelta(minutes=10)
# a run's job made but not started this long after it was made is sent by whoever ticks next
# (its maker stopped before sending it); sooner, its maker is still about to send it
RESTART_AFTER = timedelta(minutes=1)
PREVIEW_DAYS = 7  # a date rule's preview: who gets it in the next 7 days
PREVIEW_RUNS = 5  # a recurring rule's preview: its next 5 runs
NOTE_PREFIX = "自动化："  # a job made by a rule: its note names the rule


class RuleState:
    ENABLED = "enabled"
    PAUSED = "paused"


class RunState:
    SENT = "sent"  # its job was made (发送记录)
    EMPTY = "empty"  # no recipient that day (no birthday): nothing to send
    FAILED = "failed"  # its job could not be made (detail: why)
    MISSED = "missed"  # due while nothing ran: waits for a person
    SKIPPED = "skipped"  # a missed run the person chose not to send

    ALL = (SENT, EMPTY, FAILED, MISSED, SKIPPED)


RUN_STATE_ZH = {
    RunState.SENT: "已发出",
    RunState.EMPTY: "无收件人",
    RunState.FAILED: "失败",
    RunState.MISSED: "错过",
    RunState.SKIPPED: "已跳过",
}


def job_note(rule_name: str) -> str:
    """The note of a job a rule made: the rule's name, as 发送记录 shows it."""
    return f"{NOTE_PREFIX}{rule_name}"


def rule_of_note(note: str | None) -> str | None:
    """The name of the rule that made a job (from its note), or None."""
    if note and note.startswith(NOTE_PREFIX):
        return note[len(NOTE_PREFIX) :]
    return None


@dataclass(frozen=True)
class RecipientFilter:
    """A saved filter over the contacts (read at each run): a search, a carrier, a province."""

    search: str = ""
    carrier: str = ""
    province: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {k: v for k, v in self.__dict__.items() if v}, ensure_ascii=False, sort_keys=True
        )

    @staticmethod
    def from_json(text: str | None) -> RecipientFilter:
        data = json.loads(text or "{}")
        return RecipientFilter(
            str(data.get("search", "")), str(data.get("carrier", "")), str(data.get("province", ""))
        )

    def __bool__(self) -> bool:
        return bool(self.search or self.carrier or self.province)


@dataclass
class Rule:
    name: str
    account: str
    schedule: Schedule
    text: str = ""
    template: str = ""  # a saved template's name (its text is read at each run)
    kind: str = JobKind.NOTICE
    group: int | None = None  # a contact group's id; None: every group
    filter: RecipientFilter = field(default_factory=RecipientFilter)
    date_field: str = ""  # a date rule: the column (生日, 到期日)
    yearly: bool = True  # a date rule: month and day (a birthday), else the full date
    days_before: int = 0
    state: str = RuleState.ENABLED
    id: int | None = None
    since: datetime | None = None  # Beijing: runs due after it count
    group_name: str = ""  # shown, not stored

    @property
    def is_date_rule(self) -> bool:
        return self.schedule.kind == DATE

    def describe(self) -> tuple[str, str]:
        """When it runs, in Chinese and in English: the schedule, and for a date rule its
        column and how many days before (``生日 提前 1 天，每天 09:00（北京时间）``)."""
        zh, en = self.schedule.describe()
        if not self.is_date_rule:
            return zh, en
        how_zh = "月日" if self.yearly else "完整日期"
        how_en = "month and day" if self.yearly else "full date"
        when_zh = f"提前 {self.days_before} 天" if self.days_before else "当天"
        n = self.days_before
        when_en = f"{n} day{'s' if n > 1 else ''} before" if n else "on the day"
        return (
            f"{self.date_field}（按{how_zh}）{when_zh}，{zh}",
            f"{self.date_field} ({how_en}) {when_en}, {en}",
        )

    def to_dict(self) -> dict[str, Any]:
        s = self.schedule
        zh, en = self.describe()
        return {
            "id": self.id,
            "name": self.name,
            "account": self.account,
            "kind": self.kind,
            "text": self.text,
            "template": self.template,
            "group": self.group_name or None,
            "filter": {k: v for k, v in self.filter.__dict__.items() if v},
            "schedule": s.kind,
            "weekday": None if s.weekday is None else s.weekday + 1,
            "month_day": s.month_day,
            "at": s.at.strftime("%H:%M"),
            "end_date": s.end.isoformat() if s.end else None,
            "date_field": self.date_field or None,
            "yearly": self.yearly if self.is_date_rule else None,
            "days_before": self.days_before if self.is_date_rule else None,
            "state": self.state,
            "since": fmt(self.since) if self.since else None,
            "describe_zh": zh,
            "describe_en": en,
        }


# ---- rules in the store -----------------------------------------------------------------------
def _group_names(db: Database) -> dict[int, str]:
    return {int(r[0]): str(r[1]) for r in db.read().execute("SELECT id, name FROM groups")}


def _rule(r: Any, names: dict[int, str]) -> Rule:
    end = r["end_date"]
    return Rule(
        id=int(r["id"]),
        name=r["name"],
        account=r["account"],
        kind=r["kind"],
        text=r["text"],
        template=r["template"],
        group=None if r["group_id"] is None else int(r["group_id"]),
        group_name=names.get(int(r["group_id"]), "") if r["group_id"] is not None else "",
        filter=RecipientFilter.from_json(r["filter"]),
        schedule=Schedule(
            kind=r["schedule"],
            at=parse_clock(r["at_time"]),
            weekday=r["weekday"],
            month_day=r["month_day"],
            end=date.fromisoformat(end) if end else None,
        ),
        date_field=r["date_field"],
        yearly=bool(r["yearly"]),
        days_before=int(r["days_before"]),
        state=r["state"],
        since=parse(r["since"]),
    )


def rules(db: Database) -> list[Rule]:
    """Every rule, by name."""
    names = _group_names(db)
    return [_rule(r, names) for r in store.rules(db)]


def get_rule(db: Database, ref: int | str) -> Rule:
    """A rule by id or by name; InputError when there is none."""
    row = None
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        row = store.rule_by_id(db, int(ref))
    if row is None and isinstance(ref, str):
        row = store.rule_by_name(db, ref.strip())
    if row is None:
        raise InputError(f"没有这条自动化规则：{ref} / No such automation rule: {ref}")
    return _rule(row, _group_names(db))


def check(db: Database, engine: Engine, rule: Rule) -> Rule:
    """The rule, checked (InputError naming the first problem): a name, a known account, a kind,
    a text or a template (not both), a valid schedule, a group that exists, and for a date
    rule its group and date column."""
    name = rule.name.strip()
    if not name:
        raise InputError("规则名称不能为空。 / The rule needs a name.")
    engine.accounts.get(rule.account)  # InputError: no such account
    if rule.kind not in (JobKind.NOTICE, JobKind.MARKETING):
        raise InputError(
            f"类型只能是通知（notice）或营销（marketing）：{rule.kind} / The kind is notice or"
            f" marketing, not {rule.kind!r}"
        )
    if bool(rule.text.strip()) == bool(rule.template.strip()):
        raise InputError(
            "请填写短信内容或选择一个模板（二者选一）。 / Give a text or a template (one of them)."
        )
    if rule.template.strip():
        from .. import templates

        templates.get(db, rule.template.strip())  # InputError: no such template
    rule.schedule.check()
    if rule.group is not None:
        names = _group_names(db)
        if rule.group not in names:
            raise InputError(f"分组不存在：{rule.group} / No such group: {rule.group}")
    if rule.is_date_rule:
        if rule.group is None:
            raise InputError(
                "按日期发送须选择一个联系人分组。 / A date rule needs a contact group."
            )
        if not rule.date_field.strip():
            raise InputError(
                "按日期发送须指定日期列（如 生日、到期日）。 / A date rule needs its date column"
                " (such as 生日 or 到期日)."
            )
        if not 0 <= rule.days_before <= 366:
            raise InputError(
                "提前天数应在 0 到 366 之间。 / Days before must be between 0 and 366."
            )
    return replace(rule, name=name, text=rule.text.strip(), template=rule.template.strip())


def _values(rule: Rule) -> dict[str, Any]:
    s = rule.schedule
    return {
        "name": rule.name,
        "account": rule.account,
        "kind": rule.kind,
        "text": rule.text,
        "template": rule.template,
        "group_id": rule.group,
        "filter": rule.filter.to_json(),
        "schedule": s.kind,
        "weekday": s.weekday,
        "month_day": s.month_day,
        "at_time": s.at.strftime("%H:%M"),
        "end_date": s.end.isoformat() if s.end else None,
        "date_field": rule.date_field.strip(),
        "yearly": int(rule.yearly),
        "days_before": rule.days_before,
    }


def _taken(name: str) -> InputError:
    return InputError(f"已有同名的自动化规则：{name} / A rule named {name!r} exists already.")


def add_rule(db: Database, engine: Engine, rule: Rule, *, now: datetime | None = None) -> Rule:
    """Store a new rule (checked first); its runs count from now (Beijing ``now``)."""
    rule = check(db, engine, rule)
    since = now or beijing_now(engine.clock)
    stamp = job_stamp()
    values = {
        **_values(rule),
        "state": rule.state,
        "since": fmt(since),
        "created_at": stamp,
        "updated_at": stamp,
    }
    try:
        with db.write() as c:
            rule_id = store.insert_rule(c, values)
    except IntegrityError:
        raise _taken(rule.name) from None
    return get_rule(db, rule_id)


def update_rule(db: Database, engine: Engine, rule: Rule, *, now: datetime | None = None) -> Rule:
    """Change a stored rule (``rule.id``); its runs count afresh from now (a time moved earlier
    today is not a miss)."""
    if rule.id is None:
        raise InputError("规则尚未保存。 / The rule is not stored.")
    rule_id = rule.id
    rule = check(db, engine, rule)
    values = {
        **_values(rule),
        "since": fmt(now or beijing_now(engine.clock)),
        "updated_at": job_stamp(),
    }
    try:
        with db.write() as c:
            changed = store.update_rule(c, rule_id, values)
    except IntegrityError:
        raise _taken(rule.name) from None
    if not changed:
        raise InputError(f"没有这条自动化规则：{rule_id} / No such automation rule: {rule_id}")
    return get_rule(db, rule_id)


def set_enabled(
    db: Database, ref: int | str, enabled: bool, *, now: datetime | None = None
) -> Rule:
    """Pause a rule, or resume it (its runs count afresh from now: those due while it was
    paused are neither sent nor missed)."""
    rule = get_rule(db, ref)
    assert rule.id is not None
    values: dict[str, Any] = {
        "state": RuleState.ENABLED if enabled else RuleState.PAUSED,
        "updated_at": job_stamp(),
    }
    if enabled and rule.state != RuleState.ENABLED:
        values["since"] = fmt(now or beijing_now())
    with db.write() as c:
        store.update_rule(c, rule.id, values)
    return get_rule(db, rule.id)


def delete_rule(db: Database, ref: int | str) -> Rule:
    """Delete a rule and its runs' records (the jobs it made stay in 发送记录)."""
    rule = get_rule(db, ref)
    assert rule.id is not None
    with db.write() as c:
        store.delete_rule(c, rule.id)
    return rule


# ---- who gets a run ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Unreadable:
    """A contact whose date could not be read for a rule: listed, never guessed."""

    phone: str
    name: str
    value: str
    reason_zh: str
    reason_en: str

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


@dataclass
class Audience:
    recipients: list[Recipient]
    unreadable: list[Unreadable] = field(default_factory=list)


def _contacts(db: Database, rule: Rule) -> list[Recipient]:
    f = rule.filter
    sel = ContactSelection(
        group=rule.group,
        search=f.search or None,
        carrier=f.carrier or None,
        province=f.province or None,
    )
    out: list[Recipient] = recipients_from_selection(db, sel)
    return out


def target_day(rule: Rule, due: datetime) -> date:
    """The date a date rule's run at ``due`` looks for (``days_before`` days after it)."""
    return due.date() + timedelta(days=rule.days_before)


def audience(db: Database, rule: Rule, due: datetime) -> Audience:
    """Who the run of ``rule`` due at ``due`` (Beijing) goes to, read now: the group (or every
    group) through the saved filter; for a date rule only those whose date falls on its target
    day, and the contacts whose date could not be read."""
    everyone = _contacts(db, rule)
    if not rule.is_date_rule:
        return Audience(everyone)
    day = target_day(rule, due)
    out = Audience([])
    for r in everyone:
        value = str(r.fields.get(rule.date_field, "") or "")
        why = datefield.unreadable_reason(value, rule.yearly)
        if why is not None:
            out.unreadable.append(Unreadable(r.phone, r.name, value, *why))
            continue
        found = datefield.parse_date(value)
        if found is not None and found.on(day, rule.yearly):
            out.recipients.append(r)
    return out


def draft(db: Database, rule: Rule, recipients: Sequence[Recipient]) -> compose.Draft:
    """The send a run makes, as any send is drafted (the template's text read now)."""
    text = rule.text
    if rule.template:
        from .. import templates

        text = templates.get(db, rule.template).text
    return compose.Draft(
        account=rule.account,
        text=text,
        rows=list(recipients),
        kind=rule.kind,
        note=job_note(rule.name),
    )


# ---- the runs ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    id: int
    rule_id: int
    rule_name: str
    due_at: datetime  # Beijing
    state: str
    job_id: int | None
    detail: str
    decided_at: str | None

    @property
    def due_local(self) -> datetime | None:
        """The due time on the PC's clock (None where the PC cannot convert it)."""
        return from_beijing(self.due_at)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule_id": self.rule_id,
            "rule": self.rule_name,
            "due_at": fmt(self.due_at),
            "state": self.state,
            "job_id": self.job_id,
            "detail": self.detail,
            "decided_at": self.decided_at,
        }


def _run(r: Any) -> Run:
    return Run(
        id=int(r["id"]),
        rule_id=int(r["rule_id"]),
        rule_name=r["rule_name"],
        due_at=parse(r["due_at"]),
        state=r["state"],
        job_id=None if r["job_id"] is None else int(r["job_id"]),
        detail=r["detail"],
        decided_at=r["decided_at"],
    )


def runs(
    db: Database,
    *,
    states: Sequence[str] | None = None,
    rule: int | None = None,
    limit: int | None = None,
) -> list[Run]:
    """Runs, newest due first."""
    return [_run(r) for r in store.runs(db, states=states, rule_id=rule, limit=limit)]


def missed_runs(db: Database) -> list[Run]:
    """The missed runs waiting for a person's decision, oldest first."""
    return sorted(runs(db, states=[RunState.MISSED]), key=lambda r: (r.due_at, r.id))


def last_runs(db: Database) -> dict[int, Run]:
    """Each rule's latest run, by rule id."""
    return {int(r["rule_id"]): _run(r) for r in store.latest_runs(db)}


def _make(engine: Engine, c: Any, run_id: int, rule: Rule, due: datetime) -> int | None:
    """In the run's write transaction: its job, made through the send path, or the run marked
    empty or failed. The job's id, or None."""
    db = engine.db
    try:
        who = audience(db, rule, due)
        if not who.recipients:
            detail = "没有收件人 / no recipients"
            if who.unreadable:
                detail += f"（{len(who.unreadable)} 个日期无法识别 / unreadable dates）"
            store.set_run(c, run_id, RunState.EMPTY, detail=detail)
            return None
        spec = compose.build(engine.accounts, draft(db, rule, who.recipients))
        job_id = engine.create_job(spec)  # joins this transaction
    except InputError as exc:
        store.set_run(c, run_id, RunState.FAILED, detail=str(exc))
        log.warning("automation rule %s, run due %s: not sent: %s", rule.name, fmt(due), exc)
        return None
    store.set_run(c, run_id, RunState.SENT, job_id=job_id)
    log.info("automation rule %s, run due %s: job %s", rule.name, fmt(due), job_id)
    return job_id


def fire(engine: Engine, rule: Rule, due: datetime, now: datetime) -> int | None:
    """Make the run of ``rule`` due at ``due`` (Beijing), unless another process did: its job
    (for the caller to send), or None (made elsewhere, empty or failed). ``now``: Beijing."""
    assert rule.id is not None
    with engine.db.write() as c:
        run_id = store.insert_run(c, rule.id, fmt(due), RunState.SENT, fmt(now))
        if run_id is None:
            return None  # another window, PC or service made it
        return _make(engine, c, run_id, rule, due)


def record_missed(engine: Engine, rule: Rule, due: datetime, now: datetime) -> bool:
    """Record a run found too late as missed; False when it was recorded already."""
    assert rule.id is not None
    with engine.db.write() as c:
        made = store.insert_run(c, rule.id, fmt(due), RunState.MISSED, fmt(now))
    if made is not None:
        log.warning(
            "automation rule %s: the run due %s (Beijing time) was missed (nothing ran then);"
            " it waits for a decision (send now or skip)",
            rule.name,
            fmt(due),
        )
    return made is not None


def due_runs(db: Database, rule: Rule, now: datetime) -> list[datetime]:
    """The run times of ``rule`` due by ``now`` (Beijing) and not recorded yet."""
    if rule.state != RuleState.ENABLED or rule.id is None or rule.since is None:
        return []
    last = store.last_due(db, rule.id)
    after = rule.since
    if last:
        # every schedule runs at most once a day: after a run (sent, missed or skipped), the
        # next is on a later day, even when the rule's time was moved later that same day (an
        # edit sets ``since`` to now; the 09:00 run moved to 10:00 must not send again at 10:00)
        after = max(after, datetime.combine(parse(last).date(), time.max))
    return rule.schedule.runs_between(after, now)


def tick(engine: Engine, now: datetime | None = None) -> list[int]:
    """One automation tick (the ``automation`` duty of :mod:`sms_desktop.core.service`): make
    the runs due (each exactly once, whoever else ticks), record the missed ones, and find the
    jobs made but never started. The jobs for the caller to send now."""
    now = now or beijing_now(engine.clock)
    out: list[int] = []
    for rule in rules(engine.db):
        try:
            for due in due_runs(engine.db, rule, now):
                if now - due > GRACE:
                    record_missed(engine, rule, due, now)
                    continue
                job_id = fire(engine, rule, due, now)
                if job_id is not None and engine.summary(job_id).state == JobState.QUEUED:
                    out.append(job_id)  # a marketing job outside its window is held instead
        except Exception:  # one rule's failure (the store busy …) leaves the others running
            log.exception("automation rule %s: tick failed", rule.name)
    for r in store.unsent_jobs(engine.db, JobState.QUEUED):
        due, made = parse(r["due_at"]), parse(r["created_at"])
        job_id = int(r["job_id"])
        if job_id in out or now - made < RESTART_AFTER:
            continue
        if now - due <= GRACE:
            out.append(job_id)  # its maker stopped before sending it: sent from here
            continue
        _miss_unsent(engine, int(r["id"]), job_id)
    return out


def tick_missed(engine: Engine, now: datetime | None = None) -> int:
    """Record the runs found too late as missed, and make nothing (a start-up, or ``automation
    missed`` while nothing else runs): how many were recorded now."""
    now = now or beijing_now(engine.clock)
    found = 0
    for rule in rules(engine.db):
        for due in due_runs(engine.db, rule, now):
            if now - due > GRACE:
                found += record_missed(engine, rule, due, now)
    return found


def _miss_unsent(engine: Engine, run_id: int, job_id: int) -> None:
    """A run whose job was made but never started, found after the grace: its job is
    cancelled and the run is missed (a person decides)."""
    try:
        engine.cancel(job_id)
    except InputError as exc:  # started meanwhile, elsewhere: it is being sent
        log.info("automation: job %s not cancelled: %s", job_id, exc)
        return
    with engine.db.write() as c:
        store.set_run(
            c,
            run_id,
            RunState.MISSED,
            detail=f"任务 {job_id} 未及时发出，已取消 / job {job_id} was not sent in time;"
            " cancelled",
            only_from=RunState.SENT,
        )


def _missed(db: Database, run_id: int) -> Run:
    row = store.run(db, run_id)
    if row is None:
        raise InputError(f"没有这次运行：{run_id} / No such run: {run_id}")
    run = _run(row)
    if run.state != RunState.MISSED:
        raise InputError(
            f"运行 {run_id} 不是待决定的错过运行（{run.state}）。 / Run {run_id} is not a missed"
            f" run waiting for a decision ({run.state})."
        )
    return run


def send_missed(engine: Engine, run_id: int) -> int | None:
    """A person chose to send a missed run now: its job (to the recipients the run would have
    had: a date rule's people of that day), for the caller to send; None when it had no
    recipient. Decided once: InputError when it is no longer missed. A refusal of the send
    (InputError) leaves the run missed."""
    run = _missed(engine.db, run_id)
    rule = get_rule(engine.db, run.rule_id)
    with engine.db.write() as c:
        if not store.set_run(
            c, run_id, RunState.SENT, decided_at=job_stamp(), only_from=RunState.MISSED
        ):
            raise InputError(
                f"运行 {run_id} 已有人决定。 / Someone decided about run {run_id} already."
            )
        who = audience(engine.db, rule, run.due_at)
        if not who.recipients:
            store.set_run(c, run_id, RunState.EMPTY, detail="没有收件人 / no recipients")
            return None
        spec = compose.build(engine.accounts, draft(engine.db, rule, who.recipients))
        job_id = engine.create_job(spec)  # a refusal rolls the decision back
        store.set_run(
            c, run_id, RunState.SENT, job_id=job_id, detail="补发 / sent late by a person"
        )
    return job_id


def skip_missed(engine: Engine, run_id: int) -> Run:
    """A person chose not to send a missed run."""
    _missed(engine.db, run_id)
    with engine.db.write() as c:
        if not store.set_run(
            c, run_id, RunState.SKIPPED, decided_at=job_stamp(), only_from=RunState.MISSED
        ):
            raise InputError(
                f"运行 {run_id} 已有人决定。 / Someone decided about run {run_id} already."
            )
    return _run(store.run(engine.db, run_id))


# ---- what a rule will do ----------------------------------------------------------------------
@dataclass
class PreviewRun:
    due_at: datetime  # Beijing
    recipients: list[Recipient]
    target: date | None = None  # a date rule: the date it looks for

    def to_dict(self, date_field: str = "") -> dict[str, Any]:
        return {
            "due_at": fmt(self.due_at),
            "target": self.target.isoformat() if self.target else None,
            "count": len(self.recipients),
            "recipients": [
                {
                    "phone": r.phone,
                    "name": r.name,
                    **({date_field: r.fields.get(date_field)} if date_field else {}),
                }
                for r in self.recipients
            ],
        }


@dataclass
class Preview:
    rule: Rule
    runs: list[PreviewRun]
    unreadable: list[Unreadable]
    notes: list[tuple[str, str]]  # (Chinese, English)

    def to_dict(self) -> dict[str, Any]:
        field_name = self.rule.date_field if self.rule.is_date_rule else ""
        return {
            "rule": self.rule.to_dict(),
            "runs": [r.to_dict(field_name) for r in self.runs],
            "unreadable": [u.to_dict() for u in self.unreadable],
            "notes_zh": [n[0] for n in self.notes],
            "notes_en": [n[1] for n in self.notes],
        }


def preview(db: Database, rule: Rule, now: datetime | None = None) -> Preview:
    """What ``rule`` would do from ``now`` (Beijing): a date rule, its runs of the next
    :data:`PREVIEW_DAYS` days with who would get each (and the contacts whose date cannot be
    read); a recurring rule, its next :data:`PREVIEW_RUNS` runs with its recipients as they
    are now. Nothing is stored or sent."""
    now = now or beijing_now()
    notes: list[tuple[str, str]] = [rule.describe()]
    out: list[PreviewRun] = []
    unreadable: list[Unreadable] = []
    if rule.is_date_rule:
        until = now + timedelta(days=PREVIEW_DAYS)
        everyone = audience(db, rule, now)  # the unreadable dates, once
        unreadable = everyone.unreadable
        for due in rule.schedule.runs_between(now, until):
            out.append(PreviewRun(due, audience(db, rule, due).recipients, target_day(rule, due)))
        if rule.yearly:
            notes.append((datefield.FEB29_ZH, datefield.FEB29_EN))
        else:
            notes.append(
                (
                    "按完整日期（含年份）匹配，无年份的日期不发送。",
                    "Matched on the full date (with its year); a date without a year is not sent.",
                )
            )
    else:
        recipients = _contacts(db, rule)
        for due in list(rule.schedule.runs_after(now))[:PREVIEW_RUNS]:
            out.append(PreviewRun(due, recipients))
    return Preview(rule, out, unreadable, notes)


# ---- the rules with their next run and last result (the lists) --------------------------------
@dataclass
class RuleStatus:
    rule: Rule
    next_run: datetime | None  # Beijing; None: paused or past its end
    last: Run | None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.rule.to_dict(),
            "next_run": fmt(self.next_run) if self.next_run else None,
            "last_run": self.last.to_dict() if self.last else None,
        }


def overview(db: Database, now: datetime | None = None) -> list[RuleStatus]:
    """Every rule with its next run and its latest run."""
    now = now or beijing_now()
    last = last_runs(db)
    out = []
    for rule in rules(db):
        nxt = rule.schedule.next_run(now) if rule.state == RuleState.ENABLED else None
        out.append(RuleStatus(rule, nxt, last.get(rule.id or -1)))
    return out

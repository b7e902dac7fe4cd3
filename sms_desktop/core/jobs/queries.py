"""The jobs' read side: a job's counts, summaries and results, the held and due jobs, and the
recipients of an earlier job for a new one. Nothing here writes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from ..carriers import lookup
from ..contacts.recipients import Recipient, SkipReason
from ..errors import InputError
from ..identity import Identity, of
from ..store import Database, Row
from ..store import jobs as store_jobs
from ..store import messages as store_messages
from .model import (
    JobAction,
    JobSpec,
    JobState,
    JobSummary,
    MsgState,
    Progress,
    fmt_time,
    local_now,
)


def no_such_job(job_id: int) -> InputError:
    return InputError(f"没有编号为 {job_id} 的任务。 / No job {job_id}.")


def job_row(db: Database, job_id: int) -> Row:
    """Every column of the job; InputError when there is none."""
    row = store_jobs.row(db.read(), job_id)
    if row is None:
        raise no_such_job(job_id)
    return row


def counts(db: Database, job_id: int) -> dict[str, int]:
    """Recipients by state, from ``job_counts`` (kept by triggers on ``messages``)."""
    return store_messages.counts(db, job_id)


def progress(db: Database, job_id: int, event: str, detail: str = "") -> Progress:
    found = counts(db, job_id)
    total = sum(found.values())
    done = total - found.get(MsgState.QUEUED, 0) - found.get(MsgState.SENDING, 0)
    return Progress(job_id, total, done, found, event, detail)


def summaries(
    db: Database,
    *,
    job_ids: Sequence[int] | None = None,
    states: Sequence[str] | None = None,
    by_send_time: bool = False,
    limit: int | None = None,
    created_by: Identity | None = None,
) -> list[JobSummary]:
    """Jobs with their counts, in three queries whatever the number of jobs (``created_by``:
    only the jobs this user created on this PC).

    The counts come from ``job_counts`` (kept by triggers on ``messages``: a few rows per job
    however many recipients it has); only skipped rows are read to count the invalid numbers
    among them.
    """
    jobs = store_jobs.listing(
        db,
        job_ids=job_ids,
        states=states,
        by_send_time=by_send_time,
        limit=limit,
        created_by=created_by,
    )
    if not jobs:
        return []
    ids = [j["id"] for j in jobs]
    by_job: dict[int, dict[str, int]] = {i: {} for i in ids}
    for job_id, state, n in store_messages.counts_of_jobs(db, ids):
        by_job[job_id][state] = n
    invalid = store_messages.count_with_code(db, ids, MsgState.SKIPPED, SkipReason.INVALID)
    out = []
    for j in jobs:
        c = by_job[j["id"]]
        # in flight while the job runs; left so by a run that ended, their outcome is unknown
        sending = c.get(MsgState.SENDING, 0)
        in_flight = sending if j["state"] == JobState.RUNNING else 0
        out.append(
            JobSummary(
                job_id=j["id"],
                account=j["account"],
                state=j["state"],
                recipients=sum(c.values()),
                accepted=sum(c.get(s, 0) for s in MsgState.ACCEPTED_LIKE),
                rejected=c.get(MsgState.REJECTED, 0),
                unknown=c.get(MsgState.UNKNOWN, 0) + sending - in_flight,
                sending=in_flight,
                skipped=c.get(MsgState.SKIPPED, 0),
                queued=c.get(MsgState.QUEUED, 0),
                created_at=j["created_at"],
                invalid=invalid.get(j["id"], 0),
                send_at=j["send_at"],
                error=j["error"],
                undelivered=c.get(MsgState.UNDELIVERED, 0),
                kind=j["kind"],
                test=bool(j["is_test"]),
                ignore_window=bool(j["ignore_window"]),
                held_for=j["held_for"],
                by_server=bool(j["by_server"]),
                delivered=c.get(MsgState.DELIVERED, 0),
                needs_decision=bool(j["needs_decision"]),
                created_by=of(j["created_by_user"], j["created_by_pc"]),
                started=_action(j, "started"),
                paused=_action(j, "paused"),
                cancelled=_action(j, "cancelled"),
            )
        )
    return out


def _action(job: Row, action: str) -> JobAction | None:
    by = of(job[f"{action}_by_user"], job[f"{action}_by_pc"])
    return None if by is None else JobAction(by, job[f"{action}_at"])


def summary(db: Database, job_id: int) -> JobSummary:
    found = summaries(db, job_ids=[job_id])
    if not found:
        raise no_such_job(job_id)
    return found[0]


def jobs(
    db: Database, limit: int | None = 200, created_by: Identity | None = None
) -> list[JobSummary]:
    """The newest jobs (all of them when ``limit`` is None) with their counts and outcome;
    ``created_by``: only those this user created on this PC."""
    return summaries(db, limit=limit, created_by=created_by)


def held_jobs(db: Database) -> list[JobSummary]:
    """Jobs held locally, and overdue ones, by send time."""
    return summaries(db, states=(JobState.HELD, JobState.OVERDUE), by_send_time=True)


def awaiting_decision(db: Database) -> list[int]:
    """Jobs interrupted by a crash that wait for a person's decision, oldest first."""
    return store_jobs.awaiting_decision(db)


def due_jobs(db: Database, at: datetime | None = None) -> list[int]:
    """Held jobs whose time has come (not overdue ones: those wait for confirmation), but not
    those handed to the service (:func:`server_jobs`)."""
    until = fmt_time(at or local_now())
    assert until is not None
    return store_jobs.due(db.read(), JobState.HELD, until)


def server_jobs(db: Database, at: datetime | None = None) -> list[int]:
    """Jobs handed to the service (由服务器发送) that it runs now: queued ones, those its own
    clean stop paused, held ones whose time has come, gateway-scheduled ones not handed to
    the gateway yet, and running ones (the claim takes those whose runner died over, and leaves
    the others). Not interrupted ones (an error stopped them: a user resumes them) nor overdue
    ones (they wait for confirmation)."""
    until = fmt_time(at or local_now())
    assert until is not None
    return store_jobs.for_service(
        db.read(),
        (JobState.QUEUED, JobState.PAUSED, JobState.RUNNING),
        JobState.HELD,
        until,
        JobState.SCHEDULED,
    )


def results(db: Database, job_id: int) -> list[dict[str, object]]:
    """Each recipient's phone, state, gateway id, code, message and account, in send order."""
    return store_messages.results(db, job_id)


def resend_spec(
    db: Database,
    job_id: int,
    states: Sequence[str] = (MsgState.REJECTED,),
    *,
    reason: str | None = None,
    carrier: str | None = None,
) -> JobSpec:
    """A new job's spec for the recipients of a job that ended in ``states`` (by default the
    rejected ones): same account, backup, text or template, extension, and each recipient's
    own fields. ``reason``: only those whose delivery report gave that code (the campaign
    report's reasons); ``carrier``: only those in that carrier's blocks (a carrier code, 号段归属;
    a number stored without one is looked up). Raises InputError when there is no such
    recipient. Nothing is sent here."""
    job = job_row(db, job_id)
    rows = store_messages.recipients_in_states(db, job_id, states, reason=reason)
    if carrier is not None:
        rows = [
            r
            for r in rows
            if (r["carrier"] if r["carrier"] is not None else lookup(r["phone"]).carrier) == carrier
        ]
    if not rows:
        which = "/".join(states) + (f", {reason}" if reason is not None else "")
        which += f", {carrier}" if carrier is not None else ""
        raise InputError(
            f"任务 {job_id} 没有{which}的号码。 / Job {job_id} has no {which} recipients."
        )
    return JobSpec(
        account=job["account"],
        text=job["text"],
        recipients=[
            Recipient(r["phone"], r["name"], json.loads(r["fields"] or "{}")) for r in rows
        ],
        backup_account=job["backup_account"],
        template_id=job["template_id"],
        template_vars=json.loads(job["template_vars"]) if job["template_vars"] else (),
        extno=job["extno"] or "",
        note=f"重发任务 {job_id} / resend of job {job_id}",
        kind=job["kind"],  # the kind the user confirmed for the job
        test=bool(job["is_test"]),
    )

"""The send engine's entry points: estimate, create, run, resume, cancel, recover, schedule.

The safety rules they keep are in the package's description (:mod:`sms_desktop.core.jobs`).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from ..accounts import AccountStore
from ..contacts.recipients import Recipient
from ..errors import InputError
from ..estimate import Estimate, Estimator
from ..gateways import Gateway
from ..guard import BatchGuard, JobKind, load_settings, window_of
from ..identity import Identity, current
from ..store import Connection, Database, Row
from ..store import jobs as store_jobs
from ..store import messages as store_messages
from . import compose, create, journal, lease, queries
from .journal import NOT_RECORDED
from .launch import Launcher
from .model import (
    CANCELLABLE,
    OVERDUE_GRACE,
    JobControl,
    JobSpec,
    JobState,
    JobSummary,
    MsgState,
    Progress,
    fmt_time,
    job_stamp,
    local_now,
    parse_time,
)
from .runner import GatewayPool, Limits

log = logging.getLogger(__name__)


class Engine:
    def __init__(
        self,
        db: Database,
        accounts: AccountStore,
        *,
        gateway_factory: Callable[[str], Gateway] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        """``clock``: the PC's local time now, for the compliance guard (the marketing window,
        the caps' days); tests give their own."""
        self.db = db
        self.accounts = accounts
        self.pool = GatewayPool(accounts, gateway_factory or accounts.gateway)
        self.clock = clock
        # runs jobs in this process (claims, leases, the runner, the end): launch.py
        # (the clock and the guard read through the engine: a test may set its own clock)
        self.launcher = Launcher(
            db,
            accounts,
            self.pool,
            lambda job: self.batch_guard(job),
            sleep,
            lambda: self.clock(),
        )

    @property
    def server(self) -> bool:
        """True in the office sender service (core/service.py): the one runner of the jobs
        handed to it (``by_server``); any other engine refuses to run them, and hands them
        back."""
        return self.launcher.server

    @server.setter
    def server(self, on: bool) -> None:
        self.launcher.server = on

    def account_limits(self, account: str) -> Limits:
        """The account's in-flight slots and rate limiter, shared by every job of this engine."""
        return self.pool.limits(account)

    def forget_account(self, name: str) -> None:
        """Drop the cached gateway and limits of an account, so that an edited account (URL,
        charset, concurrency, rate …) takes effect for the next job. A job already running keeps
        the ones it started with."""
        self.pool.forget(name)

    def gateway(self, account: str) -> Gateway:
        return self.pool.gateway(account)

    # ------------------------------------------------------------------ creating a job --------
    def estimate(self, spec: JobSpec, *, now: datetime | None = None) -> Estimate:
        """What ``create_job(spec)`` would do, without storing or sending anything
        (:func:`compose.estimate`): ``problems`` lists why it would be refused."""
        return compose.estimate(self.accounts, self.db, spec, now=now or self.clock())

    def estimator(self, account: str, recipients: Sequence[Recipient | str]) -> Estimator:
        """An :class:`Estimator` for a compose page (:func:`compose.estimator`)."""
        return compose.estimator(self.accounts, self.db, account, recipients)

    def create_job(
        self, spec: JobSpec, *, with_job: Callable[[Connection, int], None] | None = None
    ) -> int:
        """Validate everything, then journal the job and its recipients in one transaction.

        ``with_job(c, job_id)`` runs in that transaction once the job's rows are written (what
        made the job records it there, such as the HTTP API's idempotency key or an auto-reply's
        claim: a job exists exactly when its record does); an exception it raises rolls the job
        back and propagates.

        Raises InputError (nothing stored, nothing sent) for bad input: unknown account, empty
        text, a placeholder no recipient can fill (or, with ``EmptyFields.ERROR``, one without a
        value), text the charset cannot carry or too long, a time in the past, an extension
        number the family refuses, no valid recipient. The checks are those of :meth:`estimate`.
        """
        acct = self.accounts.get(spec.account)
        # the password must be there before a job this engine will send exists (one handed to
        # the service from another PC is sent with the service's own)
        if not spec.by_server or self.server:
            self.gateway(acct.name)
        est = self.estimate(spec)
        if est.problems:
            raise est.problems[0]
        return create.store_job(self.db, acct, spec, est, with_job)

    # ------------------------------------------------------------------ running a job ---------
    def run_job(
        self,
        job_id: int,
        *,
        progress: Callable[[Progress], None] | None = None,
        control: JobControl | None = None,
        release_held: bool = False,
        due: bool = False,
    ) -> JobSummary:
        """Send every queued recipient of the job, batch by batch, and return the summary.

        A HELD job runs only when ``release_held`` (its time has come, or the user confirmed an
        overdue job). A SCHEDULED job goes to the gateway now with the gateway's own time.
        ``due``: a scheduler releasing a job it found due; when another PC or service got to
        it first, it is left alone, without an error (exactly one releases it).
        """
        done = self.launcher.run(
            job_id, progress=progress, control=control, release_held=release_held, due=due
        )
        return done if done is not None else self.summary(job_id)

    def release_due(
        self,
        job_id: int,
        *,
        progress: Callable[[Progress], None] | None = None,
        control: JobControl | None = None,
    ) -> JobSummary | None:
        """Send a job a scheduler found due (its held time came, an automation run made it),
        when this process is the one to release it: None when another PC, window or the
        service released it first or runs it (exactly one does), so a caller never reports
        another one's send as its own."""
        return self.launcher.run(
            job_id, progress=progress, control=control, release_held=True, due=True
        )

    def batch_guard(self, job: Row) -> BatchGuard:
        """The compliance guard the runner asks at each batch: the account's marketing window
        (marketing jobs not overridden) and the frequency caps (every job but a test send), as
        they are set now."""
        test = bool(job["is_test"])
        marketing = job["kind"] == JobKind.MARKETING
        window = None
        if marketing and not test and not job["ignore_window"]:
            window = window_of(self.accounts.get(job["account"]))
        caps = None if test else load_settings(self.db).caps
        return BatchGuard(job["kind"], caps, window, self.clock)

    # ------------------------------------------------------------------ reading ---------------
    def counts(self, job_id: int) -> dict[str, int]:
        """Recipients by state, from ``job_counts`` (kept by triggers on ``messages``)."""
        return queries.counts(self.db, job_id)

    def summary(self, job_id: int) -> JobSummary:
        return queries.summary(self.db, job_id)

    def jobs(self, limit: int | None = 200, created_by: Identity | None = None) -> list[JobSummary]:
        """The newest jobs (all of them when ``limit`` is None) with their counts and outcome;
        ``created_by``: only the jobs this user created on this PC (``identity.current()``)."""
        return queries.jobs(self.db, limit, created_by)

    def results(self, job_id: int) -> list[dict[str, Any]]:
        return queries.results(self.db, job_id)

    def resend_spec(
        self,
        job_id: int,
        states: Sequence[str] = (MsgState.REJECTED,),
        *,
        reason: str | None = None,
        carrier: str | None = None,
    ) -> JobSpec:
        """A new job's spec for the recipients of a job that ended in ``states`` (by default the
        rejected ones), optionally only those of one report ``reason`` or ``carrier``: see
        :func:`queries.resend_spec`. Nothing is sent here."""
        return queries.resend_spec(self.db, job_id, states, reason=reason, carrier=carrier)

    # ------------------------------------------------------------------ after a crash ---------
    def recover(self) -> list[int]:
        """Jobs whose runner died: ``sending`` becomes ``unknown``; the job is interrupted.

        Each job recovered is flagged as waiting for a person's decision
        (:meth:`awaiting_decision`): whichever client opens the store first after a crash, every
        client announces the job until someone resumes it, cancels it or leaves it for later
        (:meth:`acknowledge`). Returns the ids of the jobs recovered this time (the jobs to
        announce are :meth:`awaiting_decision`'s). Never resends anything.
        """
        rows = [
            (r["id"], lease.Holder.of(r)) for r in store_jobs.runners(self.db, JobState.RUNNING)
        ]
        # Jobs no runner holds whose journal still has batches in flight: their outcome could
        # not be recorded (the store refused it), or an older version left them so.
        orphans = store_jobs.with_open_batches(self.db, JobState.RUNNING)
        if orphans:
            with self.db.write() as c:
                for job_id in orphans:
                    journal.settle_journal(c, job_id, NOT_RECORDED)
                    store_jobs.demote(c, job_id, JobState.DONE, JobState.INTERRUPTED, NOT_RECORDED)
                    store_jobs.flag_for_decision(c, job_id, JobState.INTERRUPTED)
        recovered: list[int] = list(orphans)
        dead: dict[int, lease.Runner] = {}
        me = lease.host_name()
        for job_id, holder in rows:
            if holder.runner.pid == os.getpid() and holder.runner.host in ("", me):
                if self.launcher.is_running(job_id):
                    continue  # running in this process right now
            elif holder.alive:
                continue  # another live process (on this PC or another) is sending it
            dead[job_id] = holder.runner
        if dead:
            with self.db.write() as c:
                for job_id, was in dead.items():
                    # settled only if the same runner still has it: another PC may have taken
                    # it over meanwhile (its row is locked from here to the commit)
                    job = store_jobs.lock(c, job_id)
                    if job is None or job["state"] != JobState.RUNNING:
                        continue
                    if lease.Holder.of(job).runner != was:
                        continue
                    journal.settle_dead_runner(c, job_id)
                    recovered.append(job_id)
                    store_jobs.flag_for_decision(c, job_id, JobState.INTERRUPTED)
        return recovered

    def awaiting_decision(self) -> list[int]:
        """Ids of the jobs interrupted by a crash that nobody has decided on yet (oldest first):
        what a client announces at its start, whoever ran :meth:`recover` first."""
        return queries.awaiting_decision(self.db)

    def acknowledge(self, job_id: int) -> bool:
        """A person chose to decide later about a job interrupted by a crash: it is no longer
        announced; it stays interrupted, and can be resumed or cancelled at any time. False when
        it was not waiting for a decision. Raises InputError when there is no such job."""
        with self.db.write() as c:
            if store_jobs.row(c, job_id) is None:
                raise queries.no_such_job(job_id)
            return store_jobs.clear_decision(c, job_id)

    def resume(
        self,
        job_id: int,
        *,
        resend_unknown: bool = False,
        progress: Callable[[Progress], None] | None = None,
        control: JobControl | None = None,
    ) -> JobSummary:
        """Send what is still queued. Unknown recipients are resent only when asked explicitly.

        A job handed to the service (``by_server``) is not sent here: it is queued for the
        service again (its state becomes ``queued``), which runs it at its next tick."""
        self.recover()
        job = queries.job_row(self.db, job_id)
        if job["state"] == JobState.CANCELLED:
            raise InputError(f"任务 {job_id} 已取消。 / Job {job_id} was cancelled.")
        send_at = parse_time(job["send_at"])
        if job["state"] == JobState.HELD and send_at and send_at > self.clock():
            raise InputError(
                f"任务 {job_id} 定时于 {job['send_at']} 发送，时间未到。"
                f" / Job {job_id} is held until {job['send_at']}; its time has not come."
            )
        by_server = bool(job["by_server"]) and not self.server
        state = job["state"]
        if by_server and state == JobState.RUNNING:
            raise InputError(
                f"任务 {job_id} 正由发送服务发送。 / Job {job_id} is being sent by the sender"
                " service."
            )
        if by_server and state not in RESUMABLE_BY_SERVICE and not resend_unknown:
            return self.summary(job_id)  # finished: nothing to hand back
        if not by_server:
            self.gateway(job["account"])  # the password must be there before anything changes
        with self.db.write() as c:
            store_jobs.clear_decision(c, job_id)  # resuming is the decision
            if resend_unknown:
                store_messages.requeue_unknown(
                    c,
                    job_id,
                    MsgState.UNKNOWN,
                    MsgState.QUEUED,
                    "用户选择重发 / resent by the user",
                )
            if by_server:  # handed back: the service runs it at its next tick
                store_jobs.hand_back(c, job_id, state, JobState.QUEUED)
        if by_server:
            return self.summary(job_id)
        return self.run_job(job_id, progress=progress, control=control, release_held=True)

    def cancel(self, job_id: int) -> None:
        """Cancel a job that has not finished: its queued recipients are skipped.

        Only queued, held, paused, interrupted and overdue jobs can be cancelled. A finished job
        keeps its state (what was sent stays sent), a job handed to the gateway's own scheduler
        cannot be recalled from here, and a running job is stopped by its sender
        (:meth:`JobControl.cancel`). Each refusal raises InputError and changes nothing.
        """
        self.recover()  # a job whose runner died is interrupted, and so can be cancelled
        with self.db.write() as c:
            # locked (PostgreSQL): a claim by another PC commits before or after this, never
            # between the state read here and the cancel written
            job = store_jobs.lock(c, job_id)
            if job is None:
                raise queries.no_such_job(job_id)
            state = job["state"]
            sent = store_messages.count_in_states(
                c,
                job_id,
                (MsgState.SENDING, *MsgState.ACCEPTED_LIKE, MsgState.REJECTED, MsgState.UNKNOWN),
            )
            if state == JobState.SCHEDULED and sent:
                raise InputError(
                    f"任务 {job_id} 已交给网关定时于 {job['send_at']} 发送，无法在本程序中撤回；"
                    f"如需撤回请联系短信服务商。 / Job {job_id} was handed to the gateway's"
                    f" scheduler for {job['send_at']}; it cannot be recalled from here"
                    " (ask the SMS vendor)."
                )
            if state == JobState.RUNNING:
                raise InputError(
                    f"任务 {job_id} 正在发送中，请在发送它的窗口中停止。"
                    f" / Job {job_id} is being sent; stop it where it is being sent."
                )
            if state == JobState.CANCELLED:
                raise InputError(f"任务 {job_id} 已取消。 / Job {job_id} is already cancelled.")
            if state not in CANCELLABLE and not (state == JobState.SCHEDULED and not sent):
                raise InputError(
                    f"任务 {job_id} 已结束（{state}），已发出 {sent} 条，不能取消。"
                    f" / Job {job_id} has finished ({state}) with {sent} recipients sent;"
                    " it cannot be cancelled."
                )
            journal.skip_queued_as_cancelled(c, job_id)
            store_jobs.set_state(c, job_id, JobState.CANCELLED)
            store_jobs.clear_decision(c, job_id)
            store_jobs.record_action(c, job_id, "cancelled", current(), job_stamp())

    # ------------------------------------------------------------------ scheduling ------------
    def held_jobs(self) -> list[JobSummary]:
        return queries.held_jobs(self.db)

    def mark_overdue(self, now: datetime | None = None) -> list[JobSummary]:
        """At start-up: held jobs whose time passed while the app was closed wait for the user."""
        limit = fmt_time((now or self.clock()) - OVERDUE_GRACE)
        assert limit is not None
        with self.db.write() as c:
            # a job held for the marketing window is not overdue: it goes at the next chance
            # (the window is checked again at each batch)
            ids = store_jobs.late(c, JobState.HELD, limit, unless_held_for="window")
            for i in ids:
                store_jobs.set_state(c, i, JobState.OVERDUE)
        if not ids:
            return []
        return queries.summaries(self.db, job_ids=ids)

    def due_jobs(self, now: datetime | None = None) -> list[int]:
        """Held jobs whose time has come (not overdue ones: those wait for confirmation), not
        those handed to the service."""
        return queries.due_jobs(self.db, now or self.clock())

    def server_jobs(self, now: datetime | None = None) -> list[int]:
        """The jobs handed to the service that it runs now (:func:`queries.server_jobs`)."""
        return queries.server_jobs(self.db, now)

    def confirm_overdue(self, job_id: int, send: bool) -> None:
        job = queries.job_row(self.db, job_id)
        if job["state"] != JobState.OVERDUE:
            raise InputError(f"任务 {job_id} 不是逾期待确认状态。 / Job {job_id} is not overdue.")
        if send:
            with self.db.write() as c:
                store_jobs.set_state(c, job_id, JobState.HELD)
        else:
            self.cancel(job_id)


# states from which resume() hands a job back to the service (a user's resume of a job the
# service stopped: an error, a crash, its time passed while no service ran); from the others,
# only a resend of its unknown recipients does
RESUMABLE_BY_SERVICE = (
    JobState.QUEUED,
    JobState.PAUSED,
    JobState.INTERRUPTED,
    JobState.OVERDUE,
    JobState.HELD,
)


def run_in_worker(engine: Engine, job_id: int, **kw: Any) -> None:
    """``engine.run_job(job_id, **kw)`` in a duty's worker thread, which nothing waits on: a
    refusal (the job is being sent by another process) is logged as a note, any other failure
    with its traceback; nothing is raised."""
    try:
        engine.run_job(job_id, **kw)
    except InputError as exc:  # e.g. being sent by another process
        log.info("job %s not sent: %s", job_id, exc)
    except Exception:
        log.exception("job %s failed", job_id)

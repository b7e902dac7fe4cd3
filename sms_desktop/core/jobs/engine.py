"""The send engine's entry points: estimate, create, run, resume, cancel, recover, schedule.

The safety rules they keep are in the package's description (:mod:`sms_desktop.core.jobs`).
"""

from __future__ import annotations

import heapq
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from .. import carriers
from ..accounts import AccountStore
from ..contacts.recipients import Recipient
from ..errors import InputError, StoreError
from ..estimate import Estimate, Estimator
from ..gateways import Gateway
from ..guard import BatchGuard, JobKind, load_settings, window_of
from ..identity import Identity, current
from ..store import Connection, Database, Row
from ..store import jobs as store_jobs
from ..store import messages as store_messages
from . import compose, journal, lease, queries
from .journal import NOT_RECORDED, BookkeepingFailed
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
from .runner import GatewayPool, JobRunner, Limits

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
        self._sleep = sleep
        self.clock = clock
        self._active: set[int] = set()  # jobs running in this process
        self._active_lock = threading.Lock()
        # True in the office sender service (core/service.py): the one runner of the jobs handed
        # to it (``by_server``); any other engine refuses to run them, and hands them back
        self.server = False
        # the leases of the jobs this engine runs, and their heartbeat (lease.py)
        self.leases = lease.Heartbeat(db)

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
        self.gateway(acct.name)  # the password must be there before a job exists
        est = self.estimate(spec)
        if est.problems:
            raise est.problems[0]
        send_at = est.send_at
        given = spec.recipients
        if not isinstance(given, Sequence):
            given = list(given)

        def who(seq: int) -> tuple[str, str]:
            """Name and fields JSON of the recipient at ``seq`` (1-based)."""
            r = given[seq - 1]
            return (r.name, _fields_json(r.fields)) if isinstance(r, Recipient) else ("", "{}")

        # Each number's 号段归属 (carrier, province), kept with it for the job's report: looked
        # up before the write lock is taken (a list of shared answers, 8 bytes a recipient).
        placed = [carriers.lookup(v.phone) for v in est.valid]
        # Rows are made as they are inserted, in send order (valid ones come in order; the
        # skipped ones are merged in by seq): at 1,000,000 recipients a list of rows, and one
        # Recipient per typed number, cost hundreds of MB.
        valid_rows = (
            (
                v.seq,
                v.phone,
                *who(v.seq),
                text,
                parts,
                MsgState.QUEUED,
                "",
                None,
                where.carrier,
                where.province,
            )
            for v, text, parts, where in zip(est.valid, est.texts, est.parts, placed, strict=True)
        )
        skipped_rows = [
            (
                rj.seq,
                rj.value,
                *who(rj.seq),
                "",
                0,
                MsgState.SKIPPED,
                rj.message,
                rj.reason,
                None,
                None,
            )
            for rj in est.rejected
        ]
        skipped_rows.sort(key=lambda row: row[0])
        rows = heapq.merge(valid_rows, skipped_rows, key=lambda row: row[0])
        guard = est.guard
        assert guard is not None
        kind = guard.effective_kind
        held_for = ""
        window_opens = guard.held_until(kind)
        if window_opens is not None:
            # marketing outside its window: held here until the window opens
            send_at, state, held_for = window_opens, JobState.HELD, "window"
        elif send_at is None:
            state = JobState.QUEUED
        elif acct.holds_locally or (
            kind == JobKind.MARKETING and not spec.ignore_window and not spec.test
        ):
            # a marketing job is held here, not handed to the gateway's schedule: the window
            # and the caps are checked as each batch really leaves
            state = JobState.HELD
        else:
            state = JobState.SCHEDULED
        with self.db.write() as c:
            job_id = store_jobs.insert(
                c,
                account=acct.name,
                backup_account=spec.backup_account,
                text=spec.text,
                template_id=spec.template_id,
                template_vars=json.dumps(list(spec.template_vars), ensure_ascii=False)
                if spec.template_id
                else None,
                send_at=fmt_time(send_at),
                hold_locally=state == JobState.HELD,
                state=state,
                note=spec.note,
                extno=(spec.extno or "").strip(),
                kind=kind,
                ignore_window=spec.ignore_window,
                is_test=spec.test,
                held_for=held_for,
                by=current(),
                by_server=spec.by_server,
            )
            # the caps count the job's messages by its kind; a test send's not at all
            store_messages.insert(c, job_id, rows, None if spec.test else kind)
            if with_job is not None:
                with_job(c, job_id)
        store_messages.added_in_bulk(self.db, len(est.valid) + len(skipped_rows))
        return job_id

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
        control = control or JobControl()
        # the password must be there before the job is claimed (this PC's keyring may lack it)
        self.gateway(queries.job_row(self.db, job_id)["account"])
        runner = self._claim(job_id, release_held, due)
        if runner is None:
            return self.summary(job_id)
        return self._run_logged(job_id, progress, control, runner)

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
        control = control or JobControl()
        self.gateway(queries.job_row(self.db, job_id)["account"])
        runner = self._claim(job_id, True, True)
        if runner is None:
            return None
        return self._run_logged(job_id, progress, control, runner)

    def _run_logged(
        self,
        job_id: int,
        progress: Callable[[Progress], None] | None,
        control: JobControl,
        runner: lease.Runner,
    ) -> JobSummary:
        """Run a job this process claimed, logging its start and end; the claim is let go."""
        t0 = time.monotonic()
        try:
            start = self.summary(job_id)
            log.info(
                "job %s started: account %s, %s recipients, %s to send%s",
                job_id,
                start.account,
                start.recipients,
                start.queued,
                f", send time {start.send_at}" if start.send_at else "",
            )
            summary = self._run_claimed(job_id, progress, control, runner)
        except BaseException as exc:
            log.warning("job %s stopped by an error: %r", job_id, exc)
            raise
        else:
            log.info(
                "job %s ended: %s (%s), accepted %s, rejected %s, unknown %s, skipped %s,"
                " still queued %s, %.1f s",
                job_id,
                summary.state,
                summary.outcome or "nothing sent",
                summary.accepted,
                summary.rejected,
                summary.unknown,
                summary.skipped,
                summary.queued,
                time.monotonic() - t0,
            )
            return summary
        finally:
            self.leases.drop(job_id)
            with self._active_lock:
                self._active.discard(job_id)

    def _claim(self, job_id: int, release_held: bool, due: bool = False) -> lease.Runner | None:
        """Mark the job running for this process, atomically, with a lease (:mod:`.lease`);
        None when it must not run now.

        The check and the update happen in one write transaction with the job's row locked
        (SQLite's ``BEGIN IMMEDIATE`` takes the database's write lock, PostgreSQL's ``FOR
        UPDATE`` the row), so two processes, on one PC or several, can never both claim a job;
        within a process, a registry stops a second thread. A runner that is gone (its process
        on this PC, its lease on another) is taken over: its journal settled first. Raises
        InputError, naming the holder, when a live runner has it (unless ``due``: then None).
        """
        with self._active_lock:
            if job_id in self._active:
                raise InputError(
                    f"任务 {job_id} 正在发送中。 / Job {job_id} is already being sent."
                )
            self._active.add(job_id)
        ok = False
        me = lease.Runner.me()
        try:
            with self.db.write() as c:
                # a due job: exactly one PC or service releases it; a row another one is
                # claiming right now is skipped, not waited for
                job = store_jobs.lock(c, job_id, skip_locked=due)
                if job is None:
                    if due:
                        return None
                    raise queries.no_such_job(job_id)
                state = job["state"]
                if state == JobState.CANCELLED or (
                    state in (JobState.HELD, JobState.OVERDUE) and not release_held
                ):
                    return None
                if due and state not in (JobState.HELD, JobState.RUNNING, *DUE_STATES):
                    return None  # another PC or the service released it first
                if job["by_server"] and not self.server:
                    raise by_server_refusal(job_id)
                if state == JobState.RUNNING:
                    holder = lease.Holder.of(job)
                    if holder.alive:
                        if due:
                            return None
                        raise lease.held_elsewhere(job_id, holder)
                    log.warning(
                        "job %s: taking it over from %s (%s)",
                        job_id,
                        holder.runner.who_en,
                        "no heartbeat"
                        if holder.age is None
                        else f"last heartbeat {holder.age:.0f} s ago",
                    )
                    journal.settle_dead_runner(c, job_id)  # its runner died: settle it first
                store_jobs.claim(c, job_id, JobState.RUNNING, me.pid, me.since, me.host, me.user)
                store_jobs.record_action(c, job_id, "started", current(), job_stamp())
                ok = True
            self.leases.hold(job_id, me)
            return me
        finally:
            if not ok:
                with self._active_lock:
                    self._active.discard(job_id)

    def _run_claimed(
        self,
        job_id: int,
        progress: Callable[[Progress], None] | None,
        control: JobControl,
        runner_of: lease.Runner | None = None,
    ) -> JobSummary:
        job = queries.job_row(self.db, job_id)
        send_at = parse_time(job["send_at"])
        acct = self.accounts.get(job["account"])
        gateway_send_at = (
            send_at
            if (
                send_at
                and not (acct.holds_locally or job["hold_locally"])
                and send_at > self.clock()
            )
            else None
        )
        runner = JobRunner(
            self.db,
            self.pool,
            job,
            acct,
            gateway_send_at,
            control,
            progress,
            self._sleep,
            guard=self.batch_guard(job),
            lease=runner_of,
        )
        try:
            final_state, error = runner.run()
        except BookkeepingFailed as exc:
            final_state, error = JobState.INTERRUPTED, str(exc)
        taken_over = False

        def body(c: Connection) -> None:
            nonlocal taken_over
            if runner_of is not None and not lease.holds(c, job_id, runner_of):
                taken_over = True  # the new runner settles and finishes it, not this one
                return
            # Nothing is in flight any more: a batch still ``sending`` is one whose outcome
            # could not be recorded. Its recipients become unknown, and the job is not done.
            state = final_state
            if journal.settle_journal(c, job_id, NOT_RECORDED) and state == JobState.DONE:
                state = JobState.INTERRUPTED
            now = job_stamp()
            store_jobs.release(c, job_id, state, error, now)
            if state == JobState.HELD and runner.held_until is not None:
                # the marketing window closed: the rest waits for its next opening
                opens = fmt_time(runner.held_until)
                assert opens is not None
                store_jobs.hold(c, job_id, JobState.HELD, opens, "window")
            if state in _ACTION_OF:  # paused or cancelled here, by this PC's user
                store_jobs.record_action(c, job_id, _ACTION_OF[state], current(), now)

        try:
            runner.write(("任务状态", "the job's state"), body)
        except BookkeepingFailed as exc:
            # The job stays "running" for this process; recover() settles it once it is over.
            raise StoreError(
                f"{exc.zh} 任务 {job_id} 已停止，未发送的号码都还在；解决后可继续发送"
                f"（发送记录，或 `sms-desktop-cli resume {job_id}`）。",
                f"{exc.en} Job {job_id} has stopped and keeps every recipient not yet sent;"
                f" resume it once this is solved (history, or `sms-desktop-cli resume {job_id}`).",
                sqlite_code=exc.sqlite_code,
            ) from exc
        if taken_over:
            log.warning("job %s: another runner took it over; this one stopped", job_id)
            raise lease.LeaseLost(job_id)
        summary = self.summary(job_id)
        if progress:
            progress(queries.progress(self.db, job_id, "finished", final_state))
        return summary

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
                with self._active_lock:
                    if job_id in self._active:
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


# the runner's final states that are someone's action (the runner ends paused or cancelled only
# when this process's user asked it to: JobControl)
_ACTION_OF = {JobState.PAUSED: "paused", JobState.CANCELLED: "cancelled"}

# the states in which a scheduler finds a job due: queued, or paused by the service's clean stop,
# or handed to the gateway's scheduler but not sent yet (the service's own jobs, queries.py)
DUE_STATES = (JobState.QUEUED, JobState.PAUSED, JobState.SCHEDULED)

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


def by_server_refusal(job_id: int) -> InputError:
    return InputError(
        f"任务 {job_id} 由服务器发送（办公室发送服务），不在本机发送。"
        f" / Job {job_id} is sent by the office sender service, not from here."
    )


def _fields_json(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, default=str) if fields else "{}"

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
from ..store import Connection, Database, Row
from ..store import jobs as store_jobs
from ..store import messages as store_messages
from . import compose, journal, queries
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

    def create_job(self, spec: JobSpec) -> int:
        """Validate everything, then journal the job and its recipients in one transaction.

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
            )
            # the caps count the job's messages by its kind; a test send's not at all
            store_messages.insert(c, job_id, rows, None if spec.test else kind)
        return job_id

    # ------------------------------------------------------------------ running a job ---------
    def run_job(
        self,
        job_id: int,
        *,
        progress: Callable[[Progress], None] | None = None,
        control: JobControl | None = None,
        release_held: bool = False,
    ) -> JobSummary:
        """Send every queued recipient of the job, batch by batch, and return the summary.

        A HELD job runs only when ``release_held`` (its time has come, or the user confirmed an
        overdue job). A SCHEDULED job goes to the gateway now with the gateway's own time.
        """
        control = control or JobControl()
        if not self._claim(job_id, release_held):
            return self.summary(job_id)
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
            summary = self._run_claimed(job_id, progress, control)
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
            with self._active_lock:
                self._active.discard(job_id)

    def _claim(self, job_id: int, release_held: bool) -> bool:
        """Mark the job running for this process, atomically; False when it must not run now.

        The check and the update happen in one write transaction (``BEGIN IMMEDIATE`` takes the
        database's write lock), so two processes can never both claim a job; within a process, a
        registry stops a second thread. Raises InputError when another runner has it.
        """
        with self._active_lock:
            if job_id in self._active:
                raise InputError(
                    f"任务 {job_id} 正在发送中。 / Job {job_id} is already being sent."
                )
            self._active.add(job_id)
        ok = False
        try:
            with self.db.write() as c:
                job = store_jobs.row(c, job_id)
                if job is None:
                    raise queries.no_such_job(job_id)
                state = job["state"]
                if state == JobState.CANCELLED or (
                    state in (JobState.HELD, JobState.OVERDUE) and not release_held
                ):
                    return False
                if state == JobState.RUNNING:
                    if journal.pid_alive(job["runner_pid"]):
                        raise InputError(
                            f"任务 {job_id} 正在另一个进程中发送。"
                            f" / Job {job_id} is being sent by another process."
                        )
                    journal.settle_dead_runner(c, job_id)  # its runner died: settle it first
                store_jobs.claim(c, job_id, JobState.RUNNING, os.getpid(), job_stamp())
                ok = True
            return True
        finally:
            if not ok:
                with self._active_lock:
                    self._active.discard(job_id)

    def _run_claimed(
        self, job_id: int, progress: Callable[[Progress], None] | None, control: JobControl
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
        )
        try:
            final_state, error = runner.run()
        except BookkeepingFailed as exc:
            final_state, error = JobState.INTERRUPTED, str(exc)

        def body(c: Connection) -> None:
            # Nothing is in flight any more: a batch still ``sending`` is one whose outcome
            # could not be recorded. Its recipients become unknown, and the job is not done.
            state = final_state
            if journal.settle_journal(c, job_id, NOT_RECORDED) and state == JobState.DONE:
                state = JobState.INTERRUPTED
            store_jobs.release(c, job_id, state, error, job_stamp())
            if state == JobState.HELD and runner.held_until is not None:
                # the marketing window closed: the rest waits for its next opening
                opens = fmt_time(runner.held_until)
                assert opens is not None
                store_jobs.hold(c, job_id, JobState.HELD, opens, "window")

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

    def jobs(self, limit: int | None = 200) -> list[JobSummary]:
        """The newest jobs (all of them when ``limit`` is None) with their counts and outcome."""
        return queries.jobs(self.db, limit)

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

        Returns the ids of the jobs recovered. Never resends anything.
        """
        rows = store_jobs.runners(self.db, JobState.RUNNING)
        # Jobs no runner holds whose journal still has batches in flight: their outcome could
        # not be recorded (the store refused it), or an older version left them so.
        orphans = store_jobs.with_open_batches(self.db, JobState.RUNNING)
        if orphans:
            with self.db.write() as c:
                for job_id in orphans:
                    journal.settle_journal(c, job_id, NOT_RECORDED)
                    store_jobs.demote(c, job_id, JobState.DONE, JobState.INTERRUPTED, NOT_RECORDED)
        recovered: list[int] = list(orphans)
        for job_id, pid in rows:
            if pid == os.getpid():
                with self._active_lock:
                    if job_id in self._active:
                        continue  # running in this process right now
            elif journal.pid_alive(pid):
                continue  # another live process is sending it
            recovered.append(job_id)
        dead = recovered[len(orphans) :]
        if dead:
            with self.db.write() as c:
                for job_id in dead:
                    journal.settle_dead_runner(c, job_id)
        return recovered

    def resume(
        self,
        job_id: int,
        *,
        resend_unknown: bool = False,
        progress: Callable[[Progress], None] | None = None,
        control: JobControl | None = None,
    ) -> JobSummary:
        """Send what is still queued. Unknown recipients are resent only when asked explicitly."""
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
        if resend_unknown:
            with self.db.write() as c:
                store_messages.requeue_unknown(
                    c,
                    job_id,
                    MsgState.UNKNOWN,
                    MsgState.QUEUED,
                    "用户选择重发 / resent by the user",
                )
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
            job = store_jobs.row(c, job_id)
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
        """Held jobs whose time has come (not overdue ones: those wait for confirmation)."""
        return queries.due_jobs(self.db, now or self.clock())

    def confirm_overdue(self, job_id: int, send: bool) -> None:
        job = queries.job_row(self.db, job_id)
        if job["state"] != JobState.OVERDUE:
            raise InputError(f"任务 {job_id} 不是逾期待确认状态。 / Job {job_id} is not overdue.")
        if send:
            with self.db.write() as c:
                store_jobs.set_state(c, job_id, JobState.HELD)
        else:
            self.cancel(job_id)


def _fields_json(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, default=str) if fields else "{}"

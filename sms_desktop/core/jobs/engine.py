"""The send engine's entry points: estimate, create, run, resume, cancel, recover, schedule."""

from __future__ import annotations

import heapq
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from ..accounts import Account, AccountStore
from ..contacts.recipients import Recipient, SkipReason
from ..errors import InputError, StoreError
from ..estimate import Estimate, Estimator
from ..gateways import Gateway
from ..store import Database
from .journal import (
    _NOT_RECORDED,
    _BookkeepingFailed,
    _pid_alive,
    _settle_dead_runner,
    _settle_journal,
    _skip_queued_as_cancelled,
)
from .model import (
    _CANCELLABLE,
    BATCHES_OPEN,
    OVERDUE_GRACE,
    JobControl,
    JobSpec,
    JobState,
    JobSummary,
    MsgState,
    Progress,
    _fmt,
    _now,
    _parse_time,
)
from .runner import _JobRunner, _RateLimiter


class Engine:
    def __init__(
        self,
        db: Database,
        accounts: AccountStore,
        *,
        gateway_factory: Callable[[str], Gateway] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.db = db
        self.accounts = accounts
        self._gateway_factory = gateway_factory or accounts.gateway
        self._sleep = sleep
        self._gateways: dict[str, Gateway] = {}
        self._limits: dict[str, tuple[threading.Semaphore, _RateLimiter]] = {}
        self._active: set[int] = set()  # jobs running in this process
        self._active_lock = threading.Lock()
        self._gw_lock = threading.Lock()

    def account_limits(self, account: str) -> tuple[threading.Semaphore, _RateLimiter]:
        """The account's in-flight slots and rate limiter, shared by every job of this engine."""
        with self._gw_lock:
            lim = self._limits.get(account)
            if lim is None:
                acct = self.accounts.get(account)
                lim = (
                    threading.BoundedSemaphore(max(1, acct.concurrency)),
                    _RateLimiter(acct.rate_per_second),
                )
                self._limits[account] = lim
            return lim

    def forget_account(self, name: str) -> None:
        """Drop the cached gateway and limits of an account, so that an edited account (URL,
        charset, concurrency, rate …) takes effect for the next job. A job already running keeps
        the ones it started with."""
        with self._gw_lock:
            # not closed here: a request of a running job may still use its session
            self._gateways.pop(name, None)
            self._limits.pop(name, None)

    def gateway(self, account: str) -> Gateway:
        with self._gw_lock:
            gw = self._gateways.get(account)
            if gw is None:
                gw = self._gateway_factory(account)
                self._gateways[account] = gw
            return gw

    # ------------------------------------------------------------------ creating a job --------
    def estimate(self, spec: JobSpec, *, now: datetime | None = None) -> Estimate:
        """What ``create_job(spec)`` would do, without storing or sending anything.

        The GUI calls it for its confirmation (and keeps an :meth:`estimator` while the user
        types); the CLI for ``send --dry-run``. Loads the blacklist and the account's last known
        balance. Raises InputError only for an unknown account; every other problem is in
        ``problems``, the first of which :meth:`create_job` raises.
        """
        acct = self.accounts.get(spec.account)
        problems: list[InputError] = []
        backup: Account | None = None
        if spec.backup_account:
            try:
                backup = self.accounts.get(spec.backup_account)
            except InputError as exc:
                problems.append(exc)
            else:
                if backup.name == acct.name:
                    problems.append(
                        InputError(
                            "备用账户不能与主账户相同。 / The backup account is the primary."
                        )
                    )
                    backup = None

        def run(name: str) -> Estimate:
            return self.estimator(name, spec.recipients).estimate(
                spec.text,
                template_id=spec.template_id,
                template_vars=spec.template_vars,
                send_at=spec.send_at,
                extno=spec.extno,
                empty_fields=spec.empty_fields,
                now=now,
            )

        est = run(acct.name)
        est.problems[:0] = problems
        if backup is not None and est.ok:
            # After a failover the backup sends the same texts: its charset, cap and extension
            # number rule must take them too, or the failover would only fail later.
            for p in run(backup.name).problems:
                est.problems.append(
                    InputError(f"备用账户 {backup.name} / backup account {backup.name}: {p}")
                )
                break
        return est

    def estimator(self, account: str, recipients: Sequence[Recipient | str]) -> Estimator:
        """An :class:`Estimator` for a compose page: the account, its recipients, the blacklist
        and the last known balance, loaded once; call ``.estimate(text, ...)`` per keystroke.

        The backup-account checks are not in it: :meth:`estimate` (the confirmation) and
        :meth:`create_job` make them.
        """
        acct = self.accounts.get(account)
        last = self.accounts.last_balance(acct.name)
        return Estimator(
            acct,
            recipients,
            blacklist=self._blacklist(),
            balance=last.messages if last else None,
            balance_read_at=last.read_at if last else None,
        )

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

        # Rows are made as they are inserted, in send order (valid ones come in order; the
        # skipped ones are merged in by seq): at 1,000,000 recipients a list of rows, and one
        # Recipient per typed number, cost hundreds of MB.
        valid_rows = (
            (v.seq, v.phone, *who(v.seq), text, parts, MsgState.QUEUED, "", None)
            for v, text, parts in zip(est.valid, est.texts, est.parts, strict=True)
        )
        skipped_rows = [
            (rj.seq, rj.value, *who(rj.seq), "", 0, MsgState.SKIPPED, rj.message, rj.reason)
            for rj in est.rejected
        ]
        skipped_rows.sort(key=lambda row: row[0])
        rows = heapq.merge(valid_rows, skipped_rows, key=lambda row: row[0])
        if send_at is None:
            state = JobState.QUEUED
        elif acct.holds_locally:
            state = JobState.HELD
        else:
            state = JobState.SCHEDULED
        with self.db.write() as c:
            cur = c.execute(
                "INSERT INTO jobs(account, backup_account, text, template_id, template_vars,"
                " send_at, hold_locally, state, note, extno) VALUES(?,?,?,?,?,?,?,?,?,?)",
                (
                    acct.name,
                    spec.backup_account,
                    spec.text,
                    spec.template_id,
                    json.dumps(list(spec.template_vars), ensure_ascii=False)
                    if spec.template_id
                    else None,
                    _fmt(send_at),
                    int(state == JobState.HELD),
                    state,
                    spec.note,
                    (spec.extno or "").strip(),
                ),
            )
            job_id = int(cur.lastrowid or 0)
            c.executemany(
                "INSERT INTO messages(job_id, seq, phone, name, fields, text, parts, state, reason,"
                " code) VALUES(?,?,?,?,?,?,?,?,?,?)",
                ((job_id, *row) for row in rows),
            )
        return job_id

    def _blacklist(self) -> set[str]:
        return {r[0] for r in self.db.read().execute("SELECT phone FROM blacklist")}

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
        try:
            return self._run_claimed(job_id, progress, control)
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
                job = c.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
                if job is None:
                    raise InputError(f"没有编号为 {job_id} 的任务。 / No job {job_id}.")
                state = job["state"]
                if state == JobState.CANCELLED or (
                    state in (JobState.HELD, JobState.OVERDUE) and not release_held
                ):
                    return False
                if state == JobState.RUNNING:
                    if _pid_alive(job["runner_pid"]):
                        raise InputError(
                            f"任务 {job_id} 正在另一个进程中发送。"
                            f" / Job {job_id} is being sent by another process."
                        )
                    _settle_dead_runner(c, job_id)  # its runner died: settle the journal first
                c.execute(
                    "UPDATE jobs SET state=?, runner_pid=?, error=NULL,"
                    " updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime') WHERE id=?",
                    (JobState.RUNNING, os.getpid(), job_id),
                )
                ok = True
            return True
        finally:
            if not ok:
                with self._active_lock:
                    self._active.discard(job_id)

    def _run_claimed(
        self, job_id: int, progress: Callable[[Progress], None] | None, control: JobControl
    ) -> JobSummary:
        job = self._job_row(job_id)
        send_at = _parse_time(job["send_at"])
        acct = self.accounts.get(job["account"])
        gateway_send_at = (
            send_at if (send_at and not acct.holds_locally and send_at > _now()) else None
        )
        runner = _JobRunner(self, job_id, job, acct, gateway_send_at, control, progress)
        try:
            final_state, error = runner.run()
        except _BookkeepingFailed as exc:
            final_state, error = JobState.INTERRUPTED, str(exc)

        def body(c: sqlite3.Connection) -> None:
            # Nothing is in flight any more: a batch still ``sending`` is one whose outcome
            # could not be recorded. Its recipients become unknown, and the job is not done.
            state = final_state
            if _settle_journal(c, job_id, _NOT_RECORDED) and state == JobState.DONE:
                state = JobState.INTERRUPTED
            c.execute(
                "UPDATE jobs SET state=?, error=?, runner_pid=NULL,"
                " updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime') WHERE id=?",
                (state, error, job_id),
            )

        try:
            runner._write(("任务状态", "the job's state"), body)
        except _BookkeepingFailed as exc:
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
            progress(self._progress(job_id, "finished", final_state))
        return summary

    def _job_row(self, job_id: int) -> Any:
        row = self.db.read().execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        if row is None:
            raise InputError(f"没有编号为 {job_id} 的任务。 / No job {job_id}.")
        return row

    def _progress(self, job_id: int, event: str, detail: str = "") -> Progress:
        counts = self.counts(job_id)
        total = sum(counts.values())
        done = total - counts.get(MsgState.QUEUED, 0) - counts.get(MsgState.SENDING, 0)
        return Progress(job_id, total, done, counts, event, detail)

    def counts(self, job_id: int) -> dict[str, int]:
        """Recipients by state, from ``job_counts`` (kept by triggers on ``messages``)."""
        rows = self.db.read().execute(
            "SELECT state, n FROM job_counts WHERE job_id=? AND n > 0", (job_id,)
        )
        return {r[0]: r[1] for r in rows}

    def summary(self, job_id: int) -> JobSummary:
        found = self._summaries("j.id=?", (job_id,))
        if not found:
            raise InputError(f"没有编号为 {job_id} 的任务。 / No job {job_id}.")
        return found[0]

    def _summaries(
        self,
        where: str = "1",
        params: Sequence[Any] = (),
        order: str = "j.id DESC",
        limit: int = -1,
    ) -> list[JobSummary]:
        """Jobs with their counts, in three queries whatever the number of jobs.

        The counts come from ``job_counts`` (kept by triggers on ``messages``: a few rows per job
        however many recipients it has); only skipped rows are read to count the invalid numbers
        among them.
        """
        db = self.db.read()
        jobs = db.execute(
            f"SELECT j.id, j.account, j.state, j.created_at, j.send_at, j.error FROM jobs j"
            f" WHERE {where} ORDER BY {order} LIMIT ?",
            (*params, limit),
        ).fetchall()
        if not jobs:
            return []
        ids = json.dumps([j["id"] for j in jobs])
        counts: dict[int, dict[str, int]] = {j["id"]: {} for j in jobs}
        for job_id, state, n in db.execute(
            "SELECT job_id, state, n FROM job_counts"
            " WHERE job_id IN (SELECT value FROM json_each(?)) AND n > 0",
            (ids,),
        ):
            counts[job_id][state] = n
        invalid = dict(
            db.execute(
                "SELECT job_id, COUNT(*) FROM messages WHERE job_id IN"
                " (SELECT value FROM json_each(?)) AND state=? AND code=? GROUP BY job_id",
                (ids, MsgState.SKIPPED, SkipReason.INVALID),
            ).fetchall()
        )
        out = []
        for j in jobs:
            c = counts[j["id"]]
            out.append(
                JobSummary(
                    job_id=j["id"],
                    account=j["account"],
                    state=j["state"],
                    recipients=sum(c.values()),
                    accepted=sum(c.get(s, 0) for s in MsgState.ACCEPTED_LIKE),
                    rejected=c.get(MsgState.REJECTED, 0),
                    unknown=c.get(MsgState.UNKNOWN, 0) + c.get(MsgState.SENDING, 0),
                    skipped=c.get(MsgState.SKIPPED, 0),
                    queued=c.get(MsgState.QUEUED, 0),
                    created_at=j["created_at"],
                    invalid=invalid.get(j["id"], 0),
                    send_at=j["send_at"],
                    error=j["error"],
                    undelivered=c.get(MsgState.UNDELIVERED, 0),
                )
            )
        return out

    def jobs(self, limit: int | None = 200) -> list[JobSummary]:
        """The newest jobs (all of them when ``limit`` is None) with their counts and outcome."""
        return self._summaries(limit=-1 if limit is None else limit)

    def resend_spec(self, job_id: int, states: Sequence[str] = (MsgState.REJECTED,)) -> JobSpec:
        """A new job's spec for the recipients of a job that ended in ``states`` (by default the
        rejected ones): same account, backup, text or template, extension, and each recipient's
        own fields. Raises InputError when there is no such recipient. Nothing is sent here."""
        job = self._job_row(job_id)
        rows = (
            self.db.read()
            .execute(
                "SELECT phone, name, fields FROM messages WHERE job_id=? AND state IN"
                " (SELECT value FROM json_each(?)) ORDER BY seq",
                (job_id, json.dumps(list(states))),
            )
            .fetchall()
        )
        if not rows:
            raise InputError(
                f"任务 {job_id} 没有{'/'.join(states)}的号码。"
                f" / Job {job_id} has no {'/'.join(states)} recipients."
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
        )

    def results(self, job_id: int) -> list[dict[str, Any]]:
        rows = self.db.read().execute(
            "SELECT phone, state, gateway_id, code, COALESCE(NULLIF(message,''), reason) AS message,"
            " account FROM messages WHERE job_id=? ORDER BY seq",
            (job_id,),
        )
        return [dict(r) for r in rows]

    # ------------------------------------------------------------------ after a crash ---------
    def recover(self) -> list[int]:
        """Jobs whose runner died: ``sending`` becomes ``unknown``; the job is interrupted.

        Returns the ids of the jobs recovered. Never resends anything.
        """
        rows = (
            self.db.read()
            .execute("SELECT id, runner_pid FROM jobs WHERE state=?", (JobState.RUNNING,))
            .fetchall()
        )
        # Jobs no runner holds whose journal still has batches in flight: their outcome could
        # not be recorded (the store refused it), or an older version left them so.
        orphans = [
            r[0]
            for r in self.db.read().execute(
                # the literal condition of the partial index batches_open (schema V3), so a
                # start-up reads only the batches in flight, never every batch of the year
                "SELECT DISTINCT b.job_id FROM batches b JOIN jobs j ON j.id = b.job_id"
                f" WHERE {BATCHES_OPEN} AND j.state != ?",
                (JobState.RUNNING,),
            )
        ]
        if orphans:
            with self.db.write() as c:
                for job_id in orphans:
                    _settle_journal(c, job_id, _NOT_RECORDED)
                    c.execute(
                        "UPDATE jobs SET state=?, error=COALESCE(error, ?) WHERE id=? AND state=?",
                        (JobState.INTERRUPTED, _NOT_RECORDED, job_id, JobState.DONE),
                    )
        recovered: list[int] = list(orphans)
        for row in rows:
            pid = row["runner_pid"]
            if pid == os.getpid():
                with self._active_lock:
                    if row["id"] in self._active:
                        continue  # running in this process right now
            elif _pid_alive(pid):
                continue  # another live process is sending it
            recovered.append(row["id"])
        dead = recovered[len(orphans) :]
        if dead:
            with self.db.write() as c:
                for job_id in dead:
                    _settle_dead_runner(c, job_id)
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
        job = self._job_row(job_id)
        if job["state"] == JobState.CANCELLED:
            raise InputError(f"任务 {job_id} 已取消。 / Job {job_id} was cancelled.")
        send_at = _parse_time(job["send_at"])
        if job["state"] == JobState.HELD and send_at and send_at > _now():
            raise InputError(
                f"任务 {job_id} 定时于 {job['send_at']} 发送，时间未到。"
                f" / Job {job_id} is held until {job['send_at']}; its time has not come."
            )
        if resend_unknown:
            with self.db.write() as c:
                c.execute(
                    "UPDATE messages SET state=?, batch_id=NULL, gateway_id=NULL, code=NULL,"
                    " message=? WHERE job_id=? AND state=?",
                    (
                        MsgState.QUEUED,
                        "用户选择重发 / resent by the user",
                        job_id,
                        MsgState.UNKNOWN,
                    ),
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
            job = c.execute(
                "SELECT state, send_at, runner_pid FROM jobs WHERE id=?", (job_id,)
            ).fetchone()
            if job is None:
                raise InputError(f"没有编号为 {job_id} 的任务。 / No job {job_id}.")
            state = job["state"]
            sent = c.execute(
                "SELECT COUNT(*) FROM messages WHERE job_id=? AND state IN (?,?,?,?,?,?)",
                (
                    job_id,
                    MsgState.SENDING,
                    *MsgState.ACCEPTED_LIKE,
                    MsgState.REJECTED,
                    MsgState.UNKNOWN,
                ),
            ).fetchone()[0]
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
            if state not in _CANCELLABLE and not (state == JobState.SCHEDULED and not sent):
                raise InputError(
                    f"任务 {job_id} 已结束（{state}），已发出 {sent} 条，不能取消。"
                    f" / Job {job_id} has finished ({state}) with {sent} recipients sent;"
                    " it cannot be cancelled."
                )
            _skip_queued_as_cancelled(c, job_id)
            c.execute("UPDATE jobs SET state=? WHERE id=?", (JobState.CANCELLED, job_id))

    # ------------------------------------------------------------------ scheduling ------------
    def held_jobs(self) -> list[JobSummary]:
        return self._summaries(
            "j.state IN (?,?)", (JobState.HELD, JobState.OVERDUE), order="j.send_at, j.id"
        )

    def mark_overdue(self, now: datetime | None = None) -> list[JobSummary]:
        """At start-up: held jobs whose time passed while the app was closed wait for the user."""
        now = now or _now()
        limit = _fmt(now - OVERDUE_GRACE)
        with self.db.write() as c:
            ids = [
                r[0]
                for r in c.execute(
                    "SELECT id FROM jobs WHERE state=? AND send_at < ?", (JobState.HELD, limit)
                )
            ]
            for i in ids:
                c.execute("UPDATE jobs SET state=? WHERE id=?", (JobState.OVERDUE, i))
        if not ids:
            return []
        return self._summaries(
            "j.id IN (SELECT value FROM json_each(?))", (json.dumps(ids),), order="j.id"
        )

    def due_jobs(self, now: datetime | None = None) -> list[int]:
        """Held jobs whose time has come (not overdue ones: those wait for confirmation)."""
        now = now or _now()
        return [
            r[0]
            for r in self.db.read().execute(
                "SELECT id FROM jobs WHERE state=? AND send_at <= ? ORDER BY send_at",
                (JobState.HELD, _fmt(now)),
            )
        ]

    def confirm_overdue(self, job_id: int, send: bool) -> None:
        job = self._job_row(job_id)
        if job["state"] != JobState.OVERDUE:
            raise InputError(f"任务 {job_id} 不是逾期待确认状态。 / Job {job_id} is not overdue.")
        if send:
            with self.db.write() as c:
                c.execute("UPDATE jobs SET state=? WHERE id=?", (JobState.HELD, job_id))
        else:
            self.cancel(job_id)


def _fields_json(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, default=str) if fields else "{}"

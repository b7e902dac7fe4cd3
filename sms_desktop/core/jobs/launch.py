"""Running a job in this process: claimed with a lease (one runner at a time, on every PC),
sent by a :class:`~.runner.JobRunner`, and its end recorded.

The :class:`Launcher` is the engine's part that runs jobs (:meth:`Engine.run_job`,
:meth:`Engine.release_due`); it keeps which jobs run in this process and their leases'
heartbeat.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from ..accounts import AccountStore
from ..errors import InputError, StoreError
from ..guard import BatchGuard
from ..identity import current
from ..store import Connection, Database, Row
from ..store import jobs as store_jobs
from . import journal, lease, queries
from .journal import NOT_RECORDED, BookkeepingFailed
from .model import JobControl, JobState, JobSummary, Progress, fmt_time, job_stamp, parse_time
from .runner import GatewayPool, JobRunner

log = logging.getLogger(__name__)


class Launcher:
    """Claims, runs and ends jobs in this process (one at a time per job, here and on every PC
    sharing the store)."""

    def __init__(
        self,
        db: Database,
        accounts: AccountStore,
        pool: GatewayPool,
        guard_of: Callable[[Row], BatchGuard],
        sleep: Callable[[float], None],
        clock: Callable[[], datetime],
    ) -> None:
        """``guard_of(job)``: the compliance guard a run of the job asks at each batch."""
        self.db = db
        self.accounts = accounts
        self.pool = pool
        self.guard_of = guard_of
        self._sleep = sleep
        self.clock = clock
        self._active: set[int] = set()  # jobs running in this process
        self._active_lock = threading.Lock()
        # True in the office sender service (core/service.py): the one runner of the jobs handed
        # to it (``by_server``); any other engine refuses to run them, and hands them back
        self.server = False
        # the leases of the jobs this process runs, and their heartbeat (lease.py)
        self.leases = lease.Heartbeat(db)

    def is_running(self, job_id: int) -> bool:
        """The job is being sent by this process right now."""
        with self._active_lock:
            return job_id in self._active

    def let_go(self, job_id: int) -> None:
        """This process no longer runs the job: its lease's heartbeat stops."""
        self.leases.drop(job_id)
        with self._active_lock:
            self._active.discard(job_id)

    def run(
        self,
        job_id: int,
        *,
        progress: Callable[[Progress], None] | None = None,
        control: JobControl | None = None,
        release_held: bool = False,
        due: bool = False,
    ) -> JobSummary | None:
        """Claim the job and send it (:meth:`Engine.run_job`, :meth:`Engine.release_due`);
        None when it must not run now, or another PC or process released it first."""
        # the password must be there before the job is claimed (this PC's keyring may lack it);
        # a job handed to the service is refused by the claim here, whatever this PC keeps
        row = queries.job_row(self.db, job_id)
        if self.server or not row["by_server"]:
            self.pool.gateway(row["account"])
        runner = self.claim(job_id, release_held, due)
        if runner is None:
            return None
        return self._run_logged(job_id, progress, control or JobControl(), runner)

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
            start = queries.summary(self.db, job_id)
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
            self.let_go(job_id)

    def claim(self, job_id: int, release_held: bool, due: bool = False) -> lease.Runner | None:
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
            guard=self.guard_of(job),
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
            runner.books.write(("任务状态", "the job's state"), body)
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
        summary = queries.summary(self.db, job_id)
        if progress:
            progress(queries.progress(self.db, job_id, "finished", final_state))
        return summary


# the runner's final states that are someone's action (the runner ends paused or cancelled only
# when this process's user asked it to: JobControl)
_ACTION_OF = {JobState.PAUSED: "paused", JobState.CANCELLED: "cancelled"}

# the states in which a scheduler finds a job due: queued, or paused by the service's clean stop,
# or handed to the gateway's scheduler but not sent yet (the service's own jobs, queries.py)
DUE_STATES = (JobState.QUEUED, JobState.PAUSED, JobState.SCHEDULED)


def by_server_refusal(job_id: int) -> InputError:
    return InputError(
        f"任务 {job_id} 由服务器发送（办公室发送服务），不在本机发送。"
        f" / Job {job_id} is sent by the office sender service, not from here."
    )

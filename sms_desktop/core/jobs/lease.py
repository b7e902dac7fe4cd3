"""One runner per job, across every PC on the store: the job's lease.

A runner that claims a job records itself on the job's row (:class:`Runner`: the PC's name, the
OS user, the process id and when it started) with a heartbeat, written every :func:`beat_every`
seconds by the database's own clock (PCs' clocks may differ) while the job runs. Another runner
may take the job over only when the holder is gone:

* on the holder's own PC (the same name), when its process no longer exists (at once, as always
  on a store of one PC);
* on another PC, when its lease lapsed: no heartbeat for :func:`lease_seconds` (20 s; the
  ``SMS_DESKTOP_LEASE`` environment variable sets another figure, e.g. a short one in tests).
  A PC that died (power, crash, network gone) lets its jobs go within that time.

A takeover settles the dead runner's journal exactly as a crash on one PC does (its ``sending``
batches become unknown, never resent automatically) in the same write transaction as the new
claim, the job's row locked. The holder checks that it still holds the lease in each of its
journal's write transactions (:func:`check`), so a PC that was only paused (a laptop asleep)
and comes back after a takeover stops before its next batch leaves: it never sends what the new
runner sends.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import identity
from ..errors import InputError
from ..estimate import HeldBy
from ..store import Connection, Database
from ..store import jobs as store_jobs
from ..store import services as store_services
from .journal import BookkeepingFailed, pid_alive
from .model import JobState, job_stamp

log = logging.getLogger(__name__)

LEASE_ENV = "SMS_DESKTOP_LEASE"
DEFAULT_LEASE = 20.0  # seconds without a heartbeat after which another PC's runner is gone


def lease_seconds() -> float:
    """How long a lease lasts without a heartbeat: :data:`DEFAULT_LEASE`, or the number of
    seconds in ``SMS_DESKTOP_LEASE``."""
    value = os.environ.get(LEASE_ENV, "")
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_LEASE
    return seconds if seconds > 0 else DEFAULT_LEASE


# the sender service's duty of sending the held jobs when due (``service.Duty.HELD``)
HELD_DUTY = "held"


def held_by(db: Database) -> HeldBy:
    """Who will send a job held on this store at its time (:class:`~..estimate.HeldBy`): on
    this PC's own file, this PC (the window, or a service run on it); on the office's store,
    the live sender service that took that duty (its heartbeat within the lease, as
    ``service.live_service`` has it), else any PC with the program open."""
    if not db.dialect.postgresql:
        return HeldBy("this_pc")
    lapse = lease_seconds()
    for r in store_services.rows(db):
        if float(r["age"]) < lapse and HELD_DUTY in str(r["duties"]).split(","):
            return HeldBy("service", str(r["host"]))
    return HeldBy("office")


def beat_every() -> float:
    """Seconds between heartbeats: a quarter of the lease, so that three can be late."""
    return lease_seconds() / 4


def host_name() -> str:
    """This PC's name (``identity.pc_name``: ``COMPUTERNAME`` where set, else the host name)."""
    return identity.pc_name()


def user_name() -> str:
    """The OS user (``identity.user_name``: ``USERNAME``, else ``USER``, else the login name)."""
    return identity.user_name()


@dataclass(frozen=True)
class Runner:
    """Who runs a job: PC, user, process and since when (the lease's holder)."""

    host: str
    user: str
    pid: int
    since: str

    @classmethod
    def me(cls) -> Runner:
        return cls(host_name(), user_name(), os.getpid(), job_stamp())

    @property
    def who_zh(self) -> str:
        return f"电脑 {self.host}（用户 {self.user}，进程 {self.pid}，{self.since} 起）"

    @property
    def who_en(self) -> str:
        return f"PC {self.host} (user {self.user}, pid {self.pid}, since {self.since})"


@dataclass(frozen=True)
class Holder:
    """The runner recorded on a running job, and its lease's age (None: no heartbeat, a job
    claimed by a program from before leases)."""

    runner: Runner
    age: float | None

    @classmethod
    def of(cls, row: Any) -> Holder:
        """From a job row with the runner's columns and ``lease_age``."""
        age = row["lease_age"]
        return cls(
            Runner(
                row["runner_host"] or "",
                row["runner_user"] or "?",
                int(row["runner_pid"] or 0),
                row["runner_since"] or "",
            ),
            None if age is None else float(age),
        )

    @property
    def alive(self) -> bool:
        """On this PC (or unnamed): its process exists; on another PC: its lease is younger than
        :func:`lease_seconds`."""
        if not self.runner.host or self.runner.host == host_name():
            return pid_alive(self.runner.pid)
        return self.age is not None and self.age < lease_seconds()


def held_elsewhere(job_id: int, holder: Holder) -> InputError:
    """The refusal of a start while another live runner holds the job, naming it."""
    r = holder.runner
    if not r.host or r.host == host_name():
        return InputError(
            f"任务 {job_id} 正在另一个进程中发送（进程 {r.pid}）。"
            f" / Job {job_id} is being sent by another process (pid {r.pid})."
        )
    beat = "" if holder.age is None else f"，{holder.age:.0f} 秒前有心跳"
    beat_en = "" if holder.age is None else f", heartbeat {holder.age:.0f} s ago"
    return InputError(
        f"任务 {job_id} 正由{r.who_zh}发送{beat}。如果那台电脑已关机或死机，"
        f"{lease_seconds():.0f} 秒内无心跳后可在本机继续。"
        f" / Job {job_id} is being sent by {r.who_en}{beat_en}. If that PC is switched off or"
        f" hung, it can be resumed here once its heartbeat is {lease_seconds():.0f} s old.",
    )


class LeaseLost(BookkeepingFailed):
    """Another runner took the job over (this one's lease lapsed): nothing more leaves."""

    def __init__(self, job_id: int) -> None:
        super().__init__(
            f"任务 {job_id} 已由另一台电脑接管（本机的租约已过期），本机停止发送",
            f"job {job_id} was taken over by another PC (this one's lease lapsed); this PC"
            " stops sending",
        )


def holds(c: Connection, job_id: int, runner: Runner) -> bool:
    """In a write transaction: whether ``runner`` still holds the job (the row locked against
    a takeover until the commit)."""
    return store_jobs.holds(c, job_id, JobState.RUNNING, runner.pid, runner.host, runner.since)


def check(c: Connection, job_id: int, runner: Runner) -> None:
    """In a write transaction: :class:`LeaseLost` (rolling it back) unless ``runner`` still
    holds the job."""
    if not holds(c, job_id, runner):
        raise LeaseLost(job_id)


class Heartbeat:
    """The heartbeats of the leases one engine holds, from one daemon thread (started with the
    first lease). A beat that finds the lease gone tells ``on_lost``; a store that refuses a
    beat is tried again at the next one."""

    def __init__(self, db: Database, on_lost: Callable[[int], None] | None = None) -> None:
        self.db = db
        self.on_lost = on_lost
        self._leases: dict[int, Runner] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def hold(self, job_id: int, runner: Runner) -> None:
        with self._lock:
            self._leases[job_id] = runner
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="lease-heartbeat", daemon=True
                )
                self._thread.start()

    def drop(self, job_id: int) -> None:
        with self._lock:
            self._leases.pop(job_id, None)

    def held(self) -> dict[int, Runner]:
        with self._lock:
            return dict(self._leases)

    def _run(self) -> None:
        while True:
            self._wake.wait(beat_every())
            leases = self.held()
            if not leases:
                with self._lock:
                    if not self._leases:
                        self._thread = None
                        return
                continue
            for job_id, runner in leases.items():
                try:
                    with self.db.write() as c:
                        mine = store_jobs.beat(
                            c, job_id, JobState.RUNNING, runner.pid, runner.host, runner.since
                        )
                except Exception as exc:  # busy or unreachable: the next beat tries again
                    log.warning("job %s: lease heartbeat not written: %s", job_id, exc)
                    continue
                if not mine and job_id in self.held():
                    log.error("job %s: its lease was taken over by another runner", job_id)
                    self.drop(job_id)
                    if self.on_lost is not None:
                        self.on_lost(job_id)

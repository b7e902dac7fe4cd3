"""The background duties on a store, in one place for both clients: the window's scheduler and
the office sender service (``sms-desktop-cli serve``).

The duties (:class:`Duty`):

* ``held``: send the locally held jobs whose time has come (not those handed to the service);
* ``poll``: pull the reports and replies of the accounts whose interval has passed;
* ``push``: run the qxt push receivers switched on (:mod:`.push_config`);
* ``automation``: make the runs of the automation rules that are due (:mod:`.automation.rules`:
  recurring and date-field sends; each run once in the store, whoever ticks), record the missed
  ones, and hand the jobs made to the caller to send;
* ``api``: run the local HTTP API (:mod:`.automation.api_server`): in the service when it was
  started with it (``serve --api``), else in the window when its setting is on;
* ``autoreply``: answer the new replies that a keyword auto-reply rule matches
  (:mod:`.automation.autoreply`: each reply looked at exactly once, whoever runs it; each answer
  a job sent at once);
* ``by_server``: run the jobs handed to the service (由服务器发送, ``JobSpec.by_server``): queued
  ones, held ones whose time has come, gateway-scheduled ones not yet handed to the gateway, and
  those its own clean stop paused. Only the service runs them; any other engine refuses.

**Exactly one of window or service runs each duty.** A service records itself in the store
(``services``: host, user, pid, since, the duties it took) and beats every :data:`HEARTBEAT`
seconds. While its last beat is younger than :data:`LAPSE` seconds, a window leaves those duties
to it (:func:`window_tick`); once it stopped (a clean stop deletes its row) or its heartbeat
lapsed (it died), the window's next tick takes them over. A second service on the same store is
refused (:class:`ServiceRunning`, naming who runs) while the first is live.

**A clean stop** (:meth:`Service.stop`: Ctrl+C, SIGTERM) starts nothing new, pauses every job
between batches (the requests in flight are answered and journalled as usual; a batch journalled
ahead goes back to the queue, so nothing is left ``sending``), stops the receivers and deletes
the service's row. The service continues the jobs it paused at its next start.

More duties (recurring sends, an HTTP API, auto-replies) are added here: a function in
:data:`TICKS` for work done at each tick, or an object with ``start``, ``tick`` and ``stop``
(as :class:`PushDuty`) for one that listens.
"""

from __future__ import annotations

import logging
import os
import secrets as _secrets
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import push_config
from .automation import autoreply
from .automation.api_server import ApiDuty
from .errors import InputError, SmsDesktopError
from .jobs import lease
from .jobs.engine import run_in_worker
from .jobs.journal import pid_alive
from .jobs.lease import host_name, user_name
from .jobs.model import JobControl, JobState, Progress, job_stamp
from .push_receiver import PushReceiver
from .session import Core
from .store import Database
from .store import jobs as store_jobs
from .store import services as store_services
from .sync import SyncResult

log = logging.getLogger(__name__)

# seconds between a service's heartbeats, and without one after which it counts as gone: a
# job's lease's figures (jobs/lease.py: 5 s and 20 s, or as SMS_DESKTOP_LEASE says)
HEARTBEAT = lease.beat_every()
LAPSE = lease.lease_seconds()
TICK = 5.0  # seconds between a service's ticks
SERVICE_NAME = "sender"  # the one sender service of a store


class Duty:
    HELD = lease.HELD_DUTY
    POLL = "poll"
    PUSH = "push"
    BY_SERVER = "by_server"
    AUTOMATION = "automation"
    API = "api"
    AUTOREPLY = "autoreply"

    # what a window runs while no live service does (its push receivers are its own, ui/push.py;
    # its API, :func:`window_api`)
    WINDOW = (AUTOMATION, HELD, POLL, PUSH, AUTOREPLY, API)
    # what the service runs: the jobs first, since their time matters, then the pulls, then the
    # answers to the replies they brought
    SERVICE = (AUTOMATION, HELD, BY_SERVER, PUSH, POLL, AUTOREPLY)
    # what the service runs only when asked (``serve --api``)
    OPTIONAL = (API,)
    # the duties whose tick finds jobs to send now (``Tick.due``)
    SENDING = (AUTOMATION, HELD, BY_SERVER)

    # each duty in the user's words (Chinese, English)
    WORDS: ClassVar[dict[str, tuple[str, str]]] = {
        AUTOMATION: ("自动化规则", "automation rules"),
        HELD: ("到时发送", "held jobs when due"),
        BY_SERVER: ("由服务器发送的任务", "jobs handed to the server"),
        PUSH: ("推送接收", "push receivers"),
        POLL: ("拉取报告和回复", "pulling reports and replies"),
        AUTOREPLY: ("关键词自动回复", "keyword auto-replies"),
        API: ("HTTP 接口", "the HTTP API"),
    }

    @classmethod
    def words(cls, duties: Iterable[str]) -> tuple[str, str]:
        """``duties`` listed in Chinese and in English."""
        known = [cls.WORDS.get(d, (d, d)) for d in duties]
        return "、".join(zh for zh, _ in known), ", ".join(en for _, en in known)


# ---- who runs ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ServiceInfo:
    """A service recorded in the store, and how long ago it last beat."""

    name: str
    host: str
    user: str
    pid: int
    started_at: str
    duties: frozenset[str]
    age: float  # seconds since its last heartbeat

    @property
    def live(self) -> bool:
        return self.age < LAPSE

    @property
    def key(self) -> tuple[str, str, int, str, frozenset[str]]:
        """The same service run, with the same duties, whatever its heartbeat's age."""
        return (self.name, self.host, self.pid, self.started_at, self.duties)

    @property
    def who_zh(self) -> str:
        return f"主机 {self.host}，用户 {self.user}，进程 {self.pid}，{self.started_at} 起"

    @property
    def who_en(self) -> str:
        return f"host {self.host}, user {self.user}, pid {self.pid}, since {self.started_at}"


class ServiceRunning(InputError):
    """Another live service runs on this store."""

    def __init__(self, other: ServiceInfo) -> None:
        self.other = other
        super().__init__(
            f"本数据库已有发送服务在运行：{other.who_zh}（{other.age:.0f} 秒前有心跳）。"
            f"先停止它，或等它的心跳超过 {LAPSE:.0f} 秒。"
            f" / A sender service already runs on this store: {other.who_en} (heartbeat"
            f" {other.age:.0f} s ago). Stop it first, or wait until its heartbeat is"
            f" {LAPSE:.0f} s old.",
        )


def _info(r: Any) -> ServiceInfo:
    """A ``services`` row (with its ``age``) as a ServiceInfo."""
    return ServiceInfo(
        name=r["name"],
        host=r["host"],
        user=r["user_name"],
        pid=int(r["pid"]),
        started_at=r["started_at"],
        duties=frozenset(d for d in str(r["duties"]).split(",") if d),
        age=float(r["age"]),
    )


def services(db: Database) -> list[ServiceInfo]:
    """Every service recorded in the store, live or not."""
    return [_info(r) for r in store_services.rows(db)]


def live_service(db: Database) -> ServiceInfo | None:
    """The live service of this store (its heartbeat younger than :data:`LAPSE`), or None."""
    for info in services(db):
        if info.live:
            return info
    return None


# ---- one tick ---------------------------------------------------------------------------------
@dataclass
class Tick:
    """What one tick did: the syncs, and the jobs due to run now (for the caller to run)."""

    synced: list[SyncResult] = field(default_factory=list)
    due: list[int] = field(default_factory=list)
    service: ServiceInfo | None = None  # a window's tick: the live service it left duties to
    left: frozenset[str] = frozenset()  # a window's tick: the duties that service runs
    answered: list[int] = field(default_factory=list)  # the jobs of the auto-replies (sent)


def _held(core: Core, tick: Tick) -> None:
    tick.due.extend(j for j in core.engine.due_jobs() if j not in tick.due)


def _by_server(core: Core, tick: Tick) -> None:
    tick.due.extend(j for j in core.engine.server_jobs() if j not in tick.due)


def _automation(core: Core, tick: Tick) -> None:
    from .automation import rules

    tick.due.extend(j for j in rules.tick(core.engine) if j not in tick.due)


def _poll(core: Core, tick: Tick) -> None:
    tick.synced.extend(core.poller.run_due())


def _autoreply(core: Core, tick: Tick) -> None:
    tick.answered.extend(autoreply.tick(core.engine))


# The duties done at each tick, by name (a duty that listens instead, such as push, is an object
# of its own). A new periodic duty adds its function here and its name to Duty.
TICKS: dict[str, Callable[[Core, Tick], None]] = {
    Duty.AUTOMATION: _automation,
    Duty.HELD: _held,
    Duty.BY_SERVER: _by_server,
    Duty.POLL: _poll,
    Duty.AUTOREPLY: _autoreply,
}


def run_duties(core: Core, duties: Iterable[str], tick: Tick | None = None) -> Tick:
    """Do the tick work of ``duties``, in that order (an error propagates)."""
    tick = tick if tick is not None else Tick()
    for duty in duties:
        work = TICKS.get(duty)
        if work is not None:
            work(core, tick)
    return tick


def window_tick(core: Core) -> Tick:
    """A window's tick: the window's duties that no live service runs. ``due``: the held jobs
    for the window to send; ``service``: the live service, when there is one."""
    service = live_service(core.db)
    left = service.duties if service is not None else frozenset()
    tick = run_duties(core, (d for d in Duty.WINDOW if d not in left))
    tick.service, tick.left = service, left
    return tick


def window_api(core: Core, duty: ApiDuty) -> None:
    """A window's tick of its HTTP API (``duty``: ``ApiDuty(core)``, which follows the setting):
    stopped while a live service runs the API, else kept as the setting says. Blocking (the
    store is read): run it off the GUI thread."""
    service = live_service(core.db)
    if service is not None and Duty.API in service.duties:
        duty.stop()
    else:
        duty.tick()


# ---- the push receivers, as the service runs them ---------------------------------------------
class PushDuty:
    """The receivers switched on (:func:`push_config.wanted`), kept running: each tick starts
    those newly switched on or whose port was busy, restarts the changed ones and stops those
    switched off. An error is logged once, until it changes or the receiver runs."""

    def __init__(self, core: Core, on_push: Callable[[SyncResult], None] | None = None) -> None:
        self.core = core
        self.on_push = on_push
        self.running: dict[str, tuple[PushReceiver, push_config.PushConfig, str | None]] = {}
        self.errors: dict[str, str] = {}

    def start(self) -> None:
        self.tick()

    def tick(self) -> None:
        wanted = {
            cfg.account: (cfg, token) for cfg, token in push_config.wanted(self.core.accounts)
        }
        for account in [a for a in self.running if a not in wanted]:
            self._stop_one(account, "switched off")
        for account, (cfg, token) in wanted.items():
            current = self.running.get(account)
            if current is not None and (current[1], current[2]) == (cfg, token):
                continue
            if current is not None:
                self._stop_one(account, "settings changed")
            try:
                receiver = push_config.make_receiver(
                    self.core.accounts, self.core.syncer, cfg, token, self._pushed
                ).start()
            except InputError as exc:
                text = str(exc)
                if self.errors.get(account) != text:
                    log.warning("push receiver for %s not running: %s", account, text)
                self.errors[account] = text
                continue
            self.errors.pop(account, None)
            self.running[account] = (receiver, cfg, token)
            log.info(
                "push receiver for %s: give the vendor %s",
                account,
                receiver.masked(receiver.vendor_url),
            )

    def _stop_one(self, account: str, why: str) -> None:
        receiver = self.running.pop(account)[0]
        receiver.stop()
        log.info("push receiver for %s stopped (%s)", account, why)

    def _pushed(self, result: SyncResult) -> None:
        if self.on_push is not None:  # the receiver logs what each push brought
            self.on_push(result)

    def stop(self) -> None:
        for account in list(self.running):
            self._stop_one(account, "the service stops")


# ---- the service ------------------------------------------------------------------------------
@dataclass
class _Run:
    job_id: int
    control: JobControl
    thread: threading.Thread


class Service:
    """The office sender service on one store: ``start()``, ``run()`` until
    ``request_stop()`` (any thread, a signal handler too), then ``stop()``.

    The registry of what runs: :attr:`duties` (the names recorded in the store), the jobs
    being sent (:meth:`running`), the push receivers (:attr:`push`).
    """

    def __init__(
        self,
        core: Core,
        *,
        interval: float = TICK,
        heartbeat: float = HEARTBEAT,
        duties: Sequence[str] = Duty.SERVICE,
        name: str = SERVICE_NAME,
        api_listen: str | None = None,
    ) -> None:
        """``api_listen``: where the HTTP API listens when ``duties`` has :attr:`Duty.API`
        (``HOST:PORT``; None: as its setting says)."""
        self.core = core
        self.interval = interval
        self.heartbeat = heartbeat
        self.duties = tuple(d for d in Duty.SERVICE + Duty.OPTIONAL if d in duties)
        self.name = name
        self.host, self.user, self.pid = host_name(), user_name(), os.getpid()
        self.started_at = job_stamp()
        self.token = _secrets.token_hex(8)
        self.push = PushDuty(core) if Duty.PUSH in self.duties else None
        # the API's jobs are the service's (由服务器发送): a job it accepted and did not finish
        # is run again by the next service to start, never by a window
        self.api = (
            ApiDuty(core, always=True, listen=api_listen, run_job=self._start_job, by_server=True)
            if Duty.API in self.duties
            else None
        )
        self.ticks = 0
        self._stop = threading.Event()
        self._requested = False  # request_stop() was called
        self._stopping = False
        self._lock = threading.Lock()
        self._jobs: dict[int, _Run] = {}
        self._claimed = False
        self._stopped = False
        self._beat_stop = threading.Event()
        self._beater: threading.Thread | None = None
        self._watcher: threading.Thread | None = None

    # ---- starting ----------------------------------------------------------------------------
    def start(self) -> None:
        """Take the store's service row (:class:`ServiceRunning` when another live service has
        it), settle the jobs whose runner died, set aside the held jobs whose time passed while
        nothing ran (they wait for a user's confirmation), start the receivers and the
        heartbeat."""
        self._claim()
        try:
            self._begin()
        except BaseException:
            self.stop()  # the row is given back: nothing half-started stays behind
            raise

    def _begin(self) -> None:
        self.core.engine.server = True
        self._watcher = threading.Thread(target=self._watch_stop, name="service-stop", daemon=True)
        self._watcher.start()
        self._beater = threading.Thread(target=self._beat, name="service-heartbeat", daemon=True)
        self._beater.start()
        db = self.core.db
        log.info(
            "sender service started on %s: duties %s; %s",
            getattr(db, "location", None) or getattr(db, "path", db),
            ", ".join(self.duties),
            self.who(),
        )
        engine = self.core.engine
        for job_id in engine.recover():
            job = engine.summary(job_id)
            if job.by_server and job.state == JobState.INTERRUPTED:
                # the service that ran it died (its lease lapsed): this one takes it over; what
                # was in flight is unknown (never resent), the rest is sent
                with self.core.db.write() as c:
                    store_jobs.hand_back(c, job_id, JobState.INTERRUPTED, JobState.QUEUED)
                log.warning(
                    "job %s: its runner died; the service goes on with it (%s unknown, never"
                    " resent automatically)",
                    job_id,
                    job.unknown,
                )
                continue
            log.warning("job %s was interrupted (its runner died); resume it by hand", job_id)
        for s in engine.mark_overdue():
            log.warning(
                "held job %s is overdue (due %s, nothing ran then): it waits for a user to"
                " confirm it",
                s.job_id,
                s.send_at,
            )
        if self.push is not None:
            self.push.start()
        if self.api is not None:
            self.api.start()  # InputError (the port in use): the service does not start

    def who(self) -> str:
        return f"host {self.host}, user {self.user}, pid {self.pid}, since {self.started_at}"

    def _claim(self, attempts: int = 3) -> None:
        db = self.core.db
        other = store_services.row(db, self.name)
        dead = (
            other is not None
            and other["host"] == self.host
            and other["pid"] != self.pid
            and not pid_alive(int(other["pid"]))
        )
        with db.write() as c:
            won = store_services.claim(
                c,
                self.name,
                token=self.token,
                host=self.host,
                user=self.user,
                pid=self.pid,
                started_at=self.started_at,
                duties=",".join(self.duties),
                lapse=LAPSE,
                dead_pid_on_host=dead,
            )
        if not won:
            found = store_services.row(db, self.name)
            if found is None and attempts > 1:  # it stopped meanwhile: try again
                self._claim(attempts - 1)
                return
            if found is None:
                raise InputError(
                    "无法登记发送服务，请重试。 / The service could not be recorded; try again."
                )
            raise ServiceRunning(_info(found))
        if other is not None:
            was = _info(other)
            log.warning(
                "took over from a service that stopped beating (host %s, pid %s, %.0f s ago)",
                was.host,
                was.pid,
                was.age,
            )
        self._claimed = True

    # ---- running -----------------------------------------------------------------------------
    def run(self) -> None:
        """Tick every :attr:`interval` seconds until a stop is requested. It waits in short
        slices, so that a signal handler runs soon on Windows too (where a long wait on a lock
        is not interrupted)."""
        while not self._stop.is_set():
            self.tick()
            deadline = time.monotonic() + self.interval
            while not self._stop.is_set() and (left := deadline - time.monotonic()) > 0:
                self._stop.wait(min(left, 0.5))

    def tick(self) -> Tick:
        """One tick: start the jobs due, keep the receivers running, pull what is due. An error
        of one duty is logged; the others still run."""
        tick = Tick()
        for duty in self.duties:
            if self._stop.is_set():
                break
            try:
                if duty == Duty.PUSH:
                    if self.push is not None:
                        self.push.tick()
                    continue
                if duty == Duty.API:
                    if self.api is not None:
                        self.api.tick()
                    continue
                run_duties(self.core, [duty], tick)
            except Exception as exc:  # a duty's failure is logged; the service goes on
                log.error("%s: %s", duty, exc, exc_info=not isinstance(exc, SmsDesktopError))
            if duty in Duty.SENDING:
                for job_id in tick.due:
                    self._start_job(job_id)
        self.ticks += 1
        return tick

    def running(self) -> list[int]:
        """The jobs being sent by this service now."""
        with self._lock:
            return list(self._jobs)

    def _start_job(self, job_id: int) -> None:
        with self._lock:
            if self._stopping or job_id in self._jobs:
                return
            control = JobControl()
            thread = threading.Thread(
                target=self._run_job, args=(job_id, control), name=f"job-{job_id}"
            )
            self._jobs[job_id] = _Run(job_id, control, thread)
            thread.start()

    def _run_job(self, job_id: int, control: JobControl) -> None:
        """One job, in its own thread (the engine logs its start and its end)."""
        try:
            run_in_worker(
                self.core.engine,
                job_id,
                release_held=True,
                due=True,
                control=control,
                progress=self._progress,
            )
        finally:
            with self._lock:
                self._jobs.pop(job_id, None)

    @staticmethod
    def _progress(p: Progress) -> None:
        if p.event not in ("batch", "finished"):  # retries, failovers, pauses
            detail = f" {p.detail}" if p.detail else ""
            log.info("job %s: %s %d/%d%s", p.job_id, p.event, p.done, p.total, detail)

    # ---- the heartbeat -----------------------------------------------------------------------
    def _beat(self) -> None:
        while not self._beat_stop.wait(self.heartbeat):
            try:
                with self.core.db.write() as c:
                    mine = store_services.beat(c, self.name, self.token)
            except Exception as exc:  # the store is busy or gone: try again at the next beat
                log.warning("heartbeat not written: %s", exc)
                continue
            if not mine:
                log.error(
                    "another service took this store over (this one's heartbeat lapsed): stopping"
                )
                self._claimed = False
                self.request_stop()
                return

    # ---- stopping ----------------------------------------------------------------------------
    def request_stop(self) -> None:
        """Ask for a clean stop (thread-safe; safe in a signal handler): nothing new starts and
        every job pauses between batches. :meth:`run` then returns."""
        self._requested = True
        self._stop.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def _watch_stop(self) -> None:
        self._stop.wait()
        if self._requested:  # a signal or a lost heartbeat, not stop() itself
            log.info(
                "正在停止：不再开始新的发送；每个发送等已发出的请求有了回复后暂停，下次启动时继续。"
                " / stopping: nothing new starts; each send pauses once its requests in flight"
                " are answered, and goes on at the next start"
            )
        self._pause_all()

    def _pause_all(self) -> None:
        with self._lock:
            first = not self._stopping
            self._stopping = True
            runs = list(self._jobs.values())
        for run in runs:
            run.control.pause()
        if runs and first:  # said once (a signal, then the clean stop, both pause)
            log.info(
                "正在停止：任务 %s 在已发出的请求有回复后暂停 / stopping: %s pause after the"
                " requests in flight",
                "、".join(str(r.job_id) for r in runs),
                ", ".join(f"job {r.job_id}" for r in runs),
            )

    def stop(self) -> None:
        """The clean stop: jobs paused between batches and waited for, receivers stopped, the
        heartbeat stopped and the service's row deleted. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        self._stop.set()
        if self.api is not None:
            self.api.stop()  # nothing new is accepted
        self._pause_all()
        with self._lock:
            runs = list(self._jobs.values())
        for run in runs:
            run.thread.join()
        if self.push is not None:
            self.push.stop()
        self._beat_stop.set()
        if self._beater is not None:
            self._beater.join()
        if self._claimed:
            try:
                with self.core.db.write() as c:
                    store_services.release(c, self.name, self.token)
            except Exception as exc:
                log.warning("service row not removed (its heartbeat will lapse): %s", exc)
            self._claimed = False
        self.core.engine.server = False
        if self._beater is not None:
            log.info("发送服务已停止 / sender service stopped")

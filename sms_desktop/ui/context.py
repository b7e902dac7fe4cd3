"""AppContext: the one object every widget gets (git-cola's ApplicationContext).

It holds the Qt-side services at once (settings, ops, changes, prompts) and the core objects
(db, secrets, accounts, engine, syncer, poller) from the moment the start-up op has opened them.
The core side is opened by :meth:`AppContext.start`, which must run inside an op (it opens the
database and may start the demo simulator).
"""

from __future__ import annotations

import logging
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

from .changes import ChangeBus
from .interaction import Prompts
from .ops import Ops

if TYPE_CHECKING:
    from ..core.accounts import AccountStore
    from ..core.automation.rules import Run
    from ..core.jobs.engine import Engine
    from ..core.jobs.model import JobSummary
    from ..core.push_receiver import PushReceiver
    from ..core.secrets import SecretStore
    from ..core.session import Core
    from ..core.store import Database, StoreUrl
    from ..core.sync import Poller, Syncer, SyncResult
    from ..simulator import Simulator
    from .change_watch import ChangeWatch
    from .job_runs import JobRuns
    from .passwords import PasswordAsker
    from .sends import Sends

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.ini"
DEMO_REPORT_DELAY = 4.0  # seconds: delivery reports arrive a little after a demo send
DEMO_POLL_INTERVAL = 5.0  # seconds: the demo pulls reports often
TICK_INTERVAL = 20.0  # seconds between scheduler ticks (sync due accounts, due held jobs)
DEMO_TICK_INTERVAL = 2.0


POLL_INTERVAL_KEY = "sync/poll_interval"  # seconds between pulls of reports and replies


def stored_poll_interval(settings: QSettings) -> float | None:
    """The poll interval chosen in 设置 → 选项 (None: the core's default)."""
    try:
        value = float(settings.value(POLL_INTERVAL_KEY, 0) or 0)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def open_settings(home: Path) -> QSettings:
    """QSettings as an INI file in the home folder: never the registry, in tests or demo."""
    return QSettings(str(Path(home) / SETTINGS_FILE), QSettings.Format.IniFormat)


@dataclass
class StartupReport:
    """What the start-up op found: shown by the main window on the GUI thread."""

    # job ids interrupted by a crash and waiting for a decision (Engine.awaiting_decision)
    interrupted: list[int] = field(default_factory=list)
    overdue: list[JobSummary] = field(default_factory=list)  # held jobs past their time
    backend_warning: str | None = None  # passwords in a file, not the OS keyring
    # automation runs missed while nothing ran (core/automation/rules.py): asked, never sent late
    missed: list[Run] = field(default_factory=list)
    thread: str = ""  # the thread the op ran in (checked by a test)


class AppContext:
    def __init__(
        self,
        home: Path,
        *,
        prompts: Prompts,
        settings: QSettings | None = None,
        demo: bool = False,
        owns_home: bool = False,
        sim: Simulator | None = None,
        demo_report_delay: float = DEMO_REPORT_DELAY,
        store: str | None = None,
    ) -> None:
        self.home = Path(home)
        self.store = store  # --store URL (None: SMS_DESKTOP_STORE, the saved choice, the file)
        self.store_url: StoreUrl | None = None  # the store the start-up op tried (open())
        # the office server could not be reached and the user chose this PC's own data
        self.local_fallback = False
        self.prompts = prompts
        self.settings = settings if settings is not None else open_settings(self.home)
        self.ops = Ops(prompts)
        self.changes = ChangeBus()
        self.demo = demo
        if demo:  # file dialogs open in the demo folder, where the sample contacts are
            prompts.start_dir = self.home
        self.owns_home = owns_home  # a throw-away demo home: deleted by close()
        self._api_duty: Any = None  # the window's HTTP API (api_tick), once a tick made it
        self._api_lock = threading.Lock()
        self.sim = sim
        self._own_sim = False
        self.demo_report_delay = demo_report_delay
        self.poll_interval = DEMO_POLL_INTERVAL if demo else stored_poll_interval(self.settings)
        self.tick_interval = DEMO_TICK_INTERVAL if demo else TICK_INTERVAL
        self.receiver: PushReceiver | None = None  # demo: the qxt account's push receiver
        # receivers switched on in 设置 → 推送接收 (ui/push.py); stopped by close()
        self.push_receivers: dict[str, PushReceiver] = {}
        self._core: Core | None = None
        self._lock = threading.Lock()
        self.startup: StartupReport | None = None
        self._lang: str | None = None  # see lang
        self.log_dir: Path | None = None  # set by app.main (Help → 打开日志文件夹)
        self._runs: JobRuns | None = None
        self.watch: ChangeWatch | None = None  # the ChangeBus's data signals (start_watching)
        self._sends: Sends | None = None
        self._passwords: PasswordAsker | None = None
        # an op's PasswordMissingError (Ops.report_error): the password is asked for
        self.ops.password_asker = lambda parent, exc: self.passwords.ask(
            parent,
            getattr(exc, "account", ""),
            missing=getattr(exc, "missing", ("password",)),
        )

    @property
    def lang(self) -> str:
        """The UI language: as set (app.main, from --lang / settings), else the installed
        translators' (i18n.install), else Chinese. One source for the models' pick()."""
        from . import i18n

        return self._lang or i18n.current() or "zh_CN"

    @lang.setter
    def lang(self, value: str) -> None:
        self._lang = value

    @property
    def sends(self) -> Sends:
        """Every send running in this window (发送, 发送记录, the scheduler)."""
        if self._sends is None:
            from .sends import Sends

            self._sends = Sends(self)
        return self._sends

    @property
    def passwords(self) -> PasswordAsker:
        """Asks for a gateway password this PC's keyring lacks (ui/passwords.py)."""
        if self._passwords is None:
            from .passwords import PasswordAsker

            self._passwords = PasswordAsker(self)
        return self._passwords

    @property
    def runs(self) -> JobRuns:
        """Sends started from 发送记录 and the start-up notices (resume, resend)."""
        if self._runs is None:
            from .job_runs import JobRuns

            self._runs = JobRuns(self)
        return self._runs

    # ---- the core, once open -------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._core is not None

    @property
    def core(self) -> Core:
        if self._core is None:
            raise RuntimeError("the database is not open yet (the start-up op has not finished)")
        return self._core

    @property
    def db(self) -> Database:
        return self.core.db

    @property
    def secrets(self) -> SecretStore:
        return self.core.secrets

    @property
    def accounts(self) -> AccountStore:
        return self.core.accounts

    @property
    def engine(self) -> Engine:
        return self.core.engine

    @property
    def syncer(self) -> Syncer:
        return self.core.syncer

    @property
    def poller(self) -> Poller:
        return self.core.poller

    # ---- inside ops ----------------------------------------------------------------------
    def open(self) -> Core:
        """Open the store (and, in demo mode, the simulator and demo accounts). In an op."""
        with self._lock:
            if self._core is not None:
                return self._core
            from ..core.session import open_core

            self.home.mkdir(parents=True, exist_ok=True)
            if not self.demo:
                from ..core.store.url import configured_store

                self.store_url = configured_store(self.store, self.home)
            accounts: AccountStore | None = None
            if self.demo:
                from ..demo import answer_by_itself, import_sample_contacts, setup_demo

                if self.sim is None:
                    from ..simulator import Simulator

                    sim = Simulator(host="127.0.0.1", port=0)
                    sim.report_delay = self.demo_report_delay
                    sim.report_success_ratio = 0.9
                    answer_by_itself(sim)  # replies, one an opt-out, come in by themselves
                    self.sim = sim.start()
                    self._own_sim = True
                accounts = setup_demo(self.home, self.sim)
                if self._own_sim:  # the demo proper (tests bring their own simulator)
                    import_sample_contacts(accounts, self.home)
            self._core = open_core(
                self.home, accounts=accounts, poll_interval=self.poll_interval, store=self.store
            )
            if self.demo and self._own_sim:
                self._start_demo_push(self._core)
            return self._core

    def _start_demo_push(self, core: Core) -> None:
        """qxt pushes its reports and replies: in demo mode, receive them on loopback."""
        from ..core.push_receiver import PushReceiver
        from ..demo import account_name

        assert self.sim is not None
        receiver = PushReceiver(
            core.db,
            account_name("qxt"),
            "127.0.0.1",
            0,
            accounts=core.accounts,
            syncer=core.syncer,
            on_push=self.pushed,
        )
        self.receiver = receiver.start()
        self.sim.set_push_url("demo", receiver.url)

    def pushed(self, result: SyncResult) -> None:
        """A push receiver's ``on_push`` (a server thread): say what it brought (the notices);
        the views see the stored data change through the ChangeWatch."""
        changes, ops = self.changes, self.ops
        if not ops.closed:
            ops.post(lambda: changes.sync_done.emit([result]))
            if self.watch is not None:
                self.watch.poke()

    def start_watching(self) -> None:
        """Start the ChangeWatch (main thread, once the store is open): from now on every
        change to the stored data reaches the ChangeBus, whoever makes it."""
        if self.watch is None:
            from .change_watch import ChangeWatch

            self.watch = ChangeWatch(self)
            self.ops.after_each.append(self.watch.poke)
            self.watch.start()

    def use_local_data(self) -> None:
        """The office server could not be reached at start and the user chose this PC's own
        data: the next start-up op opens the SQLite file in the data folder (for this run only;
        the saved choice stays)."""
        from ..core.store.url import default_url

        self.store = default_url(self.home).format()
        self.local_fallback = True

    def start(self) -> StartupReport:
        """The start-up op: open everything, settle interrupted jobs, find overdue held ones."""
        core = self.open()
        core.engine.recover()
        # every job a crash interrupted that nobody has decided on, whoever recovered it (a CLI
        # command run before the window settles it too)
        interrupted = core.engine.awaiting_decision()
        overdue = core.engine.mark_overdue()
        from ..core.automation import rules

        rules.tick_missed(core.engine)
        self.startup = StartupReport(
            interrupted=interrupted,
            overdue=overdue,
            missed=rules.missed_runs(core.db),
            backend_warning=core.secrets.backend_warning,
            thread=threading.current_thread().name,
        )
        return self.startup

    def api_tick(self) -> None:
        """The window's HTTP API follows its setting (自动化 → HTTP 接口), unless a live sender
        service runs it (:func:`~..core.service.window_api`). In an op: each scheduler tick,
        and at once when the setting is saved."""
        from ..core.automation.api_server import ApiDuty
        from ..core.service import window_api

        with self._api_lock:
            if self._api_duty is None:
                self._api_duty = ApiDuty(self.core)
            window_api(self.core, self._api_duty)

    # ---- shutdown (main thread, after sends were paused) ----------------------------------
    def close(self) -> None:
        """Drain the ops, stop the demo simulator, close the database. Idempotent."""
        self.settings.sync()
        self.ops.shutdown(wait=True)  # sends were paused by the close guards: wait for them
        with self._api_lock:
            if self._api_duty is not None:  # its server and the jobs it runs
                self._api_duty.stop()
                self._api_duty = None
        if self.watch is not None:
            self.watch.stop()
            self.watch = None
        if self.receiver is not None:
            self.receiver.stop()
            self.receiver = None
        for receiver in list(self.push_receivers.values()):
            receiver.stop()
        self.push_receivers.clear()
        if self._own_sim and self.sim is not None:
            self.sim.stop()
        if self._core is not None:
            self._core.close()
            self._core = None

    def remove_home(self) -> None:
        """Delete a throw-away demo home (after close() and after the log file is closed)."""
        if self.owns_home:
            from ..demo import release_home

            release_home(self.home)
            shutil.rmtree(self.home, ignore_errors=True)

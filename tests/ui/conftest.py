"""GUI test fixtures (pytest-qt, offscreen) and the guards every GUI test runs under.

Fixtures: ``sim`` and ``home`` (from tests/conftest.py: a real simulator on loopback with
report_delay=0, a throw-away home without the OS keyring), ``prompts`` (FakePrompts), ``ctx``
(an AppContext in demo set-up, opened in a worker thread), ``window`` (MainWindow, shown, its
start-up op finished).

Guards (autouse):
* opening a database connection on the GUI thread fails the test;
* a GUI-thread stall over 250 ms fails the test (a 10 ms QTimer watching its own gaps, see
  StallGuard for how machine load is told apart; the window
  fixture re-arms it after the first paint; ``stall_guard.paused()`` for test code that blocks);
* at teardown: no ops in flight, no ERROR logged by ``sms_desktop.core``, no CRITICAL (uncaught
  exception) logged by ``sms_desktop.ui``.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QTimer, Slot
from uihelpers import in_worker

from sms_desktop.core.store.db import SqliteDatabase
from sms_desktop.ui.context import AppContext
from sms_desktop.ui.interaction import FakePrompts

STALL_LIMIT = 0.250  # seconds


# ---------------------------------------------------------------------------- guards
@pytest.fixture(autouse=True)
def no_db_on_gui_thread(monkeypatch):
    """Connections are per thread: any database call on the GUI thread opens one. Fail it (on
    either engine)."""
    from sms_desktop.core.store.postgres import PostgresDatabase

    violations: list[str] = []

    def guard(cls):
        original = cls._connect

        def guarded(self):
            if threading.current_thread() is threading.main_thread():
                import traceback

                violations.append("".join(traceback.format_stack(limit=12)))
                raise AssertionError("a database connection was opened on the GUI thread")
            return original(self)

        monkeypatch.setattr(cls, "_connect", guarded)

    guard(SqliteDatabase)
    guard(PostgresDatabase)
    yield violations
    assert not violations, "database opened on the GUI thread:\n" + violations[0]


class StallGuard(QObject):
    """Watches the gaps between ticks of a 10 ms timer on the GUI thread.

    A gap over the limit is a stall when the GUI thread spent at least half of the limit on the
    CPU in it (busy on the GUI thread), or when a plain reference thread, ticking every 10 ms
    meanwhile, was never late by more than 100 ms (the GUI thread was blocked: sleep, I/O, a
    lock). A gap in which both threads were starved is the machine's load (other processes on
    the shared cores), not the application's: it is counted in ``excused``, not failed.
    """

    def __init__(self) -> None:
        super().__init__()
        self.worst = 0.0
        self.worst_why = ""
        self.excused: list[float] = []
        self._last: float | None = None
        self._last_cpu = 0.0
        self._armed = True
        self._ref_ticks: deque[float] = deque(maxlen=2000)
        self._ref_stop = threading.Event()
        self._ref = threading.Thread(target=self._reference, name="stall-reference", daemon=True)
        self._ref.start()
        self._timer = QTimer(self)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _reference(self) -> None:
        while not self._ref_stop.wait(0.01):
            self._ref_ticks.append(time.perf_counter())

    def _reference_worst_gap(self, start: float, end: float) -> float:
        ticks = [t for t in list(self._ref_ticks) if start <= t <= end]
        points = [start, *ticks, end]
        return max(b - a for a, b in itertools.pairwise(points))

    @Slot()
    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self._armed and self._last is not None:
            gap = now - self._last
            if gap > STALL_LIMIT:
                used = cpu - self._last_cpu
                ref_gap = self._reference_worst_gap(self._last, now)
                busy = used >= STALL_LIMIT / 2
                blocked = ref_gap < 0.100
                if busy or blocked:
                    if gap > self.worst:
                        self.worst = gap
                        self.worst_why = (
                            f"GUI-thread CPU {used * 1000:.0f} ms,"
                            f" reference thread late by at most {ref_gap * 1000:.0f} ms"
                        )
                else:
                    self.excused.append(gap)
        self._last, self._last_cpu = now, cpu

    def disarm(self) -> None:
        self._armed = False

    def arm(self) -> None:
        self._armed = True
        self._last = None  # the next gap starts from the next tick

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        self.disarm()
        try:
            yield
        finally:
            self.arm()

    def stop(self) -> None:
        self._timer.stop()
        self._ref_stop.set()
        self._ref.join(1)


@pytest.fixture(autouse=True)
def stall_guard(qapp):
    """As in the application (gc_guard), Python's collector does not run by itself during a GUI
    test: a full collection of the whole pytest session's heap is not the application's stall."""
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    guard = StallGuard()
    try:
        yield guard
    finally:
        guard.stop()
        if was:
            gc.enable()
    assert guard.worst <= STALL_LIMIT, (
        f"the GUI thread stalled for {guard.worst * 1000:.0f} ms ({guard.worst_why})"
    )


class _Collect(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def clean_log():
    core, ui = _Collect(logging.ERROR), _Collect(logging.CRITICAL)
    logging.getLogger("sms_desktop.core").addHandler(core)
    logging.getLogger("sms_desktop.ui").addHandler(ui)
    yield core, ui  # a test that provokes an error on purpose clears these
    logging.getLogger("sms_desktop.core").removeHandler(core)
    logging.getLogger("sms_desktop.ui").removeHandler(ui)
    bad = [r.getMessage() for r in core.records + ui.records]
    assert not bad, f"errors were logged: {bad}"


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture(autouse=True, scope="session")
def chinese_locale():
    """Numbers as the application shows them: app.main's i18n.install sets QLocale's default to
    the UI language, so counts (``self.tr("…%Ln…", "", n)``) are grouped (100,000); without it
    this machine's C locale would print 100000. Tests that install a language get its locale."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def ctx(qapp, qtbot, home, sim, prompts, stall_guard) -> Iterator[AppContext]:
    """An AppContext with the demo set-up against ``sim``, opened in a worker thread."""
    c = AppContext(home, prompts=prompts, demo=True, sim=sim)
    in_worker(c.open)
    yield c
    with contextlib.suppress(Exception):
        qtbot.waitUntil(lambda: c.ops.in_flight == 0, timeout=2000)
    in_flight = c.ops.in_flight
    stall_guard.disarm()  # closing joins the pools and checkpoints the database: by design
    c.close()
    assert in_flight == 0, f"{in_flight} ops still in flight at the end of the test"


@pytest.fixture
def make_window(qtbot, ctx, stall_guard):
    """Build, show and start the main window (tests that prepare the store first call it)."""
    from sms_desktop.ui.main_window import MainWindow

    left_in_flight: list[int] = []

    def before_close(w: MainWindow) -> None:
        # pytest-qt closes (and deletes later) the widgets it was given before any fixture's
        # teardown runs: the wait for ops in flight and the guard's pause belong here, not
        # after the fixture's yield, where a wait could delete the window first.
        with contextlib.suppress(Exception):
            qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=2000)
        left_in_flight.append(ctx.ops.in_flight)
        stall_guard.disarm()  # closing joins the pools

    def make() -> MainWindow:
        stall_guard.disarm()  # the first paint loads fonts and styles
        w = MainWindow(ctx)
        qtbot.addWidget(w, before_close_func=before_close)
        w.show()
        w.start()
        qtbot.waitUntil(lambda: w.ready, timeout=10000)
        qtbot.waitExposed(w)
        stall_guard.arm()
        return w

    yield make
    assert not any(left_in_flight), f"{left_in_flight} ops still in flight at the end of the test"


@pytest.fixture
def window(make_window):
    """The main window, shown, its start-up op finished."""
    return make_window()

"""The one background-operation helper of the GUI.

Every database, keyring, file and network call runs inside an :class:`Op`, off the GUI thread;
its result comes back to the main thread::

    Op(self, lambda: engine.jobs(200)).on_success(self.show_jobs).in_pool("query").run()

* ``fn`` gets plain data gathered on the GUI thread, never a widget.
* ``on_success(result)`` and ``on_failure(exc)`` run on the main thread, and only while the
  ``parent`` widget still exists. Without ``on_failure`` the error goes to
  :meth:`Ops.report_error` (a :class:`~.interaction.Prompts` dialog, the traceback in the log).
* ``with_progress(cb)``: ``fn`` is called with one argument, a thread-safe ``report(value)``;
  values reach ``cb`` on the main thread through a :class:`ProgressThrottle`.
* ``token(key)``: a newer op with the same key makes this op's result stale; it is dropped.
* Pools: ``query`` (2 threads, short reads the user waits for), ``io`` (4: network, keyring,
  files, writes), ``send`` (4: a whole job each).

Results travel through one :class:`Dispatcher` on the main thread: workers append callables under
a lock and wake it with a signal; it drains them within a time budget, then yields to the event
loop. There is no per-task ``QObject`` and nothing is connected from a worker thread.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from .interaction import Prompts

log = logging.getLogger(__name__)

T = TypeVar("T")
Pool = Literal["query", "io", "send"]
POOL_SIZES: dict[str, int] = {"query": 2, "io": 4, "send": 4}
DRAIN_BUDGET = 0.015  # seconds of callbacks per turn of the event loop


# The dispatcher's wake-up: an event posted to it, queued even when posted from the main thread
# (a callback never runs inside post()). A queued signal connection did the same, but its
# Qt.ConnectionType brought the whole Qt namespace (94 enums, about 30 ms) before the window's
# first paint.
_WAKE = QEvent.Type(QEvent.registerEventType())


class Dispatcher(QObject):
    """Runs callables posted from any thread on the main thread, a time budget per turn."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[Callable[[], None]] = deque()
        self._lock = threading.Lock()
        self._armed = False

    def post(self, fn: Callable[[], None]) -> None:
        """Thread-safe: run ``fn`` on the main thread soon."""
        with self._lock:
            self._queue.append(fn)
            if self._armed:
                return
            self._armed = True
        QCoreApplication.postEvent(self, QEvent(_WAKE))

    def event(self, event: QEvent) -> bool:
        if event.type() == _WAKE:
            self._drain()
            return True
        return super().event(event)

    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    @Slot()
    def _drain(self) -> None:
        deadline = time.perf_counter() + DRAIN_BUDGET
        while True:
            with self._lock:
                if not self._queue:
                    self._armed = False
                    return
                fn = self._queue.popleft()
            try:
                fn()
            except Exception as exc:
                # reach the global handler (log + dialog), but finish this batch first
                _raise_later(exc)
            if time.perf_counter() > deadline:
                QTimer.singleShot(0, self._drain)
                return


def _raise_later(exc: BaseException) -> None:
    import sys

    hook = sys.excepthook
    hook(type(exc), exc, exc.__traceback__)


class ProgressThrottle:
    """A thread-safe progress callback that reaches ``callback`` on the main thread.

    Values for which ``urgent(value)`` is true (engine ``Progress`` events other than ``batch``:
    retry, failover, paused, finished) always pass, in order. Others are coalesced: the newest
    one is delivered at most every ``interval`` seconds.
    """

    def __init__(
        self,
        dispatcher: Dispatcher,
        callback: Callable[[Any], None],
        interval: float = 0.1,
        urgent: Callable[[Any], bool] | None = None,
    ) -> None:
        self._dispatcher = dispatcher
        self._callback = callback
        self._interval = interval
        self._urgent = urgent or _urgent_progress
        self._lock = threading.Lock()
        self._pending: Any = None
        self._has_pending = False
        self._scheduled = False
        self._last = 0.0
        self.closed = False

    def __call__(self, value: Any) -> None:
        if self._urgent(value):
            with self._lock:
                self._has_pending = False
                self._pending = None
            self._dispatcher.post(lambda: self._deliver_value(value))
            return
        with self._lock:
            self._pending = value
            self._has_pending = True
            if self._scheduled:
                return
            self._scheduled = True
        self._dispatcher.post(self._schedule)

    def _schedule(self) -> None:
        wait = self._last + self._interval - time.monotonic()
        if wait <= 0:
            self._flush()
        else:
            QTimer.singleShot(max(1, int(wait * 1000)), self._flush)

    def _flush(self) -> None:
        with self._lock:
            self._scheduled = False
            if not self._has_pending:
                return
            value, self._pending, self._has_pending = self._pending, None, False
        self._deliver_value(value)

    def _deliver_value(self, value: Any) -> None:
        if self.closed:
            return
        self._last = time.monotonic()
        self._callback(value)


def _urgent_progress(value: Any) -> bool:
    event = getattr(value, "event", None)
    return event is not None and event != "batch"


class Ops(QObject):
    """The pools, the dispatcher, stale tokens and the in-flight count. One per application."""

    busy_changed = Signal(int)  # ops in flight

    _current: Ops | None = None

    def __init__(self, prompts: Prompts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.dispatcher = Dispatcher(self)
        self._pools: dict[str, ThreadPoolExecutor] = {}
        self._tokens: dict[str, int] = {}
        self._in_flight = 0
        self._closed = False
        # an op's PasswordMissingError → asks for what this PC lacks (set by the AppContext)
        self.password_asker: Callable[[QObject | None, BaseException], object] | None = None
        # called in the worker as each op ends, before its result is handed back (thread-safe
        # callables: the ChangeWatch looks at the store at once, as the op may have written)
        self.after_each: list[Callable[[], None]] = []
        Ops._current = self

    @classmethod
    def current(cls) -> Ops:
        if cls._current is None:
            raise RuntimeError("no Ops: create the AppContext first")
        return cls._current

    # ---- state ---------------------------------------------------------------------------
    @property
    def in_flight(self) -> int:
        return self._in_flight

    @property
    def closed(self) -> bool:
        return self._closed

    def post(self, fn: Callable[[], None]) -> None:
        """Thread-safe: run ``fn`` on the main thread (e.g. a push receiver's callback)."""
        self.dispatcher.post(fn)

    def pool(self, name: str) -> ThreadPoolExecutor:
        ex = self._pools.get(name)
        if ex is None:
            from concurrent.futures import ThreadPoolExecutor  # not needed before the first op

            if not self._pools and threading.current_thread() is threading.main_thread():
                # PySide builds the Qt namespace (its 94 enums) at its first import, and not
                # atomically: a worker's first import of it (a module imported in an op) racing
                # the GUI thread's first use left the GUI thread a half-built ``Qt`` ("no
                # attribute 'CursorShape'"). So it is built here, once, before any worker exists.
                from PySide6.QtCore import Qt  # noqa: F401

            ex = ThreadPoolExecutor(POOL_SIZES[name], thread_name_prefix=f"op-{name}")
            self._pools[name] = ex
        return ex

    def _begin(self) -> None:
        self._in_flight += 1
        self.busy_changed.emit(self._in_flight)

    def _end(self) -> None:
        self._in_flight -= 1
        self.busy_changed.emit(self._in_flight)

    def next_token(self, key: str) -> int:
        n = self._tokens.get(key, 0) + 1
        self._tokens[key] = n
        return n

    def is_current(self, key: str, n: int) -> bool:
        return self._tokens.get(key) == n

    # ---- errors --------------------------------------------------------------------------
    def report_error(self, parent: QObject | None, exc: BaseException) -> None:
        """The default failure handler: the user's text, the vendor's text, the details."""
        from ..core.errors import InputError, PasswordMissingError, SmsDesktopError, StoreError
        from .i18n import pick

        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        if isinstance(exc, PasswordMissingError) and self.password_asker is not None:
            log.info("op needs a password: %s", exc)
            self.password_asker(parent, exc)
            return
        if isinstance(exc, InputError):
            log.info("op refused: %s", exc)
            self.prompts.error(parent, pick(str(exc)))
            return
        if isinstance(exc, SmsDesktopError):
            log.warning("op failed: %s", exc, exc_info=exc)
            raw = getattr(exc, "raw", None)  # ProtocolError: the reply that was not understood
            text = getattr(raw, "text", raw)
            details: str | None = tb
            if isinstance(exc, StoreError):  # the user's words; the details, the engine's own
                cause = exc.__cause__
                details = f"{type(cause).__name__}: {cause}" if cause is not None else None
            self.prompts.error(
                parent,
                pick(str(exc)),
                vendor_text=None if text is None else str(text)[:500],
                details=details,
            )
            return
        log.error("op failed with an unexpected error", exc_info=exc)
        self.prompts.error(
            parent,
            QCoreApplication.translate("Ops", "操作失败，发生了意外错误。详细信息已写入日志文件。"),
            details=tb,
        )

    # ---- shutdown ------------------------------------------------------------------------
    def shutdown(self, wait: bool = True) -> None:
        """Cancel queued ops, wait for running ones, drop their callbacks. Idempotent."""
        self._closed = True
        pools, self._pools = self._pools, {}
        for ex in pools.values():
            ex.shutdown(wait=wait, cancel_futures=True)
        self.dispatcher.clear()
        self._in_flight = 0
        if Ops._current is self:
            Ops._current = None


class Op(Generic[T]):
    """A builder for one background operation (see the module docstring)."""

    def __init__(
        self, parent: QObject | None, fn: Callable[..., T], *, ops: Ops | None = None
    ) -> None:
        self._parent = parent
        self._fn = fn
        self._ops = ops
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress: Callable[[Any], None] | None = None
        self._progress_interval = 0.1
        self._pool: str = "query"
        self._token: str | None = None

    def on_success(self, cb: Callable[[T], None]) -> Op[T]:
        self._success = cb
        return self

    def on_failure(self, cb: Callable[[BaseException], None]) -> Op[T]:
        self._failure = cb
        return self

    def with_progress(self, cb: Callable[[Any], None], interval: float = 0.1) -> Op[T]:
        self._progress = cb
        self._progress_interval = interval
        return self

    def in_pool(self, pool: Pool) -> Op[T]:
        if pool not in POOL_SIZES:
            raise ValueError(f"unknown pool {pool!r}")
        self._pool = pool
        return self

    def token(self, key: str) -> Op[T]:
        self._token = key
        return self

    def run(self) -> Future[T] | None:
        """Start the op. Returns its future (for tests), or None once the app is shutting down."""
        ops = self._ops or Ops.current()
        if ops.closed:
            log.info("op not started: shutting down")
            return None
        key = self._token
        gen = ops.next_token(key) if key is not None else 0
        throttle: ProgressThrottle | None = None
        if self._progress is not None:
            throttle = ProgressThrottle(
                ops.dispatcher, self._guarded(self._progress), self._progress_interval
            )
        fn = self._fn
        ops._begin()

        def work() -> T:
            return fn(throttle) if throttle is not None else fn()

        future = ops.pool(self._pool).submit(work)

        def done(f: Future[T]) -> None:  # runs in the worker (or here, if already done)
            ops.post(lambda: self._finish(ops, f, key, gen, throttle))
            for hook in list(ops.after_each):
                hook()

        future.add_done_callback(done)
        return future

    def _alive(self) -> bool:
        p = self._parent
        return p is None or shiboken6.isValid(p)

    def _guarded(self, cb: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            if self._alive():
                cb(value)

        return call

    def _finish(
        self,
        ops: Ops,
        f: Future[T],
        key: str | None,
        gen: int,
        throttle: ProgressThrottle | None,
    ) -> None:
        if ops.closed:
            return
        ops._end()
        if throttle is not None:
            throttle.closed = True
        if f.cancelled():
            return
        exc = f.exception()
        if exc is not None and not isinstance(exc, Exception):
            raise exc  # SystemExit, KeyboardInterrupt: not an op failure
        if key is not None and not ops.is_current(key, gen):
            if exc is not None:
                log.info("stale op %s failed: %s", key, exc)
            return
        if not self._alive():
            if exc is not None:
                log.warning("op failed after its window closed", exc_info=exc)
            return
        if exc is not None:
            if self._failure is not None:
                log.info("op failed: %r", exc)
                self._failure(exc)
            else:
                ops.report_error(self._parent, exc)
            return
        if self._success is not None:
            self._success(f.result())

"""The console the command line writes to: its encodings and its signals.

Encodings. A Windows console or pipe speaks the ANSI code page (936 on Chinese Windows, 1252 on
an English one); a Linux shell under ``LANG=C`` may speak ASCII. Nothing the CLI writes may be
lost to a ``?``:

* ``--json`` goes out as UTF-8 when stdout is UTF-8, else ASCII-escaped (``"\\u5f20\\u4f1f"``):
  valid JSON that any code page carries and any parser reads back exactly
  (:func:`json_ensure_ascii`).
* Human text that the stream cannot carry is escaped the same way (``\\u5f20``), never replaced:
  :func:`fit` before widths are measured (tables stay aligned), and ``backslashreplace`` on both
  streams (:func:`setup_streams`) for everything else.

Arguments typed in Chinese reach Python undecoded under ``LANG=C`` without UTF-8 mode:
:func:`arguments` reads them as the UTF-8 they are.

Signals. SIGTERM (a service manager, ``kill``, ``timeout``) stops a command the way Ctrl+C does
(:func:`install_termination`): ``receive`` closes its listener and exits 0. While a job is being
sent, :func:`stopping` turns the first Ctrl+C (or SIGTERM) into a pause between batches: it says
so at once, names the job and how to resume it; a second one interrupts at once.
"""

from __future__ import annotations

import codecs
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..core.engine import JobControl


def _encoding(stream: Any) -> str:
    enc = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(enc).name
    except LookupError:
        return "ascii"


def is_unicode(stream: Any) -> bool:
    """True when ``stream`` encodes every character (UTF-8, UTF-16 …)."""
    return _encoding(stream).startswith("utf")


def json_ensure_ascii(stream: Any = None) -> bool:
    """``ensure_ascii`` for JSON written to ``stream`` (default stdout)."""
    return not is_unicode(sys.stdout if stream is None else stream)


def fit(text: str, stream: Any = None) -> str:
    """``text`` with every character ``stream`` (default stdout) cannot carry escaped."""
    s = sys.stdout if stream is None else stream
    if is_unicode(s) or text.isascii():
        return text
    enc = _encoding(s)
    try:
        text.encode(enc)
        return text
    except UnicodeEncodeError:
        return text.encode(enc, "backslashreplace").decode(enc)


def setup_streams(streams: tuple[TextIO | None, ...] | None = None) -> None:
    """Escape what stdout and stderr cannot carry instead of failing or writing ``?``."""
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def arguments(argv: list[str]) -> list[str]:
    """Command-line arguments the locale could not decode (Chinese text under ``LANG=C``
    without UTF-8 mode arrives as surrogate escapes) read again as UTF-8 where they are."""
    out = []
    for arg in argv:
        if any("\udc80" <= c <= "\udcff" for c in arg):
            raw = arg.encode(sys.getfilesystemencoding(), "surrogateescape")
            with contextlib.suppress(UnicodeDecodeError):
                arg = raw.decode("utf-8")
        out.append(arg)
    return out


class Terminated(KeyboardInterrupt):
    """SIGTERM (or Ctrl+Break): handled wherever Ctrl+C is."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


_STOP_SIGNALS = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGBREAK", None)) if s
)


def install_termination() -> None:
    """SIGTERM (and Ctrl+Break on Windows) stop a command as Ctrl+C does (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in _STOP_SIGNALS:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(sig, _terminate)


def stop_message(job_id: int) -> str:
    return (
        f"正在停止…任务 {job_id} 在发出中的请求返回后暂停，其余号码保留；"
        f"继续发送：sms-desktop-cli resume {job_id}（再按一次 Ctrl+C 立即中断）"
        f" / stopping… job {job_id} pauses once the requests in flight are answered and keeps"
        f" every recipient not yet sent; resume it with `sms-desktop-cli resume {job_id}`"
        " (Ctrl+C again interrupts at once)"
    )


class Stopping:
    """The state of :func:`stopping`: its :attr:`control` goes to the engine; :attr:`asked`
    tells whether the user stopped the send."""

    def __init__(self, job_id: int) -> None:
        from ..core.engine import JobControl  # only a send needs the engine

        self.job_id = job_id
        self.control: JobControl = JobControl()
        self.asked = False


@contextlib.contextmanager
def stopping(job_id: int) -> Iterator[Stopping]:
    """While a job is sent: the first Ctrl+C or SIGTERM pauses it between batches and says so
    at once (naming the job and ``resume``); the next one interrupts."""
    state = Stopping(job_id)
    if threading.current_thread() is not threading.main_thread():
        yield state
        return
    sigs = [signal.SIGINT, *_STOP_SIGNALS]
    before = {s: signal.getsignal(s) for s in sigs}

    def handler(signum: int, frame: object) -> None:
        if state.asked:
            raise KeyboardInterrupt()
        state.asked = True
        state.control.pause()
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(fit(stop_message(job_id), sys.stderr) + "\n")
            sys.stderr.flush()

    for s in sigs:
        # a SIGINT the shell made us ignore (a background job) stays ignored
        if before[s] is signal.SIG_IGN:
            continue
        with contextlib.suppress(ValueError, OSError):
            signal.signal(s, handler)
    try:
        yield state
    finally:
        for s, h in before.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(s, h)

"""The log file and the last-resort error paths.

* A rotating file in platformdirs' user log folder (demo mode: inside its home), also fed by Qt's
  own messages.
* ``sys.excepthook`` (exceptions in slots), ``threading.excepthook`` (plain threads) and op
  failures reach the log and a dialog: the application never exits silently.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler

from .ops import Ops

log = logging.getLogger("sms_desktop.ui")
LOG_FILE = "sms-desktop.log"


def default_log_dir() -> Path:
    from ..core.logfile import default_log_dir as user_log_folder

    return user_log_folder()


def setup_logging(folder: Path, level: int = logging.INFO) -> logging.Handler:
    """Log ``sms_desktop.*`` to ``folder/sms-desktop.log``: the core's rotating file (1 MB × 5),
    imported when called (after the first paint). Returns the handler."""
    from ..core.logfile import setup_logging as rotating_file

    return rotating_file(folder / LOG_FILE, level)


def remove_logging(handler: logging.Handler) -> None:
    logging.getLogger("sms_desktop").removeHandler(handler)
    handler.close()


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(mode: QtMsgType, context: object, message: str) -> None:
    logging.getLogger("sms_desktop.qt").log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def install_qt_message_handler() -> Callable[[], None]:
    """Qt's warnings into the log. Returns a function that puts the previous handler back."""
    previous = qInstallMessageHandler(_qt_message)

    def restore() -> None:
        qInstallMessageHandler(previous)

    return restore


def _show(ops: Ops, text: str, details: str) -> None:
    if ops.closed:
        return
    ops.post(lambda: ops.prompts.error(None, text, details=details))


def _unexpected_text() -> str:
    return QCoreApplication.translate(
        "Errors", "发生了意外错误。程序可以继续使用；详细信息已写入日志文件。"
    )


def install_excepthooks(ops: Ops) -> Callable[[], None]:
    """Route uncaught exceptions to the log and a dialog. Returns a function that undoes it."""
    old_sys, old_thread = sys.excepthook, threading.excepthook

    def sys_hook(typ: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(typ, KeyboardInterrupt):
            old_sys(typ, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(typ, exc, tb))
        _show(ops, _unexpected_text(), "".join(traceback.format_exception(typ, exc, tb)))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical(
            "uncaught exception in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        details = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        _show(ops, _unexpected_text(), details)

    sys.excepthook = sys_hook
    threading.excepthook = thread_hook

    def restore() -> None:
        sys.excepthook, threading.excepthook = old_sys, old_thread

    return restore

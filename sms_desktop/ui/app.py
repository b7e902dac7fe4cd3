"""Start the desktop application: ``sms-desktop`` / ``python -m sms_desktop``.

``main(argv)`` builds the window and runs the event loop; it reuses a ``QApplication`` that
already exists (tests, scripts). Options: ``--demo``, ``--home DIR`` (or ``SMS_DESKTOP_HOME``),
``--lang zh_CN|en``, ``--store URL`` (or ``SMS_DESKTOP_STORE``; a store that cannot be used is a
dialog at start-up).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from . import first_paint, i18n

if TYPE_CHECKING:
    from .interaction import Prompts

log = logging.getLogger("sms_desktop.ui")

ORG_NAME = "SMSDesktop"
APP_NAME = "SMS Desktop"
APP_USER_MODEL_ID = "SMSDesktop.SMSDesktop"  # Windows taskbar grouping and notifications


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="sms-desktop", description="短信群发助手 / SMS Desktop")
    p.add_argument("--demo", action="store_true", help="演示模式 / demo mode (built-in simulator)")
    p.add_argument("--home", metavar="DIR", help="数据目录 / data folder (or SMS_DESKTOP_HOME)")
    p.add_argument("--lang", choices=i18n.LANGS, help="界面语言 / UI language")
    p.add_argument(
        "--store",
        metavar="URL",
        help="数据库：sqlite:///文件 或 postgresql://用户@服务器[:端口]/数据库"
        " / the store: sqlite:///FILE or postgresql://USER@HOST[:PORT]/DATABASE"
        " (or SMS_DESKTOP_STORE)",
    )
    p.add_argument(
        "--self-test",
        metavar="REPORT.json",
        help="自检：演示模式下运行各项检查，写出报告 / run the checks in demo mode, write a report",
    )
    args = p.parse_args(argv)
    if args.self_test:  # always a throw-away demo, in Chinese (checks Qt's zh_CN translations)
        args.demo, args.lang = True, "zh_CN"
    return args


def resolve_home(args: argparse.Namespace) -> tuple[Path, bool]:
    """The home folder, and whether it is a throw-away demo folder (deleted at exit)."""
    if args.home:
        return Path(args.home).expanduser(), False
    env = os.environ.get("SMS_DESKTOP_HOME")
    if env and not getattr(args, "self_test", None):  # the self-test runs in its own demo home
        return Path(env).expanduser(), False
    if args.demo:
        from ..demo import demo_home

        return demo_home(), True
    from ..core.store.db import default_home

    return default_home(), False


def has_screen(env: dict[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Whether Qt can open a window here: Windows and macOS always; elsewhere an X or Wayland
    display, or a platform chosen with ``QT_QPA_PLATFORM`` (offscreen, vnc …)."""
    e = os.environ if env is None else env
    if not platform.startswith("linux") and "bsd" not in platform:
        return True
    return bool(e.get("DISPLAY") or e.get("WAYLAND_DISPLAY") or e.get("QT_QPA_PLATFORM"))


def program_as_started(argv0: str) -> str:
    """The program as the user can type it again: ``sms-desktop`` when that name on PATH is this
    program, else the path it was started by (a virtualenv that is not activated)."""
    import shutil

    path = Path(argv0)
    if not path.name.startswith("sms-desktop") or len(path.parts) < 2:
        return "sms-desktop"
    found = shutil.which(path.name)
    if found is not None and Path(found).resolve() == path.resolve():
        return "sms-desktop"
    return argv0


def no_screen_message(argv: Sequence[str], program: str | None = None) -> str:
    """What to do without a display, instead of Qt's abort ("could not connect to display")."""
    started = program_as_started(sys.argv[0] if program is None else program)
    command = os.environ.get("SMS_DESKTOP_LAUNCHER") or " ".join([started, *argv])
    return (
        "没有显示器（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开窗口。\n"
        f"  在虚拟屏幕上运行：xvfb-run -a {command}\n"
        f"  不显示窗口运行（脚本、自检）：QT_QPA_PLATFORM=offscreen {command}\n"
        "No display (neither DISPLAY nor WAYLAND_DISPLAY is set): the window cannot open.\n"
        f"  On a virtual screen: xvfb-run -a {command}\n"
        f"  With no window at all (scripts, the self-test): QT_QPA_PLATFORM=offscreen {command}"
    )


def prepare_qt() -> QApplication:
    """Set what must precede QApplication, then return the (new or existing) application."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        set_app_icon(existing)  # a script's or a test's application gets it too
        return existing
    # (Qt 6 rounds no high-DPI scale factor by default: PassThrough, the policy this set before)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    if sys.platform == "win32":  # the taskbar groups our windows under our name and icon
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID)
    app = QApplication([])
    app.setApplicationDisplayName("短信群发助手")
    set_app_icon(app)
    if os.name == "nt":  # avoid the SimSun fallback on Chinese Windows
        font = app.font()
        font.setFamilies(["Segoe UI", "Microsoft YaHei UI"])
        app.setFont(font)
    return app


def set_app_icon(app: QApplication) -> None:
    """The icon of every window (and of the taskbar entry), unless the application has one."""
    icon = app_icon_path()
    if icon is not None and app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(icon)))


def app_icon_path() -> Path | None:
    """The icon, ``resources/icons/sms-desktop.png`` (inside the package once installed or
    frozen, in the checkout otherwise: assets.py)."""
    from .assets import asset

    path = asset("icons", "sms-desktop.png")
    return path if path.is_file() else None


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def close_on_sigint(window: QWidget) -> Callable[[], None]:
    """Ctrl+C in the terminal (``bash .ci/demo``), and SIGTERM (``kill``, a session ending),
    close the window cleanly (a demo's folder is deleted) instead of nothing or a hard stop:
    a Python signal handler only runs when Python gets control, so a timer wakes it."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    sigs = [s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None]
    old = {s: signal.getsignal(s) for s in sigs}
    wake = QTimer(window)
    wake.setInterval(250)
    wake.timeout.connect(_noop)
    wake.start()

    def handler(signum: int, frame: object) -> None:
        QTimer.singleShot(0, window.close)

    for s in sigs:
        signal.signal(s, handler)

    def restore() -> None:
        wake.stop()
        for s, h in old.items():
            signal.signal(s, h)

    return restore


def _noop() -> None:
    pass


def main(argv: Sequence[str] | None = None, *, prompts: Prompts | None = None) -> int:
    """Build the window and run the event loop; returns the exit code.

    ``prompts`` replaces the real dialogs (tests and scripts pass a ``FakePrompts``).
    """
    args = parse_args(argv)
    if args.self_test:
        from .selftest import prepare_environment

        prepare_environment()
    if QApplication.instance() is None and not has_screen():
        print(no_screen_message(sys.argv[1:] if argv is None else list(argv)), file=sys.stderr)
        return 2
    home, throwaway = resolve_home(args)
    home.mkdir(parents=True, exist_ok=True)
    app = prepare_qt()
    from .single_instance import SingleInstance

    instance = SingleInstance(home)
    if not throwaway and not instance.acquire():  # already running on this home: show that
        instance.ask_first_to_show()
        return 0

    from .context import AppContext, open_settings
    from .gc_guard import GcGuard
    from .interaction import QtPrompts
    from .logs import (
        default_log_dir,
        install_excepthooks,
        install_qt_message_handler,
        remove_logging,
        setup_logging,
    )
    from .main_window import MainWindow

    settings = open_settings(home)
    lang = i18n.choose_lang(args.lang, settings)
    translators = i18n.install(app, lang)
    restore_qt_messages = install_qt_message_handler()

    if prompts is None:
        prompts = QtPrompts()
    ctx = AppContext(
        home,
        prompts=prompts,
        settings=settings,
        demo=args.demo,
        owns_home=throwaway,
        store=args.store,
    )
    ctx.lang = lang
    restore_hooks = install_excepthooks(ctx.ops)
    gc_guard = GcGuard(lambda: ctx.ops.in_flight)
    gc_guard.start()
    window = MainWindow(ctx)
    from .startprobe import install_first_paint_probe

    install_first_paint_probe(window)  # benchmarks of frozen builds only (an environment variable)
    window.show()  # before the start-up op opens the database: the cold-start target
    handlers: list[logging.Handler] = []

    def after_first_paint() -> None:
        # The log file (logging.handlers, platformdirs) and the start-up op (a worker importing
        # the core while the window painted, competing for the GIL) wait for the first paint.
        log_dir = home / "logs" if args.demo else default_log_dir()
        handlers.append(setup_logging(log_dir))
        ctx.log_dir = log_dir
        log.info("starting: home=%s demo=%s lang=%s", home, args.demo, lang)
        window.start()

    first_paint.after_first_paint(after_first_paint)
    restore_sigint = close_on_sigint(window)
    window.became_ready.connect(gc_guard.freeze)
    instance.activated.connect(lambda: bring_to_front(window))
    probe = None
    if args.self_test:
        from .selftest import SelfTest

        probe = SelfTest(window, Path(args.self_test), translators)
        probe.start()
    try:
        rc = app.exec()
    finally:
        if not window.isHidden():
            window.close()
        if ctx.ops.closed is False:
            ctx.close()
        gc_guard.stop()
        restore_sigint()
        restore_hooks()
        restore_qt_messages()
        i18n.remove(app, translators)
        log.info("stopped")
        for handler in handlers:
            remove_logging(handler)
        instance.release()
        ctx.remove_home()
        window.deleteLater()
    return probe.exit_code if probe is not None else int(rc)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

"""The system-tray icon (only where a tray exists: ``QSystemTrayIcon.isSystemTrayAvailable()``).

* Every ``Prompts.notify`` notice (sends finished, held jobs released, new replies, low
  balances, sync errors: see ``inbox_watch`` and ``scheduler``) is also shown as a tray message.
* Menu: 显示窗口, 暂停所有发送, 退出.
* Closing the window while held-locally jobs are waiting keeps the application running in the
  tray (so they are sent at their time), after saying so once; 退出 in the tray menu quits. Not
  while a live sender service sends them (the scheduler saw it at its last tick). Without a tray,
  the window asks instead (``held_close``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon

from .ops import Op

if TYPE_CHECKING:
    from ..core.jobs.engine import Engine
    from .main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Tray", text)


def held_jobs(engine: Engine) -> dict[int, str]:
    """Jobs held on this computer until their time: id and time (in an op); not those handed to
    the sender service."""
    return {
        j.job_id: j.send_at or ""
        for j in engine.held_jobs()
        if j.state == "held" and not j.by_server
    }


def app_icon() -> QIcon:
    icon = QApplication.windowIcon()
    if icon.isNull():
        style = QApplication.style()
        if style is not None:
            icon = style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
    return icon


class Tray(QObject):
    def __init__(self, window: MainWindow, *, available: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.available = QSystemTrayIcon.isSystemTrayAvailable() if available is None else available
        # held-locally jobs waiting, and their times (read again on jobs_changed; a job that
        # is being sent, or whose send ended since, no longer waits)
        self._held: dict[int, str] = {}
        self.quitting = False
        self.said_kept = False  # "still running in the tray" is said once
        self.icon: QSystemTrayIcon | None = None
        self.menu: QMenu | None = None
        if self.available:
            self._build()
        self.ctx.changes.jobs_changed.connect(self.refresh)
        self.ctx.changes.job_finished.connect(self._finished)
        self.ctx.prompts.notified.connect(self._notified)

    def _build(self) -> None:
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        show = QAction(_tr("显示窗口"), self.menu)
        show.setObjectName("trayShowAction")
        show.triggered.connect(self.show_window)
        pause = QAction(_tr("暂停所有发送"), self.menu)
        pause.setObjectName("trayPauseAction")
        pause.triggered.connect(self.pause_all)
        quit_ = QAction(_tr("退出"), self.menu)
        quit_.setObjectName("trayQuitAction")
        quit_.triggered.connect(self.quit)
        for action in (show, pause, quit_):
            self.menu.addAction(action)
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setObjectName("trayIcon")
        self.icon.setToolTip(_tr("短信群发助手"))
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.show()

    # ---- state ---------------------------------------------------------------------------
    @Slot()
    @Slot(object)
    def refresh(self, _job_id: object = None) -> None:
        if not self.ctx.is_open:
            return
        engine = self.ctx.engine
        Op(self, lambda: held_jobs(engine), ops=self.ctx.ops).in_pool("query").token(
            "tray-held"
        ).on_success(self._counted).run()

    def _counted(self, held: dict[int, str]) -> None:
        self._held = held

    @Slot(object)
    def _finished(self, summary: object) -> None:
        self._held.pop(getattr(summary, "job_id", -1), None)

    def _waiting(self) -> dict[int, str]:
        return {i: at for i, at in self._held.items() if not self.ctx.sends.is_running(i)}

    @property
    def held(self) -> int:
        """Held-locally jobs that still wait for their time."""
        return len(self._waiting())

    @property
    def first_held(self) -> str | None:
        """The time of the first one."""
        return min((at for at in self._waiting().values() if at), default=None)

    def keep_running(self) -> bool:
        """Asked by the window when it closes: stay in the tray (True) while held jobs wait."""
        if self.quitting or not self.available or self.held <= 0:
            return False
        scheduler = self.window.scheduler
        if scheduler is not None and scheduler.leaves_held_jobs:
            return False  # the sender service sends them
        if not self.said_kept:
            self.said_kept = True
            self.ctx.prompts.notify(
                _tr("程序仍在运行"),
                QCoreApplication.translate(
                    "Tray",
                    "有 %Ln 个定时任务等待发送，程序在系统托盘中继续运行；从托盘菜单退出。",
                    "",
                    self.held,
                ),
            )
        return True

    # ---- actions -------------------------------------------------------------------------
    @Slot(str, str)
    def _notified(self, title: str, text: str) -> None:
        if self.icon is not None:
            self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)

    @Slot(QSystemTrayIcon.ActivationReason)
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_window()

    @Slot()
    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    @Slot()
    def pause_all(self) -> None:
        """Pause every running send (the compose tab's, 发送记录's, released held jobs)."""
        n = self.window.pause_all_sends()
        self.ctx.prompts.notify(
            _tr("已暂停发送"),
            QCoreApplication.translate("Tray", "%Ln 个发送将在当前批次结束后暂停。", "", n),
        )

    @Slot()
    def quit(self) -> None:
        self.quitting = True
        self.window.show()
        self.window.close()

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()

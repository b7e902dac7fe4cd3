"""The main window: tabs, menus, status bar. No business logic.

Tabs are built on first show (``TABS``: page objectName, title, module, class). The start-up op
runs after the window is shown; :attr:`MainWindow.ready` turns true when it has finished.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSize,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from . import first_paint
from .context import AppContext, StartupReport
from .models import states
from .ops import Op
from .settings import PersistState
from .tabs.base import Tab

if TYPE_CHECKING:
    from ..core.diagnostics import DiagnosticsReport
    from ..core.store import StoreUnreachable
    from .dialogs.guide import GuideDialog
    from .dialogs.templates import TemplatesDialog
    from .inbox_watch import InboxWatch
    from .push import PushReceivers
    from .scheduler import Scheduler
    from .tray import Tray

log = logging.getLogger(__name__)

TABS = [
    ("composePage", QT_TRANSLATE_NOOP("MainWindow", "发送"), "compose", "ComposeTab"),
    ("contactsPage", QT_TRANSLATE_NOOP("MainWindow", "通讯录"), "contacts", "ContactsTab"),
    ("historyPage", QT_TRANSLATE_NOOP("MainWindow", "发送记录"), "history", "HistoryTab"),
    ("inboxPage", QT_TRANSLATE_NOOP("MainWindow", "收件箱"), "inbox", "InboxTab"),
    ("balancePage", QT_TRANSLATE_NOOP("MainWindow", "余额"), "balance", "BalanceTab"),
    ("statsPage", QT_TRANSLATE_NOOP("MainWindow", "统计"), "stats", "StatsTab"),
    ("automationPage", QT_TRANSLATE_NOOP("MainWindow", "自动化"), "automation", "AutomationTab"),
]


def warm_tab_modules() -> None:
    """Import the tabs' modules in the start-up op: a tab's first show then builds widgets only,
    instead of compiling its modules on the GUI thread (about 200 ms for 发送记录)."""
    for _, _, module, _ in TABS:
        importlib.import_module(f"{__package__}.tabs.{module}")


# Every tab fits in this width (tests/ui/test_gui_polish.py checks it in both languages). A
# page reports it as its minimum before and after its tab is built, so the window's minimum
# width is the same from the start: showing a tab for the first time never widens the window.
PAGE_MIN_WIDTH = 800


class LazyPage(QWidget):
    """A tab page that builds its :class:`Tab` the first time it is shown."""

    def __init__(self, ctx: AppContext, name: str, module: str, cls: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.ctx = ctx
        self._module, self._cls = module, cls
        self.tab: Tab | None = None
        self._ready = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> Tab:
        if self.tab is None:
            mod = importlib.import_module(f"{__package__}.tabs.{self._module}")
            self.tab = getattr(mod, self._cls)(self.ctx, self)
            self._layout.addWidget(self.tab)
            self.tab.restore_state(self.ctx.settings)
            if self._ready:
                self.tab.on_ready()
        return self.tab

    def set_ready(self) -> None:
        self._ready = True
        if self.tab is not None:
            self.tab.on_ready()

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(PAGE_MIN_WIDTH, hint.width()), hint.height())


class _FirstPaint(QObject):
    """Tells :mod:`.first_paint` when the window has painted for the first time."""

    def __init__(self, window: QWidget, fallback_ms: int = 1000) -> None:
        super().__init__(window)
        self._window = window
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._painted)  # a window that does not paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._painted()
        return False

    def _painted(self) -> None:
        if not self._done:
            self._done = True
            self._window.removeEventFilter(self)
            first_paint.painted()


class MainWindow(PersistState, QMainWindow):
    became_ready = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.ready = False
        self._closed = False
        self.scheduler: Scheduler | None = None  # made once the core is open
        self.watch: InboxWatch | None = None  # unread count and notices (once the core is open)
        self.tray: Tray | None = None
        self.push: PushReceivers | None = None  # qxt push receivers switched on in the settings
        self.guide: GuideDialog | None = None  # 帮助 → 使用说明, once opened
        self.templates_dialog: TemplatesDialog | None = None  # 短信模板, once opened
        self.last_diagnostics: DiagnosticsReport | None = None
        self.setObjectName("MainWindow")
        # Qt appends the display name to every window title that does not end with it: set it in
        # the chosen language (app.py set it before the translators), and end our title with it.
        name = self.tr("短信群发助手")
        QGuiApplication.setApplicationDisplayName(name)
        self.setWindowTitle(self.tr("演示模式") + " — " + name if ctx.demo else name)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName(self.tr("主选项卡"))
        self.pages: dict[str, LazyPage] = {}
        for name, label, module, cls in TABS:
            page = LazyPage(ctx, name, module, cls)
            self.pages[name] = page
            self.tabs.addTab(page, QCoreApplication.translate("MainWindow", str(label)))
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self._build_status_bar()
        self.resize(1100, 720)
        self.restore_state(ctx.settings)
        _FirstPaint(self)

    # ---- chrome --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        quit_action = QAction(self.tr("退出(&X)"), self)
        # setShortcuts (every binding of the platform): setShortcut() of a StandardKey brought the
        # whole Qt namespace (94 enums, about 30 ms) before the first paint
        quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.sync_action = QAction(self.tr("立即同步(&Y)"), self)
        self.sync_action.setObjectName("syncNowAction")
        self.sync_action.setShortcuts(QKeySequence.StandardKey.Refresh)
        self.sync_action.triggered.connect(self.sync_now)
        self.sync_action.setEnabled(False)
        file_menu.addAction(self.sync_action)
        file_menu.addAction(quit_action)
        settings_menu = bar.addMenu(self.tr("设置(&S)"))
        accounts = QAction(self.tr("账户(&A)…"), self)
        accounts.setObjectName("accountsAction")
        accounts.triggered.connect(self.show_accounts)
        settings_menu.addAction(accounts)
        options = QAction(self.tr("选项(&O)…"), self)
        options.setObjectName("settingsAction")
        options.triggered.connect(self.show_settings)
        settings_menu.addAction(options)
        guard = QAction(self.tr("发送规则(&R)…"), self)
        guard.setObjectName("guardSettingsAction")
        guard.triggered.connect(self.show_guard_settings)
        settings_menu.addAction(guard)
        push = QAction(self.tr("推送接收(&P)…"), self)
        push.setObjectName("pushAction")
        push.triggered.connect(self.show_push)
        settings_menu.addAction(push)
        templates = QAction(self.tr("短信模板(&T)…"), self)
        templates.setObjectName("templatesAction")
        templates.triggered.connect(self.show_templates)
        settings_menu.addAction(templates)
        self.settings_actions = [accounts, options, guard, push, templates]
        for action in self.settings_actions:
            action.setEnabled(False)  # until the start-up op has opened the store
        # 数据库 → 办公室服务器: usable before the store opens (to fix an unreachable address)
        db_menu = settings_menu.addMenu(self.tr("数据库(&D)"))
        office = QAction(self.tr("办公室服务器(&O)…"), self)
        office.setObjectName("officeStoreAction")
        office.triggered.connect(self.show_office_store)
        db_menu.addAction(office)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        guide = QAction(self.tr("使用说明(&U)"), self)
        guide.setObjectName("userGuideAction")
        guide.setShortcuts(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.show_guide)
        help_menu.addAction(guide)
        self.diagnostics_action = QAction(self.tr("导出诊断信息(&D)…"), self)
        self.diagnostics_action.setObjectName("exportDiagnosticsAction")
        self.diagnostics_action.triggered.connect(self.export_diagnostics)
        self.diagnostics_action.setEnabled(False)  # until the start-up op has opened the store
        help_menu.addAction(self.diagnostics_action)
        logs = QAction(self.tr("打开日志文件夹"), self)
        logs.setObjectName("openLogFolderAction")
        logs.triggered.connect(self.open_log_folder)
        help_menu.addAction(logs)
        about = QAction(self.tr("关于(&A)"), self)
        about.setObjectName("aboutAction")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        # the label's height with its text from the start: showing Chinese text grew the status
        # bar by a pixel, which re-laid out and repainted the whole window (with a 100,000-row
        # contacts table, 10-25 ms of GUI thread) twice per op that lasts, e.g. an import
        self.busy_label.setText(self.tr("正在处理…"))
        self.busy_label.setMinimumHeight(self.busy_label.sizeHint().height())
        self.busy_label.setText("")
        self.statusBar().addPermanentWidget(self.busy_label)
        # shown only when ops stay in flight 300 ms: quick ones (a scheduler tick) never flash it
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(300)
        self._busy_timer.timeout.connect(self._show_busy)
        self.statusBar().showMessage(self.tr("正在打开数据…"))
        self.ctx.ops.busy_changed.connect(self._busy)
        self.ctx.prompts.notified.connect(self._notified)

    @Slot(int)
    def _busy(self, n: int) -> None:
        if n and not self._busy_timer.isActive() and not self.busy_label.text():
            self._busy_timer.start()
        elif not n:
            self._busy_timer.stop()
            self.busy_label.setText("")

    @Slot()
    def _show_busy(self) -> None:
        if self.ctx.ops.in_flight:
            self.busy_label.setText(self.tr("正在处理…"))

    @Slot(str, str)
    def _notified(self, title: str, text: str) -> None:
        shown = states.colon(title) + text if title else text  # 标题：… / Title: …
        self.statusBar().showMessage(shown, 15000)

    @Slot()
    def open_log_folder(self) -> None:
        if self.ctx.log_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.log_dir)))

    @Slot()
    def show_accounts(self) -> None:
        from .dialogs.account import AccountsDialog

        AccountsDialog(self.ctx, self).exec()

    @Slot()
    def show_settings(self) -> None:
        from .dialogs.settings import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    @Slot()
    def show_guard_settings(self) -> None:
        from .dialogs.guard_settings import GuardSettingsDialog

        GuardSettingsDialog(self.ctx, self).exec()

    @Slot()
    def show_office_store(self) -> None:
        from .dialogs.office_store import OfficeStoreDialog

        OfficeStoreDialog(self.ctx, self).exec()

    @Slot()
    def show_push(self) -> None:
        from .dialogs.push import PushDialog

        if self.push is not None:
            PushDialog(self.ctx, self.push, self).exec()

    @Slot()
    def show_templates(self) -> QWidget:
        """短信模板 (from 设置 and from 发送's 模板…): one list, raised when already open."""
        from .dialogs.templates import TemplatesDialog

        if self.templates_dialog is None:
            self.templates_dialog = TemplatesDialog(self.ctx, self)
        self.templates_dialog.show()
        self.templates_dialog.raise_()
        return self.templates_dialog

    @Slot()
    def show_guide(self) -> None:
        """The user guide in the UI's language (one viewer, raised when already open)."""
        from .dialogs.guide import GuideDialog

        if self.guide is None:
            self.guide = GuideDialog(self.ctx, self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    @Slot()
    def export_diagnostics(self) -> None:
        """A zip of the logs, the versions and the settings (no secret) for support."""
        from datetime import datetime

        from .dialogs.about import versions

        path = self.ctx.prompts.save_file(
            self,
            self.tr("导出诊断信息"),
            self.tr("Zip 压缩文件 (*.zip)"),
            f"sms-desktop-diagnostics-{datetime.now():%Y%m%d-%H%M}.zip",
        )
        if path is None:
            return
        ctx = self.ctx
        extra = {k: v for k, v in versions().items() if k in ("Qt", "PySide6")}
        extra["UI language"] = ctx.lang
        settings_file = Path(ctx.settings.fileName())  # as last written (Qt writes it when idle)

        def write() -> DiagnosticsReport:
            from ..core.diagnostics import write_diagnostics

            return write_diagnostics(
                path,
                db=ctx.db,
                accounts=ctx.accounts,
                log_dir=ctx.log_dir,
                settings_file=settings_file,
                versions=extra,
            )

        Op(self, write, ops=ctx.ops).in_pool("io").on_success(self._diagnostics_written).run()

    def _diagnostics_written(self, report: DiagnosticsReport) -> None:
        self.last_diagnostics = report
        self.ctx.prompts.notify(
            self.tr("已导出诊断信息"),
            self.tr("%1（不含密码），可发给技术支持。").replace("%1", str(report.path)),
        )

    @Slot()
    def show_about(self) -> None:
        from .dialogs.about import AboutDialog

        AboutDialog(self).exec()

    @Slot()
    def sync_now(self) -> None:
        if self.scheduler is not None:
            self.scheduler.sync_now()

    # ---- inbox, compose, tray (part 2) ---------------------------------------------------
    @Slot(int)
    def _unread_changed(self, n: int) -> None:
        i = self.tabs.indexOf(self.pages["inboxPage"])
        text = self.tr("收件箱")
        self.tabs.setTabText(i, text + (f" ({n})" if n else ""))
        self.tabs.setTabToolTip(i, self.tr("%Ln 条未读回复", "", n) if n else "")

    @Slot(object)
    def open_compose(self, phones: list[str]) -> None:
        """发送 with these numbers filled in (回复 in the inbox and the conversation)."""
        page = self.pages["composePage"]
        self.tabs.setCurrentWidget(page)
        tab = page.build()
        prefill = getattr(tab, "prefill_recipients", None)
        if prefill is not None:
            prefill(phones)

    def pause_all_sends(self) -> int:
        """Pause every running send (tray menu); returns how many were asked to pause."""
        return self.ctx.sends.pause_all()

    # ---- start-up ------------------------------------------------------------------------
    def page(self, name: str) -> LazyPage:
        return self.pages[name]

    def start(self) -> None:
        """Run the start-up op (open the store, recover, mark overdue) off the GUI thread."""
        ctx = self.ctx

        def work() -> StartupReport:
            report = ctx.start()
            warm_tab_modules()
            return report

        Op(self, work, ops=ctx.ops).in_pool("io").on_success(self._started).on_failure(
            self._start_failed
        ).run()

    def _started(self, report: StartupReport) -> None:
        self.setProperty("shownBeforeReady", self.isVisible())
        self.ready = True
        self.statusBar().showMessage(self.tr("就绪"), 5000)
        if self.ctx.local_fallback:
            self._label_local_data()
        elif self.ctx.db.dialect.postgresql:
            self._label_office_store()
        for page in self.pages.values():
            page.set_ready()
        for action in self.settings_actions:
            action.setEnabled(True)
        self.diagnostics_action.setEnabled(True)
        from .inbox_watch import InboxWatch
        from .scheduler import Scheduler
        from .startup import announce
        from .tray import Tray

        self.ctx.start_watching()
        scheduler = self.scheduler = Scheduler(self.ctx, parent=self)
        self.sync_action.setEnabled(True)
        self.watch = InboxWatch(self.ctx, self)
        self.ctx.changes.unread_changed.connect(self._unread_changed)
        self.ctx.changes.compose_requested.connect(self.open_compose)
        self.watch.refresh()
        self.tray = Tray(self)
        self.tray.refresh()
        from .push import PushReceivers

        self.push = PushReceivers(self.ctx, self)
        self.push.start_all()
        scheduler.service_changed.connect(self.push.follow_service)
        self.became_ready.emit()
        announce(self, self.ctx, report, on_released=scheduler.send)
        scheduler.start()

    def _start_failed(self, exc: BaseException) -> None:
        from ..core.store import StoreLoginRefused, StoreUnreachable

        log.error("start-up failed", exc_info=exc)
        self.statusBar().showMessage(self.tr("无法打开数据"))
        if isinstance(exc, StoreUnreachable) and not self.ctx.local_fallback:
            self._ask_unreachable(exc)
            return
        if isinstance(exc, StoreLoginRefused) and not self.ctx.local_fallback:
            from .i18n import pick

            self._ask_login(pick(str(exc)), exc.user)
            return
        self.ctx.ops.report_error(
            self, exc
        )  # a wrong password, a newer database …: nothing written

    def _ask_unreachable(self, exc: StoreUnreachable) -> None:
        """The office server is out of reach: 重试, 使用本机数据 (this PC's own file, labelled
        as such while in use) or 退出."""
        url = self.ctx.store_url
        host = exc.host or (f"{url.host}:{url.port}" if url is not None else "")
        title, text, choices = self.unreachable_question(host)
        picked = self.ctx.prompts.choose(self, title, text, choices, default=0, cancel=2)
        if picked == 0:
            self._start_again()
        elif picked == 1:
            self._start_again(local=True)
        else:
            self.close()

    def _start_again(self, *, local: bool = False) -> None:
        """The start-up op once more: on the same store, or (``local``) on this PC's own data."""
        if local:
            self.ctx.use_local_data()
        self.statusBar().showMessage(self.tr("正在打开数据…"))
        self.start()

    def _ask_login(self, why: str, user: str) -> None:
        """The office server wants a password this PC has not saved, or refused the saved one
        (``why``, the server's answer in words): 输入密码 (tried first, then kept in this PC's
        keyring), 使用本机数据 or 退出."""
        title, text, choices = self.login_question(why)
        picked = self.ctx.prompts.choose(self, title, text, choices, default=0, cancel=2)
        if picked == 0:
            self._enter_store_password(user)
        elif picked == 1:
            self._start_again(local=True)
        else:
            self.close()

    def login_question(self, why: str) -> tuple[str, str, list[str]]:
        """The title, text and answers of the question when the office server wants a password
        (``why``: its answer, in words; the screenshots show it too)."""
        return (
            self.tr("办公室服务器需要密码"),
            why
            + "\n\n"
            + self.tr(
                "可以输入密码再连接（密码只保存在这台电脑的系统密码库中），"
                "也可以先使用本机数据（只在这台电脑上，与办公室服务器上的数据分开）。"
            ),
            [self.tr("输入密码(&P)…"), self.tr("使用本机数据(&L)"), self.tr("退出(&X)")],
        )

    def _enter_store_password(self, user: str) -> None:
        """Ask for the office server's password; tried before it is kept, then the start again."""
        from ..core.store.url import check_store, set_store_password

        url, home = self.ctx.store_url, self.ctx.home
        assert url is not None
        password = self.ctx.prompts.ask_password(
            self,
            self.tr("办公室服务器密码"),
            self.tr("用户 %1 在办公室服务器 %2 上的密码：")
            .replace("%1", user or str(url.user))
            .replace("%2", f"{url.host}:{url.port}"),
        )
        if not password:
            self._ask_login(self.tr("没有输入密码。"), user)
            return

        def work() -> tuple[bool, str]:
            check = check_store(url, home, password)
            if check.ok:
                set_store_password(home, url, password)
            return check.ok, check.message

        def tried(result: tuple[bool, str]) -> None:
            from .i18n import pick

            ok, why = result
            if ok:
                self._start_again()
            else:
                self._ask_login(pick(why), user)

        def failed(exc: BaseException) -> None:  # the keyring refused it, say: ask again
            from .i18n import pick

            log.warning("keeping the office server's password failed", exc_info=exc)
            self._ask_login(pick(str(exc)), user)

        Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(tried).on_failure(failed).run()

    def unreachable_question(self, host: str) -> tuple[str, str, list[str]]:
        """The title, text and answers of the question when the office server is out of reach
        (the screenshots show it too)."""
        return (
            self.tr("无法连接办公室服务器"),
            self.tr(
                "无法连接办公室服务器 %1。\n\n服务器可能没有开机，或者网络断开了。"
                "可以重试，也可以先使用本机数据（只在这台电脑上，与办公室服务器上的数据分开）。"
            ).replace("%1", host),
            [self.tr("重试(&R)"), self.tr("使用本机数据(&L)"), self.tr("退出(&X)")],
        )

    def _label_office_store(self) -> None:
        """Say in the status bar that this is the office's shared data, and which server."""
        url = self.ctx.store_url
        if url is None or url.is_sqlite:
            return
        self.store_label = QLabel(
            self.tr("办公室服务器：%1").replace("%1", f"{url.host} · {url.database}")
        )
        self.store_label.setObjectName("officeStoreLabel")
        self.store_label.setToolTip(
            self.tr("数据保存在办公室服务器上，与其他电脑共用：%1").replace("%1", url.display)
        )
        self.statusBar().insertPermanentWidget(0, self.store_label)

    def _label_local_data(self) -> None:
        """Say in the title and the status bar that this is this PC's own data."""
        local = self.tr("本机数据")
        self.setWindowTitle(local + " — " + self.tr("短信群发助手"))
        self.local_label = QLabel(self.tr("正在使用本机数据（未连接办公室服务器）"))
        self.local_label.setObjectName("localDataLabel")
        self.local_label.setStyleSheet("QLabel { color: #b35c00; font-weight: bold; }")
        self.statusBar().insertPermanentWidget(0, self.local_label)

    # ---- closing -------------------------------------------------------------------------
    def built_tabs(self) -> list[Tab]:
        return [p.tab for p in self.pages.values() if p.tab is not None]

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            event.accept()
            return
        if self.tray is not None and self.tray.keep_running():
            event.ignore()  # held jobs wait: the tray keeps the application running
            self.hide()
            return
        if self.tray is not None and not self.tray.quitting and self.tray.held > 0:
            from . import held_close  # no tray: the held jobs would silently not go out

            answer = held_close.ask(self, self.ctx, self.tray.held, self.tray.first_held)
            if answer == held_close.KEEP:
                event.ignore()
                self.showMinimized()
                return
            if answer == held_close.CANCEL:
                event.ignore()
                return
        question = self.ctx.sends.close_question()
        if question and not self.ctx.prompts.confirm(
            self, self.tr("确认退出"), question, ok_text=self.tr("暂停并退出")
        ):
            event.ignore()
            return
        if self.scheduler is not None:
            self.scheduler.stop()  # no held job starts now
        self.ctx.sends.prepare_close()  # pause sends; ctx.close() then waits for them
        for tab in self.built_tabs():
            tab.save_state(self.ctx.settings)
        self.save_state(self.ctx.settings)
        self._closed = True
        if self.tray is not None:
            self.tray.hide()
        self.ctx.close()
        event.accept()

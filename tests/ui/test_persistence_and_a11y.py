"""Window state persists in the home folder's INI file; every control has an accessible name;
garbage collection runs on the GUI thread."""

from __future__ import annotations

import gc

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from sms_desktop.ui.gc_guard import GcGuard
from sms_desktop.ui.settings import PersistState

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabWidget,
)


class _Win(PersistState, QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("TestWindow")
        self.split = QSplitter()
        self.split.setObjectName("testSplit")
        self.split.addWidget(QLabel("左"))
        self.split.addWidget(QLabel("右"))
        self.setCentralWidget(self.split)

    def persisted_parts(self):
        return [self.split]


def test_geometry_and_splitters_round_trip_through_the_ini_file(qtbot, tmp_path):
    ini = str(tmp_path / "settings.ini")
    w = _Win()
    qtbot.addWidget(w)
    w.resize(640, 480)
    w.show()
    qtbot.waitExposed(w)
    w.split.setSizes([100, 500])
    saved = w.split.sizes()
    w.save_state(QSettings(ini, QSettings.Format.IniFormat))
    w2 = _Win()
    qtbot.addWidget(w2)
    w2.restore_state(QSettings(ini, QSettings.Format.IniFormat))
    w2.show()
    qtbot.waitExposed(w2)
    assert w2.size() == w.size()
    assert w2.split.sizes() == saved
    assert "TestWindow" in (tmp_path / "settings.ini").read_text(encoding="utf-8")


def test_closing_the_window_saves_its_state_and_the_balance_columns(window, qtbot, ctx):
    page = window.page("balancePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None and not page.tab.model.pending)
    qtbot.waitUntil(lambda: ctx.ops.in_flight == 0)
    page.tab.view.horizontalHeader().resizeSection(0, 233)
    window.close()
    text = (ctx.home / "settings.ini").read_text(encoding="utf-8")
    assert "MainWindow" in text and "balanceHeader" in text


def test_every_interactive_control_has_an_accessible_name(window, qtbot):
    for page in window.pages.values():  # build every tab
        window.tabs.setCurrentWidget(page)
        qtbot.waitUntil(lambda page=page: page.tab is not None)
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
    checked = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and w.isVisibleTo(window)
        and not isinstance(w.parent(), QTabWidget | QAbstractItemView)  # Qt's own internals
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert len(checked) >= 4  # the tabs, the balance view and its buttons at least
    missing = [
        f"{type(w).__name__} {w.objectName()} {getattr(w, 'text', str)()}"
        for w in checked
        if not w.accessibleName().strip()
    ]
    assert missing == []


def test_gc_guard_collects_on_the_gui_thread_and_restores_automatic_gc(qapp):
    was = gc.isenabled()
    busy = [0]
    guard = GcGuard(lambda: busy[0])
    guard.start()
    try:
        assert not gc.isenabled()
        for _ in range(gc.get_threshold()[0] * 3):  # cycles: only the collector frees them
            a: list[object] = []
            a.append(a)
        guard.check()
        assert guard.collections[0] + guard.collections[1] >= 1
    finally:
        guard.stop()
    assert gc.isenabled() == was

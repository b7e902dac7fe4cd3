"""Uncaught exceptions reach the log and a dialog; About shows the versions."""

from __future__ import annotations

import logging
import sys
import threading

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QLabel

from sms_desktop.ui.dialogs.about import AboutDialog, versions
from sms_desktop.ui.interaction import FakePrompts
from sms_desktop.ui.logs import install_excepthooks, remove_logging, setup_logging
from sms_desktop.ui.ops import Ops


def test_uncaught_exceptions_reach_the_log_and_a_dialog(qapp, qtbot, tmp_path, clean_log):
    ops = Ops(FakePrompts())
    handler = setup_logging(tmp_path)
    restore = install_excepthooks(ops)
    try:
        try:
            raise KeyError("in a slot")
        except KeyError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)

        def boom() -> None:
            raise ValueError("in a thread")

        t = threading.Thread(target=boom, name="worker-x")
        t.start()
        t.join()
        qtbot.waitUntil(lambda: len(ops.prompts.errors) == 2)
    finally:
        restore()
        remove_logging(handler)
        ops.shutdown()
    details = [e.details or "" for e in ops.prompts.errors]
    assert "KeyError: 'in a slot'" in details[0]
    assert "ValueError: in a thread" in details[1]
    text = (tmp_path / "sms-desktop.log").read_text(encoding="utf-8")
    assert "in a slot" in text and "in a thread" in text and "worker-x" in text
    assert sys.excepthook is not None and threading.excepthook is not None
    for collector in clean_log:  # provoked on purpose
        collector.records = [r for r in collector.records if r.levelno < logging.CRITICAL]


def test_about_shows_the_versions(qtbot):
    d = AboutDialog()
    qtbot.addWidget(d)
    v = versions()
    assert v["Qt"] == qVersion() and v["PySide6"] == PySide6.__version__
    assert v["Python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}")
    shown = d.findChild(QLabel, "aboutVersions")
    assert shown is not None and qVersion() in shown.text()

"""自动回复's panel (``autoRepliesView``): a rule added, refused, edited, paused, enabled and
deleted through its dialog and buttons; and, in the window, a customer's reply pulled from the
simulator and answered by the window's tick, the answer arriving at the simulator once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from uihelpers import in_worker

from sms_desktop.core.automation import autoreply as A
from sms_desktop.demo import account_name
from sms_desktop.ui.automation.autoreplies import AutoRepliesPanel

IPYY = account_name("ipyy")
PHONE = "13912345678"


def _panel(ctx, qtbot) -> AutoRepliesPanel:
    panel = AutoRepliesPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(900, 360)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded, timeout=5000)
    return panel


def _cells(panel, row: int) -> list[str]:
    return [panel.view.item(row, c).text() for c in range(panel.view.columnCount())]


def _fill(dialog, name: str, keywords: str, answer: str, exact: bool = False) -> None:
    dialog.account.setCurrentIndex(dialog.account.findData(IPYY))
    dialog.name.setText(name)
    dialog.match.setCurrentIndex(dialog.match.findData(A.EXACT if exact else A.CONTAINS))
    dialog.keywords.setText(keywords)
    dialog.answer.setPlainText(answer)


def test_rules_are_added_refused_edited_paused_and_deleted(ctx, qtbot, prompts) -> None:
    panel = _panel(ctx, qtbot)
    assert panel.view.objectName() == "autoRepliesView" and panel.view.rowCount() == 0
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()

    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None and dialog.objectName() == "autoReplyDialog"
    assert dialog.account.findData(IPYY) >= 0
    # an opt-out keyword: the core's reason through Prompts.error; the dialog stays open
    _fill(dialog, "退订", "TD", "不会保存")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=5000)
    assert "退订词" in prompts.errors[-1].text and dialog.isVisible()
    _fill(dialog, "地址", "地址、位置", "本店地址：人民路1号")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view.rowCount() == 1, timeout=5000)
    assert not dialog.isVisible()
    assert _cells(panel, 0) == [
        "地址",
        IPYY,
        "包含",
        "地址、位置",
        "本店地址：人民路1号",
        "已启用",
        "0",
    ]

    # edit: select, 编辑…, change the match and the answer
    panel.view.selectRow(0)
    assert panel.pause_button.isEnabled() and not panel.resume_button.isEnabled()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog.name.text() == "地址" and dialog.keywords.text() == "地址、位置"
    dialog.match.setCurrentIndex(dialog.match.findData(A.EXACT))
    dialog.answer.setPlainText("人民路1号")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view.item(0, 4).text() == "人民路1号", timeout=5000)
    assert panel.view.item(0, 2).text() == "完全一致"
    db = ctx.db
    stored = in_worker(lambda: A.rules(db))
    assert [(r.name, r.match, r.answer) for r in stored] == [("地址", A.EXACT, "人民路1号")]

    # pause, then enable again
    panel.view.selectRow(0)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view.item(0, 5).text() == "已暂停", timeout=5000)
    assert in_worker(lambda: A.rules(db))[0].state == A.PAUSED
    assert panel.resume_button.isEnabled() and not panel.pause_button.isEnabled()
    qtbot.mouseClick(panel.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view.item(0, 5).text() == "已启用", timeout=5000)

    # delete asks first; declined, nothing changes; confirmed, the rule is gone
    prompts.default_confirm = False
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert prompts.of("confirm") and panel.view.rowCount() == 1
    prompts.default_confirm = True
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view.rowCount() == 0, timeout=5000)
    assert in_worker(lambda: A.rules(db)) == []


def test_the_windows_tick_answers_a_reply_once(window, qtbot, sim) -> None:
    ctx = window.ctx
    panel = _panel(ctx, qtbot)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    _fill(panel.dialog, "一号", "1", "已为您预约周六上午", exact=True)
    qtbot.mouseClick(panel.dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view.rowCount() == 1, timeout=5000)

    def answers() -> list[str]:
        return [m.text for m in sim.account("ipyy", "demo").sent if m.phone == PHONE]

    before = len(answers())
    sim.inject_reply("ipyy", "demo", PHONE, "1")
    window.sync_now()
    qtbot.waitUntil(lambda: len(answers()) > before, timeout=20000)
    assert answers()[-1].endswith("已为您预约周六上午")
    # the panel counts it (the answer came with the inbox's change)
    qtbot.waitUntil(lambda: panel.view.item(0, 6).text().startswith("1"), timeout=10000)
    # later ticks do not answer it again
    ticks = window.scheduler.ticks
    qtbot.waitUntil(lambda: window.scheduler.ticks >= ticks + 2, timeout=15000)
    assert len(answers()) == before + 1

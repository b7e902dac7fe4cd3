"""The keyboard in 发送: Tab moves the focus (never into an SMS), pasted tabs are cleaned, and
every confirmation that spends money answers Enter with its safe button."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from uihelpers import in_worker, open_compose

from sms_desktop.demo import account_name

IPYY = account_name("ipyy")


def _compose(window, qtbot):
    tab = open_compose(window, qtbot, IPYY)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    return tab


def _settle(tab, qtbot):
    qtbot.waitUntil(lambda: not tab._estimate_timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)


def _sends(sim):
    return [r for r in sim.requests if r.family == "ipyy" and r.params.get("action") == "send"]


def test_tab_moves_the_focus_out_of_the_numbers_and_the_text(window, qtbot):
    tab = _compose(window, qtbot)
    for edit in (tab.recipients.edit, tab.editor.edit, tab.template_vars):
        edit.setFocus()
        qtbot.waitUntil(edit.hasFocus, timeout=2000)
        qtbot.keyClicks(edit, "1")
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
        assert not edit.hasFocus(), edit.objectName()
        assert edit.toPlainText() == "1"  # no tab character typed
        edit.clear()


def test_a_pasted_tab_in_the_message_becomes_a_space(window, qtbot):
    tab = _compose(window, qtbot)
    mime = QMimeData()
    mime.setText("周六\t全场八折\x07\r\n欢迎光临")
    tab.editor.edit.insertFromMimeData(mime)
    assert tab.editor.text() == "周六 全场八折\n欢迎光临"


def test_enter_enter_in_the_confirmation_cancels_and_alt_s_sends(window, qtbot, sim):
    tab = _compose(window, qtbot)
    tab.recipients.edit.setPlainText("13800138000")
    tab.editor.set_text("周六全场八折")
    _settle(tab, qtbot)
    tab.send_button.setFocus()
    qtbot.keyClick(tab.send_button, Qt.Key.Key_Return)  # the first Enter: 发送…
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    dialog = tab.confirm_dialog
    box = dialog.findChild(QDialogButtonBox)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=2000)
    assert QApplication.focusWidget() is cancel
    assert cancel.isDefault() and not ok.isDefault()
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the second Enter
    engine = window.ctx.engine
    assert in_worker(lambda: engine.jobs()) == [] and _sends(sim) == []

    tab.send()
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    dialog = tab.confirm_dialog
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert [m.phone for m in sim.account("ipyy", "demo").sent] == ["13800138000"]


def test_every_money_spending_question_defaults_to_no(window, qtbot, sim, prompts):
    """resend rejected, resend unknown, send an overdue job, resume an interrupted one: the
    question's default is the safe answer and the spending one has an Alt shortcut."""
    from sms_desktop.core.engine import JobSpec
    from sms_desktop.ui.job_runs import confirm_resend_unknown
    from sms_desktop.ui.startup import ask_interrupted, ask_overdue

    engine = window.ctx.engine
    spec = JobSpec(account=IPYY, text="你好", recipients=["13800138000", "13800138001"])
    job = in_worker(lambda: engine.summary(engine.create_job(spec)))
    prompts.confirm_answers.extend([False, False])
    confirm_resend_unknown(window, window.ctx, job)
    ask_overdue(window, window.ctx, job)
    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None and page.tab.model.row_of(job.job_id) >= 0)
    history = page.tab
    history.select_job(job.job_id)
    job.rejected = 1  # as if one was refused: the button's question
    history.model.rows[history.model.row_of(job.job_id)].summary.rejected = 1
    prompts.confirm_answers.append(False)
    history.resend_rejected()
    questions = prompts.of("confirm")
    assert len(questions) == 3
    for q in questions:
        assert q.extra["default"] is False, q.title
        assert "(&" in q.extra["ok_text"], q.title
    job.unknown, job.queued = 1, 1
    prompts.choose_answers.append(2)
    ask_interrupted(window, window.ctx, job)
    (choice,) = prompts.of("choose")
    assert choice.extra["choices"][choice.extra["default"]] == "暂不处理"
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=5000)
    assert _sends(sim) == []


def test_the_real_question_box_focuses_its_safe_button(qtbot):
    from sms_desktop.ui.interaction import QtPrompts

    box, ok = QtPrompts.confirm_box(None, "重发", "真的重发吗？", ok_text="仍然重发(&R)")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitUntil(box.isVisible)
    cancel = box.escapeButton()
    assert box.defaultButton() is cancel and box.focusWidget() is cancel
    qtbot.keyClick(box.focusWidget(), Qt.Key.Key_Return)
    assert box.clickedButton() is cancel
    box, ok = QtPrompts.confirm_box(None, "重发", "真的重发吗？", ok_text="仍然重发(&R)")
    qtbot.addWidget(box)
    box.show()
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    qtbot.keyClick(box, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: box.clickedButton() is ok, timeout=2000)  # (an animated click)
    assert isinstance(box, QMessageBox)

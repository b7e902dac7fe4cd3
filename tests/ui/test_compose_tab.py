"""发送: compose, confirm and send against the simulator over HTTP; what it received is checked."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from uihelpers import in_worker

from sms_desktop.core.jobs.model import JobState
from sms_desktop.demo import account_name

IPYY = account_name("ipyy")


def _open_compose(window, qtbot):
    page = window.page("composePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
    return tab


def _settle(tab, qtbot):
    """Wait for the debounced estimate of what is typed now."""
    qtbot.waitUntil(lambda: not tab._estimate_timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)


def _confirm_dialog(tab, qtbot) -> QDialog:
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    dialog = tab.confirm_dialog
    assert dialog.objectName() == "confirmSendDialog"
    return dialog


def _press_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _sent_requests(sim, family="ipyy"):
    return [r for r in sim.requests if r.family == family and r.params.get("action") == "send"]


def _numbers(n: int, start: int = 13800000000) -> list[str]:
    return [str(start + i) for i in range(n)]


def test_paste_type_confirm_and_send(window, qtbot, sim):
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    numbers = _numbers(5)
    # separators of every kind, +86, spaces, a duplicate and an invalid number
    pasted = f"+86 {numbers[0]}\n{numbers[1]}, {numbers[2]}；{numbers[3]}\n{numbers[4]} {numbers[0]}\n12345"
    qtbot.keyClicks(tab.recipients.edit, numbers[4])  # typing, then pasting
    tab.recipients.edit.insertPlainText("\n" + pasted)
    tab.editor.edit.insertPlainText("周六全场八折")  # (QTest types Latin-1 only)
    _settle(tab, qtbot)
    counts = tab.estimate.counts()
    assert (counts["valid"], counts["duplicate"], counts["invalid"]) == (5, 2, 1)
    assert tab.recipients.count_buttons["valid"].text() == "有效 5"
    count_text = tab.editor.count_label.text()
    assert "12 字" in count_text  # 【演示公司】 (6) + 6 characters: the signature counts
    assert "共 5 条" in count_text
    assert _sent_requests(sim) == []  # the estimate sent nothing (the scheduler may poll)

    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    dialog = _confirm_dialog(tab, qtbot)
    assert dialog.findChild(object, "confirmValid").text() == "5"
    assert "无效 1" in dialog.findChild(object, "confirmSkipped").text()
    assert "重复 2" in dialog.findChild(object, "confirmSkipped").text()
    assert dialog.findChild(object, "confirmTime").text() == "立即发送"
    # nothing is stored or sent before Ok
    engine = window.ctx.engine
    assert in_worker(lambda: engine.jobs()) == []
    assert _sent_requests(sim) == []

    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000) as done:
        _press_ok(dialog)
    summary = done.args[0]
    assert summary.state == JobState.DONE
    sent = sim.account("ipyy", "demo").sent
    assert sorted(m.phone for m in sent) == sorted(numbers)
    assert {m.text for m in sent} == {"【演示公司】周六全场八折"}
    assert summary.accepted == len(sent) == 5
    assert summary.skipped == 3
    bar = tab.progress.bar
    assert bar.objectName() == "sendProgress"
    assert bar.value() == bar.maximum() == 8
    assert "已提交 5" in tab.progress.counts_label.text()
    stored = in_worker(lambda: engine.summary(summary.job_id))
    assert (stored.accepted, stored.skipped, stored.invalid) == (5, 3, 1)


def test_file_with_name_placeholder_preview_and_personalised_texts(window, qtbot, sim, tmp_path):
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    path = tmp_path / "客户.csv"
    path.write_text(
        "手机号,姓名,金额\n13800138001,张三,100\n13800138002,李四,\n13800138003,王五,300\n",
        encoding="utf-8-sig",
    )
    window.ctx.prompts.open_answers.append(path)
    qtbot.mouseClick(tab.recipients.file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.recipients.file is not None, timeout=5000)
    menu_items = [a.text() for a in tab.editor.field_menu.actions()]
    assert "{姓名}" in menu_items and "{金额}" in menu_items
    tab.editor.edit.setPlainText("您好，")
    tab.editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insert_field("姓名")
    tab.editor.edit.insertPlainText("，本期金额{金额}元")
    assert tab.editor.text() == "您好，{姓名}，本期金额{金额}元"
    _settle(tab, qtbot)
    preview = tab.editor.preview.toPlainText().splitlines()
    assert preview == [
        "【演示公司】您好，张三，本期金额100元",
        "【演示公司】您好，王五，本期金额300元",
    ]
    # the row whose 金额 is empty is shown with its row number, not sent
    assert tab.estimate.counts()["empty_field"] == 1
    empty_button = tab.recipients.count_buttons["empty_field"]
    assert empty_button.isVisible() and empty_button.text() == "缺少字段 1"
    lines, total = tab.recipients.list_lines("empty_field")
    assert total == 1 and "13800138002" in lines[0] and "第 3 行" in lines[0]

    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    dialog = _confirm_dialog(tab, qtbot)
    assert "缺少字段 1" in dialog.findChild(object, "confirmSkipped").text()
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000):
        _press_ok(dialog)
    sent = {m.phone: m.text for m in sim.account("ipyy", "demo").sent}
    assert sent == {
        "13800138001": "【演示公司】您好，张三，本期金额100元",
        "13800138003": "【演示公司】您好，王五，本期金额300元",
    }


def test_cancel_midway_sends_nothing_more(window, qtbot, sim):
    tab = _open_compose(window, qtbot)
    tab.select_account(account_name("jsm"))  # 100 numbers a request
    sim.set_fault("jsm", "latency", seconds=0.3)
    tab.recipients.edit.setPlainText("\n".join(_numbers(2000)))
    tab.editor.edit.setPlainText("取消测试")
    _settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    dialog = _confirm_dialog(tab, qtbot)
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=30000) as done:
        _press_ok(dialog)
        qtbot.waitUntil(lambda: tab.progress.last is not None and tab.progress.last.done > 0)
        assert tab.progress.cancel_button.isEnabled()
        qtbot.mouseClick(tab.progress.cancel_button, Qt.MouseButton.LeftButton)
        requests_at_cancel = len(_sent_requests(sim, "jsm"))
    summary = done.args[0]
    assert summary.state == JobState.CANCELLED
    final = len(_sent_requests(sim, "jsm"))
    # only the batches already in flight when Cancel was pressed (2 per account) finished
    assert final <= requests_at_cancel + 2
    assert final < 20
    sent = sim.account("jsm", "demo").sent
    assert summary.accepted == len(sent) < 2000
    assert summary.skipped == 2000 - len(sent)
    assert summary.queued == 0
    sim.clear_faults()
    qtbot.wait(400)  # nothing left running could still send
    assert len(_sent_requests(sim, "jsm")) == final
    assert "已取消" in tab.progress.state_label.text()


def test_pause_and_resume_sends_everyone_exactly_once(window, qtbot, sim):
    tab = _open_compose(window, qtbot)
    tab.select_account(account_name("jsm"))
    sim.set_fault("jsm", "latency", seconds=0.2)
    numbers = _numbers(1000, start=13900000000)
    tab.recipients.edit.setPlainText("\n".join(numbers))
    tab.editor.edit.setPlainText("暂停测试")
    _settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    _press_ok(_confirm_dialog(tab, qtbot))
    qtbot.waitUntil(lambda: tab.progress.last is not None and tab.progress.last.done > 0)
    qtbot.mouseClick(tab.progress.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.progress.paused and not tab.progress.running, timeout=10000)
    assert tab.progress.summary.state == JobState.PAUSED
    at_pause = len(sim.account("jsm", "demo").sent)
    assert 0 < at_pause < 1000
    qtbot.wait(500)
    assert len(sim.account("jsm", "demo").sent) == at_pause  # paused means nothing goes out
    assert tab.progress.resume_button.isEnabled()
    sim.clear_faults()
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=30000) as done:
        qtbot.mouseClick(tab.progress.resume_button, Qt.MouseButton.LeftButton)
    assert done.args[0].state == JobState.DONE
    phones = [m.phone for m in sim.account("jsm", "demo").sent]
    assert sorted(phones) == sorted(numbers)  # each exactly once
    assert done.args[0].accepted == 1000


def test_gateway_error_is_shown_with_the_vendor_text(window, qtbot, sim, prompts):
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    sim.set_fault("ipyy", "vendor_error")
    tab.recipients.edit.setPlainText("13800138000\n13800138001")
    tab.editor.edit.setPlainText("网关错误测试")
    _settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000) as done:
        _press_ok(_confirm_dialog(tab, qtbot))
    assert done.args[0].rejected == 2
    qtbot.waitUntil(lambda: bool(prompts.of("warning")), timeout=5000)
    err = prompts.of("warning")[-1]
    assert "2 个号码被网关拒绝" in err.text
    request = _sent_requests(sim)[-1]
    vendor_reply = (request.response or b"").decode("utf-8", "replace")
    assert err.vendor_text and err.vendor_text.strip() in vendor_reply


def test_past_time_is_refused_and_nothing_is_stored(window, qtbot, sim, prompts):
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    tab.recipients.edit.setPlainText("13800138000")
    tab.editor.edit.setPlainText("定时测试")
    tab.at_radio.setChecked(True)
    past = datetime.now() - timedelta(days=1)
    tab.at_edit.setDateTime(QDateTime(past))
    _settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=5000)
    assert "已经过去" in prompts.errors[-1].text
    assert tab.confirm_dialog is None
    engine = window.ctx.engine
    assert in_worker(lambda: engine.jobs()) == []
    assert _sent_requests(sim) == []


def test_held_locally_says_the_computer_must_stay_on(window, qtbot, sim):
    tab = _open_compose(window, qtbot)
    tab.select_account(account_name("qxt"))  # qxt has no server-side schedule
    tab.at_radio.setChecked(True)
    assert tab.held_notice.isVisible()
    assert "必须开机" in tab.held_notice.text()
    # on the office's store the estimate says who sends it (jobs.lease.held_by), and so
    # does the notice: the live sender service by host, else any PC with the program open
    import dataclasses

    from sms_desktop.core.estimate import HeldBy

    tab.recipients.edit.setPlainText("13800138000")
    qtbot.waitUntil(lambda: tab.estimate is not None and tab.estimate.held_by is not None)
    assert tab.estimate.held_by == HeldBy("this_pc")
    tab._estimated(dataclasses.replace(tab.estimate, held_by=HeldBy("service", "SRV-1")))
    assert (
        "发送服务（主机 SRV-1）" in tab.held_notice.text() and "可以关机" in tab.held_notice.text()
    )
    tab._estimated(dataclasses.replace(tab.estimate, held_by=HeldBy("office")))
    assert "保存了该账户密码的电脑" in tab.held_notice.text()
    tab.select_account(account_name("jsm"))  # jsm schedules at the gateway
    assert not tab.held_notice.isVisible()


def test_unencodable_characters_are_highlighted_and_utf8_offered(window, qtbot, sim, prompts):
    tab = _open_compose(window, qtbot)
    tab.select_account(account_name("jsm"))  # GBK by default, UTF-8 possible
    tab.recipients.edit.setPlainText("13800138000")
    tab.editor.edit.setPlainText("你好😀世界")
    assert "😀" in tab.editor.charset_warning.text()
    assert tab.editor.utf8_button.isVisible()
    # the highlight sits on the emoji: Qt counts it as two UTF-16 units, at position 2
    block = tab.editor.edit.document().firstBlock()
    ranges = [(r.start, r.length) for r in block.layout().formats()]
    assert (2, 2) in ranges
    _settle(tab, qtbot)
    prompts.confirm_answers.append(True)
    qtbot.mouseClick(tab.editor.utf8_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.editor.charset() == "utf-8", timeout=5000)
    assert not tab.editor.charset_warning.isVisible()
    accounts = window.ctx.accounts
    assert in_worker(lambda: accounts.get(account_name("jsm")).charset) == "utf-8"
    _settle(tab, qtbot)


def test_local_sensitive_words_are_highlighted(window, qtbot, sim):
    from sms_desktop.core import wordcheck

    db = window.ctx.db
    in_worker(lambda: wordcheck.save_words(db, ["发票"]))
    tab = _open_compose(window, qtbot)
    window.ctx.changes.settings_changed.emit(wordcheck.SETTING_KEY)
    qtbot.waitUntil(lambda: tab.editor.words == ["发票"], timeout=5000)
    tab.editor.edit.setPlainText("代开发票")
    assert tab.editor.words_label.isVisible()
    assert "发票" in tab.editor.words_label.text()
    _settle(tab, qtbot)


def test_gateway_keyword_check_off_thread(window, qtbot, sim):
    sim.sensitive_words = {"赌博"}
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    assert tab.editor.check_button.isVisible()
    tab.editor.edit.setPlainText("线上赌博广告")
    qtbot.mouseClick(tab.editor.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.editor.gateway_label.isVisible(), timeout=5000)
    assert "赌博" in tab.editor.gateway_label.text()
    assert any(r.params.get("action") == "checkkeyword" for r in sim.requests)
    _settle(tab, qtbot)


def test_confirmation_shows_cost_against_the_balance_read_in_the_balance_tab(window, qtbot, sim):
    sim.account("ipyy", "demo").balance = 3
    page = window.page("balancePage")
    window.tabs.setCurrentWidget(page)  # the first look reads every balance
    qtbot.waitUntil(lambda: page.tab is not None)
    qtbot.waitUntil(
        lambda: len(page.tab.model.rows) == 4 and not page.tab.model.pending, timeout=10000
    )
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    tab.recipients.edit.setPlainText("\n".join(_numbers(5)))
    tab.editor.edit.setPlainText("余额测试")
    _settle(tab, qtbot)
    assert "余额 3 条（余额不足）" in tab.editor.count_label.text()
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    dialog = _confirm_dialog(tab, qtbot)
    qtbot.waitUntil(lambda: dialog.balance_read, timeout=10000)  # read again as it opens
    balance = dialog.findChild(object, "confirmBalance").text()
    assert balance.startswith("3 条") and "余额不足" in balance
    dialog.reject()  # cancelled: nothing stored, nothing sent
    engine = window.ctx.engine
    assert in_worker(lambda: engine.jobs()) == []
    assert _sent_requests(sim) == []


def _slow_send(window, qtbot, sim, text: str):
    """1,000 numbers through jsm at 0.2 s a request, confirmed; returns once the first batch is
    in (the tab, the job id)."""
    tab = _open_compose(window, qtbot)
    tab.select_account(account_name("jsm"))
    sim.set_fault("jsm", "latency", seconds=0.2)
    tab.recipients.edit.setPlainText("\n".join(_numbers(1000)))
    tab.editor.edit.setPlainText(text)
    _settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    _press_ok(_confirm_dialog(tab, qtbot))
    qtbot.waitUntil(lambda: tab.progress.last is not None and tab.progress.last.done > 0)
    return tab, tab.progress.job_id


def test_closing_during_a_send_asks_then_pauses(window, qtbot, sim, prompts, home, stall_guard):
    tab, job_id = _slow_send(window, qtbot, sim, "退出测试")
    # the user says no: the window stays and the send goes on
    prompts.confirm_answers.append(False)
    window.close()
    assert window.isVisible() and tab.progress.running
    question = prompts.of("confirm")[-1]
    assert f"任务 {job_id} 正在发送" in question.text and "暂停" in question.text
    # the user says yes: the send pauses between batches, then the window closes
    prompts.confirm_answers.append(True)
    with stall_guard.paused():  # closing waits for the batches in flight
        window.close()
    assert not window.isVisible()
    sent = len(sim.account("jsm", "demo").sent)
    assert 0 < sent < 1000
    qtbot.wait(500)
    assert len(sim.account("jsm", "demo").sent) == sent  # nothing more after the window closed
    from sms_desktop.core.store import open_database

    def state() -> tuple[str, int]:
        db = open_database(home)
        try:
            row = db.read().execute("SELECT state FROM jobs WHERE id=?", (job_id,)).fetchone()
            n = (
                db.read()
                .execute(
                    "SELECT COUNT(*) FROM messages WHERE job_id=? AND state='queued'", (job_id,)
                )
                .fetchone()[0]
            )
            return row[0], n
        finally:
            db.close()

    job_state, queued = in_worker(state)
    assert job_state == JobState.PAUSED
    assert queued == 1000 - sent


def test_jsm_template_mode_sends_the_template_with_its_variables(window, qtbot, sim):
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    assert not tab.template_check.isVisible()  # ipyy has no templates
    tab.select_account(account_name("jsm"))
    assert tab.template_check.isVisible()
    tab.template_check.setChecked(True)
    assert not tab.editor.edit.isEnabled()
    tab.template_id.setText("DEMO-0001")
    tab.template_vars.setPlainText("{手机号}\n5")
    tab.recipients.edit.setPlainText("13800138000\n13800138001")
    _settle(tab, qtbot)
    assert tab.estimate.ok, tab.estimate.errors
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000) as done:
        _press_ok(_confirm_dialog(tab, qtbot))
    assert done.args[0].accepted == 2
    sent = {m.phone: m.text for m in sim.account("jsm", "demo").sent}
    assert sent["13800138000"].startswith("您的验证码为13800138000，请在5分钟内输入")
    assert sent["13800138001"].startswith("您的验证码为13800138001，请在5分钟内输入")


def test_failover_to_the_backup_account_is_announced(window, qtbot, sim, prompts, clean_log):
    accounts = window.ctx.accounts
    in_worker(lambda: accounts.set_password(IPYY, "wrong"))
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    tab.backup_combo.setCurrentIndex(tab.backup_combo.findData(account_name("txt112088")))
    tab.recipients.edit.setPlainText("13800138000\n13800138001")
    tab.editor.edit.setPlainText("备用账户测试")
    _settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    dialog = _confirm_dialog(tab, qtbot)
    assert account_name("txt112088") in dialog.findChild(object, "confirmAccount").text()
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000) as done:
        _press_ok(dialog)
    assert done.args[0].accepted == 2
    assert sim.account("ipyy", "demo").sent == []
    assert sorted(m.phone for m in sim.account("txt112088", "demo").sent) == [
        "13800138000",
        "13800138001",
    ]
    assert tab.progress.notices.isVisible()
    assert "已切换到备用账户" in tab.progress.notices.toPlainText()
    assert account_name("txt112088") in tab.progress.notices.toPlainText()


def test_blacklist_counts_and_screening_kept_while_typing(window, qtbot, sim):
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    tab.recipients.edit.setPlainText("13800138000\n13800138001\n13800138002")
    tab.editor.edit.setPlainText("第一版")
    _settle(tab, qtbot)
    estimator = tab.live._estimator
    assert estimator is not None and tab.estimate.counts()["blacklisted"] == 0
    tab.editor.edit.setPlainText("第二版内容")  # typing: the screening is kept
    _settle(tab, qtbot)
    assert tab.live._estimator is estimator
    assert tab.estimate.preview(1) == ["【演示公司】第二版内容"]
    # a number goes on the blacklist elsewhere: the counts follow, nobody announces it
    from sms_desktop.core.contacts import blacklist_add

    db = window.ctx.db
    in_worker(lambda: blacklist_add(db, "13800138001", "测试"))
    qtbot.waitUntil(lambda: tab.estimate.counts()["blacklisted"] == 1, timeout=5000)
    assert tab.live._estimator is not estimator
    button = tab.recipients.count_buttons["blacklisted"]
    assert button.text() == "黑名单 1" and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(QDialog, "recipientListDialog")
    assert dialog is not None and dialog.isVisible()
    assert "13800138001" in dialog.findChild(object, "recipientListView").toPlainText()
    dialog.close()


def test_over_length_text_is_shown_and_refused(window, qtbot, sim, prompts):
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)  # no documented cap: 500 characters, signature included
    tab.recipients.edit.setPlainText("13800138000")
    tab.editor.edit.setPlainText("长" * 495)  # 495 + 【演示公司】 (6) = 501
    assert tab.editor.problem_label.isVisible()
    assert "500" in tab.editor.problem_label.text()
    _settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=5000)
    assert "500" in prompts.errors[-1].text
    assert tab.confirm_dialog is None
    engine = window.ctx.engine
    assert in_worker(lambda: engine.jobs()) == []
    assert _sent_requests(sim) == []


def test_the_gui_and_the_cli_count_the_same_pasted_numbers(window, qtbot, sim, home, stall_guard):
    """Both clients take pasted numbers through one rule. On a txt112088 account (it takes
    landlines) ``0755 1234 5678`` is one landline number, in 发送 as in ``send --to``."""
    from clirunner import Cli

    name = account_name("txt112088")
    pasted = "0755 1234 5678\n13800138000 13900139000\n010-8888 7777"
    tab = _open_compose(window, qtbot)
    tab.select_account(name)
    tab.recipients.edit.setPlainText(pasted)
    tab.editor.edit.insertPlainText("x")
    _settle(tab, qtbot)
    gui = tab.estimate.counts()

    with stall_guard.paused():  # the CLI runs as a process of its own: the test waits for it
        run = Cli(home, sim)("send", name, "--to", pasted, "--text", "x", "--dry-run", "--json")
    assert run.rc == 0, run.err
    cli = {k: run.json[k] for k in gui}
    assert gui == cli
    assert (gui["recipients"], gui["valid"], gui["invalid"]) == (4, 4, 0)


def test_a_send_from_the_compose_tab_is_one_of_the_windows_running_sends(window, qtbot, sim):
    """One registry of running sends: 发送记录 sees a send started in 发送 as running here and can
    stop it; the tray's 暂停所有发送 pauses it and the panel says so."""
    tab, job_id = _slow_send(window, qtbot, sim, "登记测试")
    assert [s.job_id for s in window.ctx.sends.running()] == [job_id]

    assert window.pause_all_sends() == 1  # the tray's 暂停所有发送
    assert tab.progress.state_label.text().startswith("正在暂停")
    qtbot.waitUntil(lambda: tab.progress.paused, timeout=10000)
    assert window.ctx.sends.running() == []
    qtbot.mouseClick(tab.progress.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ctx.sends.is_running(job_id))

    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    history = page.tab
    qtbot.waitUntil(lambda: history.model.row_of(job_id) >= 0, timeout=5000)
    assert history.select_job(job_id)
    assert history.cancel_button.isEnabled()  # running here, whoever started it
    window.ctx.prompts.confirm_answers.append(True)
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=15000) as finished:
        qtbot.mouseClick(history.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].state == JobState.CANCELLED
    sent = len(sim.account("jsm", "demo").sent)
    assert 0 < sent < 1000
    assert tab.progress.state_label.text() == f"任务 {job_id}：已取消，未发出的号码不再发送。"


def _beijing(t: datetime) -> str:
    from sms_desktop.core.vendortime import BEIJING

    return t.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def test_the_scheduler_shows_beijing_time_beside_the_local_time(pc_zone, window, qtbot, sim):
    """On a PC in New York: the field is local time, Beijing time beside it; the confirmation
    says both; the gateway receives Beijing time, the same moment."""
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    tab.recipients.edit.setPlainText("13800138000")
    tab.editor.edit.setPlainText("定时测试")
    at = (datetime.now() + timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    tab.at_radio.setChecked(True)
    tab.at_edit.setDateTime(QDateTime(at))
    assert tab.send_at() == at
    assert tab.beijing_label.isVisible()
    assert _beijing(at) in tab.beijing_label.text() and "北京时间" in tab.beijing_label.text()
    _settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    dialog = _confirm_dialog(tab, qtbot)
    when = dialog.findChild(object, "confirmTime").text()
    assert at.strftime("%Y-%m-%d %H:%M") in when and f"北京时间 {_beijing(at)}" in when
    _press_ok(dialog)
    qtbot.waitUntil(lambda: bool(_sent_requests(sim)), timeout=10000)
    assert _sent_requests(sim)[-1].params["sendTime"] == _beijing(at) + ":00"
    assert sim.account("ipyy", "demo").sent[-1].send_time == at.timestamp()


@pytest.mark.parametrize("pc_zone", ["Asia/Shanghai"], indirect=True)
def test_no_beijing_time_beside_it_when_the_pc_keeps_beijing_time(pc_zone, window, qtbot, sim):
    tab = _open_compose(window, qtbot)
    tab.select_account(IPYY)
    tab.at_radio.setChecked(True)
    tab.at_edit.setDateTime(QDateTime(datetime.now() + timedelta(days=1)))
    assert not tab.beijing_label.isVisible()


def test_with_no_account_yet_the_send_tab_says_where_to_add_one(window, qtbot):
    """A first start has no account: 发送 said only "请先选择账户。" over an empty account box."""
    from uihelpers import in_worker

    accounts = window.ctx.accounts

    def remove_all() -> None:
        for a in accounts.list():
            accounts.remove(a.name)

    page = window.page("composePage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    label = tab.editor.count_label
    qtbot.waitUntil(lambda: tab.account_combo.count() > 0, timeout=10000)
    assert "设置 → 账户" not in label.text()
    in_worker(remove_all)
    qtbot.waitUntil(lambda: tab.account_combo.count() == 0, timeout=10000)
    qtbot.waitUntil(lambda: label.text() == "还没有账户：请在“设置 → 账户…”中添加。", timeout=5000)

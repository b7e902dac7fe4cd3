"""The end of a send states every outcome that needs attention, in the same words in the panel,
the dialog, the status bar (and tray) and 发送记录: an unknown outcome is never "发送完成"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from uihelpers import open_compose

from sms_desktop.demo import account_name
from sms_desktop.ui.models.jobs import KEYS

IPYY = account_name("ipyy")
NUMBERS = [f"1380013800{i}" for i in range(5)]


def test_unknown_outcomes_are_stated_everywhere_in_one_wording(window, qtbot, sim, prompts):
    tab = open_compose(window, qtbot, IPYY)
    tab.recipients.edit.setPlainText("\n".join(NUMBERS))
    tab.editor.set_text("周六全场八折")
    qtbot.waitUntil(lambda: not tab._estimate_timer.isActive() and tab.ctx.ops.in_flight == 0)
    tab.send()
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    qtbot.waitUntil(lambda: tab.confirm_dialog.balance_read, timeout=10000)  # its own request
    # the gateway takes the send request, then the connection drops: the outcome is unknown
    sim.set_fault("ipyy", "drop_after", count=1)
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=30000) as finished:
        tab.confirm_dialog.accept()
    summary = finished.args[0]
    assert summary.unknown == 5 and summary.state == "done"
    sentence = "5 个号码结果未知：请求可能已到达网关"

    # the dialog
    qtbot.waitUntil(lambda: bool(prompts.of("warning")), timeout=5000)
    (dialog,) = prompts.of("warning")
    assert dialog.title == "发送结束：有号码需要注意"
    assert sentence in dialog.text and "发送记录" in dialog.text
    # the panel
    panel = tab.progress
    assert "发送完成" not in panel.state_label.text()
    assert panel.state_label.text() == f"任务 {summary.job_id} 发送结束：5 个结果未知。"
    assert panel.attention_label.isVisible() and sentence in panel.attention_label.text()
    assert "结果未知 5" in panel.counts_label.text() and "已提交 0" in panel.counts_label.text()
    # the status bar and the tray (Prompts.notify)
    notice = next(n for n in prompts.of("notify") if str(summary.job_id) in n.text)
    assert notice.title == "请注意"
    assert "5 个结果未知" in notice.text and "被拒 0" in notice.text and "失败" not in notice.text
    assert "5 个结果未知" in window.statusBar().currentMessage()
    # 发送记录: the outcome, and the same sentence
    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    history = page.tab
    qtbot.waitUntil(lambda: history.model.row_of(summary.job_id) >= 0, timeout=5000)
    row = history.model.row_of(summary.job_id)
    index = history.model.index(row, KEYS.index("outcome"))
    assert index.data() == "结果未知"
    assert sentence in index.data(Qt.ItemDataRole.ToolTipRole)
    assert history.model.headerData(KEYS.index("accepted"), Qt.Orientation.Horizontal) == "已提交"


def test_a_send_the_gateway_holds_until_its_time_never_reads_as_sent(
    pc_zone, window, qtbot, sim, prompts
):
    """Scheduled at the gateway (ipyy's sendTime): the gateway holds the messages until then, so
    the end of the send says when it will send them (local time, Beijing beside it), in the
    panel, the notice and 发送记录: never 发送完成, 已完成 or 全部已提交."""
    from datetime import datetime, timedelta

    from PySide6.QtCore import QDateTime

    from sms_desktop.core.vendortime import BEIJING

    tab = open_compose(window, qtbot, IPYY)
    tab.recipients.edit.setPlainText("\n".join(NUMBERS[:2]))
    tab.editor.set_text("周六全场八折")
    at = (datetime.now() + timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    tab.at_radio.setChecked(True)
    tab.at_edit.setDateTime(QDateTime(at))
    qtbot.waitUntil(lambda: not tab._estimate_timer.isActive() and tab.ctx.ops.in_flight == 0)
    tab.send()
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=30000) as finished:
        tab.confirm_dialog.accept()
    summary = finished.args[0]
    assert summary.accepted == 2 and sim.account("ipyy", "demo").sent[-1].send_time
    local = at.strftime("%Y-%m-%d %H:%M:%S")
    beijing = at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")
    when = f"{local}（本机时间，北京时间 {beijing}）"
    sentence = f"已提交，网关将于 {when}发送"
    # the panel
    state = tab.progress.state_label.text()
    assert state == f"任务 {summary.job_id}：2 个号码{sentence}。"
    # the status bar and the tray
    notice = next(n for n in prompts.of("notify") if str(summary.job_id) in n.text)
    assert notice.title == "已交网关定时发送" and sentence in notice.text
    assert sentence in window.statusBar().currentMessage()
    # 发送记录: where the job is and what it came to
    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    history = page.tab
    qtbot.waitUntil(lambda: history.model.row_of(summary.job_id) >= 0, timeout=5000)
    row = history.model.row_of(summary.job_id)
    assert history.model.index(row, KEYS.index("state")).data() == "已交网关定时"
    outcome = history.model.index(row, KEYS.index("outcome"))
    assert outcome.data() == "已提交，网关定时发送"
    assert sentence in outcome.data(Qt.ItemDataRole.ToolTipRole)
    history.select_job(summary.job_id)
    title = history.detail.title.text()
    assert sentence in title and "已完成" not in title and "全部已提交" not in title

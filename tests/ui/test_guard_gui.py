"""The compliance guard in the window, against the simulator over HTTP: the confirmation's kind
and findings (``guardSummary``: window, caps, opt-out marker), the marker appended from the
confirmation, the window's hold and override, 频次限制 in 发送记录, the test send to the user's
own numbers (``testSendCheck``) waiting for "looks right", and 设置 → 发送规则."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from uihelpers import in_worker

from sms_desktop.core.guard import load_settings, save_settings
from sms_desktop.core.jobs.model import JobSpec, JobState
from sms_desktop.core.vendortime import BEIJING, from_beijing
from sms_desktop.demo import account_name

IPYY = account_name("ipyy")
X, Y = "13800138000", "13900139000"
OFFER = "会员日全场优惠"


def at_beijing(ctx, clock: str) -> None:
    """The engine's clock (the guard's now) at a Beijing time of today (the journal keeps the
    real time of each send: the day must be today's), on whatever zone the PC has."""
    today = datetime.now(BEIJING).strftime("%Y-%m-%d")
    t = from_beijing(datetime.strptime(f"{today} {clock}", "%Y-%m-%d %H:%M:%S"))
    assert t is not None
    ctx.engine.clock = lambda: t


def open_compose(window, qtbot):
    page = window.page("composePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
    tab.select_account(IPYY)
    return tab


def confirm(tab, qtbot):
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    return tab.confirm_dialog


def ok_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def sent(sim) -> list[tuple[str, str]]:
    return [(m.phone, m.text) for m in sim.account("ipyy", "demo").sent]


def test_the_confirmation_shows_the_guard_and_appends_the_marker(ctx, window, qtbot, sim):
    at_beijing(ctx, "10:00:00")
    engine = ctx.engine
    earlier = JobSpec(IPYY, OFFER + "回T退订", [X], kind="marketing")
    in_worker(lambda: engine.run_job(engine.create_job(earlier)))  # X had its marketing today
    sim.account("ipyy", "demo").sent.clear()

    tab = open_compose(window, qtbot)
    tab.recipients.edit.setPlainText(f"{X}\n{Y}")
    tab.editor.edit.setPlainText(OFFER)
    dialog = confirm(tab, qtbot)
    panel = dialog.findChild(object, "guardPanel")
    summary = dialog.findChild(object, "guardSummary")
    assert dialog.findChild(object, "kindMarketingRadio").isChecked()  # the text suggests it
    assert "优惠" in dialog.findChild(object, "kindHint").text()
    text = summary.text()
    assert "营销时段 08:00–21:00（北京时间）" in text and "未发完的部分暂停" in text
    assert "频次限制：1 个号码超出限制，将跳过（每天营销 1 条 1）" in text
    assert "营销短信须以“回T退订”结尾" in text
    ok = ok_button(dialog)
    assert not ok.isEnabled()  # marketing without the marker cannot be confirmed
    # a notification: no window, no marketing cap, no marker needed
    dialog.findChild(object, "kindNoticeRadio").setChecked(True)
    assert ok.isEnabled()
    assert "频次限制：没有号码超出限制" in summary.text()
    dialog.findChild(object, "kindMarketingRadio").setChecked(True)
    assert not ok.isEnabled()

    button = dialog.findChild(object, "addOptOutButton")
    assert button.isVisible() and button.text() == "加上“回T退订”"
    button.click()
    qtbot.waitUntil(
        lambda: (
            tab.confirm_dialog is not None
            and tab.confirm_dialog is not dialog
            and tab.confirm_dialog.isVisible()
        )
    )
    assert tab.editor.text() == OFFER + "回T退订"
    dialog = tab.confirm_dialog
    assert dialog.findChild(object, "kindMarketingRadio").isChecked()  # the choice is kept
    assert "结尾" not in dialog.findChild(object, "guardSummary").text()
    assert panel is not dialog.findChild(object, "guardPanel")
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=20000) as done:
        ok_button(dialog).click()
    s = done.args[0]
    assert (s.kind, s.accepted, s.skipped) == ("marketing", 1, 1)
    assert sent(sim) == [(Y, "【演示公司】" + OFFER + "回T退订")]

    # 频次限制 in 发送记录, as the other skip reasons
    from sms_desktop.ui.models.jobs import KEYS as JOB_KEYS
    from sms_desktop.ui.models.recipients import KEYS

    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    history = page.tab
    qtbot.waitUntil(lambda: history.model.row_of(s.job_id) >= 0, timeout=5000)
    row = history.model.row_of(s.job_id)
    assert history.model.data(history.model.index(row, JOB_KEYS.index("kind"))) == "营销"
    assert history.select_job(s.job_id)
    model = history.detail.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)
    model.data(model.index(0, 0))
    qtbot.waitUntil(lambda: model.loaded_pages >= 1, timeout=5000)
    states = {
        model.data(model.index(r, KEYS.index("phone"))): model.data(
            model.index(r, KEYS.index("state"))
        )
        for r in range(2)
    }
    assert states[X] == "已跳过（频次限制）"


def test_outside_the_window_marketing_is_held_and_the_override_sends(ctx, window, qtbot, sim):
    at_beijing(ctx, "22:30:00")
    tab = open_compose(window, qtbot)
    tab.recipients.edit.setPlainText(X)
    tab.editor.edit.setPlainText(OFFER + "，回T退订")
    dialog = confirm(tab, qtbot)
    text = dialog.findChild(object, "guardSummary").text()
    assert "现在不在时段内，任务将保留到" in text and "08:00" in text
    with qtbot.waitSignal(ctx.changes.jobs_changed, timeout=10000):
        ok_button(dialog).click()
    qtbot.waitUntil(lambda: "不在营销时段" in tab.progress.state_label.text(), timeout=5000)
    engine = ctx.engine
    held = in_worker(lambda: engine.jobs())[0]
    assert (held.state, held.held_for, held.kind) == (JobState.HELD, "window", "marketing")
    assert sent(sim) == []

    dialog = confirm(tab, qtbot)
    check = dialog.findChild(object, "ignoreWindowCheck")
    assert check.isVisible()
    check.setChecked(True)
    assert "已忽略（记录在任务上）" in dialog.findChild(object, "guardSummary").text()
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=20000) as done:
        ok_button(dialog).click()
    s = done.args[0]
    assert (s.state, s.ignore_window, s.accepted) == (JobState.DONE, True, 1)
    assert [p for p, _ in sent(sim)] == [X]


def _file(tmp_path):
    path = tmp_path / "客户.csv"
    path.write_text(
        "手机号,姓名\n13800138001,张三\n13800138002,李四\n13800138003,王五\n13800138004,赵六\n",
        encoding="utf-8-sig",
    )
    return path


def test_a_test_send_goes_first_and_the_bulk_waits_for_looks_right(
    ctx, window, qtbot, sim, prompts, tmp_path
):
    db = ctx.db
    in_worker(lambda: save_settings(db, own_numbers="13600136000, 13600136001"))
    tab = open_compose(window, qtbot)
    tab.load_file(_file(tmp_path))
    qtbot.waitUntil(lambda: tab.recipients.file is not None, timeout=5000)
    tab.editor.edit.setPlainText("{姓名}您好，您的订单已发货")
    dialog = confirm(tab, qtbot)
    check = dialog.findChild(object, "testSendCheck")
    assert check.isEnabled() and "13600136000、13600136001" in check.text()
    assert "前 2 条" in check.text()
    check.setChecked(True)
    assert ok_button(dialog).text() == "先发测试(&S)"
    prompts.confirm_answers.append(True)  # "looks right"
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=20000) as test_done:
        ok_button(dialog).click()
    assert test_done.args[0].test
    qtbot.waitUntil(lambda: len(sent(sim)) == 6, timeout=20000)
    # the first text to the first own number, the second to the second (their two requests
    # may arrive in either order)
    assert sorted(sent(sim)[:2]) == [
        ("13600136000", "【演示公司】张三您好，您的订单已发货"),
        ("13600136001", "【演示公司】李四您好，您的订单已发货"),
    ]
    asked = prompts.of("confirm")[-1]
    assert asked.title == "确认测试短信" and "2 条" in asked.text
    assert sorted(p for p, _ in sent(sim)[2:]) == [f"1380013800{i}" for i in range(1, 5)]
    engine = ctx.engine
    qtbot.waitUntil(lambda: len(in_worker(lambda: engine.jobs())) == 2, timeout=10000)
    jobs = in_worker(lambda: engine.jobs())
    assert [j.test for j in jobs] == [False, True]  # the bulk job, then the test

    # in 发送记录 the test is tagged
    from sms_desktop.ui.models.jobs import KEYS

    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    history = page.tab
    qtbot.waitUntil(lambda: history.model.row_of(jobs[1].job_id) >= 0, timeout=5000)
    row = history.model.row_of(jobs[1].job_id)
    assert history.model.data(history.model.index(row, KEYS.index("kind"))) == "通知（测试发送）"


def test_no_bulk_send_when_the_test_does_not_look_right(ctx, window, qtbot, sim, prompts, tmp_path):
    db = ctx.db
    in_worker(lambda: save_settings(db, own_numbers="13600136000"))
    tab = open_compose(window, qtbot)
    tab.load_file(_file(tmp_path))
    qtbot.waitUntil(lambda: tab.recipients.file is not None, timeout=5000)
    tab.editor.edit.setPlainText("{姓名}您好，您的订单已发货")
    dialog = confirm(tab, qtbot)
    dialog.findChild(object, "testSendCheck").setChecked(True)
    prompts.confirm_answers.append(False)  # it does not look right
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=20000):
        ok_button(dialog).click()
    qtbot.waitUntil(lambda: bool(prompts.of("confirm")), timeout=5000)
    qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=5000)
    assert sent(sim) == [("13600136000", "【演示公司】张三您好，您的订单已发货")]
    engine = ctx.engine
    assert [j.test for j in in_worker(lambda: engine.jobs())] == [True]


def test_without_own_numbers_the_test_send_says_where_to_set_them(ctx, window, qtbot):
    tab = open_compose(window, qtbot)
    tab.recipients.edit.setPlainText(X)
    tab.editor.edit.setPlainText("您的订单已发货")
    dialog = confirm(tab, qtbot)
    check = dialog.findChild(object, "testSendCheck")
    assert not check.isEnabled() and "设置 → 发送规则" in check.text()
    assert dialog.findChild(object, "kindNoticeRadio").isChecked()
    dialog.reject()


def test_guard_settings_dialog_saves_to_the_store(ctx, window, qtbot, prompts):
    from sms_desktop.ui.dialogs.guard_settings import GuardSettingsDialog

    action = window.findChild(object, "guardSettingsAction")
    assert action is not None and action.isEnabled()
    dialog = GuardSettingsDialog(ctx, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.findChild(object, "capMarketingDaySpin").value() == 1
    assert "优惠" in dialog.findChild(object, "marketingWordsEdit").toPlainText()
    dialog.findChild(object, "capAnyDaySpin").setValue(0)  # 不限
    dialog.findChild(object, "marketingWordsEdit").setPlainText("酬宾\n特惠")
    dialog.findChild(object, "ownNumbersEdit").setText("123")
    dialog.save()
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=5000)  # a bad number: nothing saved
    assert "123" in prompts.errors[-1].text
    dialog.findChild(object, "ownNumbersEdit").setText("136 0013 6000")
    with qtbot.waitSignal(ctx.changes.settings_changed, timeout=5000):
        dialog.save()
    db = ctx.db
    s = in_worker(lambda: load_settings(db))
    assert (s.caps.any_day, s.words, s.own_numbers) == (0, ("酬宾", "特惠"), ("13600136000",))


def test_a_marketing_template_starts_the_confirmation_as_marketing_beside_the_carriers(
    ctx, window, qtbot, sim
):
    """The three campaign pieces in one confirmation: the template's job kind preselected (its
    text names no marketing word), the guard's findings for that kind, and the carrier
    breakdown of the valid numbers; the job is stored with the kind confirmed."""
    from sms_desktop.core import templates as T

    at_beijing(ctx, "10:00:00")
    db = ctx.db
    text = "新一季的衣服到店了，欢迎来看看。回T退订"
    in_worker(lambda: T.save(db, T.Template("新品到店", text, "门店", job_kind="marketing")))
    tab = open_compose(window, qtbot)
    qtbot.waitUntil(lambda: tab.template_picker.loaded, timeout=5000)
    qtbot.waitUntil(lambda: tab.template_picker.combo.count() == 2, timeout=5000)
    tab.recipients.edit.setPlainText(f"{X}\n18612345678\n18912345678")
    tab.template_picker.choose("新品到店")
    assert tab.editor.text() == text
    dialog = confirm(tab, qtbot)
    assert dialog.findChild(object, "kindMarketingRadio").isChecked()
    assert dialog.findChild(object, "kindHint").isHidden()  # not the text's suggestion
    assert "营销时段 08:00–21:00（北京时间）" in dialog.findChild(object, "guardSummary").text()
    carriers = dialog.findChild(object, "confirmCarriers").text()
    assert "移动 1" in carriers and "联通 1" in carriers and "电信 1" in carriers
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=20000) as done:
        ok_button(dialog).click()
    assert (done.args[0].kind, done.args[0].accepted) == ("marketing", 3)

"""号段归属 in the window (通讯录's columns and filters, the confirmation's breakdown) and the
message templates (发送's picker, the 短信模板 list). Sends go to the simulator over HTTP."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton
from uihelpers import in_worker

from sms_desktop.core import contacts as C
from sms_desktop.core import templates as T
from sms_desktop.demo import account_name

IPYY = account_name("ipyy")
JSM = account_name("jsm")
MOBILE = ["13800138000", "13900139000", "13700137000"]
UNICOM = ["18612345678", "13012345678"]
TELECOM = ["18912345678"]  # Changzhou, Jiangsu
VIRTUAL = ["17101234567"]


def open_page(window, qtbot, name: str):
    page = window.page(name)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
    return page.tab


def open_compose(window, qtbot):
    tab = open_page(window, qtbot, "composePage")
    qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
    qtbot.waitUntil(lambda: tab.template_picker.loaded, timeout=5000)
    return tab


def settle(tab, qtbot) -> None:
    qtbot.waitUntil(lambda: not tab._estimate_timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)


def press_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def sent(sim, family: str = "ipyy") -> dict[str, str]:
    return {m.phone: m.text for m in sim.account(family, "demo").sent}


# ---- 号段归属 ------------------------------------------------------------------------------------
def test_the_confirmation_shows_the_carrier_breakdown(window, qtbot, sim) -> None:
    tab = open_compose(window, qtbot)
    tab.select_account(IPYY)
    numbers = [*MOBILE, *UNICOM, *TELECOM, *VIRTUAL, "12345"]
    tab.recipients.edit.setPlainText("\n".join(numbers))
    tab.editor.set_text("周六见")
    settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    dialog = tab.confirm_dialog
    label = dialog.findChild(QLabel, "confirmCarriers")
    assert label.text() == "移动 3 · 联通 2 · 电信 1 · 虚拟运营商 1"  # the invalid one is not
    assert "携号转网" in label.toolTip()
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000):
        press_ok(dialog)
    assert set(sent(sim)) == set(numbers[:-1])


def test_contacts_show_and_filter_by_carrier_and_province(window, qtbot, sim) -> None:
    db = window.ctx.db

    def fill() -> None:
        for i, phone in enumerate([*MOBILE, *UNICOM, *TELECOM, *VIRTUAL]):
            C.add_contact(db, "号段", phone, f"客户{i}")

    in_worker(fill)
    window.ctx.changes.contacts_changed.emit()
    tab = open_page(window, qtbot, "contactsPage")
    group = in_worker(lambda: C.group_id(db, "号段"))
    tab.select_group(group)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 7 and not tab.model.loading, timeout=10000)
    headers = [tab.model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert headers == ["手机号码", "姓名", "运营商", "归属地"]
    tip = tab.model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "号段归属" in tip and "携号转网" in tip
    row = next(r for r in range(7) if tab.model.data(tab.model.index(r, 0)) == TELECOM[0])
    qtbot.waitUntil(lambda: tab.model.data(tab.model.index(row, 2)) == "电信", timeout=5000)
    assert tab.model.data(tab.model.index(row, 3)) == "江苏 常州"

    # the filters run in SQL: the model's keys are what contact_ids gives for them
    box = tab.carrier_filter
    box.setCurrentIndex(box.findData("mobile"))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3 and not tab.model.loading, timeout=10000)
    assert sorted(tab.model.data(tab.model.index(r, 0)) for r in range(3)) == sorted(MOBILE)
    assert tab.count_label.text() == "共 3 人"
    tab.set_allocation(None, "江苏")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and not tab.model.loading, timeout=10000)
    assert tab.carrier_filter.currentData() is None and tab.province_filter.currentText() == "江苏"

    # "send to all matching" sends to exactly the filtered contacts
    tab.set_allocation("unicom", None)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and not tab.model.loading, timeout=10000)
    page = window.page("composePage")
    with qtbot.waitSignal(page.build().contacts_loaded, timeout=10000) as loaded:
        qtbot.mouseClick(tab.send_matching_button, Qt.MouseButton.LeftButton)
    assert loaded.args[0] == 2
    compose = page.tab
    qtbot.waitUntil(lambda: compose.account_combo.count() == 4, timeout=5000)
    compose.select_account(IPYY)
    compose.editor.set_text("您好")
    settle(compose, qtbot)
    qtbot.mouseClick(compose.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: compose.confirm_dialog is not None, timeout=10000)
    assert compose.confirm_dialog.findChild(QLabel, "confirmCarriers").text() == "联通 2"
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000):
        press_ok(compose.confirm_dialog)
    assert set(sent(sim)) == set(UNICOM)


def test_a_search_that_found_nothing_under_one_carrier_is_asked_again_under_another(
    window, qtbot
) -> None:
    """The empty-prefix shortcut holds only for the same filters."""
    db = window.ctx.db
    in_worker(lambda: C.add_contact(db, "号段", UNICOM[0], "王联通"))
    window.ctx.changes.contacts_changed.emit()
    tab = open_page(window, qtbot, "contactsPage")
    tab.set_allocation("mobile", None)
    tab.set_search("王")
    qtbot.waitUntil(lambda: not tab.model.loading and tab._empty_prefix is not None, timeout=10000)
    assert tab.model.rowCount() == 0
    tab.set_allocation("unicom", None)
    tab.set_search("王联")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and not tab.model.loading, timeout=10000)


# ---- templates ------------------------------------------------------------------------------
def test_the_template_picker_fills_the_text_and_warns_of_a_missing_field(
    window, qtbot, sim, tmp_path
) -> None:
    db = window.ctx.db

    def fill() -> None:
        T.save(db, T.Template("欠款提醒", "{姓名}您好，欠款{金额}元", "财务", job_kind="notice"))
        T.save(db, T.Template("公司通知", "{公司}通知：周六放假", "行政"))

    in_worker(fill)  # behind the window's back: the change watcher tells the views
    tab = open_compose(window, qtbot)
    tab.select_account(IPYY)
    combo = tab.template_picker.combo
    assert combo.objectName() == "templateCombo"
    qtbot.waitUntil(lambda: combo.count() == 3, timeout=5000)
    assert [combo.itemText(i) for i in range(1, 3)] == [
        "行政 · 公司通知",
        "财务 · 欠款提醒（通知）",
    ]

    path = tmp_path / "客户.csv"
    path.write_text("手机号,姓名,金额\n13800138001,张三,100\n13800138002,李四,200\n", "utf-8")
    tab.load_file(path)
    qtbot.waitUntil(lambda: tab.recipients.file is not None, timeout=5000)
    tab.template_picker.choose("公司通知")
    assert tab.editor.text() == "{公司}通知：周六放假"
    warning = tab.template_picker.warning
    qtbot.waitUntil(lambda: warning.isVisible(), timeout=5000)
    assert "{公司}" in warning.text()

    tab.template_picker.choose("欠款提醒")
    assert tab.editor.text() == "{姓名}您好，欠款{金额}元"
    assert tab.template_kind == "notice"
    assert not warning.isVisible()
    settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None, timeout=10000)
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000):
        press_ok(tab.confirm_dialog)
    assert sent(sim) == {
        "13800138001": "【演示公司】张三您好，欠款100元",
        "13800138002": "【演示公司】李四您好，欠款200元",
    }


def test_a_gateway_template_goes_into_template_mode_on_jsm(window, qtbot, sim) -> None:
    db = window.ctx.db
    in_worker(
        lambda: T.save(
            db,
            T.Template(
                "验证码",
                family="jsm",
                gateway_template_id="DEMO-0001",
                gateway_template_vars=["{手机号}", "5"],
            ),
        )
    )
    tab = open_compose(window, qtbot)
    tab.select_account(IPYY)
    qtbot.waitUntil(lambda: tab.template_picker.combo.count() == 2, timeout=5000)
    tab.template_picker.choose("验证码")
    warning = tab.template_picker.warning.text()
    assert "cannot send" in warning and not tab.template_check.isChecked()  # ipyy sends none
    tab.select_account(JSM)
    tab.template_picker.choose("验证码")
    assert tab.template_check.isChecked()
    assert tab.template_id.text() == "DEMO-0001"
    assert tab.template_vars.toPlainText() == "{手机号}\n5"
    tab.recipients.edit.setPlainText("13800138000")
    settle(tab, qtbot)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None, timeout=10000)
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000):
        press_ok(tab.confirm_dialog)
    assert sent(sim, "jsm")["13800138000"].startswith("您的验证码为13800138000")


def test_the_template_list_adds_edits_and_removes(window, qtbot, prompts) -> None:
    tab = open_compose(window, qtbot)
    qtbot.mouseClick(tab.template_picker.manage_button, Qt.MouseButton.LeftButton)
    dialog = window.templates_dialog
    assert dialog is not None and dialog.objectName() == "templatesDialog"
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)

    dialog.name.setText("到货通知")
    dialog.category.setText("物流")
    dialog.kind.setCurrentIndex(dialog.kind.findData("notice"))
    dialog.text.setPlainText("{姓名}您好，订单{订单号}已到货")
    assert dialog.fields_label.text() == "{姓名}、{订单号}"
    with qtbot.waitSignal(window.ctx.changes.templates_changed, timeout=5000):
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "saveTemplateButton"), Qt.MouseButton.LeftButton
        )
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=5000)
    # 发送's picker has it at once
    qtbot.waitUntil(lambda: tab.template_picker.combo.count() == 2, timeout=5000)
    stored = in_worker(lambda: T.get(window.ctx.db, "到货通知"))
    assert (stored.category, stored.job_kind) == ("物流", "notice")

    # a refused template: the core's reason, nothing stored
    dialog.new_template()
    dialog.name.setText("空的")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=5000)
    assert "模板内容不能为空" in prompts.errors[-1].text
    assert len(in_worker(lambda: T.all_templates(window.ctx.db))) == 1

    # rename it
    dialog.select("到货通知")
    assert dialog.text.toPlainText() == "{姓名}您好，订单{订单号}已到货"
    dialog.name.setText("到货提醒")
    with qtbot.waitSignal(window.ctx.changes.templates_changed, timeout=5000):
        dialog.save_template()
    assert [t.name for t in in_worker(lambda: T.all_templates(window.ctx.db))] == ["到货提醒"]

    # remove it, after a confirmation
    qtbot.waitUntil(lambda: dialog.delete_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(window.ctx.changes.templates_changed, timeout=5000):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert prompts.of("confirm")
    assert in_worker(lambda: T.all_templates(window.ctx.db)) == []
    qtbot.waitUntil(lambda: tab.template_picker.combo.count() == 1, timeout=5000)
    dialog.close()


def test_the_settings_menu_opens_the_same_template_list(window, qtbot) -> None:
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, "templatesAction")
    assert action is not None and action.isEnabled()
    action.trigger()
    first = window.templates_dialog
    assert first is not None and first.isVisible()
    action.trigger()
    assert window.templates_dialog is first
    qtbot.waitUntil(lambda: first.loaded, timeout=5000)
    first.close()


def test_a_template_added_from_the_cli_shows_in_the_open_list(window, qtbot, home) -> None:
    """The 短信模板 list and 发送's picker follow the store's change feed: a template the CLI adds
    in another process shows in them without anyone reopening anything."""
    import subprocess
    import sys

    tab = open_compose(window, qtbot)
    qtbot.mouseClick(tab.template_picker.manage_button, Qt.MouseButton.LeftButton)
    dialog = window.templates_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.list.count() == 0
    args = [sys.executable, "-m", "sms_desktop.cli", "--home", str(home), "template", "add"]
    args += ["到货通知", "--text", "{姓名}您好，您的订单已到货", "--category", "物流"]
    cli = in_worker(
        lambda: subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=60)
    )
    assert cli.returncode == 0, cli.stderr
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=10000)
    qtbot.waitUntil(lambda: tab.template_picker.combo.count() == 2, timeout=5000)
    assert "到货通知" in tab.template_picker.combo.itemText(1)
    dialog.close()

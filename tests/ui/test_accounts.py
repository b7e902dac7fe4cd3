"""设置 → 账户 and 设置 → 选项, against the simulator over HTTP."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from uihelpers import in_worker

from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.demo import DEMO_PASSWORD, account_name


def open_accounts(window, qtbot):
    from sms_desktop.ui.dialogs.account import AccountsDialog

    dialog = AccountsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loads >= 1, timeout=5000)
    return dialog


def edit(dialog, qtbot, name: str):
    dialog.select(name)
    assert dialog.edit_button.isEnabled()
    editor = dialog.open_editor(dialog.selected())
    qtbot.addWidget(editor)
    return editor


def test_wrong_password_at_the_connection_test_shows_the_vendors_text(window, qtbot, sim):
    dialog = open_accounts(window, qtbot)
    editor = edit(dialog, qtbot, account_name("ipyy"))
    assert editor.userid.isVisibleTo(editor) and not editor.verycode.isVisibleTo(editor)
    editor.password.setText("wrong-password")
    before = len(sim.requests)
    qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.tests == 1, timeout=10000)
    asked = [r for r in sim.requests[before:] if r.family == "ipyy"]
    assert asked, "the test asked the gateway"
    reply = asked[-1].response.decode("utf-8")
    vendor = re.search(r"<message>(.*?)</message>", reply, re.S).group(1).strip()
    assert vendor  # the simulator's own words …
    assert editor.test_result.text().startswith("连接失败：")
    assert vendor in editor.vendor_reply.text()  # … shown beside the user's text
    assert "wrong-password" not in editor.vendor_reply.text() + editor.test_result.text()
    # nothing was saved: the stored password still works
    editor.password.setText("")
    qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.tests == 2, timeout=10000)
    assert editor.test_result.text().startswith("连接成功")
    assert "1,000" in editor.test_result.text()


def test_edit_keeps_the_stored_password_and_the_next_send_uses_the_new_settings(window, qtbot, sim):
    ctx = window.ctx
    name = account_name("ipyy")
    engine = ctx.engine
    in_worker(lambda: engine.gateway(name))  # cached, as after an earlier send
    dialog = open_accounts(window, qtbot)
    editor = edit(dialog, qtbot, name)
    assert editor.password.text() == "" and editor.name.isReadOnly()
    editor.signature.setText("【新签名】")
    with qtbot.waitSignal(ctx.changes.accounts_changed, timeout=5000):
        qtbot.mouseClick(
            editor.buttons.button(editor.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    accounts = ctx.accounts
    assert in_worker(lambda: accounts.password(name)) == DEMO_PASSWORD  # kept
    assert in_worker(lambda: accounts.get(name)).signature == "【新签名】"
    job = in_worker(
        lambda: engine.create_job(JobSpec(account=name, text="测试", recipients=["13800138000"]))
    )
    in_worker(lambda: engine.run_job(job))
    (sent,) = sim.account("ipyy", "demo").sent
    assert "【新签名】" in sent.text  # forget_account: the edited settings took effect


def test_add_an_account_then_remove_it(window, qtbot, sim):
    ctx = window.ctx
    sim.add_account("jsm", "newuser", "s3cret", balance=77, verycode="vc2")
    dialog = open_accounts(window, qtbot)
    editor = dialog.open_editor(None)
    qtbot.addWidget(editor)
    editor.family.setCurrentIndex(editor.family.findData("jsm"))
    assert editor.verycode.isVisibleTo(editor) and not editor.userid.isVisibleTo(editor)
    assert editor.advanced.isHidden()
    qtbot.mouseClick(editor.advanced_toggle, Qt.MouseButton.LeftButton)
    assert not editor.advanced.isHidden()
    editor.name.setText("新账户")
    editor.base_url.setText(sim.base_url("jsm"))
    editor.username.setText("newuser")
    editor.password.setText("s3cret")
    editor.verycode.setText("vc2")
    qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.tests == 1, timeout=10000)
    assert editor.test_result.text().startswith("连接成功") and "77" in editor.test_result.text()
    # the owner-only file fallback is named (tests run without the OS keyring)
    assert "不使用系统密码库" in editor.secrets_note.text()
    with qtbot.waitSignal(ctx.changes.accounts_changed, timeout=5000):
        qtbot.mouseClick(
            editor.buttons.button(editor.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    accounts, db = ctx.accounts, ctx.db
    assert in_worker(lambda: accounts.password("新账户")) == "s3cret"
    assert in_worker(lambda: accounts.with_secrets("新账户")).verycode == "vc2"
    stored = in_worker(lambda: db.read().execute("SELECT * FROM accounts").fetchall())
    assert not any("s3cret" in str(tuple(r)) or "vc2" in str(tuple(r)) for r in stored)
    qtbot.waitUntil(lambda: any(a.name == "新账户" for a in dialog.accounts), timeout=5000)
    dialog.select("新账户")
    with qtbot.waitSignal(ctx.changes.accounts_changed, timeout=5000):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(a.name != "新账户" for a in dialog.accounts), timeout=5000)
    assert in_worker(lambda: ctx.secrets.get("新账户")) is None  # the password went too


def test_settings_keep_the_poll_interval_and_the_word_list(window, qtbot):
    from sms_desktop.core import wordcheck
    from sms_desktop.ui.dialogs.settings import SettingsDialog

    ctx = window.ctx
    dialog = SettingsDialog(ctx, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    dialog.poll.setValue(90)
    dialog.words.setPlainText("发票\n 代开 \n\n发票")
    with qtbot.waitSignal(ctx.changes.settings_changed, timeout=5000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    db = ctx.db
    assert in_worker(lambda: wordcheck.load_words(db)) == ["发票", "代开"]
    assert ctx.poller.default_interval == 90
    from sms_desktop.ui.context import stored_poll_interval

    assert stored_poll_interval(ctx.settings) == 90
    again = SettingsDialog(ctx, window)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.loaded, timeout=5000)
    assert again.words.toPlainText() == "发票\n代开" and again.poll.value() == 90


def test_a_jsm_account_without_its_verycode_is_refused_and_names_it(window, qtbot, sim, prompts):
    ctx = window.ctx
    dialog = open_accounts(window, qtbot)
    editor = dialog.open_editor(None)
    qtbot.addWidget(editor)
    editor.family.setCurrentIndex(editor.family.findData("jsm"))
    assert editor.verycode.isVisibleTo(editor) and editor.verycode.placeholderText() == "必填"
    editor.name.setText("没有认证码")
    editor.base_url.setText(sim.base_url("jsm"))
    editor.username.setText("demo")
    editor.password.setText(DEMO_PASSWORD)
    save = editor.buttons.button(editor.buttons.StandardButton.Ok)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=5000)
    assert "通信认证密码" in prompts.errors[-1].text
    qtbot.waitUntil(save.isEnabled, timeout=5000)
    accounts = ctx.accounts
    assert "没有认证码" not in [a.name for a in in_worker(accounts.list)]
    assert editor.saved is None and editor.result() == 0  # not accepted: fill it in
    editor.verycode.setText("demo")
    with qtbot.waitSignal(ctx.changes.accounts_changed, timeout=5000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert in_worker(lambda: accounts.with_secrets("没有认证码")).verycode == "demo"


def test_in_english_the_jsm_field_is_named_verycode(window, qtbot, qapp):
    from sms_desktop.ui import i18n

    translators = i18n.install(qapp, "en")
    try:
        dialog = open_accounts(window, qtbot)
        editor = dialog.open_editor(None)
        qtbot.addWidget(editor)
        editor.family.setCurrentIndex(editor.family.findData("jsm"))
        label = editor._form.labelForField(editor.verycode).text()
        assert label == "veryCode:" and "API key" not in label
        assert editor.verycode.accessibleName() == "veryCode (communication password)"
        assert editor.verycode.placeholderText() == "Required"
    finally:
        i18n.remove(qapp, translators)


def test_the_balance_read_by_the_connection_test_reaches_the_send_estimate(window, qtbot, sim):
    """A new account, tested (its balance read) and saved: 发送's estimate weighs the cost
    against that balance at once, without a visit to 余额."""
    from uihelpers import open_compose

    ctx = window.ctx
    tab = open_compose(window, qtbot)
    sim.add_account("jsm", "newuser", "s3cret", balance=77, verycode="vc2")
    dialog = open_accounts(window, qtbot)
    editor = dialog.open_editor(None)
    qtbot.addWidget(editor)
    editor.family.setCurrentIndex(editor.family.findData("jsm"))
    editor.name.setText("新账户")
    editor.base_url.setText(sim.base_url("jsm"))
    editor.username.setText("newuser")
    editor.password.setText("s3cret")
    editor.verycode.setText("vc2")
    qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.tests == 1, timeout=10000)
    assert "77" in editor.test_result.text()
    with qtbot.waitSignal(ctx.changes.accounts_changed, timeout=5000):
        qtbot.mouseClick(
            editor.buttons.button(editor.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    qtbot.waitUntil(lambda: tab.account_combo.count() == 5, timeout=5000)
    tab.select_account("新账户")
    tab.recipients.edit.setPlainText("13800138000")
    tab.editor.set_text("会议通知")
    count = tab.editor.count_label
    qtbot.waitUntil(lambda: "余额 77 条" in count.text(), timeout=10000)
    assert "预计费用 1 条" in count.text()

"""The account chosen in 发送 (and in the other pickers that reload) stays chosen through every
reload of the accounts; one that was removed is never silently replaced by another."""

from __future__ import annotations

from PySide6.QtCore import Qt
from uihelpers import in_worker, open_compose

from sms_desktop.demo import account_name

IPYY, JSM, QXT = account_name("ipyy"), account_name("jsm"), account_name("qxt")


def _reloaded(tab, qtbot, fn) -> None:
    """Run ``fn`` and wait until the compose tab has loaded the accounts again."""
    gen = tab.live.generation
    fn()
    qtbot.waitUntil(lambda: tab.live.generation > gen, timeout=5000)


def test_switching_to_utf8_keeps_the_chosen_account(window, qtbot, prompts):
    tab = open_compose(window, qtbot)
    tab.select_account(JSM)
    assert tab.account_combo.currentIndex() != 0  # not the first account
    tab.editor.edit.insertPlainText("周末愉快😀")
    qtbot.waitUntil(lambda: tab.editor.utf8_button.isVisible(), timeout=5000)
    _reloaded(tab, qtbot, tab.offer_utf8)  # FakePrompts: 改用 UTF-8 accepted
    assert tab.account_combo.currentData() == JSM
    assert tab.current_account().charset == "utf-8"
    assert tab.draft().account == JSM  # what 发送… would confirm and send through


def test_editing_another_account_keeps_the_chosen_ones(window, qtbot):
    from test_accounts import edit, open_accounts

    tab = open_compose(window, qtbot)
    tab.select_account(QXT)
    tab.backup_combo.setCurrentIndex(tab.backup_combo.findData(JSM))
    dialog = open_accounts(window, qtbot)
    editor = edit(dialog, qtbot, IPYY)
    editor.signature.setText("【另一个签名】")

    def save() -> None:
        qtbot.mouseClick(
            editor.buttons.button(editor.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    _reloaded(tab, qtbot, save)
    assert tab.account_combo.currentData() == QXT
    assert tab.backup_combo.currentData() == JSM
    assert tab.draft().account == QXT and tab.draft().backup == JSM


def test_a_removed_account_is_not_replaced_and_the_user_is_told(window, qtbot, prompts):
    tab = open_compose(window, qtbot)
    tab.select_account(JSM)
    tab.backup_combo.setCurrentIndex(tab.backup_combo.findData(QXT))
    accounts, engine = window.ctx.accounts, window.ctx.engine

    def remove() -> None:
        in_worker(lambda: (accounts.remove(JSM), accounts.remove(QXT)))
        window.ctx.changes.accounts_changed.emit()

    _reloaded(tab, qtbot, remove)
    assert tab.account_combo.currentIndex() == -1  # no other account put in its place
    assert tab.draft() is None
    assert tab.backup_combo.currentData() is None
    notices = " ".join(n.text for n in prompts.of("notify"))
    assert JSM in notices and QXT in notices
    # 发送 refuses until an account is chosen; nothing is stored
    tab.recipients.edit.setPlainText("13800138000")
    tab.editor.edit.setPlainText("你好")
    tab.send()
    assert prompts.errors[-1].text == "请先选择发送账户。"
    assert in_worker(lambda: engine.jobs()) == []
    # a later reload still leaves the choice to the user …
    _reloaded(tab, qtbot, window.ctx.changes.accounts_changed.emit)
    assert tab.account_combo.currentIndex() == -1
    # … until they choose
    tab.select_account(IPYY)
    _reloaded(tab, qtbot, window.ctx.changes.accounts_changed.emit)
    assert tab.account_combo.currentData() == IPYY


def test_the_inbox_account_filter_falls_back_to_all_when_its_account_goes(window, qtbot):
    page = window.page("inboxPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.account_combo.count() == 5, timeout=5000)
    tab.account_combo.setCurrentIndex(tab.account_combo.findData(JSM))
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=5000)
    assert tab.current_filter().account == JSM
    loads = tab.loads
    accounts = window.ctx.accounts
    in_worker(lambda: accounts.remove(JSM))
    window.ctx.changes.accounts_changed.emit()
    qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
    assert tab.account_combo.currentData() is None  # 全部账户 …
    assert tab.current_filter().account is None
    qtbot.waitUntil(lambda: tab.loads > loads, timeout=5000)  # … and the list shows them


def test_the_balance_selection_survives_a_reload(window, qtbot):
    page = window.page("balancePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4, timeout=5000)
    qtbot.waitUntil(lambda: not tab.model.pending, timeout=10000)
    tab.view.selectRow(tab.model.row_of(JSM))
    assert tab.refresh_one_button.isEnabled()
    with qtbot.waitSignal(tab.model.modelReset, timeout=5000):
        window.ctx.changes.accounts_changed.emit()
    rows = {i.row() for i in tab.view.selectionModel().selectedRows()}
    assert rows == {tab.model.row_of(JSM)}
    assert tab.refresh_one_button.isEnabled()


def test_the_inbox_selection_survives_replies_arriving(window, qtbot, sim):
    from test_inbox import _inbox, _sync, _texts

    tab = _inbox(window, qtbot)
    sim.inject_reply("ipyy", "demo", "13800138000", "第一条")
    sim.inject_reply("ipyy", "demo", "13800138001", "第二条")
    _sync(window, qtbot)
    rows = _texts(tab, qtbot, 2)
    chosen = next(i for i, r in enumerate(rows) if "第一条" in r)
    tab.select_row(chosen)
    key = tab.model.key(chosen)
    sim.inject_reply("ipyy", "demo", "13800138002", "第三条")  # a background sync brings it
    loads = tab.loads
    window.scheduler.tick()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3 and tab.loads > loads, timeout=15000)
    assert [tab.model.key(r) for r in tab.selected_rows()] == [key]

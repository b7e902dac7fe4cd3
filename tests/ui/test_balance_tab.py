"""余额: refresh against the simulator, errors with the vendor's text, low-balance warning."""

from __future__ import annotations

from PySide6.QtCore import Qt
from uihelpers import in_worker

from sms_desktop.demo import account_name
from sms_desktop.ui.models.recipients import in_language


def _open_balance(window, qtbot):
    page = window.page("balancePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: len(tab.model.rows) == 4 and not tab.model.pending, timeout=10000)
    return tab


def _cell(tab, account: str, col: str) -> str:
    from sms_desktop.ui.models.balances import COLUMNS

    row = tab.model.row_of(account)
    return tab.model.data(tab.model.index(row, COLUMNS.index(col)), Qt.ItemDataRole.DisplayRole)


def test_refresh_shows_the_simulators_balance(window, qtbot, sim):
    tab = _open_balance(window, qtbot)  # the first look refreshes every account
    for family in ("ipyy", "qxt", "jsm", "txt112088"):
        assert _cell(tab, account_name(family), "messages") == "1,000"
        assert _cell(tab, account_name(family), "status") == "正常"
    # the vendor changes the balance; refreshing one account asks the gateway again
    sim.account("ipyy", "demo").balance = 321
    before = len([r for r in sim.requests if r.family == "ipyy"])
    row = tab.model.row_of(account_name("ipyy"))
    tab.view.selectRow(row)
    assert tab.refresh_one_button.isEnabled()
    qtbot.mouseClick(tab.refresh_one_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _cell(tab, account_name("ipyy"), "messages") == "321")
    assert len([r for r in sim.requests if r.family == "ipyy"]) == before + 1
    assert _cell(tab, account_name("jsm"), "messages") == "1,000"
    assert _cell(tab, account_name("ipyy"), "read_at") != "—"
    # the reading is remembered in the store for the compose confirmation
    accounts = window.ctx.accounts
    assert in_worker(lambda: accounts.last_balance(account_name("ipyy"))).messages == 321


def test_wrong_password_shows_the_user_text_beside_the_vendor_text(window, qtbot, sim):
    accounts = window.ctx.accounts
    in_worker(lambda: accounts.set_password(account_name("txt112088"), "wrong"))
    tab = _open_balance(window, qtbot)
    status = _cell(tab, account_name("txt112088"), "status")
    vendor = _cell(tab, account_name("txt112088"), "vendor")
    assert status.startswith("查询失败：")
    row = tab.model.rows[tab.model.row_of(account_name("txt112088"))]
    assert row.error and in_language(row.error, "zh_CN") in status
    assert vendor and vendor == (row.vendor_text or "").replace("\n", " ")[:200]
    assert _cell(tab, account_name("ipyy"), "status") == "正常"  # the others are unaffected
    assert window.ctx.prompts.errors == []  # shown in the view, no dialog per account


def test_low_balance_threshold_warns_and_is_kept(window, qtbot, sim):
    sim.account("qxt", "demo").balance = 50
    tab = _open_balance(window, qtbot)
    assert tab.warning.isHidden()
    from sms_desktop.ui.models.balances import THRESHOLD_COL

    row = tab.model.row_of(account_name("qxt"))
    assert tab.model.setData(tab.model.index(row, THRESHOLD_COL), 100)
    qtbot.waitUntil(lambda: not tab.warning.isHidden())
    assert account_name("qxt") in tab.warning.text() and "50" in tab.warning.text()
    assert _cell(tab, account_name("qxt"), "status") == "余额低于提醒值"
    from sms_desktop.core.balances import threshold

    db = window.ctx.db
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0)
    assert in_worker(lambda: threshold(db, account_name("qxt"))) == 100
    # a balance above the threshold clears the warning
    sim.account("qxt", "demo").balance = 500
    tab.refresh_all()
    qtbot.waitUntil(lambda: tab.warning.isHidden() and not tab.model.pending)


def test_a_postpaid_account_shows_postpaid_and_never_warns(window, qtbot, sim):
    """ipyy <payinfo>后付费</payinfo> with a negative <overage>: no figure, no warning."""
    sim.account("ipyy", "demo").payinfo = "后付费"
    sim.account("ipyy", "demo").balance = -7908770
    tab = _open_balance(window, qtbot)
    name = account_name("ipyy")
    assert _cell(tab, name, "messages") == "后付费"
    assert "后付费" in _cell(tab, name, "status") and "7908770" not in _cell(tab, name, "messages")
    from sms_desktop.ui.models.balances import THRESHOLD_COL

    assert tab.model.setData(tab.model.index(tab.model.row_of(name), THRESHOLD_COL), 100)
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0)
    assert tab.warning.isHidden()
    last = in_worker(lambda: window.ctx.accounts.last_balance(name))
    assert last.postpaid and last.messages is None

"""A PC whose keyring lacks a gateway password (it joined the office store): the window asks for
it once, through the Prompts interface, when a send, a balance query or a sync needs it; the
password goes to the keyring and what needed it goes on. Cancelled: nothing stored, nothing
sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from uihelpers import in_worker

from sms_desktop.core.jobs.model import JobState
from sms_desktop.demo import DEMO_PASSWORD, account_name

IPYY = account_name("ipyy")


def _forget_password(window, qtbot, name: str = IPYY, *kinds: str) -> None:
    """This PC loses the account's password (and ``kinds``: secret fields). The background
    sync is stopped first, so that only what the test does asks (``sync_now`` still works)."""
    ctx = window.ctx
    window.scheduler.stop()
    qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=10000)
    accounts, engine = ctx.accounts, ctx.engine

    def forget() -> None:
        accounts.secrets.delete(name)
        for kind in kinds:
            accounts.secrets.delete(name, kind=kind)
        engine.forget_account(name)  # no gateway built with the old password stays cached

    in_worker(forget)
    assert not in_worker(lambda: accounts.has_password(name))


def _sends(sim):
    return [r for r in sim.requests if r.family == "ipyy" and r.params.get("action") == "send"]


def _compose_and_confirm(window, qtbot):
    page = window.page("composePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
    tab.select_account(IPYY)
    tab.recipients.edit.setPlainText("13800000001\n13800000002")
    tab.editor.edit.setPlainText("周六全场八折")
    qtbot.waitUntil(lambda: not tab._estimate_timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: tab.ctx.ops.in_flight == 0, timeout=10000)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.confirm_dialog is not None and tab.confirm_dialog.isVisible())
    return tab, tab.confirm_dialog


def test_a_send_asks_for_the_missing_password_keeps_it_and_goes_out(window, qtbot, sim, prompts):
    ctx = window.ctx
    _forget_password(window, qtbot)
    prompts.password_answers.append(DEMO_PASSWORD)
    _, dialog = _compose_and_confirm(window, qtbot)
    # the confirmation's balance cannot be read yet: it says so, and that 确认发送 asks
    qtbot.waitUntil(lambda: dialog.balance_read, timeout=10000)
    said = dialog.balance_label.text()
    assert "还没有保存这个账户的密码" in said and "确认后会请你输入" in said and "失败" not in said
    assert prompts.of("ask_password") == []
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=20000) as done:
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    asked = prompts.of("ask_password")
    assert len(asked) == 1 and IPYY in asked[0].text
    assert done.args[0].state == JobState.DONE
    assert sorted(m.phone for m in sim.account("ipyy", "demo").sent) == [
        "13800000001",
        "13800000002",
    ]
    assert in_worker(lambda: ctx.accounts.password(IPYY)) == DEMO_PASSWORD
    assert prompts.errors == []
    # kept: the next send asks nothing
    _, dialog = _compose_and_confirm(window, qtbot)
    with qtbot.waitSignal(ctx.changes.job_finished, timeout=20000):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert len(prompts.of("ask_password")) == 1


def test_cancelling_the_password_stores_and_sends_nothing(window, qtbot, sim, prompts):
    ctx = window.ctx
    _forget_password(window, qtbot)
    before = len(_sends(sim))
    prompts.password_answers.append(None)
    tab, dialog = _compose_and_confirm(window, qtbot)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: len(prompts.of("ask_password")) == 1, timeout=10000)
    qtbot.waitUntil(lambda: ctx.ops.in_flight == 0, timeout=10000)
    assert tab.send_button.isEnabled()
    assert in_worker(lambda: ctx.engine.jobs()) == []
    assert len(_sends(sim)) == before
    assert not in_worker(lambda: ctx.accounts.has_password(IPYY))


def test_the_balance_tab_asks_then_reads_the_balance(window, qtbot, sim, prompts):
    _forget_password(window, qtbot)
    sim.account("ipyy", "demo").balance = 777
    prompts.password_answers.append(DEMO_PASSWORD)
    page = window.page("balancePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: len(prompts.of("ask_password")) == 1, timeout=10000)

    def messages() -> object:
        row = tab.model.row_of(IPYY)
        return tab.model.rows[row].messages if row is not None and row >= 0 else None

    qtbot.waitUntil(lambda: messages() == 777, timeout=10000)
    assert prompts.errors == []
    assert len(prompts.of("ask_password")) == 1


def test_an_automatic_sync_asks_once_and_not_again_after_cancel(window, qtbot, sim, prompts):
    ctx = window.ctx
    _forget_password(window, qtbot)
    prompts.password_answers.append(None)
    n = window.scheduler.syncs
    window.sync_now()
    qtbot.waitUntil(lambda: window.scheduler.syncs > n, timeout=10000)
    assert len(prompts.of("ask_password")) == 1
    n = window.scheduler.syncs
    window.sync_now()
    qtbot.waitUntil(lambda: window.scheduler.syncs > n, timeout=10000)
    assert len(prompts.of("ask_password")) == 1  # declined: the next sync does not ask again
    # what the user starts (a send, a balance) still asks: this time the password is given
    prompts.password_answers.append(DEMO_PASSWORD)
    synced = window.scheduler.syncs
    ctx.passwords.ask(window, IPYY, then=window.sync_now)
    qtbot.waitUntil(lambda: window.scheduler.syncs > synced, timeout=10000)
    assert in_worker(lambda: ctx.accounts.password(IPYY)) == DEMO_PASSWORD


def test_any_op_that_needs_the_password_asks_for_it(window, qtbot, prompts):
    """Ops.report_error, the failure handler of every op without its own: 发送记录's resume,
    the start-up's overdue jobs … ask instead of showing an error."""
    from sms_desktop.ui.ops import Op

    ctx = window.ctx
    _forget_password(window, qtbot)
    prompts.password_answers.append(DEMO_PASSWORD)
    accounts = ctx.accounts
    Op(window, lambda: accounts.gateway(IPYY), ops=ctx.ops).in_pool("io").run()
    qtbot.waitUntil(lambda: len(prompts.of("notify")) > 0 and ctx.ops.in_flight == 0)
    assert len(prompts.of("ask_password")) == 1
    assert in_worker(lambda: accounts.password(IPYY)) == DEMO_PASSWORD
    assert prompts.errors == []


def test_a_jsm_account_asks_for_the_password_and_the_verycode(window, qtbot, sim, prompts):
    from sms_desktop.core.accounts import VERYCODE

    ctx = window.ctx
    jsm = account_name("jsm")
    accounts = ctx.accounts
    code = in_worker(lambda: accounts.secrets.get(jsm, kind=VERYCODE))
    _forget_password(window, qtbot, jsm, VERYCODE)
    prompts.password_answers.extend([DEMO_PASSWORD, code])
    page = window.page("balancePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    qtbot.waitUntil(lambda: len(prompts.of("ask_password")) == 2, timeout=10000)
    asked = prompts.of("ask_password")
    assert "veryCode" in asked[1].text and jsm in asked[1].text
    qtbot.waitUntil(lambda: in_worker(lambda: accounts.has_password(jsm)), timeout=10000)
    assert in_worker(lambda: accounts.secrets.get(jsm, kind=VERYCODE)) == code
    tab = page.tab
    qtbot.waitUntil(
        lambda: tab.model.rows[tab.model.row_of(jsm)].messages is not None, timeout=10000
    )
    assert prompts.errors == []

"""收件箱 against the simulator: replies and the unread count, opt-out, reply, conversation,
sync errors without dialogs, notices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from uihelpers import in_worker

from sms_desktop.core.contacts import blacklist_contains
from sms_desktop.core.contacts.recipients import Recipient
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.core.store import inbox
from sms_desktop.demo import account_name

PHONE, OTHER = "13912345678", "13800138000"


def _inbox(window, qtbot):
    window.tabs.setCurrentWidget(window.page("inboxPage"))
    tab = window.page("inboxPage").build()
    qtbot.waitUntil(lambda: tab.loads >= 1, timeout=5000)
    return tab


def _sync(window, qtbot) -> None:
    n = window.scheduler.syncs
    window.sync_now()
    qtbot.waitUntil(lambda: window.scheduler.syncs > n, timeout=15000)


def _contrast(a, b) -> float:
    """The WCAG contrast ratio of two QColors."""

    def lum(c) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _texts(tab, qtbot, rows: int) -> list[list[str]]:
    """The displayed rows once their page has arrived."""
    model = tab.model
    qtbot.waitUntil(lambda: model.rowCount() == rows, timeout=5000)
    for r in range(rows):
        model.row_at(r)
    qtbot.waitUntil(lambda: all(model.row_at(r) is not None for r in range(rows)), timeout=5000)
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(rows)
    ]


def _send(ctx, family: str, phones: list[str], text: str = "周六全场八折") -> int:
    engine = ctx.engine
    spec = JobSpec(
        account=account_name(family), text=text, recipients=[Recipient(p) for p in phones]
    )

    def run() -> int:
        job = engine.create_job(spec)
        engine.run_job(job)
        return job

    return in_worker(run)


def test_a_reply_appears_in_the_inbox_with_the_unread_count(window, qtbot, sim, prompts):
    tab = _inbox(window, qtbot)
    page_index = window.tabs.indexOf(window.page("inboxPage"))
    assert window.tabs.tabText(page_index) == "收件箱"
    sim.inject_reply("ipyy", "demo", PHONE, "收到，周六见")
    with qtbot.waitSignal(window.ctx.changes.unread_changed, timeout=15000):
        _sync(window, qtbot)
    assert window.tabs.tabText(page_index) == "收件箱 (1)"
    rows = _texts(tab, qtbot, 1)
    assert rows[0][1] == PHONE and rows[0][2] == "收到，周六见"
    assert rows[0][3] == "" and rows[0][4] == "不在黑名单"
    assert rows[0][5] == account_name("ipyy")
    # the notice comes with the sync's results (a background tick may have brought the reply:
    # its results can arrive after the views heard of the stored reply)
    qtbot.waitUntil(
        lambda: any(c.title == "收到新回复" and PHONE in c.text for c in prompts.of("notify")),
        timeout=15000,
    )
    # a second reply arrives while the tab is open: it comes first (newest first)
    sim.inject_reply("ipyy", "demo", OTHER, "好的")
    with qtbot.waitSignal(window.ctx.changes.unread_changed, timeout=15000):
        _sync(window, qtbot)
    assert window.tabs.tabText(page_index) == "收件箱 (2)"
    assert [r[1] for r in _texts(tab, qtbot, 2)] == [OTHER, PHONE]
    # filters: phone prefix, then account
    tab.phone_edit.setText("1391")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    tab.phone_edit.clear()
    tab.account_combo.setCurrentIndex(tab.account_combo.findData(account_name("jsm")))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=5000)


def test_an_opt_out_reply_blacklists_the_number_and_the_next_send_skips_it(ctx, window, qtbot, sim):
    tab = _inbox(window, qtbot)
    sim.inject_reply("ipyy", "demo", PHONE, "TD")
    with qtbot.waitSignal(ctx.changes.inbox_changed, timeout=15000):
        _sync(window, qtbot)
    row = _texts(tab, qtbot, 1)[0]
    assert row[3] == "退订" and row[4] == "已拉黑（回复退订）"
    db = ctx.db
    assert in_worker(lambda: blacklist_contains(db, PHONE))
    sim.clear_requests()
    job = _send(ctx, "ipyy", [PHONE, OTHER])
    sent = sorted(m.phone for m in sim.account("ipyy", "demo").sent)
    assert PHONE not in sent and OTHER in sent
    summary = in_worker(lambda: ctx.engine.summary(job))
    assert summary.skipped == 1 and summary.accepted == 1


def test_mark_opt_out_from_the_inbox(ctx, window, qtbot, sim, prompts):
    tab = _inbox(window, qtbot)
    sim.inject_reply("ipyy", "demo", PHONE, "别再发了")
    with qtbot.waitSignal(ctx.changes.inbox_changed, timeout=15000):
        _sync(window, qtbot)
    assert _texts(tab, qtbot, 1)[0][4] == "不在黑名单"
    tab.select_row(0)
    assert tab.optout_button.isEnabled()
    with qtbot.waitSignal(ctx.changes.blacklist_changed, timeout=5000):
        tab.optout_button.click()
    assert prompts.of("confirm")[-1].title == "标记退订"
    db = ctx.db
    source = in_worker(
        lambda: db.read().execute("SELECT source FROM blacklist WHERE phone=?", (PHONE,)).fetchone()
    )
    assert source[0] == "opt-out"
    qtbot.waitUntil(lambda: tab.model.index(0, 4).data() == "已拉黑（回复退订）", timeout=5000)


def test_reply_from_the_inbox_opens_compose_with_the_number(ctx, window, qtbot, sim):
    tab = _inbox(window, qtbot)
    sim.inject_reply("ipyy", "demo", PHONE, "几点开始？")
    with qtbot.waitSignal(ctx.changes.inbox_changed, timeout=15000):
        _sync(window, qtbot)
    _texts(tab, qtbot, 1)
    tab.select_row(0)
    tab.reply_button.click()
    compose = window.page("composePage")
    assert window.tabs.currentWidget() is compose
    assert compose.tab is not None
    assert compose.tab.recipients.pasted() == PHONE


def test_the_conversation_shows_the_sent_message_and_the_reply(ctx, window, qtbot, sim):
    _send(ctx, "ipyy", [PHONE], "周六全场八折，回复TD退订")
    sim.inject_reply("ipyy", "demo", PHONE, "周六几点？")
    tab = _inbox(window, qtbot)
    with qtbot.waitSignal(ctx.changes.unread_changed, timeout=15000):
        _sync(window, qtbot)
    _texts(tab, qtbot, 1)
    tab.select_row(0)
    tab.conversation_button.click()
    dialog = tab.conversation
    assert dialog is not None and dialog.objectName() == "conversationDialog"
    qtbot.waitUntil(lambda: dialog.opened_ms is not None, timeout=5000)
    view = dialog.view
    assert view.objectName() == "conversationView"
    model = view.model()
    rows = [[str(model.index(r, c).data()) for c in range(5)] for r in range(model.rowCount())]
    assert [r[1] for r in rows] == ["发出", "回复"]
    assert "周六全场八折，回复TD退订" in rows[0][2]
    assert rows[0][3].startswith(("已送达（", "未送达（"))  # the state, with the pulled report
    assert rows[1][2] == "周六几点？"
    # the reply row's tint is not the selection's blue, and its text stays easy to read
    tint = model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole)
    palette = view.palette()
    selection = palette.color(QPalette.ColorRole.Highlight)
    hue_gap = abs(tint.hslHue() - selection.hslHue()) % 360
    assert min(hue_gap, 360 - hue_gap) >= 90, (tint.name(), selection.name())
    assert _contrast(tint, palette.color(QPalette.ColorRole.Text)) >= 7  # WCAG AAA
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is None  # a sent row: plain
    # opening the thread marked the reply read: the tab's count goes away
    page_index = window.tabs.indexOf(window.page("inboxPage"))
    qtbot.waitUntil(lambda: window.tabs.tabText(page_index) == "收件箱", timeout=5000)
    db = ctx.db
    assert in_worker(lambda: inbox.unread_count(db)) == 0
    dialog.reply_button.click()
    assert window.page("composePage").tab.recipients.pasted() == PHONE


def test_sync_errors_show_in_the_inbox_and_status_bar_never_as_dialogs(
    ctx, window, qtbot, sim, prompts
):
    tab = _inbox(window, qtbot)
    window.scheduler.stop()  # only "sync now" from here: a tick begun earlier could succeed
    qtbot.waitUntil(lambda: not window.scheduler._ticking, timeout=10000)
    sim.set_fault("ipyy", "http500")
    for _ in range(3):
        _sync(window, qtbot)
    assert prompts.errors == []
    assert tab.sync_status.isVisible()
    assert account_name("ipyy") in tab.sync_status.text()
    said = [c for c in prompts.of("notify") if c.title.startswith("同步出错")]
    assert len(said) == 1  # said once, not at every sync
    assert "1 个账户同步出错" in window.statusBar().currentMessage()
    # the errors are there for a tab built later too (another window on the same context)
    from sms_desktop.ui.tabs.inbox import InboxTab

    late = InboxTab(ctx, window)
    late.on_ready()
    assert account_name("ipyy") in late.sync_status.text()
    qtbot.waitUntil(lambda: late.loads >= 1, timeout=5000)
    sim.clear_faults()
    _sync(window, qtbot)
    assert not tab.sync_status.isVisible()


def test_notices_for_a_finished_send(ctx, window, qtbot, prompts):
    job = _send(ctx, "ipyy", [PHONE, OTHER])
    summary = in_worker(lambda: ctx.engine.summary(job))
    ctx.changes.job_finished.emit(summary)
    notices = [c for c in prompts.of("notify") if c.title == "发送完成"]
    assert notices and f"任务 {job}：2 个号码已全部提交。" in notices[-1].text


def test_a_qxt_push_reaches_the_inbox_through_the_receiver(ctx, window, qtbot, sim, prompts):
    """Switched on in 设置 → 推送接收 (port 0: a free one), the URL given to the vendor."""
    from sms_desktop.ui.dialogs.push import PushDialog

    tab = _inbox(window, qtbot)
    dialog = PushDialog(ctx, window.push, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    [box] = dialog.boxes
    assert box.account == account_name("qxt")
    box.enabled.setChecked(True)
    box.host.setText("127.0.0.1")
    box.port.setValue(0)
    box.generate_token()
    token = box.token.text()
    with qtbot.waitSignal(window.push.changed, timeout=10000):
        dialog.save()
    receiver = ctx.push_receivers[account_name("qxt")]
    assert receiver.running and box.url.text() == receiver.url
    assert box.url.text().endswith(f"/{token}/") and box.status.text().startswith("正在接收")
    sim.set_push_url("demo", box.url.text())
    sim.inject_reply("qxt", "demo", PHONE, "已收到通知")
    with qtbot.waitSignal(ctx.changes.inbox_changed, timeout=10000):
        in_worker(sim.flush_pushes)
    row = _texts(tab, qtbot, 1)[0]
    assert row[1] == PHONE and row[2] == "已收到通知" and row[5] == account_name("qxt")
    # the token is kept as a secret: not in settings.ini, not in the store's push settings
    ini = ctx.home / "settings.ini"
    assert not ini.exists() or token not in ini.read_text(encoding="utf-8")
    saved = in_worker(lambda: ctx.db.get_setting(f"push.{account_name('qxt')}"))
    assert saved and '"enabled": true' in saved and token not in saved
    # switched off: the receiver stops (off the GUI thread)
    box.enabled.setChecked(False)
    with qtbot.waitSignal(window.push.changed, timeout=10000):
        dialog.save()
    assert account_name("qxt") not in ctx.push_receivers and not receiver.running


def test_push_receivers_start_with_the_application(ctx, make_window, qtbot, sim):
    from sms_desktop.core import push_config

    cfg = push_config.PushConfig(account_name("qxt"), True, "127.0.0.1", 0)
    in_worker(lambda: push_config.write(ctx.db, cfg))
    window = make_window()
    qtbot.waitUntil(lambda: account_name("qxt") in ctx.push_receivers, timeout=10000)
    receiver = ctx.push_receivers[account_name("qxt")]
    assert receiver.running
    window.close()
    assert not receiver.running and not ctx.push_receivers


def test_closing_with_held_jobs_stays_in_the_tray_after_saying_so_once(ctx, window, qtbot, prompts):
    from datetime import datetime, timedelta

    from sms_desktop.ui.tray import Tray

    tray = Tray(window, available=True)  # offscreen has no tray: pretend there is one
    window.tray = tray
    engine = ctx.engine
    spec = JobSpec(
        account=account_name("qxt"),  # qxt holds schedules on this computer
        text="周六全场八折",
        recipients=[Recipient(PHONE)],
        send_at=datetime.now() + timedelta(hours=1),
    )
    in_worker(lambda: engine.create_job(spec))
    tray.refresh()
    qtbot.waitUntil(lambda: tray.held == 1, timeout=5000)
    window.close()
    assert window.isHidden() and not ctx.ops.closed  # still running
    window.show()
    window.close()
    kept = [c for c in prompts.of("notify") if c.title == "程序仍在运行"]
    assert len(kept) == 1 and "1 个定时任务" in kept[0].text
    assert not ctx.ops.closed
    tray.pause_all()
    assert prompts.of("notify")[-1].title == "已暂停发送"
    tray.quit()  # 退出 in the tray menu really quits
    assert ctx.ops.closed


def test_the_push_url_on_every_interface_is_this_pcs_address(ctx, window, qtbot, monkeypatch):
    """0.0.0.0 (every interface): the URL for the vendor has this PC's network address, not
    127.0.0.1 (the vendor's server would call itself), and the note says what to do behind a
    router; a receiver on 127.0.0.1 keeps its address."""
    from sms_desktop.core import push_receiver
    from sms_desktop.ui.dialogs.push import PushDialog

    monkeypatch.setattr(push_receiver, "lan_address", lambda: "192.168.1.23")
    dialog = PushDialog(ctx, window.push, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    [box] = dialog.boxes
    box.enabled.setChecked(True)
    box.host.setText("0.0.0.0")
    box.port.setValue(8090)
    box.token.setText("demo-token-2026")
    assert box.url.text() == "http://192.168.1.23:8090/demo-token-2026/"
    assert "路由器" in box.status.text()
    box.host.setText("127.0.0.1")
    assert box.url.text() == "http://127.0.0.1:8090/demo-token-2026/"
    assert "路由器" not in box.status.text()


def test_the_new_reply_notice_lists_the_numbers_in_the_window_language(
    qapp, make_window, qtbot, sim, prompts
):
    """The English notice named the numbers with the Chinese list comma ("from 1868…、1391…")."""
    from sms_desktop.ui import i18n

    translators = i18n.install(qapp, "en")
    try:
        window = make_window()
        sim.inject_reply("ipyy", "demo", PHONE, "OK")
        sim.inject_reply("ipyy", "demo", OTHER, "收到")
        _sync(window, qtbot)

        def notice() -> str | None:
            texts = [c.text for c in prompts.of("notify") if c.title == "New replies"]
            return texts[0] if texts else None

        qtbot.waitUntil(lambda: notice() is not None, timeout=15000)
        text = notice()
        assert text is not None and "、" not in text
        assert f"{PHONE}, {OTHER}" in text or f"{OTHER}, {PHONE}" in text, text
    finally:
        i18n.remove(qapp, translators)


def test_a_sync_of_every_account_does_not_announce_the_wait_of_one_just_synced(
    window, qtbot, prompts
):
    """jsm allows one pull every 3 minutes, and the automatic sync has just pulled it: the
    同步 button's notice leaves that out (nothing the user asked for had to wait); an account
    the user asked for by name still says how long it must wait."""
    jsm = account_name("jsm")
    n = window.scheduler.ticks
    window.scheduler.tick()  # the automatic sync: every account, jsm included
    qtbot.waitUntil(lambda: window.scheduler.ticks > n, timeout=15000)
    _sync(window, qtbot)
    notice = [p for p in prompts.of("notify") if p.title == "同步完成"][-1]
    assert notice.text.startswith("新回复 0 条，状态报告 0 条。")
    assert "需等待" not in notice.text and jsm not in notice.text
    n = window.scheduler.syncs
    window.scheduler.sync_now([jsm])  # this account, by name
    qtbot.waitUntil(lambda: window.scheduler.syncs > n, timeout=15000)
    notice = [p for p in prompts.of("notify") if p.title == "同步完成"][-1]
    assert f"{jsm} 需等待" in notice.text

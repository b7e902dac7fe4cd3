"""Two PCs on one office store (PostgreSQL): each window shows what the other one does within
2 s — a new job, its progress, a new reply, a blacklist change — through the change triggers'
notifications (LISTEN on a connection of its own) and a re-read of the version rows."""

from __future__ import annotations

import time

from uihelpers import in_worker

from sms_desktop.core.accounts import Account

LIVE = 2000  # ms: what another PC's window may take to show a change
PHONES = ["13800138000", "13800138001", "13800138002"]


def _open(qtbot, home, prompts, pg_url):
    from sms_desktop.ui.context import AppContext
    from sms_desktop.ui.main_window import MainWindow

    home.mkdir(exist_ok=True)
    ctx = AppContext(home, prompts=prompts, store=pg_url)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: w.ready, timeout=20000)
    return ctx, w


def _tab(window, qtbot, name: str):
    window.tabs.setCurrentWidget(window.page(name))
    tab = window.page(name).build()
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
    return tab


def _within(qtbot, check, what: str) -> float:
    """Wait for ``check`` up to LIVE ms; the seconds it took."""
    start = time.monotonic()
    qtbot.waitUntil(check, timeout=LIVE)
    took = time.monotonic() - start
    assert took < LIVE / 1000, what
    return took


def test_two_windows_on_one_office_store_see_each_others_work(
    qtbot, qapp, tmp_path, prompts, stall_guard, sim, pg_url
):
    from sms_desktop.core.contacts import blacklist_add
    from sms_desktop.core.engine import JobSpec
    from sms_desktop.demo import DEMO_PASSWORD, account_name

    stall_guard.disarm()  # two windows start; the connections are made in ops
    ctx_a, a = _open(qtbot, tmp_path / "pc-a", prompts, pg_url)
    ctx_b, b = _open(qtbot, tmp_path / "pc-b", prompts, pg_url)
    try:
        name = account_name("ipyy")
        acct = Account(
            name=name,
            family="ipyy",
            base_url=sim.base_url("ipyy"),
            username="demo",
            userid="1",
            signature="【演示公司】",
        )
        from sms_desktop.simulator import demo_accounts

        demo_accounts(sim)
        in_worker(lambda: ctx_a.accounts.add(acct, DEMO_PASSWORD))
        in_worker(lambda: ctx_b.accounts.secrets.set(name, DEMO_PASSWORD))  # each PC's own keyring
        history_a = _tab(a, qtbot, "historyPage")
        history_b = _tab(b, qtbot, "historyPage")
        inbox_a = _tab(a, qtbot, "inboxPage")

        # a new job on B: A's 发送记录 lists it
        engine_b = ctx_b.engine
        job = in_worker(
            lambda: engine_b.create_job(
                JobSpec(account=name, text="周六全场八折", recipients=PHONES)
            )
        )
        _within(qtbot, lambda: history_a.model.row_of(job) >= 0, "B's new job in A's list")

        # A sends it: B's list shows its progress (the recipients accepted)
        def accepted_on_b() -> bool:
            row = history_b.model.row_of(job)
            return row >= 0 and history_b.model.rows[row].summary.accepted == len(PHONES)

        engine_a = ctx_a.engine
        ran = in_worker(lambda: engine_a.run_job(job))
        assert ran.accepted == len(PHONES)
        _within(qtbot, accepted_on_b, "A's progress in B's list")

        # a reply stored by B: A's 收件箱 shows it
        db_b = ctx_b.db

        def reply() -> None:
            with db_b.write() as c:
                c.execute(
                    "INSERT INTO replies(account, phone, content) VALUES(?, ?, '好的')",
                    (name, PHONES[0]),
                )

        before = inbox_a.model.rowCount()
        in_worker(reply)
        _within(qtbot, lambda: inbox_a.model.rowCount() == before + 1, "B's reply in A's inbox")

        # an opt-out blacklisted on A: B hears of it
        heard: list[bool] = []
        ctx_b.changes.blacklist_changed.connect(lambda: heard.append(True))
        db_a = ctx_a.db
        in_worker(lambda: blacklist_add(db_a, [PHONES[1]], "TD", source="opt-out"))
        _within(qtbot, lambda: bool(heard), "A's blacklist change in B's window")
        assert prompts.errors == []
    finally:
        for w in (a, b):
            qtbot.waitUntil(lambda w=w: w.ctx.ops.in_flight == 0, timeout=5000)
            w.close()
        ctx_a.close()
        ctx_b.close()

"""Every change to the stored data reaches every view, whoever makes it, without anyone
announcing it: the background sync, a push, the CLI in another process (the ChangeWatch)."""

from __future__ import annotations

import subprocess
import sys

from uihelpers import in_worker, open_compose

from sms_desktop.demo import account_name

IPYY = account_name("ipyy")
PHONE, OTHER = "13800138000", "13800138001"


def _compose(window, qtbot):
    tab = open_compose(window, qtbot, IPYY)
    tab.recipients.edit.setPlainText(f"{PHONE}\n{OTHER}")
    tab.editor.set_text("周六全场八折")
    qtbot.waitUntil(
        lambda: tab.estimate is not None and tab.estimate.counts()["valid"] == 2, timeout=5000
    )
    assert tab.recipients.count_buttons["blacklisted"].text() == "黑名单 0"
    return tab


def _blacklisted(tab) -> str:
    return tab.recipients.count_buttons["blacklisted"].text()


def test_an_opt_out_pulled_by_the_background_sync_updates_the_counts(window, qtbot, sim):
    tab = _compose(window, qtbot)
    sim.inject_reply("ipyy", "demo", PHONE, "退订")
    window.scheduler.tick()  # the scheduler's timer: nobody clicks anything
    qtbot.waitUntil(lambda: _blacklisted(tab) == "黑名单 1", timeout=15000)
    assert tab.estimate.counts()["valid"] == 1
    assert tab.recipients.count_buttons["blacklisted"].isEnabled()


def test_an_opt_out_pulled_by_the_cli_in_another_process_updates_the_counts(
    window, qtbot, sim, home
):
    tab = _compose(window, qtbot)
    sim.inject_reply("ipyy", "demo", OTHER, "TD")
    args = [sys.executable, "-m", "sms_desktop.cli", "--home", str(home), "sync", IPYY, "--force"]
    cli = in_worker(
        lambda: subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=60)
    )
    assert cli.returncode == 0, cli.stderr
    qtbot.waitUntil(lambda: _blacklisted(tab) == "黑名单 1", timeout=10000)
    db = window.ctx.db
    source = in_worker(
        lambda: db.read().execute("SELECT source FROM blacklist WHERE phone=?", (OTHER,)).fetchone()
    )
    assert source is not None


def test_every_aggregate_reaches_its_views(window, qtbot, sim):
    """Contacts, the blacklist, jobs, the inbox and accounts, each written behind the window's
    back (a plain worker thread, as a tool would): each view's signal arrives."""
    from sms_desktop.core.contacts import blacklist_add, blacklist_remove, create_group
    from sms_desktop.core.engine import JobSpec

    ctx = window.ctx
    db, engine, accounts = ctx.db, ctx.engine, ctx.accounts
    bus = ctx.changes
    with qtbot.waitSignal(bus.contacts_changed, timeout=5000):
        in_worker(lambda: create_group(db, "新分组"))
    with qtbot.waitSignal(bus.blacklist_changed, timeout=5000):
        in_worker(lambda: blacklist_add(db, [OTHER], "测试"))
    with qtbot.waitSignal(bus.blacklist_changed, timeout=5000):
        in_worker(lambda: blacklist_remove(db, [OTHER]))
    with qtbot.waitSignal(bus.jobs_changed, timeout=5000):
        in_worker(lambda: engine.create_job(JobSpec(account=IPYY, text="你好", recipients=[PHONE])))

    def reply() -> None:
        with db.write() as c:
            c.execute(
                "INSERT INTO replies(account, phone, content) VALUES(?, ?, '好的')", (IPYY, PHONE)
            )

    with qtbot.waitSignal(bus.inbox_changed, timeout=5000):
        in_worker(reply)
    acct = in_worker(lambda: accounts.get(IPYY))
    acct.signature = "【新签名】"
    with qtbot.waitSignal(bus.accounts_changed, timeout=5000):
        in_worker(lambda: accounts.update(acct))

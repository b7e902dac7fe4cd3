"""Helpers for the GUI tests (imported by name: tests/ui is on sys.path)."""

from __future__ import annotations

import threading
import time


def in_worker(fn, timeout: float = 60.0):
    """Run ``fn`` (database set-up or checks) in a plain worker thread and return its result.

    The GUI thread keeps processing events while it waits, as the application's would: test code
    does not block it (the stall guard would rightly fail the test).
    """
    from PySide6.QtCore import QCoreApplication

    box: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="test-setup").start()
    deadline = time.monotonic() + timeout
    app = QCoreApplication.instance()
    while not done.wait(0.005):
        if app is not None:
            app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("in_worker: the function did not finish in time")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("result")


# ---- a day's work in demo mode (test_i18n's English walk, test_layout) --------------------
DAY_PAGES = (
    "composePage",
    "contactsPage",
    "historyPage",
    "inboxPage",
    "balancePage",
    "statsPage",
)


def days_work(window, qtbot, sim) -> None:
    """A send with an invalid and a duplicate number, two replies (one an opt-out), synced."""
    from sms_desktop.core.contacts.recipients import Recipient
    from sms_desktop.core.jobs.model import JobSpec
    from sms_desktop.demo import SAMPLE_CONTACTS, account_name

    engine = window.ctx.engine
    phones = [SAMPLE_CONTACTS[0][0], "1380013800", SAMPLE_CONTACTS[0][0]]
    spec = JobSpec(
        account=account_name("ipyy"), text="周六见", recipients=[Recipient(p) for p in phones]
    )
    in_worker(lambda: engine.run_job(engine.create_job(spec)))
    sim.inject_reply("ipyy", "demo", SAMPLE_CONTACTS[0][0], "好的")
    sim.inject_reply("ipyy", "demo", SAMPLE_CONTACTS[1][0], "TD")
    n = window.scheduler.syncs
    window.sync_now()
    qtbot.waitUntil(lambda: window.scheduler.syncs > n, timeout=15000)


def settle(window, qtbot) -> None:
    qtbot.waitUntil(lambda: window.ctx.ops.in_flight == 0, timeout=10000)
    qtbot.wait(50)


def open_day_page(window, qtbot, page: str):
    """Select ``page`` after :func:`days_work` and fill it as a user would: 发送 with the demo
    file and a text, 发送记录 with the newest job selected, 收件箱 with both replies."""
    from sms_desktop.demo import CONTACTS_FILE

    window.tabs.setCurrentWidget(window.page(page))
    tab = window.page(page).build()
    settle(window, qtbot)
    if page == "composePage":
        tab.load_file(window.ctx.home / CONTACTS_FILE)
        qtbot.waitUntil(lambda: tab.recipients.file is not None, timeout=10000)
        tab.editor.set_text("您好")
        qtbot.waitUntil(lambda: not tab._estimate_timer.isActive(), timeout=5000)
    if page == "historyPage":
        qtbot.waitUntil(lambda: bool(tab.model.rows), timeout=10000)
        tab.select_job(tab.model.rows[0].job_id)
    if page == "inboxPage":
        qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10000)
    settle(window, qtbot)
    return tab


def changes_told(window, qtbot, timeout: int = 5000) -> None:
    """Wait until the ChangeWatch has told the views of every change stored so far (a test
    that wrote in a worker, then looks at what a view does next without a late reload)."""
    watch = window.ctx.watch
    current = in_worker(watch.feed.versions)
    watch.poke()
    qtbot.waitUntil(lambda: watch.told == current, timeout=timeout)


def open_compose(window, qtbot, account: str | None = None):
    """发送, built, with the demo's four accounts loaded (and ``account`` chosen)."""
    page = window.page("composePage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
    if account is not None:
        tab.select_account(account)
    return tab

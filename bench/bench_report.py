"""The campaign report of a 100,000-recipient job at 1,000,000 stored messages.

    .venv/bin/python bench/bench_report.py [--messages 1000000] [--job 100000] [--runs 5]
        [--home DIR] [--keep] [--json]

Builds the store with ``bench/campaign_store.py`` (the year store of ``bench_year_store`` plus
one campaign of ``--job`` recipients: random numbers of every carrier's blocks, reports with
their times and codes), or reuses ``--home`` when it holds one. Then measures:

* **core**: ``report.build`` (the CLI's whole report), and the window's two parts, the figures
  without the reasons and the undelivered reasons, each the best of ``--runs`` (wall and CPU);
* **GUI** (offscreen, in this process): the window on that store, 发送记录 with the campaign
  selected, a click on 任务报告… until every chart on screen has painted the figures (the
  dialog's ``shown`` signal), the first time (the dialog is built) and ``--runs`` more times;
  meanwhile the GUI thread's longest stretch between two ticks of a 10 ms timer
  (``gui_ticks.Ticks``) and the GUI thread's own CPU time in it (busy, as opposed to waiting
  for a machine shared with other processes);
* **migration**: opening a copy of the store as it was before the report's schema (carrier,
  province, report delay, the wider ``messages_job`` index), i.e. the upgrade's first start.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SMS_DESKTOP_NO_KEYRING", "1")

from bench.campaign_store import build
from sms_desktop.core.jobs import report
from sms_desktop.core.store import open_database


def campaign_job(home: Path) -> int:
    """The campaign: the job with the most recipients."""
    conn = sqlite3.connect(home / "sms_desktop.sqlite3")
    try:
        row = conn.execute(
            "SELECT job_id FROM job_counts GROUP BY job_id ORDER BY SUM(n) DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return int(row[0])


def _best(fn: Any, runs: int) -> dict[str, float]:
    walls, cpus = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.thread_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.thread_time() - c)
    return {"wall_ms": min(walls) * 1000, "cpu_ms": min(cpus) * 1000}


def core(home: Path, job: int, runs: int) -> dict[str, Any]:
    db = open_database(home)
    try:
        report.build(db, job)  # warm the cache (the window's first open pays it below)
        return {
            "build": _best(lambda: report.build(db, job), runs),
            "without_reasons": _best(lambda: report.build(db, job, reasons=False), runs),
            "reasons": _best(lambda: report.undelivered_reasons(db, job), runs),
        }
    finally:
        db.close()


def gui(home: Path, job: int, runs: int) -> dict[str, Any]:
    import threading

    from PySide6.QtCore import QCoreApplication, Qt, Slot
    from PySide6.QtTest import QTest

    from bench.gui_ticks import Ticks
    from sms_desktop.ui.app import prepare_qt
    from sms_desktop.ui.context import AppContext
    from sms_desktop.ui.interaction import FakePrompts
    from sms_desktop.ui.main_window import MainWindow

    class BusyTicks(Ticks):
        """Ticks that also note the GUI thread's CPU time in each gap."""

        def __init__(self) -> None:
            self.busy: dict[str, list[float]] = {}
            self._cpu: float | None = None
            super().__init__()

        @Slot()
        def tick(self) -> None:
            cpu = time.thread_time()
            if self._cpu is not None and self._last is not None:
                self.busy.setdefault(self.phase, []).append(cpu - self._cpu)
            self._cpu = cpu
            super().tick()

        def enter(self, phase: str) -> None:
            super().enter(phase)
            self._cpu = None

    app = prepare_qt()
    assert threading.current_thread() is threading.main_thread()
    ctx = AppContext(home, prompts=FakePrompts())
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    window.start()

    def wait(cond: Any, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise TimeoutError
            QCoreApplication.processEvents()
            time.sleep(0.002)

    wait(lambda: window.ready)
    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    wait(lambda: page.tab is not None and page.tab.model.row_of(job) >= 0)
    tab = page.tab
    assert tab is not None
    tab.select_job(job)
    wait(lambda: ctx.ops.in_flight == 0)
    ticks = BusyTicks()
    opens: list[float] = []
    for i in range(runs + 1):
        phase = "first" if i == 0 else "again"
        dialog = tab.report
        if dialog is not None:
            dialog.hide()
        end = time.perf_counter() + 0.3
        ticks.enter("idle")
        while time.perf_counter() < end:
            QCoreApplication.processEvents()
            time.sleep(0.002)
        ticks.enter(phase)
        done: list[float] = []
        t0 = time.perf_counter()
        QTest.mouseClick(tab.report_button, Qt.MouseButton.LeftButton)
        dialog = tab.report
        assert dialog is not None
        dialog.shown.connect(lambda done=done: done.append(time.perf_counter()))
        wait(lambda done=done: bool(done))
        opens.append((done[0] - t0) * 1000)
        dialog.shown.disconnect()
    ticks.enter("after")
    out = {
        "first_open_ms": opens[0],
        "open_ms": sorted(opens[1:]),
        "report_dialog_ms": dialog.painted_ms,
        "longest_gap_ms": {p: max(g) * 1000 for p, g in ticks.gaps.items() if g},
        "gui_busy_max_ms": {p: max(b) * 1000 for p, b in ticks.busy.items() if b},
    }
    window.close()
    ctx.close()
    del app
    return out


def migration(home: Path) -> dict[str, float]:
    """Run the report's migration again on a copy of the store put back to the schema before it
    (its columns and index undone; the migrations after it are not run again)."""
    from sms_desktop.core.store.db import _split_sql
    from sms_desktop.core.store.schema import MIGRATIONS

    script = next(m for m in MIGRATIONS if isinstance(m, str) and "report_delay" in m)
    tmp = Path(tempfile.mkdtemp(prefix="report-migrate-"))
    try:
        shutil.copy(home / "sms_desktop.sqlite3", tmp / "sms_desktop.sqlite3")
        conn = sqlite3.connect(tmp / "sms_desktop.sqlite3", isolation_level=None)
        conn.execute("DROP INDEX messages_job")
        conn.execute("CREATE INDEX messages_job ON messages(job_id, state)")
        for column in ("carrier", "province", "report_delay", "report_reason"):
            conn.execute(f"ALTER TABLE messages DROP COLUMN {column}")
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for statement in _split_sql(script):
            conn.execute(statement)
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - t
        conn.close()
        return {"migrate_s": elapsed}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--job", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--home", type=Path)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--no-migration", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    home = a.home or Path(tempfile.mkdtemp(prefix="report-store-"))
    home.mkdir(parents=True, exist_ok=True)
    r: dict[str, Any] = {"load_avg_start": os.getloadavg()[0]}
    if not (home / "sms_desktop.sqlite3").exists():
        t = time.perf_counter()
        build(home, a.messages, a.job)
        r["build_s"] = time.perf_counter() - t
    job = campaign_job(home)
    r["job"] = job
    r["core"] = core(home, job, a.runs)
    r["gui"] = gui(home, job, a.runs)
    if not a.no_migration:
        r.update(migration(home))
    r["load_avg_end"] = os.getloadavg()[0]
    if not a.keep and a.home is None:
        shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(r, ensure_ascii=False, indent=None if a.json else 1))


if __name__ == "__main__":
    main()

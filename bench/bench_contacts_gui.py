"""通讯录 at 100,000 contacts: filtering from a keystroke to the updated view, and the GUI-thread
stall while the import wizard imports 100,000 rows.

Both run the real window (``MainWindow``, offscreen) with the GC guard, as ``ui.app.main`` sets
it up, in a fresh process per run.

* ``--mode filter``: 100,000 contacts are imported through the core first; then, for each search
  text, one key is typed into ``contactsSearch`` (``QTest.keyClick``) and the clock stops when the
  view has repainted the first page of the new result with real rows (not placeholders). Also
  measured: the GUI thread's own CPU time over that interval (``time.thread_time`` on the GUI
  thread: the part of the latency the GUI thread was busy; goal < 16 ms) and the longest gap of
  a 5 ms timer. The view shows the first page of a search from a query that stops at a page;
  the count follows from a second query: also measured, the time until it has landed and the
  GUI thread's CPU time until then (the whole keystroke's share). Each key is typed 200 ms after the previous result was shown (a typist's pace),
  so the previous result's own repaint is not counted.
* ``--mode import``: a 100,000-row file (.xlsx or .csv) goes through the wizard (file → columns
  → group → import → report); the measure is the longest gap between ticks of a 10 ms timer on
  the GUI thread (goal < 50 ms), per phase, after a 3 s idle phase that gives the machine's floor.

::

    .venv/bin/python bench/bench_contacts_gui.py --mode filter [--runs 3] [--rows 100000]
                                                 [--order id|name|phone]
    .venv/bin/python bench/bench_contacts_gui.py --mode import [--runs 3] [--format xlsx|csv]
                                                 [--import-in app|child]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚"
CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京"]
# (text typed so far, key typed now): each a single keystroke on the result of the one before
KEYS = [
    ("", "张"),
    ("张", "伟"),
    ("", "1"),
    ("1", "3"),
    ("13", "9"),
    ("", "杭"),
    ("杭", "州"),
    ("", "q"),
]


def make_file(path: Path, rows: int, fmt: str) -> Path:
    rnd = random.Random(7)
    data = [
        (
            f"1{rnd.choice('3589')}{rnd.randrange(10**9):09d}",
            rnd.choice(SURNAMES)
            + rnd.choice(GIVEN)
            + (rnd.choice(GIVEN) if rnd.random() < 0.6 else ""),
            rnd.choice(CITIES),
            f"客户{i}",
        )
        for i in range(rows)
    ]
    if fmt == "csv":
        with path.open("w", encoding="utf-8") as f:
            f.write("手机号码,姓名,城市,备注\n")
            for r in data:
                f.write(",".join(r) + "\n")
        return path
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("联系人")
    ws.append(["手机号码", "姓名", "城市", "备注"])
    for r in data:
        ws.append(list(r))
    wb.save(path)
    return path


def child(args: argparse.Namespace) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SMS_DESKTOP_NO_KEYRING"] = "1"
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from sms_desktop.core import contacts as C
    from sms_desktop.ui.context import AppContext
    from sms_desktop.ui.gc_guard import GcGuard
    from sms_desktop.ui.interaction import FakePrompts
    from sms_desktop.ui.main_window import MainWindow
    from sms_desktop.ui.models.sources import CONTACT_COLUMNS
    from sms_desktop.ui.tabs.contacts import ContactsTab

    home = Path(tempfile.mkdtemp(prefix="sms-bench-contacts-"))
    fmt = "csv" if args.mode == "filter" else args.format
    path = make_file(home / f"contacts.{fmt}", args.rows, fmt)
    _app = QApplication.instance() or QApplication([])

    def wait(
        cond: Any, timeout: float = 600.0, signals: tuple[Any, ...] = (), poll: int = 5
    ) -> None:
        """Run the event loop until ``cond()``: checked when one of ``signals`` fires (so the
        measured GUI-thread time holds no polling) and every ``poll`` ms."""
        end = time.monotonic() + timeout
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(poll)

        def test() -> None:
            if cond() or time.monotonic() > end:
                loop.quit()

        check.timeout.connect(test)
        for sig in signals:
            sig.connect(test)
        check.start()
        if not cond():
            loop.exec()
        check.stop()
        for sig in signals:
            sig.disconnect(test)
        if not cond():
            raise TimeoutError("the benchmark timed out")

    from gui_ticks import Ticks  # bench/ is on sys.path when a bench runs

    ctx = AppContext(home, prompts=FakePrompts())
    gc_guard = GcGuard(lambda: ctx.ops.in_flight)
    gc_guard.start()
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    window.start()
    wait(lambda: window.ready, 60)
    gc_guard.freeze()
    if args.mode == "filter":
        box: list[object] = []
        threading.Thread(
            target=lambda: box.append(C.import_file(ctx.db, path, "十万客户")), daemon=True
        ).start()
        wait(lambda: bool(box), 600)
    page = window.page("contactsPage")
    window.tabs.setCurrentWidget(page)
    tab = page.build()
    assert isinstance(tab, ContactsTab)
    wait(lambda: ctx.ops.in_flight == 0 and tab.model.source is not None and not tab.model.loading)

    if args.mode == "filter":
        model, view = tab.model, tab.view
        ticks = Ticks(5)
        results = []

        def measure(label: str, act: Any) -> None:
            wait(lambda: ctx.ops.in_flight == 0 and not model.loading)
            # the previous result painted, as it is before a person types the next key: without
            # this pause its repaint (still posted when the wait above returns) was counted as
            # this keystroke's GUI time
            settled = time.monotonic() + 0.2
            wait(lambda settled=settled: time.monotonic() > settled)
            ticks.enter(label)
            gen0 = model._gen
            cpu0, t0 = time.thread_time(), time.perf_counter()
            act()

            def shown() -> bool:
                if model._gen <= gen0 or tab.search.busy:
                    return False
                if model.loading and not model.partial:  # the first page is not there yet
                    return False
                return model.rowCount() == 0 or model.loaded_pages > 0

            wait(shown, signals=(model.page_loaded, model.loaded), poll=50)
            view.viewport().repaint()  # the updated view, painted
            t1, cpu1 = time.perf_counter(), time.thread_time()
            # then the count (the second query) lands: the rows past the first page appended,
            # the count label and buttons updated, and what that posted (the scroll bar) painted
            wait(lambda: not model.loading, signals=(model.counted,), poll=50)
            t2 = time.perf_counter()
            wait(lambda: True)
            QApplication.processEvents()
            cpu2 = time.thread_time()
            gaps = ticks.gaps.get(label, [0.0])
            results.append(
                {
                    "text": label,
                    "rows": model.rowCount(),
                    "ms": round((t1 - t0) * 1000, 1),
                    "gui_cpu_ms": round((cpu1 - cpu0) * 1000, 1),
                    "count_ms": round((t2 - t0) * 1000, 1),
                    "gui_cpu_all_ms": round((cpu2 - cpu0) * 1000, 1),
                    "max_gap_ms": round(max(gaps) * 1000, 1),
                }
            )

        # the probes' own GUI-thread cost while nothing happens (the 5 ms ticks, the polling):
        # part of every "GUI CPU" figure, in proportion to its wait
        wait(lambda: ctx.ops.in_flight == 0 and not model.loading)
        cpu0, t0 = time.thread_time(), time.perf_counter()
        idle_end = time.monotonic() + 0.5
        wait(lambda: time.monotonic() > idle_end, poll=50)
        idle_cpu_per_100ms = (time.thread_time() - cpu0) / (time.perf_counter() - t0) * 100

        if args.order != "id":  # a click on the column's header, measured like a keystroke
            column = [k for k, _ in CONTACT_COLUMNS].index(args.order)
            measure(f"[{args.order}]", lambda: model.sort(column, Qt.SortOrder.AscendingOrder))
        for before, key in KEYS:
            if tab.search.text() != before:
                tab.search.setText(before)
                wait(lambda before=before: tab.filter.search == before and not tab.search.busy)
                wait(
                    lambda: (not model.loading and model.loaded_pages > 0) or model.rowCount() == 0
                )
            if key.isascii():
                measure(before + key, lambda key=key: QTest.keyClick(tab.search, key))  # type: ignore[call-overload]
            else:  # Chinese arrives as an input method's commit: inserted text
                measure(before + key, lambda key=key: tab.search.insert(key))
        out: dict[str, Any] = {
            "filter": results,
            "idle_cpu_ms_per_100ms": round(idle_cpu_per_100ms, 2),
        }
    else:
        ticks = Ticks(10)
        ticks.enter("idle")
        idle_end = time.monotonic() + 3.0
        wait(lambda: time.monotonic() > idle_end, 10)
        ctx.prompts.open_answers.append(path)  # type: ignore[attr-defined]
        wizard = tab.open_import()
        t0 = time.perf_counter()
        ticks.enter("read")
        wizard.file_page.browse()
        wait(lambda: wizard.table is not None)
        t_read = time.perf_counter() - t0
        wizard.next()
        wizard.next()
        wizard.target_page.group.setEditText("十万客户")
        ticks.enter("import")
        t1 = time.perf_counter()
        if args.import_in == "child":
            # an experiment (not what the application does): the same import by the CLI in a
            # child process, the GUI thread only waiting for it
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sms_desktop.cli",
                    "--home",
                    str(home),
                    "contacts",
                    "import",
                    str(path),
                    "--group",
                    "十万客户",
                    "--json",
                ],
                stdout=subprocess.PIPE,
                env={**os.environ, "SMS_DESKTOP_NO_KEYRING": "1"},
            )
            wait(lambda: proc.poll() is not None, poll=50)
            t_import = time.perf_counter() - t1
            imported = json.loads(proc.stdout.read() if proc.stdout else b"{}")["imported"]
        else:
            wizard.next()
            from sms_desktop.ui.dialogs.import_wizard import PAGE_REPORT

            wait(lambda: wizard.currentId() == PAGE_REPORT)
            t_import = time.perf_counter() - t1
            report = wizard.report
            assert report is not None
            assert report.imported + report.duplicates == args.rows, report.counts
            imported = report.imported
        ticks.enter("after")
        out = {
            "read_s": round(t_read, 2),
            "import_s": round(t_import, 2),
            "imported": imported,
            "gaps": {
                ph: {
                    "max_ms": round(max(g) * 1000, 1),
                    "p99_ms": round(statistics.quantiles(g, n=100)[98] * 1000, 1)
                    if len(g) > 100
                    else round(max(g) * 1000, 1),
                }
                for ph, g in ticks.gaps.items()
                if g
            },
        }
    out["load"] = [round(x, 1) for x in os.getloadavg()]
    window.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", choices=["filter", "import"], default="filter")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    ap.add_argument(
        "--import-in",
        choices=["app", "child"],
        default="app",
        help="child: experiment, the CLI imports in a child process",
    )
    ap.add_argument(
        "--order",
        choices=["id", "name", "phone"],
        default="id",
        help="filter: sort by this column first (a header click; name: pinyin order)",
    )
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args), ensure_ascii=False))
        return
    for run in range(args.runs):
        cmd = [sys.executable, __file__, "--child", "--mode", args.mode, "--rows", str(args.rows)]
        cmd += ["--format", args.format, "--import-in", args.import_in, "--order", args.order]
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
        data = json.loads(res.stdout.strip().splitlines()[-1])
        print(f"run {run + 1}: load {data['load']}")
        if args.mode == "filter":
            print(
                "  text      rows   keystroke→view ms   GUI CPU ms   → count ms"
                "   GUI CPU with count ms   longest gap ms"
            )
            print(
                f"  (the probes alone, idle: {data['idle_cpu_ms_per_100ms']} ms of GUI-thread CPU"
                " per 100 ms)"
            )
            for r in data["filter"]:
                print(
                    f"  {r['text']:<6} {r['rows']:>7,} {r['ms']:>18} {r['gui_cpu_ms']:>12}"
                    f" {r['count_ms']:>12} {r['gui_cpu_all_ms']:>23} {r['max_gap_ms']:>16}"
                )
        else:
            print(
                f"  read {data['read_s']} s, import {data['import_s']} s, imported {data['imported']:,}"
            )
            for ph, g in data["gaps"].items():
                print(f"  {ph:<8} longest gap {g['max_ms']} ms (p99 {g['p99_ms']} ms)")


if __name__ == "__main__":
    main()

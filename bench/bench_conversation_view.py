"""查看对话 in the GUI at 1,000,000 stored messages: from the click to the painted thread.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_conversation_view.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_conversation_view.py --messages 100000

Builds the database of ``bench_history.py`` (the real schema; ``--messages`` messages in jobs of
1,000, a few sent to one number, ``--replies`` replies, a few from it) in a temporary home, opens
it through the application's ``AppContext`` (in a worker, as the start-up op does), then opens
the real :class:`ConversationDialog` for that number ``--repeat`` times (one untimed first).
For each opening it measures, with the GUI thread's event loop running:

* **loaded**: from creating the dialog to its model holding the thread (the ``query`` op with
  ``history.conversation``, and the result back on the GUI thread);
* **painted**: to the first paint of the table's viewport (what the user sees; the dialog is
  shown once its thread is there, so that first paint has the content);
* **GUI thread**: the CPU time the GUI thread spent meanwhile (build, fill, paint).

Python's automatic garbage collection is off during the openings, as in the application
(``ui/gc_guard.py`` collects on the GUI thread between events); it collects between openings.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication


def _bench_history():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "bench_history", Path(__file__).with_name("bench_history.py")
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.at: float | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.armed and self.at is None and event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
        return False


def pump_until(app: QApplication, cond, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not cond():
        app.processEvents()
        if time.monotonic() > end:
            raise TimeoutError
        time.sleep(0.0005)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--replies", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    bh = _bench_history()
    app = QApplication.instance() or QApplication(sys.argv)

    from sms_desktop.core.store import open_database
    from sms_desktop.ui.context import AppContext
    from sms_desktop.ui.dialogs.conversation import ConversationDialog
    from sms_desktop.ui.interaction import FakePrompts

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db = open_database(home)
        built = bh.build(db, args.messages, args.replies)
        db.close()
        ctx = AppContext(home, prompts=FakePrompts())
        t = threading.Thread(target=ctx.open)
        t.start()
        while t.is_alive():
            app.processEvents()
            time.sleep(0.001)
        loaded, painted, gui = [], [], []
        first: tuple[float, float, float] | None = None
        gc.disable()  # as in the application: ui/gc_guard.py collects between events
        dialog: ConversationDialog | None = None
        for i in range(args.repeat + 1):
            gc.collect()
            watcher = FirstPaint()
            c0 = time.thread_time()
            t0 = time.perf_counter()
            if dialog is None:  # the tab makes it at the first 查看对话, then reuses it
                dialog = ConversationDialog(ctx)
            dialog.view.viewport().installEventFilter(watcher)
            watcher.armed = True
            dialog.open_phone(bh.TARGET)  # as 查看对话 does: shown when the thread is there
            pump_until(app, lambda w=watcher: w.at is not None)
            gui_ms = (time.thread_time() - c0) * 1000
            rows = dialog.model.rowCount()
            figures = (dialog.opened_ms or 0.0, ((watcher.at or t0) - t0) * 1000, gui_ms)
            if i == 0:  # builds the dialog, with cold imports and a cold database cache
                first = figures
            else:
                loaded.append(figures[0])
                painted.append(figures[1])
                gui.append(figures[2])
            dialog.view.viewport().removeEventFilter(watcher)
            dialog.close()
            pump_until(app, lambda: ctx.ops.in_flight == 0)
        ctx.close()
    print(
        f"{args.messages:,} messages, {args.replies:,} replies (built in {built:.1f} s);"
        f" thread of {rows} items; {args.repeat} openings"
    )
    if first is not None:
        a, b, c = first
        print(
            f"first opening (dialog built, all cold):  loaded {a:.1f} ms, painted {b:.1f} ms,"
            f" GUI thread {c:.1f} ms"
        )
    for name, values in (
        ("loaded (op + model filled)", loaded),
        ("painted (first viewport paint)", painted),
        ("GUI thread busy (build + fill + paint)", gui),
    ):
        print(
            f"{name:40} best {min(values):7.1f} ms   median {statistics.median(values):7.1f} ms"
            f"   worst {max(values):7.1f} ms"
        )


if __name__ == "__main__":
    main()

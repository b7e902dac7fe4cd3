"""Cold start of the desktop window to its first paint, against a bare PySide6 window (the floor).

Each run is a fresh process. The clock starts just before the process is spawned and stops when
the window's first ``paintEvent`` runs (the child prints ``time.time()`` there and exits at once),
so interpreter start-up, imports, QApplication, the window and the first paint all count, for both.
The application is started through ``sms_desktop.ui.app.main`` (``--home`` a fresh folder; with
``--demo`` too), which shows the window before its start-up op opens the database.

    .venv/bin/python bench/bench_gui_start.py [--runs 9] [--platform offscreen|xcb]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = r"""
import os, time
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
class W(QMainWindow):
    def paintEvent(self, event):
        print(repr(time.time()), flush=True)
        os._exit(0)
app = QApplication([])
w = W()
w.setWindowTitle("bare")
w.setCentralWidget(QLabel("空白窗口"))
w.resize(1100, 720)
w.show()
app.exec()
"""

APP = r"""
import os, sys, time
from sms_desktop.ui import main_window
def first_paint(self, event):
    print(repr(time.time()), flush=True)
    os._exit(0)
main_window.MainWindow.paintEvent = first_paint
from sms_desktop.ui.app import main
main(sys.argv[1:])
"""


def run_once(code: str, args: list[str], env: dict[str, str]) -> float:
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    if not lines:
        raise RuntimeError(f"no paint: rc={out.returncode} {out.stderr[-2000:]}")
    return float(lines[-1]) - t0


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = p.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, PYTHONDONTWRITEBYTECODE="0")
    env.pop("SMS_DESKTOP_HOME", None)
    env["SMS_DESKTOP_NO_KEYRING"] = "1"
    results: dict[str, list[float]] = {"bare PySide6 window": [], "sms-desktop": [], "--demo": []}
    with tempfile.TemporaryDirectory() as tmp:
        # warm the OS file cache and .pyc files once, untimed
        run_once(BARE, [], env)
        run_once(APP, ["--home", os.path.join(tmp, "warm")], env)
        for i in range(args.runs):  # interleaved, so load changes hit all three alike
            results["bare PySide6 window"].append(run_once(BARE, [], env))
            results["sms-desktop"].append(
                run_once(APP, ["--home", os.path.join(tmp, f"h{i}")], env)
            )
            results["--demo"].append(
                run_once(APP, ["--demo", "--home", os.path.join(tmp, f"d{i}")], env)
            )
    bare = results["bare PySide6 window"]
    floor = statistics.median(bare)
    print(
        f"platform {args.platform}, {args.runs} runs each, Python {sys.version.split()[0]},"
        f" load average {os.getloadavg()[0]:.2f} at the end"
    )
    print(
        f"{'what':<22} {'best':>8} {'median':>8} {'median ÷ median floor':>22}"
        f" {'best ÷ best floor':>18} {'median of the rounds ÷ floor':>29}"
    )
    for name, xs in results.items():
        med = statistics.median(xs)
        paired = statistics.median(x / b for x, b in zip(xs, bare, strict=True))
        print(
            f"{name:<22} {min(xs) * 1000:>6.0f}ms {med * 1000:>6.0f}ms {med / floor:>22.2f}"
            f" {min(xs) / min(bare):>18.2f} {paired:>29.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

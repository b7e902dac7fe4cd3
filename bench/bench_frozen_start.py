"""Cold start of the frozen programs to the first painted window, against a bare PySide6 window
frozen the same way (bench/bare_window.spec): on Linux, or under Wine for the Windows builds.

Each run is a fresh process with a fresh ``--home``. The clock starts just before the process is
spawned and stops at the window's first paint: the program writes ``time.time()`` to the file
named by ``SMS_DESKTOP_FIRST_PAINT`` and exits (``sms_desktop/ui/startprobe.py``). A one-file
program unpacks itself to the temp folder first, so that counts too. The kinds are interleaved,
so load changes hit all alike.

    # Linux (after pyinstaller build.spec and bench/bare_window.spec):
    .venv/bin/python bench/bench_frozen_start.py --runs 7 \
        app=dist/SMSDesktop bare=dist/bench/bare-window
    # Wine (packaging/build-windows.sh bench builds and runs this):
    .venv/bin/python bench/bench_frozen_start.py --wine --runs 7 \
        app=dist/SMSDesktop.exe bare=dist/bench/bare-window.exe
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def winpath(p: Path) -> str:
    return "Z:" + str(p.resolve()).replace("/", "\\")


def run_once(exe: Path, home: Path | None, wine: bool, env: dict[str, str], tmp: Path) -> float:
    stamp = tmp / f"paint-{time.monotonic_ns()}.txt"
    args = [] if home is None else ["--home", winpath(home) if wine else str(home)]
    cmd = (["wine", str(exe)] if wine else [str(exe)]) + args
    run_env = dict(env, SMS_DESKTOP_FIRST_PAINT=winpath(stamp) if wine else str(stamp))
    t0 = time.time()
    # A pipe (Python under Wine fails on a file or /dev/null as its std handles), but waited for
    # by the process's exit, not the pipe's end: Wine's helper processes inherit it.
    proc = subprocess.Popen(cmd, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    rc: int | None = None
    try:
        end = time.monotonic() + 180
        while time.monotonic() < end and rc is None and not stamp.exists():
            rc = proc.poll()
            time.sleep(0.05)
        try:  # the probe ends the process at once; give it a moment
            rc = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            # Under Wine the process sometimes does not end after the probe's os._exit (not
            # investigated): the time is already written, so end this run's processes.
            if wine and stamp.exists():
                subprocess.run(["wineserver", "-k"], env=env, check=False)
                proc.wait(timeout=30)
                subprocess.run(["wineserver", "-p"], env=env, check=False)
                time.sleep(2)  # the next run starts with a running server, as before
            else:
                proc.kill()
                raise
    finally:
        if proc.stdout is not None:
            proc.stdout.close()
    if not stamp.exists():
        raise RuntimeError(f"{exe}: no paint (rc={rc})")
    return float(stamp.read_text(encoding="utf-8")) - t0


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--wine", action="store_true", help="run the programs with wine")
    p.add_argument("programs", nargs="+", metavar="NAME=PATH", help="bare=… is the floor")
    args = p.parse_args()
    progs = {k: Path(v) for k, v in (a.split("=", 1) for a in args.programs)}
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "PYTHON", "SMS_DESKTOP_", "VIRTUAL_ENV"))
    }
    env["SMS_DESKTOP_NO_KEYRING"] = "1"
    if args.wine:
        env.setdefault("WINEQT_QPA_PLATFORM", "offscreen")
        env.setdefault("WINEDEBUG", "-all")
        # a persistent wineserver: Windows has no server to boot for each process
        subprocess.run(["wineserver", "-p"], env=env, check=False)
    else:
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[str, list[float]] = {k: [] for k in progs}
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for name, exe in progs.items():  # warm the file cache once, untimed
            run_once(
                exe, None if name.startswith("bare") else tmp / f"warm-{name}", args.wine, env, tmp
            )
        for i in range(args.runs):
            for name, exe in progs.items():
                home = None if name.startswith("bare") else tmp / f"{name}-{i}"
                results[name].append(run_once(exe, home, args.wine, env, tmp))
    floor_key = next((k for k in progs if k.startswith("bare")), None)
    print(f"{'wine' if args.wine else 'native'}, {args.runs} runs each")
    print(f"{'what':<20} {'best':>8} {'median':>8} {'÷ bare':>8}")
    for name, xs in results.items():
        med = statistics.median(xs)
        # each program against the bare window of the same kind (one-file / one-folder)
        kind = "bare-onedir" if "onedir" in name and "bare-onedir" in results else floor_key
        base = statistics.median(results[kind]) if kind else med
        print(f"{name:<20} {min(xs) * 1000:>6.0f}ms {med * 1000:>6.0f}ms {med / base:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

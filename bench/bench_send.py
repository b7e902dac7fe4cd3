"""Benchmark: send to 100,000 recipients through the simulator with 50 ms added latency.

Reports, per family, the number of requests against the minimum (recipients / batch limit) and the
wall time against the floor (requests x latency / concurrency), plus the time to journal the job.
Also the gateway's own round trip (the median of 10 bare requests of a full batch after the run:
the simulator's handling of the numbers and the HTTP exchange on top of the latency) and the
round-trip floor (requests x round trip / concurrency): what no client bookkeeping can go under.

With ``--store`` (``pg``: a throw-away PostgreSQL server; see ``bench/pgtmp.py``) the same runs
go to PostgreSQL, each in a new database, taking turns with SQLite (``--store pg --repeat 3``:
three rounds of SQLite then PostgreSQL, fresh processes); the median of the pairs' ratio is
printed.

With ``--baseline DIR`` (another copy of the source, e.g. ``git archive <commit> | tar -x -C DIR``)
each run is a fresh process, and the two take turns, ``--repeat`` rounds of one run each, so a
change in the machine's load hits both alike; medians and bests of both are printed.

    .venv/bin/python bench/bench_send.py [--recipients 100000] [--latency 0.05]
                                         [--concurrency 2] [--families ipyy,jsm] [--repeat 1]
                                         [--baseline DIR | --store pg|URL]
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _serve(family: str, n: int, latency: float, q: mp.Queue, stop: mp.Event) -> None:
    """The simulator runs in its own process, as a real gateway would not share our CPU."""
    from sms_desktop.simulator import Simulator

    with Simulator(port=0, seed=1) as sim:
        extra = {"verycode": "vc"} if family == "jsm" else {}
        sim.add_account(family, "bench", "pw", balance=10 * n, **extra)
        sim.report_delay = 3600  # no report generation work during the run
        sim.set_fault(family, "latency", seconds=latency)
        q.put(sim.base_url(family))
        stop.wait()
        q.put(sum(1 for r in sim.requests if r.method == "POST"))


def run(
    family: str, n: int, latency: float, concurrency: int, store: str = "sqlite"
) -> dict[str, float]:
    from pgtmp import open_bench_store

    from sms_desktop.core.accounts import Account, AccountStore
    from sms_desktop.core.jobs.engine import Engine
    from sms_desktop.core.jobs.model import JobSpec
    from sms_desktop.core.secrets import SecretStore

    home = Path(tempfile.mkdtemp(prefix="bench-send-"))
    q: mp.Queue = mp.Queue()
    stop = mp.Event()
    proc = mp.Process(target=_serve, args=(family, n, latency, q, stop), daemon=True)
    proc.start()
    base_url = q.get(timeout=30)
    extra = {"verycode": "vc"} if family == "jsm" else {}
    if True:
        db = open_bench_store(store, home)
        accounts = AccountStore(db, SecretStore(home))
        accounts.add(
            Account(
                name="b",
                family=family,
                base_url=base_url,
                username="bench",
                concurrency=concurrency,
                read_timeout=30,
                **extra,
            ),
            "pw",
        )
        engine = Engine(db, accounts)
        phones = [str(13000000000 + i) for i in range(n)]
        t0 = time.perf_counter()
        job = engine.create_job(
            JobSpec(
                "b",
                "【基准测试】双十一大促，全场五折，回T退订",
                phones,
                kind="marketing",
                ignore_window=True,  # the same run at any hour
            )
        )
        t1 = time.perf_counter()
        cpu1 = _cpu()
        s = engine.run_job(job)
        t2 = time.perf_counter()
        cpu2 = _cpu()
        gw = engine.gateway("b")
        limit = gw.batch_limit
        # the gateway's own time: bare requests of a full batch, one at a time, no journal (the
        # simulator handles the numbers and waits the latency; the client builds and reads)
        rts = []
        for k in range(ROUND_TRIPS):
            extra_phones = [str(17000000000 + k * limit + i) for i in range(limit)]
            r0 = time.perf_counter()
            gw.send(extra_phones, "【基准测试】往返时间")
            rts.append(time.perf_counter() - r0)
        db.close()
    stop.set()
    requests = q.get(timeout=30) - ROUND_TRIPS  # the job's own
    proc.join(10)
    minimum = math.ceil(n / limit)
    floor = minimum * latency / concurrency
    round_trip = sorted(rts)[len(rts) // 2]
    return {
        "round_trip_s": round_trip,
        "rt_floor_s": minimum * round_trip / concurrency,
        "accepted": s.accepted,
        "batch_limit": limit,
        "requests": requests,
        "min_requests": minimum,
        "journal_s": t1 - t0,
        "send_s": t2 - t1,
        "floor_s": floor,
        "send_cpu_s": cpu2 - cpu1,
    }


ROUND_TRIPS = 10


def _cpu() -> float:
    """CPU seconds of this process (all its threads; the simulator runs in another one)."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _row(fam: str, r: dict[str, float]) -> str:
    return (
        f"| {fam} | {r['batch_limit']:.0f} | {r['requests']:.0f} | {r['min_requests']:.0f} |"
        f" {r['journal_s']:.2f} | {r['send_s']:.2f} | {r['floor_s']:.2f} |"
        f" {r['send_s'] / r['floor_s']:.2f}x | {r['round_trip_s'] * 1000:.1f} |"
        f" {r['rt_floor_s']:.2f} | {r['send_s'] / r['rt_floor_s']:.2f}x |"
        f" {r['send_cpu_s']:.2f} | {r['accepted']:.0f} |"
    )


def _child(src: str, args: list[str], store: str = "sqlite") -> dict[str, float]:
    """One run in a fresh process, importing the source tree ``src``, on ``store``."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", src, *args, store],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _paired(a: argparse.Namespace) -> None:
    """Both source trees in turns, one fresh process per run."""
    trees = {"new": str(ROOT), "base": str(a.baseline.resolve())}
    for fam in a.families.split(","):
        args = [fam, str(a.recipients), str(a.latency), str(a.concurrency)]
        runs: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
        loads = [os.getloadavg()[0]]
        for _ in range(a.repeat):
            for name, src in trees.items():
                runs[name].append(_child(src, args))
                loads.append(os.getloadavg()[0])
        print(f"{fam}: {a.repeat} rounds in turns, load average {min(loads):.1f}-{max(loads):.1f}")
        for name, rs in runs.items():
            for r in rs:
                print(f"  {name:4s} " + _row(fam, r))
        for name, rs in runs.items():
            walls = [r["send_s"] for r in rs]
            lat = [r["send_s"] / r["floor_s"] for r in rs]
            rtf = [r["send_s"] / r["rt_floor_s"] for r in rs]
            print(
                f"  {name:4s} send wall median {statistics.median(walls):.2f} s best"
                f" {min(walls):.2f} s; ÷ latency floor median {statistics.median(lat):.2f}x best"
                f" {min(lat):.2f}x; ÷ round-trip floor median {statistics.median(rtf):.2f}x best"
                f" {min(rtf):.2f}x; client CPU median"
                f" {statistics.median(r['send_cpu_s'] for r in rs):.2f} s"
            )
        pairs = [n["send_s"] / b["send_s"] for n, b in zip(runs["new"], runs["base"], strict=True)]
        print(f"  new ÷ base send wall, median of pairs {statistics.median(pairs):.2f}")


def _engines(a: argparse.Namespace) -> None:
    """SQLite and the ``--store`` engine in turns, one fresh process and database per run."""
    from pgtmp import bench_server, drop_database, new_database

    with bench_server(a.store) as server:
        for fam in a.families.split(","):
            args = [fam, str(a.recipients), str(a.latency), str(a.concurrency)]
            runs: dict[str, list[dict[str, float]]] = {"sqlite": [], "postgresql": []}
            loads = [os.getloadavg()[0]]
            for _ in range(a.repeat):
                for name in runs:
                    url = "sqlite" if name == "sqlite" else new_database(server)
                    try:
                        runs[name].append(_child(str(ROOT), args, url))
                    finally:
                        drop_database(url)
                    loads.append(os.getloadavg()[0])
            print(
                f"{fam}: {a.repeat} rounds in turns, load average"
                f" {min(loads):.1f}-{max(loads):.1f} ({', '.join(f'{x:.1f}' for x in loads)})"
            )
            for name, rs in runs.items():
                for r in rs:
                    print(f"  {name:10s} " + _row(fam, r))
            for name, rs in runs.items():
                lat = [r["send_s"] / r["floor_s"] for r in rs]
                jr = [r["journal_s"] for r in rs]
                print(
                    f"  {name:10s} send wall median {statistics.median(r['send_s'] for r in rs):.2f}"
                    f" s; ÷ latency floor median {statistics.median(lat):.2f}x best {min(lat):.2f}x;"
                    f" journal median {statistics.median(jr):.2f} s; client CPU median"
                    f" {statistics.median(r['send_cpu_s'] for r in rs):.2f} s"
                )
            pairs = [
                p["send_s"] / q["send_s"]
                for p, q in zip(runs["postgresql"], runs["sqlite"], strict=True)
            ]
            print(
                f"  postgresql ÷ sqlite send wall, median of pairs {statistics.median(pairs):.2f}"
            )


def main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        src, fam, n, latency, concurrency, store = sys.argv[2:8]
        sys.path.insert(0, src)
        res: dict[str, Any] = run(fam, int(n), float(latency), int(concurrency), store)
        print(json.dumps(res))
        return
    sys.path.insert(0, str(ROOT))
    ap = argparse.ArgumentParser()
    ap.add_argument("--recipients", type=int, default=100_000)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--families", default="ipyy,jsm")
    ap.add_argument(
        "--repeat", type=int, default=1, help="runs per family; the best send wall is shown"
    )
    ap.add_argument("--baseline", type=Path, help="another source tree, run in turns with this one")
    ap.add_argument(
        "--store",
        default="sqlite",
        help="pg or a server URL: PostgreSQL in turns with SQLite (see bench/pgtmp.py)",
    )
    a = ap.parse_args()
    print(f"recipients={a.recipients} latency={a.latency * 1000:g} ms concurrency={a.concurrency}")
    print(
        "| family | batch limit | requests | minimum | journal (s) | send wall (s) | floor (s) |"
        " send / floor | round trip (ms) | round-trip floor (s) | send / round-trip floor |"
        " client CPU in send (s) | accepted |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    if a.baseline:
        _paired(a)
        return
    if a.store != "sqlite":
        _engines(a)
        return
    for fam in a.families.split(","):
        runs = [run(fam, a.recipients, a.latency, a.concurrency) for _ in range(a.repeat)]
        r = min(runs, key=lambda x: x["send_s"])
        if a.repeat > 1:
            walls = sorted(x["send_s"] for x in runs)
            print(f"{fam}: send wall of {a.repeat} runs: " + ", ".join(f"{w:.2f}" for w in walls))
        print(_row(fam, r))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the whole run: {peak:.0f} MB")


if __name__ == "__main__":
    main()

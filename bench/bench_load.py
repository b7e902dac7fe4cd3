"""Load: one big job journalled and sent through the simulator with latency, queried meanwhile.

While the job runs, the main thread asks the three questions the window asks, over and over:
the job list (``Engine.jobs(200)``), one phone's history (``history.history(phone=…)``) and one
page of the job's recipients (``history.messages_by_ids`` on 100 keys of ``message_ids``). It
reports each one's p50 and max, the time to read the job's keys (``message_ids``, once per
opening of the job), the peak RSS of this process (the simulator runs in another one, as a real
gateway would), the journal and send times, and the load average.

    .venv/bin/python bench/bench_load.py [--recipients 1000000] [--latency 0.05] [--json]

``tests/reliability/test_rel_load.py`` runs it at 20,000 recipients in CI and at 1,000,000
behind the ``reliability_long`` marker.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sms_desktop.core import history
from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_database
from sms_desktop.simulator import Simulator

FAMILY = "ipyy"
PAGE = 100


def _serve(n: int, latency: float, q: Any, stop: Any) -> None:
    with Simulator(port=0, seed=1) as sim:
        sim.add_account(FAMILY, "load", "pw", balance=10 * n)
        sim.report_delay = 3600  # no report generation during the run
        sim.set_fault(FAMILY, "latency", seconds=latency)
        q.put(sim.base_url(FAMILY))
        stop.wait()


def _rss_mb() -> float:
    """This process's peak RSS. On Linux ``ru_maxrss`` carries over the peak of the process that
    started us (the kernel keeps it across exec, so under a big pytest process it read 2.4 GB for
    a send that peaked at 63 MB); ``VmHWM`` is this program's own."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stats(xs: list[float]) -> dict[str, float]:
    return {
        "n": len(xs),
        "p50_ms": statistics.median(xs) * 1000 if xs else 0.0,
        "p95_ms": sorted(xs)[int(0.95 * (len(xs) - 1))] * 1000 if xs else 0.0,
        "max_ms": max(xs) * 1000 if xs else 0.0,
    }


def run(n: int, latency: float, home: Path | None = None) -> dict[str, Any]:
    home = home or Path(tempfile.mkdtemp(prefix="bench-load-"))
    q: Any = mp.Queue()
    stop = mp.Event()
    proc = mp.Process(target=_serve, args=(n, latency, q, stop), daemon=True)
    proc.start()
    try:
        base_url = q.get(timeout=60)
        db = open_database(home)
        accounts = AccountStore(db, SecretStore(home))
        accounts.add(Account(name="load", family=FAMILY, base_url=base_url, username="load"), "pw")
        engine = Engine(db, accounts)
        # an earlier, small job: the job list and the history have more than one job
        engine.run_job(engine.create_job(JobSpec("load", "【测试】上周的通知", ["13000000007"])))
        rss_before = _rss_mb()
        t0 = time.perf_counter()
        job = engine.create_job(
            JobSpec(
                "load",
                "【测试】双十一大促，全场五折，回T退订",
                [str(13000000000 + i) for i in range(n)],
                kind="marketing",
                ignore_window=True,  # the same run at any hour
            )
        )
        journal_s = time.perf_counter() - t0
        rss_journal = _rss_mb()

        result: dict[str, Any] = {}

        def send() -> None:
            t = time.perf_counter()
            result["summary"] = engine.run_job(job)
            result["send_s"] = time.perf_counter() - t

        sender = threading.Thread(target=send, name="send")
        t_keys = time.perf_counter()
        keys = history.message_ids(db, job)
        keys_s = time.perf_counter() - t_keys
        sender.start()
        jobs_t: list[float] = []
        phone_t: list[float] = []
        page_t: list[float] = []
        phone = str(13000000000 + n // 2 + 7)
        i = 0
        while sender.is_alive():
            t = time.perf_counter()
            listed = engine.jobs(200)
            jobs_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            found = history.history(db, phone=phone)
            phone_t.append(time.perf_counter() - t)
            start = (i * 9973 * PAGE) % max(1, len(keys) - PAGE)
            t = time.perf_counter()
            page = history.messages_by_ids(db, keys[start : start + PAGE])
            page_t.append(time.perf_counter() - t)
            assert listed[0].job_id == job and found and found[0]["phone"] == phone
            assert len(page) == min(PAGE, len(keys)) and all(r is not None for r in page)
            i += 1
            time.sleep(0.05)
        sender.join()
        s = result["summary"]
        t = time.perf_counter()
        history.message_ids(db, job)
        keys_after_s = time.perf_counter() - t
        db.close()
        size_mb = sum(f.stat().st_size for f in home.glob("sms_desktop.sqlite3*")) / 1e6
    finally:
        stop.set()
        proc.join(10)
    return {
        "recipients": n,
        "latency_s": latency,
        "accepted": s.accepted,
        "state": s.state,
        "journal_s": journal_s,
        "send_s": result["send_s"],
        "keys_ms": keys_s * 1000,
        "keys_after_ms": keys_after_s * 1000,
        "jobs": _stats(jobs_t),
        "phone": _stats(phone_t),
        "page": _stats(page_t),
        "rss_before_mb": rss_before,
        "rss_after_journal_mb": rss_journal,
        "rss_peak_mb": _rss_mb(),
        "db_mb": size_mb,
        "load_avg": os.getloadavg()[0],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--recipients", type=int, default=1_000_000)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    load0 = os.getloadavg()[0]
    r = run(a.recipients, a.latency)
    r["load_avg_start"] = load0
    if a.json:
        print(json.dumps(r))
        return
    print(
        f"recipients={r['recipients']} latency={a.latency * 1000:g} ms"
        f" load average {load0:.2f} → {r['load_avg']:.2f}"
    )
    print(f"journal {r['journal_s']:.1f} s, send {r['send_s']:.1f} s, {r['accepted']} accepted")
    print(f"peak RSS {r['rss_peak_mb']:.0f} MB (after journal {r['rss_after_journal_mb']:.0f})")
    for k, label in (("jobs", "job list"), ("phone", "phone history"), ("page", "page of 100")):
        st = r[k]
        print(
            f"{label}: p50 {st['p50_ms']:.1f} ms, p95 {st['p95_ms']:.1f} ms,"
            f" max {st['max_ms']:.1f} ms ({st['n']} runs)"
        )
    print(f"job keys (message_ids): {r['keys_ms']:.0f} ms before, {r['keys_after_ms']:.0f} after")
    print(f"database {r['db_mb']:.0f} MB")


if __name__ == "__main__":
    main()

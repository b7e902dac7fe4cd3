"""Benchmark: what the frequency caps cost per batch while a 100,000-recipient marketing job
is sent, against a week of history for the same numbers.

The store first gets the history (written directly, as a week of earlier sends would have left
it): ``--history-jobs`` jobs to the same 100,000 numbers on earlier days of the week, and a share
of the numbers with today's messages already (so some are skipped). Then a marketing job goes
out through the simulator (its own process, ``--latency`` per request). The guard's own clock
measures the check (``BatchGuard.seconds``: the query, the decision, the skip statement, inside
the transaction that journals each batch; wall time, and the CPU time of the thread doing it); the
run's wall time over its batches is the send time a batch takes. Reported: per batch, the check
and the send time, and their ratio (goal ≤ 5 %).

    .venv/bin/python bench/bench_caps.py [--recipients 100000] [--latency 0.05]
                                         [--concurrency 2] [--families ipyy,jsm]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.guard import BatchGuard
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_database
from sms_desktop.simulator import Simulator

STAMP = "%Y-%m-%d %H:%M:%S.%f"


def _serve(family: str, n: int, latency: float, q: Any, stop: Any) -> None:
    with Simulator(port=0, seed=1) as sim:
        extra = {"verycode": "vc"} if family == "jsm" else {}
        sim.add_account(family, "bench", "pw", balance=10 * n, **extra)
        sim.report_delay = 3600
        sim.set_fault(family, "latency", seconds=latency)
        q.put(sim.base_url(family))
        stop.wait()


class Measured(Engine):
    """The engine, keeping the guard it gives each run (to read its clock)."""

    guards: list[BatchGuard]

    def batch_guard(self, job: Any) -> BatchGuard:
        g = super().batch_guard(job)
        self.guards.append(g)
        return g


def history(db: Any, phones: list[str], jobs: int, today_share: float) -> int:
    """Earlier sends to the same numbers: ``jobs`` jobs on earlier days of the week (one of them
    marketing, the others notifications), and today's notifications to a share of them (three each: the
    daily cap). Returns the messages written."""
    now = datetime.now()
    rows = 0
    with db.write() as c:
        for k in range(jobs):
            when = (now - timedelta(days=1 + k % 6, hours=1)).strftime(STAMP)[:-3]
            kind = "marketing" if k == 1 else "notice"  # one marketing message this week
            cur = c.execute(
                "INSERT INTO jobs(account, text, state, kind) VALUES('b', 'h', 'done', ?)", (kind,)
            )
            c.executemany(
                "INSERT INTO messages(job_id, seq, phone, text, state, sent_at, cap_class)"
                " VALUES(?,?,?,?,?,?,?)",
                ((cur.lastrowid, i, p, "h", "accepted", when, kind) for i, p in enumerate(phones)),
            )
            rows += len(phones)
        today = now.strftime(STAMP)[:-3]
        some = phones[:: max(1, int(1 / today_share))] if today_share else []
        for _ in range(3):
            cur = c.execute("INSERT INTO jobs(account, text, state) VALUES('b', 'h', 'done')")
            c.executemany(
                "INSERT INTO messages(job_id, seq, phone, text, state, sent_at, cap_class)"
                " VALUES(?,?,?,?,?,?,?)",
                (
                    (cur.lastrowid, i, p, "h", "delivered", today, "notice")
                    for i, p in enumerate(some)
                ),
            )
            rows += len(some)
    db.read().execute("ANALYZE")
    return rows


def run(
    family: str, n: int, latency: float, concurrency: int, jobs: int, share: float, caps: bool
) -> dict:
    home = Path(tempfile.mkdtemp(prefix="bench-caps-"))
    q: Any = mp.Queue()
    stop = mp.Event()
    proc = mp.Process(target=_serve, args=(family, n, latency, q, stop), daemon=True)
    proc.start()
    base_url = q.get(timeout=30)
    extra = {"verycode": "vc"} if family == "jsm" else {}
    db = open_database(home)
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
    engine = Measured(db, accounts)
    engine.guards = []
    if not caps:  # the same run without any cap: the send time the check is weighed against
        from sms_desktop.core.guard import save_settings

        save_settings(db, caps={"marketing_day": 0, "marketing_week": 0, "any_day": 0})
    phones = [str(13000000000 + i) for i in range(n)]
    t0 = time.perf_counter()
    written = history(db, phones, jobs, share)
    t1 = time.perf_counter()
    spec = JobSpec(
        "b",
        "【基准测试】双十一大促，全场五折，回T退订",
        phones,
        kind="marketing",
        ignore_window=True,
    )
    job = engine.create_job(spec)
    t2 = time.perf_counter()
    s = engine.run_job(job)
    t3 = time.perf_counter()
    g = engine.guards[-1]
    db.close()
    stop.set()
    proc.join(10)
    batches = max(1, g.batches)
    return {
        "history": written,
        "history_s": t1 - t0,
        "create_s": t2 - t1,
        "send_s": t3 - t2,
        "batches": g.batches,
        "check_ms": g.seconds / batches * 1000,
        "check_cpu_ms": g.cpu_seconds / batches * 1000,
        "locked_ms": g.locked_seconds / batches * 1000,
        "rechecks": g.rechecks,
        "send_ms": (t3 - t2) / batches * 1000,
        "skipped": s.skipped,
        "accepted": s.accepted,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--recipients", type=int, default=100_000)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--families", default="ipyy,jsm")
    ap.add_argument("--history-jobs", type=int, default=6, help="earlier jobs this week")
    ap.add_argument("--today-share", type=float, default=0.01, help="numbers capped today")
    ap.add_argument(
        "--repeat", type=int, default=1, help="runs with caps and without, in turn, per family"
    )
    a = ap.parse_args()
    print(
        f"recipients={a.recipients} latency={a.latency * 1000:g} ms concurrency={a.concurrency}"
        f" history={a.history_jobs} jobs this week, {a.today_share:.0%} of the numbers capped today"
    )
    print(
        "| family | caps | batches | history messages | check per batch, wall (ms) | its CPU (ms) |"
        " of which under the write lock (ms) | send per batch (ms) | check / send |"
        " check CPU / send | skipped (频次限制) | accepted |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    runs = [(f, c) for f in a.families.split(",") for _ in range(a.repeat) for c in (True, False)]
    for family, caps in runs if a.repeat > 1 else [(f, True) for f in a.families.split(",")]:
        r = run(family, a.recipients, a.latency, a.concurrency, a.history_jobs, a.today_share, caps)
        print(
            f"| {family} | {'on' if caps else 'off'} | {r['batches']} | {r['history']:,} | {r['check_ms']:.2f} |"
            f" {r['check_cpu_ms']:.2f} | {r['locked_ms']:.2f} | {r['send_ms']:.1f} | {r['check_ms'] / r['send_ms']:.1%} |"
            f" {r['check_cpu_ms'] / r['send_ms']:.1%} | {r['skipped']:,} | {r['accepted']:,} |",
            flush=True,
        )


if __name__ == "__main__":
    main()

"""Benchmark: one sync of a txt112088 account with a backlog of 10,000 delivery reports.

    .venv/bin/python bench/bench_sync_backlog.py [--reports 10000] [--history 200000]
                                                  [--repeat 3] [--latency 0.0] [--drop-index]

The simulator runs in its own process (a real gateway does not share our CPU) and holds
``--reports`` delivery reports of messages it accepted (sent to it over plain HTTP), handed out
100 a pull as the vendor documents. The store holds those messages (one job, as the engine
journals them) and ``--history`` older messages with their reports (a store that has been in
use). Then one ``Syncer.sync_account`` is timed, and the reports it brought are counted.

``--drop-index`` drops the index on the stored reports first (the store as it was before it had
one), to time the duplicate check that then reads the whole reports table for every report.
When a sync brings fewer than ``--reports`` (one page a sync, as before paging), the time the
backlog takes at one sync per poll interval (300 s, the default) is computed from it.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import platform
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import Database, open_database
from sms_desktop.core.sync import Syncer
from sms_desktop.simulator import Simulator

POLL_INTERVAL = 300.0  # the default poll interval (设置 → 选项)
INDEX = "reports_phone"


def _serve(n: int, latency: float, q: Any, stop: Any) -> None:
    """The simulator, in its own process: ``n`` messages accepted, their reports waiting."""
    with Simulator(port=0, seed=1) as sim:
        sim.add_account("txt112088", "bench", "pw", balance=10 * n)
        sim.report_success_ratio = 0.9
        url = sim.root_url + "/sendsms_txt.asp"
        sent: list[tuple[str, str]] = []
        phones = [str(13000000000 + i) for i in range(n)]
        for i in range(0, n, 100):
            batch = phones[i : i + 100]
            form = {"us_name": "bench", "us_pwd": "pw", "send_phone": ",".join(batch)}
            form["send_content"] = "会员日八折【测试】"
            body = urllib.parse.urlencode(form, encoding="gbk").encode("ascii")
            with urllib.request.urlopen(url, body, timeout=30) as r:
                reply = r.read().decode("gbk")
            batch_id = reply.split("|")[3]
            sent.extend((p, batch_id) for p in batch)
        if latency:
            sim.set_fault("txt112088", "latency", seconds=latency)
        sim.clear_requests()
        q.put((sim.base_url("txt112088"), sent))
        stop.wait()
        q.put(len(sim.requests))


def _store(home: Path, sent: list[tuple[str, str]], history: int, drop_index: bool) -> Database:
    db = open_database(home)
    with db.write() as c:
        if history:  # a store in use: older messages, each with its report
            c.execute("INSERT INTO jobs(id, account, text, state) VALUES(1, 'b', '旧', 'done')")
            c.execute(
                "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM s WHERE i < ?)"
                " INSERT INTO messages(job_id, seq, phone, text, state, account, gateway_id)"
                " SELECT 1, i, CAST(15000000000 + (i * 7919) % 100000000 AS TEXT), '旧',"
                " 'delivered', 'b', CAST(1000000 + i / 100 AS TEXT) FROM s",
                (history - 1,),
            )
            c.execute(
                "INSERT INTO reports(account, gateway_id, phone, status, delivered, time,"
                " message_id) SELECT 'b', gateway_id, phone, '10', 1, '2026-01-01 10:00:00', id"
                " FROM messages WHERE job_id = 1"
            )
        c.execute("INSERT INTO jobs(id, account, text, state) VALUES(2, 'b', '会员日八折', 'done')")
        c.executemany(
            "INSERT INTO messages(job_id, seq, phone, text, state, account, gateway_id)"
            " VALUES(2, ?, ?, '会员日八折【测试】', 'accepted', 'b', ?)",
            [(i, p, gid) for i, (p, gid) in enumerate(sent)],
        )
        if drop_index:
            c.execute(f"DROP INDEX IF EXISTS {INDEX}")
        c.execute("ANALYZE")
    return db


def run(n: int, history: int, latency: float, drop_index: bool) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    q: Any = mp.Queue()
    stop = mp.Event()
    proc = mp.Process(target=_serve, args=(n, latency, q, stop), daemon=True)
    proc.start()
    base_url, sent = q.get(timeout=600)
    db = _store(home, sent, history, drop_index)
    accounts = AccountStore(db, SecretStore(home))
    accounts.add(Account(name="b", family="txt112088", base_url=base_url, username="bench"), "pw")
    syncer = Syncer(db, accounts)
    start = time.perf_counter()
    res = syncer.sync_account("b", force=True)
    seconds = time.perf_counter() - start
    stop.set()
    requests = q.get(timeout=60)
    proc.join(timeout=30)
    assert not res.errors, res.errors
    got = len(res.new_reports)
    stored = db.read().execute("SELECT COUNT(*) FROM reports WHERE message_id IS NOT NULL")
    matched = stored.fetchone()[0] - history
    db.close()
    syncs = math.ceil(n / got) if got else math.inf
    return {
        "reports": got,
        "matched": matched,
        "requests": requests,
        "sync_s": round(seconds, 2),
        "ms_per_report": round(1000 * seconds / max(1, got), 3),
        # the backlog at one sync per poll interval (the last sync's own time added)
        "backlog_s": round((syncs - 1) * POLL_INTERVAL + seconds, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--history", type=int, default=200_000)
    ap.add_argument("--latency", type=float, default=0.0, help="seconds added to each pull")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--drop-index", action="store_true", help="the store before its index")
    args = ap.parse_args()
    runs = [
        run(args.reports, args.history, args.latency, args.drop_index) for _ in range(args.repeat)
    ]
    times = [r["sync_s"] for r in runs]
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(
        json.dumps(
            {
                "python": platform.python_version(),
                "load": load,
                "drop_index": args.drop_index,
                "history": args.history,
                "best_s": min(times),
                "median_s": statistics.median(times),
                "runs": runs,
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()

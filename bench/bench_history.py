"""History-by-phone and conversation benchmark at 1,000,000 stored messages.

    .venv/bin/python bench/bench_history.py                 # 1M messages, 100k replies
    .venv/bin/python bench/bench_history.py --messages 200000 --repeat 5
    .venv/bin/python bench/bench_history.py --store pg      # SQLite and PostgreSQL, case by case

Builds a database in a temporary folder with the real schema: ``--messages`` messages in jobs of
1,000 (batches of 100, random mobile numbers, a few sent to one known number), and
``--replies`` replies. Then times, best and median of ``--repeat`` runs each:

* ``before``: the old ``history(phone=…)`` query, ``phone LIKE '%…%'`` (reads every row);
* ``history(phone=<whole number>)`` and ``history(phone=<first 7 digits>)``: index range;
* ``history(phone=…, substring=True)``: the explicit slow option;
* ``conversation(phone)``: every send to the number and every reply from it, by time;
* ``unread_count()``.

Each query runs on a fresh read connection's warm cache (one untimed run first).

With ``--store pg`` (a throw-away PostgreSQL server, or a server's URL: ``bench/pgtmp.py``) the
same rows are also built in a new PostgreSQL database, and each query is timed on SQLite and then
on PostgreSQL before the next.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

from pgtmp import bench_server, drop_database, new_database, open_bench_store  # bench/

from sms_desktop.core import history
from sms_desktop.core.store import Database, inbox

TARGET = "13912345678"
OLD_SQL = (
    "SELECT job_id, seq, phone, name, state, account, gateway_id, code,"
    " COALESCE(NULLIF(message, ''), reason) AS message, report_status, report_time, text,"
    " updated_at FROM messages WHERE 1=1 AND phone LIKE ? ORDER BY job_id DESC, seq LIMIT ?"
)


def build(db: Database, n_messages: int, n_replies: int) -> float:
    if db.dialect.name == "postgresql":
        return build_pg(db, n_messages, n_replies)
    start = time.perf_counter()
    per_job = 1000
    with db.write() as c:
        jobs = (n_messages + per_job - 1) // per_job
        c.execute(
            "WITH RECURSIVE j(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM j WHERE i < ?)"
            " INSERT INTO jobs(id, account, text, state) SELECT i, 'bench', '会员日八折', 'done'"
            " FROM j",
            (jobs,),
        )
        c.execute(
            "WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM b WHERE i < ?)"
            " INSERT INTO batches(id, job_id, account, text, state, size, sent_at)"
            " SELECT i+1, i/10+1, 'bench', '会员日八折', 'accepted', 100,"
            " strftime('%Y-%m-%d %H:%M:%f', '2026-01-01', '+' || i || ' seconds') FROM b",
            ((n_messages + 99) // 100 - 1,),
        )
        c.execute(
            "WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM m WHERE i < ?)"
            " INSERT INTO messages(job_id, seq, phone, text, state, batch_id, account,"
            " gateway_id, report_status)"
            " SELECT i/1000+1, i%1000, CASE WHEN i % 200000 = 7 THEN ? ELSE"
            " '1' || (3 + abs(random()) % 7) || printf('%09d', abs(random()) % 1000000000) END,"
            " '会员日八折，回复TD退订【测试】', 'delivered', i/100+1, 'bench',"
            " printf('%d', 100000 + i/100), 'DELIVRD' FROM m",
            (n_messages - 1, TARGET),
        )
        c.execute(
            "WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM r WHERE i < ?)"
            " INSERT INTO replies(account, phone, content, time, is_read)"
            " SELECT 'bench', CASE WHEN i % 20000 = 3 THEN ? ELSE"
            " '1' || (3 + abs(random()) % 7) || printf('%09d', abs(random()) % 1000000000) END,"
            " '收到，谢谢', strftime('%Y-%m-%d %H:%M:%S', '2026-01-01', '+' || (i*10) || ' seconds'),"
            " i % 2 FROM r",
            (n_replies - 1, TARGET),
        )
    db.read().execute("ANALYZE")
    return time.perf_counter() - start


def build_pg(db: Database, n_messages: int, n_replies: int) -> float:
    """The same rows as :func:`build`, in PostgreSQL's words (``generate_series``)."""
    start = time.perf_counter()
    rnd_phone = (
        "'1' || (3 + floor(random() * 7)::int) || lpad(floor(random() * 1e9)::bigint::text, 9, '0')"
    )
    with db.write() as c:
        c.execute(
            "INSERT INTO jobs(id, account, text, state) SELECT i, 'bench', '会员日八折', 'done'"
            " FROM generate_series(1, ?) AS i",
            ((n_messages + 999) // 1000,),
        )
        c.execute(
            "INSERT INTO batches(id, job_id, account, text, state, size, sent_at)"
            " SELECT i+1, i/10+1, 'bench', '会员日八折', 'accepted', 100,"
            " to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD HH24:MI:SS.MS')"
            " FROM generate_series(0, ?) AS i",
            ((n_messages + 99) // 100 - 1,),
        )
        c.execute(
            "INSERT INTO messages(job_id, seq, phone, text, state, batch_id, account,"
            " gateway_id, report_status)"
            f" SELECT i/1000+1, i%1000, CASE WHEN i % 200000 = 7 THEN ? ELSE {rnd_phone} END,"
            " '会员日八折，回复TD退订【测试】', 'delivered', i/100+1, 'bench',"
            " (100000 + i/100)::text, 'DELIVRD' FROM generate_series(0, ?) AS i",
            (TARGET, n_messages - 1),
        )
        c.execute(
            "INSERT INTO replies(account, phone, content, time, is_read)"
            f" SELECT 'bench', CASE WHEN i % 20000 = 3 THEN ? ELSE {rnd_phone} END, '收到，谢谢',"
            " to_char(timestamp '2026-01-01' + i * interval '10 seconds', 'YYYY-MM-DD HH24:MI:SS'),"
            " i % 2 FROM generate_series(0, ?) AS i",
            (TARGET, n_replies - 1),
        )
    with db.write() as c:
        c.execute("ANALYZE")
    return time.perf_counter() - start


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    result = fn()  # warm the cache
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    n = len(result) if isinstance(result, list) else int(result)
    return min(times), statistics.median(times), n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--replies", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--store", default="sqlite", help="also on: pg or a server URL")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, bench_server(args.store) as server:
        urls = ["sqlite"] + ([new_database(server)] if server else [])
        dbs: dict[str, Database] = {}
        built: dict[str, float] = {}
        try:
            for url in urls:
                db = open_bench_store(url, tmp)
                dbs[db.dialect.name] = db
                built[db.dialect.name] = build(db, args.messages, args.replies)
            rows = measure(dbs, args.repeat)
        finally:
            for db in dbs.values():
                db.close()
            for url in urls:
                drop_database(url)
    info = {
        "messages": args.messages,
        "replies": args.replies,
        "build_s": {k: round(v, 1) for k, v in built.items()},
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "machine": f"{platform.system()} {platform.machine()}",
        "load": [round(x, 1) for x in os.getloadavg()],
        "results": rows,
    }
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return
    print(
        f"{args.messages:,} messages, {args.replies:,} replies (built in"
        f" {', '.join(f'{k} {v:.1f} s' for k, v in built.items())});"
        f" Python {info['python']}, SQLite {info['sqlite']}, {info['machine']};"
        f" load average at the end {info['load']}"
    )
    print(f"{'case':45} {'engine':10} {'best':>10} {'median':>10} {'rows':>6}")
    for r in rows:
        print(
            f"{r['case']:45} {r['engine']:10} {r['best_ms']:8.2f}ms {r['median_ms']:8.2f}ms"
            f" {r['rows']:6}"
        )


def measure(dbs: dict[str, Database], repeat: int) -> list[dict[str, Any]]:
    """Each case on each engine in turn."""
    prefix = TARGET[:7]
    cases: list[tuple[str, Callable[[Database], Any]]] = [
        (
            "before: phone LIKE '%…%' (old history)",
            lambda db: db.read().execute(OLD_SQL, (f"%{TARGET}%", 1000)).fetchall(),
        ),
        ("history(phone=<whole number>)", lambda db: history.history(db, phone=TARGET)),
        ("history(phone=<first 7 digits>)", lambda db: history.history(db, phone=prefix)),
        (
            "history(phone=…, substring=True)",
            lambda db: history.history(db, phone=TARGET[3:], substring=True),
        ),
        ("conversation(phone)", lambda db: history.conversation(db, TARGET)),
        ("unread_count()", lambda db: inbox.unread_count(db)),
    ]
    rows = []
    for name, fn in cases:
        for engine, db in dbs.items():
            best, median, n = timed(lambda fn=fn, db=db: fn(db), repeat)
            rows.append(
                {"case": name, "engine": engine, "best_ms": best, "median_ms": median, "rows": n}
            )
    return rows


if __name__ == "__main__":
    main()

"""The store after a year of use: build it fast, then time start-up and lookups.

``build()`` makes the schema through the core (``open_database``: every migration), then fills it
in bulk with SQL (recursive CTEs, the big tables' indexes and the ``job_counts`` insert trigger
dropped during the load and re-created from their own DDL): ``jobs`` of 5,000 recipients spread over 365 days on four accounts, their
``batches`` (1,000 each, one raw reply body each), ``messages`` (mostly to the contacts, so each
contact got about a hundred messages in the year; 90 % delivered, 4 % undelivered, 3 % accepted,
2 % rejected, 1 % unknown), a delivery ``report`` for every delivered or undelivered message,
replies for 1 % of them (the newest 50 unread), ``contacts`` in 20 groups with two fields each,
1,000 blacklisted numbers, and ``job_counts``.

``measure()`` opens the store as the application does at start (``open_database``, then
``recover()`` and ``mark_overdue()``, then what the first screens read: the job list, the contact
groups, the contacts' ids, the unread count) and times the lookups: one phone's history, its
conversation, a prefix search, one job's keys and a page of its recipients.

    .venv/bin/python bench/bench_year_store.py [--messages 10000000] [--contacts 100000]
        [--home DIR] [--keep] [--upkeep] [--json]

``--upkeep`` also times ``maintenance.backup`` and ``maintenance.vacuum`` on it.
``tests/reliability/test_rel_year_store.py`` builds a small one in CI and checks the query plans.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sms_desktop.core import history, maintenance
from sms_desktop.core.accounts import AccountStore
from sms_desktop.core.contacts import queries as contact_queries
from sms_desktop.core.contacts import repository
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import inbox, open_database

JOB_SIZE = 5000
BATCH = 1000
ACCOUNTS = (("主账户", "ipyy"), ("备用", "qxt"), ("营销", "jsm"), ("通知", "txt112088"))
BULK_TABLES = ("messages", "reports", "replies", "contacts", "batches", "raw_bodies")


def phone_of_contact(i: int) -> str:
    return f"139{i:08d}"


def build(home: Path, messages: int, contacts: int) -> dict[str, float]:
    """Fill a new store in ``home``; returns the seconds each step took."""
    db = open_database(home)  # the schema, through every migration
    db.close()
    took: dict[str, float] = {}
    jobs = max(1, -(-messages // JOB_SIZE))
    nb = -(-JOB_SIZE // BATCH)
    # a plain connection, no journal while loading (the core's WAL is turned back on at the end)
    conn = sqlite3.connect(home / "sms_desktop.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    conn.execute("PRAGMA temp_store=MEMORY")
    indexes = [
        (name, sql)
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({','.join('?' * len(BULK_TABLES))})",
            BULK_TABLES,
        )
    ]

    # the per-row insert trigger of job_counts is dropped too, and the counts made in one go
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND name='job_counts_insert'"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.executemany(
        "INSERT INTO accounts(name, family, base_url, username, verycode) VALUES(?,?,?,?,'')",
        [(n, f, f"http://gateway.example/{f}/", f"user-{f}") for n, f in ACCOUNTS],
    )
    # a job every 365/jobs days
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute(
        "WITH RECURSIVE j(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM j WHERE i < ?)"
        " INSERT INTO jobs(id, account, text, state, created_at, updated_at)"
        " SELECT i, CASE i % 4 WHEN 0 THEN '主账户' WHEN 1 THEN '备用' WHEN 2 THEN '营销'"
        " ELSE '通知' END,"
        " printf('【商城】尊敬的客户，第%d期活动已开始，回复TD退订', i), 'done',"
        " datetime('2025-11-26 09:00:00', printf('+%d seconds', (i - 1) * 31536000 / ?)),"
        " datetime('2025-11-26 09:30:00', printf('+%d seconds', (i - 1) * 31536000 / ?))"
        " FROM j",
        (jobs, jobs, jobs),
    )
    conn.execute(
        "WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i < ? - 1)"
        " INSERT INTO raw_bodies(id, account, kind, url, content_type, body, parsed, received_at)"
        " SELECT i + 1, j.account, 'send', 'POST ' || j.account, 'text/xml; charset=utf-8',"
        " CAST(printf('<returnsms><returnstatus>Success</returnstatus><taskID>%d</taskID>"
        "<successCounts>1000</successCounts></returnsms>', i + 1) AS BLOB), 1, j.created_at"
        " FROM b JOIN jobs j ON j.id = i / ? + 1",
        (jobs * nb, nb),
    )
    conn.execute(
        "INSERT INTO batches(id, job_id, account, text, state, size, gateway_batch_id, code,"
        " raw_id, attempts, created_at, sent_at, finished_at)"
        " SELECT r.id, (r.id - 1) / ? + 1, r.account, '', 'accepted', ?, r.id, '0', r.id, 1,"
        " r.received_at, r.received_at, r.received_at FROM raw_bodies r",
        (nb, BATCH),
    )
    conn.execute("COMMIT")
    took["jobs, batches"] = time.perf_counter() - t
    # messages: 95 % to the contacts (about a hundred each in the year), 5 % to other numbers
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute(
        "WITH RECURSIVE m(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM m WHERE x < ? - 1)"
        " INSERT INTO messages(id, job_id, seq, phone, name, fields, text, parts, state,"
        " batch_id, account, gateway_id, code, report_status, report_time, updated_at)"
        " SELECT x + 1, j.id, x % ? + 1,"
        " CASE WHEN x % 20 = 19 THEN printf('137%08d', (x * 2654435761) % 100000000)"
        " ELSE printf('139%08d', (x * 7919 + j.id * 104729) % ?) END,"
        " '', '{}', j.text, 2,"
        " CASE WHEN x % 100 < 90 THEN 'delivered' WHEN x % 100 < 94 THEN 'undelivered'"
        " WHEN x % 100 < 97 THEN 'accepted' WHEN x % 100 < 99 THEN 'rejected' ELSE 'unknown' END,"
        " (j.id - 1) * ? + (x % ?) / ? + 1, j.account,"
        " CASE WHEN x % 100 < 97 THEN printf('%d-%d', j.id, x % ? + 1) END,"
        " CASE WHEN x % 100 BETWEEN 97 AND 98 THEN '-4' ELSE '0' END,"
        " CASE WHEN x % 100 < 90 THEN 'DELIVRD' WHEN x % 100 < 94 THEN 'UNDELIV' END,"
        " CASE WHEN x % 100 < 94 THEN datetime(j.created_at, '+40 seconds') END,"
        " datetime(j.created_at, '+40 seconds')"
        " FROM m JOIN jobs j ON j.id = x / ? + 1",
        (messages, JOB_SIZE, contacts, nb, JOB_SIZE, BATCH, JOB_SIZE, JOB_SIZE),
    )
    conn.execute("COMMIT")
    took["messages"] = time.perf_counter() - t
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO reports(account, gateway_id, phone, status, delivered, time, message_id,"
        " received_at) SELECT account, gateway_id, phone, report_status,"
        " report_status = 'DELIVRD', report_time, id, report_time FROM messages"
        " WHERE report_status IS NOT NULL"
    )
    conn.execute(
        "INSERT INTO replies(account, phone, content, time, opt_out, is_read, received_at)"
        " SELECT account, phone, CASE WHEN id % 7 = 0 THEN '退订' ELSE '收到，谢谢' END,"
        " datetime(updated_at, '+5 minutes'), id % 7 = 0, 1, datetime(updated_at, '+6 minutes')"
        " FROM messages WHERE id % 100 = 3"
    )
    conn.execute("UPDATE replies SET is_read = 0 WHERE id > (SELECT MAX(id) FROM replies) - 50")
    conn.execute("COMMIT")
    took["reports, replies"] = time.perf_counter() - t
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute(
        "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 20)"
        " INSERT INTO groups(id, name) SELECT i, printf('客户分组%02d', i) FROM g"
    )
    conn.execute(
        "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ? - 1)"
        " INSERT INTO contacts(group_id, phone, name, fields)"
        " SELECT i % 20 + 1, printf('139%08d', i), printf('客户%d', i),"
        " json_object('城市', CASE i % 3 WHEN 0 THEN '北京' WHEN 1 THEN '上海' ELSE '广州' END,"
        " '金额', printf('%d.00', i % 1000)) FROM c",
        (contacts,),
    )
    conn.execute(
        "INSERT OR IGNORE INTO blacklist(phone, reason, source)"
        " SELECT phone, '回复退订', 'opt-out' FROM replies WHERE opt_out = 1 LIMIT 1000"
    )
    conn.execute(
        "INSERT INTO job_counts(job_id, state, n)"
        " SELECT job_id, state, COUNT(*) FROM messages GROUP BY job_id, state"
    )
    conn.execute("COMMIT")
    took["contacts, counts"] = time.perf_counter() - t
    t = time.perf_counter()
    for _, sql in [*indexes, *triggers]:
        conn.execute(sql)
    took["indexes"] = time.perf_counter() - t
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    return took


def _timed(fn: Any, repeat: int = 1) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def _stats(xs: list[float]) -> dict[str, float]:
    return {"p50_ms": statistics.median(xs) * 1000, "max_ms": max(xs) * 1000, "n": len(xs)}


def measure(home: Path, contacts: int, lookups: int = 50) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start: dict[str, float] = {}
    t0 = time.perf_counter()
    start["open"], db = _timed(lambda: open_database(home))
    accounts = AccountStore(db, SecretStore(home))
    engine = Engine(db, accounts)
    start["recover"], _ = _timed(engine.recover)
    start["mark_overdue"], _ = _timed(engine.mark_overdue)
    start["job list"], jobs = _timed(lambda: engine.jobs(200))
    start["groups"], _ = _timed(lambda: repository.groups(db))
    start["contact ids"], ids = _timed(lambda: contact_queries.contact_ids(db))
    start["unread"], _ = _timed(lambda: inbox.unread_count(db))
    out["startup_total_ms"] = (time.perf_counter() - t0) * 1000
    out["startup_ms"] = {k: v * 1000 for k, v in start.items()}
    rng = random.Random(7)
    phones = [phone_of_contact(rng.randrange(contacts)) for _ in range(lookups)]
    hist, conv, prefix = [], [], []
    rows = 0
    for p in phones:
        t, found = _timed(lambda p=p: history.history(db, phone=p))
        hist.append(t)
        rows += len(found)
        conv.append(_timed(lambda p=p: history.conversation(db, p))[0])
        prefix.append(_timed(lambda p=p: history.history(db, phone=p[:8], limit=200))[0])
    out["history_by_phone"] = _stats(hist)
    out["messages_per_phone"] = rows / len(phones)
    out["conversation"] = _stats(conv)
    out["prefix_search_200"] = _stats(prefix)
    job = jobs[len(jobs) // 2].job_id
    t, keys = _timed(lambda: history.message_ids(db, job))
    out["job_keys_ms"] = t * 1000
    pages = [
        _timed(lambda s=s: history.messages_by_ids(db, keys[s : s + 100]))[0]
        for s in range(0, len(keys) - 100, max(1, len(keys) // 20))
    ]
    out["job_page"] = _stats(pages)
    out["contacts"] = len(ids)
    out["messages"] = db.read().execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    out["reports"] = db.read().execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    out["replies"] = db.read().execute("SELECT COUNT(*) FROM replies").fetchone()[0]
    out["db_mb"] = maintenance.store_bytes(db) / 1e6
    db.close()
    return out


def upkeep(home: Path) -> dict[str, float]:
    db = open_database(home)
    try:
        b = maintenance.backup(db, home / "backup.sqlite3")
        v = maintenance.vacuum(db)
    finally:
        db.close()
    (home / "backup.sqlite3").unlink()
    return {
        "backup_s": b.seconds,
        "backup_mb": b.bytes / 1e6,
        "vacuum_s": v.seconds,
        "vacuum_mb_before": v.bytes_before / 1e6,
        "vacuum_mb_after": v.bytes_after / 1e6,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=10_000_000)
    ap.add_argument("--contacts", type=int, default=100_000)
    ap.add_argument("--home", type=Path)
    ap.add_argument("--keep", action="store_true", help="keep the store (and reuse it if built)")
    ap.add_argument("--upkeep", action="store_true", help="also time backup and VACUUM")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    home = a.home or Path(tempfile.mkdtemp(prefix="year-store-"))
    home.mkdir(parents=True, exist_ok=True)
    r: dict[str, Any] = {"load_avg_start": os.getloadavg()[0]}
    if not (home / "sms_desktop.sqlite3").exists():
        t = time.perf_counter()
        r["build_s"] = build(home, a.messages, a.contacts)
        r["build_total_s"] = time.perf_counter() - t
    r.update(measure(home, a.contacts))
    if a.upkeep:
        r.update(upkeep(home))
    r["load_avg_end"] = os.getloadavg()[0]
    if not a.keep and a.home is None:
        shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(r, ensure_ascii=False, indent=None if a.json else 1))


if __name__ == "__main__":
    main()

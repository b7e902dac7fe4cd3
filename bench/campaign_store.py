"""A store with one big campaign among a year of others, for the campaign report's benchmarks.

``build(home, messages, job)`` makes the year store of ``bench_year_store`` (every migration,
then bulk SQL) with ``messages - job`` messages, and adds one campaign job of ``job`` recipients
as a send through an ipyy account would leave it: batches of 1,000 sent 1.2 s apart; numbers
drawn at random from the blocks of the big three, a virtual operator's and 广电's (so the
carrier and province breakdowns have tens of thousands of blocks to place); 1 % skipped
(invalid, duplicate, blacklisted); of those sent, about 88 % delivered, 6 % undelivered (twice
as many on China Telecom's numbers), 3 % still without a report, 2 % rejected, 1 % unknown;
each report stored with its time (half within a minute of the send, most within five minutes,
a few after a day) and, for the undelivered, the upstream code (UNDELIV, MK:0001, EXPIRED …).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from bench.bench_year_store import build as build_year
from bench.campaign_numbers import TELECOM, random_number
from sms_desktop.core import carriers

REASONS = (("UNDELIV", 40), ("MK:0001", 20), ("EXPIRED", 15), ("DB:0141", 10), ("MI:0022", 8))
REASONS += (("REJECTD", 7),)
START = datetime(2026, 11, 20, 9, 0, 0)
ACCOUNT = "主账户"  # ipyy in the year store


def _delay(rng: random.Random) -> float:
    """Seconds from the send to the report: half within a minute, a few after a day."""
    u = rng.random()
    if u < 0.5:
        return rng.uniform(2, 60)
    if u < 0.82:
        return rng.uniform(60, 300)
    if u < 0.96:
        return rng.uniform(300, 3600)
    if u < 0.995:
        return rng.uniform(3600, 86400)
    return rng.uniform(86400, 3 * 86400)


def add_campaign(home: Path, n: int, seed: int = 7) -> int:
    """One campaign job of ``n`` recipients in the store at ``home``; returns its id."""
    rng = random.Random(seed)
    conn = sqlite3.connect(home / "sms_desktop.sqlite3", isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    try:
        conn.execute("BEGIN")
        created = START.strftime("%Y-%m-%d %H:%M:%S")
        job_id = conn.execute(
            "INSERT INTO jobs(account, text, state, created_at, updated_at)"
            " VALUES(?, '【商城】双十二会员日，全场八折，回T退订', 'done', ?, ?)",
            (ACCOUNT, created, created),
        ).lastrowid
        assert job_id is not None
        first_raw = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM raw_bodies").fetchone()[0]
        first_batch = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM batches").fetchone()[0]
        batches = -(-n // 1000)
        sent_at = [START + timedelta(seconds=1.2 * i) for i in range(batches)]
        conn.executemany(
            "INSERT INTO raw_bodies(id, account, kind, body, parsed) VALUES(?, ?, 'send', ?, 1)",
            [(first_raw + i, ACCOUNT, b"<returnsms/>") for i in range(batches)],
        )
        conn.executemany(
            "INSERT INTO batches(id, job_id, account, text, state, size, gateway_batch_id,"
            " code, raw_id, attempts, created_at, sent_at, finished_at)"
            " VALUES(?, ?, ?, '', 'accepted', 1000, ?, '0', ?, 1, ?, ?, ?)",
            [
                (
                    first_batch + i,
                    job_id,
                    ACCOUNT,
                    str(first_batch + i),
                    first_raw + i,
                    t.strftime("%Y-%m-%d %H:%M:%S.000"),
                    t.strftime("%Y-%m-%d %H:%M:%S.000"),
                    (t + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S.000"),
                )
                for i, t in enumerate(sent_at)
            ],
        )
        rows = []
        reports = []
        reasons = [r for r, w in REASONS for _ in range(w)]
        for seq in range(1, n + 1):
            phone = random_number(rng)
            prefix = phone[:3]
            u = rng.random()
            batch = first_batch + (seq - 1) // 1000
            sent = sent_at[(seq - 1) // 1000]
            if u < 0.005:
                rows.append((seq, "1380013800", "skipped", "invalid", None, None, None, None, None))
                continue
            if u < 0.008:
                rows.append((seq, phone, "skipped", "duplicate", None, None, None, None, None))
                continue
            if u < 0.01:
                rows.append((seq, phone, "skipped", "blacklisted", None, None, None, None, None))
                continue
            bad = 0.12 if prefix in TELECOM else 0.06
            v = rng.random()
            if v < 0.02:
                rows.append((seq, phone, "rejected", "-4", batch, None, None, None, None))
                continue
            if v < 0.03:
                rows.append((seq, phone, "unknown", None, batch, None, None, None, None))
                continue
            if v < 0.06:
                rows.append((seq, phone, "accepted", "0", batch, None, None, None, None))
                continue
            delay = int(_delay(rng))
            at = (sent + timedelta(seconds=delay)).strftime("%Y-%m-%d %H:%M:%S")
            if v < 0.06 + bad:
                reason = rng.choice(reasons)
                rows.append((seq, phone, "undelivered", "0", batch, "20", at, reason, delay))
            else:
                rows.append((seq, phone, "delivered", "0", batch, "10", at, "DELIVRD", delay))
        first_msg = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM messages").fetchone()[0]
        conn.executemany(
            "INSERT INTO messages(id, job_id, seq, phone, text, parts, state, reason, batch_id,"
            " account, gateway_id, code, report_status, report_time, updated_at, carrier,"
            " province, report_delay, report_reason)"
            " VALUES(?, ?, ?, ?, '【商城】双十二会员日，全场八折，回T退订', ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    first_msg + seq - 1,
                    job_id,
                    seq,
                    phone,
                    0 if state == "skipped" else 1,
                    state,
                    "" if state != "skipped" else code,
                    batch,
                    None if batch is None else ACCOUNT,
                    None if batch is None or state in ("rejected", "unknown") else f"t{seq}",
                    code,
                    status,
                    at,
                    created,
                    *(carriers.columns(phone)[:2] if state != "skipped" else (None, None)),
                    delay,
                    word if state == "undelivered" else None,
                )
                for seq, phone, state, code, batch, status, at, word, delay in rows
            ),
        )
        for seq, phone, state, _, _, status, at, word, _ in rows:
            if status is not None:
                reports.append(
                    (
                        ACCOUNT,
                        f"t{seq}",
                        phone,
                        status,
                        int(state == "delivered"),
                        at,
                        word,
                        first_msg + seq - 1,
                        at,
                    )
                )
        conn.executemany(
            "INSERT INTO reports(account, gateway_id, phone, status, delivered, time,"
            " error_code, message_id, received_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            reports,
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    return int(job_id)


def build(home: Path, messages: int, job: int, contacts: int = 100_000) -> int:
    """The year store with ``messages`` messages in all, one of its jobs the campaign of
    ``job`` recipients; returns the campaign's id."""
    build_year(home, max(0, messages - job), contacts)
    return add_campaign(home, job)

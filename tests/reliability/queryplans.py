"""EXPLAIN QUERY PLAN helpers for the load tests (test_rel_load.py, test_rel_year_store.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sms_desktop.core.store import Database

BIG_TABLES = ("messages", "batches", "reports", "replies", "raw_bodies", "contacts")


def statements(db: Database, fn: Callable[[], Any]) -> list[str]:
    """The queries ``fn`` runs on this thread's connection, with their parameters filled in."""
    seen: list[str] = []
    conn = db.read()
    conn.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def plan(db: Database, sql: str) -> list[str]:
    return [str(r[3]) for r in db.read().execute("EXPLAIN QUERY PLAN " + sql)]


def full_scans(db: Database, sql: str) -> list[str]:
    """The steps of ``sql``'s plan that read a whole big table or a whole index of one (a scan
    of a partial index, which holds only the rows asked for, is not one)."""
    partial = {
        r[0]
        for r in db.read().execute(
            "SELECT name FROM sqlite_master WHERE type='index' AND sql LIKE '% WHERE %'"
        )
    }
    alias = {a: t for t, a in re.findall(r"(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(\w+)", sql)}
    bad = []
    for step in plan(db, sql):
        words = step.split()
        if words[0] != "SCAN" or len(words) < 2:
            continue
        table = alias.get(words[1], words[1])
        index = words[words.index("INDEX") + 1] if "INDEX" in words else None
        if table in BIG_TABLES and index not in partial:
            bad.append(step)
    return bad

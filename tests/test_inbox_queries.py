"""The inbox's keys-first queries: replies and reports filtered by account, phone and day."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sms_desktop.core.store import Database, inbox
from sms_desktop.core.store.inbox import InboxFilter

A, B = "13800138000", "13900139000"


@pytest.fixture
def db(store) -> Iterator[Database]:
    """The rows on each engine (SQLite, then PostgreSQL: the ``store`` fixture)."""
    d = store
    with d.write() as c:
        job = c.execute(
            "INSERT INTO jobs(account, text, state) VALUES('a','x','done') RETURNING id"
        ).fetchone()[0]
        msg = c.execute(
            "INSERT INTO messages(job_id, seq, phone, text, state, account)"
            " VALUES(?,0,?,'hi','accepted','a') RETURNING id",
            (job, A),
        ).fetchone()[0]
        c.executemany(
            "INSERT INTO replies(account, phone, content, time, opt_out, is_read)"
            " VALUES(?,?,?,?,?,?)",
            [
                ("a", A, "好的", "2026-01-05 09:05:00", 0, 1),
                ("a", A, "TD", "2026-01-06 10:00:00", 1, 0),
                ("b", B, "谁", "2026-01-07 11:00:00", 0, 0),
            ],
        )
        c.execute("INSERT INTO blacklist(phone, reason, source) VALUES(?, 'x', 'opt-out')", (A,))
        c.execute(
            "INSERT INTO reports(account, gateway_id, phone, status, delivered, time, message_id)"
            " VALUES('a','g1',?,'DELIVRD',1,'2026-01-05 09:01:00',?)",
            (A, msg),
        )
        c.execute(
            "INSERT INTO reports(account, gateway_id, phone, status, delivered, time)"
            " VALUES('b','web-1',?,'UNDELIV',0,'2026-01-07 12:00:00')",
            (B,),
        )
    yield d


def _phones(db: Database, kind: str, flt: InboxFilter | None = None) -> list[str]:
    rows = inbox.inbox_by_ids(db, kind, inbox.inbox_ids(db, kind, flt))
    return [f"{r['phone']}:{r.get('content', r.get('status'))}" for r in rows if r]


def test_replies_newest_first_with_filters_and_blacklist_state(db: Database) -> None:
    assert _phones(db, "replies") == [f"{B}:谁", f"{A}:TD", f"{A}:好的"]
    assert _phones(db, "replies", InboxFilter(account="a")) == [f"{A}:TD", f"{A}:好的"]
    assert _phones(db, "replies", InboxFilter(phone="139 0013")) == [f"{B}:谁"]
    days = InboxFilter(since="2026-01-06", until="2026-01-06")
    assert _phones(db, "replies", days) == [f"{A}:TD"]
    assert _phones(db, "replies", InboxFilter(unread_only=True)) == [f"{B}:谁", f"{A}:TD"]
    rows = inbox.inbox_by_ids(db, "replies", inbox.inbox_ids(db, "replies"))
    state = {(r["phone"], r["content"]): (r["blacklisted"], r["blacklist_source"]) for r in rows}
    assert state[(A, "TD")] == (1, "opt-out") and state[(B, "谁")] == (0, None)


def test_reports_that_matched_nothing_have_their_own_filter(db: Database) -> None:
    assert _phones(db, "reports") == [f"{B}:UNDELIV", f"{A}:DELIVRD"]
    assert _phones(db, "reports", InboxFilter(unmatched_only=True)) == [f"{B}:UNDELIV"]
    rows = inbox.inbox_by_ids(db, "reports", inbox.inbox_ids(db, "reports"))
    assert [(r["matched"], r["job_id"] is not None) for r in rows] == [(0, False), (1, True)]
    assert inbox.inbox_by_ids(db, "reports", [999]) == [None]

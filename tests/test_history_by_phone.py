"""History by phone on the index, the conversation view, unread replies (issue 7, performance)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sms_desktop.core import history
from sms_desktop.core.store import Database, inbox

A, B = "13800138000", "13800138001"


@pytest.fixture
def db(store) -> Iterator[Database]:
    """The rows on each engine (SQLite, then PostgreSQL: the ``store`` fixture)."""
    d = store
    with d.write() as c:
        job = c.execute(
            "INSERT INTO jobs(account, text, state) VALUES('a','x','done') RETURNING id"
        ).fetchone()[0]
        batch = c.execute(
            "INSERT INTO batches(job_id, account, text, state, size, sent_at)"
            " VALUES(?,'a','x','accepted',2,'2026-01-05 09:00:00.250') RETURNING id",
            (job,),
        ).fetchone()[0]
        for seq, phone in enumerate((A, B, "13900138000")):
            c.execute(
                "INSERT INTO messages(job_id, seq, phone, text, state, batch_id, account,"
                " report_status) VALUES(?,?,?,?,?,?,'a',?)",
                (job, seq, phone, f"第{seq}条", "delivered", batch, "DELIVRD"),
            )
        c.executemany(
            "INSERT INTO replies(account, phone, content, time) VALUES('a',?,?,?)",
            [
                (A, "好的", "2026-01-05 09:05:00"),
                (A, "退订", "2026-01-05 08:00:00"),
                (B, "谁", None),
            ],
        )
    yield d


def _plan(db: Database, sql: str, params: list[object]) -> str:
    """The plan, in SQLite's words ("SEARCH m USING INDEX …", "SCAN m"). PostgreSQL: the plan
    with sequential scans priced out (its tables here are tiny), so an index shows wherever the
    query can use one; a scan left is one no index serves."""
    c = db.read()
    if db.dialect.sqlite:
        return " | ".join(r[3] for r in c.execute("EXPLAIN QUERY PLAN " + sql, params))
    c.execute("SET enable_seqscan = off")
    try:
        lines = [r[0] for r in c.execute("EXPLAIN " + sql, params)]
    finally:
        c.execute("RESET enable_seqscan")
    plan = " | ".join(lines)
    for index in ("messages_phone", "replies_phone"):
        plan = plan.replace(f" using {index}", f" USING INDEX {index}")
        plan = plan.replace(f" on {index}", f" USING INDEX {index}")
    return plan.replace("Seq Scan on messages", "SCAN messages")


def test_phone_search_is_exact_or_prefix_on_the_index(db: Database) -> None:
    assert [r["phone"] for r in history.history(db, phone=A)] == [A]
    assert [r["phone"] for r in history.history(db, phone="+86 138-0013-8000")] == [A]
    assert sorted(r["phone"] for r in history.history(db, phone="1380013800")) == [A, B]
    # a middle part is only found when asked for explicitly
    assert history.history(db, phone="0013800") == []
    found = history.history(db, phone="0013800", substring=True)
    assert sorted(r["phone"] for r in found) == [A, B, "13900138000"]


def test_query_plans_use_the_phone_indexes(db: Database, monkeypatch) -> None:
    seen: list[tuple[str, list[object]]] = []
    real_read = db.read

    class Spy:
        def __init__(self, conn):
            self.conn = conn

        def execute(self, sql, params=()):
            seen.append((sql, list(params)))
            return self.conn.execute(sql, params)

    monkeypatch.setattr(db, "read", lambda: Spy(real_read()))
    history.history(db, phone=A)
    history.conversation(db, A)
    monkeypatch.setattr(db, "read", real_read)
    if not db.dialect.sqlite:
        # three rows cost the same by any index, and PostgreSQL then picked messages_batch now and
        # then: give it a table whose statistics say what a real store's would
        with db.write() as c:
            job, batch = c.execute("SELECT job_id, batch_id FROM messages LIMIT 1").fetchone()
            c.execute(
                "INSERT INTO messages(job_id, seq, phone, text, state, batch_id, account)"
                " SELECT ?, 10 + g, (13700000000 + g)::text, 'x', 'delivered', ?, 'a'"
                " FROM generate_series(1, 5000) g",
                (job, batch),
            )
            c.execute(
                "INSERT INTO replies(account, phone, content, time)"
                " SELECT 'a', (13700000000 + g)::text, 'x', NULL FROM generate_series(1, 5000) g"
            )
            c.execute("ANALYZE messages")
            c.execute("ANALYZE replies")
    plans = [_plan(db, sql, params) for sql, params in seen]
    assert "USING INDEX messages_phone" in plans[0], plans[0]
    assert "SCAN messages" not in plans[0]
    assert "USING INDEX messages_phone" in plans[1], plans[1]
    assert "USING INDEX replies_phone" in plans[2], plans[2]


def test_conversation_is_one_list_by_time_with_delivery_states(db: Database) -> None:
    items = history.conversation(db, A)
    assert [(i["kind"], i["text"]) for i in items] == [
        ("reply", "退订"),
        ("sent", "第0条"),
        ("reply", "好的"),
    ]
    sent = items[1]
    assert sent["time"] == "2026-01-05 09:00:00" and sent["state"] == "delivered"
    assert sent["report_status"] == "DELIVRD"
    assert [i["text"] for i in history.conversation(db, A, limit=1)] == ["好的"]
    assert [i["kind"] for i in history.conversation(db, B)] == ["sent", "reply"]


def test_unread_count_and_mark_read(db: Database) -> None:
    assert inbox.unread_count(db) == 3
    assert inbox.unread_count(db, phone=A) == 2
    assert inbox.mark_read(db) == 0  # nothing named: nothing marked
    assert inbox.mark_read(db, phone=A) == 2
    assert inbox.unread_count(db) == 1
    ids = [i["id"] for i in history.conversation(db, B) if i["kind"] == "reply"]
    assert inbox.mark_read(db, ids) == 1
    assert inbox.mark_read(db, ids) == 0
    assert inbox.unread_count(db) == 0
    assert all(i["is_read"] for i in history.conversation(db, A) if i["kind"] == "reply")

"""A sync into a store in use reads no big table whole: every statement on indexes.

A pull brings up to a hundred pages a sync, and each record is checked against what is stored
(a report handed out twice is stored once), matched to its send, and each sync first looks for
bodies a crash left unapplied. Each of those statements is checked with EXPLAIN QUERY PLAN on a
store holding older messages, reports, replies and raw bodies (without ANALYZE statistics, as the
application never gathers them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from queryplans import full_scans, plan, statements

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import Database, open_database
from sms_desktop.core.sync import Syncer

HISTORY = 5_000


@pytest.fixture
def db(home: Path) -> Iterator[Database]:
    d = open_database(home)
    with d.write() as c:  # a store in use: older sends, their reports, replies and raw bodies
        c.execute("INSERT INTO jobs(id, account, text, state) VALUES(1, 't', '旧', 'done')")
        c.execute(
            "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM s WHERE i < ?)"
            " INSERT INTO messages(job_id, seq, phone, text, state, account, gateway_id)"
            " SELECT 1, i, CAST(15000000000 + i AS TEXT), '旧', 'delivered', 't',"
            " CAST(900000 + i / 100 AS TEXT) FROM s",
            (HISTORY - 1,),
        )
        c.execute(
            "INSERT INTO raw_bodies(account, kind, body, parsed)"
            " SELECT 't', 'reports', randomblob(3000), 1 FROM messages WHERE seq % 50 = 0"
        )
        c.execute(
            "INSERT INTO reports(account, gateway_id, phone, status, delivered, message_id)"
            " SELECT 't', gateway_id, phone, '10', 1, id FROM messages"
        )
        c.execute(
            "INSERT INTO replies(account, phone, content, time, is_read)"
            " SELECT 't', phone, '收到', '2026-01-01 10:00:00', 1 FROM messages WHERE seq % 5 = 0"
        )
    try:
        yield d
    finally:
        d.close()


def test_a_sync_of_several_pages_reads_no_big_table_whole(sim, home: Path, db: Database) -> None:
    sim.report_delay = 0.0
    sim.set_page_sizes({"txt112088": {"reports": 3, "replies": 2}})
    sim.add_account("txt112088", "u1", "pw")
    accounts = AccountStore(db, SecretStore(home))
    options = {"page_size_reports": "3", "page_size_replies": "2"}
    accounts.add(Account("t", "txt112088", sim.base_url("txt112088"), "u1", options=options), "pw")
    phones = [str(13800000000 + i) for i in range(7)]
    sent = accounts.gateway("t").send(phones, "会员日八折")
    with db.write() as c:  # what the engine journals: all but one number (its id never came)
        c.execute("INSERT INTO jobs(id, account, text, state) VALUES(2, 't', 'x', 'done')")
        for i, r in enumerate(sent.results):
            gid = r.gateway_id if i else None
            c.execute(
                "INSERT INTO messages(job_id, seq, phone, text, state, account, gateway_id)"
                " VALUES(2, ?, ?, 'x', 'accepted', 't', ?)",
                (i, r.phone, gid),
            )
    for p in phones[:5]:
        sim.inject_reply("txt112088", "u1", p, "TD")

    syncer = Syncer(db, accounts)
    result = []
    sqls = statements(db, lambda: result.append(syncer.sync_account("t")))

    assert len(result[0].new_reports) == 7 and len(result[0].new_replies) == 5
    assert result[0].pages == {"reports": 3, "replies": 3}
    checks = [s for s in sqls if "FROM reports" in s or "FROM replies" in s]
    assert any(s.startswith("SELECT id FROM reports WHERE account=") for s in checks)
    assert any(s.startswith("SELECT id FROM replies WHERE account=") for s in checks)
    assert any("FROM raw_bodies WHERE parsed IN" in s for s in sqls)
    scans = {s: full_scans(db, s) for s in sqls}
    assert {s: bad for s, bad in scans.items() if bad} == {}
    dup = next(s for s in checks if s.startswith("SELECT id FROM reports WHERE account="))
    assert any("reports_phone" in step for step in plan(db, dup))

"""The store after a year of use, small in CI: what start-up and the lookups read runs on indexes.

``bench/bench_year_store.py`` builds the store (10,000,000 messages and 100,000 contacts at full
size, behind ``reliability_long``) and times start-up and the lookups; here a small one is built
the same way and every statement start-up and the lookups run is checked with EXPLAIN QUERY PLAN.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from queryplans import full_scans, statements

from bench.bench_year_store import build, measure, phone_of_contact, upkeep
from sms_desktop.core import history
from sms_desktop.core.accounts import AccountStore
from sms_desktop.core.contacts import queries as contact_queries
from sms_desktop.core.contacts import repository
from sms_desktop.core.guard import Caps, count_capped
from sms_desktop.core.guard.caps import sent_lately
from sms_desktop.core.jobs import daily, report
from sms_desktop.core.jobs.engine import Engine
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import inbox, open_database

# Listings that show every row of a table on purpose (the 通讯录 list of all contacts).
LISTINGS = ("SELECT c.id AS k FROM contacts c",)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("year")
    build(home, 60_000, 3_000)
    return home


def test_the_built_store_is_consistent(store: Path) -> None:
    db = open_database(store)
    try:
        c = db.read()
        assert c.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 60_000
        assert c.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 3_000
        kept = dict(((j, s), n) for j, s, n in c.execute("SELECT job_id, state, n FROM job_counts"))
        full = dict(
            ((j, s), n)
            for j, s, n in c.execute(
                "SELECT job_id, state, COUNT(*) FROM messages GROUP BY job_id, state"
            )
        )
        assert kept == full
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # a contact got about a hundred messages in a year at full size: here 60,000 / 3,000
        assert len(history.history(db, phone=phone_of_contact(42))) >= 10
    finally:
        db.close()


def test_start_up_and_lookups_never_scan_a_big_table(store: Path) -> None:
    db = open_database(store)
    try:
        engine = Engine(db, AccountStore(db, SecretStore(store)))
        job = engine.jobs(200)[3].job_id
        keys = history.message_ids(db, job)
        phone = phone_of_contact(7)
        batch_phones = [phone_of_contact(i) for i in range(1000)]
        steps: dict[str, Callable[[], Any]] = {
            "recover": engine.recover,
            "mark_overdue": engine.mark_overdue,
            "job list": lambda: engine.jobs(200),
            "groups": lambda: repository.groups(db),
            "contact ids": lambda: contact_queries.contact_ids(db),
            "unread": lambda: inbox.unread_count(db),
            "unread of a phone": lambda: inbox.unread_count(db, phone),
            "history by phone": lambda: history.history(db, phone=phone),
            "conversation": lambda: history.conversation(db, phone),
            "prefix search": lambda: history.history(db, phone=phone[:9], limit=200),
            "job keys": lambda: history.message_ids(db, job),
            "job page": lambda: history.messages_by_ids(db, keys[100:200]),
            # the campaign report of a job of the year (stored without the report's columns:
            # its carriers, delays and reasons are worked out from its rows), and 统计
            "job report": lambda: report.build(db, job, place=lambda phone: ("", "")),
            "daily figures": lambda: daily.daily_figures(db, today=date(2026, 11, 25)),
            "a batch's frequency caps": lambda: sent_lately(
                db.read(), batch_phones, datetime.now(), Caps(), "marketing"
            ),
            "the confirmation's caps": lambda: count_capped(
                db, batch_phones, Caps(), datetime.now()
            ),
        }
        problems = {}
        for name, fn in steps.items():
            sqls = statements(db, fn)
            assert sqls, name
            for sql in sqls:
                if any(listing in sql for listing in LISTINGS):
                    continue
                bad = full_scans(db, sql)
                if bad:
                    problems[name] = (sql, bad)
        assert problems == {}
    finally:
        db.close()


def test_measure_gives_every_figure(store: Path) -> None:
    r = measure(store, 3_000, lookups=5)
    print(json.dumps(r, ensure_ascii=False))
    assert r["messages"] == 60_000 and r["contacts"] == 3_000
    assert r["messages_per_phone"] >= 10
    for key in ("history_by_phone", "conversation", "job_page"):
        assert r[key]["n"] > 0 and r[key]["p50_ms"] < 50, (key, r[key])
    assert set(r["startup_ms"]) >= {"open", "recover", "job list", "unread"}


@pytest.mark.reliability_long
@pytest.mark.timeout(7200)
def test_year_store_full_size(tmp_path: Path) -> None:
    build(tmp_path, 10_000_000, 100_000)
    r = measure(tmp_path, 100_000)
    r.update(upkeep(tmp_path))
    print(json.dumps(r, ensure_ascii=False))
    assert r["messages"] == 10_000_000 and r["contacts"] == 100_000
    for key in ("history_by_phone", "conversation", "job_page"):
        assert r[key]["p50_ms"] < 50, (key, r[key])

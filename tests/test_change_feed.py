"""The change feed: every write to an aggregate's tables, whoever makes it, moves its version."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sms_desktop.core.contacts import blacklist_add
from sms_desktop.core.store import Database
from sms_desktop.core.store.changes import AGGREGATES, ChangeFeed


@pytest.fixture
def db(tmp_path: Path):
    d = Database(tmp_path / "s.sqlite3")
    yield d
    d.close()


def in_thread(fn):
    """Run ``fn`` on another thread: its own connection, as a worker's write is."""
    box: list[object] = []
    t = threading.Thread(target=lambda: box.append(fn()))
    t.start()
    t.join(30)
    return box[0] if box else None


def write(db: Database, *statements: tuple[str, tuple]) -> None:
    def run() -> None:
        with db.write() as c:
            for sql, params in statements:
                c.execute(sql, params)

    in_thread(run)


def test_each_aggregate_moves_with_every_kind_of_write(db: Database):
    feed = ChangeFeed(db)
    assert feed.poll() == set()  # the first look only looks
    assert set(feed.versions()) == set(AGGREGATES)
    cases = [
        (
            "accounts",
            "INSERT INTO accounts(name, family, base_url, username) VALUES('a','ipyy','u','x')",
        ),
        ("accounts", "UPDATE accounts SET signature='【甲】'"),
        ("contacts", "INSERT INTO groups(name) VALUES('g')"),
        ("contacts", "INSERT INTO contacts(group_id, phone) VALUES(1, '13800138000')"),
        ("contacts", "UPDATE contacts SET name='张伟'"),
        ("contacts", "DELETE FROM contacts"),
        ("blacklist", "INSERT INTO blacklist(phone) VALUES('13800138000')"),
        ("blacklist", "DELETE FROM blacklist"),
        ("jobs", "INSERT INTO jobs(account, text, state) VALUES('a', 't', 'queued')"),
        (
            "jobs",
            "INSERT INTO messages(job_id, seq, phone, state) VALUES(1, 1, '13800138000', 'queued')",
        ),
        ("jobs", "UPDATE messages SET state='accepted'"),
        ("inbox", "INSERT INTO replies(account, phone, content) VALUES('a', '13800138000', 'TD')"),
        ("inbox", "UPDATE replies SET is_read=1"),
        (
            "inbox",
            "INSERT INTO reports(account, phone, status) VALUES('a', '13800138000', 'DELIVRD')",
        ),
        ("accounts", "DELETE FROM accounts"),
    ]
    for aggregate, sql in cases:
        write(db, (sql, ()))
        assert feed.poll() == {aggregate}, sql
    assert feed.poll() == set()  # nothing since


def test_a_write_that_changes_nothing_moves_nothing(db: Database):
    feed = ChangeFeed(db)
    feed.poll()
    write(db, ("INSERT OR IGNORE INTO settings(key, value) VALUES('k', 'v')", ()))
    write(db, ("UPDATE blacklist SET reason='x' WHERE phone='none'", ()))
    assert feed.poll() == set()


def test_an_opt_out_written_by_another_process_is_seen(db: Database, tmp_path: Path):
    feed = ChangeFeed(db)
    in_thread(feed.poll)
    script = (
        "import sys\n"
        "from sms_desktop.core.store import Database\n"
        "from sms_desktop.core.contacts import blacklist_add\n"
        "d = Database(sys.argv[1])\n"
        "blacklist_add(d, ['13900139000'], 'TD', source='opt-out')\n"
        "d.close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db.path)], check=True, timeout=60)
    assert in_thread(feed.poll) == {"blacklist"}


def test_wait_returns_at_a_change_and_poke_looks_at_once(db: Database):
    feed = ChangeFeed(db, interval=5.0)  # a long interval: only the poke makes it look soon
    in_thread(feed.poll)
    got: list[set[str]] = []
    t = threading.Thread(target=lambda: got.append(feed.wait(30.0)))
    t.start()
    time.sleep(0.2)
    start = time.monotonic()
    in_thread(lambda: blacklist_add(db, ["13800138000"], "x"))
    feed.poke()
    t.join(10)
    assert got == [{"blacklist"}]
    assert time.monotonic() - start < 4.0
    assert feed.wait(0.0) == set()  # a timeout of nothing new


def test_close_ends_wait(db: Database):
    feed = ChangeFeed(db, interval=5.0)
    got: list[set[str]] = []
    t = threading.Thread(target=lambda: got.append(feed.wait(60.0)))
    t.start()
    time.sleep(0.2)
    feed.close()
    t.join(10)
    assert not t.is_alive() and got == [set()]

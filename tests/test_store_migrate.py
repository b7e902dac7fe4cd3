"""Schema migrations when two processes (the window and the CLI) open an old store at once."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from sms_desktop.core.store import SqliteDatabase
from sms_desktop.core.store.db import _split_sql
from sms_desktop.core.store.schema import MIGRATIONS


def test_a_store_migrated_meanwhile_by_another_process_opens(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    for script in MIGRATIONS[:2]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version=2")

    # the other process takes the write lock first, to migrate ...
    conn.execute("BEGIN IMMEDIATE")
    opened: list[SqliteDatabase] = []
    failed: list[BaseException] = []

    def open_it() -> None:
        try:
            opened.append(SqliteDatabase(path))
        except BaseException as exc:
            failed.append(exc)

    t = threading.Thread(target=open_it)
    t.start()
    time.sleep(0.5)  # this one has read version 2 and waits for the write lock
    for statement in _split_sql(MIGRATIONS[2]):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version={len(MIGRATIONS)}")
    conn.execute("COMMIT")  # ... and is done
    t.join(30)
    conn.close()

    assert failed == []
    assert len(opened) == 1
    db = opened[0]
    try:
        assert db.user_version == len(MIGRATIONS)
        assert db.read().execute("SELECT COUNT(*) FROM job_counts").fetchone()[0] == 0
    finally:
        db.close()


def test_a_write_into_a_damaged_file_is_a_store_error_in_words(tmp_path: Path) -> None:
    """SQLite reports a damaged file as sqlite3.DatabaseError, not OperationalError: the engine's
    bookkeeping only stops cleanly ("never left") on a StoreError, so write() must word it too."""
    from sms_desktop.core.errors import StoreError

    path = tmp_path / "s.sqlite3"
    db = SqliteDatabase(path)
    with db.write() as c:
        c.executemany(
            "INSERT INTO settings(key, value) VALUES(?, ?)",
            [(f"k{i}", "v" * 200) for i in range(2000)],
        )
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = db.conn.execute("SELECT rootpage FROM sqlite_master WHERE name='settings'").fetchone()
    page = db.conn.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    with open(path, "r+b") as f:  # the table's root page: garbage
        f.seek((root[0] - 1) * page)
        f.write(b"\xa5" * page)

    db = SqliteDatabase(path)
    try:
        try:
            with db.write() as c:
                c.execute("UPDATE settings SET value='x' WHERE key='k5'")
        except StoreError as exc:
            assert exc.sqlite_code == 11
            assert "损坏" in exc.zh and "damaged" in exc.en
        else:
            raise AssertionError("a write into a damaged file succeeded")
    finally:
        db.close()

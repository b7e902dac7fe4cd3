"""The change feed: every write to an aggregate's tables, whoever makes it, moves its version
(both engines; on PostgreSQL a notification wakes the feed, and a lost one is made up for)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sms_desktop.core.contacts import blacklist_add
from sms_desktop.core.store import Database, open_store
from sms_desktop.core.store.changes import AGGREGATES, ChangeFeed


@pytest.fixture
def db(store: Database):
    """The store on each engine (tests/conftest.py)."""
    return store


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
    write(db, ("INSERT INTO settings(key, value) VALUES('k', 'v') ON CONFLICT DO NOTHING", ()))
    write(db, ("INSERT INTO blacklist(phone) VALUES('1') ON CONFLICT DO NOTHING", ()))
    feed.poll()
    write(db, ("INSERT INTO blacklist(phone) VALUES('1') ON CONFLICT DO NOTHING", ()))
    write(db, ("UPDATE blacklist SET reason='x' WHERE phone='none'", ()))
    assert feed.poll() == set()


def test_an_opt_out_written_by_another_process_is_seen(db: Database):
    feed = ChangeFeed(db)
    in_thread(feed.poll)
    script = (
        "import sys\n"
        "from sms_desktop.core.store import open_store\n"
        "from sms_desktop.core.contacts import blacklist_add\n"
        "d = open_store(None, sys.argv[1])\n"  # the same store (SMS_DESKTOP_STORE on PG)
        "blacklist_add(d, ['13900139000'], 'TD', source='opt-out')\n"
        "d.close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db.home)], check=True, timeout=60)
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


def test_a_balance_reading_moves_the_balances_and_other_settings_do_not(db: Database):
    from sms_desktop.core.store import balances, settings

    feed = ChangeFeed(db)
    feed.poll()
    in_thread(lambda: settings.put(db, "poll_interval", "90"))  # another setting: no news
    assert feed.poll() == set()
    in_thread(lambda: balances.record(db, "a", 77.0))  # a connection test, the CLI, 余额
    assert feed.poll() == {"balances"}
    in_thread(lambda: balances.record(db, "a", 76.0))
    assert feed.poll() == {"balances"}
    in_thread(lambda: balances.forget(db, "a"))
    assert feed.poll() == {"balances"}


def _triggers(db: Database) -> list[tuple[str, str]]:
    rows = db.read().execute(
        "SELECT name, sql FROM sqlite_master WHERE type='trigger' ORDER BY name"
    )
    return [(str(n), str(s)) for n, s in rows]


def test_a_large_import_bumps_the_contacts_version_once(db: Database, tmp_path: Path):
    """A bulk import bumps once, not once per row, and the views still learn of it; the
    triggers are there again afterwards, word for word, and keep bumping single writes."""
    from sms_desktop.core.contacts import import_file

    if db.dialect.postgresql:
        pytest.skip("one bump per import is SQLite's: its triggers run per row")

    before = _triggers(db)
    feed = ChangeFeed(db)
    feed.poll()
    n = 6000  # above the size from which an import writes in bulk
    path = tmp_path / "c.csv"
    path.write_text(
        "姓名,手机号码,公司\n" + "".join(f"名{i},138{i:08d},甲\n" for i in range(n)),
        encoding="utf-8",
    )
    v0 = feed.versions()
    report = in_thread(lambda: import_file(db, path, "客户"))
    assert report is not None and report.imported == n  # type: ignore[attr-defined]
    v1 = feed.versions()
    assert v1["contacts"] == v0["contacts"] + 2  # the new group, then its 6,000 rows
    assert feed.poll() == {"contacts"}
    assert _triggers(db) == before
    write(db, ("UPDATE contacts SET name='张伟' WHERE phone='13800000001'", ()))
    assert feed.versions()["contacts"] == v1["contacts"] + 1
    # a second import into the same group (updates, no new rows) bumps once too
    in_thread(lambda: import_file(db, path, "客户"))
    assert feed.versions()["contacts"] == v1["contacts"] + 2
    assert _triggers(db) == before


def test_a_cancelled_large_import_keeps_the_triggers(db: Database, tmp_path: Path):
    from sms_desktop.core.contacts import import_file

    if db.dialect.postgresql:
        pytest.skip("one bump per import is SQLite's: its triggers run per row")
    from sms_desktop.core.contacts.importer import ImportCancelledError

    before = _triggers(db)
    v0 = ChangeFeed(db).versions()
    path = tmp_path / "c.csv"
    rows = "".join(f"名{i},138{i:08d}\n" for i in range(6000))
    path.write_text("姓名,手机号码\n" + rows, encoding="utf-8")
    with pytest.raises(ImportCancelledError):  # cancelled half way: nothing of it is stored
        in_thread_raising(
            lambda: import_file(db, path, "客户", progress=lambda done, _total: done < 3000)
        )
    assert _triggers(db) == before
    assert ChangeFeed(db).versions() == v0
    write(db, ("INSERT INTO groups(name) VALUES('g')", ()))
    assert ChangeFeed(db).versions()["contacts"] == v0["contacts"] + 1


def in_thread_raising(fn):
    box: list[object] = []
    t = threading.Thread(target=lambda: _catch(box, fn))
    t.start()
    t.join(30)
    if box and isinstance(box[0], BaseException):
        raise box[0]
    return box[0] if box else None


def _catch(box: list[object], fn) -> None:
    try:
        box.append(fn())
    except BaseException as exc:
        box.append(exc)


# ---- PostgreSQL: notifications, reconnects, several writers ------------------------------------
def test_postgresql_a_commit_elsewhere_wakes_the_feed_at_once(pg_url, home):
    """No poke and a 5 s interval: only the trigger's notification can make wait() look soon."""
    a, b = open_store(pg_url, home), open_store(pg_url, home)
    try:
        feed = ChangeFeed(a, interval=5.0)
        got: list[tuple[set[str], float]] = []

        def watch() -> None:
            feed.wait(0.0)  # the first look, and LISTEN
            got.append((feed.wait(30.0), time.monotonic()))

        t = threading.Thread(target=watch)
        t.start()
        time.sleep(0.5)
        start = time.monotonic()
        blacklist_add(b, ["13800138000"], "TD")
        t.join(20)
        assert got and got[0][0] == {"blacklist"}
        assert got[0][1] - start < 2.0
    finally:
        a.close()
        b.close()


def test_postgresql_a_lost_listener_reconnects_and_reads_what_it_missed(pg_url, home):
    """The listening session ends, a change is committed meanwhile (its notification goes to
    nobody): the feed listens again on a new connection and reads the versions, so it still
    tells of the change."""
    a, b = open_store(pg_url, home), open_store(pg_url, home)
    try:
        feed = ChangeFeed(a, interval=0.3)
        listener = feed._listener
        assert listener is not None
        in_thread(lambda: feed.wait(0.0))  # the first look
        got: list[set[str]] = []
        t = threading.Thread(target=lambda: got.append(feed.wait(30.0)))
        t.start()
        deadline = time.monotonic() + 10
        while listener.connects < 1 and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.05)
        pid = a.listener().info.backend_pid  # type: ignore[attr-defined]
        with b.write() as c:
            c.execute("SELECT pg_terminate_backend(?)", (pid,))
        while (
            time.monotonic() < deadline
            and b.read()
            .execute("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?", (pid,))
            .fetchone()[0]
        ):
            time.sleep(0.05)
        blacklist_add(b, ["13800138000"], "TD")  # its notification reaches nobody
        t.join(20)
        assert got == [{"blacklist"}]
        assert listener.connects == 2  # type: ignore[attr-defined]
    finally:
        a.close()
        b.close()


def test_postgresql_writers_on_two_pcs_do_not_wait_for_each_other(pg_url, home):
    """Each session bumps a version row of its own: a transaction that has written the
    blacklist does not hold up another PC's write to it (a shared row would, until commit)."""
    a, b = open_store(pg_url, home), open_store(pg_url, home)
    try:
        feed = ChangeFeed(b)
        before = feed.versions()["blacklist"]
        with a.write() as c:
            c.execute("INSERT INTO blacklist(phone) VALUES('13800138000')")

            def other() -> None:
                with b.write() as o:
                    o.execute("SET LOCAL lock_timeout = '200ms'")
                    o.execute("INSERT INTO blacklist(phone) VALUES('13900139000')")

            in_thread(other)  # raises (in the thread: box empty) if it waited
            assert feed.versions()["blacklist"] == before + 1
        assert feed.versions()["blacklist"] == before + 2
    finally:
        a.close()
        b.close()


def test_postgresql_ended_sessions_versions_are_folded_and_kept(pg_url, home):
    writer = open_store(pg_url, home)
    for i in range(3):
        in_thread(lambda i=i: blacklist_add(writer, [f"1380013800{i}"], "x"))  # 3 sessions
    versions = ChangeFeed(writer).versions()
    writer.close()  # the sessions end (the server notices a moment later)
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as admin:
        deadline = time.monotonic() + 10
        while (
            time.monotonic() < deadline
            and admin.execute(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid()"
            ).fetchone()[0]
        ):
            time.sleep(0.05)
    db = open_store(pg_url, home)  # folds at open
    try:
        rows = db.read().execute("SELECT COUNT(*) FROM change_versions WHERE writer <> 0")
        assert rows.fetchone()[0] <= 1  # at most this store's own session
        assert ChangeFeed(db).versions() == versions
        assert versions["blacklist"] >= 3
    finally:
        db.close()

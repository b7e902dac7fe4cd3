"""The store's interface on both engines: the same SQL, rows, errors and times on SQLite and
PostgreSQL; the migrations of both dialects; refusing a newer database; the PostgreSQL engine's
connections, words and set-up."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from sms_desktop.core.errors import StoreError
from sms_desktop.core.store import (
    IntegrityError,
    OperationalError,
    SqliteDatabase,
    StoreVersionError,
    is_transient,
    open_database,
    open_store,
)
from sms_desktop.core.store.schema import MIGRATIONS, PG_MIGRATIONS
from sms_desktop.core.store.url import parse_store_url

TIME_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
TIME_MS_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$")


# ---- one interface, the same SQL on both engines --------------------------------------------
def test_returning_on_conflict_and_the_exception_family(store):
    with store.write() as c:
        gid = c.execute("INSERT INTO groups(name) VALUES(?) RETURNING id", ("客户",)).fetchone()[0]
        again = c.execute(
            "INSERT INTO groups(name) VALUES(?) ON CONFLICT DO NOTHING", ("客户",)
        ).rowcount
    assert gid == 1 and again == 0
    with pytest.raises(IntegrityError):
        with store.write() as c:
            c.execute("INSERT INTO groups(name) VALUES(?)", ("另一个",))
            c.execute("INSERT INTO groups(name) VALUES(?)", ("客户",))
    # the whole transaction was rolled back, and the connection is usable
    names = [r[0] for r in store.read().execute("SELECT name FROM groups ORDER BY id")]
    assert names == ["客户"]
    assert not store.read().in_transaction


def test_rows_answer_by_index_and_by_name_and_types_are_sqlites(store):
    with store.write() as c:
        c.executemany(
            "INSERT INTO accounts(name, family, base_url, username, hold_locally) VALUES(?,?,?,?,?)",
            [("a", "ipyy", "http://x", "u", True), ("b", "qxt", "http://y", "v", False)],
        )
    row = (
        store.read()
        .execute(
            "SELECT name, hold_locally, connect_timeout, name IS NULL AS missing,"
            " '50%?' AS literal FROM accounts WHERE family=?",
            ("ipyy",),
        )
        .fetchone()
    )
    assert row[0] == row["name"] == row["NAME"] == "a"
    assert row["hold_locally"] == 1 and row["missing"] == 0  # 0/1, never True/False
    assert row["connect_timeout"] == 10.0
    assert row["literal"] == "50%?"  # a literal's % and ? are not placeholders
    assert store.read().execute("SELECT '100%', 'a?b'").fetchone()[:] == ("100%", "a?b")
    assert dict(row) == {
        "name": "a",
        "hold_locally": 1,
        "connect_timeout": 10.0,
        "missing": 0,
        "literal": "50%?",
    }
    total = store.read().execute("SELECT SUM(hold_locally), COUNT(*) FROM accounts").fetchone()
    assert total[0] == 1 and type(total[0]) is int and total[1] == 2  # never a Decimal
    cur = store.read().cursor()
    cur.row_factory = None
    cur.execute("SELECT name FROM accounts ORDER BY name")
    assert [tuple(r) for r in cur] == [("a",), ("b",)]


def test_the_dialects_pieces_of_sql_work_on_each_engine(store):
    """A function given only a connection knows its dialect; lists of ids and of texts go in
    as one JSON parameter."""
    import json

    with store.write() as c:
        assert c.dialect is store.dialect and store.read().dialect is store.dialect
        ids = [
            c.execute("INSERT INTO groups(name) VALUES(?) RETURNING id", (n,)).fetchone()[0]
            for n in ("甲", "乙", "丙")
        ]
        d = c.dialect
        got = c.execute(
            f"SELECT name FROM groups WHERE id IN {d.json_ints} AND name IN {d.json_texts}"
            f" AND {d.instr}(name, ?) = 1 ORDER BY id",
            (json.dumps(ids[1:]), json.dumps(["乙", "丙", "丁"], ensure_ascii=False), "丙"),
        ).fetchall()
        assert [r[0] for r in got] == ["丙"]
        sql, param = d.contains("name", "甲")
        assert c.execute(f"SELECT COUNT(*) FROM groups WHERE {sql}", (param,)).fetchone()[0] == 1


def test_contains_ignores_the_case_of_ascii_letters_only_and_escapes_wildcards(store):
    """A search finds its text anywhere, ASCII letters in either case (as SQLite's LIKE), other
    letters as typed; % and _ are themselves. Same answers on both engines."""
    names = ["Zoë Müller", "ZOË MÜLLER", "zoë müller", "张伟", "100%_off", "100x off", "a\\b"]
    with store.write() as c:
        for n in names:
            c.execute("INSERT INTO groups(name) VALUES(?)", (n,))

    def find(term: str) -> list[str]:
        sql, param = store.dialect.contains("name", term)
        rows = store.read().execute(f"SELECT name FROM groups WHERE {sql} ORDER BY id", (param,))
        return [r[0] for r in rows]

    assert find("zo") == ["Zoë Müller", "ZOË MÜLLER", "zoë müller"]
    assert find("zoë") == ["Zoë Müller", "zoë müller"]  # ë is not folded to Ë
    assert find("MÜL") == ["ZOË MÜLLER"]
    assert find("张") == ["张伟"]
    assert find("%_") == ["100%_off"]
    assert find("a\\b") == ["a\\b"]


def test_times_are_local_in_the_stores_format(store):
    with store.write() as c:
        c.execute("INSERT INTO groups(name) VALUES('g')")
        c.execute("INSERT INTO raw_bodies(kind, body) VALUES('x', ?)", (b"\x00\xffraw",))
    created = store.read().execute("SELECT created_at FROM groups").fetchone()[0]
    received, body = store.read().execute("SELECT received_at, body FROM raw_bodies").fetchone()
    now, now_ms = (
        store.read().execute(f"SELECT {store.dialect.now}, {store.dialect.now_ms}").fetchone()
    )
    assert TIME_RE.match(created) and TIME_RE.match(now), (created, now)
    assert TIME_MS_RE.match(received) and TIME_MS_RE.match(now_ms), (received, now_ms)
    assert bytes(body) == b"\x00\xffraw"
    local = time.strftime("%Y-%m-%d %H:%M:%S")
    assert abs(_seconds(now) - _seconds(local)) <= 2  # this PC's local time, not UTC


def _seconds(text: str) -> float:
    return time.mktime(time.strptime(text[:19], "%Y-%m-%d %H:%M:%S"))


def test_the_postgresql_session_keeps_the_pcs_time_zone(pg_url, home, monkeypatch):
    """A PC in China on a server whose clock runs in UTC: times are Beijing time."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        db = open_store(pg_url, home)
        try:
            now = db.read().execute(f"SELECT {db.dialect.now}").fetchone()[0]
        finally:
            db.close()
        assert abs(_seconds(now) - _seconds(time.strftime("%Y-%m-%d %H:%M:%S"))) <= 2
        utc = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
        assert abs(_seconds(now) - _seconds(utc)) > 7 * 3600
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_windows_pc_without_a_zone_name_sends_its_offset(monkeypatch):
    from sms_desktop.core.store import postgres

    monkeypatch.setenv("TZ", "CST-8")  # POSIX, no IANA name: the offset goes, in POSIX form
    time.tzset()
    try:
        assert postgres.local_timezone() == "<+08>-08"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_placeholders_outside_quotes_become_psycopgs():
    from sms_desktop.core.store.postgres import to_pg

    assert to_pg("SELECT * FROM t WHERE a=? AND b LIKE ?") == (
        "SELECT * FROM t WHERE a=%s AND b LIKE %s"
    )
    assert to_pg("SELECT '?', \"a?b\", 'it''s ? 50%' FROM t WHERE x=? -- why?\n") == (
        "SELECT '?', \"a?b\", 'it''s ? 50%%' FROM t WHERE x=%s -- why?\n"
    )
    assert to_pg("SELECT 1 /* ? */ + ?") == "SELECT 1 /* ? */ + %s"
    with pytest.raises(ValueError, match="numbered"):
        to_pg("SELECT ?1")


# ---- migrations: the same numbers and shape on both ----------------------------------------
SQLITE_TO_PG = {
    "INTEGER": {"INTEGER", "BIGINT"},
    "TEXT": {"TEXT"},
    "REAL": {"DOUBLE PRECISION"},
    "BLOB": {"BYTEA"},
}


def test_the_two_dialects_schemas_match(pg_url, tmp_path):
    """A migration added to one dialect only fails here: tables, columns (type, NOT NULL),
    indexes and triggers, by name."""
    assert len(MIGRATIONS) == len(PG_MIGRATIONS)
    lite = SqliteDatabase(tmp_path / "s.sqlite3")
    pg = open_store(pg_url, tmp_path)
    try:
        a, b = lite.schema_shape(), pg.schema_shape()
        assert lite.schema_version == pg.schema_version == len(MIGRATIONS)
    finally:
        lite.close()
        pg.close()
    assert sorted(a.columns) == sorted(b.columns)
    for table, cols in a.columns.items():
        theirs = {name: (kind, notnull) for name, kind, notnull in b.columns[table]}
        if table == "change_versions":  # PostgreSQL: a row per aggregate and writing session
            assert theirs.pop("writer") == ("INTEGER", True)
        assert sorted(theirs) == sorted(n for n, _, _ in cols), table
        for name, kind, notnull in cols:
            pg_kind, pg_notnull = theirs[name]
            assert pg_kind in SQLITE_TO_PG[kind], (table, name, kind, pg_kind)
            assert pg_notnull == notnull, (table, name)
    assert a.indexes == b.indexes
    assert a.triggers == b.triggers
    # the one difference: PostgreSQL does not check a message's batch by a foreign key (its
    # check ran once per recipient of every batch journalled; schema.PG_V20)
    assert a.references["messages"] - b.references["messages"] == {"batches"}
    b.references["messages"].add("batches")
    assert a.references == b.references


def test_job_counts_follow_every_insert_update_and_delete(store):
    """The counts' triggers (per row on SQLite, per statement on PostgreSQL) agree with a
    count of the rows after a mixed run of statements."""
    with store.write() as c:
        job = c.execute(
            "INSERT INTO jobs(account, text, state) VALUES('a', 't', 'running') RETURNING id"
        ).fetchone()[0]
        other = c.execute(
            "INSERT INTO jobs(account, text, state) VALUES('a', 't', 'done') RETURNING id"
        ).fetchone()[0]
        c.executemany(
            "INSERT INTO messages(job_id, seq, phone, state) VALUES(?,?,?,?)",
            [(job, i, f"138{i:08d}", "queued") for i in range(50)],
        )
        c.execute("UPDATE messages SET state='sending' WHERE seq < 20")
        c.execute("UPDATE messages SET state='accepted' WHERE seq < 10")
        c.execute("UPDATE messages SET report_status='DELIVRD' WHERE seq < 5")  # no move
        c.execute("UPDATE messages SET job_id=? WHERE seq >= 45", (other,))
        c.execute("DELETE FROM messages WHERE seq BETWEEN 40 AND 42")
    kept = {
        (r[0], r[1]): r[2]
        for r in store.read().execute("SELECT job_id, state, n FROM job_counts WHERE n > 0")
    }
    counted = {
        (r[0], r[1]): r[2]
        for r in store.read().execute(
            "SELECT job_id, state, COUNT(*) FROM messages GROUP BY job_id, state"
        )
    }
    assert (
        kept
        == counted
        == {
            (job, "accepted"): 10,
            (job, "sending"): 10,
            (job, "queued"): 22,
            (other, "queued"): 5,
        }
    )


def test_a_v3_sqlite_store_keeps_its_blacklist_ids(tmp_path):
    path = tmp_path / "v3.sqlite3"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:3]:
        conn.executescript(script)
    conn.executemany(
        "INSERT INTO blacklist(phone, reason) VALUES(?, ?)",
        [("13800000002", "b"), ("13800000001", "a"), ("01088886666", "座机")],
    )
    conn.execute("DELETE FROM blacklist WHERE phone='13800000002'")
    before = conn.execute("SELECT rowid, phone, reason FROM blacklist ORDER BY rowid").fetchall()
    conn.execute("PRAGMA user_version=3")
    conn.commit()
    conn.close()
    db = SqliteDatabase(path)
    try:
        after = db.read().execute("SELECT id, phone, reason FROM blacklist ORDER BY id").fetchall()
        assert (
            [tuple(r) for r in after]
            == before
            == [(2, "13800000001", "a"), (3, "01088886666", "座机")]
        )
        with db.write() as c:
            new = c.execute(
                "INSERT INTO blacklist(phone) VALUES('13900000000') RETURNING id"
            ).fetchone()[0]
            dup = c.execute(
                "INSERT INTO blacklist(phone) VALUES('01088886666') ON CONFLICT DO NOTHING"
            ).rowcount
        assert new == 4 and dup == 0
    finally:
        db.close()


# ---- a database newer than the program is refused, nothing written --------------------------
def test_a_newer_sqlite_file_is_refused_untouched(home):
    db = open_database(home)
    path = db.path
    db.read().execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreVersionError) as err:
        open_store(None, home)
    assert f"数据库版本 {len(MIGRATIONS) + 1}" in err.value.zh
    assert "newer SMS Desktop" in err.value.en and "nothing was written" in err.value.en
    assert path.read_bytes() == before


def test_a_newer_postgresql_database_is_refused_untouched(pg_url, home):
    db = open_store(pg_url, home)
    with db.write() as c:
        c.execute(
            "INSERT INTO schema_migrations(version, applied_at) VALUES(?, 'later')",
            (len(PG_MIGRATIONS) + 1,),
        )
    db.close()
    import psycopg

    def versions() -> list[tuple[int, str]]:
        with psycopg.connect(pg_url) as c:
            return c.execute(
                "SELECT version, applied_at FROM schema_migrations ORDER BY 1"
            ).fetchall()

    before = versions()
    with pytest.raises(StoreVersionError, match="newer SMS Desktop"):
        open_store(pg_url, home)
    assert versions() == before


def test_the_cli_refuses_a_newer_store_with_one_line_and_exit_2(pg_url, home, capsys):
    from sms_desktop.cli import main

    db = open_store(pg_url, home)
    with db.write() as c:
        c.execute("INSERT INTO schema_migrations(version, applied_at) VALUES(99, 'later')")
    db.close()
    assert main(["--store", pg_url, "account", "list"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "数据库版本 99" in err and "newer" in err
    assert main(["--store", "mysql://x@y/z", "account", "list"]) == 2
    assert "sqlite:/// 或 postgresql://" in capsys.readouterr().err


def test_a_file_that_is_no_database_is_one_line_and_exit_2(home, capsys):
    from sms_desktop.cli import main

    (home / "sms_desktop.sqlite3").write_bytes(bytes(range(256)) * 20)
    assert main(["jobs"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "不是本程序的数据库" in err and "Traceback" not in err


# ---- PostgreSQL: set up by the first program, once ------------------------------------------
def test_an_empty_database_is_set_up_once_by_programs_starting_together(pg_empty_url, tmp_path):
    opened: list[object] = []
    failed: list[BaseException] = []
    start = threading.Barrier(4)

    def open_it(n: int) -> None:
        try:
            start.wait()
            opened.append(open_store(pg_empty_url, tmp_path / f"pc{n}"))
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=open_it, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert failed == []
    db = opened[0]
    versions = [r[0] for r in db.read().execute("SELECT version FROM schema_migrations ORDER BY 1")]  # type: ignore[attr-defined]
    assert versions == list(range(1, len(PG_MIGRATIONS) + 1))
    for d in opened:
        d.close()  # type: ignore[attr-defined]


def test_a_database_of_another_program_is_not_set_up(pg, home):
    import psycopg

    name, url = pg.empty()
    try:
        with psycopg.connect(url, autocommit=True) as c:
            c.execute("CREATE TABLE invoices (id int)")
        with pytest.raises(StoreError, match="invoices"):
            open_store(url, home)
        from sms_desktop.core.store.url import check_store

        check = check_store(url, home)  # the connection test says so too
        assert not check.ok and "不是空的" in check.zh and "invoices" in check.en
        with psycopg.connect(url, autocommit=True) as c:
            tables = [
                r[0] for r in c.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
            ]
        assert tables == ["invoices"]
    finally:
        pg.drop(name)


# ---- PostgreSQL: errors in the user's words --------------------------------------------------
def test_an_unreachable_server_is_named(home):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    with pytest.raises(StoreError) as err:
        open_store(f"postgresql://sms@127.0.0.1:{port}/office", home)
    assert f"127.0.0.1:{port}" in err.value.zh and "无法连接办公室服务器" in err.value.zh
    assert f"Cannot reach the office server 127.0.0.1:{port}" in err.value.en


def test_a_pc_the_server_does_not_let_in_is_not_asked_for_a_password(pg, home):
    """pg_hba.conf has no line for this PC (SQLSTATE 28000): said as such, not as a password
    problem (no password mends it); a wrong password is the login refusal the window asks on."""
    from sms_desktop.core.store import StoreLoginRefused

    pg.server.psql('CREATE ROLE "outsider" LOGIN')
    hba = pg.server.data / "pg_hba.conf"
    hba.write_text("host all outsider 127.0.0.1/32 reject\n" + hba.read_text())
    pg.server._run("pg_ctl", "-D", str(pg.server.data), "-w", "reload")
    time.sleep(0.3)
    name, url = pg.empty()
    try:
        with pytest.raises(StoreError) as err:
            open_store(url.replace("//sms@", "//outsider@"), home)
        assert not isinstance(err.value, StoreLoginRefused)
        assert (
            "不允许用户 outsider 从这台电脑连接" in err.value.zh and "pg_hba.conf" in err.value.en
        )
        pg.server.add_password_user("clerk4", "pw-4")
        with pytest.raises(StoreLoginRefused, match="wrong password"):
            open_store(url.replace("//sms@", "//clerk4:bad@"), home)
    finally:
        pg.drop(name)


def test_login_with_the_password_kept_in_the_keyring(pg, home):
    from sms_desktop.core.store.url import check_store, set_store_password

    pg.server.add_password_user("clerk", "s3cret-pw")
    name, url = pg.empty()
    pg._admin(f'ALTER DATABASE "{name}" OWNER TO clerk')
    spec = parse_store_url(url.replace("//sms@", "//clerk@"))
    try:
        with pytest.raises(StoreError, match="没有保存"):
            open_store(spec, home)  # no password anywhere
        wrong = check_store(spec, home, password="nope")
        assert not wrong.ok and "拒绝了用户 clerk" in wrong.zh and "refused user clerk" in wrong.en
        set_store_password(home, spec, "s3cret-pw")
        assert "s3cret-pw" in (home / "secrets.json").read_text()  # the keyring's fallback file
        first = check_store(spec, home)
        assert first.ok and first.version == 0 and "第一次使用时会自动建立" in first.zh
        db = open_store(spec, home)
        db.close()
        again = check_store(spec, home)
        assert again.ok and again.version == len(PG_MIGRATIONS)
    finally:
        pg.drop(name)


def test_a_missing_database_is_named(pg, home):
    url = pg.server.url("no_such_db")
    with pytest.raises(StoreError, match="没有数据库 no_such_db"):
        open_store(url, home)


# ---- PostgreSQL: connections ------------------------------------------------------------------
def test_a_lost_connection_is_replaced_and_a_write_on_it_fails_in_words(pg_url, home):
    db = open_store(pg_url, home)
    try:
        pid = db.read().execute("SELECT pg_backend_pid()").fetchone()[0]
        other = open_store(pg_url, home)
        other.read().execute("SELECT pg_terminate_backend(?)", (pid,))
        other.close()
        time.sleep(0.2)
        with pytest.raises(StoreError, match="无法连接办公室服务器"):
            db.read().execute("SELECT 1")  # this statement finds it gone …
        assert db.read().execute("SELECT 1").fetchone()[0] == 1  # … the next one reconnects
        pid = db.read().execute("SELECT pg_backend_pid()").fetchone()[0]
        with pytest.raises(StoreError) as lost:
            with db.write() as c:
                c.execute("INSERT INTO groups(name) VALUES('lost')")
                killer = open_store(pg_url, home)
                killer.read().execute("SELECT pg_terminate_backend(?)", (pid,))
                killer.close()
                time.sleep(0.2)
                c.execute("INSERT INTO groups(name) VALUES('after')")
        assert is_transient(lost.value)  # the engine's bookkeeping tries again
        assert db.read().execute("SELECT COUNT(*) FROM groups").fetchone()[0] == 0
    finally:
        db.close()


def test_what_is_worth_another_try_on_both_engines(pg_url, home):
    assert is_transient(StoreError("x", "x", sqlite_code=5))  # SQLite busy
    assert not is_transient(sqlite3.OperationalError("no such table: x"))  # a bug
    assert not is_transient(StoreError("x", "x", sqlite_code=11))  # a damaged file
    assert not is_transient(IntegrityError("UNIQUE constraint failed"))
    db = open_store(pg_url, home)
    other = open_store(pg_url, home)
    try:
        with db.write() as c:
            c.execute("INSERT INTO groups(name) VALUES('g')")
        with db.write() as c:
            c.execute("UPDATE groups SET name='held' WHERE name='g'")  # holds the row
            with pytest.raises(OperationalError) as waited:
                with other.write() as o:
                    o.execute("SET LOCAL lock_timeout = '100ms'")
                    o.execute("UPDATE groups SET name='other' WHERE name='g'")
        assert is_transient(waited.value) and not isinstance(waited.value, IntegrityError)
        with pytest.raises(IntegrityError) as dup:
            with other.write() as o:
                o.execute("INSERT INTO groups(name) VALUES('held')")
        assert not is_transient(dup.value)
    finally:
        db.close()
        other.close()


def test_the_listener_is_a_connection_of_its_own(pg_url, home):
    db = open_store(pg_url, home)
    try:
        listener = db.listener()  # type: ignore[attr-defined]
        listener.execute("LISTEN jobs")
        with db.write() as c:
            c.execute("SELECT pg_notify('jobs', '42')")
        got = next(listener.notifies(timeout=5, stop_after=1))
        assert got.payload == "42"
        assert db.listener() is listener  # type: ignore[attr-defined]
    finally:
        db.close()
    assert listener.closed


# ---- the SQLite path never loads the PostgreSQL driver --------------------------------------
def test_the_cli_on_sqlite_does_not_import_psycopg(home):
    out = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "sms_desktop.cli",
            "--home",
            str(home),
            "account",
            "list",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    imported = [line.split("|")[-1].strip() for line in out.stderr.splitlines() if "|" in line]
    assert "sms_desktop.core.store" in imported
    assert not [m for m in imported if m.startswith("psycopg")]


def test_a_batchs_updates_touch_exactly_its_recipients_as_a_range_or_a_list(store):
    """hold_for_batch and apply_outcomes name a batch's ids as a range when they are
    consecutive, else as a list: either way exactly those rows change, and the queued ones
    only (a neighbour in the range no longer queued, or of another job, stays as it is)."""
    from sms_desktop.core.store import messages as sm

    with store.write() as c:
        job = c.execute(
            "INSERT INTO jobs(account, text, state) VALUES('a', 't', 'running') RETURNING id"
        ).fetchone()[0]
        c.executemany(
            "INSERT INTO messages(job_id, seq, phone, state) VALUES(?,?,?,?)",
            [(job, i, f"138{i:08d}", "skipped" if i == 5 else "queued") for i in range(20)],
        )
        ids = [
            r[0] for r in c.execute("SELECT id FROM messages WHERE job_id=? ORDER BY id", (job,))
        ]
        b1, b2 = (
            c.execute(
                "INSERT INTO batches(job_id, account, text, state, size) VALUES(?, 'a', 't',"
                " 'ready', 10) RETURNING id",
                (job,),
            ).fetchone()[0]
            for _ in range(2)
        )
        in_range = sm.hold_for_batch(
            c, ids[0:10], b1, "a", "2026-12-06 10:00:00", "queued", "sending"
        )
        gappy = [ids[11], ids[13], ids[15]]
        in_list = sm.hold_for_batch(c, gappy, b2, "a", "2026-12-06 10:00:00", "queued", "sending")
        sm.apply_outcomes(
            c,
            [  # what the batch holds: two runs of consecutive ids, each a range
                ("accepted", "g1", "0", "ok", "", json.dumps(ids[0:5])),
                ("accepted", "g2", "0", "ok", "", json.dumps(ids[6:10])),
            ],
            "2026-12-06 10:00:01",
            "queued",
        )
        sm.apply_outcomes(
            c,
            [("rejected", None, "9", "no", "", json.dumps(gappy))],
            "2026-12-06 10:00:01",
            "queued",
        )
    states = dict(
        store.read().execute("SELECT id, state FROM messages WHERE job_id=?", (job,)).fetchall()
    )
    assert (in_range, in_list) == (9, 3)  # the skipped one in the range was not held
    assert [states[i] for i in ids] == (
        ["accepted"] * 5
        + ["skipped"]
        + ["accepted"] * 4  # the held range, the skipped one in it kept
        + ["queued", "rejected", "queued", "rejected", "queued", "rejected"]
        + ["queued"] * 4
    )


def test_the_caps_counts_read_every_number_of_a_long_list(store):
    """The numbers asked for go to the engine as a list of placeholders (SQLite) or one array
    (PostgreSQL), 1,000 a statement: those sent lately are found past the first thousand too,
    each counted by kind and day, and a test send (no class) or an unsent row is not."""
    from sms_desktop.core.store import messages as store_messages

    phones = [str(13000000000 + i) for i in range(2500)]
    sent = {phones[5]: 2, phones[1500]: 1, phones[2499]: 3}
    with store.write() as c:
        job = c.execute(
            "INSERT INTO jobs(account, text, state) VALUES('a', 't', 'done') RETURNING id"
        ).fetchone()[0]
        rows = []
        for phone, n in sent.items():
            for k in range(n):
                kind = "marketing" if k % 2 == 0 else "notice"
                rows.append((job, len(rows), phone, "accepted", "2026-12-06 09:00:00", kind))
        rows.append((job, len(rows), phones[7], "accepted", "2026-12-06 09:00:00", None))
        rows.append((job, len(rows), phones[8], "queued", None, "marketing"))
        rows.append((job, len(rows), phones[9], "accepted", "2026-12-01 09:00:00", "marketing"))
        c.executemany(
            "INSERT INTO messages(job_id, seq, phone, text, state, sent_at, cap_class)"
            " VALUES (?, ?, ?, 't', ?, ?, ?)",
            rows,
        )
        found = store_messages.sent_counts(
            c, phones, since="2026-11-30 00:00:00", day_start="2026-12-06 00:00:00",
            marketing="marketing",
        )  # fmt: skip
    assert found == {
        phones[5]: (2, 1, 1),
        phones[1500]: (1, 1, 1),
        phones[2499]: (3, 2, 2),
        phones[9]: (0, 0, 1),
    }


def test_a_send_journal_write_runs_beside_another_writer_where_the_engine_allows(store):
    """PostgreSQL: a running send's journal (``journal_write``) does not wait for another
    thread's write transaction of this process (its rows are locked by the server, as another
    PC's are); SQLite has one writer: it waits its turn."""
    import threading

    holding, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with store.write() as c:
            c.execute("INSERT INTO settings(key, value) VALUES ('held', '1')")
            holding.set()
            release.wait(10)

    t = threading.Thread(target=other_writer)
    t.start()
    assert holding.wait(10)
    done = threading.Event()

    def journal() -> None:
        with store.journal_write() as c:
            c.execute("INSERT INTO settings(key, value) VALUES ('journal', '1')")
        done.set()

    j = threading.Thread(target=journal)
    j.start()
    went_beside = done.wait(1.0)
    release.set()
    t.join(10)
    j.join(10)
    assert done.is_set()
    assert went_beside == store.concurrent_writes == store.dialect.postgresql
    keys = {r[0] for r in store.read().execute("SELECT key FROM settings")}
    assert {"held", "journal"} <= keys

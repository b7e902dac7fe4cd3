"""``db copy``: a whole store into an empty one and back, table by table; resumed after an
interruption (an exception midway, and a SIGKILL of the CLI); the refusals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from sms_desktop.core.errors import InputError, StoreError
from sms_desktop.core.store import Database, SqliteDatabase, open_store
from sms_desktop.core.store.base import SchemaShape
from sms_desktop.core.store.copy import MARKER, NOT_COPIED, copy_plan, copy_store

ROOT = Path(__file__).resolve().parent.parent
# Text a COPY must carry unchanged: tabs, newlines, backslashes, %, ?, quotes, CJK, emoji.
ODD = "a\tb\nc\\d %s ?1 'q' \"Q\" 中文【签名】 😀 \\N"


def fill(db: Database, messages: int = 40) -> None:
    """Rows in every table of the schema, through plain SQL, with the odd values each type can
    hold (NULLs, bytes that are not UTF-8, fractions); a deleted message leaves a per-job count
    that a recount would not give."""
    with db.write() as c:
        c.execute("INSERT INTO settings(key, value) VALUES ('optout.keywords', ?)", (ODD,))
        c.execute("INSERT INTO settings(key, value) VALUES ('balance.x', '12.5')")
        c.execute(
            "INSERT INTO accounts(name, family, base_url, username, connect_timeout, options)"
            " VALUES ('主账户', 'ipyy', 'http://127.0.0.1:1/', 'u', 2.25, ?)",
            (json.dumps({"k": ODD}),),
        )
        g1 = c.execute("INSERT INTO groups(name) VALUES ('客户') RETURNING id").fetchone()[0]
        c.execute("INSERT INTO groups(id, name) VALUES (50, ?)", (ODD,))
        for i in range(25):
            c.execute(
                "INSERT INTO contacts(group_id, phone, name, fields, name_key)"
                " VALUES (?, ?, ?, ?, ?)",
                (g1 if i % 2 else 50, f"1380000{i:04d}", f"张{i}", '{"城市": "北京"}', f"zhang{i}"),
            )
        c.execute(
            "INSERT INTO blacklist(phone, reason, source) VALUES ('13900000001', ?, 'reply')",
            (ODD,),
        )
        c.execute("INSERT INTO blacklist(id, phone) VALUES (9, '13900000002')")
        job = c.execute(
            "INSERT INTO jobs(account, text, state, runner_pid) VALUES ('主账户', ?, 'done', NULL)"
            " RETURNING id",
            (ODD,),
        ).fetchone()[0]
        other = c.execute(
            "INSERT INTO jobs(id, account, text, state) VALUES (7, '主账户', 't', 'paused')"
            " RETURNING id"
        ).fetchone()[0]
        raw = c.execute(
            "INSERT INTO raw_bodies(account, kind, body, content_type) VALUES"
            " ('主账户', 'report', ?, NULL) RETURNING id",
            (b"\x00\xff\xfe\\N\t\n" + "中".encode("gbk"),),
        ).fetchone()[0]
        batch = c.execute(
            "INSERT INTO batches(job_id, account, text, state, size, raw_id, staged_outcome)"
            " VALUES (?, '主账户', 't', 'done', 2, ?, ?) RETURNING id",
            (job, raw, ODD),
        ).fetchone()[0]
        ids = []
        for i in range(messages):
            ids.append(
                c.execute(
                    "INSERT INTO messages(job_id, seq, phone, state, batch_id, text, gateway_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (
                        job if i % 3 else other,
                        i,
                        f"1370000{i:04d}",
                        ("delivered", "unknown", "rejected")[i % 3],
                        batch if i % 2 else None,
                        ODD if i == 0 else f"m{i}",
                        None if i % 5 else f"g{i}",
                    ),
                ).fetchone()[0]
            )
        c.execute("DELETE FROM messages WHERE id = ?", (ids[-1],))
        c.execute(
            "INSERT INTO reports(account, phone, status, delivered, message_id, raw_id, time)"
            " VALUES ('主账户', '13700000001', 'DELIVRD', 1, ?, ?, '2026-01-01 08:00:00')",
            (ids[1], raw),
        )
        c.execute(
            "INSERT INTO replies(account, phone, content, opt_out, raw_id) VALUES"
            " ('主账户', '13700000002', ?, 1, ?)",
            (ODD, raw),
        )
        c.execute(
            "INSERT INTO templates(name, category, text, gateway_template_vars, created_at,"
            " updated_at) VALUES ('到货通知', '通知', ?, '[\"name\"]', '2026-01-01 08:00:00',"
            " '2026-01-02 08:00:00.125')",
            (ODD,),
        )
        rule = c.execute(
            "INSERT INTO automation_rules(name, account, text, group_id, schedule, at_time,"
            " since, created_at, updated_at) VALUES ('会员生日', '主账户', ?, NULL, 'date',"
            " '09:00', '2026-01-01 08:00:00', '2026-01-01 08:00:00', '2026-01-01 08:00:00')"
            " RETURNING id",
            (ODD,),
        ).fetchone()[0]
        c.execute(
            "INSERT INTO automation_runs(rule_id, due_at, state, job_id, detail, created_at)"
            " VALUES (?, '2026-01-02 09:00:00', 'sent', ?, ?, '2026-01-02 09:00:01')",
            (rule, job, ODD),
        )
        token = c.execute(
            "INSERT INTO api_tokens(name, token_hash, prefix, created_at, revoked_at)"
            " VALUES (?, 'ab12', 'sdk_ab', '2026-01-01 08:00:00', NULL) RETURNING id",
            (ODD,),
        ).fetchone()[0]
        c.execute(
            "INSERT INTO api_jobs(job_id, token_id, idem_key, body_hash, created_at)"
            " VALUES (?, ?, ?, 'cd34', '2026-01-01 08:00:01')",
            (job, token, ODD),
        )
        c.execute(
            "INSERT INTO api_events(token_id, kind, ref, body, created_at, next_at)"
            " VALUES (?, 'job.finished', ?, ?, '2026-01-01 08:00:02', 1767225602.5)",
            (token, job, ODD),
        )
        rule = c.execute(
            "INSERT INTO autoreply_rules(account, name, match_mode, keywords, answer, created_at,"
            " updated_at) VALUES ('主账户', '地址', 'contains', '[\"地址\"]', ?,"
            " '2026-01-01 08:00:00', '2026-01-01 08:00:00') RETURNING id",
            (ODD,),
        ).fetchone()[0]
        c.execute(
            "INSERT INTO autoreply_replies(reply_id, outcome, rule_id, job_id, detail, seen_at)"
            " VALUES (3, 'answered', ?, ?, ?, '2026-01-01 08:00:01')",
            (rule, job, ODD),
        )
        c.execute(
            "INSERT INTO autoreply_limits(rule_id, phone, answered_at)"
            " VALUES (?, '13700000002', '2026-01-01 08:00:01')",
            (rule,),
        )


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, columns by name, in a fixed order (bytes as bytes)."""
    out = {}
    for name, cols in db.schema_shape().columns.items():
        if name in NOT_COPIED:
            continue
        names = sorted(c[0] for c in cols)
        rows = db.read().execute(f"SELECT {', '.join(names)} FROM {name}").fetchall()
        out[name] = sorted(
            (tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows),
            key=repr,
        )
    return out


@pytest.fixture
def lite(tmp_path):
    db = SqliteDatabase(tmp_path / "source" / "sms_desktop.sqlite3")
    fill(db)
    yield db
    db.close()


@pytest.fixture
def office(pg_url, tmp_path):
    db = open_store(pg_url, tmp_path)
    yield db
    db.close()


def test_every_table_of_the_schema_is_filled_and_copied(lite):
    """The guard against a forgotten table: a migration that adds a table fails here until the
    fixture puts rows in it, and then the round trip below compares it."""
    tables = set(lite.schema_shape().columns)
    assert {t.name for t in copy_plan(lite.schema_shape())} == tables - NOT_COPIED
    empty = [t for t, rows in dump(lite).items() if not rows]
    assert empty == [], f"fill() leaves these tables empty: {empty}"


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_new_store_holds_rows_only_in_its_own_bookkeeping(engine, request, tmp_path):
    """What makes a target "not empty": a migration that seeds another table fails here (then
    it is data a copy must merge with, or bookkeeping to leave out: NOT_COPIED)."""
    if engine == "sqlite":
        db = SqliteDatabase(tmp_path / "new.sqlite3")
    else:
        db = open_store(request.getfixturevalue("pg_url"), tmp_path)
    try:
        for name in db.schema_shape().columns:
            n = db.read().execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
            assert n == 0 or name in NOT_COPIED, name
    finally:
        db.close()


def test_plan_writes_a_table_after_those_it_refers_to(lite):
    order = [t.name for t in copy_plan(lite.schema_shape())]
    for table, refs in lite.schema_shape().references.items():
        for ref in refs:
            assert order.index(ref) < order.index(table), (table, ref)
    assert order.index("messages") < order.index("job_counts")


def test_plan_follows_the_keys_of_the_target_too():
    """PostgreSQL does not check a message's batch by a key, SQLite does: a copy from the
    office server into a SQLite file writes the batches first all the same (here a table that
    sorts before the one it refers to, so that only the target's key can order them)."""
    cols = [("id", "INTEGER", True)]
    source = SchemaShape(columns={"a_msg": cols, "z_batch": cols}, references={})
    target = SchemaShape(
        columns={"a_msg": cols, "z_batch": cols}, references={"a_msg": {"z_batch"}}
    )
    assert [t.name for t in copy_plan(source)] == ["a_msg", "z_batch"]
    assert [t.name for t in copy_plan(source, target)] == ["z_batch", "a_msg"]


def test_round_trip_sqlite_to_postgresql_and_back_is_equal_table_by_table(lite, office, tmp_path):
    before = dump(lite)
    there = copy_store(lite, office, chunk=7)
    assert not there.resumed
    assert there.rows == {t: len(rows) for t, rows in before.items()}
    assert dump(office) == before
    assert office.get_setting(MARKER) is None
    back = SqliteDatabase(tmp_path / "back.sqlite3")
    try:
        home = copy_store(office, back, chunk=5)
        assert home.rows == there.rows
        assert dump(back) == before
    finally:
        back.close()
    # the identities go on above the ids copied: a new row is not refused as a duplicate
    with office.write() as c:
        top = c.execute("SELECT MAX(id) FROM messages").fetchone()[0]
        new = c.execute(
            "INSERT INTO messages(job_id, seq, phone, state) VALUES (7, 99, '1', 'queued')"
            " RETURNING id"
        ).fetchone()[0]
        grp = c.execute("INSERT INTO groups(name) VALUES ('新') RETURNING id").fetchone()[0]
    assert new > top and grp > 50


def test_a_copy_to_postgresql_leaves_the_planner_statistics_of_its_rows(lite, office):
    """A copy is a bulk load: the target's statistics are refreshed at its end, so the first
    queries on the office store are planned with the copied rows (not a minute later, when
    autovacuum comes). SQLite keeps none: nothing to refresh."""

    def analyses(table: str) -> int:
        sql = "SELECT analyze_count FROM pg_stat_user_tables WHERE relname=?"
        return int(office.read().execute(sql, (table,)).fetchone()[0])

    before = {t: analyses(t) for t in ("messages", "contacts")}
    copy_store(lite, office, chunk=50)
    assert {t: analyses(t) for t in before} == {t: n + 1 for t, n in before.items()}
    assert lite.refresh_statistics() is False


def test_an_interrupted_copy_is_resumed_without_duplicates_or_losses(lite, office):
    before = dump(lite)
    calls = []

    def stop_midway(table: str, done: int, total: int) -> None:
        calls.append(table)
        if table == "messages" and done >= 14:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copy_store(lite, office, chunk=7, progress=stop_midway)
    partial = office.read().execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    assert 0 < partial < len(before["messages"])
    assert office.get_setting(MARKER) is not None
    with pytest.raises(StoreError, match="unfinished copy"):  # nothing else may use it
        open_store(office.url, office.home)
    from sms_desktop.core.store.url import check_store

    tried = check_store(office.url, office.home)  # 测试连接 says the same, before a start does
    assert not tried.ok and "没有完成的复制" in tried.zh and "unfinished copy" in tried.en
    again = copy_store(lite, office, chunk=7)
    assert again.resumed
    assert dump(office) == before
    assert office.get_setting(MARKER) is None
    open_store(office.url, office.home).close()  # finished: a store like any other
    assert check_store(office.url, office.home).ok


def test_refuses_messages_whose_batch_is_missing_before_writing_into_sqlite(lite, office, tmp_path):
    """PostgreSQL does not check a message's batch by a key (SQLite does): a message naming a
    batch that does not exist (written by another tool) is named before anything is copied,
    rather than stopping the copy halfway."""
    copy_store(lite, office, chunk=50)
    with office.write() as c:
        c.execute("UPDATE messages SET batch_id = 999999 WHERE id = (SELECT MIN(id) FROM messages)")
        lost = c.execute("SELECT MIN(id) FROM messages").fetchone()[0]
    back = SqliteDatabase(tmp_path / "back.sqlite3")
    try:
        with pytest.raises(InputError) as err:
            copy_store(office, back, chunk=5)
        assert f"message ids {lost}" in str(err.value) and "Nothing was copied" in str(err.value)
        assert all(not rows for rows in dump(back).values())
        assert back.get_setting(MARKER) is None
    finally:
        back.close()


def test_refuses_a_target_that_holds_data(lite, office):
    with office.write() as c:
        c.execute("INSERT INTO blacklist(phone) VALUES ('13911112222')")
    with pytest.raises(InputError, match="not empty"):
        copy_store(lite, office)
    assert office.read().execute("SELECT COUNT(*) FROM groups").fetchone()[0] == 0
    assert office.get_setting(MARKER) is None


def test_refuses_an_unfinished_copy_of_another_source_and_a_changed_source(lite, office, tmp_path):
    def stop(table: str, done: int, total: int) -> None:
        if table == "messages":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copy_store(lite, office, chunk=7, progress=stop)
    held = dump(office)
    other = SqliteDatabase(tmp_path / "other.sqlite3")
    try:
        fill(other)
        with pytest.raises(InputError, match="another store"):
            copy_store(other, office)
    finally:
        other.close()
    with lite.write() as c:  # a send ran on the source meanwhile
        c.execute("UPDATE jobs SET state = 'running' WHERE id = 7")
        c.execute("INSERT INTO settings(key, value) VALUES ('x', 'y')")
    with pytest.raises(InputError, match="changed"):
        copy_store(lite, office)
    assert dump(office) == held
    # an unfinished copy is no source either
    with pytest.raises(InputError, match="unfinished copy"):
        copy_store(office, SqliteDatabase(tmp_path / "third.sqlite3"))


def test_refuses_the_store_itself(lite, tmp_path, monkeypatch):
    with pytest.raises(InputError, match="same store"):
        copy_store(lite, lite)
    monkeypatch.chdir(tmp_path)
    again = SqliteDatabase(Path("source/./sms_desktop.sqlite3"))  # the same file, named otherwise
    try:
        with pytest.raises(InputError, match="same store"):
            copy_store(lite, again)
    finally:
        again.close()


# ---- the command line ---------------------------------------------------------------------------
def _cli(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    e = dict(os.environ, SMS_DESKTOP_HOME=str(home), SMS_DESKTOP_NO_KEYRING="1")
    e.pop("SMS_DESKTOP_STORE", None)
    e.update(env or {})
    return subprocess.Popen(
        [sys.executable, "-m", "sms_desktop.cli", *args],
        cwd=ROOT,
        env=e,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _copy_under_way(
    home: Path, pg_url: str, tmp_path: Path, messages: int
) -> tuple[subprocess.Popen[str], Database]:
    """``db copy`` of ``home``'s store into ``pg_url``, running, once it has written
    ``messages`` messages; and the target, open to watch it (an unfinished copy)."""
    proc = _cli(home, "db", "copy", "--to", pg_url, "--chunk", "20")
    office = open_store(pg_url, tmp_path, unfinished_copy=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if office.read().execute("SELECT COUNT(*) FROM messages").fetchone()[0] >= messages:
            break
        time.sleep(0.02)
    assert proc.poll() is None, proc.communicate()
    return proc, office


def test_cli_copy_killed_midway_finishes_when_run_again(pg_url, tmp_path):
    """SIGKILL of ``db copy`` while it writes the messages; the same command again finishes the
    copy: every table equal to the source's, no duplicate, nothing lost."""
    home = tmp_path / "home"
    src = SqliteDatabase(home / "sms_desktop.sqlite3", home=home)
    fill(src, messages=6000)
    before = dump(src)
    src.close()
    proc, office = _copy_under_way(home, pg_url, tmp_path, messages=200)
    try:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        partial = office.read().execute("SELECT COUNT(*) FROM messages").fetchone()[0]
        assert 0 < partial < len(before["messages"])
        # meanwhile, another PC on the half-filled store: refused, nothing written
        other = _cli(tmp_path / "pc2", "--store", pg_url, "template", "add", "测试", "--text", "你")
        _out, err = other.communicate(timeout=60)
        assert other.returncode == 2, err
        lines = [ln for ln in err.splitlines() if ln.startswith("错误")]
        assert len(lines) == 1 and "没有完成的复制" in lines[0] and "db copy" in lines[0], err
        mine = "SELECT COUNT(*) FROM templates WHERE name = '测试'"
        assert office.read().execute(mine).fetchone()[0] == 0
        again = _cli(home, "db", "copy", "--to", pg_url, "--json")
        out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
        report = json.loads(out)
        assert report["resumed"] is True
        assert report["rows"]["messages"] == len(before["messages"])
        assert dump(office) == before
    finally:
        office.close()


def test_cli_copy_stopped_by_sigterm_says_how_to_go_on(pg_url, tmp_path):
    home = tmp_path / "home"
    src = SqliteDatabase(home / "sms_desktop.sqlite3", home=home)
    fill(src, messages=4000)
    src.close()
    proc, office = _copy_under_way(home, pg_url, tmp_path, messages=100)
    try:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        assert "run the same command again to go on" in err and "再次运行同一条命令" in err
        assert office.get_setting(MARKER) is not None
    finally:
        office.close()


def test_cli_refusal_is_one_line_and_exit_2(pg_url, tmp_path):
    home = tmp_path / "home"
    src = SqliteDatabase(home / "sms_desktop.sqlite3", home=home)
    fill(src, messages=3)
    src.close()
    office = open_store(pg_url, tmp_path)
    try:
        with office.write() as c:
            c.execute("INSERT INTO groups(name) VALUES ('已有')")
        proc = _cli(home, "db", "copy", "--to", pg_url)
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 2
        lines = [ln for ln in err.splitlines() if ln.startswith("错误")]
        assert len(lines) == 1 and "not empty" in lines[0] and "groups" in lines[0], err
        assert office.read().execute("SELECT COUNT(*) FROM groups").fetchone()[0] == 1
    finally:
        office.close()

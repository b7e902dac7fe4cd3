"""Shared fixtures. Tests talk to the simulator over real HTTP on loopback."""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI sets it: a missing PostgreSQL fails the store tests instead of skipping them
REQUIRE_PG = "SMS_DESKTOP_REQUIRE_PG"


@pytest.fixture
def sim():
    """A fresh simulator on a free loopback port, stopped after the test."""
    from sms_desktop.simulator import Simulator

    s = Simulator(host="127.0.0.1", port=0, seed=1234)
    s.start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def pc_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The PC's time zone for one test (default New York, 13 hours behind Beijing in winter;
    another with ``indirect`` parametrisation): ``TZ`` and ``time.tzset()``, restored after."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset (not on Windows)")
    zone = getattr(request, "param", "America/New_York")
    old = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield zone
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A throw-away SMS Desktop home folder (database, settings, fallback secrets)."""
    d = tmp_path / "home"
    d.mkdir()
    monkeypatch.setenv("SMS_DESKTOP_HOME", str(d))
    monkeypatch.delenv("SMS_DESKTOP_STORE", raising=False)  # the store fixtures set it
    # never write test passwords into the developer's real keyring (Windows Credential Manager)
    monkeypatch.setenv("SMS_DESKTOP_NO_KEYRING", "1")
    return d


# ---- the office store: one PostgreSQL server per test session -----------------------------------
class PgCluster:
    """The session's server, and fresh databases on it: :meth:`fresh` is one that holds the
    current schema and no rows (a test does not pay for the migrations), :meth:`empty` one with
    nothing in it (for the migration tests).

    A fresh database is a copy of a migrated template, or one that an earlier test left and
    :meth:`release` emptied (its other sessions ended, every row deleted and its ids restarted,
    the schema as the template's): emptying takes some 20 ms where a new copy and its drop take
    a few hundred on a loaded machine (a ``TRUNCATE`` of the tables, 150-200). A database that a
    test changed in any other way is dropped instead."""

    TEMPLATE = "sms_template"

    def __init__(self, server) -> None:
        self.server = server
        self._names = itertools.count(1)
        self._template_ready = False
        self._spare: list[tuple[str, str]] = []
        self._tables: set[str] = set()

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.server.url("postgres"), autocommit=True) as c:
            c.execute(sql)

    def _new(self, template: str) -> tuple[str, str]:
        name = f"t{next(self._names)}"
        # a file copy: its drop is 5x quicker than the default's (PostgreSQL 15+)
        strategy = " STRATEGY FILE_COPY" if self._version() >= 15 else ""
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')
        return name, self.server.url(name)

    def _version(self) -> int:
        if not hasattr(self, "_server_version"):
            import psycopg

            with psycopg.connect(self.server.url("postgres")) as c:
                self._server_version = c.info.server_version // 10000
        return self._server_version

    def empty(self) -> tuple[str, str]:
        return self._new("template0")

    def fresh(self) -> tuple[str, str]:
        if self._spare:
            return self._spare.pop()
        if not self._template_ready:
            import psycopg

            from sms_desktop.core.store.postgres import PostgresDatabase
            from sms_desktop.core.store.url import parse_store_url

            self._admin(f'CREATE DATABASE "{self.TEMPLATE}" TEMPLATE template0')
            url = self.server.url(self.TEMPLATE)
            # migrated in a thread of its own: the GUI tests forbid connections on the main one
            migrate = threading.Thread(
                target=lambda: PostgresDatabase(parse_store_url(url)).close(), daemon=True
            )
            migrate.start()
            migrate.join(120)
            with psycopg.connect(url) as c:
                self._tables = {r[0] for r in c.execute(self._TABLES)}
            self._template_ready = True
        return self._new(self.TEMPLATE)

    _TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"

    def release(self, name: str, url: str) -> None:
        """Empty a database :meth:`fresh` gave for the next test, or drop it."""
        import psycopg

        from sms_desktop.core.store.schema import PG_MIGRATIONS

        try:
            with psycopg.connect(url, autocommit=True) as c:
                c.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                if {r[0] for r in c.execute(self._TABLES)} != self._tables:
                    raise ValueError("the test changed the schema")
                # the migrations' own rows stay (cap_epoch's one row, back to 0)
                data = sorted(self._tables - {"schema_migrations", "change_versions", "cap_epoch"})
                # no triggers (job_counts) and no foreign-key checks while emptying: any order;
                # the change versions back to the migration's rows
                c.execute(
                    "SET lock_timeout = '5s'; SET session_replication_role = replica;"
                    + "".join(f" DELETE FROM {t};" for t in data)
                    + " DELETE FROM change_versions WHERE writer <> 0;"
                    + " UPDATE change_versions SET version = 0;"
                    + " UPDATE cap_epoch SET n = 0;"
                    + " SET session_replication_role = DEFAULT;"
                )
                c.execute(
                    "SELECT setval(pg_get_serial_sequence(table_name, column_name), 1, false)"
                    " FROM information_schema.columns"
                    " WHERE table_schema = 'public' AND is_identity = 'YES'"
                )
                c.execute("DELETE FROM schema_migrations WHERE version > %s", (len(PG_MIGRATIONS),))
                if c.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] != len(
                    PG_MIGRATIONS
                ):
                    raise ValueError("the test changed the version table")
        except (psycopg.Error, ValueError):
            self.drop(name)
        else:
            self._spare.append((name, url))

    def drop(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg():
    """A throw-away PostgreSQL server for the whole session (``tests/pgserver.py``): skipped
    when its programs are missing, unless SMS_DESKTOP_REQUIRE_PG is set (CI), then it fails."""
    from pgserver import PgServer, PgUnavailable

    try:
        server = PgServer().start()
    except PgUnavailable as exc:
        if os.environ.get(REQUIRE_PG):
            pytest.fail(f"PostgreSQL is required ({REQUIRE_PG}) and not available: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    try:
        yield PgCluster(server)
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg):
    """The URL of a fresh database holding the current schema and no rows (``PgCluster``)."""
    name, url = pg.fresh()
    yield url
    pg.release(name, url)


@pytest.fixture
def pg_empty_url(pg):
    """The URL of a new, empty database (no schema), dropped after the test."""
    name, url = pg.empty()
    yield url
    pg.drop(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, home, monkeypatch):
    """Each test that uses it runs on both engines: ``None`` (this PC's own SQLite file in
    ``home``) and then a fresh PostgreSQL database, which ``SMS_DESKTOP_STORE`` points at so
    everything that opens "the configured store" (``open_store(None, home)``, a CLI run, a
    child process) opens it."""
    if request.param == "sqlite":
        monkeypatch.delenv("SMS_DESKTOP_STORE", raising=False)
        return None
    url = request.getfixturevalue("pg_url")
    monkeypatch.setenv("SMS_DESKTOP_STORE", url)
    return url


@pytest.fixture
def store(store_url, home):
    """The configured store (see ``store_url``), closed after the test."""
    from sms_desktop.core.store import open_store

    db = open_store(store_url, home)
    try:
        yield db
    finally:
        db.close()


# Markers whose tests run only when selected with ``-m``, and why they are skipped otherwise.
OPT_IN = {
    "frozen": "builds with PyInstaller: run `pytest -m frozen tests/packaging`",
    "reliability_long": "full-size reliability run: `pytest -m reliability_long` "
    "(docs/reliability.md)",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Opt-in tests (``OPT_IN``) only run when their marker is selected with ``-m``."""
    expr = config.getoption("-m") or ""
    for marker, reason in OPT_IN.items():
        if marker in expr and f"not {marker}" not in expr:
            continue
        skip = pytest.mark.skip(reason=reason)
        for item in items:
            if marker in item.keywords:
                item.add_marker(skip)

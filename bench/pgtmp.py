"""The PostgreSQL side of the benchmarks' ``--store`` option.

``--store sqlite`` (the default) keeps each run on a SQLite file in a temporary folder.
``--store pg`` starts a throw-away PostgreSQL server for the whole run (``initdb`` and
``pg_ctl`` in a temporary folder, fsync on, as ``tests/pgserver.py`` starts the tests' server;
stopped and deleted at the end). ``--store postgresql://user@host:port/postgres`` uses a server
already running: its user must be allowed to create databases. Either way every measured run
gets a new empty database (made here, dropped after), so no run sees another's rows.

    with bench_server(args.store) as server:      # None for SQLite
        url = new_database(server)                # "sqlite" or a fresh database's URL
        db = open_bench_store(url, home)
        ...
        drop_database(url)
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_names = itertools.count(1)


def store_help() -> str:
    return (
        "sqlite (default), pg (a throw-away PostgreSQL server for the run), or a server's URL"
        " postgresql://user@host:port/postgres (a new database per run, dropped after)"
    )


@contextmanager
def bench_server(spec: str) -> Iterator[str | None]:
    """The server URL the runs make their databases on (None for SQLite)."""
    if spec in ("", "sqlite"):
        yield None
        return
    if spec.startswith("postgresql://"):
        yield spec
        return
    if spec != "pg":
        raise SystemExit(f"--store: {spec!r} is not sqlite, pg or a postgresql:// URL")
    sys.path.insert(0, str(ROOT / "tests"))
    from pgserver import PgServer

    with PgServer(fsync=True) as pg:
        yield pg.url("postgres")


def _admin(server: str) -> Any:
    import psycopg

    return psycopg.connect(server, autocommit=True)


def new_database(server: str | None) -> str:
    """``"sqlite"`` for SQLite, else the URL of a new empty database on ``server``."""
    if server is None:
        return "sqlite"
    name = f"bench_{os.getpid()}_{next(_names)}"
    with _admin(server) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = server.rsplit("/", 1)[0]
    return f"{base}/{name}"


def drop_database(url: str) -> None:
    if not url.startswith("postgresql://"):
        return
    base, name = url.rsplit("/", 1)
    with _admin(base + "/postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def open_bench_store(url: str, home: Path | str) -> Any:
    """The store a run measures: this PC's SQLite file in ``home``, or the database at ``url``
    (migrated by its first opening, as the program does)."""
    from sms_desktop.core.store import open_database, open_store

    if url == "sqlite":
        return open_database(home)
    return open_store(url, home)


def engine_name(url: str) -> str:
    return "sqlite" if url == "sqlite" else "postgresql"

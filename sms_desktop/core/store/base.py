"""The store's interface: one :class:`Database`, two engines (SQLite, PostgreSQL).

The aggregates (contacts, jobs, messages, inbox, settings …) write plain SQL with ``?``
placeholders and run it through this interface:

* ``db.read().execute(sql, params)``: this thread's connection, outside any transaction (a read
  sees everything committed);
* ``with db.write() as c: c.execute(...)``: one transaction, committed at the end of the block
  and rolled back on an exception; a nested ``write()`` joins the outer one. One writer per
  process, as SQLite has always had;
* ``with db.exclusive() as c:``: outside any transaction with the process's write lock held
  (``VACUUM``).

A connection has ``execute``, ``executemany``, ``cursor`` and ``in_transaction``; a cursor has
``fetchone``, ``fetchall``, iteration and ``rowcount``. Rows answer both ``row[0]`` and
``row["name"]`` (and ``dict(row)``). There is no ``lastrowid``: an insert that needs its new id
says ``INSERT … RETURNING id`` (SQLite has it since 3.35). ``INSERT … ON CONFLICT`` replaces
``INSERT OR IGNORE/REPLACE``. Where the dialects really differ, :attr:`Database.dialect` holds the
few pieces of SQL that do (:class:`Dialect`), and ``dialect.name`` tells the engine.

One exception family for both engines (``from sms_desktop.core.store import IntegrityError``):

* :data:`IntegrityError`: a constraint refused a write (a duplicate, a missing parent);
* :data:`OperationalError`: a statement that may succeed when tried again (a lock wait ran out);
* :data:`DatabaseError`: the base of both, and of any other failure of the store's SQL;
* :class:`~sms_desktop.core.errors.StoreError`: a refusal in the user's words (a full disk, a
  damaged file, the office server unreachable, a wrong password), with the engine's own text as
  its cause; :class:`StoreVersionError` when the database is newer than this program.

They are the ``sqlite3`` module's classes: the SQLite engine raises them as they come (no
wrapper on the hot path), and the PostgreSQL engine raises subclasses of them.
"""

from __future__ import annotations

import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import StoreError
from . import settings
from .schema import Migration

IntegrityError = sqlite3.IntegrityError
OperationalError = sqlite3.OperationalError
DatabaseError = sqlite3.DatabaseError


class StoreVersionError(StoreError):
    """The database was set up by a newer program: refused, nothing written."""


class StoreLoginRefused(StoreError):
    """The office server wants a password this PC has not saved, or refused the one it has:
    the user can give it (the window asks; the CLI names 设置 → 数据库 and the URL)."""

    def __init__(self, zh: str, en: str, *, host: str = "", user: str = "") -> None:
        super().__init__(zh, en)
        self.host = host  # host:port
        self.user = user


class StoreUnreachable(StoreError):
    """The office server cannot be reached (not running, a wrong address, the network down, a
    firewall), or the connection to it was lost: worth another try."""

    def __init__(self, zh: str, en: str, *, host: str = "") -> None:
        super().__init__(zh, en, transient=True)
        self.host = host  # host:port, for the window's dialog


def is_transient(exc: BaseException) -> bool:
    """Whether a failed write is worth another try, on either engine: a StoreError that says so
    (SQLite busy, locked, I/O error, full; PostgreSQL's connection lost, its disk full), or an
    OperationalError of the same kind (a PostgreSQL deadlock, serialization failure, lock wait
    or cancel). A constraint or a bug is not."""
    if isinstance(exc, StoreError):
        return exc.transient
    if isinstance(exc, OperationalError):
        flag = getattr(exc, "transient", None)
        if flag is not None:
            return bool(flag)
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        return code in StoreError.TRANSIENT_SQLITE
    return False


class Row(Protocol):
    """A result row: ``row[0]``, ``row["name"]``, ``row.keys()`` (``sqlite3.Row``, or the
    PostgreSQL engine's rows)."""

    def __getitem__(self, key: Any, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> list[str]: ...


class Cursor(Protocol):
    """What the aggregates use of a cursor (``sqlite3.Cursor`` is one)."""

    @property
    def rowcount(self) -> int: ...

    row_factory: Any

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the aggregates use of a connection: a ``sqlite3.Connection`` with the store's
    :class:`Dialect` as ``dialect`` (so a function given only a connection can write the few
    pieces of SQL that differ)."""

    dialect: Dialect

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> Any: ...

    def cursor(self) -> Any: ...


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


@dataclass(frozen=True)
class Dialect:
    """The pieces of SQL that differ between the engines; everything else is shared."""

    name: str  # "sqlite" or "postgresql"
    now: str  # the local time now, 'YYYY-MM-DD HH:MM:SS' (the store's time format)
    now_ms: str  # the same with milliseconds, 'YYYY-MM-DD HH:MM:SS.SSS'
    # the values of a JSON array given as one parameter, as a subquery: ``id IN {json_ints}``
    # with ``json.dumps(ids)`` (one statement however many ids), ``state IN {json_texts}``
    json_ints: str
    json_texts: str
    instr: str  # instr(text, part): where ``part`` starts in ``text`` (1-based), 0 if nowhere
    # the database's clock in seconds since 1970 (leases and heartbeats: PCs' clocks may differ)
    epoch: str
    # after a SELECT in a write transaction: lock the rows read until the commit (SQLite's write
    # transaction holds the whole store already), for update or against one
    for_update: str
    for_share: str

    @property
    def sqlite(self) -> bool:
        return self.name == "sqlite"

    @property
    def postgresql(self) -> bool:
        return self.name == "postgresql"

    def one_of(self, column: str, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
        """``column`` equals one of ``values``, as SQL and its parameters: on SQLite a list of
        placeholders, on PostgreSQL ``= ANY`` of one array parameter (a batch's 1,000 numbers:
        half the time of 1,000 parameters there, planned as one value)."""
        if self.sqlite:
            return f"{column} IN ({','.join('?' * len(values))})", tuple(values)
        return f"{column} = ANY(?)", (list(values),)

    def contains(self, column: str, term: str) -> tuple[str, str]:
        """``column`` holds ``term`` anywhere, ASCII letters' case ignored (as SQLite's LIKE
        does: 张伟 and Zoë match themselves only), as SQL with one ``?`` and its parameter.

        On PostgreSQL the columns are ``COLLATE "C"``, where ``lower()`` folds ASCII only: a
        term with an ASCII letter compares the lowered column with the lowered term, any other
        term uses a plain LIKE. ILIKE did the same at 2-3 times the cost (100,000 contacts' name,
        phone and fields: 45-60 ms against 19-24 ms, a whole-table read for a search that
        matches few rows)."""
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        if self.sqlite or not any(ch.isascii() and ch.isalpha() for ch in term):
            return f"{column} LIKE ? ESCAPE '\\'", pattern
        return f"lower({column}) LIKE ? ESCAPE '\\'", pattern.translate(_ASCII_LOWER)


SQLITE = Dialect(
    name="sqlite",
    now="strftime('%Y-%m-%d %H:%M:%S','now','localtime')",
    now_ms="strftime('%Y-%m-%d %H:%M:%f','now','localtime')",
    json_ints="(SELECT value FROM json_each(?))",
    json_texts="(SELECT value FROM json_each(?))",
    instr="instr",
    epoch="((julianday('now') - 2440587.5) * 86400.0)",
    for_update="",
    for_share="",
)
# The session's TimeZone is the PC's own zone (set at connect), so these are local times too.
POSTGRESQL = Dialect(
    name="postgresql",
    now="to_char(statement_timestamp(), 'YYYY-MM-DD HH24:MI:SS')",
    now_ms="to_char(statement_timestamp(), 'YYYY-MM-DD HH24:MI:SS.MS')",
    json_ints="(SELECT value::bigint FROM json_array_elements_text(?::json))",
    json_texts="(SELECT value FROM json_array_elements_text(?::json))",
    instr="strpos",
    epoch="EXTRACT(EPOCH FROM clock_timestamp())::float8",
    for_update=" FOR UPDATE",
    for_share=" FOR SHARE",
)


def insert_rows(
    c: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Many rows into ``table`` in the caller's transaction, the quickest way each engine has:
    SQLite's ``executemany`` (the rows may be a generator), PostgreSQL's ``COPY`` (one statement,
    so a statement trigger fires once, not once a row)."""
    if c.dialect.postgresql:
        c.copy_rows(table, columns, rows)  # type: ignore[attr-defined]
        return
    marks = ",".join("?" * len(columns))
    c.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES({marks})", rows)


class ChangeListener(Protocol):
    """How a store that tells of other PCs' commits wakes a change feed (PostgreSQL's
    LISTEN, on a connection of its own): :mod:`.changes`."""

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True when the versions should be read again (a
        notification came, or the connection was made anew and notifications may be lost)."""
        ...


@dataclass(frozen=True)
class SchemaShape:
    """The names a schema is made of, to compare the two engines' migrations."""

    columns: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)
    indexes: dict[str, str] = field(default_factory=dict)  # index → its table
    triggers: dict[str, str] = field(default_factory=dict)  # trigger → its table
    # table → the tables its foreign keys refer to (a copy writes those first)
    references: dict[str, set[str]] = field(default_factory=dict)


class Database(ABC):
    """A store: SQLite (:class:`~.db.SqliteDatabase`) or PostgreSQL
    (:class:`~.postgres.PostgresDatabase`). Open one with :func:`~.url.open_store`."""

    dialect: Dialect
    #: the data folder of this PC (secrets file, settings, logs); SQLite: the file's folder
    home: Path

    def __init__(self) -> None:
        self._write_lock = threading.RLock()

    # ---- what it is -------------------------------------------------------------------------
    @property
    @abstractmethod
    def location(self) -> str:
        """Where the data is, for people: a file's path, or ``user@host:port/database``."""

    @property
    @abstractmethod
    def schema_version(self) -> int:
        """The number of the last migration applied."""

    @property
    def latest_version(self) -> int:
        """The number of the last migration this program knows."""
        return len(self.migrations())

    @abstractmethod
    def migrations(self) -> list[Migration]:
        """This engine's migrations (scripts, or functions given the connection), numbered from
        1 (the same numbers on both)."""

    @abstractmethod
    def migrate(self) -> None:
        """Apply the migrations not applied yet. Refuses (:class:`StoreVersionError`, nothing
        written) a database set up by a newer program."""

    @abstractmethod
    def schema_shape(self) -> SchemaShape:
        """Tables with their columns, indexes, triggers and foreign keys, by name."""

    @abstractmethod
    def reset_ids(self, c: Connection, table: str) -> None:
        """After rows were written with their ids given (a copy): the next id ``table`` hands
        out is above its highest. SQLite's rowid always is; PostgreSQL moves its sequence."""

    # ---- connections ------------------------------------------------------------------------
    @abstractmethod
    def read(self) -> Connection:
        """This thread's connection, for reading."""

    @abstractmethod
    def write(self) -> AbstractContextManager[Connection]:
        """The single writer: ``with db.write() as c: c.execute(...)`` is one transaction."""

    #: whether two write transactions of this process can run at once (PostgreSQL: on their
    #: own connections, as two PCs' do; SQLite has one writer)
    concurrent_writes = False

    def journal_write(self) -> AbstractContextManager[Connection]:
        """A write transaction of a running send's journal (its batches and recipients, the
        job's own rows): on SQLite :meth:`write`; on PostgreSQL without waiting for the
        process's other writers, beside which it runs as beside another PC's."""
        return self.write()

    @abstractmethod
    def exclusive(self) -> AbstractContextManager[Connection]:
        """This thread's connection, outside any transaction, with the process's write lock
        held: for statements that cannot run in a transaction (``VACUUM``)."""

    @contextmanager
    def only_holder(self, key: str) -> Iterator[bool]:
        """Whether this thread holds ``key`` against every other process on the store for the
        block (never waited for: False when another one holds it). PostgreSQL: a session
        advisory lock, given back at the end of the block or when the process dies. SQLite, a
        store of one PC: True (its callers keep their own rules in the store's write
        transactions, which one process at a time runs)."""
        yield True

    @abstractmethod
    def close(self) -> None:
        """Close every connection (of every thread)."""

    def change_listener(self) -> ChangeListener | None:
        """What wakes a change feed when another PC commits; None (SQLite): the feed polls."""
        return None

    def refresh_statistics(self, tables: Sequence[str] = ()) -> bool:
        """After a bulk load: refresh what the query planner knows of ``tables`` (all when
        empty), so that the next queries are planned with the new rows. Never raises (the rows
        are stored; the engine's own upkeep catches up later). True when it was done; SQLite
        keeps no statistics unless asked, and its plans here do not need them: False."""
        return False

    def too_new(self, found: int) -> StoreVersionError:
        """The refusal of a database at version ``found`` (above :attr:`latest_version`)."""
        return StoreVersionError(
            f"数据库 {self.location} 由更新版本的短信群发助手建立（数据库版本 {found}，"
            f"本程序只认识到 {self.latest_version}）。请升级本程序；没有写入任何内容。",
            f"The database {self.location} was set up by a newer SMS Desktop (database version"
            f" {found}; this program knows up to {self.latest_version}). Update this program;"
            " nothing was written.",
        )

    # ---- settings (the SQL is in :mod:`.settings`; the table is shared by every PC) ----------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return settings.get(self, key, default)

    def set_setting(self, key: str, value: str) -> None:
        settings.put(self, key, value)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"

"""The PostgreSQL engine of the store (:class:`~.base.Database`), on psycopg 3: an office server
shared by several PCs. Imported only when a ``postgresql://`` store is configured.

* **The same SQL as SQLite.** A connection wrapper turns ``?`` into ``%s`` (a ``%`` of the SQL
  itself is doubled; a ``?`` in a string literal, a quoted name or a comment is left alone;
  cached per statement), rows answer ``row[0]`` and ``row["name"]`` as ``sqlite3.Row`` does, a Python bool
  goes in as 0/1 and a boolean comes back as 0/1 (the schema's flags are ``INTEGER``, as in
  SQLite), and a ``NUMERIC`` (``SUM`` of ``BIGINT``, ``AVG``) comes back as int or float, never
  ``Decimal``. psycopg's errors come out as the store's exception family
  (:mod:`~.base`): ``IntegrityError``, ``OperationalError``, ``DatabaseError``, and
  :class:`~sms_desktop.core.errors.StoreError` in the user's words for what they can act on
  (the server unreachable, the connection lost, a wrong password, the server's disk full).
* **Connections.** One per thread, in autocommit mode: a read is its own statement and never
  holds a transaction open. The session's ``TimeZone`` is this PC's zone, so the schema's
  default times and :attr:`~.base.Dialect.now` are local times as in SQLite, and
  ``synchronous_commit`` is on: a committed journal entry survives a crash of the server.
  A connection found broken is replaced at the next use. :meth:`PostgresDatabase.listener` is a
  separate connection kept for a LISTEN thread alone: :class:`PgChangeListener` wakes the
  change feed (:mod:`.changes`) when another PC commits.
* **Writes.** ``write()`` is one transaction (``BEGIN`` … ``COMMIT``), one at a time in this
  process (as on SQLite); other PCs write concurrently, at ``READ COMMITTED``.
* **Migrations.** The same numbers as SQLite's (:data:`~.schema.PG_MIGRATIONS`), recorded in
  the table ``schema_migrations``; an empty database is set up by the first program that
  connects, under an advisory lock (two PCs starting together do not both migrate). A database
  newer than this program is refused before anything is written.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import psycopg
from psycopg import pq
from psycopg.adapt import Dumper, Loader
from psycopg.conninfo import make_conninfo
from psycopg.rows import tuple_row

from ..errors import StoreError
from .base import (
    POSTGRESQL,
    Database,
    DatabaseError,
    IntegrityError,
    OperationalError,
    SchemaShape,
    StoreLoginRefused,
    StoreUnreachable,
)
from .schema import PG_MIGRATIONS, Migration
from .url import StoreUrl

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key of the migrations (any fixed number: "SMS-DESK" in ASCII)
MIGRATION_LOCK = 0x534D532D4445534B
FOLD_LOCK = MIGRATION_LOCK + 1  # pg_try_advisory_xact_lock key of fold_changes()
CHANGES_CHANNEL = "sms_desktop_changes"  # the change triggers' notifications (schema V6)
VERSION_TABLE = "schema_migrations"
CONNECT_TIMEOUT = 10  # seconds


# ---- the exception family ---------------------------------------------------------------------
class PgIntegrityError(IntegrityError):
    """A constraint refused a write (psycopg's error is the cause)."""


class PgOperationalError(OperationalError):
    """A statement that may succeed when tried again: a lock wait, a deadlock, a cancel."""

    transient = True


class PgDatabaseError(DatabaseError):
    """Any other failure of a statement (psycopg's error is the cause)."""


def _where(url: StoreUrl) -> str:
    return f"{url.host}:{url.port}"


def pg_store_error(exc: BaseException, url: StoreUrl) -> StoreError | None:
    """``exc`` (from psycopg) in the user's words, or None when it is not something they can act
    on (a constraint, a bug in a statement)."""
    if not isinstance(exc, psycopg.Error):
        return None
    state = getattr(exc, "sqlstate", None) or ""
    text = str(exc)
    where, user, db = _where(url), url.user, url.database
    if state == "28000" or "pg_hba.conf" in text:  # this PC not let in: no password mends it
        return StoreError(
            f"办公室服务器 {where} 不允许用户 {user} 从这台电脑连接（请管理员在服务器的"
            " pg_hba.conf 中允许这台电脑）。",
            f"The office server {where} does not let user {user} connect from this PC (its"
            " administrator must allow this PC in the server's pg_hba.conf).",
        )
    if state == "28P01" or "password authentication failed" in text:
        return StoreLoginRefused(
            f"办公室服务器 {where} 拒绝了用户 {user} 的登录（密码错误）。",
            f"The office server {where} refused user {user} (a wrong password).",
            host=where,
            user=user or "",
        )
    if "no password supplied" in text or "fe_sendauth" in text:
        return StoreLoginRefused(
            f"办公室服务器 {where} 要求用户 {user} 的密码，但本机没有保存。",
            f"The office server {where} asks for the password of user {user}, and this PC has"
            " none saved.",
            host=where,
            user=user or "",
        )
    if state == "3D000" or re.search(r'database "[^"]*" does not exist', text):
        return StoreError(
            f"办公室服务器 {where} 上没有数据库 {db}（请先在服务器上建立它）。",
            f"The office server {where} has no database {db} (create it on the server first).",
        )
    if re.search(r'role "[^"]*" does not exist', text):
        return StoreError(
            f"办公室服务器 {where} 上没有用户 {user}。",
            f"The office server {where} has no user {user}.",
        )
    if state == "42501":
        return StoreError(
            f"用户 {user} 在办公室服务器 {where} 的数据库 {db} 中没有所需的权限。",
            f"User {user} lacks the rights it needs in database {db} on the office server {where}.",
        )
    if state == "25006":
        return StoreError(
            f"办公室服务器 {where} 上的数据库 {db} 是只读的（也许连到了备用服务器），无法保存。",
            f"The database {db} on the office server {where} is read-only (perhaps a standby"
            " server), and cannot be saved to.",
        )
    if state in ("53100", "53200"):
        return StoreError(
            f"办公室服务器 {where} 的磁盘或内存已满，无法保存。请联系管理员。",
            f"The office server {where} is out of disk space or memory and cannot save."
            " Ask its administrator.",
            transient=True,
        )
    if isinstance(exc, psycopg.OperationalError) and (
        state.startswith("08") or state in ("57P01", "57P02", "57P03") or not state
    ):
        return StoreUnreachable(
            f"无法连接办公室服务器 {where}（服务器未启动、地址错误、网络断开或被防火墙阻挡）。",
            f"Cannot reach the office server {where} (it is not running, the address is wrong,"
            " the network is down, or a firewall blocks it).",
            host=where,
        )
    return None


def _translate(exc: psycopg.Error, url: StoreUrl, broken: bool) -> BaseException:
    """The store's exception for psycopg's ``exc``; ``broken``: the connection is gone."""
    if isinstance(exc, psycopg.errors.IntegrityError):
        return PgIntegrityError(str(exc))
    err = pg_store_error(exc, url)
    if err is not None:
        return err
    if broken:
        return pg_store_error(psycopg.OperationalError("connection lost"), url) or exc
    if isinstance(exc, psycopg.OperationalError):
        return PgOperationalError(str(exc))
    return PgDatabaseError(str(exc))


# ---- ``?`` placeholders -------------------------------------------------------------------------
_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/|\?\d*|%""", re.S)


@lru_cache(maxsize=2048)
def to_pg(sql: str) -> str:
    """SQLite's ``?`` placeholders as psycopg's ``%s``; every ``%`` of the SQL doubled (psycopg
    reads ``%`` everywhere, in string literals too). A ``?`` inside quotes or a comment is left
    as it is. Numbered ``?NNN`` placeholders are refused."""

    def one(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "?":
            return "%s"
        if tok[0] == "?":
            raise ValueError(f"numbered placeholder {tok} is SQLite only: {sql[:80]}")
        return tok.replace("%", "%%")

    return _TOKENS.sub(one, sql)


# ---- rows ---------------------------------------------------------------------------------------
class Row(tuple):
    """A result row: ``row[0]``, ``row["name"]`` (any letter case), ``row.keys()``, ``dict(row)``
    — as ``sqlite3.Row``."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}
    _names: ClassVar[tuple[str, ...]] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                i = self._index[key]
            except KeyError:
                i = self._index.get(key.lower(), -1)
                if i < 0:
                    raise IndexError(f"No item with that key: {key!r}") from None
            return tuple.__getitem__(self, i)
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, n in enumerate(names):
        index.setdefault(n, i)
        index.setdefault(n.lower(), i)
    return type("Row", (Row,), {"__slots__": (), "_index": index, "_names": names})


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    return _row_class(tuple(d.name for d in desc))


# ---- adaptation: SQLite's types ---------------------------------------------------------------
class _BoolAsIntDumper(Dumper):
    """A Python bool into an INTEGER column, as SQLite stores it (0/1)."""

    oid = psycopg.adapters.types["int4"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


class _BoolAsIntLoader(Loader):
    """``x IS NULL``, ``a = b`` …: 0/1, as SQLite gives them."""

    def load(self, data: Any) -> int:
        return 1 if bytes(data) == b"t" else 0


class _NumericLoader(Loader):
    """``SUM`` of a BIGINT, ``AVG`` …: an int when whole, else a float (SQLite's types)."""

    def load(self, data: Any) -> int | float:
        s = bytes(data).decode()
        if "." in s or "e" in s or "E" in s or s in ("NaN", "Infinity", "-Infinity"):
            return float(s)
        return int(s)


def _adapt(conn: psycopg.Connection[Any]) -> None:
    conn.adapters.register_dumper(bool, _BoolAsIntDumper)
    conn.adapters.register_loader("bool", _BoolAsIntLoader)
    conn.adapters.register_loader("numeric", _NumericLoader)


# ---- the connection wrapper -------------------------------------------------------------------
class PgCursor:
    """A psycopg cursor that takes SQLite's SQL and gives SQLite's rows and errors."""

    def __init__(self, owner: PgConnection) -> None:
        self._owner = owner
        self._cur = owner.raw.cursor(row_factory=_row_factory)

    @property
    def row_factory(self) -> Any:
        return self._cur.row_factory

    @row_factory.setter
    def row_factory(self, factory: Any) -> None:
        """None: plain tuples (as ``sqlite3.Cursor.row_factory = None``)."""
        self._cur.row_factory = tuple_row if factory is None else _row_factory

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> PgCursor:
        trace = self._owner.trace
        if trace is not None:
            trace(sql)
        try:
            if parameters:
                self._cur.execute(to_pg(sql), parameters)
            else:  # no parameters: psycopg takes the SQL as it is, a % included
                self._cur.execute(sql)
        except psycopg.Error as exc:
            raise self._owner.translate(exc) from exc
        return self

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> PgCursor:
        trace = self._owner.trace
        if trace is not None:
            trace(sql)
        try:
            self._cur.executemany(to_pg(sql), seq_of_parameters)
        except psycopg.Error as exc:
            raise self._owner.translate(exc) from exc
        return self

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    @property
    def description(self) -> Any:
        return self._cur.description

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchmany(self, size: int = 1) -> list[Any]:
        return self._cur.fetchmany(size)

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cur)

    def close(self) -> None:
        self._cur.close()


class PgConnection:
    """One psycopg connection, used as the store's code uses a ``sqlite3.Connection``."""

    dialect = POSTGRESQL

    def __init__(self, raw: psycopg.Connection[Any], url: StoreUrl) -> None:
        self.raw = raw
        self.url = url
        self.trace: Callable[[str], object] | None = None

    def set_trace_callback(self, trace: Callable[[str], object] | None) -> None:
        """Call ``trace`` with each statement's SQL (as ``sqlite3.Connection`` does)."""
        self.trace = trace

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    @property
    def broken(self) -> bool:
        return bool(self.raw.closed or self.raw.broken)

    def translate(self, exc: psycopg.Error) -> BaseException:
        return _translate(exc, self.url, self.broken)

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """``COPY table (columns) FROM STDIN`` of ``rows`` (:func:`~.base.insert_rows`)."""
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        if self.trace is not None:
            self.trace(sql)
        try:
            with self.raw.cursor() as cur, cur.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise self.translate(exc) from exc

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> PgCursor:
        return PgCursor(self).execute(sql, parameters)

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> PgCursor:
        return PgCursor(self).executemany(sql, seq_of_parameters)

    def close(self) -> None:
        try:
            self.raw.close()
        except psycopg.Error:
            pass


# ---- the PC's time zone -------------------------------------------------------------------------
def local_timezone() -> str:
    """This PC's time zone as PostgreSQL takes it: the zone's name where the system tells it
    (``TZ``, ``/etc/localtime``), else the current offset from UTC in POSIX form
    (``<+08>-08``: Windows names its zones its own way; China has no daylight saving time)."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if re.fullmatch(r"[A-Za-z]+(?:/[A-Za-z0-9_+\-]+)+|UTC|GMT", tz):
        return tz
    if not tz:
        try:
            target = os.path.realpath("/etc/localtime")
        except OSError:
            target = ""
        m = re.search(r"/zoneinfo/((?:[A-Za-z]+/)*[A-Za-z0-9_+\-]+)$", target)
        if m and not m.group(1).startswith(("posix/", "right/")):
            return m.group(1)
    offset = time.localtime().tm_gmtoff or 0
    sign = "+" if offset >= 0 else "-"
    hours, rest = divmod(abs(offset), 3600)
    minutes = rest // 60
    name = f"{sign}{hours:02d}{minutes:02d}" if minutes else f"{sign}{hours:02d}"
    posix = f"{'-' if offset >= 0 else '+'}{hours:02d}" + (f":{minutes:02d}" if minutes else "")
    return f"<{name}>{posix}"


# ---- the engine -------------------------------------------------------------------------------
class PostgresDatabase(Database):
    dialect = POSTGRESQL

    def __init__(
        self,
        url: StoreUrl,
        *,
        password: str | None = None,
        home: Path | str | None = None,
        migrate: bool = True,
        connect_timeout: float = CONNECT_TIMEOUT,
        busy_timeout: float = 30.0,
    ) -> None:
        """Connect (the first connection tells a wrong address or password at once, as a
        :class:`StoreError`) and, unless ``migrate=False``, set the database up or bring it up
        to date. ``home``: this PC's data folder. ``busy_timeout``: seconds a statement waits
        for a lock another connection holds before it fails (``lock_timeout``; as SQLite's
        busy timeout, the failure is worth another try)."""
        super().__init__()
        if url.scheme != "postgresql":
            raise ValueError(f"not a PostgreSQL store: {url}")
        self.url = url
        self._password = password if password is not None else url.password
        self.home = Path(home) if home is not None else Path.cwd()
        self.connect_timeout = connect_timeout
        self.busy_timeout = busy_timeout
        self.timezone = local_timezone()
        self._local = threading.local()
        self._all: list[tuple[threading.Thread, PgConnection]] = []
        self._all_lock = threading.Lock()
        self._listener: psycopg.Connection[Any] | None = None
        self.conn  # noqa: B018 - connect now: a wrong address or password is told at once
        if migrate:
            self.migrate()
            self.fold_changes()

    @property
    def location(self) -> str:
        return self.url.display

    # ---- connections ------------------------------------------------------------------------
    def connect_raw(self, *, autocommit: bool = True) -> psycopg.Connection[Any]:
        """A new psycopg connection with this store's session settings (the PC's time zone,
        ``synchronous_commit`` on, SQLite's types); errors in the user's words."""
        options = (
            f"-c TimeZone={self.timezone} -c synchronous_commit=on"
            f" -c lock_timeout={max(1, round(self.busy_timeout * 1000))}"
        )
        try:
            raw = psycopg.connect(
                make_conninfo("", **self.url.connect_kwargs()),
                password=self._password or None,
                autocommit=autocommit,
                connect_timeout=max(1, round(self.connect_timeout)),
                application_name="SMS Desktop",
                options=options,
                client_encoding="UTF8",
                keepalives=1,
                keepalives_idle=30,
                keepalives_interval=5,
                keepalives_count=3,
            )
        except psycopg.Error as exc:
            err = pg_store_error(exc, self.url)
            if err is None:
                raise PgDatabaseError(str(exc)) from exc
            raise err from exc
        _adapt(raw)
        return raw

    def _connect(self) -> PgConnection:
        conn = PgConnection(self.connect_raw(), self.url)
        with self._all_lock:
            alive = []
            for owner, c in self._all:
                if owner.is_alive() and not c.broken:
                    alive.append((owner, c))
                else:
                    c.close()
            alive.append((threading.current_thread(), conn))
            self._all = alive
        return conn

    @property
    def conn(self) -> PgConnection:
        c: PgConnection | None = getattr(self._local, "conn", None)
        # a broken connection is replaced, except inside a write: the rest of that transaction
        # must fail, not run on a new connection one statement at a time
        if c is None or (c.broken and not getattr(self._local, "writing", False)):
            c = self._connect()
            self._local.conn = c
        return c

    def read(self) -> PgConnection:
        """This thread's connection, for reading (autocommit: no transaction stays open)."""
        return self.conn

    concurrent_writes = True

    @contextmanager
    def write(self) -> Iterator[PgConnection]:
        """One transaction; nested: joins the outer one. One at a time in this process."""
        with self._write_lock, self._transaction() as c:
            yield c

    @contextmanager
    def journal_write(self) -> Iterator[PgConnection]:
        """One transaction of a running send's journal, on this thread's connection, beside
        the process's other writers (the rows it writes are locked by the server, as another
        PC's would be; a deadlock with one of them is a transient error, retried)."""
        with self._transaction() as c:
            yield c

    @contextmanager
    def _transaction(self) -> Iterator[PgConnection]:
        c = self.conn
        if c.in_transaction:
            yield c
            return
        self._begin(c)
        self._local.writing = True
        try:
            yield c
            self._end(c, "COMMIT")
        except BaseException:
            if not c.broken and c.in_transaction:
                try:
                    c.raw.execute("ROLLBACK")
                except psycopg.Error:
                    pass
            raise
        finally:
            self._local.writing = False

    def _begin(self, c: PgConnection) -> None:
        try:
            c.raw.execute("BEGIN")
        except psycopg.Error as exc:
            raise c.translate(exc) from exc

    def _end(self, c: PgConnection, verb: str) -> None:
        try:
            c.raw.execute(verb)
        except psycopg.Error as exc:
            raise c.translate(exc) from exc

    @contextmanager
    def exclusive(self) -> Iterator[PgConnection]:
        with self._write_lock:
            c = self.conn
            if c.in_transaction:
                raise RuntimeError("exclusive() inside a write transaction")
            yield c

    def refresh_statistics(self, tables: Sequence[str] = ()) -> bool:
        """``ANALYZE`` (PostgreSQL's manual advises it after a bulk load: autovacuum comes a
        minute or more later, and until then the planner plans with the rows of before, e.g. a
        full scan of ``messages`` for the caps' count of a new large job's batches). Outside the
        process's write lock, on this thread's autocommit connection; it gives up after 2 s
        behind another session's VACUUM or ANALYZE, and inside a caller's transaction it is
        left to autovacuum."""
        c = self.conn
        if c.in_transaction:
            return False
        what = "ANALYZE " + ", ".join(tables) if tables else "ANALYZE"
        try:
            c.execute("SET lock_timeout = '2s'")
            try:
                c.execute(what)
            finally:
                c.execute("RESET lock_timeout")  # the session's own (the busy timeout)
        except (DatabaseError, StoreError) as exc:
            log.warning("statistics not refreshed (%s): %s", what, exc)
            return False
        return True

    @contextmanager
    def only_holder(self, key: str) -> Iterator[bool]:
        """A session advisory lock on this thread's connection, tried, never waited for."""
        c = self.conn
        sql_key = "hashtextextended(?, 0)"
        got = bool(c.execute(f"SELECT pg_try_advisory_lock({sql_key})", (key,)).fetchone()[0])
        try:
            yield got
        finally:
            if got and not c.broken:  # a lost connection gave it back with its session
                try:
                    c.execute(f"SELECT pg_advisory_unlock({sql_key})", (key,))
                except (DatabaseError, StoreError):
                    pass

    def listener(self) -> psycopg.Connection[Any]:
        """The connection kept for a LISTEN thread: autocommit, never used for anything else
        (psycopg's ``notifies()`` holds its connection). Made on first use; closed by
        :meth:`close`."""
        with self._all_lock:
            current = self._listener
            if current is not None and not current.closed and not current.broken:
                return current
        fresh = self.connect_raw()  # outside the lock: the other threads' connections go on
        with self._all_lock:
            old, self._listener = self._listener, fresh
        if old is not None:
            try:
                old.close()
            except psycopg.Error:
                pass
        return fresh

    def change_listener(self) -> PgChangeListener:
        return PgChangeListener(self)

    def fold_changes(self) -> None:
        """Fold the change versions of sessions that have ended into the aggregates' base rows
        (``writer`` 0), keeping each aggregate's sum: the table keeps a row per aggregate and
        writing session (schema V6), and this keeps it small. Once per start; skipped while
        another PC does it."""
        with self.write() as w:
            if not w.execute("SELECT pg_try_advisory_xact_lock(?)", (FOLD_LOCK,)).fetchone()[0]:
                return
            w.execute(
                "WITH gone AS (DELETE FROM change_versions WHERE writer <> 0 AND writer NOT IN"
                " (SELECT pid FROM pg_stat_activity) RETURNING aggregate, version)"
                " INSERT INTO change_versions AS v (aggregate, writer, version)"
                " SELECT aggregate, 0, SUM(version) FROM gone GROUP BY aggregate"
                " ON CONFLICT (aggregate, writer) DO UPDATE SET version = v.version + EXCLUDED.version"
            )

    def close(self) -> None:
        with self._all_lock:
            conns, self._all = self._all, []
            listener, self._listener = self._listener, None
        for _, c in conns:
            c.close()
        if listener is not None:
            try:
                listener.close()
            except psycopg.Error:
                pass
        self._local = threading.local()

    # ---- migrations -------------------------------------------------------------------------
    def migrations(self) -> list[Migration]:
        return PG_MIGRATIONS

    def _version(self, c: PgConnection) -> int | None:
        """The schema's version; None for a database without the version table.

        The table is looked for by a query of the catalog, not by name (``to_regclass``): a
        name found missing is remembered by the session, and would still be missing after
        another PC created the table while this one waited for the migrations' lock."""
        row = c.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            " ON n.oid = c.relnamespace WHERE c.relname = ? AND n.nspname = current_schema())",
            (VERSION_TABLE,),
        ).fetchone()
        if not row[0]:
            return None
        row = c.execute(f"SELECT COALESCE(MAX(version), 0) FROM {VERSION_TABLE}").fetchone()
        return int(row[0])

    @property
    def schema_version(self) -> int:
        return self._version(self.read()) or 0

    def migrate(self) -> None:
        latest = len(PG_MIGRATIONS)
        c = self.read()
        found = self._version(c)
        if found is not None and found > latest:
            raise self.too_new(found)
        if found == latest:
            return
        with self.write() as w:
            w.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            found = self._version(w)  # another PC may have migrated while this one waited
            if found is None:
                self.refuse_foreign(w)
                w.execute(
                    f"CREATE TABLE {VERSION_TABLE} (version INTEGER PRIMARY KEY,"
                    ' applied_at TEXT COLLATE "C" NOT NULL, program TEXT COLLATE "C")'
                )
                found = 0
            if found > latest:
                raise self.too_new(found)
            for version in range(found + 1, latest + 1):
                script = PG_MIGRATIONS[version - 1]
                try:
                    if callable(script):
                        script(w)
                    else:
                        w.raw.execute(script.encode())
                except psycopg.Error as exc:
                    raise w.translate(exc) from exc
                w.execute(
                    f"INSERT INTO {VERSION_TABLE}(version, applied_at, program)"
                    f" VALUES (?, {POSTGRESQL.now}, ?)",
                    (version, _program()),
                )

    def refuse_foreign(self, c: PgConnection | None = None) -> None:
        """A database without this program's version table that holds tables (another
        program's) is not set up: StoreError in words naming some of them."""
        c = c if c is not None else self.read()
        row = c.execute(
            "SELECT string_agg(table_name, ', ' ORDER BY table_name) FROM"
            " information_schema.tables WHERE table_schema = current_schema()"
        ).fetchone()
        if row[0]:
            raise StoreError(
                f"办公室服务器上的数据库 {self.url.display} 不是空的，也不是短信群发助手的数据库"
                f"（其中已有表：{row[0][:200]}）。请为本程序新建一个空数据库。",
                f"The database {self.url.display} is neither empty nor one of SMS Desktop's"
                f" (it holds tables: {row[0][:200]}). Create an empty database for this"
                " program.",
            )

    def schema_shape(self) -> SchemaShape:
        c = self.read()
        shape = SchemaShape()
        for r in c.execute(
            "SELECT table_name, column_name, data_type, is_nullable FROM"
            " information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name <> ? ORDER BY table_name, ordinal_position",
            (VERSION_TABLE,),
        ):
            shape.columns.setdefault(r[0], []).append((r[1], r[2].upper(), r[3] == "NO"))
        for r in c.execute(
            "SELECT i.relname, t.relname FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            " JOIN pg_namespace s ON s.oid = t.relnamespace"
            " WHERE s.nspname = current_schema() AND t.relname <> ?"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)",
            (VERSION_TABLE,),
        ):
            shape.indexes[r[0]] = r[1]
        for r in c.execute(
            "SELECT g.tgname, t.relname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid"
            " JOIN pg_namespace s ON s.oid = t.relnamespace"
            " WHERE s.nspname = current_schema() AND NOT g.tgisinternal"
        ):
            shape.triggers[r[0]] = r[1]
        for t in shape.columns:
            shape.references[t] = set()
        for r in c.execute(
            "SELECT t.relname, f.relname FROM pg_constraint k"
            " JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid"
            " JOIN pg_namespace s ON s.oid = t.relnamespace"
            " WHERE k.contype = 'f' AND s.nspname = current_schema()"
        ):
            shape.references.setdefault(r[0], set()).add(r[1])
        return shape

    def reset_ids(self, c: Any, table: str) -> None:
        """The identity's sequence continues above the highest id (rows copied with theirs)."""
        c.execute(
            f"SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE(MAX(id), 0) + 1, false)"
            f" FROM {table}",
            (table,),
        )


class PgChangeListener:
    """LISTEN for the change triggers' notifications on the store's listener connection (a
    connection of its own: psycopg's ``notifies()`` holds it). Used by one thread (the change
    feed's)."""

    def __init__(self, db: PostgresDatabase) -> None:
        self.db = db
        self._conn: psycopg.Connection[Any] | None = None
        self.connects = 0  # LISTENs issued (1 + reconnects)

    def wait(self, timeout: float) -> bool:
        """True at a notification, or when the connection was made anew (notifications sent
        meanwhile are lost: the versions must be read); False after ``timeout`` seconds, or
        after waiting that long for an unreachable server."""
        try:
            conn = self.db.listener()
            if conn is not self._conn:
                conn.execute(f"LISTEN {CHANGES_CHANNEL}")
                self._conn = conn
                self.connects += 1
                return True
            if not self._notified(conn, timeout):
                return False
            for _ in range(100):  # the others already queued say the same: look once
                if not self._notified(conn, 0.01):
                    break
            return True
        except (psycopg.Error, StoreError):
            self._conn = None  # LISTEN again on the next connection
            time.sleep(timeout)
            return False

    @staticmethod
    def _notified(conn: psycopg.Connection[Any], timeout: float) -> bool:
        """Whether a notification came within ``timeout`` seconds. One at a time, and never a
        timeout of 0: psycopg would then wait without end (it reads 0 as none)."""
        return any(True for _ in conn.notifies(timeout=max(timeout, 0.01), stop_after=1))


def _program() -> str:
    from ... import __version__

    return f"SMS Desktop {__version__}"

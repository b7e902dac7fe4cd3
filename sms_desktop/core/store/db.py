"""The SQLite engine of the store (:class:`~.base.Database`): one file in the user's data
folder, WAL mode, migrations, a single writer.

* Every write goes through :meth:`Database.write`, which holds one process-wide lock and runs
  ``BEGIN IMMEDIATE`` … ``COMMIT`` (or ``ROLLBACK`` on an exception). So there is one writer,
  and each write is a transaction.
* Reads use a connection per thread (:meth:`Database.read`), which in WAL mode never blocks the
  writer and always sees committed data.
* ``synchronous=FULL``: a batch journalled as ``sending`` survives even a power cut, so it can
  never come back as ``queued`` and be sent twice.
* Migrations are numbered scripts or functions (:mod:`.schema`); ``PRAGMA user_version``
  records the last one applied. A file set up by a newer program is refused
  (:class:`~.base.StoreVersionError`).
* When SQLite refuses a write for a reason the user can act on (a full disk, a read-only file, a
  disk error, another program holding the file, a damaged file), :meth:`Database.write` raises
  :class:`~sms_desktop.core.errors.StoreError` in the user's words (:func:`store_error`), with
  SQLite's own text kept as its cause. Other SQLite errors (constraints, bugs) pass unchanged.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from .base import SQLITE, Connection, Database, SchemaShape
from .schema import MIGRATIONS, Migration

APP_NAME = "SMS Desktop"
APP_AUTHOR = "SMSDesktop"
DB_FILE = "sms_desktop.sqlite3"


# SQLite's primary result codes a user can act on, and what to tell them (``{path}``: the file)
_BUSY = (
    "数据库正被其他程序占用（另一个窗口、备份或同步程序），请稍后再试：{path}",
    "The database is in use by another program (another window, a backup or sync tool);"
    " try again shortly: {path}",
)
_STORE_WORDS: dict[int, tuple[str, str]] = {
    5: _BUSY,  # SQLITE_BUSY
    6: _BUSY,  # SQLITE_LOCKED
    8: (  # SQLITE_READONLY
        "数据库文件是只读的，无法保存：{path}。请检查数据文件夹和文件的权限，或它是否在只读的磁盘上。",
        "The database file is read-only and cannot be saved to: {path}. Check the permissions"
        " of the data folder and its files, or whether it is on a read-only drive.",
    ),
    10: (  # SQLITE_IOERR
        "读写数据库文件时出错（磁盘故障，或文件被杀毒软件、同步盘等占用）：{path}",
        "The database file could not be read or written (a disk fault, or an antivirus or"
        " sync folder holds it): {path}",
    ),
    11: (  # SQLITE_CORRUPT
        "数据库文件已损坏：{path}",
        "The database file is damaged: {path}",
    ),
    13: (  # SQLITE_FULL
        "磁盘已满，无法保存：{path} 所在的磁盘没有可用空间了。请清理出空间后再继续。",
        "The disk is full: there is no space left on the drive of {path}. Free some space,"
        " then go on.",
    ),
    14: (  # SQLITE_CANTOPEN
        "无法打开数据库文件：{path}",
        "The database file cannot be opened: {path}",
    ),
    26: (  # SQLITE_NOTADB
        "该文件不是本程序的数据库：{path}",
        "The file is not a database of this program: {path}",
    ),
}


class SqliteConnection(sqlite3.Connection):
    """A ``sqlite3.Connection`` that names its dialect (:class:`~.base.Connection`)."""

    dialect = SQLITE


def store_error(exc: sqlite3.Error, path: Path | str) -> StoreError | None:
    """``exc`` in the user's words, or None when it is not a refusal they can act on."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    words = _STORE_WORDS.get(code)
    if words is None:
        return None
    zh, en = (w.format(path=path) for w in words)
    return StoreError(zh, en, sqlite_code=code)


def default_home() -> Path:
    """``SMS_DESKTOP_HOME`` if set, else the platform's user data folder."""
    env = os.environ.get("SMS_DESKTOP_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


class SqliteDatabase(Database):
    dialect = SQLITE

    def __init__(
        self, path: Path | str, *, busy_timeout: float = 30.0, home: Path | str | None = None
    ) -> None:
        """``busy_timeout``: seconds a statement waits for another connection's write lock
        before it fails with "database is locked". ``home``: this PC's data folder (the
        file's folder when not given)."""
        super().__init__()
        self.path = Path(path)
        self.home = Path(home) if home is not None else self.path.parent
        self.busy_timeout = busy_timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._all: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._all_lock = threading.Lock()
        try:
            self.migrate()
        except sqlite3.DatabaseError as exc:  # not a database, damaged, read-only …: in words
            err = store_error(exc, self.path)
            if err is None:
                raise
            self.close()
            raise err from exc

    @property
    def location(self) -> str:
        return str(self.path)

    # ---- connections ------------------------------------------------------------------------
    def _connect(self) -> SqliteConnection:
        conn = sqlite3.connect(
            self.path,
            timeout=self.busy_timeout,
            isolation_level=None,
            check_same_thread=False,
            factory=SqliteConnection,
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")
        with self._all_lock:
            # close the connections of threads that have ended (worker pools come and go)
            alive = []
            for owner, c in self._all:
                if owner.is_alive():
                    alive.append((owner, c))
                else:
                    try:
                        c.close()
                    except sqlite3.Error:
                        pass
            alive.append((threading.current_thread(), conn))
            self._all = alive
        return conn

    @property
    def conn(self) -> SqliteConnection:
        c: SqliteConnection | None = getattr(self._local, "conn", None)
        if c is None:
            c = self._connect()
            self._local.conn = c
        return c

    def read(self) -> SqliteConnection:
        """This thread's connection, for reading."""
        return self.conn

    @contextmanager
    def write(self) -> Iterator[SqliteConnection]:
        """The single writer: ``with db.write() as c: c.execute(...)`` is one transaction."""
        with self._write_lock:
            c = self.conn
            if c.in_transaction:  # nested: join the outer transaction
                yield c
                return
            try:
                c.execute("BEGIN IMMEDIATE")
                try:
                    yield c
                    c.execute("COMMIT")
                except BaseException:
                    # also when COMMIT itself failed (disk full …): never leave the connection
                    # inside a transaction that later writes would silently join
                    if c.in_transaction:
                        c.execute("ROLLBACK")
                    raise
            except sqlite3.DatabaseError as exc:  # a damaged file is not an OperationalError
                err = store_error(exc, self.path)
                if err is None:
                    raise
                raise err from exc

    @contextmanager
    def exclusive(self) -> Iterator[SqliteConnection]:
        """This thread's connection, outside any transaction, with the process's write lock held:
        for statements that cannot run in a transaction (``VACUUM``). Other processes' writes wait
        for it (``busy_timeout``)."""
        with self._write_lock:
            c = self.conn
            if c.in_transaction:
                raise RuntimeError("exclusive() inside a write transaction")
            yield c

    def close(self) -> None:
        with self._all_lock:
            conns, self._all = self._all, []
        for _, c in conns:
            try:
                c.close()
            except sqlite3.Error:
                pass
        self._local = threading.local()

    # ---- migrations -------------------------------------------------------------------------
    @property
    def user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def schema_version(self) -> int:
        return self.user_version

    def migrations(self) -> list[Migration]:
        return MIGRATIONS

    def migrate(self) -> None:
        with self._write_lock:
            c = self.conn
            current = self.user_version
            if current > len(MIGRATIONS):
                raise self.too_new(current)
            if current < len(MIGRATIONS):
                from ..pinyin import name_key

                c.create_function("sms_name_key", 1, name_key, deterministic=True)
            for version, script in enumerate(MIGRATIONS, start=1):
                if version <= current:
                    continue
                c.execute("BEGIN IMMEDIATE")
                found = self.user_version
                if found > len(MIGRATIONS):  # a newer program got there first
                    c.execute("ROLLBACK")
                    raise self.too_new(found)
                if found >= version:
                    # another process (the window and the CLI opening the store together)
                    # applied it while this one waited for the write lock
                    c.execute("COMMIT")
                    continue
                try:
                    if callable(script):
                        script(c)
                    else:
                        for statement in _split_sql(script):
                            c.execute(statement)
                    c.execute(f"PRAGMA user_version={version}")
                except BaseException:
                    c.execute("ROLLBACK")
                    raise
                c.execute("COMMIT")

    def reset_ids(self, c: Connection, table: str) -> None:
        """Nothing to do: a new rowid is always above the highest one in the table."""

    def schema_shape(self) -> SchemaShape:
        c = self.read()
        shape = SchemaShape()
        tables = [
            r[0]
            for r in c.execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for t in tables:
            shape.columns[t] = [
                (r["name"], r["type"].upper(), bool(r["notnull"]) or bool(r["pk"]))
                for r in c.execute(f"PRAGMA table_info('{t}')")
            ]
        for r in c.execute(
            "SELECT type, name, tbl_name FROM sqlite_master"
            " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        ):
            (shape.indexes if r[0] == "index" else shape.triggers)[r[1]] = r[2]
        for t in tables:
            shape.references[t] = {r["table"] for r in c.execute(f"PRAGMA foreign_key_list('{t}')")}
        return shape


def prefix_end(prefix: str) -> str:
    """The smallest text above every text that starts with ``prefix``: ``col >= prefix AND col <
    prefix_end(prefix)`` is a range on an index (``LIKE 'x%'`` would not use it)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _split_sql(script: str) -> list[str]:
    """The statements of a script; a trigger's body (``BEGIN … ; … END``) stays whole."""
    out: list[str] = []
    pending = ""
    for piece in script.split(";\n"):
        pending = f"{pending};\n{piece}" if pending else piece
        if sqlite3.complete_statement(pending + ";"):
            if pending.strip():
                out.append(pending.strip())
            pending = ""
    if pending.strip():
        out.append(pending.strip())
    return out


def open_database(home: Path | str | None = None) -> SqliteDatabase:
    """The SQLite store in ``home`` (this PC's own data), whatever store is configured: demo
    mode and tools that work on the local file. The program opens its store with
    :func:`~.url.open_store`."""
    base = Path(home) if home is not None else default_home()
    base.mkdir(parents=True, exist_ok=True)
    return SqliteDatabase(base / DB_FILE, home=base)

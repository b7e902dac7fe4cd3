"""Looking after the store: an online backup to a file, and ``VACUUM``.

Both are offered in the GUI's settings and by ``sms-desktop-cli db backup FILE`` /
``sms-desktop-cli db vacuum``, and are safe while the application runs:

* **Backup** copies the database with SQLite's online backup API (``Connection.backup``) from a
  connection of its own, in one step: a consistent snapshot of everything committed, read in WAL
  mode without blocking the writer (a send goes on). The copy is written beside the target as
  ``FILE.part``, checked (``PRAGMA quick_check``), made a self-contained file (journal mode
  DELETE), and only then renamed to ``FILE``. Only the database is copied: passwords and the jsm
  veryCode live in the OS keyring (or ``secrets.json``), never in the database, so a backup holds
  none of them.
* **VACUUM refuses while a send runs** (a job ``running`` whose runner is alive, in this process
  or another): it rewrites the whole file and holds the write lock meanwhile, which would stall
  the send's journal. It runs under the process's write lock, so nothing in this process writes
  during it (a send started meanwhile waits for it); a write from another process waits up to the
  store's busy timeout. Afterwards the WAL is checkpointed and truncated.

On an office server (PostgreSQL) the backup is the server's (``pg_dump``, refused here), and
``VACUUM`` is the server's own, which frees space for reuse without blocking the other PCs.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, SmsDesktopError
from .jobs.lease import Holder, host_name
from .jobs.model import JobState
from .store import Database, DatabaseError, SqliteDatabase
from .store import jobs as store_jobs


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    seconds: float


@dataclass(frozen=True)
class VacuumResult:
    bytes_before: int
    bytes_after: int
    seconds: float


def store_bytes(db: Database) -> int:
    """The size of the database on disk: the file, its WAL and shared-memory index (on an
    office server: the database's size there)."""
    if not isinstance(db, SqliteDatabase):
        return int(db.read().execute("SELECT pg_database_size(current_database())").fetchone()[0])
    total = 0
    for suffix in ("", "-wal", "-shm"):
        try:
            total += os.path.getsize(f"{db.path}{suffix}")
        except OSError:
            pass
    return total


def backup(db: Database, dest: Path | str) -> BackupResult:
    """Copy the database to ``dest`` (replaced if it exists). Raises InputError for a target
    that cannot be one (a folder, the database itself, a missing folder), SmsDesktopError when
    writing the copy fails (disk full …); a failed copy leaves no ``dest`` behind. An office
    server's database is backed up on the server (``pg_dump``): InputError."""
    if not isinstance(db, SqliteDatabase):
        raise InputError(
            f"办公室服务器上的数据库（{db.location}）请在服务器上用 pg_dump 备份。"
            f" / Back up the office server's database ({db.location}) on the server, with"
            " pg_dump."
        )
    target = Path(dest).expanduser()
    if target.is_dir():
        raise InputError(f"备份目标是文件夹：{target} / The backup target is a folder: {target}")
    if not target.parent.is_dir():
        raise InputError(
            f"备份目标的文件夹不存在：{target.parent}"
            f" / The backup target's folder does not exist: {target.parent}"
        )
    db_files = {Path(f"{db.path}{s}").resolve() for s in ("", "-wal", "-shm")}
    if target.resolve() in db_files:
        raise InputError(
            f"不能备份到数据库文件本身：{target} / Cannot back up onto the database itself: {target}"
        )
    part = target.with_name(target.name + ".part")
    started = time.perf_counter()
    try:
        part.unlink(missing_ok=True)
        src = sqlite3.connect(db.path, timeout=db.busy_timeout)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)  # one step: a consistent snapshot, the writer goes on
                dst.execute("PRAGMA journal_mode=DELETE")
                check = dst.execute("PRAGMA quick_check").fetchone()[0]
                if check != "ok":
                    raise sqlite3.DatabaseError(f"quick_check: {check}")
            finally:
                dst.close()
        finally:
            src.close()
        with open(part, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(part, target)
    except (OSError, sqlite3.Error) as exc:
        try:
            part.unlink(missing_ok=True)
        except OSError:
            pass
        raise SmsDesktopError(f"备份失败：{exc} / The backup failed: {exc}") from exc
    return BackupResult(target, target.stat().st_size, time.perf_counter() - started)


def running_jobs(db: Database) -> list[int]:
    """Jobs being sent right now (``running`` with a live runner: this process or another, on
    this PC or another)."""
    here = host_name()
    out = []
    for r in store_jobs.runners(db, JobState.RUNNING):
        holder = Holder.of(r)
        mine = holder.runner.pid == os.getpid() and holder.runner.host in ("", here)
        if mine or holder.alive:
            out.append(int(r["id"]))
    return out


def vacuum(db: Database) -> VacuumResult:
    """``VACUUM`` the database; raises InputError while a send runs (nothing done)."""
    before = store_bytes(db)
    started = time.perf_counter()
    with db.exclusive() as c:
        busy = running_jobs(db)
        if busy:
            ids = ", ".join(str(i) for i in busy)
            raise InputError(
                f"任务 {ids} 正在发送，发送结束后再整理数据库。"
                f" / Job {ids} is being sent; compact the database after it ends."
            )
        try:
            c.execute("VACUUM")
            if db.dialect.sqlite:
                c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DatabaseError as exc:
            raise SmsDesktopError(
                f"整理数据库失败：{exc} / Compacting the database failed: {exc}"
            ) from exc
    return VacuumResult(before, store_bytes(db), time.perf_counter() - started)

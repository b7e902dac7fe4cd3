"""Diagnostics for support: one zip of the logs and the versions, without a secret in it.

:func:`write_diagnostics` writes

* ``diagnostics.txt``: the versions (the application, Python, the operating system, SQLite, and
  what the client adds: Qt and PySide6 for the window), the data folder, the database's schema
  version, its size and how many rows each table holds, and each account's settings without its
  credentials (name, family, the gateway's host, charset, batch size, timeouts …);
* ``settings.ini`` (the window's settings file) and ``store-settings.txt`` (the store's
  ``settings`` table), each line whose key looks like a credential left out;
* ``logs/``: the log files as they are (they never hold a password; tests/test_secrets.py
  searches them and this zip).

Passwords, the jsm veryCode and push tokens live in the OS keyring or the owner-only secrets
file, which is never read here. Runs in a worker (database reads, file reads and writes).
"""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import sys
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__
from .accounts import AccountStore
from .errors import InputError
from .store import Database, SqliteDatabase

__all__ = ["DiagnosticsReport", "write_diagnostics"]

# keys (or key parts) that would name a credential: never written, whatever their value
SECRET_KEY_RE = re.compile(r"pass|pwd|secret|token|verycode|credential|api.?key", re.I)
TABLES = (
    "accounts",
    "groups",
    "contacts",
    "blacklist",
    "jobs",
    "batches",
    "reports",
    "replies",
    "raw_bodies",
)
LOG_LIMIT = 20  # log files at most (the rotating log keeps 6)


@dataclass
class DiagnosticsReport:
    path: Path
    files: list[str]  # the zip's members
    bytes: int


def _versions(extra: Mapping[str, str]) -> dict[str, str]:
    out = {
        "SMS Desktop": __version__,
        "Python": f"{platform.python_version()} ({platform.python_implementation()},"
        f" {sys.platform}, {'frozen' if getattr(sys, 'frozen', False) else 'source'})",
        "OS": platform.platform(),
        "SQLite": sqlite3.sqlite_version,
    }
    out.update(extra)
    return out


def _counts(db: Database) -> dict[str, int | str]:
    read = db.read()
    out: dict[str, int | str] = {}
    for table in TABLES:
        try:
            out[table] = int(read.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        except sqlite3.Error as exc:
            out[table] = f"? ({exc})"
    # messages: from the per-job counts the triggers keep (a million rows need no scan)
    row = read.execute("SELECT COALESCE(SUM(n), 0) FROM job_counts").fetchone()
    out["messages"] = int(row[0])
    return out


def _host(url: str) -> str:
    """Scheme, host, port and path of a URL: never its user part or query."""
    try:
        u = urlsplit(url)
    except ValueError:
        return "?"
    host = u.hostname or ""
    port = f":{u.port}" if u.port else ""
    return f"{u.scheme}://{host}{port}{u.path}"


def _accounts(accounts: AccountStore) -> list[str]:
    lines = []
    for a in accounts.list():
        options = {k: v for k, v in a.options.items() if not SECRET_KEY_RE.search(k)}
        lines.append(
            f"  {a.name}: family={a.family} url={_host(a.base_url)} charset={a.charset or '-'}"
            f" batch={a.batch_size or '-'} concurrency={a.concurrency}"
            f" timeouts={a.connect_timeout:g}/{a.read_timeout:g}s hold_locally={a.hold_locally}"
            f" options={options}"
        )
    return lines


def _settings_lines(lines: list[str]) -> str:
    """The lines of an INI file or key=value listing whose key does not name a credential."""
    kept = []
    for line in lines:
        key = line.split("=", 1)[0] if "=" in line else ""
        if key and SECRET_KEY_RE.search(key):
            kept.append(f"{key.rstrip()}=(left out)")
        else:
            kept.append(line)
    return "\n".join(kept) + "\n"


def write_diagnostics(
    path: Path | str,
    *,
    db: Database,
    accounts: AccountStore,
    log_dir: Path | None = None,
    settings_file: Path | None = None,
    versions: Mapping[str, str] | None = None,
) -> DiagnosticsReport:
    """Write the diagnostics zip to ``path`` (see the module docstring). ``versions`` adds the
    client's own (Qt, PySide6)."""
    path = Path(path)
    if path.suffix.lower() != ".zip":
        path = path.with_suffix(".zip")
    lines = [f"{k}: {v}" for k, v in _versions(versions or {}).items()]
    lines.append(f"Written: {time.strftime('%Y-%m-%d %H:%M:%S')}")
    lines.append(f"Data folder: {db.home}")
    if isinstance(db, SqliteDatabase):
        size = 0
        for part in (db.path, db.path.with_name(db.path.name + "-wal")):
            try:
                size += part.stat().st_size
            except OSError:
                pass
        where, what = db.path.name, "with its WAL"
    else:  # an office server: its URL, never a password
        c = db.read()
        size = int(c.execute("SELECT pg_database_size(current_database())").fetchone()[0])
        where, what = db.location, "on the server"
    lines.append(f"Database: {where}, {size:,} bytes {what}, schema version {db.schema_version}")
    lines.append("Rows: " + ", ".join(f"{k} {v}" for k, v in _counts(db).items()))
    lines.append("Accounts (no credentials):")
    lines += _accounts(accounts) or ["  (none)"]
    store_settings = [
        f"{k}={v}"
        for k, v in db.read().execute("SELECT key, value FROM settings ORDER BY key").fetchall()
    ]
    logs: list[Path] = []
    if log_dir is not None and log_dir.is_dir():
        logs = sorted(p for p in log_dir.iterdir() if p.is_file() and ".log" in p.name)
    lines.append(f"Log folder: {log_dir if log_dir is not None else '-'} ({len(logs)} files)")

    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.zip")
    members: list[str] = []
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("diagnostics.txt", "\n".join(lines) + "\n")
            members.append("diagnostics.txt")
            z.writestr("store-settings.txt", _settings_lines(store_settings))
            members.append("store-settings.txt")
            if settings_file is not None and settings_file.is_file():
                text = settings_file.read_text(encoding="utf-8", errors="replace")
                z.writestr("settings.ini", _settings_lines(text.splitlines()))
                members.append("settings.ini")
            for p in logs[:LOG_LIMIT]:
                z.write(p, f"logs/{p.name}")
                members.append(f"logs/{p.name}")
        os.replace(tmp, path)
    except PermissionError as exc:
        raise InputError(
            f"无法写入“{path.name}”：请换一个位置。 / Cannot write {path.name!r}: choose another"
            " place."
        ) from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return DiagnosticsReport(path, members, path.stat().st_size)

"""The SQL of the ``services`` table: who runs the office sender service on this store, the
duties it took, and its heartbeat (the rules are in :mod:`sms_desktop.core.service`).

Heartbeats are seconds since 1970 by the database's own clock (:func:`_now`), never by a PC's:
on an office server, the PC that reads a heartbeat may be minutes off the one that wrote it.
Functions that take ``c`` run in the caller's write transaction (``with db.write() as c``).
"""

from __future__ import annotations

from .base import Connection, Database, Row

TABLE = "services"


def _now(c: Connection) -> str:
    """The database's clock in seconds since 1970, as SQL."""
    return c.dialect.epoch


def claim(
    c: Connection,
    name: str,
    *,
    token: str,
    host: str,
    user: str,
    pid: int,
    started_at: str,
    duties: str,
    lapse: float,
    dead_pid_on_host: bool = False,
) -> bool:
    """Record this run as the service ``name``: when there is none, when the one recorded has
    not beaten for ``lapse`` seconds, or (``dead_pid_on_host``) when the caller found it dead.
    False, changing nothing, when another one is live. One statement, so two services starting
    at once cannot both win."""
    now = _now(c)
    cur = c.execute(
        "INSERT INTO services(name, token, host, user_name, pid, started_at, duties, heartbeat)"
        f" VALUES(?,?,?,?,?,?,?,{now})"
        " ON CONFLICT(name) DO UPDATE SET token=excluded.token, host=excluded.host,"
        " user_name=excluded.user_name, pid=excluded.pid, started_at=excluded.started_at,"
        " duties=excluded.duties, heartbeat=excluded.heartbeat"
        f" WHERE services.heartbeat < {now} - ? OR ? = 1",
        (name, token, host, user, pid, started_at, duties, lapse, int(dead_pid_on_host)),
    )
    return cur.rowcount == 1


def beat(c: Connection, name: str, token: str) -> bool:
    """The heartbeat of the run holding ``token``; False when the row is no longer its own."""
    cur = c.execute(
        f"UPDATE services SET heartbeat={_now(c)} WHERE name=? AND token=?", (name, token)
    )
    return cur.rowcount == 1


def release(c: Connection, name: str, token: str) -> None:
    """A clean stop: the row of the run holding ``token`` goes (another's stays)."""
    c.execute("DELETE FROM services WHERE name=? AND token=?", (name, token))


def rows(db: Database) -> list[Row]:
    """Every service recorded, with ``age``: seconds since its last heartbeat."""
    conn = db.read()
    return conn.execute(
        "SELECT name, token, host, user_name, pid, started_at, duties,"
        f" {_now(conn)} - heartbeat AS age FROM services ORDER BY name"
    ).fetchall()


def row(db: Database, name: str) -> Row | None:
    conn = db.read()
    found: Row | None = conn.execute(
        "SELECT name, token, host, user_name, pid, started_at, duties,"
        f" {_now(conn)} - heartbeat AS age FROM services WHERE name=?",
        (name,),
    ).fetchone()
    return found

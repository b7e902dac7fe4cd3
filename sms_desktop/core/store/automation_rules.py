"""The SQL of the automation rules (``automation_rules``) and of their runs
(``automation_runs``); the rules themselves are in :mod:`sms_desktop.core.automation.rules`.

A run's ``(rule_id, due_at)`` is unique: :func:`insert_run` is the one statement that decides
which process makes a run, on one PC or several (the loser's insert does nothing). ``due_at``
and ``created_at`` (when the run was made) are Beijing time (the rules' clock), ``decided_at``
the store's local time. Functions that take
``c`` run in the caller's write transaction (``with db.write() as c``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import Connection, Database, Row

RULE_COLUMNS = (
    "name",
    "account",
    "kind",
    "text",
    "template",
    "group_id",
    "filter",
    "schedule",
    "weekday",
    "month_day",
    "at_time",
    "end_date",
    "date_field",
    "yearly",
    "days_before",
    "state",
    "since",
    "created_at",
    "updated_at",
)
_RULES = f"SELECT id, {', '.join(RULE_COLUMNS)} FROM automation_rules"
_RUNS = (
    "SELECT r.id, r.rule_id, a.name AS rule_name, r.due_at, r.state, r.job_id, r.detail,"
    " r.created_at, r.decided_at FROM automation_runs r JOIN automation_rules a ON a.id=r.rule_id"
)


# ---- rules ------------------------------------------------------------------------------------
def rules(db: Database) -> list[Row]:
    """Every rule, by name."""
    return list(db.read().execute(_RULES + " ORDER BY name"))


def rule_by_id(db: Database, rule_id: int) -> Row | None:
    row: Row | None = db.read().execute(_RULES + " WHERE id=?", (rule_id,)).fetchone()
    return row


def rule_by_name(db: Database, name: str) -> Row | None:
    row: Row | None = db.read().execute(_RULES + " WHERE name=?", (name,)).fetchone()
    return row


def insert_rule(c: Connection, values: dict[str, Any]) -> int:
    """A new rule (``values`` by :data:`RULE_COLUMNS`); its id. The store's ``IntegrityError``
    when the name is taken."""
    cols = [k for k in RULE_COLUMNS if k in values]
    row = c.execute(
        f"INSERT INTO automation_rules({', '.join(cols)}) VALUES({', '.join('?' for _ in cols)})"
        " RETURNING id",
        [values[k] for k in cols],
    ).fetchone()
    return int(row[0])


def update_rule(c: Connection, rule_id: int, values: dict[str, Any]) -> int:
    """Some columns of a rule; how many rows changed (0: no such rule)."""
    cols = [k for k in RULE_COLUMNS if k in values]
    cur = c.execute(
        f"UPDATE automation_rules SET {', '.join(f'{k}=?' for k in cols)} WHERE id=?",
        [*(values[k] for k in cols), rule_id],
    )
    return int(cur.rowcount)


def delete_rule(c: Connection, rule_id: int) -> int:
    """The rule and its runs (their jobs stay in 发送记录)."""
    c.execute("DELETE FROM automation_runs WHERE rule_id=?", (rule_id,))
    return int(c.execute("DELETE FROM automation_rules WHERE id=?", (rule_id,)).rowcount)


# ---- runs -------------------------------------------------------------------------------------
def last_due(db: Database, rule_id: int) -> str | None:
    """The latest due time of the rule's runs recorded (Beijing), or None."""
    row = (
        db.read()
        .execute("SELECT MAX(due_at) FROM automation_runs WHERE rule_id=?", (rule_id,))
        .fetchone()
    )
    return None if row is None or row[0] is None else str(row[0])


def insert_run(
    c: Connection,
    rule_id: int,
    due_at: str,
    state: str,
    now: str,
    *,
    detail: str = "",
) -> int | None:
    """Record the run of ``rule_id`` due at ``due_at``: its id, or None when it was recorded
    already (another process made it: it is not made again)."""
    row = c.execute(
        "INSERT INTO automation_runs(rule_id, due_at, state, detail, created_at)"
        " VALUES(?,?,?,?,?) ON CONFLICT(rule_id, due_at) DO NOTHING RETURNING id",
        (rule_id, due_at, state, detail, now),
    ).fetchone()
    return None if row is None else int(row[0])


def set_run(
    c: Connection,
    run_id: int,
    state: str,
    *,
    job_id: int | None = None,
    detail: str | None = None,
    decided_at: str | None = None,
    only_from: str | None = None,
) -> bool:
    """A run's new state (its job, detail and decision time when given); ``only_from``: only
    when it is in that state now (a decision taken once, whoever else tries). False when
    nothing changed."""
    sets: list[str] = ["state=?"]
    params: list[Any] = [state]
    for col, value in (("job_id", job_id), ("detail", detail), ("decided_at", decided_at)):
        if value is not None:
            sets.append(f"{col}=?")
            params.append(value)
    sql = f"UPDATE automation_runs SET {', '.join(sets)} WHERE id=?"
    params.append(run_id)
    if only_from is not None:
        sql += " AND state=?"
        params.append(only_from)
    return int(c.execute(sql, params).rowcount) == 1


def run(db: Database, run_id: int) -> Row | None:
    row: Row | None = db.read().execute(_RUNS + " WHERE r.id=?", (run_id,)).fetchone()
    return row


def runs(
    db: Database,
    *,
    states: Sequence[str] | None = None,
    rule_id: int | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Runs, newest due first (of these states, of this rule)."""
    sql = _RUNS + " WHERE 1=1"
    params: list[Any] = []
    if states is not None:
        sql += " AND r.state IN ({})".format(",".join("?" for _ in states))
        params.extend(states)
    if rule_id is not None:
        sql += " AND r.rule_id=?"
        params.append(rule_id)
    sql += " ORDER BY r.due_at DESC, r.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return list(db.read().execute(sql, params))


def latest_runs(db: Database) -> list[Row]:
    """Each rule's latest run (by due time)."""
    return list(
        db.read().execute(
            _RUNS + " WHERE r.due_at = (SELECT MAX(x.due_at) FROM automation_runs x"
            " WHERE x.rule_id = r.rule_id)"
        )
    )


def unsent_jobs(db: Database, job_state: str) -> list[Row]:
    """The runs made by a tick whose job is still in ``job_state`` (made, not started: its
    maker stopped before sending it), with their due time (not a missed run a person chose to
    send: its job is theirs, in 发送记录)."""
    return list(
        db.read().execute(
            "SELECT r.id, r.rule_id, r.due_at, r.created_at, r.job_id FROM automation_runs r"
            " JOIN jobs j ON j.id = r.job_id"
            " WHERE r.state='sent' AND r.decided_at IS NULL AND j.state=?",
            (job_state,),
        )
    )

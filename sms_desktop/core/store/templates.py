"""The ``templates`` table's SQL: one row per message template (短信模板), by its name.

Rows go in and out as the values of :data:`COLUMNS`, in that order; :mod:`..templates` turns
them into :class:`~..templates.Template` objects and holds the rules. Portable SQL: the times are
passed in, a rename is an UPDATE of the key, no engine's own syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import Database, Row

COLUMNS = (
    "name",
    "category",
    "text",
    "family",
    "job_kind",
    "gateway_template_id",
    "gateway_template_vars",
    "created_at",
    "updated_at",
)
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM templates"


def all_rows(db: Database) -> list[Row]:
    """Every template, by category, then by name."""
    return list(db.read().execute(_SELECT + " ORDER BY category, name"))


def get(db: Database, name: str) -> Row | None:
    row: Row | None = db.read().execute(_SELECT + " WHERE name=?", (name,)).fetchone()
    return row


def insert(db: Database, values: Sequence[Any]) -> None:
    """A new row (``values`` in :data:`COLUMNS` order). Raises the store's ``IntegrityError`` when
    the name is taken."""
    with db.write() as c:
        c.execute(
            f"INSERT INTO templates({', '.join(COLUMNS)}) "
            f"VALUES({', '.join('?' for _ in COLUMNS)})",
            list(values),
        )


def update(db: Database, old_name: str, values: Sequence[Any]) -> int:
    """Replace the row named ``old_name`` (its name too, for a rename; not its creation time):
    how many rows changed (0: no such template). Raises the store's ``IntegrityError`` when the new
    name is another template's."""
    cols = [col for col in COLUMNS if col != "created_at"]
    by_col = dict(zip(COLUMNS, values, strict=True))
    with db.write() as c:
        cur = c.execute(
            f"UPDATE templates SET {', '.join(f'{col}=?' for col in cols)} WHERE name=?",
            [*(by_col[col] for col in cols), old_name],
        )
        return int(cur.rowcount)


def delete(db: Database, name: str) -> int:
    with db.write() as c:
        return int(c.execute("DELETE FROM templates WHERE name=?", (name,)).rowcount)

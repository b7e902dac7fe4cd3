"""Keys-first queries for large lists, and moving contacts between groups.

A GUI table of 100,000 contacts asks for the ordered ids of the rows that match (one query,
filtered and sorted in SQL), then for the rows of a page of ids. The same filter selects the
recipients of "send to all matching", so what is shown is what is sent.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..store import Database
from .repository import (
    _SELECT,
    BlacklistEntry,
    Contact,
    GroupRef,
    _contact,
    _group_id,
    _where,
    check_versions,
)

__all__ = [
    "CONTACT_ORDERS",
    "ContactSelection",
    "blacklist_by_ids",
    "blacklist_ids",
    "contact_ids",
    "contact_page",
    "contacts_by_ids",
    "copy_contacts",
    "move_contacts",
    "recipients_from_selection",
    "selection_recipients",
]

# the sortable columns: name → SQL expression (a whitelist: nothing else reaches ORDER BY)
CONTACT_ORDERS: dict[str, str] = {
    "id": "c.id",
    "phone": "c.phone",
    "name": "c.name_key",  # pinyin order (core/pinyin.py)
    "group": "g.name",
    "fields": "c.fields",
    "created_at": "c.created_at",
    "updated_at": "c.updated_at",
    "carrier": "c.carrier",
    "region": "c.province || c.city",
}
_CHUNK = 500  # ids per IN (…): well under SQLite's variable limit
_SLICE = 8192  # ids converted per step (see _ids)


def _ids(db: Database, sql: str, params: Sequence[Any]) -> array[int]:
    """The first column of ``sql`` as an array of ints, fetched as ONE string.

    ``fetchall()`` of 100,000 one-column rows took 220-300 ms here and takes the GIL back at
    every row; ``group_concat`` runs the whole query inside SQLite (no GIL) in 40-70 ms, and the
    string is converted in slices, so a GUI thread waiting for the GIL waits a few ms at most.
    On PostgreSQL the query runs on the server and its rows arrive at once: read as they come.
    """
    out: array[int] = array("q")
    if db.dialect.postgresql:
        cur = db.read().cursor()
        cur.row_factory = None
        cur.execute(sql, params)
        out.extend(r[0] for r in cur)
        return out
    row = db.read().execute(f"SELECT group_concat(k) FROM ({sql})", params).fetchone()
    text = row[0] if row else None
    if not text:
        return out
    parts = str(text).split(",")
    for start in range(0, len(parts), _SLICE):
        out.extend(map(int, parts[start : start + _SLICE]))
    return out


def _order_sql(order: str, descending: bool, table: dict[str, str]) -> str:
    expr = table.get(order)
    if expr is None:
        raise InputError(f"不能按此列排序：{order} / Cannot sort by {order!r}")
    direction = " DESC" if descending else ""
    return f" ORDER BY {expr}{direction}, c.id{direction}"


def contact_ids(
    db: Database,
    group: GroupRef | None = None,
    search: str | None = None,
    order: str = "id",
    descending: bool = False,
    carrier: str | None = None,
    province: str | None = None,
) -> array[int]:
    """The ids of the contacts (of ``group``) matching ``search``, sorted by ``order``.

    ``search`` matches as :func:`list_contacts` does: name, phone (partial, with decorations)
    or any field. ``carrier`` (a code of ``core.carriers.CARRIERS``) and ``province`` keep the
    contacts whose number's block was allocated there (号段归属). ``order`` is a key of
    :data:`CONTACT_ORDERS`.
    """
    where, params = _where(db, group, search, carrier, province, list_scan=True)
    order_sql = _order_sql(order, descending, CONTACT_ORDERS)
    join = " JOIN groups g ON g.id=c.group_id" if order == "group" else ""
    return _ids(db, f"SELECT c.id AS k FROM contacts c{join}{where}{order_sql}", params)


def contact_page(
    db: Database,
    group: GroupRef | None = None,
    search: str | None = None,
    order: str = "id",
    descending: bool = False,
    limit: int = 200,
    carrier: str | None = None,
    province: str | None = None,
) -> list[Contact]:
    """The first ``limit`` contacts of :func:`contact_ids` (same filter, same order), read in one
    query that stops at ``limit`` rows: a table shows them at once, while the ids of every match
    (and so their count) come from :func:`contact_ids` after."""
    where, params = _where(db, group, search, carrier, province, list_scan=True)
    order_sql = _order_sql(order, descending, CONTACT_ORDERS)
    conn = db.read()
    if order == "group":
        sql = f"{_SELECT}{where}{order_sql} LIMIT ?"
        return [_contact(r) for r in conn.execute(sql, [*params, limit])]
    # the group names from their own small table: joined in the query, the planner read the
    # contacts through the group index (one random page per row: 280 ms for 100,000 instead
    # of 27 ms in order)
    names = dict(conn.execute("SELECT id, name FROM groups").fetchall())
    sql = f"SELECT c.*, '' AS group_name FROM contacts c{where}{order_sql} LIMIT ?"
    page = [_contact(r) for r in conn.execute(sql, [*params, limit])]
    for c in page:
        c.group = names.get(c.group_id, "")
    return page


def contacts_by_ids(db: Database, ids: Sequence[int]) -> list[Contact | None]:
    """The contacts of ``ids``, in the same order; ``None`` for one deleted meanwhile."""
    found: dict[int, Contact] = {}
    conn = db.read()
    id_list = [int(i) for i in ids]
    for start in range(0, len(id_list), _CHUNK):
        chunk = id_list[start : start + _CHUNK]
        sql = _SELECT + f" WHERE c.id IN ({','.join('?' * len(chunk))})"
        for r in conn.execute(sql, chunk):
            found[r["id"]] = _contact(r)
    return [found.get(i) for i in id_list]


def _target_group(conn: Any, group: GroupRef) -> int:
    gid = _group_id(conn, group)
    if gid is None:
        raise InputError(f"分组不存在：{group} / No such group: {group}")
    return gid


def move_contacts(
    db: Database,
    ids: Iterable[int],
    group: GroupRef,
    versions: Mapping[int, int] | None = None,
) -> tuple[int, int]:
    """Move contacts into ``group``: (moved, kept). A number the group already holds stays
    where it was (the group's own entry is not overwritten); of several selected contacts with
    the same number, the first (lowest id) moves. ``versions``: id → the version the user saw
    (of the contacts shown); ConflictError, nothing moved, when one was changed or deleted."""
    id_list = [int(i) for i in ids]
    moved = 0
    with db.write() as c:
        if versions:
            check_versions(c, versions, ("移动", "moved"))
        gid = _target_group(c, group)
        taken: set[str] = set()  # numbers the group holds (of the chunks so far)
        for start in range(0, len(id_list), _CHUNK):
            chunk = id_list[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            taken.update(
                r[0]
                for r in c.execute(
                    "SELECT phone FROM contacts WHERE group_id=? AND phone IN"
                    f" (SELECT phone FROM contacts WHERE id IN ({marks}))",
                    [gid, *chunk],
                )
            )
            go: list[int] = []
            for cid, phone in c.execute(
                f"SELECT id, phone FROM contacts WHERE id IN ({marks}) AND group_id<>? ORDER BY id",
                [*chunk, gid],
            ).fetchall():
                if phone not in taken:
                    taken.add(phone)
                    go.append(cid)
            if go:
                moved += c.execute(
                    f"UPDATE contacts SET group_id=?, updated_at={db.dialect.now},"
                    f" version=version+1 WHERE id IN ({','.join('?' * len(go))})",
                    [gid, *go],
                ).rowcount
    return moved, len(id_list) - moved


def copy_contacts(db: Database, ids: Iterable[int], group: GroupRef) -> tuple[int, int]:
    """Copy contacts into ``group``: (copied, kept). Numbers already there are left as they are."""
    id_list = [int(i) for i in ids]
    copied = 0
    with db.write() as c:
        gid = _target_group(c, group)
        for start in range(0, len(id_list), _CHUNK):
            chunk = id_list[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            copied += c.execute(
                "INSERT INTO contacts(group_id, phone, name, name_key, fields, carrier,"
                " province, city) SELECT ?, phone, name, name_key, fields, carrier, province, city"
                f" FROM contacts WHERE id IN ({marks}) ORDER BY id ON CONFLICT DO NOTHING",
                [gid, *chunk],
            ).rowcount
    return copied, len(id_list) - copied


@dataclass(frozen=True)
class ContactSelection:
    """Which contacts a send goes to: a group, some ids, or everything matching a search.

    ``ids`` wins when given; otherwise ``group`` (None: every group), ``search``, ``carrier``
    and ``province`` select, as :func:`contact_ids` does. ``label`` is what the user saw
    ("分组 客户", "3 selected" …).
    """

    group: int | None = None
    search: str | None = None
    ids: tuple[int, ...] | None = None
    carrier: str | None = None
    province: str | None = None
    label: str = ""
    fields: list[str] = field(default_factory=list, compare=False)


def recipients_from_selection(db: Database, sel: ContactSelection) -> list[Any]:
    """The selected contacts as engine recipients (their fields fill ``{列名}``), in id order.

    ``{姓名}`` works as in a file whose name column is 姓名.
    """
    from .recipients import Recipient

    ids = (
        list(sel.ids)
        if sel.ids is not None
        else contact_ids(db, sel.group, sel.search, carrier=sel.carrier, province=sel.province)
    )
    out: list[Recipient] = []
    for c in contacts_by_ids(db, ids):
        if c is not None:
            fields = dict(c.fields)
            fields.setdefault("姓名", c.name)
            out.append(Recipient(c.phone, c.name, fields))
    return out


def selection_recipients(db: Database, sel: ContactSelection) -> Any:
    """The selection as a :class:`~.recipients.FileRecipients` (what 发送 takes from a file):
    the recipients, and every field name as a ``{列名}`` column (``姓名`` first)."""
    from .recipients import FileRecipients
    from .repository import field_names

    recipients = recipients_from_selection(db, sel)
    names: dict[str, None] = {"姓名": None}
    if sel.ids is None:
        names.update(dict.fromkeys(field_names(db, sel.group)))
    else:
        for r in recipients:
            names.update(dict.fromkeys(r.fields))
    columns = list(names)
    return FileRecipients(
        path=sel.label,
        sheet=None,
        headers=["手机号码", *columns],
        columns=columns,
        phone_column="手机号码",
        name_column="姓名",
        rows=len(recipients),
        recipients=recipients,
    )


# ---- the blacklist (keys are ids: a landline's leading 0 survives) -----------------------------
BLACKLIST_ORDERS: dict[str, str] = {
    "created_at": "created_at",
    "phone": "phone",
    "reason": "reason",
    "source": "source",
}


def blacklist_ids(
    db: Database, search: str | None = None, order: str = "created_at", descending: bool = True
) -> array[int]:
    """The ids of the blacklist entries matching ``search`` (phone, reason or source)."""
    expr = BLACKLIST_ORDERS.get(order)
    if expr is None:
        raise InputError(f"不能按此列排序：{order} / Cannot sort by {order!r}")
    direction = " DESC" if descending else ""
    sql = "SELECT id AS k FROM blacklist"
    params: list[Any] = []
    if search and search.strip():
        found = [db.dialect.contains(c, search.strip()) for c in ("phone", "reason", "source")]
        sql += " WHERE " + " OR ".join(part for part, _ in found)
        params = [param for _, param in found]
    sql += f" ORDER BY {expr}{direction}, id{direction}"
    return _ids(db, sql, params)


def blacklist_by_ids(db: Database, ids: Sequence[int]) -> list[BlacklistEntry | None]:
    found: dict[int, BlacklistEntry] = {}
    conn = db.read()
    id_list = [int(i) for i in ids]
    for start in range(0, len(id_list), _CHUNK):
        chunk = id_list[start : start + _CHUNK]
        sql = (
            "SELECT id, phone, reason, source, created_at FROM blacklist "
            f"WHERE id IN ({','.join('?' * len(chunk))})"
        )
        for r in conn.execute(sql, chunk):
            found[r[0]] = BlacklistEntry(r[1], r[2], r[3], r[4])
    return [found.get(i) for i in id_list]

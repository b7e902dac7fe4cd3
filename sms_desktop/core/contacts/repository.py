"""Database access for groups, contacts and the blacklist (tables of schema V1).

Contacts and groups carry a ``version``, raised by every change of the row (an edit, a move, an
import's update, a rename). An edit made from what the user read states that version
(``version=`` / ``versions=``) and is refused with :class:`~..errors.ConflictError`, nothing
written, when the row has moved on since: two PCs editing the same contact never silently
overwrite each other. The rows checked are locked until the commit (PostgreSQL's ``FOR UPDATE``;
SQLite's single writer holds the whole database already), so the check and the write are one.
Without a version, a write goes ahead as before (an import, a script that read nothing).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..carriers import columns as allocation_columns
from ..errors import ConflictError, InputError
from ..phones import normalise
from ..pinyin import name_key
from ..store import Connection, Database, IntegrityError

__all__ = [
    "BlacklistEntry",
    "BlacklistResult",
    "ConflictError",
    "Contact",
    "Group",
    "add_contact",
    "blacklist_add",
    "blacklist_contains",
    "blacklist_count",
    "blacklist_insert",
    "blacklist_list",
    "blacklist_remove",
    "blacklisted_set",
    "count_contacts",
    "create_group",
    "delete_contacts",
    "delete_group",
    "field_names",
    "get_contact",
    "get_group",
    "group_id",
    "groups",
    "iter_contacts",
    "list_contacts",
    "rename_group",
    "update_contact",
]

GroupRef = int | str


@dataclass(frozen=True)
class Group:
    id: int
    name: str
    count: int
    created_at: str
    version: int = 1


@dataclass
class Contact:
    id: int
    group_id: int
    group: str
    phone: str
    name: str
    fields: dict[str, str] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""
    # 号段归属 of the number (``core/carriers.py``): what its block was allocated to, not
    # necessarily its carrier today (携号转网)
    carrier: str = ""
    province: str = ""
    city: str = ""
    version: int = 1  # raised by every change (see the module's description)

    @property
    def label(self) -> str:
        """The name and number, for messages: ``张三（13800138000）``."""
        return f"{self.name}（{self.phone}）" if self.name else self.phone

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "group": self.group,
            "phone": self.phone,
            "name": self.name,
            "fields": self.fields,
            "carrier": self.carrier,
            "province": self.province,
            "city": self.city,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True)
class BlacklistEntry:
    phone: str
    reason: str
    source: str
    created_at: str


@dataclass
class BlacklistResult:
    added: int = 0
    already: int = 0
    invalid: list[str] = field(default_factory=list)  # reasons


def _fields(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return (
        {str(k): "" if v is None else str(v) for k, v in data.items()}
        if isinstance(data, dict)
        else {}
    )


def dumps_fields(fields: Mapping[str, Any]) -> str:
    return json.dumps(dict(fields), ensure_ascii=False, separators=(",", ":"))


_DIGIT_DECOR_RE = re.compile(r"[\s\-()]+")


# ---- groups -----------------------------------------------------------------------------------
def _group_id(conn: Connection, group: GroupRef) -> int | None:
    if isinstance(group, int):
        row = conn.execute("SELECT id FROM groups WHERE id=?", (group,)).fetchone()
    else:
        row = conn.execute("SELECT id FROM groups WHERE name=?", (group.strip(),)).fetchone()
    return None if row is None else int(row[0])


def group_id(db: Database, group: GroupRef) -> int:
    gid = _group_id(db.read(), group)
    if gid is None:
        raise InputError(f"分组不存在：{group} / No such group: {group}")
    return gid


def get_group(db: Database, group: GroupRef) -> Group:
    gid = group_id(db, group)
    row = (
        db.read()
        .execute(
            "SELECT g.id, g.name, g.created_at, (SELECT COUNT(*) FROM contacts c WHERE c.group_id=g.id), "
            "g.version FROM groups g WHERE g.id=?",
            (gid,),
        )
        .fetchone()
    )
    return Group(id=row[0], name=row[1], created_at=row[2], count=row[3], version=row[4])


def ensure_group(conn: Connection, name: str) -> tuple[int, bool]:
    """(id, created) of the group named ``name``, created when missing. Inside a write."""
    name = name.strip()
    if not name:
        raise InputError("分组名称不能为空 / The group name cannot be empty")
    gid = _group_id(conn, name)
    if gid is not None:
        return gid, False
    row = conn.execute("INSERT INTO groups(name) VALUES(?) RETURNING id", (name,)).fetchone()
    return int(row[0]), True


def create_group(db: Database, name: str) -> int:
    with db.write() as c:
        if _group_id(c, name.strip()) is not None:
            raise InputError(f"分组已存在：{name} / The group already exists: {name}")
        gid, _ = ensure_group(c, name)
    return gid


def rename_group(db: Database, group: GroupRef, new_name: str, version: int | None = None) -> None:
    """Rename a group. ``version``: the group's version as the user read it (:class:`Group`);
    ConflictError, nothing renamed, when it was renamed or deleted meanwhile."""
    new_name = new_name.strip()
    if not new_name:
        raise InputError("分组名称不能为空 / The group name cannot be empty")
    with db.write() as c:
        gid = _group_id(c, group)
        if gid is None:
            if version is not None:
                raise ConflictError(
                    f"分组“{group}”已被他人删除，没有重命名。"
                    f" / The group {group} was deleted by someone else; it was not renamed."
                )
            raise InputError(f"分组不存在：{group} / No such group: {group}")
        if version is not None:
            found = c.execute(
                f"SELECT name, version FROM groups WHERE id=?{_for_update(c)}", (gid,)
            ).fetchone()
            if found is None:  # deleted between the two reads
                raise ConflictError(
                    f"分组“{group}”已被他人删除，没有重命名。"
                    f" / The group {group} was deleted by someone else; it was not renamed."
                )
            if found["version"] != version:
                raise ConflictError(
                    f"分组已被他人修改（现在名为“{found['name']}”），没有重命名。请重新读取后再试。"
                    f" / The group was changed by someone else (it is now named"
                    f" {found['name']}); it was not renamed. Reload and try again."
                )
        other = _group_id(c, new_name)
        if other is not None and other != gid:
            raise InputError(f"分组已存在：{new_name} / The group already exists: {new_name}")
        c.execute("UPDATE groups SET name=?, version=version+1 WHERE id=?", (new_name, gid))


def delete_group(db: Database, group: GroupRef) -> int:
    """Delete a group and its contacts; returns how many contacts went with it."""
    with db.write() as c:
        gid = _group_id(c, group)
        if gid is None:
            raise InputError(f"分组不存在：{group} / No such group: {group}")
        n = int(c.execute("SELECT COUNT(*) FROM contacts WHERE group_id=?", (gid,)).fetchone()[0])
        c.execute("DELETE FROM contacts WHERE group_id=?", (gid,))
        c.execute("DELETE FROM groups WHERE id=?", (gid,))
    return n


def groups(db: Database) -> list[Group]:
    rows = (
        db.read()
        .execute(
            "SELECT g.id, g.name, g.created_at, COUNT(c.id), g.version FROM groups g "
            "LEFT JOIN contacts c ON c.group_id=g.id GROUP BY g.id ORDER BY g.name"
        )
        .fetchall()
    )
    return [Group(id=r[0], name=r[1], created_at=r[2], count=r[3], version=r[4]) for r in rows]


# ---- contacts ---------------------------------------------------------------------------------
_SELECT = (
    "SELECT c.id, c.group_id, g.name AS group_name, c.phone, c.name, c.fields, c.created_at, "
    "c.updated_at, c.carrier, c.province, c.city, c.version FROM contacts c"
    " JOIN groups g ON g.id=c.group_id"
)


def _contact(r: Any) -> Contact:
    return Contact(
        id=r["id"],
        group_id=r["group_id"],
        group=r["group_name"],
        phone=r["phone"],
        name=r["name"],
        fields=_fields(r["fields"]),
        created_at=r["created_at"],
        updated_at=r["updated_at"],
        carrier=r["carrier"] or "",
        province=r["province"] or "",
        city=r["city"] or "",
        version=r["version"],
    )


# ---- versions: an edit never silently overwrites another's --------------------------------------
def _for_update(c: Connection) -> str:
    """The rows a write checks stay locked until its commit: PostgreSQL's ``FOR UPDATE`` (another
    PC's write waits, then sees the new version); SQLite's writer holds the database already."""
    return " FOR UPDATE" if c.dialect.postgresql else ""


_CHECK_CHUNK = 500


def check_versions(
    c: Connection,
    versions: Mapping[int, int],
    doing: tuple[str, str],
    *,
    gone_is_conflict: bool = True,
) -> None:
    """Inside a write: ConflictError when a contact of ``versions`` (id → the version the user
    read) has changed since, or is gone (unless ``gone_is_conflict`` is False: deleting what
    someone else deleted overwrites nothing). The rows read stay locked until the commit.
    ``doing``: what was refused, in Chinese and English ("保存", "saved")."""
    changed: list[Contact] = []
    gone: list[int] = []
    ids = list(versions)
    for start in range(0, len(ids), _CHECK_CHUNK):
        chunk = ids[start : start + _CHECK_CHUNK]
        rows = c.execute(
            "SELECT id, group_id, '' AS group_name, phone, name, fields, created_at, updated_at,"
            f" carrier, province, city, version FROM contacts WHERE id IN ({','.join('?' * len(chunk))})"
            f" ORDER BY id{_for_update(c)}",
            chunk,
        ).fetchall()
        found = {r["id"]: r for r in rows}
        for i in chunk:
            r = found.get(i)
            if r is None:
                gone.append(i)
            elif r["version"] != versions[i]:
                changed.append(_contact(r))
    if not gone_is_conflict:
        gone = []
    if changed or gone:
        raise _conflict(changed, gone, doing)


def _conflict(changed: list[Contact], gone: list[int], doing: tuple[str, str]) -> ConflictError:
    zh_doing, en_doing = doing
    n = len(changed) + len(gone)
    if n == 1 and changed:
        c = changed[0]
        return ConflictError(
            f"联系人{c.label}已被他人修改（{c.updated_at}），您的操作没有{zh_doing}。"
            "请重新读取后再试。"
            f" / Contact {c.label} was changed by someone else ({c.updated_at}); nothing was"
            f" {en_doing}. Reload it and try again."
        )
    if n == 1:
        return ConflictError(
            f"联系人（编号 {gone[0]}）已被他人删除，您的操作没有{zh_doing}。"
            f" / Contact {gone[0]} was deleted by someone else; nothing was {en_doing}."
        )
    named = "、".join(c.label for c in changed[:3]) or "、".join(f"#{i}" for i in gone[:3])
    return ConflictError(
        f"有 {n} 个联系人已被他人修改或删除（{named} 等），您的操作没有{zh_doing}。"
        "请重新读取后再试。"
        f" / {n} contacts were changed or deleted by someone else ({named} …); nothing was"
        f" {en_doing}. Reload and try again."
    )


def _where(
    db: Database,
    group: GroupRef | None,
    search: str | None,
    carrier: str | None = None,
    province: str | None = None,
    *,
    list_scan: bool = False,
) -> tuple[str, list[Any]]:
    """The WHERE of a filter: a group, a search (name, part of a number, any field), and the
    号段归属 filters: a carrier code (``""``: unknown blocks) and a province (``""``: unknown).
    ``list_scan``: for a query that reads the matching rows in a table's order (not a count), a
    large group is read by scanning the table in order rather than through the group index,
    whose entries point all over the table (a fifth of 100,000 contacts read through it took
    5-8 times longer than reading all 100,000 in order)."""
    clauses: list[str] = []
    params: list[Any] = []
    if group is not None:
        gid = group_id(db, group)
        clauses.append("+c.group_id=?" if list_scan and _large_group(db, gid) else "c.group_id=?")
        params.append(gid)
    if carrier is not None:
        clauses.append("c.carrier=?")
        params.append(carrier)
    if province is not None:
        clauses.append("c.province=?")
        params.append(province)
    if search and search.strip():
        term = search.strip()
        digits = normalise(term)
        parts = []
        for column in ("c.name", "c.phone", "c.fields"):  # ASCII letters' case ignored
            sql, param = db.dialect.contains(column, term)
            parts.append(sql)
            params.append(param)
        compact = _DIGIT_DECOR_RE.sub("", term)
        if compact != term and compact.isdigit() and compact.isascii():
            parts.append("c.phone LIKE ?")  # "0013 8000" finds 13800138000
            params.append(f"%{compact}%")
        if digits.phone:
            parts.append("c.phone=?")
            params.append(digits.phone)
        clauses.append("(" + " OR ".join(parts) + ")")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _large_group(db: Database, gid: int) -> bool:
    """Whether the group holds more than an eighth of the contacts (the rowids' span: a cheap
    upper bound of the table's size)."""
    conn = db.read()
    span = conn.execute("SELECT MAX(id) - MIN(id) + 1 FROM contacts").fetchone()[0] or 0
    held = conn.execute("SELECT COUNT(*) FROM contacts WHERE group_id=?", (gid,)).fetchone()[0]
    return bool(held * 8 > span)


def list_contacts(
    db: Database,
    group: GroupRef | None = None,
    search: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    carrier: str | None = None,
    province: str | None = None,
) -> list[Contact]:
    """Contacts, newest group order by id; ``search`` matches name, phone or any field;
    ``carrier`` and ``province`` keep the numbers whose block was allocated there."""
    where, params = _where(db, group, search, carrier, province)
    sql = _SELECT + where + " ORDER BY c.id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params.extend([limit, offset])
    return [_contact(r) for r in db.read().execute(sql, params)]


def iter_contacts(db: Database, group: GroupRef | None = None) -> Iterator[Contact]:
    """Every contact (of a group), streamed: for sending and exporting."""
    where, params = _where(db, group, None)
    cur = db.read().execute(_SELECT + where + " ORDER BY c.id", params)
    for r in cur:
        yield _contact(r)


def count_contacts(
    db: Database,
    group: GroupRef | None = None,
    search: str | None = None,
    carrier: str | None = None,
    province: str | None = None,
) -> int:
    where, params = _where(db, group, search, carrier, province)
    return int(db.read().execute("SELECT COUNT(*) FROM contacts c" + where, params).fetchone()[0])


def get_contact(db: Database, contact_id: int) -> Contact:
    r = db.read().execute(_SELECT + " WHERE c.id=?", (contact_id,)).fetchone()
    if r is None:
        raise InputError(f"联系人不存在：{contact_id} / No such contact: {contact_id}")
    return _contact(r)


def _valid_phone(phone: str, allow_landline: bool) -> str:
    res = normalise(phone, allow_landline)
    if res.phone is None:
        raise InputError(res.reason)
    return res.phone


def add_contact(
    db: Database,
    group: GroupRef,
    phone: str,
    name: str = "",
    fields: Mapping[str, str] | None = None,
    allow_landline: bool = False,
) -> int:
    """Add one contact by hand (the group is created when it is a new name)."""
    p = _valid_phone(phone, allow_landline)
    with db.write() as c:
        if isinstance(group, int):
            gid = _group_id(c, group)
            if gid is None:
                raise InputError(f"分组不存在：{group} / No such group: {group}")
        else:
            gid, _ = ensure_group(c, group)
        try:
            row = c.execute(
                "INSERT INTO contacts(group_id, phone, name, name_key, fields, carrier, province,"
                " city) VALUES(?,?,?,?,?,?,?,?) RETURNING id",
                (
                    gid,
                    p,
                    name.strip(),
                    name_key(name.strip()),
                    dumps_fields(fields or {}),
                    *allocation_columns(p),
                ),
            ).fetchone()
        except IntegrityError as e:
            raise InputError(f"该分组中已有号码 {p} / The group already holds {p}") from e
    return int(row[0])


def update_contact(
    db: Database,
    contact_id: int,
    *,
    phone: str | None = None,
    name: str | None = None,
    fields: Mapping[str, str] | None = None,
    group: GroupRef | None = None,
    allow_landline: bool = False,
    version: int | None = None,
) -> Contact:
    """Edit a contact (a new group moves it). ``fields`` replaces all fields. Returns the contact
    as stored, with its new version. ``version``: the version the edit was made from
    (:attr:`Contact.version`); ConflictError, nothing written, when the contact was changed or
    deleted since."""
    sets: list[str] = []
    params: list[Any] = []
    if phone is not None:
        p = _valid_phone(phone, allow_landline)
        sets.append("phone=?, carrier=?, province=?, city=?")
        params.extend([p, *allocation_columns(p)])
    if name is not None:
        sets.append("name=?, name_key=?")
        params.extend([name.strip(), name_key(name.strip())])
    if fields is not None:
        sets.append("fields=?")
        params.append(dumps_fields(fields))
    with db.write() as c:
        if version is not None:
            check_versions(c, {contact_id: version}, ("保存", "saved"))
        elif c.execute("SELECT 1 FROM contacts WHERE id=?", (contact_id,)).fetchone() is None:
            raise InputError(f"联系人不存在：{contact_id} / No such contact: {contact_id}")
        if group is not None:
            gid = _group_id(c, group) if isinstance(group, int) else ensure_group(c, group)[0]
            if gid is None:
                raise InputError(f"分组不存在：{group} / No such group: {group}")
            sets.append("group_id=?")
            params.append(gid)
        if sets:
            try:
                c.execute(
                    f"UPDATE contacts SET {', '.join(sets)}, updated_at={db.dialect.now},"
                    " version=version+1 WHERE id=?",
                    [*params, contact_id],
                )
            except IntegrityError as e:
                raise InputError(
                    "该分组中已有这个号码 / The group already holds this number"
                ) from e
    return get_contact(db, contact_id)


def delete_contacts(
    db: Database, ids: Iterable[int], versions: Mapping[int, int] | None = None
) -> int:
    """Delete contacts; returns how many went. ``versions``: id → the version the user saw, for
    the contacts shown (a selection of 100,000 rows may hold some never read): ConflictError,
    nothing deleted, when one of them was changed since (one deleted meanwhile is no conflict)."""
    id_list = [int(i) for i in ids]
    n = 0
    with db.write() as c:
        if versions:
            check_versions(c, versions, ("删除", "deleted"), gone_is_conflict=False)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            cur = c.execute(
                f"DELETE FROM contacts WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
            n += cur.rowcount
    return n


def field_names(db: Database, group: GroupRef | None = None) -> list[str]:
    """Every field name used by the contacts (of a group), in first-seen order."""
    where, params = _where(db, group, None)
    if db.dialect.postgresql:  # the keys of a JSON object with their order: per dialect
        each = "json_each(c.fields::json) WITH ORDINALITY AS j(key, value, id)"
    else:
        each = "json_each(c.fields) j"
    rows = (
        db.read()
        .execute(
            f"SELECT j.key FROM contacts c, {each}"
            + where
            + " GROUP BY j.key ORDER BY MIN(c.id), MIN(j.id)",
            params,
        )
        .fetchall()
    )
    return [str(r[0]) for r in rows]


# ---- blacklist --------------------------------------------------------------------------------
def blacklist_add(
    db: Database,
    phones: str | Iterable[Any],
    reason: str = "",
    source: str = "manual",
    allow_landline: bool = True,
) -> BlacklistResult:
    """Add numbers (any format; a string may hold several). Existing entries are kept as they are."""
    from ..phones import normalise_cell

    items: Iterable[Any] = [phones] if isinstance(phones, str) else phones
    result = BlacklistResult()
    valid: list[str] = []
    for item in items:
        for r in normalise_cell(item, allow_landline):
            if r.phone is None:
                if r.problem != "empty":
                    result.invalid.append(r.reason)
            else:
                valid.append(r.phone)
    with db.write() as c:
        for p in dict.fromkeys(valid):
            if blacklist_insert(c, p, reason, source):
                result.added += 1
            else:
                result.already += 1
    return result


def blacklist_insert(c: Connection, phone: str, reason: str, source: str) -> bool:
    """Put one number, as stored, on the blacklist inside the caller's transaction; False when
    it is there already (its entry is kept as it is)."""
    cur = c.execute(
        "INSERT INTO blacklist(phone, reason, source) VALUES(?,?,?) ON CONFLICT(phone) DO NOTHING",
        (phone, reason, source),
    )
    return cur.rowcount > 0


def blacklist_remove(db: Database, phones: str | Iterable[str]) -> int:
    from ..phones import normalise_cell

    items: Iterable[Any] = [phones] if isinstance(phones, str) else phones
    valid = [r.phone for i in items for r in normalise_cell(i, True) if r.phone]
    n = 0
    with db.write() as c:
        for p in valid:
            n += c.execute("DELETE FROM blacklist WHERE phone=?", (p,)).rowcount
    return n


def blacklist_list(
    db: Database, search: str | None = None, limit: int | None = None, offset: int = 0
) -> list[BlacklistEntry]:
    sql = "SELECT phone, reason, source, created_at FROM blacklist"
    params: list[Any] = []
    if search and search.strip():
        found = [db.dialect.contains(c, search.strip()) for c in ("phone", "reason")]
        sql += " WHERE " + " OR ".join(part for part, _ in found)
        params += [param for _, param in found]
    sql += " ORDER BY created_at DESC, phone"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [BlacklistEntry(*r) for r in db.read().execute(sql, params)]


def blacklist_count(db: Database) -> int:
    return int(db.read().execute("SELECT COUNT(*) FROM blacklist").fetchone()[0])


def blacklist_contains(db: Database, phone: str) -> bool:
    res = normalise(phone, True)
    if res.phone is None:
        return False
    return (
        db.read().execute("SELECT 1 FROM blacklist WHERE phone=?", (res.phone,)).fetchone()
        is not None
    )


def blacklisted_set(db: Database) -> set[str]:
    """Every blacklisted number: the send engine skips these (reported as skipped)."""
    return {r[0] for r in db.read().execute("SELECT phone FROM blacklist")}

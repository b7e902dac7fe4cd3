"""Import a contact file into a group: parse, normalise, deduplicate, store — all or nothing.

The file is streamed (a 1,000,000-row CSV never sits in memory) inside one write transaction:
an error anywhere (a decoding error on the last line, a cancelled import) rolls everything back.

Outcomes per number: ``imported`` (new in the group), ``updated`` (already in the group, and
``on_duplicate="update"``), or a rejection: ``duplicate`` (twice in the file, or already in the
group with ``on_duplicate="skip"``), ``invalid``, ``empty``, ``blacklisted``. Every rejection is
reported with its row number and reason.
"""

from __future__ import annotations

import json
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..carriers import allocation_columns
from ..errors import InputError
from ..phones import MOBILE_RE, PhoneProblem, allows_landline, normalise_cell, quick_mobile
from ..pinyin import name_key, name_keys, preload
from ..store import Connection, Database
from ..store.changes import CONTACTS, one_bump
from .columns import ColumnMapping, cell_text, detect_mapping
from .reader import MAX_CELL_CHARS, Row, Table, cell_too_long, is_blank, read_table
from .repository import BlacklistResult, blacklist_add, blacklisted_set, ensure_group

log = logging.getLogger(__name__)

__all__ = [
    "ImportCancelledError",
    "ImportReport",
    "RejectedRow",
    "blacklist_import",
    "detect_columns",
    "import_file",
    "import_table",
]

OnDuplicate = Literal["update", "skip"]
Progress = Callable[[int, int | None], bool | None]
# rows per block: serialising 5,000 rows (one json.dumps, which holds the GIL throughout) took
# 8-13 ms, long enough to stall the GUI thread; 1,000 take 2-4 ms
_CHUNK = 1000


@dataclass
class _Accepted:
    """A block's accepted numbers, column by column, in row order."""

    nums: list[int] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    fields: list[list[str]] = field(default_factory=list)  # one list per field column

    def add(self, num: int, phone: str, name: str, values: list[str]) -> None:
        self.nums.append(num)
        self.phones.append(phone)
        self.names.append(name)
        for col, v in zip(self.fields, values, strict=True):
            col.append(v)


# what the writer gets per block: the new rows as one JSON array of [phone, name, name key,
# carrier, province, city, *field values] (a wide table's as (phone, name, key, carrier,
# province, city, fields JSON) rows; None: none), and the updates (name, name key, fields JSON,
# updated_at, phone) of numbers the group already holds
_Chunk = tuple[str | list[tuple[str, ...]] | None, list[tuple[str, str, str, str, str]]]
_MAX_PAIRS = 60  # json_object() takes at most 127 arguments
# Above this many field columns the fields object is built in Python: SQLite re-reads the whole
# row array for every json_extract (quadratic in the width), and its parser overflows its stack
# on the nested json_patch of a few hundred groups (a sheet of 16,384 columns).
_WIDE = 4 * _MAX_PAIRS
# the row array: phone, name, name key, the number's 号段归属 (carrier, province, city: see
# core/carriers.py), then the field values
_FIRST_FIELD = 6
# The group's uniqueness index (schema V4), word for word. A large import into an empty group
# drops it and builds it once at the end, inside the same transaction (sorting 100,000 entries
# once costs a fraction of inserting them one by one in random order).
_UNIQUE_INDEX = "CREATE UNIQUE INDEX contacts_group_phone ON contacts(group_id, phone)"
_REBUILD_MIN_ROWS = 5000  # below this, keeping the index up to date is as cheap


def _fields_sql(n: int) -> str:
    """SQL building the fields object from ``value`` (a row array) and the names ``?4``, ``?5`` …"""
    if n == 0:
        return "'{}'"
    objs = []
    for start in range(0, n, _MAX_PAIRS):
        pairs = [
            f"?{4 + k}, json_extract(value, '$[{_FIRST_FIELD + k}]')"
            for k in range(start, min(n, start + _MAX_PAIRS))
        ]
        objs.append("json_object(" + ", ".join(pairs) + ")")
    sql = objs[0]
    for o in objs[1:]:
        sql = f"json_patch({sql}, {o})"
    return sql


OUTCOMES = ("imported", "updated", "duplicates", "invalid", "empty", "blacklisted")


class ImportCancelledError(InputError):
    def __init__(self) -> None:
        super().__init__("导入已取消，没有导入任何数据 / Import cancelled; nothing was imported")


@dataclass(frozen=True)
class RejectedRow:
    row: int  # row number in the file (1 = first line / Excel row 1)
    outcome: str  # "invalid" | "duplicate" | "empty" | "blacklisted"
    reason: str
    value: str = ""  # the phone cell as found
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "outcome": self.outcome,
            "reason": self.reason,
            "value": self.value,
            "name": self.name,
        }


@dataclass
class ImportReport:
    path: str
    group: str
    group_id: int = 0
    group_created: bool = False
    sheet: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    encoding: str | None = None
    header_row: int | None = None
    columns: dict[str, Any] = field(default_factory=dict)
    rows: int = 0  # non-blank data rows read
    imported: int = 0
    updated: int = 0
    duplicates: int = 0
    invalid: int = 0
    empty: int = 0
    blacklisted: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in OUTCOMES}

    def summary(self) -> str:
        return (
            f"导入 {self.imported}，更新 {self.updated}，重复 {self.duplicates}，无效 {self.invalid}，"
            f"空号码 {self.empty}，黑名单 {self.blacklisted} / imported {self.imported}, updated "
            f"{self.updated}, duplicates {self.duplicates}, invalid {self.invalid}, empty "
            f"{self.empty}, blacklisted {self.blacklisted}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "sheet": self.sheet,
            "group": self.group,
            "group_id": self.group_id,
            "group_created": self.group_created,
            "encoding": self.encoding,
            "header_row": self.header_row,
            "columns": self.columns,
            "rows": self.rows,
            "counts": self.counts,
            **self.counts,
            "rejected": [r.to_dict() for r in self.rejected],
            "notes": self.notes,
            "seconds": round(self.seconds, 3),
        }


def detect_columns(
    table: Table,
    phone: str | int | None = None,
    name: str | int | None = None,
    allow_landline: bool = False,
) -> ColumnMapping:
    """The phone and name columns of a table (auto-detected unless given), other columns as fields."""
    return detect_mapping(
        table.headers, table.has_header, table.sample, phone, name, allow_landline
    )


def import_file(
    db: Database,
    path: str | Path,
    group: str,
    sheet: str | int | None = None,
    mapping: ColumnMapping | None = None,
    on_duplicate: OnDuplicate = "update",
    family: str | None = None,
    progress: Progress | None = None,
    phone_column: str | int | None = None,
    name_column: str | int | None = None,
) -> ImportReport:
    """Read ``path`` and import it into ``group`` (created when new). See :func:`import_table`."""
    # The name keys' table (0.03-0.07 s) is read while calamine parses the file, which releases
    # the GIL and gives no row before it ends: off the import's critical path.
    threading.Thread(target=preload, name="pinyin-preload", daemon=True).start()
    table = read_table(path, sheet)
    return import_table(
        db, table, group, mapping, on_duplicate, family, progress, phone_column, name_column
    )


def import_table(
    db: Database,
    table: Table,
    group: str,
    mapping: ColumnMapping | None = None,
    on_duplicate: OnDuplicate = "update",
    family: str | None = None,
    progress: Progress | None = None,
    phone_column: str | int | None = None,
    name_column: str | int | None = None,
) -> ImportReport:
    """Import a table in one transaction. ``progress(rows_done, rows_total)`` returning False cancels."""
    if on_duplicate not in ("update", "skip"):
        raise InputError(f"on_duplicate must be 'update' or 'skip', not {on_duplicate!r}")
    t0 = time.perf_counter()
    allow_landline = allows_landline(family)
    if mapping is None:
        mapping = detect_columns(table, phone_column, name_column, allow_landline)
    report = ImportReport(
        path=str(table.path),
        group=group.strip(),
        sheet=table.sheet,
        sheet_names=list(table.sheet_names),
        encoding=table.encoding,
        header_row=table.header_row,
        columns=mapping.describe(table.headers),
        notes=list(table.notes),
    )
    blocked = blacklisted_set(db)
    total = table.total_rows
    field_names = [n for _, n in sorted(mapping.fields.items())]
    # PostgreSQL: the fields objects are built in Python (SQLite's JSON functions are its own),
    # and each block's rows still travel as one JSON array of [phone, name, key, carrier,
    # province, city, fields JSON]
    pg = db.dialect.postgresql
    wide = not pg and len(field_names) > _WIDE
    insert_sql = (
        "INSERT INTO contacts(group_id, phone, name, name_key, carrier, province, city, fields,"
        " created_at, updated_at) "
        + (
            "SELECT ?, r->>0, r->>1, r->>2, r->>3, r->>4, r->>5, r->>6, ?, ?"
            " FROM json_array_elements(?::json) AS r"
            if pg
            else "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            if wide
            else "SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "json_extract(value, '$[2]'), json_extract(value, '$[3]'), "
            "json_extract(value, '$[4]'), json_extract(value, '$[5]'), "
            f"{_fields_sql(len(field_names))}, ?2, ?2 FROM json_each(?3)"
        )
    )
    now = time.strftime("%Y-%m-%d %H:%M:%S")
    stop = threading.Event()
    chunks: queue.Queue[_Chunk | BaseException | None] = queue.Queue(maxsize=4)
    existing: set[str] = set()  # the group's numbers, read by the writer before the parser starts

    def produce() -> None:
        try:
            for chunk in _prepare(table, mapping, allow_landline, blocked, report, stop):
                chunks.put(
                    _settle(chunk, existing, on_duplicate, field_names, wide, pg, now, report)
                )
        except BaseException as e:  # handed to the writer, which re-raises it
            chunks.put(e)
        else:
            chunks.put(None)

    # Parsing, normalising and serialising (Python) run in a helper thread while this thread
    # writes: SQLite releases the GIL while it inserts, so the two overlap on a 2-core machine.
    worker = threading.Thread(target=produce, name="contacts-import", daemon=True)
    try:
        with _quick_gil_handoffs(), db.write() as c, ExitStack() as stack:
            gid, created = ensure_group(c, group)
            report.group_id, report.group_created = gid, created
            existing.update(
                r[0] for r in c.execute("SELECT phone FROM contacts WHERE group_id=?", (gid,))
            )
            # (not on an office server: dropping the index would lock the other PCs out of the
            # contacts for the whole import)
            rebuild = not pg and not existing and _bulk(c, total)
            if rebuild:
                c.execute("DROP INDEX contacts_group_phone")
            if not pg and total is not None and total >= _REBUILD_MIN_ROWS:
                # the views learn of the import from one version bump, not one per row
                stack.enter_context(one_bump(c, "contacts", CONTACTS))
            worker.start()
            while True:
                item = chunks.get()
                if item is None:
                    break
                if isinstance(item, BaseException):
                    raise item
                inserts, updates = item
                if isinstance(inserts, list):  # a wide table: the fields objects built in Python
                    c.executemany(insert_sql, [(gid, *row, now, now) for row in inserts])
                elif inserts is not None and pg:
                    c.execute(insert_sql, (gid, now, now, inserts))
                elif inserts is not None:
                    # One statement per block: the rows travel as one JSON array, and SQLite
                    # builds the fields object itself, without the GIL, in parallel with the
                    # parsing thread.
                    c.execute(insert_sql, (gid, now, inserts, *field_names))
                if updates and pg:
                    c.executemany(
                        "UPDATE contacts SET name=CASE WHEN ?='' THEN name ELSE ? END,"
                        " name_key=CASE WHEN ?='' THEN name_key ELSE ? END, fields=?,"
                        " updated_at=?, version=version+1 WHERE phone=? AND group_id=?",
                        [(u[0], u[0], u[0], u[1], *u[2:], gid) for u in _patched(c, gid, updates)],
                    )
                elif updates:
                    c.executemany(
                        "UPDATE contacts SET name=CASE WHEN ?1='' THEN name ELSE ?1 END, "
                        "name_key=CASE WHEN ?1='' THEN name_key ELSE ?2 END, "
                        "fields=json_patch(fields, ?3), updated_at=?4, version=version+1 "
                        "WHERE phone=?5 AND group_id=?6",
                        [(*u, gid) for u in updates],
                    )
                if progress is not None and progress(report.rows, total) is False:
                    raise ImportCancelledError()
            if report.rows == 0:
                raise InputError("文件中没有数据行 / The file holds no data rows")
            if rebuild:
                c.execute(_UNIQUE_INDEX)
    except BaseException as exc:  # rolled back: nothing of it is in the store
        reason = "cancelled" if isinstance(exc, ImportCancelledError) else repr(exc)
        log.info("import of %s into group %s stopped: %s", Path(report.path).name, group, reason)
        raise
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            try:
                chunks.get(timeout=0.05)
            except queue.Empty:
                pass
        if worker.ident is not None:
            worker.join()
    report.rejected.sort(key=lambda r: r.row)
    report.seconds = time.perf_counter() - t0
    log.info(
        "import of %s (sheet %s) into group %s%s: %s rows, %s, %.1f s",
        Path(report.path).name,
        report.sheet or "-",
        report.group,
        " (new)" if report.group_created else "",
        report.rows,
        ", ".join(f"{k} {v}" for k, v in report.counts.items()),
        report.seconds,
    )
    return report


_switch_lock = threading.Lock()
_switch_users = 0
_switch_previous = 0.005
_SWITCH_INTERVAL = 0.0005  # seconds


@contextmanager
def _quick_gil_handoffs() -> Iterator[None]:
    """Python's GIL switch interval at 0.5 ms while an import runs (then as it was).

    Each block's insert ends with the writer asking for the GIL back while the parsing thread
    holds it; at the default 5 ms interval the writer waited up to that long, 200 times per
    100,000 rows: its inserts took 3 times their CPU time, and the import 1.5 times as long
    as with 0.5 ms. Other threads (a window's) only get the GIL back sooner meanwhile.
    """
    global _switch_users, _switch_previous
    with _switch_lock:
        if _switch_users == 0:
            _switch_previous = sys.getswitchinterval()
            sys.setswitchinterval(min(_SWITCH_INTERVAL, _switch_previous))
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_previous)


def _bulk(c: Any, total: int | None) -> bool:
    """Whether an import of ``total`` rows into an empty group builds the group index once at
    the end: when it brings at least as many rows as the table holds (building the index sorts
    every row of the table, new and old)."""
    if total is None or total < _REBUILD_MIN_ROWS:
        return False
    held = int(c.execute("SELECT COUNT(*) FROM contacts").fetchone()[0])
    return total >= held


def _settle(
    chunk: _Accepted,
    existing: set[str],
    on_duplicate: OnDuplicate,
    field_names: list[str],
    wide: bool,
    built: bool,
    now: str,
    report: ImportReport,
) -> _Chunk:
    """A block of accepted numbers as the writer needs it, in the parsing thread: the new rows
    as one JSON array (``built``, for PostgreSQL: of [phone, name, key, carrier, province,
    city, fields JSON]; for a ``wide`` table, (phone, name, key, carrier, province, city, fields
    JSON) rows instead), each with its number's 号段归属, and the updates of numbers the group
    already holds (or their skips).

    The queue between the threads then holds a few objects per block instead of two tracked
    objects per row: a GUI's young-generation garbage collection (which holds the GIL) took
    7-28 ms per pass over the queued rows of a 100,000-row import.
    """
    updates: list[tuple[str, str, str, str, str]] = []
    if existing and not existing.isdisjoint(chunk.phones):
        new = _Accepted(fields=[[] for _ in chunk.fields])
        for i, phone in enumerate(chunk.phones):
            values = [col[i] for col in chunk.fields]
            name = chunk.names[i]
            if phone not in existing:
                new.add(chunk.nums[i], phone, name, values)
            elif on_duplicate == "update":
                report.updated += 1
                fields = _fields_json(field_names, values)
                updates.append((name, name_key(name), fields, now, phone))
            else:
                report.duplicates += 1
                report.rejected.append(
                    RejectedRow(
                        chunk.nums[i],
                        "duplicate",
                        f"分组中已有此号码，已跳过 / already in the group, skipped: {phone}",
                        phone,
                        name,
                    )
                )
        chunk = new
    report.imported += len(chunk.phones)
    if not chunk.phones:
        return None, updates
    keys = name_keys(chunk.names)
    carriers, provinces, cities = allocation_columns(chunk.phones)
    head = (chunk.phones, chunk.names, keys, carriers, provinces, cities)
    if wide or built:
        objs = (
            [_fields_json(field_names, list(v)) for v in zip(*chunk.fields, strict=True)]
            if chunk.fields
            else ["{}"] * len(chunk.phones)
        )
        built_rows = list(zip(*head, objs, strict=True))
        if wide:
            return built_rows, updates
        # PostgreSQL: one JSON array of [phone, name, key, carrier, province, city, fields JSON]
        return json.dumps(built_rows, ensure_ascii=False), updates
    rows = list(zip(*head, *chunk.fields, strict=True))
    return json.dumps(rows, ensure_ascii=False), updates


def _patched(
    c: Connection, gid: int, updates: list[tuple[str, str, str, str, str]]
) -> list[tuple[str, str, str, str, str]]:
    """The updates (name, name key, fields JSON, updated_at, phone) with each contact's stored
    fields patched in Python, as SQLite's ``json_patch`` does (a field kept in its place, a new
    one added at the end)."""
    marks = ",".join("?" * len(updates))
    stored = dict(
        c.execute(
            f"SELECT phone, fields FROM contacts WHERE group_id=? AND phone IN ({marks})",
            [gid, *(u[4] for u in updates)],
        ).fetchall()
    )
    out = []
    for name, key, patch, now, phone in updates:
        try:
            fields = json.loads(stored.get(phone) or "{}")
        except ValueError:
            fields = {}
        if not isinstance(fields, dict):
            fields = {}
        fields.update(json.loads(patch))
        merged = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        out.append((name, key, merged, now, phone))
    return out


def _fields_json(names: list[str], values: list[str]) -> str:
    return json.dumps(
        dict(zip(names, values, strict=True)), ensure_ascii=False, separators=(",", ":")
    )


def blacklist_import(
    db: Database,
    path: str | Path,
    sheet: str | int | None = None,
    phone_column: str | int | None = None,
    reason: str = "",
) -> BlacklistResult:
    """Add every number in a file's phone column to the blacklist (source ``import``)."""
    table = read_table(path, sheet)
    mapping = detect_columns(table, phone_column, allow_landline=True)
    col = mapping.phone
    return blacklist_add(
        db,
        (row[col] if col < len(row) else "" for _, row in table.rows()),
        reason=reason,
        source="import",
    )


def _prepare(
    table: Table,
    mapping: ColumnMapping,
    allow_landline: bool,
    blocked: set[str],
    report: ImportReport,
    stop: threading.Event,
) -> Iterator[_Accepted]:
    """Stream the table as blocks of accepted numbers; rejections go straight into the report.

    Within-file duplicates and blacklisted numbers are settled here; "already in the group" is
    settled by the writer's side (:func:`_settle`), which knows the group. A block is taken
    column by column where it can be: a run of rows whose numbers are all clean mobiles (text,
    int or float), distinct, new and not blacklisted, with plain text cells, costs a few C
    calls per column instead of Python work per cell. Any other row goes through
    :meth:`_RowPrep.row`, one by one and in order, so the outcomes are the same either way.
    """
    prep = _RowPrep(table, mapping, allow_landline, blocked, report)
    nrows = 0
    for nums, rows in table.batches(_CHUNK):
        out = _Accepted(fields=[[] for _ in prep.f_idx])
        nrows += prep.block(nums, rows, out)
        report.rows = nrows
        yield out
        if stop.is_set():
            return
    report.rows = nrows


def _stored(value: Any) -> str:
    """A name or field cell as stored: text stripped (a leading apostrophe, which an export
    adds before a formula-like value, is undone by :func:`cell_text`), anything else as
    :func:`cell_text` writes it."""
    if type(value) is str and value[:1] != "'":
        return value.strip()
    return cell_text(value)


def _texts(cells: list[Any]) -> list[str] | None:
    """A column's cells as stored: plain text stripped, anything else (a number, a date, a
    leading apostrophe) as :func:`cell_text` makes it, the same as a row's values are made;
    None when a cell is longer than Excel allows (the row-by-row rules then say where)."""
    try:
        joined = "\n".join(cells)
    except TypeError:  # not all text
        joined = None
    if joined is not None and "\n'" not in joined and joined[:1] != "'":
        out = list(map(str.strip, cells))
    else:
        out = list(map(_stored, cells))
    if out and max(map(len, out)) > MAX_CELL_CHARS:
        return None
    return out


class _RowPrep:
    """The per-row rules of :func:`_prepare`, and the column-wise way for the common case."""

    def __init__(
        self,
        table: Table,
        mapping: ColumnMapping,
        allow_landline: bool,
        blocked: set[str],
        report: ImportReport,
    ) -> None:
        self.table = table
        self.allow_landline = allow_landline
        self.blocked = blocked
        self.report = report
        self.p_col = mapping.phone
        self.n_col = mapping.name
        self.f_idx = [i for i, _ in sorted(mapping.fields.items())]
        self.width_needed = max([self.p_col, self.n_col or 0, *self.f_idx]) + 1
        self.used = [self.p_col, self.n_col, *self.f_idx]  # the columns of a row's values
        self.seen: dict[str, int] = {}  # phone → first row in this file

    # ---- a block ---------------------------------------------------------------------------
    def block(self, nums: Sequence[int], rows: list[Row], out: _Accepted) -> int:
        """Settle a block of rows into ``out``; returns how many were not blank."""
        if min(map(len, rows)) < self.width_needed:
            return self.rows_one_by_one(nums, rows, out)
        p_col = self.p_col
        phones = _clean_mobiles([row[p_col] for row in rows])
        blanks = 0
        start = 0
        n = len(rows)
        while start < n:
            try:
                stop = phones.index(None, start)
            except ValueError:
                stop = n
            if stop > start:
                self.run(nums[start:stop], rows[start:stop], phones[start:stop], out)  # type: ignore[arg-type]
            if stop < n:
                blanks += 1 - self.rows_one_by_one(
                    nums[stop : stop + 1], rows[stop : stop + 1], out
                )
            start = stop + 1
        return n - blanks

    def run(self, nums: Sequence[int], rows: list[Row], phones: list[str], out: _Accepted) -> None:
        """Rows whose numbers are clean mobiles: column by column, but for the rows whose number
        repeats (in the file so far) or is blacklisted, which go one by one, in order."""
        distinct = set(phones)
        seen = self.seen
        if (
            len(distinct) == len(phones)
            and seen.keys().isdisjoint(distinct)
            and self.blocked.isdisjoint(distinct)
        ):
            self.columns(nums, rows, phones, out)
            return
        hit = (seen.keys() & distinct) | (self.blocked & distinct)
        first: set[str] = set()
        bad: list[int] = []
        for i, phone in enumerate(phones):
            if phone in hit or phone in first:
                bad.append(i)
            else:
                first.add(phone)
        start = 0
        for stop in [*bad, len(phones)]:
            if stop > start:
                self.columns(nums[start:stop], rows[start:stop], phones[start:stop], out)
            if stop < len(phones):
                self.rows_one_by_one(
                    nums[stop : stop + 1], rows[stop : stop + 1], out, [phones[stop]]
                )
            start = stop + 1

    def columns(
        self, nums: Sequence[int], rows: list[Row], phones: list[str], out: _Accepted
    ) -> None:
        """Accept rows whose numbers are distinct, new and not blacklisted, column by column."""
        n_col = self.n_col
        names = _texts([row[n_col] for row in rows]) if n_col is not None else [""] * len(rows)
        values: list[list[str]] = []
        for i in self.f_idx:
            col = _texts([row[i] for row in rows]) if names is not None else None
            if col is None:
                names = None
                break
            values.append(col)
        if names is None:  # a cell too long: the rows one by one say which
            self.rows_one_by_one(nums, rows, out, phones)
            return
        self.seen.update(zip(phones, nums, strict=True))
        out.nums.extend(nums)
        out.phones.extend(phones)
        out.names.extend(names)
        for col, vals in zip(out.fields, values, strict=True):
            col.extend(vals)

    def rows_one_by_one(
        self,
        nums: Sequence[int],
        rows: list[Row],
        out: _Accepted,
        phones: Sequence[str | None] | None = None,
    ) -> int:
        """Settle rows one by one; returns how many were not blank."""
        read = 0
        for k, (num, row) in enumerate(zip(nums, rows, strict=True)):
            if len(row) < self.width_needed:
                row = row + [""] * (self.width_needed - len(row))
            read += self.row(num, row, out, phones[k] if phones is not None else None)
        return read

    # ---- one row -----------------------------------------------------------------------------
    def too_long(self, num: int, col: int | None, chars: int) -> InputError:
        table = self.table
        name = table.headers[col] if col is not None and col < table.width else None
        return cell_too_long(num, name, chars)

    def row(self, num: int, row: Row, out: _Accepted, phone: str | None) -> int:
        """Settle one row (``phone``: its number when already known to be a clean mobile);
        returns 0 for a blank row (not counted), else 1."""
        report = self.report
        rejected = report.rejected
        n_col = self.n_col
        v = row[self.p_col]
        phones: list[str]
        if phone is not None:
            phones = [phone]
        elif (q := _clean_mobile(v)) is not None:
            phones = [q]
        else:
            if is_blank(row):
                return 0
            if type(v) is str and len(v) > MAX_CELL_CHARS:
                raise self.too_long(num, self.p_col, len(v))
            phones = []
            for res in normalise_cell(v, self.allow_landline):
                if res.phone is not None:
                    phones.append(res.phone)
                    continue
                if res.problem is PhoneProblem.EMPTY:
                    report.empty += 1
                    outcome = "empty"
                else:
                    report.invalid += 1
                    outcome = "invalid"
                nm = cell_text(row[n_col]) if n_col is not None else ""
                rejected.append(RejectedRow(num, outcome, res.reason, cell_text(v), nm))
            if not phones:
                return 1
        name = _stored(row[n_col]) if n_col is not None else ""
        values: list[str] | None = None
        for phone in phones:
            if phone in self.blocked:
                report.blacklisted += 1
                rejected.append(
                    RejectedRow(
                        num, "blacklisted", f"在黑名单中 / blacklisted: {phone}", phone, name
                    )
                )
                continue
            first = self.seen.get(phone)
            if first is not None:
                report.duplicates += 1
                rejected.append(
                    RejectedRow(
                        num,
                        "duplicate",
                        f"文件内重复（与第 {first} 行相同）/ duplicate of row {first} in this file: {phone}",
                        phone,
                        name,
                    )
                )
                continue
            self.seen[phone] = num
            if values is None:
                values = [_stored(row[i]) for i in self.f_idx]
                longest = max(map(len, [phone, name, *values]))
                if longest > MAX_CELL_CHARS:
                    vals = [phone, name, *values]
                    at = next(i for i, x in enumerate(vals) if len(x) > MAX_CELL_CHARS)
                    raise self.too_long(num, self.used[at], len(vals[at]))
            out.add(num, phone, name, values)
        return 1


_fast = MOBILE_RE.fullmatch


def _clean_mobile(v: Any) -> str | None:
    """The mobile of a cell in the common forms (clean text, text with blanks, dashes or
    parentheses, an int, a float); None: ask the full normaliser."""
    tv = type(v)
    if tv is str:
        if len(v) == 11 and _fast(v):
            return str(v)
        return quick_mobile(v)
    if tv is float:
        if v.is_integer() and 13e9 <= v < 2e10:
            return str(int(v))
        return None
    if tv is int and 13_000_000_000 <= v < 20_000_000_000:
        return str(v)
    return None


def _clean_mobiles(cells: list[Any]) -> list[str | None]:
    """:func:`_clean_mobile` of a column (inlined: this runs once per row of a file)."""
    out: list[str | None] = []
    append = out.append
    fast = _fast
    quick = quick_mobile
    for v in cells:
        tv = type(v)
        if tv is float:
            if v.is_integer() and 13e9 <= v < 2e10:
                append(str(int(v)))
                continue
        elif tv is str:
            if len(v) == 11 and fast(v):
                append(v)
                continue
            append(quick(v))
            continue
        elif tv is int and 13_000_000_000 <= v < 20_000_000_000:
            append(str(v))
            continue
        append(None)
    return out

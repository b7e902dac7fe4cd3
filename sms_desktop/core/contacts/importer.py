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
import operator
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..carriers import columns as allocation_columns
from ..errors import InputError
from ..phones import MOBILE_RE, PhoneProblem, allows_landline, normalise_cell, quick_mobile
from ..store import Database
from .columns import ColumnMapping, cell_text, detect_mapping
from .reader import MAX_CELL_CHARS, Table, cell_too_long, read_table
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
# rows per chunk: serialising 5,000 rows (one json.dumps, which holds the GIL throughout) took
# 8-13 ms, long enough to stall the GUI thread; 1,000 take 2-4 ms
_CHUNK = 1000
_Item = tuple[int, list[str]]  # row number, [phone, name, *field values]
# what the writer gets per chunk: the new rows as one JSON array (a wide table's as (phone, name,
# fields JSON) rows; None: none), and the updates (name, name, fields JSON, updated_at, phone)
# of numbers the group already holds
_Chunk = tuple[str | list[tuple[str, ...]] | None, list[tuple[str, str, str, str, str]]]
_MAX_PAIRS = 60  # json_object() takes at most 127 arguments
# Above this many field columns the fields object is built in Python: SQLite re-reads the whole
# row array for every json_extract (quadratic in the width), and its parser overflows its stack
# on the nested json_patch of a few hundred groups (a sheet of 16,384 columns).
_WIDE = 4 * _MAX_PAIRS


def _fields_sql(n: int) -> str:
    """SQL building the fields object from ``value`` (a row array) and the names ``?4``, ``?5`` …"""
    if n == 0:
        return "'{}'"
    objs = []
    for start in range(0, n, _MAX_PAIRS):
        pairs = [
            f"?{4 + k}, json_extract(value, '$[{2 + k}]')"
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
    wide = len(field_names) > _WIDE
    # each new row ends with its number's 号段归属 (carrier, province, city): see _settle
    n = len(field_names)
    insert_sql = (
        "INSERT INTO contacts(group_id, phone, name, fields, carrier, province, city, created_at,"
        " updated_at) "
        + (
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"
            if wide
            else "SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            f"{_fields_sql(n)}, json_extract(value, '$[{2 + n}]'), "
            f"json_extract(value, '$[{3 + n}]'), json_extract(value, '$[{4 + n}]'), ?2, ?2 "
            "FROM json_each(?3)"
        )
    )
    now = time.strftime("%Y-%m-%d %H:%M:%S")
    stop = threading.Event()
    chunks: queue.Queue[_Chunk | BaseException | None] = queue.Queue(maxsize=4)
    existing: set[str] = set()  # the group's numbers, read by the writer before the parser starts

    def produce() -> None:
        try:
            for chunk in _prepare(table, mapping, allow_landline, blocked, report, stop):
                chunks.put(_settle(chunk, existing, on_duplicate, field_names, wide, now, report))
        except BaseException as e:  # handed to the writer, which re-raises it
            chunks.put(e)
        else:
            chunks.put(None)

    # Parsing, normalising and serialising (Python) run in a helper thread while this thread
    # writes: SQLite releases the GIL while it inserts, so the two overlap on a 2-core machine.
    worker = threading.Thread(target=produce, name="contacts-import", daemon=True)
    try:
        with db.write() as c:
            gid, created = ensure_group(c, group)
            report.group_id, report.group_created = gid, created
            existing.update(
                r[0] for r in c.execute("SELECT phone FROM contacts WHERE group_id=?", (gid,))
            )
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
                elif inserts is not None:
                    # One statement per chunk: the rows travel as one JSON array, and SQLite
                    # builds the fields object itself, without the GIL, in parallel with the
                    # parsing thread.
                    c.execute(insert_sql, (gid, now, inserts, *field_names))
                if updates:
                    c.executemany(
                        "UPDATE contacts SET name=CASE WHEN ?='' THEN name ELSE ? END, "
                        "fields=json_patch(fields, ?), updated_at=? WHERE phone=? AND group_id=?",
                        [(*u, gid) for u in updates],
                    )
                if progress is not None and progress(report.rows, total) is False:
                    raise ImportCancelledError()
            if report.rows == 0:
                raise InputError("文件中没有数据行 / The file holds no data rows")
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


def _settle(
    chunk: list[_Item],
    existing: set[str],
    on_duplicate: OnDuplicate,
    field_names: list[str],
    wide: bool,
    now: str,
    report: ImportReport,
) -> _Chunk:
    """A chunk of accepted numbers as the writer needs it, in the parsing thread: the new rows
    as one JSON array (for a ``wide`` table, (phone, name, fields JSON) rows), each followed by
    its number's 号段归属 (carrier, province, city), and the updates of numbers the group
    already holds (or their skips).

    The queue between the threads then holds a few objects per chunk instead of two tracked
    objects per row: a GUI's young-generation garbage collection (which holds the GIL) took
    7-28 ms per pass over the queued rows of a 100,000-row import.
    """
    inserts: list[list[str]] = []
    updates: list[tuple[str, str, str, str, str]] = []
    for num, vals in chunk:
        phone = vals[0]
        if phone not in existing:
            inserts.append([*vals, *allocation_columns(phone)])
            continue
        name = vals[1]
        if on_duplicate == "update":
            report.updated += 1
            updates.append((name, name, _fields_json(field_names, vals[2:]), now, phone))
        else:
            report.duplicates += 1
            report.rejected.append(
                RejectedRow(
                    num,
                    "duplicate",
                    f"分组中已有此号码，已跳过 / already in the group, skipped: {phone}",
                    phone,
                    name,
                )
            )
    report.imported += len(inserts)
    if not inserts:
        return None, updates
    if wide:
        n = len(field_names)
        return [
            (v[0], v[1], _fields_json(field_names, v[2 : 2 + n]), *v[2 + n :]) for v in inserts
        ], updates
    return json.dumps(inserts, ensure_ascii=False), updates


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
) -> Iterator[list[_Item]]:
    """Stream the table as chunks of accepted numbers; rejections go straight into the report.

    Within-file duplicates and blacklisted numbers are settled here; "already in the group" is
    settled by the writer, which owns the transaction. The hot path (a clean mobile as text, int
    or float) avoids the general normaliser.
    """
    p_col = mapping.phone
    n_col = mapping.name
    f_items = sorted(mapping.fields.items())
    f_idx = [i for i, _ in f_items]
    getter: Callable[[list[Any]], Iterable[Any]]
    if len(f_idx) >= 2:
        getter = operator.itemgetter(*f_idx)
    else:
        getter = lambda row: [row[i] for i in f_idx]  # noqa: E731
    width_needed = max([p_col, n_col or 0, *f_idx]) + 1
    used = [p_col, n_col, *f_idx]  # the columns of ``vals`` below, in order

    def too_long(num: int, col: int | None, chars: int) -> InputError:
        name = table.headers[col] if col is not None and col < table.width else None
        return cell_too_long(num, name, chars)

    fast = MOBILE_RE.fullmatch
    quick = quick_mobile
    rejected = report.rejected
    seen: dict[str, int] = {}  # phone → first row in this file
    chunk: list[_Item] = []
    nrows = 0
    for num, row in table.rows():
        nrows += 1
        if len(row) < width_needed:
            row = row + [""] * (width_needed - len(row))
        v = row[p_col]
        tv = type(v)
        phones: list[str]
        if tv is str and len(v) == 11 and fast(v):
            phones = [v]
        elif tv is str and (q := quick(v)) is not None:
            phones = [q]
        elif tv is float and v.is_integer() and 13e9 <= v < 2e10:
            phones = [str(int(v))]
        elif tv is int and 13_000_000_000 <= v < 20_000_000_000:
            phones = [str(v)]
        else:
            if tv is str and len(v) > MAX_CELL_CHARS:
                raise too_long(num, p_col, len(v))
            phones = []
            for res in normalise_cell(v, allow_landline):
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
                continue
        name = ""
        if n_col is not None:
            nv = row[n_col]
            name = nv.strip() if type(nv) is str and nv[:1] != "'" else cell_text(nv)
        vals: list[str] | None = None
        for phone in phones:
            if phone in blocked:
                report.blacklisted += 1
                rejected.append(
                    RejectedRow(
                        num, "blacklisted", f"在黑名单中 / blacklisted: {phone}", phone, name
                    )
                )
                continue
            first = seen.get(phone)
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
            seen[phone] = num
            if vals is None:
                vals = [phone, name]
                for fv in getter(row):
                    if type(fv) is str and fv[:1] != "'":
                        vals.append(fv.strip())
                    else:
                        vals.append(cell_text(fv))
                if max(map(len, vals)) > MAX_CELL_CHARS:
                    at = next(i for i, x in enumerate(vals) if len(x) > MAX_CELL_CHARS)
                    raise too_long(num, used[at], len(vals[at]))
            else:
                vals = [phone, *vals[1:]]
            chunk.append((num, vals))
        if len(chunk) >= _CHUNK:
            report.rows = nrows
            yield chunk
            chunk = []
            if stop.is_set():
                return
    report.rows = nrows
    yield chunk

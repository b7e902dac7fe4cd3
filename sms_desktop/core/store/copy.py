"""Copying a whole store into an empty one: this PC's SQLite file to the office server, and back
(``sms-desktop-cli db copy --to URL``).

* **Every table.** The tables are the schema's (:meth:`~.base.Database.schema_shape`), not a list
  kept here: a table a later migration adds is copied without a change to this module. Only the
  store's own bookkeeping is left out (:data:`NOT_COPIED`: the change feed's versions, which
  each store keeps for its own windows, the sender service's heartbeat, which belongs to the
  service running on that store, and the frequency caps' journal counter, which only tells the
  runners on that store that another batch was journalled). They are
  written in the order of their foreign keys, the source's and the target's (a message after
  its batch, which only SQLite checks by a key), every column by name,
  ids included, so every reference holds; on PostgreSQL each identity then continues above the
  highest id copied (:meth:`~.base.Database.reset_ids`).
* **One snapshot.** The source is read in one read-only transaction, so a window still open on
  it cannot leave the copy with a message whose batch came after its table was read.
* **Quick.** A table with an ``id`` goes over in chunks in id order, each chunk one
  transaction written with :func:`~.base.insert_rows` (PostgreSQL's ``COPY``). A table without
  one (settings, accounts, the per-job counts) is small: it is written whole, in one
  transaction, replacing what the target's triggers put there (the counts that the messages'
  inserts made are replaced by the source's own, so the copy equals the source row for row).
* **Resumable.** While a copy is under way the target holds a marker in ``settings``
  (:data:`MARKER`): the source's location and a fingerprint (each table's rows and highest id).
  Run again after an interruption, a copy checks the marker and the fingerprint and goes on
  after the highest id each table holds: no row twice, none lost. A source that changed since
  (a send ran on it) is refused: the copy would not be the source's.
* **Checked.** At the end each table's rows are counted on both sides; only when every count
  agrees is the marker removed (in the same transaction that moves the identities on).
* **Refusals** (:class:`~sms_desktop.core.errors.InputError`, nothing written): the target is
  the source; the target holds data and is not an unfinished copy of this source; the source is
  itself an unfinished copy; the two are at different schema versions; into SQLite, messages of
  the source that name a batch it does not hold (PostgreSQL does not check them by a key).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, StoreError
from . import changes, messages, services
from .base import Connection, Database, SchemaShape, insert_rows

#: each store's own bookkeeping, not data: not copied, and the rows a new database is set up
#: with there do not make a target "not empty" (a test fails when a migration seeds another)
NOT_COPIED = frozenset({changes.TABLE, services.TABLE, messages.CAP_EPOCH_TABLE})
#: the ``settings`` key of an unfinished copy (in the target)
MARKER = "store.copy.unfinished"
MARKER_TABLE = "settings"
CHUNK = 20_000  # rows per transaction

#: (table, rows written so far, rows in all) after each chunk
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    keyed: bool  # has an integer ``id``: copied in chunks by id, resumable row by row


@dataclass
class CopyResult:
    source: str
    target: str
    resumed: bool
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)  # table → rows (the same on both sides)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_plan(shape: SchemaShape, *others: SchemaShape) -> list[Table]:
    """The schema's tables in the order a copy writes them: each after the tables its foreign
    keys refer to, in ``shape`` or in any of ``others`` (the target's: SQLite keeps a key that
    PostgreSQL does not, a message's batch); tables with an id before those without (the
    per-job counts, which the messages' inserts touch, come after the messages)."""
    tables = {
        name: Table(name, tuple(c[0] for c in cols), any(c[0] == "id" for c in cols))
        for name, cols in shape.columns.items()
        if name not in NOT_COPIED
    }
    refs_of = {t: set(shape.references.get(t, set())) for t in tables}
    for other in others:
        for t, refs in other.references.items():
            if t in refs_of:
                refs_of[t] |= refs
    waiting = {t: refs_of[t] & set(tables) - {t} for t in tables}
    order: list[Table] = []
    while waiting:
        ready = sorted(
            (t for t, refs in waiting.items() if not refs),
            key=lambda t: (not tables[t].keyed, t),
        )
        if not ready:  # a cycle of foreign keys: the schema has none
            raise ValueError(f"foreign keys in a cycle: {sorted(waiting)}")
        first = ready[0]
        order.append(tables[first])
        del waiting[first]
        for refs in waiting.values():
            refs.discard(first)
    return order


def _identity(db: Database) -> str:
    """Where the store is, the same however it was named (a file by its resolved path)."""
    path = getattr(db, "path", None)
    return str(Path(path).resolve()) if isinstance(path, Path) else db.location


def _count(c: Connection, table: str) -> int:
    return int(c.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _fingerprint(c: Connection, plan: list[Table]) -> dict[str, list[int]]:
    """Each table's rows and highest id (0 without one), as the source's snapshot has them."""
    out: dict[str, list[int]] = {}
    for t in plan:
        top = "COALESCE(MAX(id), 0)" if t.keyed else "0"
        n, high = c.execute(f"SELECT COUNT(*), {top} FROM {t.name}").fetchone()
        out[t.name] = [int(n), int(high)]
    return out


def _marker(db: Database) -> dict[str, Any] | None:
    row = db.read().execute(f"SELECT value FROM {MARKER_TABLE} WHERE key = ?", (MARKER,)).fetchone()
    if row is None:
        return None
    try:
        data = json.loads(row[0])
    except ValueError:
        data = None
    return data if isinstance(data, dict) else {}


def unfinished_copy_source(db: Database) -> str | None:
    """The source of the copy ``db`` is the unfinished target of (its URL as shown, or "?"),
    or None when it is not one."""
    marker = _marker(db)
    if marker is None:
        return None
    return str(marker.get("source") or "?")


def _holds_rows(db: Database, plan: list[Table]) -> list[str]:
    c = db.read()
    return [
        t.name for t in plan if c.execute(f"SELECT 1 FROM {t.name} LIMIT 1").fetchone() is not None
    ]


def _checks_batches(shape: SchemaShape) -> bool:
    return "batches" in shape.references.get("messages", set())


def _refuse(zh: str, en: str) -> InputError:
    return InputError(f"{zh} / {en}")


def _snapshot_begin(db: Database) -> Connection:
    """The source's connection inside one read-only transaction (a consistent snapshot)."""
    c = db.read()
    if db.dialect.postgresql:
        c.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    else:
        c.execute("BEGIN")
    return c


def _snapshot_end(c: Connection) -> None:
    if c.in_transaction:
        c.execute("ROLLBACK")


def copy_store(
    source: Database,
    target: Database,
    *,
    chunk: int = CHUNK,
    progress: Progress | None = None,
) -> CopyResult:
    """Copy every row of ``source`` into ``target`` (empty, or an unfinished copy of this
    source). See the module's doc. Raises InputError for a refusal (nothing written) and
    StoreError when the counts differ at the end (the marker stays: run again)."""
    started = time.monotonic()
    if chunk < 1:
        raise ValueError("chunk must be 1 or more")
    src, dst = _identity(source), _identity(target)
    if src == dst:
        raise _refuse(
            f"源数据库和目标是同一个：{src}",
            f"The source and the target are the same store: {src}",
        )
    if source.schema_version != target.schema_version:
        raise _refuse(
            f"两个数据库的版本不同（源 {source.schema_version}，目标 {target.schema_version}）。",
            f"The two stores are at different versions (source {source.schema_version},"
            f" target {target.schema_version}).",
        )
    if _marker(source) is not None:
        raise _refuse(
            f"源数据库 {src} 本身是一次没有完成的复制，请先完成那次复制。",
            f"The source {src} is itself an unfinished copy; finish that copy first.",
        )
    source_shape, target_shape = source.schema_shape(), target.schema_shape()
    plan = copy_plan(source_shape, target_shape)
    theirs = target_shape.columns
    for t in plan:
        if t.name not in theirs or set(t.columns) - {c[0] for c in theirs[t.name]}:
            raise _refuse(
                f"目标数据库的表 {t.name} 与源不同。",
                f"The target's table {t.name} differs from the source's.",
            )
    result = CopyResult(src, dst, resumed=False)
    read = _snapshot_begin(source)
    try:
        # a message's batch is checked by a key on SQLite, not on PostgreSQL: a message whose
        # batch is missing (written by hand or by another tool) would stop the copy halfway
        if _checks_batches(target_shape) and not _checks_batches(source_shape):
            lost = messages.without_their_batch(read)
            if lost:
                raise _refuse(
                    f"源数据库 {src} 中有 {len(lost)} 条消息所属的发送批次不存在"
                    f"（消息编号 {', '.join(map(str, lost[:5]))}），目标数据库不接受这样的记录，"
                    "没有复制任何内容。",
                    f"In the source {src}, {len(lost)} messages name a batch that does not"
                    f" exist (message ids {', '.join(map(str, lost[:5]))}); the target does"
                    " not accept them. Nothing was copied.",
                )
        prints = _fingerprint(read, plan)
        marker = _marker(target)
        if marker is None:
            busy = _holds_rows(target, plan)
            if busy:
                raise _refuse(
                    f"目标数据库 {dst} 不是空的（表 {', '.join(busy[:5])} 中已有数据），"
                    "没有复制任何内容。请使用一个空数据库。",
                    f"The target {dst} is not empty (tables {', '.join(busy[:5])} hold rows);"
                    " nothing was copied. Use an empty database.",
                )
            with target.write() as w:
                w.execute(
                    f"INSERT INTO {MARKER_TABLE}(key, value) VALUES(?, ?)",
                    (MARKER, json.dumps({"source": src, "fingerprint": prints})),
                )
        elif marker.get("source") != src:
            raise _refuse(
                f"目标数据库 {dst} 是另一次未完成的复制（源：{marker.get('source')}），"
                "不是这个数据库的。",
                f"The target {dst} is an unfinished copy of another store"
                f" ({marker.get('source')}), not of this one.",
            )
        elif marker.get("fingerprint") != prints:
            raise _refuse(
                f"源数据库 {src} 在复制中断后有了变化，不能接着复制。"
                "请清空目标数据库后重新复制（复制时请关闭本程序的窗口）。",
                f"The source {src} changed after the copy was interrupted: it cannot be"
                " resumed. Empty the target and copy again (with the window closed meanwhile).",
            )
        else:
            result.resumed = True
        for t in plan:
            total = prints[t.name][0]
            if t.keyed:
                _copy_keyed(read, target, t, total, chunk, progress)
            else:
                _copy_whole(read, target, t, total, progress)
        # the counts, both sides, before the marker goes
        for t in plan:
            ours = _count(read, t.name)
            got = _count(target.read(), t.name) - (1 if t.name == MARKER_TABLE else 0)
            if ours != got:
                raise StoreError(
                    f"复制后表 {t.name} 的行数不符：源 {ours}，目标 {got}。请再运行一次复制。",
                    f"After the copy, table {t.name} holds {got} rows where the source holds"
                    f" {ours}. Run the copy again.",
                )
            result.rows[t.name] = ours
        with target.write() as w:
            for t in plan:
                if t.keyed:
                    target.reset_ids(w, t.name)
            w.execute(f"DELETE FROM {MARKER_TABLE} WHERE key = ?", (MARKER,))
        target.refresh_statistics()  # a bulk load: the first queries planned with its rows
    finally:
        _snapshot_end(read)
    result.seconds = time.monotonic() - started
    return result


def _copy_keyed(
    read: Connection,
    target: Database,
    t: Table,
    total: int,
    chunk: int,
    progress: Progress | None,
) -> None:
    """``t``'s rows above the highest id the target holds, a chunk a transaction."""
    c = target.read()
    last = int(c.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t.name}").fetchone()[0])
    done = _count(c, t.name)
    cols = ", ".join(t.columns)
    key = t.columns.index("id")
    sql = f"SELECT {cols} FROM {t.name} WHERE id > ? ORDER BY id LIMIT ?"
    cur = read.cursor()
    cur.row_factory = None
    while True:
        rows = cur.execute(sql, (last, chunk)).fetchall()
        if not rows:
            break
        with target.write() as w:
            insert_rows(w, t.name, t.columns, rows)
        last = int(rows[-1][key])
        done += len(rows)
        if progress is not None:
            progress(t.name, done, total)
    if progress is not None and total == 0:
        progress(t.name, 0, 0)


def _copy_whole(
    read: Connection, target: Database, t: Table, total: int, progress: Progress | None
) -> None:
    """``t``'s rows in one transaction, in place of what the target's table holds (a copy
    interrupted after it, the counts the messages' triggers made); the marker stays."""
    cur = read.cursor()
    cur.row_factory = None
    rows = cur.execute(f"SELECT {', '.join(t.columns)} FROM {t.name}").fetchall()
    with target.write() as w:
        if t.name == MARKER_TABLE:
            w.execute(f"DELETE FROM {t.name} WHERE key <> ?", (MARKER,))
        else:
            w.execute(f"DELETE FROM {t.name}")
        insert_rows(w, t.name, t.columns, rows)
    if progress is not None:
        progress(t.name, len(rows), total)

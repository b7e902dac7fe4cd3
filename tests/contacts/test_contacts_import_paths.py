"""The import's fast ways give the same outcome as the row-by-row rules.

A block of rows is taken column by column when it can be (clean mobiles, plain text), the
rows of a sheet without merged cells come in blocks straight from the parser, and an import of
many rows into an empty group builds the group's index once at the end. Each must leave the
same report (counts, rejected rows with their reasons) and the same stored contacts as the
row-by-row rules, and the index must be back, the same, whatever happens.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sheetgen import write_xlsx
from stores import SQLITE_ONLY

from sms_desktop.core import contacts as C
from sms_desktop.core.contacts import importer
from sms_desktop.core.contacts.reader import read_table
from sms_desktop.core.errors import InputError
from sms_desktop.core.store import open_database


def _phone(rnd: random.Random, pool: list[int]) -> Any:
    n = rnd.choice(pool)
    kind = rnd.randrange(12)
    if kind < 4:
        return float(n)
    if kind < 6:
        return str(n)
    if kind == 6:
        return n
    if kind == 7:
        s = str(n)
        return f"{s[:3]}-{s[3:7]}-{s[7:]}"
    if kind == 8:
        return rnd.choice(["", "123", "1380013800", "abc", "+86 138 0013 8000", "0755-12345678"])
    if kind == 9:
        return f"{n}、{rnd.choice(pool)}"  # two numbers in one cell
    if kind == 10:
        return f" {n} "
    return float(n) if rnd.random() < 0.5 else str(n)


def _text(rnd: random.Random) -> Any:
    return rnd.choice(
        [
            "张三",
            " 李四 ",
            "'=1+1",  # neutralised by an export: the apostrophe goes
            "'abc",
            "多行\n'文本",
            "",
            3.0,
            12.5,
            dt.date(2024, 5, 1),
            "王五",
            "Alice",
        ]
    )


def _rows(seed: int, n: int) -> list[list[Any]]:
    """Long runs of clean rows, as most files are, with every kind of trouble mixed in."""
    rnd = random.Random(seed)
    pool = rnd.sample(range(13_000_000_000, 19_999_999_999), n)
    rows: list[list[Any]] = [["姓名", "手机号码", "城市", "备注"]]
    for i in range(n):
        trouble = rnd.random()
        if trouble < 0.01:
            rows.append(["", "", "", ""])  # blank: not a row at all
        elif trouble < 0.025:  # a messy number: invalid, empty, two in a cell, a repeat …
            rows.append([_text(rnd), _phone(rnd, pool[: i + 1]), _text(rnd), f"备注{i}"])
        elif trouble < 0.035:  # a clean number with cells that need more than stripping
            rows.append([_text(rnd), _phone(rnd, pool[i : i + 1]), _text(rnd), _text(rnd)])
        else:
            phone = pool[i]
            cell = float(phone) if i % 3 else f"{str(phone)[:3]}-{str(phone)[3:]}"
            rows.append([f"客户{i}", cell, "杭州", f"备注{i}"])
    return rows


def _outcome(db: Any, path: Path, group: str, **kw: Any) -> tuple[dict[str, Any], list[tuple]]:
    report = C.import_file(db, path, group, **kw).to_dict()
    report.pop("seconds")
    stored = db.read().execute(
        "SELECT c.phone, c.name, c.name_key, c.fields, g.name FROM contacts c "
        "JOIN groups g ON g.id=c.group_id ORDER BY c.id"
    )
    return report, [tuple(r) for r in stored]


def _row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    def run(self: Any, nums: Any, rows: Any, phones: Any, out: Any) -> None:
        self.rows_one_by_one(nums, rows, out, phones)

    monkeypatch.setattr(importer._RowPrep, "run", run)
    monkeypatch.setattr(importer, "_REBUILD_MIN_ROWS", 10**9)
    real = read_table

    def no_blocks(path: Any, sheet: Any = None) -> Any:
        t = real(path, sheet)
        t._batches = None
        return t

    monkeypatch.setattr(importer, "read_table", no_blocks)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_fast_ways_give_the_row_by_row_outcome(tmp_path, monkeypatch, seed, fmt):
    rows = _rows(seed, 2600)  # three blocks and a bit
    if fmt == "xlsx":
        path = write_xlsx(tmp_path / "c.xlsx", {"S": rows})
    else:
        path = tmp_path / "c.csv"
        cell = {float: lambda v: f"{v:.15g}", str: lambda v: f'"{v}"' if "\n" in v else v}
        path.write_text(
            "\n".join(",".join(cell.get(type(v), str)(v) for v in r) for r in rows),
            encoding="utf-8",
        )

    def outcomes() -> list[Any]:
        db = open_database(tmp_path / f"home{len(list(tmp_path.iterdir()))}")
        try:
            C.blacklist_add(db, [str(v) for v in random.Random(seed).sample(range(10**9), 3)])
            C.blacklist_add(db, [str(int(r[1])) for r in rows[5:900:97] if type(r[1]) is float])
            first = _outcome(db, path, "新")  # an empty group: the index built at the end
            # the same file again: every number already there, updated, then skipped
            again = _outcome(db, path, "新", on_duplicate="update")
            skipped = _outcome(db, path, "新", on_duplicate="skip")
            return [first, again, skipped]
        finally:
            db.close()

    columns: list[int] = []
    real_texts = importer._texts

    def texts(cells: list[Any]) -> list[str] | None:
        out = real_texts(cells)
        columns.append(len(out) if out is not None else 0)
        return out

    with monkeypatch.context() as m:
        m.setattr(importer, "_texts", texts)
        fast = outcomes()
    # most rows went column by column (3 text columns, 3 imports of 2,600 rows)
    assert sum(columns) / 9 > 2400, sum(columns) / 9
    with monkeypatch.context() as m:
        _row_by_row(m)
        slow = outcomes()
    assert fast == slow
    report = fast[0][0]
    assert report["imported"] > 1000 and report["duplicates"] and report["invalid"]
    assert fast[2][0]["duplicates"] >= report["imported"]


def _indexes(db: Any) -> dict[str, str]:
    if db.dialect.postgresql:
        sql = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename='contacts'"
            " AND indexname <> 'contacts_pkey'"
        )
    else:
        sql = "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='contacts'"
    return {r[0]: r[1] for r in db.read().execute(sql)}


def _csv(path: Path, n: int, start: int = 0) -> Path:
    path.write_text(
        "手机,姓名\n" + "".join(f"1380{i:07d},客户{i}\n" for i in range(start, start + n)),
        encoding="utf-8",
    )
    return path


@SQLITE_ONLY  # an office server keeps its index: dropping it would lock the other PCs out
def test_a_bulk_import_builds_the_group_index_once_and_leaves_it_as_it_was(db, tmp_path):
    fresh = _indexes(db)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    r = C.import_file(db, _csv(tmp_path / "a.csv", 6000), "大")
    assert r.imported == 6000
    assert "DROP INDEX contacts_group_phone" in statements
    assert _indexes(db) == fresh == {"contacts_group_phone": importer._UNIQUE_INDEX}
    # the index is there and unique: a number twice in a group is refused
    with pytest.raises(sqlite3.IntegrityError), db.write() as c:
        c.execute("INSERT INTO contacts(group_id, phone) VALUES (?, '13800000001')", (r.group_id,))

    # into a group that holds numbers, or a small import: the index stays, kept up to date
    statements.clear()
    C.import_file(db, _csv(tmp_path / "b.csv", 6000, 3000), "大")
    C.import_file(db, _csv(tmp_path / "c.csv", 100), "小")
    # a large group elsewhere: building the index would sort more than this import brings
    C.import_file(db, _csv(tmp_path / "d.csv", 5000), "中")
    assert not [s for s in statements if "INDEX" in s]
    db.conn.set_trace_callback(None)
    assert _indexes(db) == fresh


def test_a_cancelled_or_failed_bulk_import_leaves_the_index_and_no_rows(db, tmp_path):
    fresh = _indexes(db)
    with pytest.raises(C.ImportCancelledError):
        C.import_file(db, _csv(tmp_path / "a.csv", 8000), "大", progress=lambda d, t: False)
    assert _indexes(db) == fresh
    assert C.count_contacts(db) == 0
    bad = _csv(tmp_path / "b.csv", 20000)  # more than the encoding sniffer reads
    with bad.open("ab") as f:
        f.write("13900139000,李四\n".encode("gbk"))  # not UTF-8: fails on the last line
    with pytest.raises(InputError, match="cannot be decoded"):
        C.import_file(db, bad, "大")
    assert _indexes(db) == fresh
    assert C.count_contacts(db) == 0

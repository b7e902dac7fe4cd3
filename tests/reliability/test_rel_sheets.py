"""Malformed spreadsheets through the core import (``import_file``) and the CLI
(``contacts import``). Every fixture is generated here (tests/contacts/sheetgen.py, openpyxl,
msoffcrypto-tool for a really encrypted workbook).

Each case ends in one of three defined ways, and the test checks which:

* **refused**: an ``InputError`` of one line naming the cause; nothing imported, no group made;
  the CLI exits 2 with that one line on stderr;
* **read, with a note**: the data is imported and a note says what was odd (a wrong extension,
  macros that were not run);
* **rows rejected**: the good rows are imported, each bad one is listed with its reason.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "contacts"))
from sheetgen import set_cached_values, write_xls, write_xlsx

from sms_desktop.cli import main as cli_main
from sms_desktop.core import contacts as C
from sms_desktop.core.contacts import import_file
from sms_desktop.core.contacts.reader import MAX_CELL_CHARS
from sms_desktop.core.errors import InputError
from sms_desktop.core.store import open_database

ROWS = [["姓名", "手机号码"], ["张三", "13800138000"], ["李四", "13900139001"]]
BIG = 10 * 2**20  # a 10 MB cell


def _truncated_zip(d: Path) -> Path:
    p = write_xlsx(d / "cut.xlsx", {"S": ROWS})
    data = p.read_bytes()
    p.write_bytes(data[: len(data) * 6 // 10])
    return p


def _xlsx_holding_csv(d: Path) -> Path:
    p = d / "export.xlsx"
    p.write_text("姓名,手机号码\n张三,13800138000\n", encoding="utf-8")
    return p


def _csv_holding_xlsx(d: Path) -> Path:
    return write_xlsx(d / "contacts.csv", {"S": ROWS})


def _big_cell_xlsx(d: Path) -> Path:
    """openpyxl cuts a cell at 32,767 characters (Excel's limit): write a placeholder, then put
    10 MB in its place in the sheet's XML, as a broken generator would."""
    p = write_xlsx(d / "big.xlsx", {"S": [*ROWS, ["@@BIG@@", "13700137002"]]})
    return _replace_in_parts(p, b"@@BIG@@", b"x" * BIG)


def _replace_in_parts(path: Path, old: bytes, new: bytes) -> Path:
    """Replace ``old`` by ``new`` in every part of a zip package that holds it."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    hit = [n for n, b in parts.items() if old in b]
    assert hit, f"{old!r} not found"
    for n in hit:
        parts[n] = parts[n].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)
    return path


def _big_cell_csv(d: Path) -> Path:
    p = d / "big.csv"
    p.write_text("姓名,手机号码\n张三,13800138000\n" + "x" * BIG + ",13900139001\n", "utf-8")
    return p


def _encrypted_xlsx(d: Path) -> Path:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = write_xlsx(d / "plain.xlsx", {"S": ROWS})
    out = io.BytesIO()
    with plain.open("rb") as f:
        ooxml.OOXMLFile(f).encrypt("s3cret", out)  # ECMA-376 agile encryption, as Excel does
    p = d / "locked.xlsx"
    p.write_bytes(out.getvalue())
    return p


def _wide(d: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["手机号码", *(f"列{i}" for i in range(1, 16384))])
    ws.append(["13800138000", *(f"v{i}" for i in range(1, 16384))])
    p = d / "wide.xlsx"
    wb.save(p)
    return p


VBA = {
    "_VBA_PROJECT_CUR": {
        "VBA": {
            "dir": b"\x01\x00\x00",
            "_VBA_PROJECT": b"\xcc\x61\xff\xff\x00",
            "Module1": b'Attribute VB_Name = "Module1"\r\nSub AutoOpen()\r\nShell "calc"\r\nEnd Sub',
        },
        "PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\nModule=Module1\r\n',
        "PROJECTwm": b"Module1\x00M\x00o\x00d\x00u\x00l\x00e\x001\x00\x00\x00\x00\x00",
    }
}


def _macro_xls(d: Path) -> Path:
    return write_xls(d / "macro.xls", {"S": ROWS}, extra=VBA)


def _macro_xlsm(d: Path) -> Path:
    p = write_xlsx(d / "macro.xlsm", {"S": ROWS})
    with zipfile.ZipFile(p, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    return p


def _formulas(d: Path) -> Path:
    rows = [
        ["姓名", "手机号码"],
        ["张三", "=13800138000"],  # a formula whose saved result is a number
        ["李四", "=B2+1"],  # a formula saved without a result (openpyxl writes none)
        ["王五", "=1/0"],  # a formula whose saved result is an error
        ["赵六", "13700137003"],
    ]
    p = write_xlsx(d / "formulas.xlsx", {"S": rows})
    set_cached_values(p, {"B2": 13800138000, "B4": "#DIV/0!"})
    # an error result is saved as t="e", as Excel does
    return _replace_in_parts(p, b'r="B4" t="str"', b'r="B4" t="e"')


def _formula_errors_as_text(d: Path) -> Path:
    """Excel's "save as CSV" writes a formula's error result as text."""
    p = d / "errors.csv"
    p.write_text("姓名,手机号码\n张三,#DIV/0!\n李四,#N/A\n王五,13800138000\n", "utf-8")
    return p


def _dates_and_booleans(d: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "手机号码"])
    ws.append(["张三", dt.datetime(2024, 3, 8, 9, 30)])
    ws.append(["李四", dt.date(1990, 1, 1)])
    ws.append(["王五", True])
    ws.append(["赵六", False])
    ws.append(["孙七", 13700137004])
    p = d / "dates.xlsx"
    wb.save(p)
    return p


# case -> (builder, expectation, words the one-line error or the notes/reasons must hold)
REFUSED = {
    "truncated zip": (_truncated_zip, "the zip archive is incomplete or damaged"),
    ".xlsx that is a CSV": (_xlsx_holding_csv, "plain text, not .xlsx"),
    "10 MB cell (.xlsx)": (_big_cell_xlsx, f"above Excel's limit of {MAX_CELL_CHARS:,}"),
    "10 MB cell (.csv)": (_big_cell_csv, f"above Excel's limit of {MAX_CELL_CHARS:,}"),
    "password-protected .xlsx": (_encrypted_xlsx, "password-protected"),
}
NOTED = {
    ".csv that is an .xlsx": (_csv_holding_xlsx, "holds .xlsx data", 2),
    ".xls with a VBA macro": (_macro_xls, "macros (VBA)", 2),
    ".xlsm with vbaProject.bin": (_macro_xlsm, "macros (VBA)", 2),
    "16,384 columns": (_wide, "", 1),
}
ROWS_REJECTED: dict[str, tuple[Callable[[Path], Path], int, list[tuple[str, str]]]] = {
    "formulas": (
        _formulas,
        2,
        # python-calamine reads a formula without a saved result, or with an error result,
        # as an empty cell
        [("李四", "empty number"), ("王五", "empty number")],
    ),
    "formula errors saved as text (.csv)": (
        _formula_errors_as_text,
        1,
        [("张三", "formula error (#DIV/0!)"), ("李四", "formula error (#N/A)")],
    ),
    "dates and booleans in the phone column": (
        _dates_and_booleans,
        1,
        [
            ("张三", "the cell holds a date or time"),
            ("李四", "the cell holds a date or time"),
            ("王五", "invalid number: True"),
            ("赵六", "invalid number: False"),
        ],
    ),
}

FIGURES: dict[str, float] = {}


@pytest.fixture
def db(home):
    d = open_database(home)
    try:
        yield d
    finally:
        d.close()


def _cli(home: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = cli_main(["--home", str(home), "contacts", "import", str(path), "--group", "CLI"])
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_with_one_clear_line_and_nothing_imported(case, db, home, tmp_path, capsys):
    build, cause = REFUSED[case]
    path = build(tmp_path)
    t0 = time.monotonic()
    with pytest.raises(InputError) as ei:
        import_file(db, path, "G")
    FIGURES[case] = time.monotonic() - t0
    msg = str(ei.value)
    assert "\n" not in msg and cause in msg, msg
    assert C.count_contacts(db) == 0 and C.groups(db) == []
    rc, out, err = _cli(home, path, capsys)
    assert rc == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and cause in lines[0], err
    assert C.count_contacts(db) == 0 and C.groups(db) == []


@pytest.mark.parametrize("case", list(NOTED))
def test_read_with_a_note(case, db, home, tmp_path, capsys):
    build, note, n = NOTED[case]
    path = build(tmp_path)
    report = import_file(db, path, "G")
    assert report.imported == n
    if note:
        assert any(note in x for x in report.notes), report.notes
    else:
        assert not report.notes
    if case == "16,384 columns":  # the core's import only: the CLI adds nothing but seconds
        fields = db.read().execute("SELECT fields FROM contacts LIMIT 1").fetchone()[0]
        assert fields.count('"v') == 16383
        return
    rc, out, err = _cli(home, path, capsys)
    assert rc == 0, err
    assert note in err + out


@pytest.mark.parametrize("case", list(ROWS_REJECTED))
def test_bad_phone_cells_are_rejected_rows_with_reasons(case, db, home, tmp_path, capsys):
    build, imported, rejected = ROWS_REJECTED[case]
    path = build(tmp_path)
    report = import_file(db, path, "G")
    assert report.imported == imported
    got = [(r.name, r.reason) for r in report.rejected]
    assert len(got) == len(rejected), got
    for (name, words), (gname, reason) in zip(rejected, got, strict=True):
        assert name == gname and words in reason, (name, reason)
    capsys.readouterr()
    rc = cli_main(["--home", str(home), "contacts", "import", str(path), "-g", "CLI", "--json"])
    shown = json.loads(capsys.readouterr().out)
    assert rc == 0 and shown["imported"] == imported
    reasons = [r["reason"] for r in shown["rejected"]]
    assert all(any(w in r for r in reasons) for _, w in rejected), reasons

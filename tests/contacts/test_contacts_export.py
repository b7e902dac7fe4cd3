"""Exports: round trip of numbers, phone cells as text, formula neutralising, the template."""

from __future__ import annotations

import zipfile

import openpyxl
from sheetgen import write_xlsx

from sms_desktop.core import contacts as C
from sms_desktop.core.contacts import import_file


def _sheet_xml(path):
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_export_round_trip_gives_back_exactly_the_same_numbers(db, tmp_path):
    numbers = [f"1{d}{i:09d}" for d in "3456789" for i in (0, 1, 123456789, 999999999)]
    numbers += ["01012345678", "075512345678"]  # landlines keep their leading 0
    rows = [["手机号码", "姓名"]] + [[n, f"人{i}"] for i, n in enumerate(numbers)]
    src = write_xlsx(tmp_path / "src.xlsx", {"S": rows})
    r = import_file(db, src, "G", family="txt112088")
    assert r.imported == len(numbers)
    out = tmp_path / "out.xlsx"
    assert C.export_contacts_xlsx(db, out) == len(numbers)
    # read back with openpyxl: phone cells are strings, formatted as text
    ws = openpyxl.load_workbook(out).active
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert all(c.data_type == "s" and c.number_format == "@" for c in cells)
    assert sorted(c.value for c in cells) == sorted(numbers)
    # and import again into another group: exactly the same numbers
    r2 = import_file(db, out, "H", family="txt112088")
    assert r2.imported == len(numbers) and not r2.rejected
    assert sorted(c.phone for c in C.list_contacts(db, "H", limit=None)) == sorted(numbers)


def test_formula_cells_are_neutralised(db, tmp_path):
    C.add_contact(
        db,
        "G",
        "13800138000",
        name="=cmd|'/c calc'!A1",
        fields={"备注": "+1+2", "x": "@SUM(1)", "y": "-3"},
    )
    out = tmp_path / "out.xlsx"
    C.export_contacts_xlsx(db, out)
    xml = _sheet_xml(out)
    assert "<f>" not in xml
    ws = openpyxl.load_workbook(out).active
    row = [c.value for c in ws[2]]
    assert row[0] == "13800138000"
    # typed text, as Excel keeps a value typed after ' : the name as it is, no visible apostrophe
    assert row[1] == "=cmd|'/c calc'!A1"
    assert set(row[3:]) == {"+1+2", "@SUM(1)", "-3"}
    assert all(c.data_type == "s" for c in ws[2])
    assert [c.quotePrefix for c in ws[2]] == [False, True, False, True, True, True]
    # importing the export gives back the original text
    import_file(db, out, "H")
    c = C.list_contacts(db, "H")[0]
    assert c.name == "=cmd|'/c calc'!A1"
    assert c.fields == {"分组": "G", "备注": "+1+2", "x": "@SUM(1)", "y": "-3"}


def test_neutralise():
    assert C.neutralise("=1+1") == "'=1+1"
    assert C.neutralise("normal") == "normal"
    assert C.neutralise("") == ""


def test_export_one_group_and_blacklist(db, tmp_path):
    C.add_contact(db, "A", "13800138000", "甲")
    C.add_contact(db, "B", "13900139000", "乙")
    out = tmp_path / "a.xlsx"
    assert C.export_contacts_xlsx(db, out, group="A") == 1
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[2]][:3] == ["13800138000", "甲", "A"]
    C.blacklist_add(db, ["13700137000", "136-0013-6000"], reason="=evil()")
    bl = tmp_path / "bl.xlsx"
    assert C.export_blacklist_xlsx(db, bl) == 2
    ws = openpyxl.load_workbook(bl).active
    got = {r[0].value: (r[1].value, r[1].quotePrefix) for r in ws.iter_rows(min_row=2)}
    assert got == {"13700137000": ("=evil()", True), "13600136000": ("=evil()", True)}
    assert all(r[0].data_type == "s" for r in ws.iter_rows(min_row=2))


def test_template(db, tmp_path):
    t = tmp_path / "template.xlsx"
    C.write_template(t)
    ws = openpyxl.load_workbook(t)["联系人"]
    assert [c.value for c in ws[1]] == C.export.TEMPLATE_HEADERS
    assert ws["A2"].value == "13800138000" and ws["A2"].data_type == "s"
    assert ws["A3"].number_format == "@"
    r = import_file(db, t, "G")
    assert r.imported == 1
    c = C.list_contacts(db)[0]
    assert (c.phone, c.name, c.fields["单位"]) == ("13800138000", "张三", "某某科技有限公司")


def test_export_does_not_leave_partial_files(db, tmp_path):
    import pytest

    from sms_desktop.core.errors import InputError

    with pytest.raises(InputError, match=r"\.xlsx"):
        C.export_contacts_xlsx(db, tmp_path / "out" / "x.csv")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    C.add_contact(db, "G", "13800138000")
    assert C.export_contacts_xlsx(db, tmp_path / "out" / "x.xlsx") == 1
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["x.xlsx"]

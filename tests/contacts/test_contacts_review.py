"""Regressions found in review: Excel/WPS quirks, short GBK files, exports, the CLI."""

from __future__ import annotations

import argparse

import openpyxl
import pytest
from sheetgen import write_xlsx

from sms_desktop.cli.common import CliError
from sms_desktop.cli.contacts_args import register
from sms_desktop.core import contacts as C
from sms_desktop.core.contacts import detect_columns, import_file, read_table
from sms_desktop.core.contacts.reader import detect_encoding
from sms_desktop.core.errors import InputError
from sms_desktop.core.phones import normalise_cell


def rows(table):
    return list(table.rows())


# ---- header detection -------------------------------------------------------------------------
def test_title_row_mentioning_the_phone_is_not_taken_as_the_header(db, tmp_path):
    p = write_xlsx(
        tmp_path / "t.xlsx",
        {
            "S": [
                ["2024年客户手机号码登记表", None, None],
                ["姓名", "手机号码", "单位"],
                ["张三", "13800138000", "甲"],
                ["李四", "13900139000", "乙"],
            ]
        },
        merged={"S": ["A1:C1"]},
    )
    t = read_table(p)
    assert (t.header_row, t.headers) == (2, ["姓名", "手机号码", "单位"])
    r = import_file(db, p, "G")
    assert (r.imported, r.rejected) == (2, [])
    c = C.list_contacts(db, search="13800138000")[0]
    assert (c.name, c.fields) == ("张三", {"单位": "甲"})


@pytest.mark.parametrize("first_phone", ["1380013800", "", "138-0013-800"])
def test_headerless_first_row_with_a_bad_number_is_data_not_a_header(db, tmp_path, first_phone):
    p = tmp_path / "n.csv"
    p.write_text(f"张三,{first_phone}\n李四,13900139000\n王五,13700137000\n", encoding="utf-8")
    t = read_table(p)
    assert t.header_row is None
    r = import_file(db, p, "G")
    assert r.imported == 2
    assert [(x.row, x.outcome, x.name) for x in r.rejected] == [
        (1, "empty" if not first_phone else "invalid", "张三")
    ]
    assert sorted((c.name, c.fields) for c in C.list_contacts(db)) == [
        ("李四", {}),
        ("王五", {}),
    ]


# ---- CSV from Excel/WPS on Chinese Windows ----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "韩璧儿,19535223100\r\n",  # chardet: Big5
        "程寒婕,17508976298\r\n宋昭,13998617750\r\n",  # chardet: Big5
        "name,phone\r\n吕秀,17401286598\r\n潘瑗茗,18383131226\r\n田伟娥,16770911894\r\n",
        "郑毓,16976707785\r\n",  # the GBK bytes are valid UTF-8 too
        "name,phone\r\n袁莎,18728668280\r\n",  # ditto
    ],
)
def test_short_gbk_file_of_names(tmp_path, text):
    raw = text.encode("gbk")
    assert detect_encoding(raw) == "gb18030"
    p = tmp_path / "g.csv"
    p.write_bytes(raw)
    t = read_table(p)
    names = [r[0] for _, r in rows(t)]
    assert names == [ln.split(",")[0] for ln in text.splitlines() if not ln.startswith("name")]


def test_real_utf8_and_big5_are_still_recognised():
    assert detect_encoding("José,13800138000\n".encode()) == "utf-8"
    assert detect_encoding("Иван,13800138000\n".encode()) == "utf-8"
    big5 = "姓名,手機\n張三,13800138000\n陳大文,13900139000\n".encode("big5")
    assert detect_encoding(big5) == "big5"


def test_gbk_text_only_after_the_first_256_kb_of_ascii(db, tmp_path):
    p = tmp_path / "late.csv"
    body = "mobile,remark\n" + "".join(f"1380{i:07d},\n" for i in range(30000))
    p.write_bytes(body.encode() + "13900139000,老客户\n".encode("gbk"))
    assert len(body) > 256 * 1024
    r = import_file(db, p, "G")
    assert r.imported == 30001
    assert C.list_contacts(db, search="13900139000")[0].fields == {"remark": "老客户"}


@pytest.mark.parametrize("delim", [",", ";"])
def test_excel_sep_line(db, tmp_path, delim):
    p = tmp_path / "sep.csv"
    p.write_bytes(
        f"sep={delim}\r\n张三{delim}13800138000\r\n李四{delim}1390013900\r\n王五{delim}13700137000\r\n".encode(
            "gbk"
        )
    )
    t = read_table(p)
    assert t.delimiter == delim and t.header_row is None
    r = import_file(db, p, "G")
    assert r.imported == 2
    # Excel hides the sep= line: 李四 is on row 2 there
    assert [(x.row, x.name) for x in r.rejected] == [(2, "李四")]
    assert all(c.fields == {} and c.name for c in C.list_contacts(db))
    # with a header: the header is row 1
    p.write_bytes(f"sep={delim}\r\n姓名{delim}手机\r\n张三{delim}13800138000\r\n".encode())
    t = read_table(p)
    assert (t.header_row, t.headers, rows(t)) == (
        1,
        ["姓名", "手机"],
        [(2, ["张三", "13800138000"])],
    )


def test_trailing_empty_column_does_not_become_a_field(db, tmp_path):
    p = tmp_path / "t.csv"
    p.write_bytes("姓名,手机,\r\n张三,13800138000,\r\n李四,13900139000,\r\n".encode("gbk"))
    t = read_table(p)
    assert detect_columns(t).fields == {}
    import_file(db, p, "G")
    assert [c.fields for c in C.list_contacts(db)] == [{}, {}]


def test_table_starting_in_column_c_has_no_empty_fields(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C3"], ws["D3"], ws["E3"] = "姓名", "手机", "城市"
    ws["C4"], ws["D4"] = "张三", "13800138000"  # 城市 is empty in the sample: still a field
    p = tmp_path / "c.xlsx"
    wb.save(p)
    r = import_file(db, p, "G")
    assert r.imported == 1 and r.header_row == 3
    assert C.list_contacts(db)[0].fields == {"城市": ""}


def test_default_sheet_skips_a_sheet_of_blanks(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = " "  # a blank left behind: calamine sees one row
    ws = wb.create_sheet("名单")
    ws.append(["姓名", "手机"])
    ws.append(["张三", "13800138000"])
    p = tmp_path / "b.xlsx"
    wb.save(p)
    assert read_table(p).sheet == "名单"


def test_decoding_error_names_the_line(db, tmp_path):
    p = tmp_path / "c.csv"
    body = "手机,姓名\n" + "".join(f"1380{i:07d},张三\n" for i in range(20000))
    p.write_bytes(body.encode("utf-8") + "13900139000,李四\n".encode("gbk"))
    with pytest.raises(InputError, match=r"line 20002, near byte 3800\d\d"):
        import_file(db, p, "G")
    assert C.count_contacts(db) == 0 and C.groups(db) == []


# ---- phone formats ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "phones"),
    [
        ("(+86)13800138000", ["13800138000"]),
        ("（＋８６）138-0013-8000", ["13800138000"]),
        ("(86) 138 0013 8000", ["13800138000"]),
        ("13,800,138,000", ["13800138000"]),  # a number column saved as CSV with separators
        ("13,800,138,000, 13,900,139,000", ["13800138000", "13900139000"]),
    ],
)
def test_more_phone_forms(cell, phones):
    assert [r.phone for r in normalise_cell(cell)] == phones


def test_search_by_a_partial_number_as_written(db):
    C.add_contact(db, "G", "13800138000", "张三")
    assert [c.name for c in C.list_contacts(db, search="0013 8000")] == ["张三"]
    assert [c.name for c in C.list_contacts(db, search="138-0013")] == ["张三"]


# ---- exports ----------------------------------------------------------------------------------
def test_export_neutralises_full_width_and_round_trips_exactly(db, tmp_path):
    fields = {
        "a": "＝1+2",
        "b": "＋86",
        "c": "－1",
        "d": "＠x",
        "e": "\tfoo",
        "f": "'=x",
        "g": "'hello",
    }
    C.add_contact(db, "G", "13800138000", name="＝cmd", fields=fields)
    out = tmp_path / "o.xlsx"
    C.export_contacts_xlsx(db, out)
    cells = openpyxl.load_workbook(out).active[2]
    row = [c.value for c in cells]
    assert row[1] == "＝cmd"
    # typed text (the quote-prefix flag); a value that starts with ' or a tab keeps a visible '
    assert row[3:] == ["＝1+2", "＋86", "－1", "＠x", "'\tfoo", "''=x", "'hello"]
    assert [c.quotePrefix for c in cells[3:]] == [True] * 6 + [False]
    import_file(db, out, "H")
    c = C.list_contacts(db, "H")[0]
    assert c.name == "＝cmd"
    assert c.fields == {"分组": "G", **fields}


def test_report_value_column_is_neutralised(db, tmp_path):
    p = write_xlsx(tmp_path / "r.xlsx", {"S": [["手机"], ["+1 555 0100"], ["@13800138000"]]})
    r = import_file(db, p, "G")
    out = tmp_path / "rep.xlsx"
    C.export_report_xlsx(r, out)
    ws = openpyxl.load_workbook(out)["未导入 rejected"]
    assert [(row[2].value, row[2].quotePrefix) for row in ws.iter_rows(min_row=2)] == [
        ("+1 555 0100", True),
        ("@13800138000", True),
    ]


# ---- CLI --------------------------------------------------------------------------------------
def run(home, *argv):
    p = argparse.ArgumentParser()
    p.add_argument("--home")
    register(p.add_subparsers(dest="command", required=True))
    args = p.parse_args(["--home", str(home), *argv])
    return args.func(args)


def test_cli_bad_report_path_fails_before_importing(home, tmp_path):
    book = write_xlsx(tmp_path / "c.xlsx", {"S": [["手机"], ["13800138000"]]})
    with pytest.raises(CliError, match=r"--report must name an \.xlsx file"):
        run(home, "contacts", "import", str(book), "--report", str(tmp_path / "r.csv"))
    from sms_desktop.core.store import open_database

    db = open_database(home)
    try:
        assert C.groups(db) == []
    finally:
        db.close()


def test_cli_report_that_cannot_be_written_after_the_import(home, tmp_path, capsys):
    book = write_xlsx(tmp_path / "c.xlsx", {"S": [["手机"], ["13800138000"]]})
    (tmp_path / "afile").write_text("x")
    rep = tmp_path / "afile" / "r.xlsx"  # its folder is a file
    assert run(home, "contacts", "import", str(book), "--report", str(rep), "--json") == 0
    cap = capsys.readouterr()
    assert '"imported": 1' in cap.out
    assert "the contacts were imported, but the report could not be written" in cap.err


def test_header_wrapped_with_alt_enter_is_usable_as_a_placeholder(db, tmp_path):
    p = write_xlsx(
        tmp_path / "w.xlsx",
        {"S": [["姓名", "手机\n号码", "单位\n名称"], ["张三", "13800138000", "甲公司"]]},
    )
    import_file(db, p, "G")
    c = C.list_contacts(db)[0]
    assert c.fields == {"单位名称": "甲公司"}
    assert C.render("{姓名}，{单位名称}", c.phone, c.name, c.fields) == "张三，甲公司"

"""Reading files: every format, encodings, delimiters, sheets, headers, merged cells, errors."""

from __future__ import annotations

import codecs
import zipfile

import pytest
from sheetgen import set_cached_values, write_ods, write_xls, write_xlsx

import sms_desktop.core.charsets  # noqa: F401  (registers cp936ms)
from sms_desktop.core.contacts import detect_columns, read_table
from sms_desktop.core.contacts.reader import detect_delimiter, detect_encoding
from sms_desktop.core.errors import InputError

ROWS = [
    ["姓名", "手机号码", "城市"],
    ["张三", 13800138000, "北京"],
    ["李四", "139-0013-9000", "上海"],
]


def data(table):
    return [row for _, row in table.rows()]


@pytest.mark.parametrize("ext", ["xlsx", "xlsm"])
def test_xlsx(tmp_path, ext):
    p = write_xlsx(tmp_path / f"c.{ext}", {"名单": ROWS})
    t = read_table(p)
    assert t.format == "xlsx"
    assert t.headers == ["姓名", "手机号码", "城市"]
    assert t.header_row == 1
    assert data(t) == [["张三", 13800138000.0, "北京"], ["李四", "139-0013-9000", "上海"]]
    m = detect_columns(t)
    assert (m.phone, m.name, m.fields) == (1, 0, {2: "城市"})


def test_xls(tmp_path):
    p = write_xls(tmp_path / "c.xls", {"名单": ROWS})
    t = read_table(p)
    assert t.format == "xls"
    assert t.headers == ["姓名", "手机号码", "城市"]
    assert data(t)[0] == ["张三", 13800138000.0, "北京"]


def test_ods(tmp_path):
    p = write_ods(tmp_path / "c.ods", {"名单": ROWS})
    t = read_table(p)
    assert t.format == "ods"
    assert data(t)[1] == ["李四", "139-0013-9000", "上海"]


CSV_TEXT = "姓名,手机号码,备注\r\n张三,13800138000,“老客户”\r\n李四,13900139000,备注二\r\n"


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("gbk", b"", "gb18030"),
        ("gb18030", b"", "gb18030"),
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
    ],
)
def test_csv_encodings(tmp_path, encoding, bom, expected):
    p = tmp_path / "c.csv"
    p.write_bytes(bom + CSV_TEXT.encode(encoding))
    t = read_table(p)
    assert t.encoding == expected
    assert t.headers == ["姓名", "手机号码", "备注"]
    assert data(t) == [["张三", "13800138000", "“老客户”"], ["李四", "13900139000", "备注二"]]


def test_gbk_with_only_a_few_chinese_characters(tmp_path):
    lines = ["name,phone"] + [f"a{i},1380013{i:04d}" for i in range(50)] + ["王小明,13900139000"]
    p = tmp_path / "c.csv"
    p.write_bytes("\r\n".join(lines).encode("gbk"))
    t = read_table(p)
    assert data(t)[-1] == ["王小明", "13900139000"]


def test_a_csv_saved_by_excel_on_a_chinese_pc_reads_its_euro_sign(tmp_path):
    # Excel's "CSV" on Chinese Windows is code page 936, where the single byte 0x80 is €;
    # Python's GB codecs refuse that byte (the whole file was refused or misread)
    text = "姓名,手机号码,备注\r\n张三,13800138000,预算100€\r\n李四,13900139000,€5 优惠券\r\n"
    raw = text.encode("cp936ms")
    assert raw.count(b"\x80") == 2
    p = tmp_path / "c.csv"
    p.write_bytes(raw)
    t = read_table(p)
    assert t.encoding == "gb18030"
    assert data(t) == [["张三", "13800138000", "预算100€"], ["李四", "13900139000", "€5 优惠券"]]


@pytest.mark.parametrize("delim", [",", "\t", ";", "|"])
def test_csv_delimiters(tmp_path, delim):
    p = tmp_path / "c.txt"
    p.write_text(
        "\n".join(
            delim.join(r) for r in [["姓名", "手机", "城市"], ["张三", "13800138000", "北京"]]
        ),
        encoding="utf-8",
    )
    t = read_table(p)
    assert t.delimiter == delim
    assert data(t) == [["张三", "13800138000", "北京"]]


def test_excel_unicode_text_is_utf16_tab(tmp_path):
    # Excel's "Unicode text (*.txt)": UTF-16 LE with BOM, tab-separated.
    p = tmp_path / "u.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + "姓名\t手机\r\n张三\t13800138000\r\n".encode("utf-16-le"))
    t = read_table(p)
    assert (t.encoding, t.delimiter) == ("utf-16", "\t")
    assert data(t) == [["张三", "13800138000"]]


def test_detect_helpers():
    assert detect_encoding("手机号码,姓名".encode("gbk") * 20) == "gb18030"
    assert detect_encoding(b"phone\n13800138000\n") == "utf-8"
    assert detect_delimiter("a;b;c\n1;2;3\n") == ";"
    assert detect_delimiter("13800138000\n13900139000\n") == ","


def test_no_header_detected_by_content(tmp_path):
    p = write_xlsx(
        tmp_path / "n.xlsx",
        {
            "S": [
                ["张三", 13800138000, "北京"],
                ["李四", 13900139000, "上海"],
                ["王五", "13700137000", "广州"],
            ]
        },
    )
    t = read_table(p)
    assert not t.has_header
    assert t.headers == ["列A", "列B", "列C"]
    assert len(data(t)) == 3
    m = detect_columns(t)
    assert m.detected_by == "content"
    assert (m.phone, m.name, m.fields) == (1, 0, {2: "列C"})


def test_phone_only_csv_without_header(tmp_path):
    p = tmp_path / "p.csv"
    p.write_text("13800138000\n13900139000\n", encoding="utf-8")
    t = read_table(p)
    assert not t.has_header
    assert detect_columns(t).phone == 0
    assert data(t) == [["13800138000"], ["13900139000"]]


def test_unknown_header_names_detected_by_content(tmp_path):
    p = write_xlsx(
        tmp_path / "u.xlsx",
        {"S": [["客户", "号"], ["张三", "13800138000"], ["李四", "13900139000"]]},
    )
    t = read_table(p)
    assert t.header_row == 1
    m = detect_columns(t)
    assert m.phone == 1
    assert m.detected_by == "content"


@pytest.mark.parametrize(
    ("header", "col"),
    [
        (["序号", "名字", "联系电话"], 2),
        (["No.", "Name", "Mobile"], 2),
        (["*手机号码(必填)", "姓名"], 0),
        (["办公电话", "手机", "姓名"], 1),
        (["name", "phone"], 1),
    ],
)
def test_header_synonyms(tmp_path, header, col):
    row = ["x"] * len(header)
    row[col] = "13800138000"
    p = write_xlsx(tmp_path / "h.xlsx", {"S": [header, row]})
    t = read_table(p)
    assert t.header_row == 1
    assert detect_columns(t).phone == col


def test_title_row_above_header_and_merged_cells(tmp_path):
    rows = [
        ["2024 年客户通讯录", None, None, None],
        ["部门", "姓名", "手机", "备注"],
        ["销售部", "张三", "13800138000", "a"],
        [None, "李四", "13900139000", "b"],
        [None, "王五", "13700137000", "c"],
        ["财务部", "赵六", "13600136000", "d"],
    ]
    p = write_xlsx(tmp_path / "m.xlsx", {"S": rows}, merged={"S": ["A1:D1", "A3:A5"]})
    t = read_table(p)
    assert t.header_row == 2
    assert t.headers == ["部门", "姓名", "手机", "备注"]
    got = data(t)
    # the merged 部门 cell applies to every row it spans
    assert [r[0] for r in got] == ["销售部", "销售部", "销售部", "财务部"]
    assert [num for num, _ in t.rows()] == [3, 4, 5, 6]


def test_merged_cells_in_xls(tmp_path):
    rows = [
        ["部门", "姓名", "手机"],
        ["销售部", "张三", "13800138000"],
        [None, "李四", "13900139000"],
    ]
    p = write_xls(tmp_path / "m.xls", {"S": rows}, merged={"S": [(1, 2, 0, 0)]})
    assert [r[0] for r in data(read_table(p))] == ["销售部", "销售部"]


def test_formulas_read_their_cached_values(tmp_path):
    rows = [["手机", "姓名"], ['="138"&"00138000"', '="张"&"三"'], ["=13900139000+0", "李四"]]
    p = write_xlsx(tmp_path / "f.xlsx", {"S": rows})
    set_cached_values(p, {"A2": "13800138000", "B2": "张三", "A3": 13900139000})
    t = read_table(p)
    assert data(t) == [["13800138000", "张三"], [13900139000.0, "李四"]]


def test_sheets_default_first_non_empty_and_choice(tmp_path):
    p = write_xlsx(
        tmp_path / "s.xlsx",
        {
            "空白": [],
            "甲": [["手机"], ["13800138000"]],
            "乙": [["手机"], ["13900139000"], ["13700137000"]],
        },
    )
    t = read_table(p)
    assert t.sheet == "甲"
    assert t.sheet_names == ["空白", "甲", "乙"]
    assert len(data(read_table(p, sheet="乙"))) == 2
    assert read_table(p, sheet="3").sheet == "乙"
    assert read_table(p, sheet=2).sheet == "甲"
    with pytest.raises(InputError, match="找不到工作表"):
        read_table(p, sheet="丙")
    with pytest.raises(InputError, match="is empty"):
        read_table(p, sheet="空白")


def test_empty_workbook_and_files(tmp_path):
    p = write_xlsx(tmp_path / "e.xlsx", {"S": []})
    with pytest.raises(InputError, match="every sheet is empty"):
        read_table(p)
    c = tmp_path / "e.csv"
    c.write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        read_table(c)
    c.write_text("\n\n , \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_table(c)
    h = write_xlsx(tmp_path / "h.xlsx", {"S": [["姓名", "手机号码"]]})
    with pytest.raises(InputError, match="header row but no data"):
        read_table(h)


def test_corrupt_files(tmp_path):
    p = tmp_path / "bad.xlsx"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(InputError, match="damaged"):
        read_table(p)
    q = tmp_path / "bad.xls"
    q.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x01" * 1000)
    with pytest.raises(InputError, match="damaged"):
        read_table(q)
    r = tmp_path / "bin.xlsx"
    r.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError, match="damaged"):
        read_table(r)
    # a zip that is not a workbook
    z = tmp_path / "z.xlsx"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="damaged"):
        read_table(z)


def test_wrong_extension(tmp_path):
    with pytest.raises(InputError, match=r"Unsupported file type '\.docx'"):
        read_table(write_xlsx(tmp_path / "c.docx", {"S": ROWS}))
    with pytest.raises(InputError, match="Unsupported"):
        (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
        read_table(tmp_path / "x.pdf")
    # real content under another supported extension: read as what it is, with a note
    t = read_table(write_xlsx(tmp_path / "real_xlsx.xls", {"S": ROWS}))
    assert t.format == "xlsx" and len(data(t)) == 2
    assert any("holds .xlsx data" in n for n in t.notes)
    t = read_table(write_xls(tmp_path / "real_xls.xlsx", {"S": ROWS}))
    assert t.format == "xls" and len(data(t)) == 2
    csv_as_xls = tmp_path / "export.xls"
    csv_as_xls.write_text("手机,姓名\n13800138000,张三\n", encoding="utf-8")
    t = read_table(csv_as_xls)
    assert t.format == "csv" and data(t) == [["13800138000", "张三"]]
    html = tmp_path / "web.xls"
    html.write_text(
        "<html><body><table><tr><td>手机</td></tr></table></body></html>", encoding="utf-8"
    )
    with pytest.raises(InputError, match="HTML"):
        read_table(html)
    with pytest.raises(InputError, match="not found"):
        read_table(tmp_path / "missing.xlsx")


def test_password_protected(tmp_path):
    p = write_xls(tmp_path / "locked.xls", {"S": ROWS}, password=True)
    with pytest.raises(InputError, match="password-protected"):
        read_table(p)
    # a password-protected .xlsx is an OLE2 file holding an EncryptedPackage stream
    from sheetgen import _cfb

    enc = tmp_path / "locked.xlsx"
    enc.write_bytes(_cfb(b"\x00" * 5000, name="EncryptedPackage"))
    with pytest.raises(InputError, match="password-protected"):
        read_table(enc)


def test_bad_bytes_late_in_a_utf8_csv(tmp_path):
    p = tmp_path / "c.csv"
    good = "手机,姓名\n" + "13800138000,张三\n" * 20000
    p.write_bytes(good.encode("utf-8") + "13900139000,李四\n".encode("gbk"))
    t = read_table(p)
    assert t.encoding == "utf-8"
    with pytest.raises(InputError, match="cannot be decoded"):
        list(t.rows())


def test_rows_can_be_iterated_twice(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(CSV_TEXT, encoding="utf-8")
    t = read_table(p)
    assert data(t) == data(t)
    x = read_table(write_xlsx(tmp_path / "c.xlsx", {"S": ROWS}))
    assert data(x) == data(x)

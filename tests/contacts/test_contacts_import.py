"""import_file: outcomes, deduplication, update/skip, blacklist, landlines, atomicity, the report."""

from __future__ import annotations

import gc
import json
import time

import pytest
from sheetgen import write_ods, write_xls, write_xlsx

from sms_desktop.core import contacts as C
from sms_desktop.core.contacts import ColumnMapping, import_file
from sms_desktop.core.errors import InputError


def phones(db, group=None):
    return [c.phone for c in C.list_contacts(db, group, limit=None)]


ROWS = [
    ["姓名", "手机号码", "公司", "备注"],
    ["张三", 13800138000.0, "甲公司", "a"],  # float, as Excel stores numbers
    ["李四", "1.3900139000E+10", "乙公司", ""],  # scientific, all digits present
    ["王五", "1.38001E+10", "丙公司", ""],  # digits lost
    ["赵六", "138 0013 8000", "丁公司", ""],  # duplicate of row 2
    ["钱七", None, "戊公司", ""],  # empty
    ["孙八", "13700137000、13600136000", "己公司", "两个号码"],  # two numbers
    ["周九", "1380013800", "庚公司", ""],  # 10 digits
    ["吴十", "+86 135-0013-5000", "辛公司", "-5%折扣"],
    [None, None, None, None],  # blank row: ignored
]


def test_import_counts_and_rejections(db, tmp_path):
    p = write_xlsx(tmp_path / "c.xlsx", {"S": ROWS})
    C.blacklist_add(db, "13600136000", reason="退订")
    r = import_file(db, p, "客户")
    assert r.group_created
    assert r.counts == {
        "imported": 4,
        "updated": 0,
        "duplicates": 1,
        "invalid": 2,
        "empty": 1,
        "blacklisted": 1,
    }
    assert r.rows == 8  # the blank row is not counted
    by_row = {(x.row, x.outcome) for x in r.rejected}
    assert by_row == {
        (4, "invalid"),
        (5, "duplicate"),
        (6, "empty"),
        (7, "blacklisted"),
        (8, "invalid"),
    }
    reasons = {x.row: x.reason for x in r.rejected}
    assert "digits lost to scientific notation" in reasons[4]
    assert "duplicate of row 2" in reasons[5]
    assert reasons[8] == "号码无效（10 位）/ invalid number: 1380013800 (10 digits)"
    assert sorted(phones(db, "客户")) == [
        "13500135000",
        "13700137000",
        "13800138000",
        "13900139000",
    ]
    c = C.list_contacts(db, search="13500135000")[0]
    assert c.name == "吴十"
    assert c.fields == {"公司": "辛公司", "备注": "-5%折扣"}
    assert json.loads(json.dumps(r.to_dict(), ensure_ascii=False))["duplicates"] == 1


def test_report_json_shape(db, tmp_path):
    p = write_xlsx(tmp_path / "c.xlsx", {"S": ROWS})
    d = import_file(db, p, "客户").to_dict()
    for k in ("imported", "updated", "duplicates", "invalid", "blacklisted"):
        assert isinstance(d[k], int)
    assert d["imported"] == 5  # no blacklist here
    assert all({"row", "reason", "outcome"} <= set(x) for x in d["rejected"])
    assert d["columns"]["phone"] == "手机号码"
    assert d["columns"]["name"] == "姓名"


def test_update_or_skip_existing(db, tmp_path):
    first = write_xlsx(
        tmp_path / "a.xlsx", {"S": [["手机", "姓名", "城市"], ["13800138000", "张三", "北京"]]}
    )
    import_file(db, first, "G")
    again = write_xlsx(
        tmp_path / "b.xlsx",
        {
            "S": [
                ["手机", "姓名", "城市"],
                ["13800138000", "张三丰", "武当"],
                ["13900139000", "李四", "上海"],
            ]
        },
    )
    r = import_file(db, again, "G", on_duplicate="skip")
    assert (r.imported, r.updated, r.duplicates) == (1, 0, 1)
    assert [x.outcome for x in r.rejected] == ["duplicate"]
    assert "already in the group" in r.rejected[0].reason
    assert C.list_contacts(db, "G", "13800138000")[0].name == "张三"
    r = import_file(db, again, "G", on_duplicate="update")
    assert (r.imported, r.updated, r.duplicates) == (0, 2, 0)
    c = C.list_contacts(db, "G", "13800138000")[0]
    assert (c.name, c.fields["城市"]) == ("张三丰", "武当")
    assert C.count_contacts(db, "G") == 2


def test_same_number_in_another_group_is_not_a_duplicate(db, tmp_path):
    p = write_xlsx(tmp_path / "a.xlsx", {"S": [["手机"], ["13800138000"]]})
    assert import_file(db, p, "A").imported == 1
    assert import_file(db, p, "B").imported == 1
    assert C.count_contacts(db) == 2


def test_import_into_existing_group(db, tmp_path):
    gid = C.create_group(db, "老客户")
    p = write_xlsx(tmp_path / "a.xlsx", {"S": [["手机"], ["13800138000"]]})
    r = import_file(db, p, "老客户")
    assert (r.group_id, r.group_created) == (gid, False)


@pytest.mark.parametrize("fmt", ["xls", "ods", "csv-gbk", "csv-utf16"])
def test_other_formats_end_to_end(db, tmp_path, fmt):
    rows = [["姓名", "手机"], ["张三", 13800138000], ["李四", "13900139000"]]
    if fmt == "xls":
        p = write_xls(tmp_path / "c.xls", {"S": rows})
    elif fmt == "ods":
        p = write_ods(tmp_path / "c.ods", {"S": rows})
    else:
        p = tmp_path / "c.csv"
        text = "\r\n".join(",".join(str(v) for v in r) for r in rows)
        if fmt == "csv-gbk":
            p.write_bytes(text.encode("gbk"))
        else:
            p.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    r = import_file(db, p, "G")
    assert r.imported == 2
    assert sorted((c.name, c.phone) for c in C.list_contacts(db)) == [
        ("张三", "13800138000"),
        ("李四", "13900139000"),
    ]


def test_landlines_depend_on_family(db, tmp_path):
    p = write_xlsx(tmp_path / "l.xlsx", {"S": [["电话"], ["010-12345678"], ["13800138000"]]})
    r = import_file(db, p, "A", family="ipyy")
    assert (r.imported, r.invalid) == (1, 1)
    assert "landline" in r.rejected[0].reason
    r = import_file(db, p, "B", family="txt112088")
    assert (r.imported, r.invalid) == (2, 0)
    assert "01012345678" in phones(db, "B")


def test_user_mapping_override(db, tmp_path):
    rows = [["手机", "备用号码", "称谓"], ["13800138000", "13900139000", "王总"]]
    p = write_xlsx(tmp_path / "o.xlsx", {"S": rows})
    r = import_file(db, p, "A", phone_column="备用号码", name_column="C")
    assert phones(db, "A") == ["13900139000"]
    c = C.list_contacts(db, "A")[0]
    assert c.name == "王总"
    assert c.fields == {"手机": "13800138000"}
    assert r.columns["phone"] == "备用号码"
    m = ColumnMapping(phone=0, name=None, fields={2: "称呼"}, detected_by="user")
    import_file(db, p, "B", mapping=m)
    c = C.list_contacts(db, "B")[0]
    assert (c.phone, c.name, c.fields) == ("13800138000", "", {"称呼": "王总"})
    with pytest.raises(InputError, match="No column"):
        import_file(db, p, "C", phone_column="传真")


def test_no_phone_column_is_a_clear_error(db, tmp_path):
    p = write_xlsx(tmp_path / "x.xlsx", {"S": [["姓名", "城市"], ["张三", "北京"]]})
    with pytest.raises(InputError, match="No phone number column"):
        import_file(db, p, "A")
    assert C.groups(db) == []


def test_all_or_nothing_on_error(db, tmp_path):
    p = tmp_path / "c.csv"
    body = "手机,姓名\n" + "".join(f"1380{i:07d},张三\n" for i in range(20000))
    p.write_bytes(body.encode("utf-8") + "13900139000,李四\n".encode("gbk"))
    with pytest.raises(InputError, match="cannot be decoded"):
        import_file(db, p, "G")
    assert C.count_contacts(db) == 0
    assert C.groups(db) == []


def test_cancel_rolls_back(db, tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("手机\n" + "".join(f"1380{i:07d}\n" for i in range(12000)), encoding="utf-8")
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return False

    with pytest.raises(C.ImportCancelledError):
        import_file(db, p, "G", progress=progress)
    assert len(calls) == 1 and 0 < calls[0][0] < 12000  # cancelled after the first chunk
    assert C.count_contacts(db) == 0


def test_import_keeps_few_tracked_objects_alive(db, tmp_path):
    """The rows waiting between the parsing thread and the writer are not kept as Python
    objects the garbage collector must walk: the GUI's collections (which hold the GIL) took
    7-28 ms each during a 100,000-row import when the queue held two objects per row."""
    p = tmp_path / "c.csv"
    p.write_text(
        "手机,姓名,城市\n" + "".join(f"1380{i:07d},客户{i},杭州\n" for i in range(60000)),
        encoding="utf-8",
    )
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        before = len(gc.get_objects())
        alive: list[int] = []

        def progress(done, total):
            time.sleep(0.002)  # a slow disk: let the parser fill the queue
            alive.append(len(gc.get_objects()) - before)

        r = import_file(db, p, "G", progress=progress)
    finally:
        if was:
            gc.enable()
    assert r.imported == 60000
    assert max(alive) < 8000, max(alive)


def test_progress_reports_rows(db, tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("手机\n" + "".join(f"1380{i:07d}\n" for i in range(12000)), encoding="utf-8")
    seen = []
    r = import_file(db, p, "G", progress=lambda d, t: seen.append(d))
    assert r.imported == 12000
    assert seen[-1] == 12000
    assert seen == sorted(seen)


def test_numbers_stored_as_floats_and_ints(db, tmp_path):
    p = write_xlsx(
        tmp_path / "f.xlsx", {"S": [["手机"], [13800138000.0], [13900139000], [1.37001e10]]}
    )
    r = import_file(db, p, "G")
    assert r.imported == 3
    assert sorted(phones(db)) == ["13700100000", "13800138000", "13900139000"]


def test_fields_keep_other_columns_as_text(db, tmp_path):
    import datetime as dt

    rows = [
        ["手机", "姓名", "金额", "日期", "编号"],
        ["13800138000", "张三", 12.5, dt.date(2024, 5, 1), 7.0],
    ]
    p = write_xlsx(tmp_path / "f.xlsx", {"S": rows})
    import_file(db, p, "G")
    c = C.list_contacts(db)[0]
    assert c.fields == {"金额": "12.5", "日期": "2024-05-01", "编号": "7"}
    assert (
        C.render("{姓名}您好，金额{金额}元，{未知}", c.phone, c.name, c.fields)
        == "张三您好，金额12.5元，{未知}"
    )
    assert C.unknown_placeholders("{姓名}{金额}{未知}", C.field_names(db)) == ["未知"]


def test_export_report_xlsx(db, tmp_path):
    p = write_xlsx(tmp_path / "c.xlsx", {"S": ROWS})
    r = import_file(db, p, "客户")
    out = tmp_path / "report.xlsx"
    assert C.export_report_xlsx(r, out) == len(r.rejected)
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(out))
    rej = wb.get_sheet_by_name("未导入 rejected").to_python()
    assert [row[0] for row in rej[1:]] == [x.row for x in r.rejected]
    assert [row[4] for row in rej[1:]] == [x.reason for x in r.rejected]
    summary = dict((row[0], row[1]) for row in wb.get_sheet_by_name("汇总").to_python())
    assert summary["无效 / invalid"] == r.invalid


def test_blacklist_import(db, tmp_path):
    p = write_xlsx(
        tmp_path / "b.xlsx",
        {"S": [["号码", "备注"], ["13800138000", "退订"], ["bad", ""], ["13900139000", ""]]},
    )
    res = C.blacklist_import(db, p, reason="客户要求")
    assert (res.added, res.already, len(res.invalid)) == (2, 0, 1)
    assert C.blacklisted_set(db) == {"13800138000", "13900139000"}
    assert {e.source for e in C.blacklist_list(db)} == {"import"}

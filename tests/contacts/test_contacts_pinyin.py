"""Names sort in pinyin order: the key (core/pinyin.py), stored at every write, used by the sort."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sheetgen import write_xlsx

from sms_desktop.core import contacts as C
from sms_desktop.core.pinyin import EMPTY_KEY, name_key, name_keys
from sms_desktop.core.store import SqliteDatabase
from sms_desktop.core.store.schema import MIGRATIONS


def by_key(names: list[str]) -> list[str]:
    return sorted(names, key=name_key)


def test_chinese_names_sort_by_reading_then_character_by_character() -> None:
    # code point order would be 安 阿 张 李 王 白 赵 (U+5B89 U+963F …): nothing like pinyin
    assert by_key(["赵", "王", "张伟", "李", "安", "白", "阿"]) == [
        "阿",
        "安",
        "白",
        "李",
        "王",
        "张伟",
        "赵",
    ]
    # per character, as a pinyin dictionary and Excel do: 阿 (ā) before 安 (ān) whatever follows
    assert by_key(["安", "阿忠"]) == ["阿忠", "安"]
    # tones in order within a reading; ü after u (lu, lü)
    assert by_key(["律", "吕", "驴", "卢"]) == ["卢", "驴", "吕", "律"]
    # the same first character: the second decides
    assert by_key(["张伟", "张三", "张爱玲"]) == ["张爱玲", "张三", "张伟"]


def test_a_polyphonic_surname_sorts_by_its_reading_as_a_surname() -> None:
    # 曾 is céng in 曾经 but zēng as a surname; 单 dān / shàn; only the first character
    # (as céng it would sort before 邓 dèng, as dān before 邓 too)
    assert by_key(["曾国藩", "邓", "赵"]) == ["邓", "曾国藩", "赵"]
    assert by_key(["单田芳", "邓", "孙"]) == ["邓", "单田芳", "孙"]
    assert name_key("曾曾")[0] == name_key("曾")[0] != name_key("曾曾")[1] == name_key("邓曾")[1]


def test_latin_ignores_case_and_width_and_comes_before_chinese_blank_last() -> None:
    assert by_key(["张三", "", "bob", "ＢＥＴＨ", "Alice", "123"]) == [
        "123",
        "Alice",
        "ＢＥＴＨ",
        "bob",
        "张三",
        "",
    ]
    assert name_key("Alice") == name_key("ALICE") == name_key("ａｌｉｃｅ")
    assert name_key("") == EMPTY_KEY


def test_bulk_keys_equal_single_keys() -> None:
    names = ["曾国藩", "", "张三", "Bob", "曾", "单", "a\x00b", "阿曾", "𠀾"]
    assert name_keys(names) == [name_key(n) for n in names]
    assert name_keys(names[:6]) == [name_key(n) for n in names[:6]]
    assert name_keys([]) == []


def names(db, ids):
    return [c.name for c in C.contacts_by_ids(db, ids)]


def test_the_contacts_sort_by_name_is_pinyin_for_every_way_in(db, tmp_path: Path) -> None:
    p = write_xlsx(
        tmp_path / "c.xlsx",
        {"S": [["姓名", "手机"], ["赵六", "13800138006"], ["曾七", 13800138007.0]]},
    )
    C.import_file(db, p, "客户")
    C.add_contact(db, "客户", "13800138001", "阿大")
    other = C.add_contact(db, "客户", "13800138002", "王五")
    C.update_contact(db, other, name="白二")
    assert names(db, C.contact_ids(db, order="name")) == ["阿大", "白二", "曾七", "赵六"]
    assert names(db, C.contact_ids(db, order="name", descending=True)) == [
        "赵六",
        "曾七",
        "白二",
        "阿大",
    ]
    # an import that updates a number renames it, and its key follows
    p2 = write_xlsx(tmp_path / "d.xlsx", {"S": [["姓名", "手机"], ["安三", "13800138006"]]})
    C.import_file(db, p2, "客户", on_duplicate="update")
    assert names(db, C.contact_ids(db, order="name")) == ["阿大", "安三", "白二", "曾七"]
    # a copy keeps the key
    C.create_group(db, "副本")
    C.copy_contacts(db, list(C.contact_ids(db)), "副本")
    gid = C.group_id(db, "副本")
    assert names(db, C.contact_ids(db, gid, order="name")) == ["阿大", "安三", "白二", "曾七"]


def test_an_older_store_gets_the_keys_and_keeps_its_contacts(tmp_path: Path) -> None:
    """The migration rebuilds the contacts table: every row kept as it was, with its key; one
    uniqueness index of its own; the unused second phone index gone."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:3]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version=3")
    conn.execute("INSERT INTO groups(id, name) VALUES (7, '客户')")
    conn.executemany(
        "INSERT INTO contacts(id, group_id, phone, name, fields, created_at, updated_at) "
        "VALUES (?, 7, ?, ?, ?, '2025-01-02 03:04:05', '2025-02-03 04:05:06')",
        [
            (10, "13800138000", "赵六", '{"城市":"北京"}'),
            (20, "13900139000", "阿大", "{}"),
            (30, "13700137000", "", "{}"),
        ],
    )
    conn.close()

    db = SqliteDatabase(path)
    try:
        rows = db.read().execute(
            "SELECT id, group_id, phone, name, fields, created_at, updated_at, name_key "
            "FROM contacts ORDER BY id"
        )
        assert [tuple(r) for r in rows] == [
            (
                10,
                7,
                "13800138000",
                "赵六",
                '{"城市":"北京"}',
                "2025-01-02 03:04:05",
                "2025-02-03 04:05:06",
                name_key("赵六"),
            ),
            (
                20,
                7,
                "13900139000",
                "阿大",
                "{}",
                "2025-01-02 03:04:05",
                "2025-02-03 04:05:06",
                name_key("阿大"),
            ),
            (
                30,
                7,
                "13700137000",
                "",
                "{}",
                "2025-01-02 03:04:05",
                "2025-02-03 04:05:06",
                EMPTY_KEY,
            ),
        ]
        indexes = {
            r[0]
            for r in db.read().execute(
                "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='contacts'"
            )
        }
        assert indexes == {"contacts_group_phone"}
        assert names(db, C.contact_ids(db, order="name")) == ["阿大", "赵六", ""]
        assert C.add_contact(db, 7, "13600136000", "钱") > 30
        try:
            C.add_contact(db, 7, "13800138000", "重复")
        except Exception as exc:  # the group's numbers stay unique
            assert "13800138000" in str(exc)
        else:
            raise AssertionError("a number twice in one group was accepted")
    finally:
        db.close()

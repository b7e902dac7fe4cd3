"""Keys-first queries (ids, then rows by ids), moving/copying between groups, selections."""

from __future__ import annotations

import pytest

from sms_desktop.core import contacts as C
from sms_desktop.core.errors import InputError
from sms_desktop.core.pinyin import name_key


@pytest.fixture
def filled(db):
    C.add_contact(db, "销售", "13800138000", "张三", {"城市": "北京"})
    C.add_contact(db, "销售", "13900139000", "李四", {"城市": "上海"})
    C.add_contact(db, "财务", "+86 137 0013 7000", "王五", {"城市": "广州"})
    C.add_contact(db, "财务", "13600136000", "阿大", {})
    return db


def names(db, ids):
    return [c.name for c in C.contacts_by_ids(db, ids)]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("张", ["张三"]),
        ("139", ["李四"]),  # partial number
        ("137-0013-7000", ["王五"]),
        ("上海", ["李四"]),  # any field
        ("100%", []),
        (None, ["张三", "李四", "王五", "阿大"]),
    ],
)
def test_ids_filter_like_list_contacts(filled, term, expected):
    ids = C.contact_ids(filled, search=term)
    assert names(filled, ids) == expected
    assert [c.id for c in C.list_contacts(filled, search=term)] == list(ids)


def test_ids_sort_by_whitelisted_columns_only(filled):
    assert names(filled, C.contact_ids(filled, order="phone")) == ["阿大", "王五", "张三", "李四"]
    by_phone_desc = C.contact_ids(filled, order="phone", descending=True)
    assert names(filled, by_phone_desc) == ["李四", "张三", "王五", "阿大"]
    # 财务 (U+8D22) sorts before 销售 (U+9500); ties by id
    assert names(filled, C.contact_ids(filled, order="group")) == ["王五", "阿大", "张三", "李四"]
    gid = C.group_id(filled, "财务")
    # names in pinyin order (ā before wáng), not in code point order (王 U+738B before 阿 U+963F)
    assert names(filled, C.contact_ids(filled, gid, order="name")) == ["阿大", "王五"]
    with pytest.raises(InputError):
        C.contact_ids(filled, order="name; DROP TABLE contacts")


def test_rows_by_ids_keep_order_and_mark_deleted(filled):
    ids = list(C.contact_ids(filled))
    C.delete_contacts(filled, [ids[1]])
    rows = C.contacts_by_ids(filled, [ids[2], ids[1], ids[0]])
    assert rows[1] is None
    assert [r.name for r in rows if r] == ["王五", "张三"]
    many = C.contacts_by_ids(filled, [ids[0]] * 1200)  # more than one IN chunk
    assert len(many) == 1200 and all(r is not None for r in many)


def test_move_and_copy_between_groups(filled):
    sales = C.group_id(filled, "销售")
    fin = C.group_id(filled, "财务")
    C.add_contact(filled, "财务", "13800138000", "张三(财务)")
    sales_ids = list(C.contact_ids(filled, sales))
    assert C.copy_contacts(filled, sales_ids, fin) == (1, 1)  # 张三 is already there
    assert sorted(names(filled, C.contact_ids(filled, fin))) == sorted(
        ["王五", "阿大", "张三(财务)", "李四"]
    )
    C.create_group(filled, "空")
    moved, kept = C.move_contacts(filled, sales_ids, "空")
    assert (moved, kept) == (2, 0)
    assert C.count_contacts(filled, sales) == 0
    with pytest.raises(InputError, match="No such group"):
        C.move_contacts(filled, sales_ids, "没有")


def test_selection_recipients_are_what_is_shown(filled):
    fin = C.group_id(filled, "财务")
    by_group = C.recipients_from_selection(filled, C.ContactSelection(group=fin))
    assert [r.phone for r in by_group] == ["13700137000", "13600136000"]
    assert by_group[0].fields["城市"] == "广州" and by_group[0].fields["姓名"] == "王五"
    matching = C.recipients_from_selection(filled, C.ContactSelection(search="13"))
    assert len(matching) == len(C.contact_ids(filled, search="13")) == 4
    ids = tuple(C.contact_ids(filled, search="李"))
    assert [r.name for r in C.recipients_from_selection(filled, C.ContactSelection(ids=ids))] == [
        "李四"
    ]


def test_blacklist_keys_are_ids_and_keep_landlines(db):
    C.blacklist_add(db, ["13800138000"], reason="投诉", source="manual")
    C.blacklist_add(db, ["010-62345678"], reason="退订", source="opt-out")
    ids = C.blacklist_ids(db, order="phone", descending=False)
    entries = C.blacklist_by_ids(db, ids)
    assert [e.phone for e in entries] == ["01062345678", "13800138000"]
    assert [e.source for e in C.blacklist_by_ids(db, C.blacklist_ids(db, search="opt-out"))] == [
        "opt-out"
    ]
    assert [e.reason for e in C.blacklist_by_ids(db, C.blacklist_ids(db, search="投诉"))] == [
        "投诉"
    ]


def test_ids_keep_the_sql_order_at_scale(db):
    """The ids travel as one group_concat string: its order is the ORDER BY's (checked here,
    20,000 rows sorted three ways, against the same sort done in Python)."""
    import random

    rnd = random.Random(3)
    gid = C.create_group(db, "大")
    given = "伟芳娜敏静丽强磊军洋"
    rows = [
        (gid, f"13{rnd.randrange(10**9):09d}", f"{rnd.choice(given)}{rnd.randrange(5000)}")
        for _ in range(20_000)
    ]
    with db.write() as c:
        c.executemany(
            "INSERT INTO contacts(group_id, phone, name, name_key) VALUES(?,?,?,?)"
            " ON CONFLICT DO NOTHING",
            [(*r, name_key(r[2])) for r in rows],
        )
    every = {c.id: c for c in C.list_contacts(db, limit=None)}
    by_name = sorted(every.values(), key=lambda c: (name_key(c.name), c.id), reverse=True)
    assert list(C.contact_ids(db, order="name", descending=True)) == [c.id for c in by_name]
    by_phone = sorted(every.values(), key=lambda c: (c.phone, c.id))
    assert list(C.contact_ids(db, order="phone")) == [c.id for c in by_phone]
    assert list(C.contact_ids(db, search="伟1")) == sorted(
        i for i, c in every.items() if "伟1" in c.name
    )


def test_the_first_page_is_the_first_ids_rows(db):
    """contact_page (one query that stops at a page) gives the rows of contact_ids' first ids,
    for every filter and sort: the table's first page and its later pages agree."""
    import random

    rnd = random.Random(5)
    for g in ("甲", "乙"):
        C.create_group(db, g)
    with db.write() as c:
        c.executemany(
            "INSERT INTO contacts(group_id, phone, name, name_key, fields, updated_at) "
            "VALUES(?,?,?,?,?,?)",
            [
                (
                    2 if i % 15 == 0 else 1,  # a large group and a small one
                    f"13{rnd.randrange(10**9):09d}",
                    (n := rnd.choice("张王李赵曾阿") + str(rnd.randrange(50))),
                    name_key(n),
                    '{"城市":"杭州"}' if i % 3 else "{}",
                    f"2025-01-{1 + rnd.randrange(28):02d}",
                )
                for i in range(1500)
            ],
        )
    for group in (None, 1, 2):
        for search in (None, "张", "13", "杭州", "无此人"):
            for order in C.CONTACT_ORDERS:
                for descending in (False, True):
                    ids = C.contact_ids(db, group, search, order, descending)
                    page = C.contact_page(db, group, search, order, descending, limit=200)
                    assert [c.id for c in page] == list(ids[:200]), (group, search, order)
                    assert page == [c for c in C.contacts_by_ids(db, ids[:200])]

"""Groups, search, edit, delete, blacklist."""

from __future__ import annotations

import pytest

from sms_desktop.core import contacts as C
from sms_desktop.core.errors import InputError


@pytest.fixture
def filled(db):
    C.add_contact(db, "销售", "13800138000", "张三", {"城市": "北京", "备注": "100%满意"})
    C.add_contact(db, "销售", "13900139000", "李四", {"城市": "上海"})
    C.add_contact(db, "财务", "+86 137 0013 7000", "王五", {"城市": "广州"})
    return db


def test_groups_and_counts(filled):
    gs = {g.name: g.count for g in C.groups(filled)}
    assert gs == {"销售": 2, "财务": 1}
    assert C.count_contacts(filled) == 3
    assert C.count_contacts(filled, "销售") == 2
    gid = C.group_id(filled, "财务")
    assert C.count_contacts(filled, gid) == 1
    with pytest.raises(InputError, match="No such group"):
        C.list_contacts(filled, "不存在")


@pytest.mark.parametrize(
    ("term", "names"),
    [
        ("张", ["张三"]),
        ("139", ["李四"]),
        ("137-0013-7000", ["王五"]),  # phone in another format
        ("上海", ["李四"]),  # a field
        ("100%", ["张三"]),  # LIKE wildcards are literal
        ("_", []),
        ("城市", ["张三", "李四", "王五"]),  # field names are searched too (JSON text)
    ],
)
def test_search(filled, term, names):
    assert [c.name for c in C.list_contacts(filled, search=term)] == names
    assert C.count_contacts(filled, search=term) == len(names)


def test_paging(filled):
    page1 = C.list_contacts(filled, limit=2, offset=0)
    page2 = C.list_contacts(filled, limit=2, offset=2)
    assert [c.name for c in page1 + page2] == ["张三", "李四", "王五"]


def test_edit(filled):
    c = C.list_contacts(filled, search="张三")[0]
    c2 = C.update_contact(
        filled, c.id, phone="139 0000 0000", name="张三丰", fields={"城市": "武当"}
    )
    assert (c2.phone, c2.name, c2.fields) == ("13900000000", "张三丰", {"城市": "武当"})
    with pytest.raises(InputError, match="invalid number"):
        C.update_contact(filled, c.id, phone="123")
    with pytest.raises(InputError, match="already holds"):
        C.update_contact(filled, c.id, phone="13900139000")
    moved = C.update_contact(filled, c.id, group="新分组")
    assert moved.group == "新分组"
    with pytest.raises(InputError, match="No such contact"):
        C.update_contact(filled, 9999, name="x")


def test_add_duplicate_and_invalid(filled):
    with pytest.raises(InputError, match="already holds"):
        C.add_contact(filled, "销售", "138-0013-8000")
    with pytest.raises(InputError, match="invalid"):
        C.add_contact(filled, "销售", "1380013800")


def test_delete(filled):
    ids = [c.id for c in C.list_contacts(filled, "销售")]
    assert C.delete_contacts(filled, ids) == 2
    assert C.count_contacts(filled) == 1
    assert C.delete_group(filled, "财务") == 1
    assert [g.name for g in C.groups(filled)] == ["销售"]


def test_rename_group(filled):
    C.rename_group(filled, "销售", "市场")
    assert {g.name for g in C.groups(filled)} == {"市场", "财务"}
    with pytest.raises(InputError, match="already exists"):
        C.rename_group(filled, "市场", "财务")
    with pytest.raises(InputError, match="already exists"):
        C.create_group(filled, "财务")


def test_field_names(filled):
    assert C.field_names(filled) == ["城市", "备注"]
    assert C.field_names(filled, "财务") == ["城市"]


def test_blacklist(db):
    r = C.blacklist_add(db, "13800138000、+86 139 0013 9000, 123", reason="退订", source="reply")
    assert (r.added, r.already, len(r.invalid)) == (2, 0, 1)
    assert C.blacklist_add(db, ["13800138000"]).already == 1
    assert C.blacklist_contains(db, "138 0013 8000")
    assert not C.blacklist_contains(db, "13700137000")
    assert not C.blacklist_contains(db, "garbage")
    assert C.blacklisted_set(db) == {"13800138000", "13900139000"}
    entries = C.blacklist_list(db)
    assert {(e.phone, e.reason, e.source) for e in entries} == {
        ("13800138000", "退订", "reply"),
        ("13900139000", "退订", "reply"),
    }
    assert [e.phone for e in C.blacklist_list(db, search="1390")] == ["13900139000"]
    assert C.blacklist_remove(db, ["+8613800138000"]) == 1
    assert C.blacklisted_set(db) == {"13900139000"}
    assert C.blacklist_count(db) == 1


def test_iter_contacts_streams_everything(filled):
    assert [c.phone for c in C.iter_contacts(filled)] == [
        "13800138000",
        "13900139000",
        "13700137000",
    ]
    assert [c.to_dict()["group"] for c in C.iter_contacts(filled, "财务")] == ["财务"]

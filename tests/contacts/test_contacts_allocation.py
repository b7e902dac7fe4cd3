"""通讯录's 运营商 and 归属地 (号段归属): stored with every contact as it is written, filtered in SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sms_desktop.core import carriers as K
from sms_desktop.core import contacts as C
from sms_desktop.core.store import SqliteDatabase
from sms_desktop.core.store.db import _split_sql
from sms_desktop.core.store.schema import MIGRATIONS

MOBILE_BJ = "13800138000"  # China Mobile, Beijing
UNICOM = "18612345678"
TELECOM_CZ = "18912345678"  # China Telecom, Changzhou, Jiangsu
VIRTUAL = "17101234567"
UNKNOWN = "14412345678"


def stored(db, phone: str) -> tuple[str | None, str | None, str | None]:
    return (
        db.read()
        .execute("SELECT carrier, province, city FROM contacts WHERE phone=?", (phone,))
        .fetchone()[:]
    )


def test_an_added_contact_keeps_its_blocks_allocation(db) -> None:
    cid = C.add_contact(db, "客户", "+86 189 1234 5678", "张三")
    c = C.get_contact(db, cid)
    assert (c.carrier, c.province, c.city) == (K.TELECOM, "江苏", "常州")
    assert c.to_dict()["carrier"] == "telecom"


def test_an_edited_number_is_looked_up_again(db) -> None:
    cid = C.add_contact(db, "客户", TELECOM_CZ, "张三")
    c = C.update_contact(db, cid, phone=MOBILE_BJ)
    assert (c.carrier, c.province, c.city) == (K.MOBILE, "北京", "")
    c = C.update_contact(db, cid, name="张三丰")  # the number unchanged: kept as it was
    assert c.carrier == K.MOBILE


def test_an_import_stores_the_allocation_of_every_new_row(db, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "手机,姓名,城市\n"
        f"{MOBILE_BJ},甲,北京\n{UNICOM},乙,\n{TELECOM_CZ},丙,常州\n{VIRTUAL},丁,\n{UNKNOWN},戊,\n",
        encoding="utf-8",
    )
    report = C.import_file(db, path, "客户")
    assert report.imported == 5
    assert stored(db, MOBILE_BJ) == (K.MOBILE, "北京", "")
    assert stored(db, UNICOM)[0] == K.UNICOM
    assert stored(db, TELECOM_CZ) == (K.TELECOM, "江苏", "常州")
    assert stored(db, VIRTUAL)[0] == K.VIRTUAL
    assert stored(db, UNKNOWN) == ("", "", "")
    # the fields are where they were: the allocation went after them in the row array
    assert C.get_contact(db, C.contact_ids(db, search="丙")[0]).fields == {"城市": "常州"}


def test_a_wide_import_stores_it_too(db, tmp_path: Path) -> None:
    from sms_desktop.core.contacts import importer

    width = importer._WIDE + 1
    header = ",".join(["手机", *(f"f{i}" for i in range(width))])
    row = ",".join([TELECOM_CZ, *(str(i) for i in range(width))])
    path = tmp_path / "wide.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    C.import_file(db, path, "宽")
    assert stored(db, TELECOM_CZ) == (K.TELECOM, "江苏", "常州")
    assert C.get_contact(db, C.contact_ids(db)[0]).fields["f3"] == "3"


def test_a_copy_keeps_it(db) -> None:
    cid = C.add_contact(db, "甲组", TELECOM_CZ, "张三")
    C.create_group(db, "乙组")
    C.copy_contacts(db, [cid], "乙组")
    rows = db.read().execute("SELECT carrier, city FROM contacts ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [(K.TELECOM, "常州"), (K.TELECOM, "常州")]


@pytest.fixture
def mixed(db):
    for phone, name in [
        (MOBILE_BJ, "移甲"),
        ("13900139000", "移乙"),
        (UNICOM, "联甲"),
        (TELECOM_CZ, "电甲"),
        (VIRTUAL, "虚甲"),
        (UNKNOWN, "未甲"),
    ]:
        C.add_contact(db, "客户" if name != "移乙" else "同事", phone, name)
    return db


def names(db, ids) -> list[str]:
    return [c.name for c in C.contacts_by_ids(db, ids)]


def test_filter_by_carrier_and_province_in_sql(mixed) -> None:
    db = mixed
    assert names(db, C.contact_ids(db, carrier=K.MOBILE)) == ["移甲", "移乙"]
    assert names(db, C.contact_ids(db, carrier=K.VIRTUAL)) == ["虚甲"]
    assert names(db, C.contact_ids(db, carrier=K.UNKNOWN)) == ["未甲"]
    assert names(db, C.contact_ids(db, province="江苏")) == ["电甲"]
    group = C.group_id(db, "客户")
    assert names(db, C.contact_ids(db, group, carrier=K.MOBILE)) == ["移甲"]
    assert names(db, C.contact_ids(db, search="甲", carrier=K.TELECOM)) == ["电甲"]
    assert C.count_contacts(db, carrier=K.MOBILE) == 2
    assert C.count_contacts(db, group, carrier=K.MOBILE, province="北京") == 1
    # sorted by carrier code, then by region
    by_carrier = names(db, C.contact_ids(db, order="carrier"))
    assert by_carrier.index("未甲") == 0  # "" sorts first
    assert names(db, C.contact_ids(db, order="region", descending=True))[0] == "电甲"  # 江苏


def test_send_to_all_matching_takes_the_same_filter(mixed) -> None:
    sel = C.ContactSelection(carrier=K.MOBILE, label="移动")
    assert [r.phone for r in C.recipients_from_selection(mixed, sel)] == [
        MOBILE_BJ,
        "13900139000",
    ]
    sel = C.ContactSelection(province="江苏", label="江苏")
    assert [r.phone for r in C.recipients_from_selection(mixed, sel)] == [TELECOM_CZ]


def test_the_migration_fills_the_contacts_already_stored(tmp_path: Path) -> None:
    """A store from before the columns: its contacts get them when it is opened."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    from sms_desktop.core.pinyin import name_key

    conn.create_function("sms_name_key", 1, name_key)  # what Database.migrate registers
    before = MIGRATIONS.index(next(m for m in MIGRATIONS if callable(m)))
    for script in MIGRATIONS[:before]:
        assert isinstance(script, str)
        for statement in _split_sql(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version={before}")
    conn.execute("INSERT INTO groups(id, name) VALUES(1, '老客户')")
    conn.executemany(
        "INSERT INTO contacts(group_id, phone, name) VALUES(1, ?, ?)",
        [(MOBILE_BJ, "甲"), (TELECOM_CZ, "乙"), ("075512345678", "丙"), (UNKNOWN, "丁")],
    )
    conn.close()

    db = SqliteDatabase(path)
    try:
        assert db.user_version == len(MIGRATIONS)
        assert stored(db, MOBILE_BJ) == (K.MOBILE, "北京", "")
        assert stored(db, TELECOM_CZ) == (K.TELECOM, "江苏", "常州")
        assert stored(db, "075512345678") == (K.LANDLINE, "广东", "深圳")
        assert stored(db, UNKNOWN) == ("", "", "")
        assert names(db, C.contact_ids(db, carrier=K.TELECOM)) == ["乙"]
    finally:
        db.close()


def test_the_migration_fills_the_contacts_of_an_office_database(
    pg_empty_url, tmp_path, monkeypatch
):
    """The same on PostgreSQL: a database set up before the columns (by an older program) gets
    them, filled, when a program of this version connects."""
    from sms_desktop.core.store import open_store
    from sms_desktop.core.store import postgres as P
    from sms_desktop.core.store.schema import PG_MIGRATIONS

    before = PG_MIGRATIONS.index(next(m for m in PG_MIGRATIONS if callable(m)))
    monkeypatch.setattr(P, "PG_MIGRATIONS", PG_MIGRATIONS[:before])  # the older program
    old = open_store(pg_empty_url, tmp_path / "old")
    try:
        assert old.schema_version == before
        with old.write() as c:
            gid = c.execute("INSERT INTO groups(name) VALUES('老客户') RETURNING id").fetchone()[0]
            c.executemany(
                "INSERT INTO contacts(group_id, phone, name) VALUES(?, ?, ?)",
                [(gid, MOBILE_BJ, "甲"), (gid, TELECOM_CZ, "乙"), (gid, UNKNOWN, "丁")],
            )
    finally:
        old.close()
    monkeypatch.setattr(P, "PG_MIGRATIONS", PG_MIGRATIONS)
    db = open_store(pg_empty_url, tmp_path / "new")
    try:
        assert db.schema_version == len(PG_MIGRATIONS)
        assert stored(db, MOBILE_BJ) == (K.MOBILE, "北京", "")
        assert stored(db, TELECOM_CZ) == (K.TELECOM, "江苏", "常州")
        assert stored(db, UNKNOWN) == ("", "", "")
        assert names(db, C.contact_ids(db, carrier=K.TELECOM)) == ["乙"]
    finally:
        db.close()

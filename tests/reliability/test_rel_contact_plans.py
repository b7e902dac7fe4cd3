"""The 通讯录 listing reads the contacts in table order, but for a small group (query plans)."""

from __future__ import annotations

from queryplans import plan, statements

from sms_desktop.core import contacts as C
from sms_desktop.core.pinyin import name_key
from sms_desktop.core.store import open_database


def _plans(db, fn):
    """The query plans of the contact listings ``fn`` runs."""
    return [plan(db, sql) for sql in statements(db, fn) if "FROM contacts c" in sql]


def test_a_listing_reads_the_table_in_order_unless_the_group_is_small(home):
    """Reading a large share of the contacts through the group index visits them in phone
    order, one random page each (280 ms instead of 27 ms for 100,000 sorted by name): the
    page and the ids read the table in order, but for a small group."""
    db = open_database(home)
    try:
        big, small = C.create_group(db, "大"), C.create_group(db, "小")
        with db.write() as c:
            c.executemany(
                "INSERT INTO contacts(group_id, phone, name, name_key) VALUES(?,?,?,?)",
                [
                    (small if i < 20 else big, f"138{i:08d}", f"客户{i}", name_key(f"客户{i}"))
                    for i in range(400)
                ],
            )
        for order in ("name", "id", "phone", "updated_at"):
            for group in (None, big):
                for steps in _plans(
                    db,
                    lambda group=group, order=order: (
                        C.contact_page(db, group, None, order),
                        C.contact_ids(db, group, "客户", order),
                    ),
                ):
                    assert not any("contacts_group_phone" in s for s in steps), (order, steps)
            for steps in _plans(
                db,
                lambda order=order: (
                    C.contact_page(db, small, None, order),
                    C.contact_ids(db, small, None, order),
                ),
            ):
                assert any(
                    s.startswith("SEARCH c USING")
                    and s.endswith("INDEX contacts_group_phone (group_id=?)")
                    for s in steps
                ), steps
    finally:
        db.close()

"""One number from several sources (pasted and a file's row, pasted and a contact): the entry
that carries a name or fields is the one kept, and the bare one is the duplicate, saying so."""

from __future__ import annotations

from sms_desktop.core.contacts.recipients import Recipient, SkipReason, screen


def test_a_pasted_copy_does_not_knock_out_the_files_row():
    pasted = Recipient("138 0013 8000", row=1)
    row = Recipient("13800138000", "张伟", {"姓名": "张伟", "等级": "VIP"}, row=2)
    other = Recipient("13912345678", "王芳", {"姓名": "王芳", "等级": "普通"}, row=3)
    s = screen([pasted, row, other], placeholders=["姓名", "等级"])
    assert [(v.seq, v.phone, v.values) for v in s.valid] == [
        (2, "13800138000", {"姓名": "张伟", "等级": "VIP"}),
        (3, "13912345678", {"姓名": "王芳", "等级": "普通"}),
    ]
    (dup,) = s.rejected
    assert (dup.seq, dup.reason, dup.value, dup.row) == (1, SkipReason.DUPLICATE, "13800138000", 1)
    zh, en = dup.message.split(" / ")
    assert zh == "第 1 行：重复号码（第 2 行是同一号码，带有姓名或字段，保留那一条）"
    assert (
        en
        == "row 1: duplicate number (row 2 has the same number with a name or fields; that one is kept)"
    )


def test_a_contact_of_a_group_wins_over_a_typed_number_too():
    typed = Recipient("13800138000", row=1)
    contact = Recipient("13800138000", "张伟", {"等级": "VIP"})  # a group's: no row
    s = screen([typed, contact], placeholders=["姓名"])
    assert [(v.seq, v.values) for v in s.valid] == [(2, {"姓名": "张伟"})]
    assert [(r.seq, r.reason) for r in s.rejected] == [(1, SkipReason.DUPLICATE)]
    assert "第 2 个号码" in s.rejected[0].message and "entry 2" in s.rejected[0].message


def test_otherwise_the_first_occurrence_is_kept():
    # two rows of a file: the first kept, whatever the second holds
    a = Recipient("13800138000", "甲", {"等级": "VIP"}, row=2)
    b = Recipient("13800138000", "乙", {"等级": "普通"}, row=3)
    s = screen([a, b])
    assert [v.seq for v in s.valid] == [1]
    assert "（与第 2 行相同）" in s.rejected[0].message
    # two bare numbers: the first kept
    s = screen([Recipient("13800138000", row=1), Recipient("13800138000", row=2)])
    assert [v.seq for v in s.valid] == [1] and s.rejected[0].seq == 2
    # a bare number after the row: the row stays, the bare one is the duplicate
    s = screen([a, Recipient("13800138000", row=9)])
    assert [v.seq for v in s.valid] == [1] and "（与第 2 行相同）" in s.rejected[0].message


def test_three_copies_keep_the_row_and_list_two_duplicates_in_order():
    entries = [
        Recipient("13800138000", row=1),
        Recipient("13700001111", row=2),
        Recipient("13800138000", row=3),
        Recipient("13800138000", "张伟", {"姓名": "张伟"}, row=2),
        Recipient("13700001111", "陈静", {"姓名": "陈静"}, row=6),
    ]
    s = screen(entries, placeholders=["姓名"], blacklist={"13700001111"})
    assert [v.seq for v in s.valid] == [4]
    assert [(r.seq, r.reason) for r in s.rejected] == [
        (1, SkipReason.DUPLICATE),
        (2, SkipReason.DUPLICATE),
        (3, SkipReason.DUPLICATE),
        (5, SkipReason.BLACKLISTED),
    ]

"""The local sensitive-word list (core/wordcheck.py): stored in the database, found in a text."""

from __future__ import annotations

from sms_desktop.core import wordcheck
from sms_desktop.core.store import open_database


def test_words_are_saved_cleaned_and_loaded(tmp_path):
    db = open_database(tmp_path)
    try:
        assert wordcheck.load_words(db) == []
        kept = wordcheck.save_words(db, [" 发票 ", "", "# 注释", "代开", "发票", "ＶＩＰ"])
        assert kept == ["发票", "代开", "VIP"]  # trimmed, no blanks/comments/repeats, NFKC
        assert wordcheck.load_words(db) == kept
        assert wordcheck.save_words(db, []) == []
        assert wordcheck.load_words(db) == []
    finally:
        db.close()


def test_find_words_positions_case_and_width():
    hits = wordcheck.find_words("代开发票，VIP 专享；发票", ["发票", "vip"])
    assert [(h.word, h.start, h.end) for h in hits] == [
        ("发票", 2, 4),
        ("vip", 5, 8),
        ("发票", 12, 14),
    ]
    # full-width letters match their half-width word; offsets stay those of the text
    text = "😀ＶＩＰ"
    (hit,) = wordcheck.find_words(text, ["VIP"])
    assert text[hit.start : hit.end] == "ＶＩＰ"
    assert wordcheck.find_words("没有", ["发票"]) == []
    assert wordcheck.find_words("任何内容", []) == []

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sms_desktop.core import segments
from sms_desktop.core.charsets import decode_reply, ensure_encodable, unencodable_chars
from sms_desktop.core.errors import UnencodableTextError


@pytest.mark.parametrize(
    ("n", "parts"), [(1, 1), (69, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)]
)
def test_chinese_rule_without_signature(n, parts):
    info = segments.count("字" * n)
    assert (info.chars, info.parts) == (n, parts)


@pytest.mark.parametrize(("n", "parts"), [(64, 1), (65, 1), (66, 2), (129, 2), (130, 3)])
def test_the_signature_counts_toward_the_length(n, parts):
    # 【公司名】 is 5 characters with its brackets
    info = segments.count("a" * n, "【公司名】")
    assert info.chars == n + 5
    assert info.parts == parts


def test_signature_is_added_once_and_brackets_are_supplied():
    assert segments.with_signature("你好", "公司名") == "【公司名】你好"
    assert segments.with_signature("【公司名】你好", "公司名") == "【公司名】你好"
    assert segments.with_signature("你好【别家】", "公司名") == "你好【别家】"
    assert segments.count("", "").parts == 0


def test_letters_digits_and_punctuation_count_as_one_each():
    assert segments.count("Hi, 1号！").chars == 7


def test_chars_left_in_part():
    assert segments.count("a" * 70).chars_left_in_part == 0
    assert segments.count("a" * 71).chars_left_in_part == 134 - 71


@given(st.text(max_size=600))
def test_parts_are_monotonic_and_cover_the_text(text):
    info = segments.count(text)
    if info.chars == 0:
        assert info.parts == 0
    elif info.parts == 1:
        assert info.chars <= 70
    else:
        assert (info.parts - 1) * 67 < info.chars <= info.parts * 67


def test_emoji_and_rare_han_are_named_under_gbk():
    assert unencodable_chars("你好😀，𠀀字😀", "gbk") == ["😀", "𠀀"]
    assert unencodable_chars("你好😀", "utf-8") == []
    with pytest.raises(UnencodableTextError) as ei:
        ensure_encodable("生日快乐🎂", "GB2312")
    assert "🎂" in str(ei.value) and "U+1F382" in str(ei.value)


def test_reply_decoding_prefers_what_the_reply_declares():
    body = '<?xml version="1.0" encoding="gb2312"?><a>你好</a>'.encode("gbk")
    assert "你好" in decode_reply(body, None, "utf-8")
    assert decode_reply("你好".encode("gbk"), "text/plain; charset=GBK", "utf-8") == "你好"
    # declared UTF-8 but sent GBK: falls back to the account charset
    assert decode_reply("状态报告".encode("gbk"), "text/plain; charset=utf-8", "gbk") == "状态报告"
    # nothing declared, account says UTF-8, bytes are GBK: detected
    assert "你好" in decode_reply("你好，世界，这是一条测试短信".encode("gbk"), None, "utf-8")

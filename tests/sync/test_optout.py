"""The opt-out keyword rule (see sms_desktop/core/optout.py for the rule itself)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sms_desktop.core import optout
from sms_desktop.core.optout import DEFAULT_KEYWORDS, is_opt_out, parse_keywords


def test_default_keywords() -> None:
    assert DEFAULT_KEYWORDS == ("退订", "TD", "T", "N", "取消", "R")


@pytest.mark.parametrize(
    "text",
    [
        "退订",
        "TD",
        "td",
        "Td",
        "ＴＤ",  # full-width
        "ｔｄ",
        "T",
        "t",
        "N",
        "R",
        "取消",
        " TD ",
        "TD。",
        "退订！",
        "【退订】",
        "\u200bTD",  # zero-width space from a copy-paste
        "退订谢谢",
        "我要退订",
        "请帮我退订。",
        "退订，谢谢",
        "回复退订",
    ],
)
def test_opt_out(text: str) -> None:
    assert is_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "好的",
        "收到，谢谢",
        "TDD",
        "No",
        "OK",
        "Yes",
        "NT",
        "回复TD",  # an echo of the instruction, neither a keyword nor containing 退订
        "会议取消了吗",  # 取消 counts only as the whole reply
        "不退订",
        "我不要退订",
        "别退订我",
        "无需退订",
        "请问上个月的账单里为什么有一笔退订费用，麻烦核实一下",  # long: left to a person
        "T D",
    ],
)
def test_not_opt_out(text: str) -> None:
    assert not is_opt_out(text)


def test_custom_keywords() -> None:
    words = parse_keywords("停止, STOP，0000、")
    assert words == ("停止", "STOP", "0000")
    assert is_opt_out("stop", words)
    assert is_opt_out("０００００"[:4], words)  # full-width digits
    assert not is_opt_out("TD", words)
    assert is_opt_out("退订", words)  # a short reply containing 退订 always counts
    assert parse_keywords("") == DEFAULT_KEYWORDS
    assert parse_keywords(None) == DEFAULT_KEYWORDS
    assert parse_keywords(" , ,") == DEFAULT_KEYWORDS


def test_keywords_in_settings(home) -> None:
    from sms_desktop.core.store import open_database

    db = open_database(home)
    try:
        assert optout.load_keywords(db) == DEFAULT_KEYWORDS
        assert optout.save_keywords(db, ["停止", " TD "]) == ("停止", "TD")
        assert db.get_setting(optout.SETTING_KEY) == "停止,TD"
        assert optout.load_keywords(db) == ("停止", "TD")
        assert optout.save_keywords(db, []) == DEFAULT_KEYWORDS
    finally:
        db.close()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_never_raises_and_long_texts_need_an_exact_keyword(text: str) -> None:
    result = is_opt_out(text)
    assert isinstance(result, bool)
    if len(optout.normalise(text)) > optout.SHORT_REPLY_MAX:
        assert not result

"""The compliance guard's pure rules: the kind a text suggests, the marketing window in Beijing
time (with the PC in another zone), the caps' arithmetic, the signature and the opt-out marker."""

from __future__ import annotations

from datetime import datetime

import pytest

from sms_desktop.core.errors import InputError
from sms_desktop.core.gateways import gateway_class
from sms_desktop.core.guard import (
    Caps,
    JobKind,
    check_signature,
    ends_with_optout,
    find_links,
    parse_optout,
    parse_window,
    suggest_kind,
    with_optout,
)
from sms_desktop.core.guard.rules import day_start
from sms_desktop.core.vendortime import from_beijing, to_beijing

WORDS = ("优惠", "折扣", "促销")


# ---- the kind --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "words", "links"),
    [
        ("您的订单已发货，单号 123。", "notice", (), ()),
        ("本周全场折扣，欢迎光临", "marketing", ("折扣",), ()),
        ("会员专享优惠，促销仅限今天", "marketing", ("优惠", "促销"), ()),
        (
            "详情见 https://a.example.com/x?y=1 。",
            "marketing",
            (),
            ("https://a.example.com/x?y=1",),
        ),
        ("点击 t.cn/A6xYz 领取", "marketing", (), ("t.cn/A6xYz",)),
        ("访问ｗｗｗ．ｊｄ．ｃｏｍ", "marketing", (), ("www.jd.com",)),
        ("圆周率约 3.14，会议 9.30 开始", "notice", (), ()),
        ("联系 a@corp.com 查询", "notice", (), ()),  # an e-mail address is no link
    ],
)
def test_a_link_or_a_listed_word_suggests_marketing(text, kind, words, links):
    s = suggest_kind(text, WORDS)
    assert (s.kind, s.words, s.links) == (kind, words, links)


def test_the_word_list_is_configurable():
    assert suggest_kind("年终大酬宾", WORDS).kind == JobKind.NOTICE
    assert suggest_kind("年终大酬宾", ["酬宾"]).words == ("酬宾",)


def test_links_are_found_after_full_width_folding():
    assert find_links("见 ＨＴＴＰ://x.cn/a") == ["HTTP://x.cn/a"]


# ---- the window --------------------------------------------------------------------------------
def _local(bj: str) -> datetime:
    t = from_beijing(datetime.strptime(bj, "%Y-%m-%d %H:%M:%S"))
    assert t is not None
    return t


@pytest.mark.parametrize(
    ("beijing", "open_", "opens"),
    [
        ("2026-12-08 07:59:59", False, "2026-12-08 08:00:00"),
        ("2026-12-08 08:00:00", True, None),
        ("2026-12-08 20:59:59", True, None),
        ("2026-12-08 21:00:00", False, "2026-12-09 08:00:00"),
        ("2026-12-08 23:59:59", False, "2026-12-09 08:00:00"),
        ("2026-12-09 00:00:00", False, "2026-12-09 08:00:00"),
    ],
)
def test_window_edges_in_beijing_time_on_a_pc_in_new_york(pc_zone, beijing, open_, opens):
    w = parse_window(None)
    local = _local(beijing)
    assert local != datetime.strptime(beijing, "%Y-%m-%d %H:%M:%S")  # the PC is elsewhere
    assert w.is_open(local) is open_
    got = w.opening_after(local)
    if opens is None:
        assert got is None
        assert to_beijing(w.closing_after(local)) == datetime(2026, 12, 8, 21, 0)
    else:
        assert got == _local(opens)
        assert to_beijing(got).strftime("%Y-%m-%d %H:%M:%S") == opens


@pytest.mark.parametrize("pc_zone", ["Europe/London", "Asia/Shanghai"], indirect=True)
def test_window_edges_with_other_pc_zones(pc_zone):
    w = parse_window("08:00-21:00")
    assert not w.is_open(_local("2026-07-01 07:59:59"))
    assert w.is_open(_local("2026-07-01 08:00:00"))
    assert w.is_open(_local("2026-07-01 20:59:59"))
    assert not w.is_open(_local("2026-07-01 21:00:00"))


def test_window_values():
    assert parse_window("9:30 ~ 20:00").text() == "09:30–20:00"
    assert parse_window("00:00-24:00").all_day
    assert parse_window("").text() == "08:00–21:00"
    for bad in ("21:00-08:00", "8-21", "08:00-25:00", "08:60-21:00", "08:00-08:00"):
        with pytest.raises(InputError):
            parse_window(bad)


# ---- caps --------------------------------------------------------------------------------------
def test_caps_name_the_first_one_broken():
    caps = Caps()
    assert caps.exceeded("marketing", 0, 0, 0) == ""
    assert caps.exceeded("marketing", 1, 1, 1) == "marketing_day"
    assert caps.exceeded("marketing", 2, 0, 3) == "marketing_week"
    assert caps.exceeded("marketing", 3, 0, 0) == "any_day"
    assert caps.exceeded("notice", 2, 1, 3) == ""  # marketing caps do not stop a notification
    assert caps.exceeded("notice", 3, 0, 0) == "any_day"
    assert Caps(0, 0, 0).exceeded("marketing", 99, 99, 99) == ""  # 0: no cap
    assert "频次限制" in caps.reason("any_day")


def test_a_day_is_a_beijing_day(pc_zone):
    local = _local("2026-12-08 00:30:00")
    assert to_beijing(day_start(local)) == datetime(2026, 12, 8)
    assert to_beijing(day_start(local, 6)) == datetime(2026, 12, 2)


# ---- signature ---------------------------------------------------------------------------------
CAPS = gateway_class("ipyy").capabilities


def codes(text: str, signature: str) -> list[str]:
    return [f.code for f in check_signature(text, signature, CAPS)]


def test_the_signature_is_present_exactly_once():
    assert codes("您的订单已发货", "【示例公司】") == []  # the gateway adds it
    assert codes("【示例公司】您的订单已发货", "示例公司") == []  # already there
    assert codes("您的订单已发货【示例公司】", "【示例公司】") == []  # at the end
    assert codes("【示例公司】您的订单【示例公司】已发货", "【示例公司】") == ["twice"]
    assert codes("您的订单已发货，【双十一】活动", "【示例公司】") == ["second"]
    assert codes("【别家公司】您的订单已发货", "【示例公司】") == ["missing"]
    assert codes("您的订单已发货", "") == ["none"]


def test_the_signature_length_is_checked_against_the_family():
    lo, hi = CAPS.signature_chars
    assert codes("您好", "【" + "长" * (hi + 1) + "】") == ["too_long"]
    assert codes("您好", "【短】") == ["too_short"]
    assert codes("您好", "【" + "好" * lo + "】") == []
    found = check_signature("您好", "【短】", CAPS)[0]
    assert str(lo) in found.message() and "【短】" in found.message()


# ---- opt-out -----------------------------------------------------------------------------------
def test_the_opt_out_marker_ends_the_text():
    assert ends_with_optout("全场五折，回T退订", "回T退订")
    assert ends_with_optout("全场五折，回t退订。", "回T退订")
    assert ends_with_optout("全场五折，回T退订【示例公司】", "回T退订")
    assert not ends_with_optout("回T退订，全场五折", "回T退订")
    assert with_optout("全场五折，", "回T退订") == "全场五折，回T退订"
    assert with_optout("全场五折【示例公司】", "回T退订") == "全场五折回T退订【示例公司】"
    assert with_optout("全场五折，回T退订", "回T退订") == "全场五折，回T退订"
    assert parse_optout("") == "回T退订"
    assert parse_optout("拒收请回复R") == "拒收请回复R"
    with pytest.raises(InputError):
        parse_optout("退订" * 20)

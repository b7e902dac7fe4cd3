"""Each rejected number's reason says the same in Chinese as in English: the Chinese half carries
the detail (how many digits, which prefix, what the cell held), not only "号码无效"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sms_desktop.core.phones import normalise


def halves(reason: str) -> tuple[str, str]:
    zh, _, en = reason.partition("/ ")
    return zh.strip(), en.strip()


@pytest.mark.parametrize(
    ("value", "zh_detail", "en_detail"),
    [
        ("1380013800", "10 位", "10 digits"),
        ("138001380001", "12 位", "12 digits"),
        ("12345678901", "非手机号段", "not a mobile prefix"),
        ("+", "没有数字", "no digits"),
        ("+86", "没有数字", "no digits"),
        (13800138000.5, "不是整数", "not a whole number"),
        ("1.38001380005E+10", "不是整数", "not a whole number"),
        (Decimal("13800138000.5"), "不是整数", "not a whole number"),
        (True, "True", "True"),
        (float("nan"), "nan", "nan"),
        ("١٣٨٠٠١٣٨٠٠٠", "١٣٨٠٠١٣٨٠٠٠", "١٣٨٠٠١٣٨٠٠٠"),  # Arabic-Indic digits
    ],
)
def test_the_chinese_reason_carries_the_english_detail(value, zh_detail, en_detail):
    r = normalise(value)
    assert r.phone is None
    zh, en = halves(r.reason)
    assert zh.startswith("号码无效") and en.startswith("invalid number")
    assert en_detail in en
    assert zh_detail in zh, r.reason
    assert zh != "号码无效"

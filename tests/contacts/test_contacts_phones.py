"""The phone normaliser: every way a number arrives, plus property tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sms_desktop.core.phones import (
    PhoneProblem,
    allows_landline,
    is_mobile,
    normalise,
    normalise_cell,
    parse_recipients,
    split_cell,
)

M = "13800138000"


@pytest.mark.parametrize(
    "value",
    [
        M,
        13800138000,
        13800138000.0,
        "13800138000.0",
        "1.3800138000E+10",
        "1.3800138000e10",
        "+8613800138000",
        "+86 138 0013 8000",
        "0086-138-0013-8000",
        "8613800138000",
        "(138)0013-8000",
        "１３８００１３８０００",
        "＋８６ １３８ ００１３ ８０００",
        "\t13800138000\t",
        "\u200b138\u200c0013\u200d8000\ufeff",
        "\u00a013800138000\u3000",
        "'13800138000",
        "\u202a13800138000\u202c",
        "013800138000",
        "138.0013.8000",
    ],
)
def test_every_form_of_the_same_mobile(value):
    r = normalise(value)
    assert r.ok, r.reason
    assert r.phone == M


@pytest.mark.parametrize(
    ("value", "problem", "fragment"),
    [
        ("1.38001E+10", PhoneProblem.SCIENTIFIC, "digits lost to scientific notation"),
        ("1.3800138E+10", PhoneProblem.SCIENTIFIC, "format the column as text and export again"),
        (
            "1380013800",
            PhoneProblem.INVALID,
            "号码无效（10 位）/ invalid number: 1380013800 (10 digits)",
        ),
        ("12345678901", PhoneProblem.INVALID, "not a mobile prefix"),
        ("138001380001", PhoneProblem.INVALID, "12 digits"),
        ("abc", PhoneProblem.INVALID, "invalid number"),
        ("138-0013-800x", PhoneProblem.INVALID, "invalid number"),
        ("", PhoneProblem.EMPTY, "empty"),
        ("  \u200b ", PhoneProblem.EMPTY, "empty"),
        (None, PhoneProblem.EMPTY, "empty"),
        (13800138000.5, PhoneProblem.INVALID, "not a whole number"),
        (True, PhoneProblem.INVALID, "invalid"),
        ("+1 415 555 0100", PhoneProblem.INVALID, "not a Chinese number"),
        ("010-12345678", PhoneProblem.LANDLINE, "landline"),
    ],
)
def test_rejections_say_why(value, problem, fragment):
    r = normalise(value)
    assert not r.ok
    assert r.phone is None
    assert r.problem is problem
    assert fragment in r.reason


def test_scientific_reason_is_the_documented_text():
    r = normalise("1.38001E+10")
    assert r.reason.endswith(
        "digits lost to scientific notation; format the column as text and export again"
    )
    assert "科学计数法" in r.reason


def test_date_cell_is_rejected_with_reason():
    import datetime as dt

    r = normalise(dt.date(2024, 1, 2))
    assert r.problem is PhoneProblem.INVALID
    assert "date" in r.reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("010-12345678", "01012345678"),
        ("(0755) 1234 5678", "075512345678"),
        ("0571-8888888", "05718888888"),
        ("+86 10 12345678", "01012345678"),
        ("0086 755 12345678", "075512345678"),
    ],
)
def test_landlines_only_when_allowed(value, expected):
    assert normalise(value, allow_landline=True).phone == expected
    assert normalise(value, allow_landline=False).problem is PhoneProblem.LANDLINE


def test_landline_families():
    assert allows_landline("txt112088") is True
    assert allows_landline("ipyy") is False
    assert allows_landline(None) is False


@pytest.mark.parametrize(
    "cell",
    [
        "13800138000,13900139000",
        "13800138000，13900139000",
        "13800138000;13900139000",
        "13800138000；13900139000",
        "13800138000/13900139000",
        "13800138000、13900139000",
        "13800138000\n13900139000",
        "13800138000\r\n13900139000",
        "13800138000 13900139000",
        "13800138000 | 13900139000",
    ],
)
def test_several_numbers_in_one_cell(cell):
    got = [r.phone for r in normalise_cell(cell)]
    assert got == ["13800138000", "13900139000"]


def test_spaces_inside_one_number_do_not_split():
    assert split_cell("138 0013 8000") == ["138 0013 8000"]
    assert [r.phone for r in normalise_cell("+86 138 0013 8000")] == [M]


def test_cell_with_one_bad_number_reports_it():
    results = normalise_cell("13800138000、1380013800")
    assert results[0].phone == M
    assert results[1].problem is PhoneProblem.INVALID
    assert "1380013800" in results[1].reason


def test_empty_cell_gives_one_empty_result():
    for v in (None, "", " ; "):
        rs = normalise_cell(v)
        assert len(rs) == 1
        assert rs[0].problem is PhoneProblem.EMPTY


def test_parse_recipients_paste():
    text = "13800138000\n139-0013-9000, 13800138000\n\n123\n+86 137 0013 7000；abc"
    r = parse_recipients(text)
    assert r.phones == ["13800138000", "13900139000", "13700137000"]
    assert r.duplicates == 1
    assert [x.raw for x in r.rejected] == ["123", "abc"]


def test_is_mobile():
    assert is_mobile("19912345678")
    assert not is_mobile("12912345678")
    assert not is_mobile("1380013800")
    assert not is_mobile("138001380000")


# ---- properties ------------------------------------------------------------------------------
mobiles = st.builds(
    lambda second, rest: "1" + second + rest,
    st.sampled_from("3456789"),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\ufeff",
    "\u00a0",
    "\u3000",
    "\t",
    " ",
]


@st.composite
def decorated(draw, phone_strategy=mobiles):
    p = draw(phone_strategy)
    s = p
    # group with separators inside the number
    if draw(st.booleans()):
        sep = draw(st.sampled_from([" ", "-", " - ", "\u3000"]))
        s = s[:3] + sep + s[3:7] + sep + s[7:]
    if draw(st.booleans()):
        s = s.translate(FULLWIDTH)
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "0086", "0086-", "86", "'", "＋86"]))
    s = prefix + s
    pad_l = "".join(draw(st.lists(st.sampled_from(INVISIBLE), max_size=3)))
    pad_r = "".join(draw(st.lists(st.sampled_from(INVISIBLE), max_size=3)))
    return p, pad_l + s + pad_r


@settings(max_examples=300, deadline=None)
@given(decorated())
def test_property_decorated_mobile_normalises_to_itself(case):
    phone, text = case
    r = normalise(text)
    assert r.phone == phone, (text, r.reason)


@settings(max_examples=200, deadline=None)
@given(mobiles)
def test_property_numeric_and_scientific_forms(phone):
    n = int(phone)
    assert normalise(n).phone == phone
    assert normalise(float(n)).phone == phone
    sci = f"{phone[0]}.{phone[1:]}E+10"
    assert normalise(sci).phone == phone
    # Excel's General format shows 6 significant digits: the rest is lost.
    lossy = f"{float(n):.5E}"
    r = normalise(lossy)
    if lossy.replace(".", "").split("E")[0].ljust(11, "0") == phone:
        assert r.phone == phone or r.problem is PhoneProblem.SCIENTIFIC
    else:
        assert r.phone is None
        assert r.problem is PhoneProblem.SCIENTIFIC


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_property_never_raises_and_valid_means_mobile(text):
    r = normalise(text)
    if r.ok:
        assert r.phone is not None and is_mobile(r.phone)
        assert r.problem is None
    else:
        assert r.problem is not None
        assert r.reason


@settings(max_examples=200, deadline=None)
@given(
    st.lists(mobiles, min_size=1, max_size=6),
    st.sampled_from([",", ";", "/", "、", "\n", "，", "；"]),
)
def test_property_split_joined_numbers(phones, sep):
    cell = sep.join(phones)
    assert [r.phone for r in normalise_cell(cell)] == phones


@settings(max_examples=200, deadline=None)
@given(mobiles)
def test_property_idempotent(phone):
    once = normalise(phone)
    assert once.phone is not None
    assert normalise(once.phone).phone == once.phone

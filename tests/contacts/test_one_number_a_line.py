"""one_number_a_line: a long pasted line is shown one number a line, with the same recipients."""

from __future__ import annotations

import pytest

from sms_desktop.core.contacts.recipients import one_number_a_line, recipients_from_text

LINES = [
    "13800138000,13800138001；13800138002、13800138003|13800138004/13800138005",
    "138 0013 8006, 13800138007 13800138008, 010 12345678, 12345",
    "１３８００１３８００９，+86 138-0013-8010, 13,800,138,011",
    "13800138012\t13800138013 ; ;, 13800138000",
]


@pytest.mark.parametrize("landline", [False, True])
def test_the_same_recipients_in_the_same_order(landline):
    text = "\n".join(LINES) + "\n13900000000\n"
    shown = one_number_a_line(text, limit=20)
    assert max(len(line) for line in shown.splitlines()) <= 20
    before = [r.phone for r in recipients_from_text(text, allow_landline=landline)]
    after = [r.phone for r in recipients_from_text(shown, allow_landline=landline)]
    assert after == before


def test_text_without_a_long_line_is_kept_as_it_is():
    text = "13800138000, 13800138001\r\n13800138002\n"
    assert one_number_a_line(text, limit=40) is text


def test_only_the_long_lines_are_broken():
    text = "13800138000, 13800138001\n" + ",".join(str(13900000000 + i) for i in range(200))
    shown = one_number_a_line(text, limit=100).split("\n")
    assert shown[0] == "13800138000, 13800138001"
    assert shown[1:] == [str(13900000000 + i) for i in range(200)]


def test_a_line_split_a_stretch_at_a_time_gives_what_the_whole_line_gives(monkeypatch):
    """The long line is cut at separators between long numbers only: thousands-grouped numbers
    (13,800,138,000), blanks inside a number and full-width forms split as in the whole line."""
    import random

    from sms_desktop.core.contacts import recipients
    from sms_desktop.core.phones import split_cell

    monkeypatch.setattr(recipients, "_STRETCH", 50)
    rng = random.Random(3)
    forms = [
        lambda: str(13800000000 + rng.randint(0, 10**8)),
        lambda: f"13,800,138,{rng.randint(0, 999):03d}",
        lambda: f"138 0013 {rng.randint(0, 9999):04d}",
        lambda: str(rng.randint(0, 10**6)),
        lambda: "１３８００１３８０００",
        lambda: f"+86 {13900000000 + rng.randint(0, 10**8)}",
    ]
    seps = [",", "，", ";", "；", "、", "/", "|", " ", "  ,", "\t", ",,"]
    for _ in range(100):
        line = "".join(rng.choice(forms)() + rng.choice(seps) for _ in range(rng.randint(20, 200)))
        assert one_number_a_line(line, limit=10).split("\n") == split_cell(line)

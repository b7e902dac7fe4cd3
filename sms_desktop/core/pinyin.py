"""Sort keys that put names in pinyin order, as Excel and a Chinese phone's contact list do.

``name_key("张伟")`` is a string whose plain (binary) order is the pinyin order of the names:
SQLite sorts the stored keys with ``ORDER BY name_key`` and no collation of its own, so the
order is the same in every client and needs no Qt or ICU.

* Each Chinese character becomes one character of the key, its rank in the table of
  ``pinyin_table.py`` (reading, tone, then code point): 阿 < 安 < 白 < 张 < 赵.
  Characters compare one by one, as in a pinyin dictionary: 阿忠 (ā) sorts before 安 (ān).
* The first character of a name takes its reading as a surname where that differs: 曾 (zēng)
  sorts under Z, 单 (shàn) under S.
* Latin letters compare without case (full-width ones as half-width); digits, Latin and other
  text come before Chinese names; an empty name comes last.

The table (about 42,000 characters) is read on the first call, a few milliseconds.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

__all__ = ["name_key", "name_keys", "preload"]

_BASE = 0xF0000  # plane 15, private use: above every character of a name, in code point order
EMPTY_KEY = "\U0010fffd"  # an empty name: after everything
_lock = threading.Lock()
_table: dict[int, Any] | None = None
_surname_re: re.Pattern[str] | None = None
_surname_key: dict[str, str] = {}
# markers for "this character, read as a surname", before the table maps them (plane 16: no
# text from a file or a keyboard holds them, unlike the BMP's private use area, where GBK puts
# its user-defined characters)
_MARK_BASE = 0x100000


def _load() -> dict[int, Any]:
    global _table, _surname_re
    with _lock:
        if _table is not None:
            return _table
        from .pinyin_table import READINGS

        # every character of the table in sort order, a surname reading as its marker
        order = "".join(line.partition(" ")[2] for line in READINGS.splitlines())
        marks: dict[str, str] = {}
        for ch in re.findall("~(.)", order):
            marks[ch] = chr(_MARK_BASE + len(marks))
        order = re.sub("~(.)", lambda m: marks[m.group(1)], order)
        # one C call maps all 42,000 (a loop over them took 20-50 ms)
        table: dict[int, Any] = str.maketrans(
            order, "".join(map(chr, range(_BASE, _BASE + len(order))))
        )
        for c in range(128):  # every ASCII character (a miss costs translate an exception)
            table[c] = c + 32 if ord("A") <= c <= ord("Z") else c
        for c in range(0xFF01, 0xFF5F):  # full-width ASCII
            half = c - 0xFEE0
            table[c] = half + 32 if ord("A") <= half <= ord("Z") else half
        table[0x3000] = ord(" ")  # the ideographic space
        _surname_key.update(marks)
        _surname_re = re.compile("(?:^|(?<=\x00))[" + "".join(marks) + "]")
        _table = table
        return table


def preload() -> None:
    """Read the table now, e.g. on a thread of its own while the caller waits for something
    that releases the GIL (a spreadsheet being parsed)."""
    if _table is None:
        _load()


def _mark(m: re.Match[str]) -> str:
    return _surname_key[m.group()]


def name_keys(names: Sequence[str]) -> list[str]:
    """The sort keys of ``names`` (stripped names, as stored), in one pass over all of them."""
    table = _table if _table is not None else _load()
    assert _surname_re is not None
    if not names:
        return []
    joined = "\x00".join(names)
    if joined.count("\x00") != len(names) - 1:  # a name holding NUL itself
        return [name_key(n) for n in names]
    keys = _surname_re.sub(_mark, joined).translate(table).split("\x00")
    return [k or EMPTY_KEY for k in keys]


def name_key(name: str) -> str:
    """The sort key of one (stripped) name."""
    if not name:
        return EMPTY_KEY
    table = _table if _table is not None else _load()
    assert _surname_re is not None
    return _surname_re.sub(_mark, name.replace("\x00", " ")).translate(table)

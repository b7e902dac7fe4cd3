"""The local sensitive-word list: words a message should not carry, checked before a send.

Qt-free; used by the GUI (the compose editor highlights them, the settings dialog edits the list)
and usable by the CLI. The list lives in the store's ``settings`` table (key
:data:`SETTING_KEY`), one word a line, so it travels with the database and needs no file of its
own. The gateway's own check (ipyy ``checkkeyword``) is separate: it asks the vendor.

::

    words = load_words(db)                  # in a worker: it reads the database
    hits = find_words("本店发票优惠", words)   # pure: [Hit("发票", 2, 4)]
    save_words(db, ["发票", "代开"])          # returns the list now in force
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Database

__all__ = [
    "SETTING_KEY",
    "Hit",
    "find_words",
    "format_words",
    "load_words",
    "parse_words",
    "save_words",
]

SETTING_KEY = "wordcheck.words"
MAX_WORD = 40  # characters; longer lines are not words


@dataclass(frozen=True)
class Hit:
    """One occurrence of a listed word: ``text[start:end]`` (code-point offsets)."""

    word: str
    start: int
    end: int


def _clean(word: str) -> str:
    return unicodedata.normalize("NFKC", word).strip()


def parse_words(value: str | Iterable[str] | None) -> list[str]:
    """Words from the stored value (or any lines): trimmed, NFKC-folded, without blanks,
    ``#`` comments or repeats, in the order given."""
    if value is None:
        return []
    lines = value.splitlines() if isinstance(value, str) else list(value)
    out: dict[str, None] = {}
    for line in lines:
        w = _clean(str(line))
        if not w or w.startswith("#") or len(w) > MAX_WORD:
            continue
        out.setdefault(w, None)
    return list(out)


def format_words(words: Iterable[str]) -> str:
    return "\n".join(parse_words(list(words)))


def load_words(db: Database) -> list[str]:
    """The configured list (empty when none was saved)."""
    return parse_words(db.get_setting(SETTING_KEY))


def save_words(db: Database, words: Iterable[str]) -> list[str]:
    """Store the list; returns what is now in force (cleaned as :func:`parse_words` does)."""
    value = format_words(words)
    db.set_setting(SETTING_KEY, value)
    return parse_words(value)


def find_words(text: str, words: Iterable[str]) -> list[Hit]:
    """Every occurrence of a listed word in ``text``, by position (case-insensitive for Latin
    letters, full-width letters and digits matched as their half-width forms).

    Overlapping words are all reported; offsets are code points of ``text`` itself.
    """
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) != len(text):  # NFKC changed the length (ligatures …): fold per character
        folded = "".join(c if len(n := unicodedata.normalize("NFKC", c)) != 1 else n for c in text)
    hay = folded.casefold()
    if len(hay) != len(text):
        hay = "".join(c if len(f := c.casefold()) != 1 else f for c in folded)
    hits: list[Hit] = []
    for word in parse_words(list(words)):
        needle = word.casefold()
        if len(needle) != len(word):
            needle = word
        start = hay.find(needle)
        while start >= 0:
            hits.append(Hit(word, start, start + len(needle)))
            start = hay.find(needle, start + 1)
    hits.sort(key=lambda h: (h.start, h.end))
    return hits

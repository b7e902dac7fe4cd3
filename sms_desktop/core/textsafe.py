"""Text from outside (gateway replies, contact files) made safe to show and to export.

Gateways answer garbage now and then (NUL, ESC, random bytes decoded as text), and contact files
carry control characters. Stored values are kept exact; only what is shown or exported changes:

* :func:`printable` for human output (the CLI's tables and lines; the GUI may use it for
  one-line labels): every control character becomes a visible escape (``\\x1b``, ``\\n``), so no
  raw byte reaches a terminal, and a value wider than ``limit`` columns is cut with ``…``. JSON
  output never goes through it: it stays exact.
* :func:`readable` tells text from bytes decoded as text (a garbled reply), so that what is
  shown to the user is a summary (its size), never the bytes; the raw body stays stored.
* :func:`xml_safe` for every spreadsheet export: the characters XML 1.0 cannot hold (C0 controls
  other than tab, line feed and carriage return; lone surrogates; U+FFFE/U+FFFF), which make
  openpyxl raise ``IllegalCharacterError``, become the same visible escapes. Everything else is
  kept as is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# C0 controls, DEL, C1 controls, the line/paragraph separators, the bidirectional overrides and
# isolates (they reorder a terminal line), and lone surrogates (undecodable bytes).
_UNPRINTABLE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# What no readable text holds: controls other than tab and line ends, the replacement character
# (bytes the decoder could not read), lone surrogates.
_GARBAGE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff]")
# What XML 1.0 cannot hold at all.
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

ELLIPSIS = "…"
DEFAULT_LIMIT = 80  # display columns of one value in human output


def escape_char(c: str) -> str:
    """``\\x1b``, ``\\n``, ``\\u202e``: the visible form of one character."""
    if c in _NAMED:
        return _NAMED[c]
    n = ord(c)
    return f"\\x{n:02x}" if n <= 0xFF else f"\\u{n:04x}"


def char_width(c: str) -> int:
    """Terminal columns of one character: 2 for wide (CJK) characters, 0 for combining marks."""
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def printable(value: Any, limit: int | None = DEFAULT_LIMIT) -> str:
    """``value`` as one line for a terminal: control characters escaped, cut at ``limit`` columns.

    ``None`` becomes ``""``. ``limit=None`` only escapes.
    """
    text = "" if value is None else str(value)
    text = _UNPRINTABLE_RE.sub(lambda m: escape_char(m.group()), text)
    if limit is None or display_width(text) <= limit:
        return text
    out: list[str] = []
    width = 0
    for c in text:
        w = char_width(c)
        if width + w > limit - 1:
            break
        out.append(c)
        width += w
    return "".join(out) + ELLIPSIS


def xml_safe(value: Any) -> Any:
    """A cell value an .xlsx file can hold: strings lose only what XML forbids (escaped)."""
    if isinstance(value, str) and _XML_ILLEGAL_RE.search(value):
        return _XML_ILLEGAL_RE.sub(lambda m: escape_char(m.group()), value)
    return value


def readable(text: str) -> bool:
    """True when ``text`` reads as text: no control characters but tab and line ends, nothing
    the decoder could not read (U+FFFD), no lone surrogate."""
    return _GARBAGE_RE.search(text) is None


def quoted(text: str, limit: int = 80, nbytes: int | None = None) -> tuple[str, str]:
    """How an explanation quotes a gateway's words, in Chinese and in English: the text (one
    line, escaped, cut at ``limit`` columns) when it reads as text; otherwise its size, never
    the bytes (``nbytes`` when the undecoded size is known, else the characters)."""
    text = text.strip()
    if text and readable(text):
        shown = printable(text.replace("\n", " "), limit)
        return shown, shown
    if nbytes is not None:
        if nbytes == 0:
            return "空回复", "an empty reply"
        return f"不可读的内容（{nbytes:,} 字节）", f"unreadable content ({nbytes:,} bytes)"
    if not text:
        return "空", "empty"
    return f"不可读的内容（{len(text):,} 字）", f"unreadable content ({len(text):,} characters)"

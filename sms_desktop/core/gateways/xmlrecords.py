"""Reading a pulled XML body record by record (ipyy ``<statusbox>``/``<callbox>``, jsm
``<rpt>``/``<mo>``).

Reports and replies are handed out once, so one bad record must not cost the others: when the
whole body does not parse, every ``<tag>…</tag>`` is parsed on its own; the ones that still do
not parse are returned as raw text, to be kept and counted. Before any of that, a ``<`` that
cannot begin markup (``价格<100吗``, ``<<优惠>>``) is escaped, like a bare ``&``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

from ..errors import ProtocolError

# Markup starts with an ASCII letter or "_" (the gateways' tags), "/", "!" or "?".
_STRAY_LT_RE = re.compile(r"<(?![A-Za-z_/!?])")


def escape_stray_lt(text: str) -> str:
    """Escape every ``<`` that cannot begin a tag, comment or declaration."""
    return _STRAY_LT_RE.sub("&lt;", text)


def salvage(
    text: str, tag: str, parse: Callable[[str], Element], root_tag: str
) -> tuple[Element, list[str]] | None:
    """Parse each ``<tag>…</tag>`` of ``text`` alone (letter case ignored).

    Returns a ``root_tag`` element holding the records that parsed, and the raw text of the
    ones that did not; None when the text holds no such record at all. ``parse`` is the
    family's own tolerant parser and raises :class:`ProtocolError`.
    """
    pattern = re.compile(rf"<\s*{tag}\b[^>]*>.*?<\s*/\s*{tag}\s*>", re.S | re.I)
    records = pattern.findall(text)
    if not records:
        return None
    root = Element(root_tag)
    bad: list[str] = []
    for record in records:
        try:
            root.append(parse(record))
        except ProtocolError:
            bad.append(record)
    return root, bad


def parse_by_record(
    text: str, tag: str, parse: Callable[[str], Element], root_tag: str
) -> tuple[Element, list[str]]:
    """``parse(text)`` with no unparsed records; if it fails, :func:`salvage` (and when that
    finds no record at all, the original :class:`ProtocolError`)."""
    try:
        return parse(text), []
    except ProtocolError:
        got = salvage(text, tag, parse, root_tag)
        if got is None:
            raise
        return got

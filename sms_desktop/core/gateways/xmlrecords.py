"""Tolerant XML of the XML families (ipyy, jsm): the clean-ups, and reading a pulled body
record by record (ipyy ``<statusbox>``/``<callbox>``, jsm ``<rpt>``/``<mo>``).

The clean-ups (:func:`tolerant_xml`) escape a bare ``&`` and a ``<`` that cannot begin markup
(``价格<100吗``, ``<<优惠>>``), and close up ``< tag >`` spacing as the ipyy document prints it.
A CDATA section is text, not markup to repair: ``<![CDATA[R&D部门：预算<5万]]>`` is left as it
is, so its text reads back exactly.

Reports and replies are handed out once, so one bad record must not cost the others: when the
whole body does not parse, every ``<tag>…</tag>`` is parsed on its own (a CDATA section inside a
record is one piece: a ``</tag>`` in it does not end the record); the ones that still do not
parse are returned as raw text, to be kept and counted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

from ..errors import ProtocolError

# Markup starts with an ASCII letter or "_" (the gateways' tags), "/", "!" or "?".
_STRAY_LT_RE = re.compile(r"<(?![A-Za-z_/!?])")
# Every "&" that does not start one of XML's own references (a reply text such as "AT&T;" or
# "&nbsp;" is not one: XML knows only these five names).
_BARE_AMP_RE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#[xX][0-9A-Fa-f]+);)")
_SPACED_TAG_RE = re.compile(r"<\s*(/?)\s*([A-Za-z_][\w.\-]*)\s*(/?)\s*>")
_CDATA_RE = re.compile(r"<!\[CDATA\[.*?\]\]>", re.S)


def outside_cdata(text: str, fix: Callable[[str], str]) -> str:
    """``fix`` applied to the parts of ``text`` outside its CDATA sections, which stay as they
    are (an unterminated ``<![CDATA[`` is no section: it is fixed like any text)."""
    if "<![CDATA[" not in text:
        return fix(text)
    out: list[str] = []
    pos = 0
    for m in _CDATA_RE.finditer(text):
        out.append(fix(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fix(text[pos:]))
    return "".join(out)


def tolerant_xml(text: str, *, spaced_tags: bool = False) -> str:
    """The clean-ups, outside CDATA sections: ``< tag >`` closed up (with ``spaced_tags``), a
    bare ``&`` and a stray ``<`` escaped."""

    def fix(part: str) -> str:
        if spaced_tags:
            part = _SPACED_TAG_RE.sub(lambda m: f"<{m[1]}{m[2]}{m[3]}>", part)
        return _STRAY_LT_RE.sub("&lt;", _BARE_AMP_RE.sub("&amp;", part))

    return outside_cdata(text, fix)


def extra_fields(fields: dict[str, str], known: frozenset[str]) -> tuple[str, ...]:
    """A record's elements beyond its documented ones, as ``name=text``, in order: kept as the
    record's extra data (``DeliveryReport.extra``, ``Reply.extra``)."""
    return tuple(f"{name}={text}" for name, text in fields.items() if name not in known)


def salvage(
    text: str, tag: str, parse: Callable[[str], Element], root_tag: str
) -> tuple[Element, list[str]] | None:
    """Parse each ``<tag>…</tag>`` of ``text`` alone (letter case ignored).

    Returns a ``root_tag`` element holding the records that parsed, and the raw text of the
    ones that did not; None when the text holds no such record at all. ``parse`` is the
    family's own tolerant parser and raises :class:`ProtocolError`.
    """
    pattern = re.compile(
        rf"<\s*{tag}\b[^>]*>(?:<!\[CDATA\[.*?\]\]>|.)*?<\s*/\s*{tag}\s*>", re.S | re.I
    )
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

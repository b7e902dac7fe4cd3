"""Charsets: what an account's charset can carry, and decoding of gateway replies."""

from __future__ import annotations

import codecs
import functools
import re

import chardet

from .errors import UnencodableTextError

# The gateways say GB2312 where they mean GBK; GB18030 is a superset that still reads GB2312.
_ALIASES = {
    "gb2312": "gbk",
    "gb_2312-80": "gbk",
    "gbk": "gbk",
    "cp936": "gbk",
    "utf8": "utf-8",
    "utf-8": "utf-8",
}


def canonical(charset: str) -> str:
    key = charset.strip().lower().replace("_", "-") if charset else ""
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return "utf-8"


def unencodable_chars(text: str, charset: str) -> list[str]:
    """The distinct characters of ``text`` that ``charset`` cannot carry, in order of appearance."""
    cs = canonical(charset)
    bad: list[str] = []
    for ch in text:
        try:
            ch.encode(cs)
        except UnicodeEncodeError:
            if ch not in bad:
                bad.append(ch)
    return bad


def ensure_encodable(text: str, charset: str) -> None:
    bad = unencodable_chars(text, charset)
    if bad:
        raise UnencodableTextError(canonical(charset), bad)


# The quotes may come backslash-escaped: the jsm document's own prolog is
# <?xml version=\"1.0\" encoding=\"UTF-8\"?>, as a Java string literal printed verbatim.
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*\\?["']([A-Za-z0-9_\-]+)\\?["']""")
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    if content_type:
        m = _CT_CHARSET.search(content_type)
        if m:
            return m.group(1)
    mb = _XML_DECL.match(body[:200])
    if mb:
        return mb.group(1).decode("ascii")
    return None


# The two charsets the gateways speak; a reply that is in neither is tried with detection last.
COMMON = ("gbk", "utf-8")


def other_common(charset: str) -> str:
    """The other one of GBK and UTF-8 (GBK for anything that is not GBK)."""
    return "utf-8" if canonical(charset) == "gbk" else "gbk"


@functools.cache
def is_single_byte(charset: str) -> bool:
    """Whether ``charset`` reads (nearly) every high byte on its own as one character.

    Such a charset (Latin-1, Windows-1252, KOI8 …) decodes any bytes without error, so a
    successful decode proves nothing, and it cannot carry Chinese: a gateway reply with high
    bytes read that way is mojibake (``退订`` in GBK read as Windows-1252 is ``ÍË¶©``).
    """
    name = canonical(charset)
    alone = 0
    for b in range(0x80, 0x100):
        try:
            if len(bytes([b]).decode(name)) == 1:
                alone += 1
        except (UnicodeDecodeError, LookupError):
            continue
    return alone > 96


def decode_checked(body: bytes, content_type: str | None, fallback: str) -> tuple[str, bool]:
    """Decode a gateway reply; return the text and whether it can be trusted.

    The order (``docs/protocols.md``, "Charsets"): the charset the reply declares (HTTP header or
    XML prolog); then the account's charset (``fallback``); then the other of GBK and UTF-8;
    each strictly. Statistical detection only when all of them fail: it misreads short Chinese
    bodies. The text is *not* trusted (mojibake) when it had to be read with a single-byte
    charset (:func:`is_single_byte`, declared or detected) although it has high bytes, or with
    replacement characters; a caller must then keep the body raw instead of acting on it.
    """
    if body.startswith(codecs.BOM_UTF8):
        # A classic ASP page saved as UTF-8 with a BOM emits the BOM before its GBK output.
        body = body[3:]
        try:
            return body.decode("utf-8"), True
        except UnicodeDecodeError:
            pass
    if body.isascii():
        declared = declared_charset(body, content_type)
        if not declared or canonical(declared) in ("utf-8", "gbk") or is_single_byte(declared):
            return body.decode("ascii"), True
    declared = declared_charset(body, content_type)
    single: str | None = None  # a declared single-byte charset: only if nothing else decodes
    tried: list[str] = []
    for cs in (declared, fallback, other_common(fallback)):
        if not cs:
            continue
        name = canonical(cs)
        if name in tried:
            continue
        tried.append(name)
        if is_single_byte(name):
            single = single or name
            continue
        try:
            return body.decode(name), True
        except UnicodeDecodeError:
            continue
    guess = chardet.detect(body).get("encoding")
    if guess:
        try:
            name = canonical(guess)
            return body.decode(name), not is_single_byte(name)
        except (UnicodeDecodeError, LookupError):
            pass
    if single:
        return body.decode(single, errors="replace"), False
    return body.decode(canonical(fallback) or "utf-8", errors="replace"), False


def decode_reply(body: bytes, content_type: str | None, fallback: str) -> str:
    """The text of a gateway reply (:func:`decode_checked`), trusted or not; never raises."""
    return decode_checked(body, content_type, fallback)[0]

"""Charsets: what an account's charset can carry, and decoding of gateway replies."""

from __future__ import annotations

import codecs
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


def decode_reply(body: bytes, content_type: str | None, fallback: str) -> str:
    """Decode a reply by what it declares, else by the account's charset, else by detection.

    If the declared charset does not decode the bytes cleanly (a reseller that declares UTF-8 and
    sends GBK), the account charset and then detection are tried before decoding with
    replacement characters.
    """
    if body.startswith(codecs.BOM_UTF8):
        # A classic ASP page saved as UTF-8 with a BOM emits the BOM before its GBK output.
        body = body[3:]
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    tried: list[str] = []
    for cs in (declared_charset(body, content_type), fallback):
        if not cs:
            continue
        name = canonical(cs)
        if name in tried:
            continue
        tried.append(name)
        try:
            return body.decode(name)
        except UnicodeDecodeError:
            continue
    guess = chardet.detect(body).get("encoding")
    if guess:
        try:
            return body.decode(canonical(guess))
        except (UnicodeDecodeError, LookupError):
            pass
    return body.decode(canonical(fallback) or "utf-8", errors="replace")

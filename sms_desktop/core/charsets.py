"""Charsets: what an account's charset can carry, and decoding of gateway replies.

"GBK" on the gateways' hosts means Windows code page 936 (ASP/IIS), in which the single byte
0x80 is €. Python's ``gbk``, its alias ``cp936`` and ``gb18030`` all refuse that byte, so the
codec :data:`WINDOWS_GBK` (``cp936ms``: GBK plus 0x80 = €) is registered here, once, and every
GBK account reads and writes through it (:func:`codec`): the request bodies, the replies, the
pushes, and the send-side check of what the charset can carry. The *label* of such an account
stays ``gbk`` (:func:`canonical`); :func:`codec` names the codec that does the work.
"""

from __future__ import annotations

import codecs
import functools
import re
from typing import Any

import chardet

from .errors import UnencodableTextError

# The gateways say GB2312 where they mean GBK; GB18030 is a superset that still reads GB2312.
_ALIASES = {
    "gb2312": "gbk",
    "gb-2312-80": "gbk",
    "gbk": "gbk",
    "cp936": "gbk",
    "ms936": "gbk",
    "cp936ms": "gbk",
    "utf8": "utf-8",
    "utf-8": "utf-8",
}

WINDOWS_GBK = "cp936ms"  # GBK as Windows has it: 0x80 is €
_EURO, _EURO_BYTE = "\u20ac", 0x80


def _cp936_encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    parts = text.split(_EURO)
    out: list[bytes] = []
    offset = 0
    for i, part in enumerate(parts):
        if i:
            out.append(bytes([_EURO_BYTE]))
        try:
            out.append(part.encode("gbk", errors))
        except UnicodeEncodeError as exc:
            raise UnicodeEncodeError(
                WINDOWS_GBK, text, offset + exc.start, offset + exc.end, exc.reason
            ) from None
        offset += len(part) + 1
    return b"".join(out), len(text)


def _euro_handler(errors: str) -> str:
    """The name of an error handler that reads a lone 0x80 as € and leaves every other error to
    ``errors``: GBK decodes at C speed, and calls it only where it stops."""
    name = f"{WINDOWS_GBK}-{errors}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        fallback = codecs.lookup_error(errors)

        def handler(exc: UnicodeError) -> tuple[str | bytes, int]:
            if isinstance(exc, UnicodeDecodeError) and exc.object[exc.start] == _EURO_BYTE:
                return _EURO, exc.start + 1
            if isinstance(exc, UnicodeDecodeError):  # in this codec's name, not GBK's
                exc = UnicodeDecodeError(WINDOWS_GBK, exc.object, exc.start, exc.end, exc.reason)
            return fallback(exc)

        codecs.register_error(name, handler)
    return name


def windows_gb_errors(errors: str = "strict") -> str:
    """An error handler's name for reading GB text (``gbk``, ``gb18030``) as Windows writes it:
    a lone byte 0x80 is € (code page 936), every other error is left to ``errors``. For files
    from Windows, such as a contacts CSV saved by Excel on a Chinese PC."""
    return _euro_handler(errors)


def _cp936_decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    """GBK, with a single 0x80 (which GBK cannot start a character with) read as €."""
    data = bytes(data)
    return data.decode("gbk", _euro_handler(errors)), len(data)


class _IncrementalDecoder(codecs.IncrementalDecoder):
    """GBK's own incremental decoder (it keeps a lead byte for the next call), with the €."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self._gbk = codecs.getincrementaldecoder("gbk")(_euro_handler(errors))

    def decode(self, data: Any, final: bool = False) -> str:
        return str(self._gbk.decode(data, final))

    def reset(self) -> None:
        self._gbk.reset()

    def getstate(self) -> tuple[bytes, int]:
        state: tuple[bytes, int] = self._gbk.getstate()
        return state

    def setstate(self, state: tuple[bytes, int]) -> None:
        self._gbk.setstate(state)


class _IncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, text: str, final: bool = False) -> bytes:
        return _cp936_encode(text, self.errors)[0]


def _decode_all(data: Any, errors: str = "strict", /) -> tuple[str, int]:
    return _cp936_decode(bytes(data), errors)


_CODEC = codecs.CodecInfo(
    name=WINDOWS_GBK,
    encode=_cp936_encode,
    decode=_decode_all,
    incrementalencoder=_IncrementalEncoder,
    incrementaldecoder=_IncrementalDecoder,
)


def _search(name: str) -> codecs.CodecInfo | None:
    return _CODEC if name.replace("-", "_") in (WINDOWS_GBK, "cp936_ms") else None


try:  # once per process, however often this module is reloaded
    codecs.lookup(WINDOWS_GBK)
except LookupError:
    codecs.register(_search)


def canonical(charset: str) -> str:
    """An account's charset label: ``gbk`` for every GB name (GB2312, CP936 …), ``utf-8``, or
    Python's name of any other charset (``utf-8`` for one it does not know)."""
    key = charset.strip().lower().replace("_", "-") if charset else ""
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return "utf-8"


def codec(charset: str) -> str:
    """The codec that reads and writes ``charset``: :data:`WINDOWS_GBK` for GBK labels."""
    name = canonical(charset)
    return WINDOWS_GBK if name == "gbk" else name


def unencodable_chars(text: str, charset: str) -> list[str]:
    """The distinct characters of ``text`` that ``charset`` cannot carry, in order of appearance."""
    cs = codec(charset)
    try:
        text.encode(cs)
        return []
    except UnicodeEncodeError:
        pass
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
    name = codec(charset)
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
            return body.decode(codec(name)), True
        except UnicodeDecodeError:
            continue
    guess = chardet.detect(body).get("encoding")
    if guess:
        try:
            name = canonical(guess)
            return body.decode(codec(name)), not is_single_byte(name)
        except (UnicodeDecodeError, LookupError):
            pass
    if single:
        return body.decode(single, errors="replace"), False
    return body.decode(codec(fallback) or "utf-8", errors="replace"), False


def decode_reply(body: bytes, content_type: str | None, fallback: str) -> str:
    """The text of a gateway reply (:func:`decode_checked`), trusted or not; never raises."""
    return decode_checked(body, content_type, fallback)[0]

"""GBK as the gateways' Windows hosts speak it (code page 936): the single byte 0x80 is €.

Python's ``gbk`` (and its ``cp936`` alias) refuses that byte. IIS/ASP hosts emit it, and read
it in a request, so the simulator registers its own codec, :data:`NAME`, for its GBK bodies.
Written here from the code page's definition; the client has its own.
"""

from __future__ import annotations

import codecs
from typing import Any

NAME = "sim_cp936"
EURO = "\u20ac"


def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    """GBK, with € written as the single byte 0x80."""
    try:  # the common case at C speed: GBK between the euro signs
        return b"\x80".join(part.encode("gbk") for part in text.split(EURO)), len(text)
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for i, ch in enumerate(text):
        if ch == EURO:
            out.append(0x80)
            continue
        try:
            out += ch.encode("gbk")
        except UnicodeEncodeError as exc:
            if errors == "strict":
                raise UnicodeEncodeError(NAME, text, i, i + 1, exc.reason) from None
            out += ch.encode("gbk", errors)
    return bytes(out), len(text)


def decode(data: Any, errors: str = "strict") -> tuple[str, int]:
    """Byte by byte: ASCII below 0x80, € at 0x80, else a lead byte with its trail byte."""
    data = bytes(data)
    if b"\x80" not in data:
        try:  # no 0x80 at all: GBK itself, at C speed
            return data.decode("gbk"), len(data)
        except UnicodeDecodeError:
            pass
    out: list[str] = []
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
        elif b == 0x80:
            out.append(EURO)
            i += 1
        else:
            try:
                out.append(data[i : i + 2].decode("gbk"))
                i += 2
            except UnicodeDecodeError as exc:
                err = UnicodeDecodeError(NAME, data, i, i + 1, exc.reason)
                replacement, i = codecs.lookup_error(errors)(err)
                out.append(str(replacement))
    return "".join(out), len(data)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != NAME:
        return None
    return codecs.CodecInfo(encode, decode, name=NAME)


try:
    codecs.lookup(NAME)
except LookupError:
    codecs.register(_search)

GB_NAMES = ("gbk", "gb2312", "gb18030", "cp936")


def is_gbk(name: str) -> bool:
    return name.lower().replace("-", "").replace("_", "") in GB_NAMES


def wire_codec(name: str, windows: bool = True) -> str:
    """The codec the simulator writes and reads ``name`` with: code page 936 for GB names
    (``windows``), else Python's codec of that name."""
    return NAME if windows and is_gbk(name) and name.lower() != "gb18030" else name

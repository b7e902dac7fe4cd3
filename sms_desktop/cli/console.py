"""The console the command line writes to: its encodings and its signals.

Encodings. A Windows console or pipe speaks the ANSI code page (936 on Chinese Windows, 1252 on
an English one); a Linux shell under ``LANG=C`` may speak ASCII. Nothing the CLI writes may be
lost to a ``?``:

* ``--json`` goes out as UTF-8 when stdout is UTF-8, else ASCII-escaped (``"\\u5f20\\u4f1f"``):
  valid JSON that any code page carries and any parser reads back exactly
  (:func:`json_ensure_ascii`).
* Human text that the stream cannot carry is escaped the same way (``\\u5f20``), never replaced:
  :func:`fit` before widths are measured (tables stay aligned), and ``backslashreplace`` on both
  streams (:func:`setup_streams`) for everything else.

Arguments typed in Chinese reach Python undecoded under ``LANG=C`` without UTF-8 mode:
:func:`arguments` reads them as the UTF-8 they are.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from typing import Any, TextIO


def _encoding(stream: Any) -> str:
    enc = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(enc).name
    except LookupError:
        return "ascii"


def is_unicode(stream: Any) -> bool:
    """True when ``stream`` encodes every character (UTF-8, UTF-16 …)."""
    return _encoding(stream).startswith("utf")


def json_ensure_ascii(stream: Any = None) -> bool:
    """``ensure_ascii`` for JSON written to ``stream`` (default stdout)."""
    return not is_unicode(sys.stdout if stream is None else stream)


def fit(text: str, stream: Any = None) -> str:
    """``text`` with every character ``stream`` (default stdout) cannot carry escaped."""
    s = sys.stdout if stream is None else stream
    if is_unicode(s) or text.isascii():
        return text
    enc = _encoding(s)
    try:
        text.encode(enc)
        return text
    except UnicodeEncodeError:
        return text.encode(enc, "backslashreplace").decode(enc)


def setup_streams(streams: tuple[TextIO | None, ...] | None = None) -> None:
    """Escape what stdout and stderr cannot carry instead of failing or writing ``?``."""
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def arguments(argv: list[str]) -> list[str]:
    """Command-line arguments the locale could not decode (Chinese text under ``LANG=C``
    without UTF-8 mode arrives as surrogate escapes) read again as UTF-8 where they are."""
    out = []
    for arg in argv:
        if any("\udc80" <= c <= "\udcff" for c in arg):
            raw = arg.encode(sys.getfilesystemencoding(), "surrogateescape")
            with contextlib.suppress(UnicodeDecodeError):
                arg = raw.decode("utf-8")
        out.append(arg)
    return out

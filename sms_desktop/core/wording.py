"""English counts for the core's and the command line's bilingual messages.

The Chinese half needs no plural; the English half says "1 recipient" and "2 recipients".
(The GUI's own texts use Qt's ``%Ln`` forms instead.)
"""

from __future__ import annotations


def count_en(n: float | str | None, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun in its English number: ``count_en(1, "part")`` is ``"1 part"``,
    ``count_en(3, "part")`` ``"3 parts"``; a range such as ``"1–2"`` takes the plural, and
    None (not known) reads ``"? parts"``."""
    if n is None:
        return f"? {plural or singular + 's'}"
    one = str(n) in ("1", "1.0")
    shown = int(n) if isinstance(n, float) and n.is_integer() else n
    return f"{shown} {singular if one else (plural or singular + 's')}"


def agree_en(n: float | str, singular: str, plural: str) -> str:
    """The word that agrees with ``n``: ``agree_en(1, "exceeds", "exceed")``, "its"/"their"."""
    return singular if str(n) in ("1", "1.0") else plural

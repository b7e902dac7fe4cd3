"""``{列名}`` placeholders in a message text, filled from a contact's name, phone and fields."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["BUILTIN", "placeholders", "render", "spans", "unknown_placeholders"]

_RE = re.compile(r"\{([^{}\n]{1,40})\}")
# Names that always work: the contact's own name and phone.
BUILTIN: dict[str, str] = {
    "姓名": "name",
    "名字": "name",
    "name": "name",
    "手机": "phone",
    "手机号": "phone",
    "手机号码": "phone",
    "phone": "phone",
}


def spans(text: str) -> list[tuple[int, int, str]]:
    """Where each placeholder is in ``text``: (start, end, name), ``end`` past the ``}``."""
    return [(m.start(), m.end(), m.group(1).strip()) for m in _RE.finditer(text)]


def placeholders(text: str) -> list[str]:
    """The placeholder names in ``text``, in order, each once."""
    return list(dict.fromkeys(m.strip() for m in _RE.findall(text)))


def unknown_placeholders(text: str, field_names: Iterable[str]) -> list[str]:
    """Placeholders that neither a built-in name nor any of ``field_names`` fills."""
    known = set(field_names) | set(BUILTIN)
    return [p for p in placeholders(text) if p not in known]


def render(text: str, phone: str, name: str, fields: Mapping[str, str]) -> str:
    """Fill ``{列名}`` from ``fields`` (then 姓名/手机…); unknown placeholders are left as they are."""

    def sub(m: re.Match[str]) -> str:
        key = m.group(1).strip()
        if key in fields:
            return str(fields[key])
        builtin = BUILTIN.get(key)
        if builtin == "name":
            return name
        if builtin == "phone":
            return phone
        return m.group(0)

    return _RE.sub(sub, text)

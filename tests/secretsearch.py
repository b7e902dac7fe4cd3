"""Search files for secrets in every form a file could hold them (tests/test_secrets.py and
tests/ui/test_secrets_gui.py)."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import quote


def password_needles(passwords: Mapping[str, str]) -> dict[str, str]:
    """Each password and its MD5 in lower and upper case, by a label."""
    out: dict[str, str] = {}
    for label, pw in passwords.items():
        md5 = hashlib.md5(pw.encode()).hexdigest()
        out[f"{label} password"] = pw
        out[f"{label} md5"] = md5
        out[f"{label} MD5"] = md5.upper()
    return out


def _forms(s: str) -> set[bytes]:
    forms = {s.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be", "gbk")}
    forms.add(quote(s, safe="").encode())
    forms.add(quote(s.encode("gbk"), safe="").encode())
    return forms


def _contents(path: Path) -> list[tuple[str, bytes]]:
    """A file's bytes; for a zip (.xlsx) also each member's (the XML inside is compressed)."""
    data = path.read_bytes()
    out = [(str(path), data)]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            out += [(f"{path}!{n}", z.read(n)) for n in z.namelist()]
    return out


def find_secrets(files: Iterable[Path], needles: Mapping[str, str]) -> list[str]:
    """``"<label> in <file>"`` for every needle found in any form in any file."""
    forms = {label: _forms(s) for label, s in needles.items()}
    found = []
    for f in files:
        for where, data in _contents(f):
            for label, fs in forms.items():
                if any(x in data for x in fs):
                    found.append(f"{label} in {where}")
    return found

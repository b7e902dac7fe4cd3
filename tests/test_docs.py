"""The repository's documents stand alone and stay true to the code.

* Nothing points a reader outside the repository (the vendor documents' folder, a machine path):
  ``docs/protocols.md`` describes the gateway families instead.
* ``docs/protocols.md`` names every endpoint, the family limits and every code each family
  client lists, so a code added to a table without its description fails here.
* The documents speak to the project's readers: no issue numbers or branch notes.
* Every relative link and image of the README and ``docs/`` exists (the user guides are opened
  from the window's 帮助 menu, their screenshots beside them).
* The licence file matches ``pyproject.toml``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from sms_desktop.core.gateways import FAMILIES, gateway_class
from sms_desktop.core.gateways.base import Operation

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PROTOCOLS = DOCS / "protocols.md"
GUIDES = (DOCS / "user-guide.zh-CN.md", DOCS / "user-guide.en.md")


def _readers_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "pyproject.toml", *sorted(DOCS.rglob("*.md"))]
    for ext in ("*.py", "*.md"):
        files += sorted((ROOT / "sms_desktop").rglob(ext))
    return files


def test_nothing_points_outside_the_repository() -> None:
    outside = re.compile(r"\.\./shared/|/work/|" + "shared" + r"/specs")
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in _readers_files()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line)
    ]
    assert found == []


def test_the_docs_carry_no_issue_numbers_or_branch_notes() -> None:
    internal = re.compile(r"\b[Ii]ssue #?\d|\bthis branch\b|\banother branch\b|\bthe brief\b")
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if internal.search(line)
    ]
    assert found == []


def _section(family: str) -> str:
    text = PROTOCOLS.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.M)
    found = [p for p in parts if p.startswith(f"{family} ")]
    assert len(found) == 1, f"docs/protocols.md has one section for {family}"
    return found[0]


def _token(code: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(code)}(?!\w)", text) is not None


@pytest.mark.parametrize("family", FAMILIES)
def test_protocols_describes_each_family_as_the_client_implements_it(family: str) -> None:
    section = _section(family)
    cls = gateway_class(family)
    caps = cls.capabilities
    for endpoint in cls.endpoint_names():
        assert endpoint in section, endpoint
    assert f"{caps.max_recipients:,}" in section or str(caps.max_recipients) in section
    if caps.max_length is not None:
        assert str(caps.max_length) in section
    if caps.extno_digits:
        assert f"at most {caps.extno_digits}" in section
    missing = []
    for op in Operation:
        for key, info in cls.code_table(op).items():
            if family == "ipyy":  # codes are <message> texts (keys are ours) or query errors
                ok = _token(key, section) if key.isdigit() else info.vendor_text in section
            elif family == "qxt":  # error:N, fail:999, the REJECT report
                ok = f"error:{key}" in section or f"`{key}`" in section or f"{key}:" in section
            else:
                ok = _token(key, section)
            if not ok:
                missing.append((op.value, key))
    assert missing == []


@pytest.mark.parametrize("family", FAMILIES)
def test_protocols_names_each_report_status_the_family_explains(family: str) -> None:
    section = _section(family)
    missing = [k for k in gateway_class(family).report_codes if not _token(k, section)]
    assert missing == []


def test_protocols_names_the_carriers_report_words() -> None:
    from sms_desktop.core.gateways.base import CARRIER_REPORT_CODES

    text = PROTOCOLS.read_text(encoding="utf-8")
    assert [w for w in CARRIER_REPORT_CODES if f"`{w}`" not in text] == []


def test_protocols_states_the_shared_rules() -> None:
    text = PROTOCOLS.read_text(encoding="utf-8")
    for words in ("70 characters or fewer is one part", "67 characters", "Beijing time", "500"):
        assert words in text


_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s#]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize(
    "doc", [ROOT / "README.md", *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name
)
def test_relative_links_and_images_exist(doc: Path) -> None:
    missing = [
        target
        for target in _LINK.findall(doc.read_text(encoding="utf-8"))
        if "://" not in target and not (doc.parent / target).exists()
    ]
    assert missing == []


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_user_guides_show_the_window(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    images = [t for t in _LINK.findall(text) if t.startswith("screenshots/")]
    assert len(images) >= 8
    english = guide.name.endswith(".en.md")
    assert all(t.endswith("-en.png") == english for t in images), images


def test_the_licence_matches_pyproject() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == {"text": "Proprietary"}
    assert meta["license-files"] == ["LICENSE"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "All rights reserved" in licence and "written permission" in licence

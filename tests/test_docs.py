"""The repository's documents stand alone and stay true to the code.

* Nothing points a reader outside the repository (the vendor documents' folder, a machine path):
  ``docs/protocols.md`` describes the gateway families instead.
* ``docs/protocols.md`` names every endpoint, the family limits and every code each family
  client lists, so a code added to a table without its description fails here.
* The documents speak to the project's readers: no issue numbers or branch notes.
* Every relative link and image of the README and ``docs/`` exists (the user guides are opened
  from the window's 帮助 menu, their screenshots beside them).
* The licence file matches ``pyproject.toml``.
* The README's checkable claims: every path of its layout table exists, every CLI command line
  it shows parses with the CLI's own parser, no example needs an activated virtualenv, no
  document names a real IP address, and the data and log folders it gives are where the code
  (platformdirs) puts them.
"""

from __future__ import annotations

import os
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


# ---- the README's claims that can be checked by machine ------------------------------------

README = ROOT / "README.md"


def _readme_section(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    assert f"\n{heading}\n" in text, heading
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0].split("\n# ", 1)[0]


def _sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def test_every_path_of_the_layout_table_exists() -> None:
    rows = [line for line in _readme_section("## Layout").splitlines() if line.startswith("| `")]
    paths = [re.match(r"\| `([^`]+)`", row).group(1) for row in rows]  # type: ignore[union-attr]
    assert len(paths) >= 10
    for wanted in ("sms_desktop/ui/", "docs/", "sms_desktop/demo.py", "bench/", ".ci/"):
        assert wanted in paths, wanted
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert missing == []
    # the files and folders the table names inside a row's description exist too
    named = [
        (path, name)
        for row, path in zip(rows, paths, strict=True)
        if path.endswith("/")
        for name in re.findall(r"`([\w./-]+)`", row.split("|")[2])
        if re.fullmatch(r"[\w-]+(\.py|/)", name)
    ]
    assert named
    gone = [
        f"{path}{name}"  # directly in the row's folder, or below it (`base.py` of `gateways/`)
        for path, name in named
        if not (ROOT / path / name).exists() and not any((ROOT / path).rglob(name.rstrip("/")))
    ]
    assert gone == []


def _cli_lines() -> list[str]:
    """Each command line of the README's shell blocks that runs the CLI, joined across ``\\``."""
    found = []
    for block in _sh_blocks(README.read_text(encoding="utf-8")):
        for line in block.replace("\\\n", " ").splitlines():
            if "sms-desktop-cli " in line.split(" #", 1)[0]:  # not a comment naming it
                found.append(line)
    return found


def test_every_cli_command_the_readme_shows_exists_with_its_options() -> None:
    import shlex

    from sms_desktop.cli import build_parser
    from sms_desktop.cli.common import UsageError

    lines = _cli_lines()
    assert len(lines) >= 20
    bad = []
    for line in lines:
        code = line.split(" #", 1)[0].split(" || ", 1)[0]
        words = shlex.split(code.split("sms-desktop-cli", 1)[1])
        words = [w.strip("[]") for w in words]  # an optional argument, as `[--lang en]`
        try:
            build_parser().parse_args(words)
        except UsageError:  # an unknown command or option, a bad value
            bad.append(line)
        except SystemExit as exc:  # --help exits 0
            if exc.code != 0:
                bad.append(line)
    assert bad == []


def test_the_readme_examples_need_no_activated_virtualenv() -> None:
    """A program of the project is run by its path (`.venv/bin/…`), never by a bare name that
    only an activated virtualenv puts on PATH."""
    programs = re.compile(r"(?:^|[|;&]\s*|\$\()\s*(sms-desktop(?:-cli|-sim)?|pytest|python)\b")
    bare = [
        line
        for block in _sh_blocks(README.read_text(encoding="utf-8"))
        for line in block.splitlines()
        if programs.search(line.split(" #", 1)[0])
    ]
    assert bare == []


def test_the_docs_name_no_real_addresses() -> None:
    """Examples use loopback, "any" or the documentation ranges (RFC 5737), never a real host."""
    ipv4 = re.compile(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b")
    allowed = re.compile(r"^(127\.|0\.0\.0\.0$|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.)")
    found = [
        f"{path.relative_to(ROOT)}: {ip}"
        for path in [README, *sorted(DOCS.rglob("*.md"))]
        for ip in ipv4.findall(path.read_text(encoding="utf-8"))
        if not allowed.match(ip)
    ]
    assert found == []


def test_the_readme_says_where_the_data_lives_as_the_code_finds_it() -> None:
    """The data and log folders of the table are platformdirs' answers for the code's names."""
    from platformdirs.unix import Unix
    from platformdirs.windows import Windows

    from sms_desktop.core.store.db import APP_AUTHOR, APP_NAME

    row = next(
        line
        for line in _readme_section("## Where your data lives").splitlines()
        if line.startswith("| data folder")
    )
    log_row = next(
        line
        for line in _readme_section("## Where your data lives").splitlines()
        if line.startswith("| log ")
    )
    win = Windows(APP_NAME, APP_AUTHOR, roaming=False)
    local = r"%LOCALAPPDATA%"
    # platformdirs' Windows paths without asking Windows for the folder: its own joins
    data = "\\".join([local, APP_AUTHOR, APP_NAME]) + "\\"
    assert f"`{data}`" in row
    assert win.opinion  # so the log folder is the data folder's Logs
    assert f"`{data}Logs\\`" in log_row
    unix = Unix(APP_NAME, APP_AUTHOR)
    home = str(Path.home())
    assert f"`{unix.user_data_dir.replace(home, '~', 1)}/`" in row or "XDG_DATA_HOME" in os.environ
    assert f"`{unix.user_log_dir.replace(home, '~', 1)}/`" in log_row or (
        "XDG_STATE_HOME" in os.environ
    )


def test_the_automation_surface_names_exist_and_the_promised_ones_are_listed():
    """docs/ui-automation.md is the contract for scripts: each widget name in its tables'
    first column is set in the window's code, and the names the features promise are there
    (the campaign's and the automation's among them)."""
    doc = (ROOT / "docs" / "ui-automation.md").read_text(encoding="utf-8")
    listed: set[str] = set()
    for line in doc.splitlines():
        if line.startswith("| `"):
            listed |= set(re.findall(r"`([a-z][A-Za-z0-9]+)`", line.split(" | ")[0]))
    code = "".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "sms_desktop" / "ui").rglob("*.py"))
    )
    assert sorted(n for n in listed if f'"{n}"' not in code) == []
    promised = {
        "templateCombo",
        "testSendCheck",
        "guardSummary",
        "campaignReport",
        "carrierChart",
        "automationView",
        "apiTokensView",
        "autoRepliesView",
    }
    assert promised <= listed, sorted(promised - listed)

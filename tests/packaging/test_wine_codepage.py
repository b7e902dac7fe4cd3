"""The Windows CLI (``dist/sms-desktop-cli.exe``) on an English Windows, code page 1252, under
Wine: ``--json`` redirected to a file reads back with its Chinese names intact, and human text
escapes what the code page cannot show, never ``?`` (``packaging/wine/cp1252_check.py``, which
``packaging/build-windows.sh check`` runs too).

Skipped where it cannot run: no Wine, no Windows build in ``dist/`` or no Wine prefix made by
``packaging/build-windows.sh`` (``$SMS_BUILD_CACHE``, default ``~/.cache/sms-desktop-build``).
The Linux CLI under ``LANG=C`` and a cp1252 pipe: ``tests/cli/test_cli_output.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "dist" / "sms-desktop-cli.exe"
CACHE = Path(os.environ.get("SMS_BUILD_CACHE") or Path.home() / ".cache" / "sms-desktop-build")
PREFIX = CACHE / "wineprefix"


def test_the_windows_cli_under_code_page_1252_loses_no_character(tmp_path):
    if shutil.which("wine") is None:
        pytest.skip("Wine is not installed")
    if not EXE.is_file():
        pytest.skip("no Windows build in dist/ (bash packaging/build-windows.sh build)")
    if not (PREFIX / "system.reg").is_file():
        pytest.skip(f"no Wine prefix in {PREFIX} (bash packaging/build-windows.sh prepare)")
    env = dict(
        os.environ,
        WINEPREFIX=str(PREFIX),
        WINEDEBUG="-all",
        WINEARCH="win64",
        WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d",
        LOCPATH=str(CACHE / "locale"),
    )
    env.pop("DISPLAY", None)
    out = tmp_path / "cp1252"
    run = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "wine" / "cp1252_check.py"), str(EXE), str(out)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=800,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "cp1252: ok" in run.stdout
    # what it checked, read here too: the file a script would store
    stored = json.loads((out / "list.json").read_bytes().decode("utf-8"))
    assert [c["name"] for c in stored["contacts"]] == ["张伟", "李娜", "Zoë Müller"]
    assert b"?" not in (out / "list.txt").read_bytes()

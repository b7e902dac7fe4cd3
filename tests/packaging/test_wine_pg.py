"""The Windows programs on an office store, under Wine (``packaging/wine/pg_check.py``, which
``packaging/build-windows.sh check`` runs too): the CLI sets an empty database up, the window's
self-test connects to it, and the window ends by itself once its report is written; then the CLI
connects over TLS (``sslmode=verify-full``: libpq on the OpenSSL the program carries) and is
refused with another CA.

Skipped where it cannot run: no Wine, no Windows build in ``dist/``, no Wine prefix made by
``packaging/build-windows.sh`` or no PostgreSQL server programs on this machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pgserver import find_bindir

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "dist" / "sms-desktop-cli.exe"
GUI = ROOT / "dist" / "SMSDesktop.exe"
CACHE = Path(os.environ.get("SMS_BUILD_CACHE") or Path.home() / ".cache" / "sms-desktop-build")
PREFIX = CACHE / "wineprefix"


def test_the_windows_programs_use_an_office_store_over_tls_and_the_window_ends(tmp_path):
    if shutil.which("wine") is None:
        pytest.skip("Wine is not installed")
    if not (CLI.is_file() and GUI.is_file()):
        pytest.skip("no Windows build in dist/ (bash packaging/build-windows.sh build)")
    if not (PREFIX / "system.reg").is_file():
        pytest.skip(f"no Wine prefix in {PREFIX} (bash packaging/build-windows.sh prepare)")
    if find_bindir() is None:
        pytest.skip("no PostgreSQL server programs (initdb, pg_ctl)")
    env = dict(
        os.environ,
        WINEPREFIX=str(PREFIX),
        WINEDEBUG="-all",
        WINEARCH="win64",
        WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d",
        LOCPATH=str(CACHE / "locale"),
    )
    env.pop("DISPLAY", None)
    out = tmp_path / "pg"
    t0 = time.monotonic()
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "wine" / "pg_check.py"),
            *map(str, (CLI, GUI, out)),
        ],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,  # the window that did not end kept the check waiting 10 minutes
    )
    elapsed = time.monotonic() - t0
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "postgresql: ok" in run.stdout
    assert "self-test (exit 0)" in run.stdout
    if shutil.which("openssl"):  # the check makes its certificates with it
        assert "SSL enabled (protocol=TLS" in run.stdout
    assert elapsed < 240, f"{elapsed:.0f} s"

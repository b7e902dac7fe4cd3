"""The Linux binaries built from build.spec run the self-test and the CLI demo.

The same spec builds the Windows programs (packaging/build-windows.sh under Wine, and the
Windows workflow). The work folder is kept in build/frozen-test, so a second run is quicker.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.frozen, pytest.mark.timeout(2400)]  # the build takes minutes

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "build" / "frozen-test"
DIST = WORK / "dist"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMS_DESKTOP_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@pytest.fixture(scope="module")
def built() -> dict[str, object]:
    pytest.importorskip("PyInstaller", reason="pip install -e '.[build]'")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK / "work"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        env={**_env(), "SMS_DESKTOP_ONEDIR": "0"},
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    seconds = time.perf_counter() - t0
    sizes = {p.name: p.stat().st_size for p in (DIST / "SMSDesktop", DIST / "sms-desktop-cli")}
    print(f"\nbuild.spec on Linux: {seconds:.0f} s; sizes {sizes}")
    return {"seconds": seconds, "sizes": sizes}


def test_frozen_window_passes_its_self_test(built, tmp_path):
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [str(DIST / "SMSDesktop"), "--self-test", str(report)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    failed = [c for c in data["checks"] if not c["ok"]]
    assert proc.returncode == 0, (failed, proc.stderr[-2000:])
    assert data["ok"] is True
    assert data["app"]["frozen"] is True
    by = {c["name"]: c for c in data["checks"]}
    # Qt's Chinese translations came with the bundle, from inside it
    assert any("qtbase_zh_CN" in f for f in by["translations"]["loaded"])
    assert "_MEI" in by["translations"]["qt_translations_dir"]


def test_frozen_cli_runs_the_demo_to_the_end(built):
    proc = subprocess.run(
        [str(DIST / "sms-desktop-cli"), "demo"],
        env=_env(),
        capture_output=True,
        timeout=300,
    )
    out = proc.stdout.decode("utf-8", "replace")
    assert proc.returncode == 0, (out[-2000:], proc.stderr.decode("utf-8", "replace")[-2000:])
    assert "黑名单 / blacklist" in out  # the last line of the demo
    assert "=== txt112088 ===" in out  # every family ran


def test_cli_bundle_has_no_qt(built):
    assert built["sizes"]["sms-desktop-cli"] < built["sizes"]["SMSDesktop"] / 2
    listing = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from PyInstaller.archive.readers import CArchiveReader as R;"
            " print('\\n'.join(R(sys.argv[1]).toc))",
            str(DIST / "sms-desktop-cli"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "python3" in listing.lower() or "libpython" in listing.lower()  # a real listing
    assert "qt6" not in listing.lower() and "pyside6" not in listing.lower()


def test_frozen_cli_opens_an_office_store(built, pg_empty_url, tmp_path):
    """The bundle carries the PostgreSQL driver (psycopg and its libpq): the frozen CLI sets an
    empty office database up and uses it."""
    import psycopg

    where = ["--home", str(tmp_path), "--store", pg_empty_url]
    proc = subprocess.run(
        [str(DIST / "sms-desktop-cli"), *where, "account", "list", "--json"],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout) == []
    with psycopg.connect(pg_empty_url) as c:
        assert c.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] >= 4

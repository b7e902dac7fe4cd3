"""``sms-desktop --self-test REPORT.json`` in process: the checks the frozen builds run.

The frozen builds run the same code (tests/packaging/test_frozen.py, packaging/build-windows.sh,
the Windows workflow); here it is checked against the source tree, and checked to fail when
something it looks for is missing.
"""

from __future__ import annotations

import json

import psycopg
import pytest

from sms_desktop.ui import app as app_module
from sms_desktop.ui.interaction import FakePrompts

CHECKS = {
    "translations",
    "main_window",
    "balance",
    "send_two",
    "delivery_reports",
    "import_sample_contacts",
    "import_gbk_csv",
    "import_template",
    "keyring",
    "user_guide",
    "postgresql",
    "number_blocks",
}


@pytest.fixture(autouse=True)
def _no_office_store(monkeypatch):
    monkeypatch.delenv("SMS_DESKTOP_STORE", raising=False)


def _run(tmp_path, stall_guard):
    report = tmp_path / "out" / "report.json"
    stall_guard.disarm()  # a whole start-up and shutdown
    rc = app_module.main(["--self-test", str(report)], prompts=FakePrompts())
    return rc, json.loads(report.read_text(encoding="utf-8"))


def test_self_test_passes_and_reports_each_check(tmp_path, qapp, stall_guard):
    rc, report = _run(tmp_path, stall_guard)
    failed = [c for c in report["checks"] if not c["ok"]]
    assert rc == 0, failed
    assert report["ok"] is True
    assert {c["name"] for c in report["checks"]} == CHECKS
    by = {c["name"]: c for c in report["checks"]}
    assert by["translations"]["QPlatformTheme.Cancel"] == "取消"
    assert len(by["delivery_reports"]["states"]) == 2
    assert by["import_gbk_csv"]["encoding"] in ("gbk", "gb18030", "gb2312")
    assert by["main_window"]["tabs"] and by["main_window"]["visible"] is True
    assert (tmp_path / "out" / "report.png").stat().st_size > 0
    assert report["app"]["lang"] == "zh_CN"
    pg = by["postgresql"]  # the driver is there; no office server is configured here
    assert pg["skipped"] and pg["implementation"] in ("binary", "c") and pg["libpq"] > 0


def test_self_test_fails_without_qt_translations(tmp_path, qapp, stall_guard, monkeypatch):
    """A bundle without qtbase_zh_CN.qm must not pass: the exit code and the report say so."""
    monkeypatch.setattr(app_module.i18n, "install", lambda app, lang: [])
    rc, report = _run(tmp_path, stall_guard)
    assert rc == 1
    assert report["ok"] is False
    failed = {c["name"] for c in report["checks"] if not c["ok"]}
    assert failed == {"translations"}


def test_self_test_does_not_take_the_users_home(tmp_path, qapp, stall_guard, monkeypatch):
    home = tmp_path / "user-home"
    monkeypatch.setenv("SMS_DESKTOP_HOME", str(home))
    rc, report = _run(tmp_path, stall_guard)
    assert rc == 0, report
    assert not home.exists()  # a throw-away demo home was used and removed


def test_self_test_connects_to_the_configured_office_store_and_writes_nothing(
    tmp_path, qapp, stall_guard, monkeypatch, pg_url
):
    """With an office server configured (SMS_DESKTOP_STORE), the PostgreSQL check connects and
    says so; the demo's sends go to its own file, never into the office's database."""
    monkeypatch.setenv("SMS_DESKTOP_STORE", pg_url)
    monkeypatch.setenv("SMS_DESKTOP_HOME", str(tmp_path / "user-home"))
    rc, report = _run(tmp_path, stall_guard)
    by = {c["name"]: c for c in report["checks"]}
    assert rc == 0, [c for c in report["checks"] if not c["ok"]]
    assert by["postgresql"]["connected"] is True and by["postgresql"]["skipped"] is None
    assert "PostgreSQL" in by["postgresql"]["message"]
    assert by["send_two"]["accepted"] == 2
    with psycopg.connect(pg_url) as c:
        assert c.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0
        assert c.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 0


def test_self_test_fails_when_the_configured_office_store_cannot_be_reached(
    tmp_path, qapp, stall_guard, monkeypatch
):
    """A saved choice naming a server that does not answer: the check fails and names it."""
    from sms_desktop.core.store.url import save_store_choice

    home = tmp_path / "user-home"
    save_store_choice(home, "postgresql://clerk@127.0.0.1:9/office")
    monkeypatch.setenv("SMS_DESKTOP_HOME", str(home))
    rc, report = _run(tmp_path, stall_guard)
    by = {c["name"]: c for c in report["checks"]}
    assert rc == 1
    assert {c["name"] for c in report["checks"] if not c["ok"]} == {"postgresql"}
    assert by["postgresql"]["connected"] is False and "127.0.0.1:9" in by["postgresql"]["message"]

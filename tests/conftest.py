"""Shared fixtures. Tests talk to the simulator over real HTTP on loopback."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def sim():
    """A fresh simulator on a free loopback port, stopped after the test."""
    from sms_desktop.simulator import Simulator

    s = Simulator(host="127.0.0.1", port=0, seed=1234)
    s.start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A throw-away SMS Desktop home folder (database, settings, fallback secrets)."""
    d = tmp_path / "home"
    d.mkdir()
    monkeypatch.setenv("SMS_DESKTOP_HOME", str(d))
    # never write test passwords into the developer's real keyring (Windows Credential Manager)
    monkeypatch.setenv("SMS_DESKTOP_NO_KEYRING", "1")
    return d


# Markers whose tests run only when selected with ``-m``, and why they are skipped otherwise.
OPT_IN = {
    "frozen": "builds with PyInstaller: run `pytest -m frozen tests/packaging`",
    "reliability_long": "full-size reliability run: `pytest -m reliability_long` "
    "(docs/reliability.md)",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Opt-in tests (``OPT_IN``) only run when their marker is selected with ``-m``."""
    expr = config.getoption("-m") or ""
    for marker, reason in OPT_IN.items():
        if marker in expr and f"not {marker}" not in expr:
            continue
        skip = pytest.mark.skip(reason=reason)
        for item in items:
            if marker in item.keywords:
                item.add_marker(skip)

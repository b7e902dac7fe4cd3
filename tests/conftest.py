"""Shared fixtures. Tests talk to the simulator over real HTTP on loopback."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

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
def pc_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The PC's time zone for one test (default New York, 13 hours behind Beijing in winter;
    another with ``indirect`` parametrisation): ``TZ`` and ``time.tzset()``, restored after."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset (not on Windows)")
    zone = getattr(request, "param", "America/New_York")
    old = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield zone
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


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

"""Fixtures for the sync tests (helpers live in ``synchelpers.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from synchelpers import Env

from sms_desktop.core.accounts import AccountStore
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_store


@pytest.fixture
def env(home, sim, monkeypatch, store_url) -> Iterator[Env]:
    """Sync on each store (SQLite, then PostgreSQL: the ``store_url`` fixture)."""
    monkeypatch.setenv("SMS_DESKTOP_NO_KEYRING", "1")
    sim.report_delay = 0.0
    sim.report_success_ratio = 1.0
    db = open_store(store_url, home)
    accounts = AccountStore(db, SecretStore(home))
    e = Env(home=home, db=db, accounts=accounts, sim=sim, syncer=None)  # type: ignore[arg-type]
    e.syncer = e.new_syncer()
    try:
        yield e
    finally:
        e.db.close()

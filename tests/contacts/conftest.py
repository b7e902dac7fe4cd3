from __future__ import annotations

import pytest


@pytest.fixture
def db(store):
    """The contacts' store: SQLite, then PostgreSQL (the ``store`` fixture)."""
    return store

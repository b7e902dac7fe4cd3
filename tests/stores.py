"""Marks for the tests that the ``store_url`` fixture runs on both engines (tests/conftest.py)."""

from __future__ import annotations

import pytest

# A test of something only SQLite has (its write lock held by another program, its online backup
# API, its file on disk): runs on SQLite only, not skipped on PostgreSQL but never generated.
SQLITE_ONLY = pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)

from __future__ import annotations

import pytest

from sms_desktop.core.store import open_database


@pytest.fixture
def db(home):
    d = open_database(home)
    try:
        yield d
    finally:
        d.close()

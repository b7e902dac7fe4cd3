"""Tests of the frozen programs: they build with PyInstaller, which takes minutes on 2 cores.

Marked ``frozen`` and skipped unless selected: ``pytest -m frozen tests/packaging``.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    expr = config.getoption("-m") or ""
    if "frozen" in expr and "not frozen" not in expr:
        return
    skip = pytest.mark.skip(
        reason="builds with PyInstaller: run `pytest -m frozen tests/packaging`"
    )
    for item in items:
        if "frozen" in item.keywords:
            item.add_marker(skip)

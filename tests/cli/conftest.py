from __future__ import annotations

import pytest
from clirunner import Cli


@pytest.fixture
def cli(sim, home):
    sim.report_delay = 0.0
    return Cli(home, sim)

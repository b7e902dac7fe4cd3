"""The README's simulator section, run as written (issue 7, item 20).

It must stop the simulator it started, pick a free (or the given) port, and run a second time
as is: the data folder is fresh each time, so ``account add`` does not meet the old account.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text.split("## The gateway simulator", 1)[1].split("\n## ", 1)[0]
    m = re.search(r"```sh\n(.*?)```", part, re.S)
    assert m, "the simulator section has a shell block"
    return m.group(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell section")
@pytest.mark.skipif(not (ROOT / ".venv/bin/sms-desktop-sim").exists(), reason="needs .venv")
def test_the_simulator_section_runs_twice_and_stops_its_simulator(tmp_path):
    script = _section()
    assert "kill" in script and "read-timeout" in script
    # the hang fault waits for the read timeout: shorter here, to keep the suite quick
    script = script.replace("--read-timeout 5", "--read-timeout 1")
    env = dict(os.environ, SMS_DESKTOP_NO_KEYRING="1", TMPDIR=str(tmp_path))
    for run in (1, 2):
        port = _free_port()
        env["PORT"] = str(port)
        p = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert p.returncode == 0, (run, p.stdout[-2000:], p.stderr[-2000:])
        assert "account sim-jsm added" in p.stdout and "1 accepted" in p.stdout
        assert "read timeout" in p.stderr  # the sync after `fault hang` ends with the timeout
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
            pass  # the simulator was stopped
    assert list(tmp_path.iterdir()) == []  # the data folders were removed

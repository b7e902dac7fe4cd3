"""The demo as a new user meets it: with no display the program says how to run it."""

from __future__ import annotations

import os
import subprocess
import sys


def test_with_no_display_the_program_says_how_to_run_it(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "SMS_DESKTOP_LAUNCHER")
    }
    p = subprocess.run(
        [sys.executable, "-m", "sms_desktop", "--demo", "--home", str(tmp_path / "h")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert p.returncode == 2, p.stderr
    assert "xvfb-run -a sms-desktop --demo" in p.stderr
    assert "QT_QPA_PLATFORM=offscreen sms-desktop --demo" in p.stderr
    assert "could not connect to display" not in p.stderr and "Aborted" not in p.stderr
    # .ci/demo names itself
    env["SMS_DESKTOP_LAUNCHER"] = "bash .ci/demo"
    p = subprocess.run(
        [sys.executable, "-m", "sms_desktop", "--demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert p.returncode == 2 and "xvfb-run -a bash .ci/demo" in p.stderr

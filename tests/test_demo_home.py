"""Demo folders hold demo passwords: a folder left behind by a demo that was killed goes at the
next start of a demo; a running demo's folder stays."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from sms_desktop import demo

HOLD = r"""
import sys, tempfile, time
tempfile.tempdir = sys.argv[1]
from sms_desktop.demo import demo_home, setup_demo
home = demo_home()
(home / "secrets.json").write_text('{"演示-ipyy": "demo123"}')
print(home, flush=True)
time.sleep(120)
"""


@pytest.fixture
def tmp_root(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _start_demo_process(root):
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(root)], stdout=subprocess.PIPE, text=True)
    home = p.stdout.readline().strip()
    assert home, "the demo process did not start"
    return p, home


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_a_killed_demos_folder_is_removed_at_the_next_start(tmp_root):
    killed, killed_home = _start_demo_process(tmp_root)
    running, running_home = _start_demo_process(tmp_root)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(10)
        assert os.path.isdir(killed_home)  # nothing tidied up after a kill
        mine = demo.demo_home()
        try:
            assert not os.path.exists(killed_home)  # gone, with its demo passwords
            assert os.path.isdir(running_home)  # a running demo keeps its folder
            assert mine.is_dir() and mine.name.startswith(demo.HOME_PREFIX)
            # this process's own folder is not taken for a stale one either
            assert demo.remove_stale_homes() == []
            assert mine.is_dir()
        finally:
            demo.release_home(mine)
    finally:
        running.kill()
        running.wait(10)
    # once released (the process ended), it goes too
    assert running_home in [str(p) for p in demo.remove_stale_homes()]


def test_an_old_folder_without_a_lock_goes_a_new_one_stays(tmp_root):
    old = tmp_root / (demo.HOME_PREFIX + "old")
    old.mkdir()
    (old / "secrets.json").write_text("{}")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    new = tmp_root / (demo.HOME_PREFIX + "new")  # being set up by another start right now
    new.mkdir()
    other = tmp_root / "someone-elses-folder"
    other.mkdir()
    os.utime(other, (an_hour_ago, an_hour_ago))
    assert demo.remove_stale_homes() == [old]
    assert new.is_dir() and other.is_dir()


def test_the_demo_session_releases_and_removes_its_folder(tmp_root):
    session = demo.start_demo()
    home = session.home
    assert (home / demo.LOCK_FILE).is_file()
    session.close()
    assert not home.exists()

"""One window per data folder: a second start asks the first to show itself, then exits."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from sms_desktop.ui.single_instance import SingleInstance


def test_second_instance_on_the_same_home_asks_the_first_to_show(tmp_path, qapp, qtbot):
    first = SingleInstance(tmp_path)
    assert first.acquire()
    try:
        second = SingleInstance(tmp_path)
        assert not second.acquire(timeout_ms=50)
        with qtbot.waitSignal(first.activated, timeout=3000):
            second.ask_first_to_show()
        other = SingleInstance(tmp_path / "other")
        (tmp_path / "other").mkdir()
        assert other.acquire()  # another data folder is another instance
        other.release()
    finally:
        first.release()
    again = SingleInstance(tmp_path)
    assert again.acquire()  # released: the next start is the first again
    again.release()


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path, qapp):
    code = textwrap.dedent(
        f"""
        import os
        from PySide6.QtCore import QLockFile
        lock = QLockFile({str(tmp_path / "instance.lock")!r})
        assert lock.tryLock(0)
        os._exit(0)  # dies holding the lock
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert (tmp_path / "instance.lock").exists()
    inst = SingleInstance(tmp_path)
    assert inst.acquire()
    inst.release()


def test_main_returns_at_once_when_the_home_is_in_use(tmp_path, qapp, qtbot):
    from sms_desktop.ui import app as app_module
    from sms_desktop.ui.interaction import FakePrompts

    holder = SingleInstance(tmp_path)
    assert holder.acquire()
    try:
        pinged = []
        holder.activated.connect(lambda: pinged.append(1))
        rc = app_module.main(["--home", str(tmp_path)], prompts=FakePrompts())
        assert rc == 0
        assert (tmp_path / "instance.activate").read_text(encoding="utf-8").strip()
        qtbot.waitUntil(lambda: bool(pinged), timeout=3000)  # the running one was asked
    finally:
        holder.release()

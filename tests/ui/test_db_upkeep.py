"""设置 → 选项 → 数据库: 备份 and 整理 run in ops, off the GUI thread (issue 11)."""

from __future__ import annotations

import os
import sqlite3

from PySide6.QtCore import Qt
from uihelpers import in_worker

from sms_desktop.core.jobs.model import JobState


def _dialog(window, qtbot):
    from sms_desktop.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    return dialog


def test_backup_button_writes_a_checked_copy_without_passwords(window, qtbot, prompts, tmp_path):
    ctx = window.ctx
    dialog = _dialog(window, qtbot)
    target = tmp_path / "备份.sqlite3"
    prompts.save_answers.append(target)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.of("info")), timeout=10000)
    assert not prompts.errors
    assert str(target) in prompts.of("info")[-1].text
    assert dialog.backup_button.isEnabled()
    conn = sqlite3.connect(target)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM accounts")}
        assert names == {a.name for a in in_worker(ctx.accounts.list)}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    data = target.read_bytes()
    for account in names:
        password = in_worker(lambda a=account: ctx.accounts.password(a))
        assert password and password.encode() not in data


def test_vacuum_button_compacts_and_is_refused_while_a_send_runs(window, qtbot, prompts):
    ctx = window.ctx
    db = ctx.db
    dialog = _dialog(window, qtbot)
    qtbot.mouseClick(dialog.vacuum_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.of("info")), timeout=10000)
    assert not prompts.errors and "MB" in prompts.of("info")[-1].text

    def running_job() -> int:
        with db.write() as c:
            return int(
                c.execute(
                    "INSERT INTO jobs(account, text, state, runner_pid) VALUES('x','t',?,?)",
                    (JobState.RUNNING, os.getpid()),
                ).lastrowid
            )

    job = in_worker(running_job)
    qtbot.mouseClick(dialog.vacuum_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=10000)
    assert str(job) in prompts.errors[-1].text
    assert dialog.vacuum_button.isEnabled()

    def settle() -> None:
        with db.write() as c:
            c.execute("UPDATE jobs SET state='done' WHERE id=?", (job,))

    in_worker(settle)

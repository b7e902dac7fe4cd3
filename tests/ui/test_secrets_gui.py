"""The secrets search after GUI flows: an account added in 设置 → 账户 with a password and a jsm
veryCode, a wrong password at the connection test, a send, 选项 saved, a backup from 选项 → 数据库;
then settings.ini, the log folder, the database and the backup hold none of them (issue 11)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from secretsearch import find_secrets, password_needles
from uihelpers import in_worker

from sms_desktop.core.jobs.model import JobSpec

PASSWORD = "Gui-Pw-6Yh3Mn8q"
VERYCODE = "Gui-VC-2Kd7Rt"


def test_gui_flows_leave_no_secret_in_any_file(window, qtbot, sim, prompts, home, tmp_path):
    from sms_desktop.ui.dialogs.account import AccountsDialog
    from sms_desktop.ui.dialogs.settings import SettingsDialog
    from sms_desktop.ui.logs import remove_logging, setup_logging

    ctx = window.ctx
    logs = tmp_path / "logs"
    handler = setup_logging(logs, logging.DEBUG)
    try:
        sim.add_account("jsm", "guiuser", PASSWORD, balance=50, verycode=VERYCODE)
        dialog = AccountsDialog(ctx, window)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.loads >= 1, timeout=5000)
        editor = dialog.open_editor(None)
        qtbot.addWidget(editor)
        editor.family.setCurrentIndex(editor.family.findData("jsm"))
        editor.name.setText("界面账户")
        editor.base_url.setText(sim.base_url("jsm"))
        editor.username.setText("guiuser")
        editor.password.setText(PASSWORD + "x")  # wrong first
        editor.verycode.setText(VERYCODE)
        qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.tests == 1, timeout=10000)
        assert editor.test_result.text().startswith("连接失败")
        editor.password.setText(PASSWORD)
        qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.tests == 2, timeout=10000)
        assert editor.test_result.text().startswith("连接成功")
        with qtbot.waitSignal(ctx.changes.accounts_changed, timeout=5000):
            qtbot.mouseClick(
                editor.buttons.button(editor.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
            )
        engine = ctx.engine
        job = in_worker(
            lambda: engine.create_job(JobSpec("界面账户", "【测试】您好", ["13800138000"]))
        )
        assert in_worker(lambda: engine.run_job(job)).accepted == 1
        settings = SettingsDialog(ctx, window)
        qtbot.addWidget(settings)
        qtbot.waitUntil(lambda: settings.loaded, timeout=5000)
        backup = tmp_path / "backup.sqlite3"
        prompts.save_answers.append(backup)
        qtbot.mouseClick(settings.backup_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: backup.exists() and not settings.db_busy, timeout=10000)
        with qtbot.waitSignal(ctx.changes.settings_changed, timeout=5000):
            qtbot.mouseClick(
                settings.buttons.button(settings.buttons.StandardButton.Ok),
                Qt.MouseButton.LeftButton,
            )
        ctx.settings.sync()
    finally:
        remove_logging(handler)
    assert (home / "settings.ini").exists()
    # the passwords' own store (the owner-only fallback file: tests run without an OS keyring)
    # is the one place allowed to hold them
    assert ctx.secrets.file.name == "secrets.json"
    files = sorted(
        {
            p
            for root in (home, logs, tmp_path)
            for p in root.rglob("*")
            if p.is_file() and p != ctx.secrets.file
        }
    )
    assert backup in files and any(p.name.startswith("sms_desktop.sqlite3") for p in files)
    needles = {"veryCode": VERYCODE, **password_needles({"jsm": PASSWORD})}
    print(f"secrets search: {len(files)} files: " + ", ".join(sorted(p.name for p in files)))
    assert find_secrets(files, needles) == []

"""Closing the window with a job held on this computer and no system tray: the user is warned
and chooses to keep running (minimised), to use the system's scheduler, or to quit."""

from __future__ import annotations

from datetime import datetime, timedelta

from uihelpers import in_worker

from sms_desktop.core.engine import JobSpec, Recipient
from sms_desktop.demo import account_name
from sms_desktop.ui import held_close


def _hold_a_job(window, qtbot) -> None:
    engine = window.ctx.engine
    spec = JobSpec(
        account=account_name("qxt"),  # qxt's schedules are held on this computer
        text="周六全场八折",
        recipients=[Recipient("13800138000")],
        send_at=datetime.now() + timedelta(hours=1),
    )
    in_worker(lambda: engine.create_job(spec))
    assert not window.tray.available  # offscreen: no system tray
    window.tray.refresh()
    qtbot.waitUntil(lambda: window.tray.held == 1, timeout=5000)


def test_closing_asks_and_can_keep_running_minimised(window, qtbot, prompts):
    _hold_a_job(window, qtbot)
    prompts.choose_answers.append(0)  # 保持运行（最小化）
    window.close()
    (question,) = prompts.of("choose")
    assert question.title == "有定时任务等待发送"
    assert "1 个定时任务保存在本机" in question.text and "不会发出" in question.text
    assert question.extra["choices"][0] == "保持运行（最小化）"
    assert not window.ctx.ops.closed and window.isMinimized()  # still running: it will send
    prompts.choose_answers.append(3)  # 取消: the window stays
    window.showNormal()
    window.close()
    assert not window.ctx.ops.closed and window.isVisible()
    prompts.choose_answers.append(2)  # 仍然退出
    window.close()
    assert window.ctx.ops.closed


def test_the_system_scheduler_is_explained_with_this_installations_command(
    window, qtbot, prompts, home
):
    _hold_a_job(window, qtbot)
    prompts.choose_answers.append(1)  # 改用系统计划任务…
    window.close()
    (how,) = prompts.of("info")
    assert "crontab -e" in how.text  # this machine runs Linux
    assert f"--home {home} run-due" in how.text
    assert window.ctx.ops.closed


def test_the_scheduler_help_for_each_system():
    args = [r"C:\Program Files\SMS Desktop\sms-desktop-cli.exe", "--home", r"C:\数据", "run-due"]
    windows = held_close.scheduler_help(args, "win32")
    assert "任务计划程序" in windows
    assert (
        'schtasks /Create /SC MINUTE /MO 5 /TN "SMS Desktop run-due" /TR'
        ' "\\"C:\\Program Files\\SMS Desktop\\sms-desktop-cli.exe\\" --home C:\\数据 run-due"'
    ) in windows
    mac = held_close.scheduler_help(["/Applications/sms-desktop-cli", "run-due"], "darwin")
    assert "*/5 * * * * /Applications/sms-desktop-cli run-due" in mac and "睡眠" in mac
    linux = held_close.scheduler_help(["/home/u/my app/sms-desktop-cli", "run-due"], "linux")
    assert "*/5 * * * * '/home/u/my app/sms-desktop-cli' run-due" in linux

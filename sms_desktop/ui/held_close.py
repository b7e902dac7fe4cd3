"""Closing the window while scheduled jobs are held on this computer, where no system tray can
keep the application running: the jobs would not go out. The user is told, and chooses to keep
the application running (minimised), to let the system's scheduler run
``sms-desktop-cli run-due`` (how, for this system, is shown), or to quit anyway (the jobs then
wait, overdue, for the next start).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .context import AppContext

KEEP, SCHEDULER, QUIT, CANCEL = "keep", "scheduler", "quit", "cancel"


def _tr(text: str) -> str:
    return QCoreApplication.translate("HeldClose", text)


def cli_command(home: Path) -> list[str]:
    """The command that sends the held jobs whose time has come, for this installation: the
    CLI program beside the window's (the Windows build), the installed ``sms-desktop-cli``, or
    this Python with ``-m sms_desktop.cli``; always with ``--home`` (a scheduler's environment
    has no ``SMS_DESKTOP_HOME``)."""
    exe = Path(sys.executable)
    if getattr(sys, "frozen", False):
        cli = exe.with_name("sms-desktop-cli.exe" if sys.platform == "win32" else "sms-desktop-cli")
        args = [str(cli)]
    elif (found := shutil.which("sms-desktop-cli")) is not None:
        args = [found]
    else:
        args = [str(exe), "-m", "sms_desktop.cli"]
    return [*args, "--home", str(home), "run-due"]


def _quoted(args: list[str], windows: bool) -> str:
    return subprocess.list2cmdline(args) if windows else shlex.join(args)


def scheduler_help(args: list[str], platform: str = sys.platform) -> str:
    """How to make this system run ``args`` every 5 minutes (in the UI's language)."""
    if platform == "win32":
        inner = _quoted(args, windows=True).replace('"', '\\"')
        command = f'schtasks /Create /SC MINUTE /MO 5 /TN "SMS Desktop run-due" /TR "{inner}"'
        text = _tr(
            "用 Windows 的“任务计划程序”每 5 分钟运行一次发送命令：在“命令提示符”中执行下面"
            "这一行即可创建该计划任务（以后可在“任务计划程序”中查看或删除）。"
            "到时电脑须开机，但本程序无需运行。"
        )
    elif platform == "darwin":
        command = "*/5 * * * * " + _quoted(args, windows=False)
        text = _tr(
            "用 cron 每 5 分钟运行一次发送命令：在“终端”中执行 crontab -e，加入下面这一行并保存。"
            "到时 Mac 须开机且未睡眠，但本程序无需运行。"
        )
    else:
        command = "*/5 * * * * " + _quoted(args, windows=False)
        text = _tr(
            "用 cron 每 5 分钟运行一次发送命令：在终端中执行 crontab -e，加入下面这一行并保存"
            "（也可以用 systemd 的用户定时器）。到时电脑须开机，但本程序无需运行。"
        )
    return text + "\n\n" + command


def ask(parent: QWidget, ctx: AppContext, held: int, first_at: str | None) -> str:
    """The question when the window closes with ``held`` jobs held here: KEEP, SCHEDULER, QUIT
    or CANCEL. SCHEDULER has shown how to set the system's scheduler up (then the window
    closes)."""
    text = QCoreApplication.translate(
        "HeldClose",
        "有 %Ln 个定时任务保存在本机，等待到时发送（最早 %1）。程序退出后它们不会发出，"
        "除非到时本程序在运行，或由系统的计划任务运行发送命令。",
        "",
        held,
    ).replace("%1", first_at or "—")
    choices = [
        _tr("保持运行（最小化）"),
        _tr("改用系统计划任务…"),
        _tr("仍然退出"),
        _tr("取消"),
    ]
    picked = ctx.prompts.choose(
        parent, _tr("有定时任务等待发送"), text, choices, default=0, cancel=3
    )
    answer = (KEEP, SCHEDULER, QUIT, CANCEL)[picked] if 0 <= picked < 4 else CANCEL
    if answer == SCHEDULER:
        args = cli_command(ctx.home)
        ctx.prompts.info(parent, _tr("用系统计划任务发送定时任务"), scheduler_help(args))
    return answer

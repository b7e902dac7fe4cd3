"""What the window says of a send held until its time: where it is kept and who sends it
(:class:`~sms_desktop.core.estimate.HeldBy`, from the store), in one place for the compose page
and the confirmation. Small on purpose: the compose page imports it at start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from ..core.estimate import HeldBy


def _tr(text: str) -> str:
    return QCoreApplication.translate("HeldWords", text)


def held_notice(by: HeldBy | None, *, account: bool = False) -> str:
    """Where a send held until its time is kept and who sends it (``by``: the estimate's), as
    the compose page (``account``: of the account's scheduled sends) and the confirmation
    say it."""
    if by is not None and by.kind == "service":
        return _tr(
            "定时任务保存在办公室服务器上：到时由发送服务（主机 %1）发出，本机可以关机。",
        ).replace("%1", by.host)
    if by is not None and by.kind == "office":
        return _tr(
            "定时任务保存在办公室服务器上：到时由任何一台开着本程序、保存了该账户密码的电脑"
            "（或发送服务）发出，那时至少要有一台电脑开着本程序。",
        )
    if account:
        return _tr(
            "该账户的定时任务保存在本机：到时这台电脑必须开机，并且本程序必须在运行。",
        )
    return _tr(
        "定时任务保存在本机：到时这台电脑必须开机，并且本程序必须在运行，短信才会发出。",
    )


def held_saved(job_id: int, send_at: str, by: HeldBy | None) -> str:
    """What the compose page says once a send held until its time is saved."""
    if by is not None and by.kind == "service":
        text = _tr(
            "任务 %1 已保存在办公室服务器上，将于 %2 由发送服务（主机 %3）发送，本机可以关机。",
        ).replace("%3", by.host)
    elif by is not None and by.kind == "office":
        text = _tr(
            "任务 %1 已保存在办公室服务器上，将于 %2 由开着本程序的电脑（或发送服务）发送。",
        )
    else:
        text = _tr(
            "任务 %1 已保存，将于 %2 由本程序发送（到时电脑须开机、程序须运行）。",
        )
    return text.replace("%1", str(job_id)).replace("%2", send_at)

"""What the start-up op found, told to the user on the GUI thread.

* Interrupted jobs (``Engine.recover()``): one notice, and ``changes.interrupted_jobs`` carries
  their ids for the history tab (which offers 继续 / resume).
* Overdue held jobs (``Engine.mark_overdue()``): a question per job. 发送 releases it
  (``confirm_overdue(id, True)``: the scheduler sends it on its next tick); 不发送 cancels it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .ops import Op

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ..core.engine import JobSummary
    from .context import AppContext, StartupReport


def _tr(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


def announce(
    parent: QWidget,
    ctx: AppContext,
    report: StartupReport,
    on_released: Callable[[int], None] | None = None,
) -> None:
    """Tell the user; ``on_released(job_id)`` sends an overdue job the user chose to send."""
    if report.backend_warning and not ctx.demo:
        ctx.prompts.notify(_tr("密码保存方式"), report.backend_warning)
    if report.interrupted:
        ids = "、".join(str(i) for i in report.interrupted)
        ctx.prompts.info(
            parent,
            _tr("有任务被中断"),
            _tr("上次退出时以下任务未发送完：")
            + ids
            + "\n"
            + _tr("可在“发送记录”中继续发送。结果未知的号码不会自动重发。"),
        )
        ctx.changes.interrupted_jobs.emit(list(report.interrupted))
    for job in report.overdue:
        ask_overdue(parent, ctx, job, on_released)
    if report.overdue:
        ctx.changes.overdue_jobs.emit(list(report.overdue))


def ask_overdue(
    parent: QWidget,
    ctx: AppContext,
    job: JobSummary,
    on_released: Callable[[int], None] | None = None,
) -> None:
    send = ctx.prompts.confirm(
        parent,
        _tr("定时任务已过时间"),
        _tr("任务 %1 原定于 %2 发送，当时程序没有运行。现在发送吗？")
        .replace("%1", str(job.job_id))
        .replace("%2", str(job.send_at or "")),
        ok_text=_tr("现在发送"),
        cancel_text=_tr("不发送（取消任务）"),
    )
    engine = ctx.engine
    job_id = job.job_id

    def done(_: None) -> None:
        ctx.changes.jobs_changed.emit(job_id)
        if send and on_released is not None:
            on_released(job_id)

    Op(parent, lambda: engine.confirm_overdue(job_id, send), ops=ctx.ops).in_pool("io").on_success(
        done
    ).run()

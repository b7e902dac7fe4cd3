"""What the start-up op found, told to the user on the GUI thread.

* Jobs a crash interrupted that wait for a decision (``Engine.awaiting_decision()``: a flag on
  the job, set by whichever client ran ``Engine.recover()`` first): ``changes.interrupted_jobs``
  carries their ids (the history tab selects them), and a question per job offers its choices:
  继续发送 (what is still queued), 重发结果未知的号码… (after a warning that they may already
  have been delivered) or 暂不处理 (``Engine.acknowledge``: it is not announced again and stays
  in 发送记录, where the same actions are). A resend of the unknown ones the user then declines
  decides nothing: the job is announced again at the next start.
* Overdue held jobs (``Engine.mark_overdue()``): a question per job. 发送 releases it
  (``confirm_overdue(id, True)``: the scheduler sends it on its next tick); 不发送 cancels it.
* Missed automation runs (due while nothing ran): a question per run, "missed: … send now /
  skip / later" (:func:`~.widgets.automation_rules.ask_missed`); never sent on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .ops import Op

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ..core.jobs.model import JobSummary
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
        ctx.changes.interrupted_jobs.emit(list(report.interrupted))
        offer_interrupted(parent, ctx, list(report.interrupted))
    for job in report.overdue:
        ask_overdue(parent, ctx, job, on_released)
    if report.overdue:
        ctx.changes.overdue_jobs.emit(list(report.overdue))
    if report.missed:
        from .widgets.automation_rules import ask_missed

        ask_missed(parent, ctx, list(report.missed))


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
        ok_text=_tr("现在发送(&S)"),
        cancel_text=_tr("不发送（取消任务）"),
    )
    engine = ctx.engine
    job_id = job.job_id

    def done(_: None) -> None:
        if send and on_released is not None:
            on_released(job_id)

    Op(parent, lambda: engine.confirm_overdue(job_id, send), ops=ctx.ops).in_pool("io").on_success(
        done
    ).run()


def offer_interrupted(parent: QWidget, ctx: AppContext, job_ids: list[int]) -> None:
    """Read the interrupted jobs' counts, then ask what to do with each (see the docstring)."""
    engine = ctx.engine

    def work() -> list[JobSummary]:
        return [engine.summary(i) for i in job_ids]

    def ask_all(summaries: list[JobSummary]) -> None:
        for s in summaries:
            ask_interrupted(parent, ctx, s)

    Op(parent, work, ops=ctx.ops).in_pool("query").on_success(ask_all).run()


def ask_interrupted(parent: QWidget, ctx: AppContext, job: JobSummary) -> None:
    from .job_runs import confirm_resend_unknown

    text = (
        QCoreApplication.translate(
            "Startup",
            "上次退出时任务 %1 没有发送完：%2 个号码待发送，%3 个结果未知（可能已经发出）。",
            "",
            job.queued,
        )
        .replace("%1", str(job.job_id))
        .replace("%2", f"{job.queued:,}")
        .replace("%3", f"{job.unknown:,}")
    )
    choices: list[tuple[str, str]] = []
    if job.queued:
        choices.append(("resume", _tr("继续发送（不重发结果未知的）(&S)")))
    if job.unknown:
        choices.append(("unknown", _tr("继续并重发结果未知的号码(&R)…")))
    choices.append(("leave", _tr("暂不处理")))
    if len(choices) == 1:
        ctx.prompts.info(parent, _tr("有任务被中断"), text)
        acknowledge(parent, ctx, job.job_id)
        return
    picked = ctx.prompts.choose(
        parent,
        _tr("有任务被中断"),
        text + "\n" + _tr("以后也可以在“发送记录”中处理。"),
        [label for _, label in choices],
        default=len(choices) - 1,  # sending spends money: a deliberate choice, never Enter
        cancel=len(choices) - 1,
    )
    action = choices[picked][0] if 0 <= picked < len(choices) else "leave"
    if action == "resume":
        ctx.runs.resume(job.job_id)
    elif action == "unknown" and confirm_resend_unknown(parent, ctx, job):
        ctx.runs.resume(job.job_id, resend_unknown=True)
    elif action == "leave":
        acknowledge(parent, ctx, job.job_id)


def acknowledge(parent: QWidget, ctx: AppContext, job_id: int) -> None:
    """The user will decide later: the job is no longer announced (it stays in 发送记录)."""
    engine = ctx.engine
    Op(parent, lambda: engine.acknowledge(job_id), ops=ctx.ops).in_pool("io").run()

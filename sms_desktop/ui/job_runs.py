"""Sends started from 发送记录 and the start-up notices: resume, resend unknown, resend rejected.

Each send runs through the window's registry of running sends (``ctx.sends``: a ``send`` op
with its own JobControl, its progress on ``changes.job_progress``); its end goes to
``changes.job_finished`` (the stored states reach the views through the ChangeWatch). Closing
the window asks first, then pauses them between batches (``resume`` continues them at the next
start).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from .ops import Op

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ..core.jobs.engine import Engine
    from ..core.jobs.model import JobControl, JobSummary
    from .context import AppContext
    from .sends import RunningSend

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("JobRuns", text)


class JobRuns(QObject):
    started = Signal(int)  # a job id whose send began here
    finished = Signal(object)  # its JobSummary

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    # ---- what the user can start -----------------------------------------------------------
    def resume(self, job_id: int, *, resend_unknown: bool = False) -> None:
        """Send what is still queued (and, when asked, the unknown ones again)."""

        def work(engine: Engine, control: JobControl, report: Any) -> JobSummary:
            return engine.resume(
                job_id, resend_unknown=resend_unknown, progress=report, control=control
            )

        self._run(job_id, work)

    def resend(
        self,
        job_id: int,
        states: tuple[str, ...] = ("rejected",),
        *,
        reason: str | None = None,
        carrier: str | None = None,
    ) -> None:
        """A new job for the recipients of ``job_id`` in ``states`` (only those of one report
        ``reason`` or ``carrier`` when given), created and sent."""
        engine = self.ctx.engine

        def create() -> int:
            spec = engine.resend_spec(job_id, states, reason=reason, carrier=carrier)
            return engine.create_job(spec)

        def created(new_id: int) -> None:
            self._run(
                new_id,
                lambda e, control, report: e.run_job(new_id, progress=report, control=control),
            )

        Op(self, create, ops=self.ctx.ops).in_pool("io").on_success(created).run()

    # ---- the send --------------------------------------------------------------------------
    def _run(self, job_id: int, work: Callable[[Engine, JobControl, Any], JobSummary]) -> None:
        if self.ctx.sends.is_running(job_id):
            return
        engine = self.ctx.engine
        self.ctx.sends.start(
            self,
            job_id,
            lambda control, report: work(engine, control, report),
            question=self._close_question,
            on_done=self._done,
            on_failed=lambda exc: self._failed(job_id, exc),
        )
        self.started.emit(job_id)

    def _done(self, summary: JobSummary) -> None:
        self.ctx.changes.job_finished.emit(summary)
        self.finished.emit(summary)

    def _failed(self, job_id: int, exc: BaseException) -> None:
        self.ctx.ops.report_error(None, exc)

    @staticmethod
    def _close_question(_send: RunningSend) -> str:
        return _tr("“发送记录”中开始的发送仍在进行。退出将在当前批次结束后暂停，下次启动后可继续。")


def confirm_resend_unknown(parent: QWidget | None, ctx: AppContext, job: JobSummary) -> bool:
    """The warning before unknown recipients are sent again (they may have had the message)."""
    return ctx.prompts.confirm(
        parent,
        _tr("重发结果未知的号码"),
        QCoreApplication.translate(
            "JobRuns",
            "任务 %1 有 %2 个号码结果未知：请求可能已经到达网关，这些号码可能已经收到短信。"
            "重发后他们可能收到两条相同的短信。确定要重发吗？",
            "",
            job.unknown,
        )
        .replace("%1", str(job.job_id))
        .replace("%2", f"{job.unknown:,}"),
        ok_text=_tr("仍然重发(&R)"),
        cancel_text=_tr("不重发"),
        default=False,
    )

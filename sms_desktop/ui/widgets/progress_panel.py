"""The running send (``sendProgress``): done/total, counts per state, retry and failover notices,
pause, resume and cancel (they take effect between batches).

:meth:`ProgressPanel.start` runs ``Engine.run_job`` through the window's registry of running
sends (``ctx.sends``: a ``send`` op with its own
:class:`~sms_desktop.core.jobs.model.JobControl`); the send goes on while the user works in other
tabs. A paused run returns (state ``paused``); resuming starts ``Engine.resume`` in a new op.
The end is broadcast as ``job_finished``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import pick
from ..models import states
from ..ops import Op

if TYPE_CHECKING:
    from ...core.jobs.model import JobControl, JobSummary, Progress
    from ..context import AppContext
    from ..sends import RunningSend, Work

log = logging.getLogger(__name__)

NOTICE_LINES = 200  # kept in the notices box


class ProgressPanel(QGroupBox):
    finished = Signal(object)  # the JobSummary of a run that returned

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self.setTitle(self.tr("发送进度"))
        self.ctx = ctx
        self.job_id: int | None = None
        self.control: JobControl | None = None
        self.running = False  # a run_job / resume op is in flight
        self.paused = False  # the job is paused (the op returned, or is about to)
        self.last: Progress | None = None
        self.summary: JobSummary | None = None

        self.bar = QProgressBar()
        self.bar.setObjectName("sendProgress")
        self.bar.setAccessibleName(self.tr("发送进度"))
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.setFormat("%v / %m")
        self.state_label = QLabel(self.tr("没有正在进行的发送。"))
        self.state_label.setObjectName("progressState")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("progressCounts")
        self.counts_label.setWordWrap(True)
        # the outcomes that need attention at the end of a send (unknown, rejected, undelivered)
        self.attention_label = QLabel()
        self.attention_label.setObjectName("progressAttention")
        self.attention_label.setWordWrap(True)
        self.attention_label.setStyleSheet("QLabel { color: #a05a00; }")
        self.attention_label.hide()
        self.notices = QPlainTextEdit()
        self.notices.setObjectName("progressNotices")
        self.notices.setAccessibleName(self.tr("重试与切换备用账户的提示"))
        self.notices.setReadOnly(True)
        self.notices.setMaximumBlockCount(NOTICE_LINES)
        self.notices.setMaximumHeight(64)
        self.notices.hide()

        self.pause_button = QPushButton(self.tr("暂停"))
        self.pause_button.setObjectName("pauseButton")
        self.pause_button.setAccessibleName(self.tr("暂停发送"))
        self.pause_button.clicked.connect(self.pause)
        self.resume_button = QPushButton(self.tr("继续"))
        self.resume_button.setObjectName("resumeButton")
        self.resume_button.setAccessibleName(self.tr("继续发送"))
        self.resume_button.clicked.connect(self.resume)
        self.cancel_button = QPushButton(self.tr("取消发送"))
        self.cancel_button.setObjectName("cancelSendButton")
        self.cancel_button.setAccessibleName(self.tr("取消发送，未发出的号码不再发送"))
        self.cancel_button.clicked.connect(self.cancel)

        buttons = QHBoxLayout()
        buttons.addWidget(self.bar, 1)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.state_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.attention_label)
        layout.addWidget(self.notices)
        self._update_buttons()
        ctx.sends.paused.connect(self._paused_elsewhere)
        self.hide()  # until the first send

    # ---- state ----------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        """A job is running or paused here (a new send waits until it ends)."""
        return self.running or self.paused

    def _update_buttons(self) -> None:
        stopping = self.control is not None and (self.control.cancelled or self.control.paused)
        self.pause_button.setEnabled(self.running and not stopping)
        self.resume_button.setEnabled(self.paused)
        self.cancel_button.setEnabled(
            (self.running and not (self.control is not None and self.control.cancelled))
            or self.paused
        )

    # ---- running --------------------------------------------------------------------------
    def start(self, job_id: int, total: int) -> None:
        """Run the job now (it was just created and confirmed)."""
        self.job_id = job_id
        self.show()
        self.summary = None
        self.last = None
        self.notices.clear()
        self.notices.hide()
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(0)
        self.counts_label.setText("")
        self.attention_label.hide()
        engine = self.ctx.engine
        self._run(lambda control, report: engine.run_job(job_id, progress=report, control=control))
        self.state_label.setText(self.tr("任务 %1：正在发送…").replace("%1", str(job_id)))

    def _run(self, work: Work) -> None:
        assert self.job_id is not None
        self.running, self.paused = True, False
        self.attention_label.hide()
        self.control = self.ctx.sends.start(
            self,
            self.job_id,
            work,
            question=self._close_question,
            on_progress=self._progress,
            on_done=self._returned,
            on_failed=self._failed,
        )
        self._update_buttons()

    @Slot()
    def pause(self) -> None:
        if self.control is None or not self.running:
            return
        self.control.pause()
        self.state_label.setText(self.tr("正在暂停…（等待发送中的批次完成）"))
        self._update_buttons()

    @Slot()
    def resume(self) -> None:
        if self.job_id is None:
            return
        if self.running and self.control is not None:
            self.control.resume()  # the run has not returned yet: it goes on
            self.paused = False
        elif self.paused:
            job_id, engine = self.job_id, self.ctx.engine
            self._run(
                lambda control, report: engine.resume(job_id, progress=report, control=control)
            )
        self.state_label.setText(self.tr("任务 %1：正在发送…").replace("%1", str(self.job_id)))
        self._update_buttons()

    @Slot()
    def cancel(self) -> None:
        if self.job_id is None:
            return
        if self.running and self.control is not None:
            self.control.cancel()
            self.state_label.setText(self.tr("正在取消…（等待发送中的批次完成）"))
        elif self.paused:  # nothing runs: cancel in the store
            job_id, engine = self.job_id, self.ctx.engine
            self.paused = False

            def cancel_stored() -> JobSummary:
                engine.cancel(job_id)
                return engine.summary(job_id)

            Op(self, cancel_stored, ops=self.ctx.ops).in_pool("io").on_success(self._returned).run()
        self._update_buttons()

    # ---- results --------------------------------------------------------------------------
    def _progress(self, p: Progress) -> None:
        if p.job_id != self.job_id:
            return
        self.last = p
        self.bar.setRange(0, max(1, p.total))
        self.bar.setValue(p.done)
        self.counts_label.setText(self._counts_text(p.counts))
        if p.event == "retry":
            self._notice(self.tr("网络问题，正在重试：") + pick(p.detail))
        elif p.event == "failover":
            self._notice(self.tr("主账户无法发送，已切换到备用账户 %1。").replace("%1", p.detail))

    def _notice(self, text: str) -> None:
        self.notices.show()
        self.notices.appendPlainText(text)

    def _counts_text(self, counts: dict[str, int]) -> str:
        from ...core import attention  # the core's words: the same in every view and the CLI

        return attention.counts(counts).pick(self.ctx.lang)

    def _returned(self, summary: JobSummary) -> None:
        from ...core import attention
        from ...core.jobs.model import JobState

        wanted_resume = (
            summary.state == JobState.PAUSED
            and self.control is not None
            and not self.control.paused
            and not self.control.cancelled
        )
        self.running = False
        self.summary = summary
        self.paused = summary.state == JobState.PAUSED
        total = max(1, summary.recipients)
        done = summary.recipients - summary.queued
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.counts_label.setText(self._counts_text(attention.summary_counts(summary)))
        self.state_label.setText(self._state_text(summary))
        lines = [a.words.pick(self.ctx.lang) for a in attention.attention(summary)]
        self.attention_label.setText("\n".join(lines))
        self.attention_label.setVisible(bool(lines))
        self._update_buttons()
        if self.paused:
            if wanted_resume:  # the user pressed 继续 while the run was returning
                self.resume()
            return
        self.ctx.changes.job_finished.emit(summary)
        self.finished.emit(summary)

    def _state_text(self, s: JobSummary) -> str:
        from ...core import attention
        from ...core.jobs.model import JobState

        if s.state == JobState.DONE:  # 发送完成 only when nothing needs attention
            text = attention.ending(s).pick(self.ctx.lang)
            return states.sentences(text, pick(s.error)) if s.error else text
        texts = {
            JobState.PAUSED: self.tr("任务 %1：已暂停。按“继续”接着发送。"),
            JobState.CANCELLED: self.tr("任务 %1：已取消，未发出的号码不再发送。"),
            JobState.INTERRUPTED: self.tr("任务 %1：发送中断，可在“发送记录”中继续。"),
            JobState.HELD: self.tr("任务 %1：定时任务已保存在本机。"),
            JobState.SCHEDULED: self.tr("任务 %1：已交给网关定时发送。"),
        }
        text = texts.get(s.state, self.tr("任务 %1：") + s.state).replace("%1", str(s.job_id))
        if s.state == JobState.HELD and s.held_for == "window":
            text = (
                self.tr("任务 %1：不在营销时段，其余号码将于 %2 继续发送。")
                .replace("%1", str(s.job_id))
                .replace("%2", s.send_at or "")
            )
        if s.error:  # the core's "中文 / English"
            text = states.sentences(text, pick(s.error))
        return text

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.paused = False
        self.state_label.setText(self.tr("发送出错：") + pick(str(exc)))
        self._update_buttons()
        self.ctx.ops.report_error(self, exc)

    # ---- paused from elsewhere, closing the window -------------------------------------------
    @Slot(int)
    def _paused_elsewhere(self, job_id: int) -> None:
        """The tray's 暂停所有发送 (or the window closing) paused this panel's send."""
        if job_id == self.job_id and self.running:
            self.state_label.setText(self.tr("正在暂停…（等待发送中的批次完成）"))
            self._update_buttons()

    def _close_question(self, send: RunningSend) -> str:
        p = send.last
        done = f"{p.done:,}/{p.total:,}" if p is not None else "…"
        return (
            self.tr("任务 %1 正在发送（已完成 %2）。退出前会先暂停，之后可在“发送记录”中继续。")
            .replace("%1", str(send.job_id))
            .replace("%2", done)
        )

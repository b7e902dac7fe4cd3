"""Every send running in this window, whoever started it: 发送's progress panel, 发送记录 and the
start-up notices (resume, resend: ``job_runs``), and the scheduler (held jobs whose time came).

Each send runs ``Engine.run_job`` or ``Engine.resume`` in a ``send`` op with its own
:class:`~sms_desktop.core.jobs.model.JobControl`, registered here from the moment it is started
on the GUI thread until its op returns. The registry is what the window asks before it closes
(then pauses every send between batches), what the tray's 暂停所有发送 pauses, and what 发送记录
asks whether a job is being sent here. Every progress snapshot is broadcast as
``ChangeBus.job_progress``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from .ops import Op

if TYPE_CHECKING:
    from ..core.jobs.model import JobControl, JobSummary, Progress
    from .context import AppContext

Work = Callable[["JobControl", Callable[[Any], None]], "JobSummary"]


@dataclass
class RunningSend:
    job_id: int
    control: JobControl
    # the question the window asks before it closes while this send runs
    question: Callable[[RunningSend], str]
    last: Progress | None = None  # its newest progress snapshot


class Sends(QObject):
    paused = Signal(int)  # a job asked to pause by pause_all (the tray, closing the window)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._running: dict[int, RunningSend] = {}

    # ---- starting ----------------------------------------------------------------------------
    def start(
        self,
        owner: QObject,
        job_id: int,
        work: Work,
        *,
        question: Callable[[RunningSend], str],
        on_done: Callable[[JobSummary], None],
        on_failed: Callable[[BaseException], None],
        on_progress: Callable[[Progress], None] | None = None,
    ) -> JobControl:
        """Run ``work(control, report)`` in a ``send`` op of ``owner``; the send is registered
        until it returns (``on_done``) or raises (``on_failed``)."""
        from ..core.jobs.model import JobControl  # the core is imported by the start-up op

        control = JobControl()
        entry = RunningSend(job_id, control, question)
        self._running[job_id] = entry

        def progress(p: Progress) -> None:
            if self._running.get(p.job_id) is entry:
                entry.last = p
            if on_progress is not None:
                on_progress(p)
            self.ctx.changes.job_progress.emit(p)

        def done(summary: JobSummary) -> None:
            self._forget(entry)
            on_done(summary)

        def failed(exc: BaseException) -> None:
            self._forget(entry)
            on_failed(exc)

        Op(owner, lambda report: work(control, report), ops=self.ctx.ops).in_pool(
            "send"
        ).with_progress(progress).on_success(done).on_failure(failed).run()
        return control

    def _forget(self, entry: RunningSend) -> None:
        if self._running.get(entry.job_id) is entry:
            del self._running[entry.job_id]

    # ---- asking ------------------------------------------------------------------------------
    def is_running(self, job_id: int) -> bool:
        return job_id in self._running

    def control(self, job_id: int) -> JobControl | None:
        entry = self._running.get(job_id)
        return entry.control if entry is not None else None

    def running(self) -> list[RunningSend]:
        return list(self._running.values())

    # ---- stopping ----------------------------------------------------------------------------
    def cancel(self, job_id: int) -> bool:
        """Stop a send running here, between batches. False when none runs here."""
        control = self.control(job_id)
        if control is None:
            return False
        control.cancel()
        return True

    def pause_all(self) -> int:
        """Pause every send between batches; returns how many were asked to pause."""
        entries = list(self._running.values())
        for entry in entries:
            entry.control.pause()
        for entry in entries:
            self.paused.emit(entry.job_id)
        return len(entries)

    def close_question(self) -> str | None:
        """What to ask before the window closes while sends run (None: none runs)."""
        questions = dict.fromkeys(e.question(e) for e in self._running.values())
        return "\n".join(questions) or None

    def prepare_close(self) -> None:
        """The window closes: every send pauses after its current batch (its op then returns,
        and resume continues it at the next start)."""
        self.pause_all()

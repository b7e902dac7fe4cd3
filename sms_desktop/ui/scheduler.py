"""Background timers: pull reports and replies, send held jobs whose time has come.

Every ``interval`` seconds (20 s; a few seconds in demo mode) one ``io`` op runs the core's
window tick (:func:`sms_desktop.core.service.window_tick`): the pulls of the accounts whose poll
interval has passed (the vendor's minimum interval always applies), the held jobs whose time
has come and the automation rules' runs due now (each made once in the store), unless a live sender service (``sms-desktop-cli serve``) runs them on this store: then
the window leaves them to it, and takes them over at its next tick once the service has gone.
``service_changed`` says when the live service changes (the push receivers follow it).

What the sync brought is broadcast on the ChangeBus; each due job runs through the window's
registry of running sends (``ctx.sends``: a ``send`` op with its own JobControl), which the
window pauses when it closes. One tick at a time: a slow gateway never stacks ticks.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from ..core.errors import InputError
from .models import states
from .models.recipients import in_language
from .ops import Op

if TYPE_CHECKING:
    from ..core.jobs.model import JobSummary
    from ..core.service import ServiceInfo, Tick
    from ..core.sync import SyncResult
    from .context import AppContext
    from .sends import RunningSend

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Scheduler", text)


class Scheduler(QObject):
    service_changed = Signal(object)  # the live sender service of this store, or None

    def __init__(
        self, ctx: AppContext, interval: float | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.interval = interval if interval is not None else ctx.tick_interval
        self.ticks = 0  # finished ticks (tests wait on it)
        self._ticking = False
        self._syncing = False
        self.syncs = 0  # finished "sync now" runs (tests wait on it)
        self.sync_errors: dict[str, str] = {}  # account: its last sync error (said once)
        self.service: ServiceInfo | None = None  # the live sender service, as the last tick saw
        self._timer = QTimer(self)
        self._timer.setInterval(int(self.interval * 1000))
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        self._timer.start()
        self.tick()  # one right away: held jobs due while the window was opening

    def stop(self) -> None:
        self._timer.stop()

    # ---- one tick ------------------------------------------------------------------------
    @Slot()
    def tick(self) -> None:
        if self._ticking or self.ctx.ops.closed:
            return
        self._ticking = True
        core = self.ctx.core

        ctx = self.ctx

        def work() -> Tick:
            from ..core.service import window_tick

            tick = window_tick(core)
            try:
                ctx.api_tick()
            except Exception:  # the API's trouble (its port taken …) never stops the tick
                log.exception("the HTTP API's tick failed")
            return tick

        Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(self._ticked).on_failure(
            self._tick_failed
        ).run()

    def _ticked(self, tick: Tick) -> None:
        self._ticking = False
        self.ticks += 1
        self._follow(tick.service)
        self._synced(tick.synced)
        for job_id in tick.due:
            self.send(job_id)

    def _follow(self, service: ServiceInfo | None) -> None:
        """Remember the live service; say when it came, went or changed."""
        before = self.service
        self.service = service
        if (before.key if before else None) == (service.key if service else None):
            return
        if service is not None:
            log.info(
                "a sender service runs %s: %s", ", ".join(sorted(service.duties)), service.who_en
            )
        else:
            log.info("no sender service runs on this store: the window runs its duties")
        self.service_changed.emit(service)

    @property
    def leaves_held_jobs(self) -> bool:
        """A live sender service sends the held jobs (as the last tick saw)."""
        from ..core.service import Duty

        return self.service is not None and Duty.HELD in self.service.duties

    def _synced(self, results: list[SyncResult]) -> None:
        """Broadcast what a sync brought (the stored data reaches the views through the
        ChangeWatch); say each account's error once (not every tick)."""
        for r in results:
            if r.missing_secrets:  # asked once a session; kept, the account syncs at once
                self.ctx.passwords.ask(
                    self.parent(),
                    r.account,
                    self.sync_now,
                    missing=r.missing_secrets,
                    automatic=True,
                )
            if r.errors:
                text = "; ".join(r.errors)
                log.warning("sync %s: %s", r.account, text)
                first = r.account not in self.sync_errors
                self.sync_errors[r.account] = text
                if first:  # said once, until a sync of that account succeeds again
                    self.ctx.prompts.notify(
                        states.with_note(_tr("同步出错"), r.account),
                        in_language(r.errors[0], self.ctx.lang),
                    )
            elif r.polled:
                self.sync_errors.pop(r.account, None)
        self.ctx.changes.sync_done.emit(results)

    # ---- sync now (menu, the inbox's button) ---------------------------------------------
    def sync_now(self, names: list[str] | None = None) -> None:
        """Pull every account (or the named ones) now; the vendor's minimum interval (jsm: 3
        minutes) still applies. An account the user named that must wait says how long in the
        status bar; in a sync of every account, one that must wait was synced a moment ago (by
        the automatic sync) and is as fresh as its gateway allows: that is no news, and is not
        said."""
        if self._syncing or self.ctx.ops.closed:
            return
        self._syncing = True
        syncer = self.ctx.syncer
        asked = list(names) if names is not None else None

        def work() -> list[SyncResult]:
            return syncer.sync_all(asked)

        Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(
            lambda results: self._synced_now(results, asked)
        ).on_failure(self._sync_now_failed).run()

    def _synced_now(self, results: list[SyncResult], asked: list[str] | None = None) -> None:
        self._syncing = False
        self.syncs += 1
        self._synced(results)
        waits = [
            r
            for r in results
            if r.wait_seconds and not r.polled and asked is not None and r.account in asked
        ]
        new = sum(len(r.new_replies) for r in results)
        reports = sum(len(r.new_reports) for r in results)
        text = QCoreApplication.translate("Scheduler", "新回复 %Ln 条，", "", new)
        text += QCoreApplication.translate("Scheduler", "状态报告 %Ln 条。", "", reports)
        for r in waits:
            wait = _tr("%1 需等待 %2 秒（网关限制）。").replace("%1", r.account)
            text = states.sentences(text, wait.replace("%2", str(int(r.wait_seconds or 0))))
        failed = sum(1 for r in results if r.errors)
        if failed:
            text = states.sentences(
                text,
                QCoreApplication.translate(
                    "Scheduler", "%Ln 个账户同步出错，详见收件箱。", "", failed
                ),
            )
        self.ctx.prompts.notify(_tr("同步完成"), text)

    def _sync_now_failed(self, exc: BaseException) -> None:
        self._syncing = False
        self.syncs += 1
        log.warning("sync now failed: %r", exc)
        self.ctx.prompts.notify(_tr("同步失败"), str(exc))

    def _tick_failed(self, exc: BaseException) -> None:
        self._ticking = False
        self.ticks += 1
        log.warning("scheduler tick failed: %r", exc)
        self.ctx.prompts.notify(_tr("后台同步失败"), str(exc))

    # ---- due held jobs -------------------------------------------------------------------
    def send(self, job_id: int) -> None:
        if self.ctx.sends.is_running(job_id) or self.leaves_held_jobs:
            return  # running here already, or the sender service sends it
        engine = self.ctx.engine
        self.ctx.prompts.notify(
            _tr("定时任务已发出"), _tr("任务 %1 到时间了，正在发送。").replace("%1", str(job_id))
        )

        def work(control: Any, report: Any) -> JobSummary:
            return engine.run_job(
                job_id, release_held=True, due=True, progress=report, control=control
            )

        self.ctx.sends.start(
            self,
            job_id,
            work,
            question=self._close_question,
            on_done=self._sent,
            on_failed=lambda exc: self._send_failed(job_id, exc),
        )

    def _sent(self, summary: JobSummary) -> None:
        self.ctx.changes.job_finished.emit(summary)

    def _send_failed(self, job_id: int, exc: BaseException) -> None:
        if isinstance(exc, InputError):  # e.g. already being sent from another window/process
            log.info("held job %s not sent: %s", job_id, exc)
            return
        self.ctx.ops.report_error(None, exc)

    @staticmethod
    def _close_question(_send: RunningSend) -> str:
        return _tr("定时任务正在发送。退出将在当前批次结束后暂停发送，下次启动后可继续。")

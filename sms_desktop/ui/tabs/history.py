"""发送记录 (history): the jobs with their state, outcome and counts; below, the selected job's
recipients (a lazy table); the actions on a job.

* The list is one ``query`` op (``Engine.jobs()``: grouped queries whatever the number of jobs)
  into a plain list model. It reloads on ChangeBus ``jobs_changed``, ``job_progress`` and
  ``job_finished``, at most every :data:`RELOAD_DELAY` ms.
* 只看我的 lists only the jobs this user created on this PC (``core.identity``: the Windows user
  and the computer name), filtered in SQL; the 创建者 column and the details line say who
  created, started, paused and cancelled each job.
* Actions: 继续发送 (resume an interrupted or paused job), 重发被拒号码 (a new job with only the
  rejected recipients), 重发结果未知… (after a warning: they may already have been delivered),
  取消任务 (a held or waiting job; a job handed to the vendor's scheduler cannot be recalled from
  here), 导出 Excel. Sends start in ``ctx.runs`` and run in ``ctx.sends`` (the window's registry of
  running sends, whoever started them).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import history, identity
from ...core.jobs.model import JobSummary
from ..context import AppContext
from ..dialogs.campaign_report import CampaignReportDialog  # warmed with the tab's module
from ..job_runs import confirm_resend_unknown
from ..models import jobs as jobs_model
from ..models import states
from ..models.jobs import JobRow, JobsModel, load_jobs, who_did_what
from ..ops import Op
from ..widgets.controls import named_button
from ..widgets.job_detail import JobDetail, fixed_rows
from ..widgets.table_view import set_column_widths
from .base import Tab

RELOAD_DELAY = 300  # ms: a burst of changes (progress, reports) reloads the list once
RESUMABLE = ("interrupted", "paused", "queued")
CANCELLABLE = ("queued", "held", "overdue", "paused", "interrupted", "scheduled")


def vendor_scheduled(job: JobSummary) -> bool:
    """Handed to the vendor with the gateway's own schedule, and its time has not come: only
    the vendor can recall it."""
    if job.state in ("held", "overdue") or not job.send_at:
        return False
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    return job.send_at > now and (job.accepted + job.unknown) > 0


class HistoryTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("historyTab")
        self.model = JobsModel(self)
        self.loads = 0  # finished list loads (tests wait on it)
        self._select_after_load: int | None = None
        self._ready = False

        self.view = QTableView()
        self.view.setObjectName("jobsView")
        self.view.setAccessibleName(self.tr("发送任务列表"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        fixed_rows(self.view)
        header = self.view.horizontalHeader()
        header.setObjectName("jobsHeader")
        header.setStretchLastSection(True)
        set_column_widths(
            self.view, jobs_model.WIDTHS, jobs_model.column_labels(), jobs_model.ICON_COLUMNS
        )
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = JobDetail(ctx)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("historySplitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        self.resume_button = named_button(
            "resumeJobButton", self.tr("继续发送"), self.tr("继续发送所选任务中待发送的号码")
        )
        self.resume_button.clicked.connect(self.resume_selected)
        self.resend_rejected_button = named_button(
            "resendRejectedButton",
            self.tr("重发被拒号码"),
            self.tr("用被拒绝的号码新建一个任务并发送"),
        )
        self.resend_rejected_button.clicked.connect(self.resend_rejected)
        self.resend_unknown_button = named_button(
            "resendUnknownButton",
            self.tr("重发结果未知…"),
            self.tr("重发结果未知的号码（可能已经送达）"),
        )
        self.resend_unknown_button.clicked.connect(self.resend_unknown)
        self.cancel_button = named_button(
            "cancelJobButton", self.tr("取消任务"), self.tr("取消所选的定时或未发完的任务")
        )
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.report_button = named_button(
            "jobReportButton",
            self.tr("任务报告…"),
            self.tr("所选任务的报告：各状态、未送达原因、运营商和省份、状态报告到达时间"),
        )
        self.report_button.clicked.connect(self.open_report)
        self.report: CampaignReportDialog | None = None
        self.export_button = named_button(
            "exportHistoryButton",
            self.tr("导出 Excel…"),
            self.tr("把所选任务（未选时为全部任务）的发送记录导出为 Excel 文件"),
        )
        self.export_button.clicked.connect(self.export)
        self.refresh_button = named_button(
            "refreshJobsButton", self.tr("刷新"), self.tr("重新读取发送记录")
        )
        self.refresh_button.clicked.connect(self.reload)
        me = identity.current()
        self.mine_box = QCheckBox(self.tr("只看我的"))
        self.mine_box.setObjectName("mineJobsBox")
        self.mine_box.setAccessibleName(self.tr("只看我创建的任务"))
        self.mine_box.setToolTip(
            self.tr("只显示本电脑上当前 Windows 用户（%1）创建的任务").replace("%1", str(me))
        )
        self.mine_box.toggled.connect(self._mine_toggled)

        buttons = QHBoxLayout()
        for b in (
            self.resume_button,
            self.resend_rejected_button,
            self.resend_unknown_button,
            self.cancel_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.mine_box)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY)
        self._reload_timer.timeout.connect(self.reload)
        self._changed_jobs: set[int | None] = set()
        ch = ctx.changes
        ch.jobs_changed.connect(self._jobs_changed)
        ch.job_progress.connect(self._job_progress)
        ch.job_finished.connect(self._job_finished)
        ch.interrupted_jobs.connect(self._interrupted)
        self._update_buttons()
        if ctx.startup is not None and ctx.startup.interrupted:
            # built after the start-up notice: select the first interrupted job when listed
            self._select_after_load = ctx.startup.interrupted[0]

    def persisted_parts(self) -> list[QSplitter | QHeaderView]:
        return [self.splitter, self.view.horizontalHeader(), self.detail.view.horizontalHeader()]

    # ---- loading -------------------------------------------------------------------------
    def on_ready(self) -> None:
        self._ready = True
        self.reload()

    @Slot()
    def reload(self) -> None:
        if not self._ready or self.ctx.ops.closed or not self.ctx.is_open:
            return  # not open yet, or the window closed while a reload was due
        self._reload_timer.stop()
        engine = self.ctx.engine
        mine = self.mine_box.isChecked()

        def load() -> list[JobRow]:
            return load_jobs(engine, created_by=identity.current() if mine else None)

        Op(self, load, ops=self.ctx.ops).in_pool("query").token("history-jobs").on_success(
            self._loaded
        ).run()

    @Slot(bool)
    def _mine_toggled(self, _on: bool) -> None:
        self.reload()

    def _loaded(self, rows: list[JobRow]) -> None:
        selected = self.selected_job()
        self.model.set_rows(rows)
        want = self._select_after_load or (selected.job_id if selected else None)
        self._select_after_load = None
        if want is not None:
            self.select_job(want)
        if self.selected_job() is None and self.detail.job_id is not None:
            # the job shown is no longer listed (只看我的, or it was deleted): its details go
            self.detail.show_job(None, self._title(None))
            self.detail.set_who("")
        self._update_buttons()
        changed, self._changed_jobs = self._changed_jobs, set()
        if self.detail.job_id is not None and (None in changed or self.detail.job_id in changed):
            self.detail.job_changed()
        self._refresh_title()
        self.loads += 1

    def _schedule_reload(self, job_id: int | None) -> None:
        self._changed_jobs.add(job_id)
        if not self._reload_timer.isActive():
            self._reload_timer.start()

    @Slot(object)
    def _jobs_changed(self, job_id: int | None) -> None:
        self._schedule_reload(job_id)

    @Slot(object)
    def _job_progress(self, progress: object) -> None:
        self._schedule_reload(getattr(progress, "job_id", None))

    @Slot(object)
    def _job_finished(self, summary: JobSummary) -> None:
        self._schedule_reload(summary.job_id)

    @Slot(object)
    def _interrupted(self, job_ids: list[int]) -> None:
        if job_ids:
            self._select_after_load = job_ids[0]
            self._schedule_reload(None)

    # ---- selection -----------------------------------------------------------------------
    def selected_job(self) -> JobSummary | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[rows[0].row()].summary

    def select_job(self, job_id: int) -> bool:
        row = self.model.row_of(job_id)
        if row < 0:
            return False
        if self.view.selectionModel().selectedRows() != [self.model.index(row, 0)]:
            self.view.selectRow(row)
        return True

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_: object) -> None:
        job = self.selected_job()
        self.detail.show_job(job.job_id if job else None, self._title(job))
        self.detail.set_who(who_did_what(job) if job else "")
        self._update_buttons()

    def _title(self, job: JobSummary | None) -> str:
        if job is None:
            if not self.model.rows and self.mine_box.isChecked():
                return self.tr(
                    "没有你在这台电脑上创建的任务（%1）。取消“只看我的”可查看所有任务。"
                ).replace("%1", str(identity.current()))
            return self.tr("选择上方的任务，查看每个号码的结果。")
        return (
            self.tr("任务 %1 · %2 · %3 · %4")
            .replace("%1", str(job.job_id))
            .replace("%2", job.account)
            .replace("%3", states.label(states.JOB_STATES, states.job_state(job)))
            .replace("%4", self._outcome(job))
        )

    def _outcome(self, job: JobSummary) -> str:
        from ...core import attention

        held = attention.at_gateway(job)  # with its time: the core's words, as the CLI says it
        return held.pick(self.ctx.lang) if held else states.label(states.OUTCOMES, job.outcome)

    def _refresh_title(self) -> None:
        job = self.selected_job()
        if job is not None:
            self.detail.title.setText(self._title(job))
            self.detail.set_who(who_did_what(job))
        else:
            self.detail.title.setText(self._title(None))
            self.detail.set_who("")

    def _update_buttons(self) -> None:
        job = self.selected_job()
        running_here = job is not None and self.ctx.sends.is_running(job.job_id)
        idle = job is not None and job.state != "running" and not running_here
        self.resume_button.setEnabled(
            idle and job is not None and job.state in RESUMABLE and job.queued > 0
        )
        self.resend_rejected_button.setEnabled(job is not None and job.rejected > 0)
        self.resend_unknown_button.setEnabled(idle and job is not None and job.unknown > 0)
        self.cancel_button.setEnabled(
            job is not None and (running_here or job.state in CANCELLABLE or vendor_scheduled(job))
        )
        self.report_button.setEnabled(job is not None)

    # ---- actions -------------------------------------------------------------------------
    @Slot()
    def resume_selected(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        self.ctx.runs.resume(job.job_id)
        self._update_buttons()

    @Slot()
    def resend_rejected(self) -> None:
        job = self.selected_job()
        if job is None or not job.rejected:
            return
        if not self.ctx.prompts.confirm(
            self,
            self.tr("重发被拒号码"),
            self.tr(
                "用任务 %1 中被拒绝的 %2 个号码新建一个任务，并立即发送（内容和账户不变）。",
                "",
                job.rejected,
            )
            .replace("%1", str(job.job_id))
            .replace("%2", f"{job.rejected:,}"),
            ok_text=self.tr("新建并发送(&S)"),  # it spends money: not the default button
        ):
            return
        self.ctx.runs.resend(job.job_id, ("rejected",))

    @Slot()
    def resend_unknown(self) -> None:
        job = self.selected_job()
        if job is None or not job.unknown:
            return
        if confirm_resend_unknown(self, self.ctx, job):
            self.ctx.runs.resume(job.job_id, resend_unknown=True)
            self._update_buttons()

    @Slot()
    def cancel_selected(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        job_id = job.job_id
        if self.ctx.sends.is_running(job_id):
            if self.ctx.prompts.confirm(
                self,
                self.tr("取消任务"),
                self.tr("在当前批次结束后停止发送任务 %1，其余号码不再发送。").replace(
                    "%1", str(job_id)
                ),
                ok_text=self.tr("停止发送"),
            ):
                self.ctx.sends.cancel(job_id)
            return
        if vendor_scheduled(job):
            self.ctx.prompts.info(
                self,
                self.tr("无法取消"),
                self.tr(
                    "任务 %1 已交给网关，由网关定时于 %2 发送，无法在本程序中撤回。"
                    "如需撤回，请联系短信服务商。"
                )
                .replace("%1", str(job_id))
                .replace("%2", job.send_at or ""),
            )
            return
        text = (
            self.tr("取消任务 %1？未发出的 %2 个号码将不再发送。", "", job.queued)
            .replace("%1", str(job_id))
            .replace("%2", f"{job.queued:,}")
        )
        if not self.ctx.prompts.confirm(
            self,
            self.tr("取消任务"),
            text,
            ok_text=self.tr("取消任务"),
            cancel_text=self.tr("返回"),
        ):
            return
        engine = self.ctx.engine
        Op(self, lambda: engine.cancel(job_id), ops=self.ctx.ops).in_pool("io").run()

    @Slot()
    def open_report(self) -> None:
        """任务报告 of the selected job (one report window, reused)."""
        job = self.selected_job()
        if job is None:
            return
        if self.report is None:
            self.report = CampaignReportDialog(self.ctx, self)
        self.report.open_job(job.job_id)

    @Slot()
    def export(self) -> None:
        job = self.selected_job()
        job_id = job.job_id if job is not None else None
        suggested = self.tr("发送记录") + (f"-{job_id}" if job_id is not None else "") + ".xlsx"
        path = self.ctx.prompts.save_file(
            self, self.tr("导出发送记录"), self.tr("Excel 工作簿 (*.xlsx)"), suggested
        )
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        db, lang = self.ctx.db, self.ctx.lang
        # the states as this window names them, in its language
        names = {key: states.label(states.MSG_STATES, key) for key in states.MSG_STATES}

        def export() -> int:
            return history.export_history_xlsx(db, path, job_id, lang=lang, state_names=names)

        Op(self, export, ops=self.ctx.ops).in_pool("io").on_success(
            lambda n: self._exported(path, n)
        ).run()

    def _exported(self, path: Path, rows: int) -> None:
        self.ctx.prompts.notify(
            self.tr("已导出"),
            self.tr("%1 行已写入 %2", "", rows).replace("%1", f"{rows:,}").replace("%2", str(path)),
        )

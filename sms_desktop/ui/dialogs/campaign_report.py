"""任务报告 (campaign report): one job's states, undelivered reasons, carriers, provinces and
delivery curve as charts; exported as .xlsx or a PNG picture; resending to the undelivered by
reason or by carrier.

Opened from 发送记录 (``jobReportButton``). The figures come from the core
(:func:`sms_desktop.core.jobs.report.build`) in two ``query`` ops side by side (the reasons,
which read the undelivered recipients' reports, in the second), so a 100,000-recipient job is
drawn a few tens of milliseconds after the click; the GUI thread only sets the charts' data and
paints them. Made once and reused, like 查看对话.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.jobs import report as core_report
from ...core.jobs.report import CampaignReport, ReasonFigure
from ..context import AppContext
from ..models import report_charts as charts_data
from ..ops import Op
from ..widgets.charts import MARGIN, BarChart, BarChartData, bar_chart_height, paint_bars
from ..widgets.controls import named_button

IMAGE_WIDTH = 1200  # the PNG's width in pixels (two charts a row)


class CampaignReportDialog(QDialog):
    """The report of one job at a time (:meth:`open_job`)."""

    shown = Signal()  # the charts of a job were painted (tests, the benchmark)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignReport")
        self.ctx = ctx
        self.job_id: int | None = None
        self.report: CampaignReport | None = None
        self.painted_ms: float | None = None  # open_job → every chart painted with the figures
        self._started = 0.0
        self._waiting: dict[str, Any] = {}
        self._painted: set[BarChart] | None = None  # charts painted since the figures came

        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        bold = QFont(self.title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.summary = QLabel(self.tr("正在读取…"))
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)

        self.states_chart = self._chart("statesChart")
        self.reasons_chart = self._chart("reasonsChart")
        self.carrier_chart = self._chart("carrierChart")
        self.province_chart = self._chart("provinceChart")
        self.curve_chart = self._chart("curveChart")
        self.charts = [
            self.states_chart,
            self.curve_chart,
            self.reasons_chart,
            self.carrier_chart,
            self.province_chart,
        ]
        content = QWidget()
        content.setObjectName("reportCharts")
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self.states_chart, 0, 0, top)
        grid.addWidget(self.curve_chart, 0, 1, top)
        grid.addWidget(self.reasons_chart, 1, 0, 1, 2, top)
        grid.addWidget(self.carrier_chart, 2, 0, top)
        grid.addWidget(self.province_chart, 2, 1, top)
        grid.setRowStretch(3, 1)
        content.setAutoFillBackground(True)  # white between the charts too
        palette = content.palette()
        palette.setColor(content.backgroundRole(), QColor("#ffffff"))
        content.setPalette(palette)
        scroll = QScrollArea()
        scroll.setObjectName("reportScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.resend_choice = QComboBox()
        self.resend_choice.setObjectName("resendChoice")
        self.resend_choice.setAccessibleName(self.tr("重发哪些未送达的号码"))
        self.resend_button = named_button(
            "resendUndeliveredButton",
            self.tr("重发未送达…"),
            self.tr("用所选的未送达号码新建一个任务并发送（内容和账户不变）"),
        )
        self.resend_button.clicked.connect(self.resend_undelivered)
        self.xlsx_button = named_button(
            "reportXlsxButton",
            self.tr("导出 Excel…"),
            self.tr("把报告导出为 Excel 文件，每项分类一个工作表"),
        )
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.png_button = named_button(
            "reportPngButton", self.tr("导出图片…"), self.tr("把报告的图表导出为 PNG 图片")
        )
        self.png_button.clicked.connect(self.export_png)
        self.refresh_button = named_button(
            "reportRefreshButton", self.tr("刷新"), self.tr("重新统计（状态报告可能又到了一些）")
        )
        self.refresh_button.clicked.connect(self.reload)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("重发：")))
        actions.addWidget(self.resend_choice, 1)
        actions.addWidget(self.resend_button)
        actions.addSpacing(16)
        actions.addWidget(self.xlsx_button)
        actions.addWidget(self.png_button)
        actions.addWidget(self.refresh_button)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)
        self.resize(1180, 820)
        self._set_buttons()
        ctx.changes.job_finished.connect(self._job_finished)

    def _chart(self, name: str) -> BarChart:
        chart = BarChart(parent=self)
        chart.setObjectName(name)
        chart.paint_done.connect(self._chart_painted)
        return chart

    # ---- loading ---------------------------------------------------------------------------
    def open_job(self, job_id: int) -> None:
        """Count ``job_id``'s figures (two ``query`` ops) and show them."""
        self.job_id = job_id
        self.setWindowTitle(self.tr("任务报告：任务 %1").replace("%1", str(job_id)))
        self.title.setText(self.tr("任务 %1").replace("%1", str(job_id)))
        self.reload()
        self.show()
        self.raise_()
        self.activateWindow()

    @Slot()
    def reload(self) -> None:
        if self.job_id is None or self.ctx.ops.closed:
            return
        self._started = time.perf_counter()
        self.painted_ms = None
        self.summary.setText(self.tr("正在读取…"))
        db, job_id = self.ctx.db, self.job_id
        self._waiting = {"job": job_id}
        ops = self.ctx.ops
        Op(self, lambda: core_report.build(db, job_id, reasons=False), ops=ops).in_pool(
            "query"
        ).token("campaign-report").on_success(lambda r: self._part("report", job_id, r)).run()
        Op(self, lambda: core_report.undelivered_reasons(db, job_id), ops=ops).in_pool(
            "query"
        ).token("campaign-reasons").on_success(lambda r: self._part("reasons", job_id, r)).run()

    def _part(self, name: str, job_id: int, value: Any) -> None:
        if self._waiting.get("job") != job_id:
            return  # another job's figures were asked for since
        self._waiting[name] = value
        if "report" in self._waiting and "reasons" in self._waiting:
            report: CampaignReport = self._waiting["report"]
            reasons: list[ReasonFigure] = self._waiting["reasons"]
            self._waiting = {}
            report.reasons = reasons
            self._show(report)

    def _show(self, report: CampaignReport) -> None:
        self.report = report
        lang = self.ctx.lang
        self.title.setText(
            self.tr("任务 %1 · %2 · %3 · %Ln 个号码", "", report.total)
            .replace("%1", str(report.job_id))
            .replace("%2", report.account)
            .replace("%3", report.created_at)
        )
        self.summary.setText(charts_data.summary(report))
        self._painted = set()
        self.states_chart.set_data(charts_data.states_chart(report, lang))
        self.reasons_chart.set_data(charts_data.reasons_chart(report, lang))
        self.carrier_chart.set_data(charts_data.carrier_chart(report, lang))
        self.province_chart.set_data(charts_data.province_chart(report, lang))
        self.curve_chart.set_data(charts_data.curve_chart(report))
        self._fill_resend(report)
        self._set_buttons()

    @Slot()
    def _chart_painted(self) -> None:
        """Every chart on screen has painted the figures: the time since :meth:`open_job`."""
        chart = self.sender()
        if self._painted is None or not isinstance(chart, BarChart):
            return
        self._painted.add(chart)
        if all(c in self._painted or c.visibleRegion().isEmpty() for c in self.charts):
            self._painted = None
            self.painted_ms = (time.perf_counter() - self._started) * 1000
            self.shown.emit()

    @Slot(object)
    def _job_finished(self, summary: Any) -> None:
        if self.isVisible() and getattr(summary, "job_id", None) == self.job_id:
            self.reload()

    # ---- resending ---------------------------------------------------------------------------
    def _fill_resend(self, report: CampaignReport) -> None:
        """全部未送达, then each reason, then each carrier with undelivered recipients."""
        lang = self.ctx.lang
        self.resend_choice.clear()
        if not report.undelivered:
            return
        self.resend_choice.addItem(
            self.tr("全部未送达（%Ln 个）", "", report.undelivered), (None, None)
        )
        for r in report.reasons:
            label = charts_data.reason_label(r.code, r.explanation(lang))
            self.resend_choice.addItem(
                self.tr("原因 %1（%Ln 个）", "", r.n).replace("%1", label), (r.code, None)
            )
        for a in report.carriers:
            if a.undelivered:
                name = core_report.area_name("carrier", a.key, lang)
                self.resend_choice.addItem(
                    self.tr("运营商 %1（%Ln 个）", "", a.undelivered).replace("%1", name),
                    (None, a.key),
                )

    def _set_buttons(self) -> None:
        has = self.report is not None
        self.resend_button.setEnabled(has and self.resend_choice.count() > 0)
        self.resend_choice.setEnabled(self.resend_choice.count() > 0)
        self.xlsx_button.setEnabled(has)
        self.png_button.setEnabled(has)

    @Slot()
    def resend_undelivered(self) -> None:
        """The chosen undelivered recipients as a new job, sent after the confirmation."""
        report = self.report
        if report is None or self.resend_choice.currentIndex() < 0:
            return
        reason, carrier = self.resend_choice.currentData()
        n = self._count(report, reason, carrier)
        which = self.resend_choice.currentText()
        if not self.ctx.prompts.confirm(
            self,
            self.tr("重发未送达的号码"),
            self.tr(
                "用任务 %1 中未送达的 %2 个号码（%3）新建一个任务，并立即发送（内容和账户不变）。"
                "这些号码已经发过一次，运营商报告未送达；重发仍会计费。",
                "",
                n,
            )
            .replace("%1", str(report.job_id))
            .replace("%2", f"{n:,}")
            .replace("%3", which),
            ok_text=self.tr("新建并发送"),
            default=True,
        ):
            return
        self.ctx.runs.resend(report.job_id, ("undelivered",), reason=reason, carrier=carrier)

    @staticmethod
    def _count(report: CampaignReport, reason: str | None, carrier: str | None) -> int:
        if reason is not None:
            return sum(r.n for r in report.reasons if r.code == reason)
        if carrier is not None:
            return sum(a.undelivered for a in report.carriers if a.key == carrier)
        return report.undelivered

    # ---- exports -----------------------------------------------------------------------------
    def _suggested(self, suffix: str) -> str:
        job = self.report.job_id if self.report else ""
        return self.tr("任务报告") + f"-{job}{suffix}"

    @Slot()
    def export_xlsx(self) -> None:
        report = self.report
        if report is None:
            return
        path = self.ctx.prompts.save_file(
            self,
            self.tr("导出任务报告"),
            self.tr("Excel 工作簿 (*.xlsx)"),
            self._suggested(".xlsx"),
        )
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        lang = self.ctx.lang
        names = {s.key: charts_data.state_label(s, lang) for s in report.states}

        def write() -> Path:
            core_report.export_xlsx(report, path, lang=lang, state_names=names)
            return path

        Op(self, write, ops=self.ctx.ops).in_pool("io").on_success(self._exported).run()

    def image(self, width: int = IMAGE_WIDTH) -> QImage:
        """The report as one picture: its title and summary, then the charts two a row (the
        reasons across), drawn by the charts' own painting."""
        font = QFont(self.font())
        rows: list[list[BarChartData]] = [
            [self.states_chart.data, self.curve_chart.data],
            [self.reasons_chart.data],
            [self.carrier_chart.data, self.province_chart.data],
        ]
        gap = 12
        heights = []
        for row in rows:
            w = (width - 2 * MARGIN - gap * (len(row) - 1)) // len(row)
            heights.append(max(bar_chart_height(d, font, w) for d in row))
        title_font = QFont(font)
        title_font.setBold(True)
        title_font.setPointSizeF(font.pointSizeF() * 1.15)
        head = QFontMetrics(title_font).height() + QFontMetrics(font).height() + 3 * MARGIN
        image = QImage(width, head + sum(heights) + gap * len(rows), QImage.Format.Format_RGB32)
        image.fill(QColor("#ffffff"))
        p = QPainter(image)
        p.setPen(QColor("#202020"))
        p.setFont(title_font)
        y = MARGIN + QFontMetrics(title_font).ascent()
        p.drawText(MARGIN, y, self.title.text())
        p.setFont(font)
        y += QFontMetrics(title_font).descent() + MARGIN + QFontMetrics(font).ascent()
        p.drawText(MARGIN, y, self.summary.text())
        y = head
        for row, h in zip(rows, heights, strict=True):
            w = (width - 2 * MARGIN - gap * (len(row) - 1)) // len(row)
            x = MARGIN
            for data in row:
                paint_bars(p, QRect(x, y, w, h), data, font)
                x += w + gap
            y += h + gap
        p.end()
        return image

    @Slot()
    def export_png(self) -> None:
        if self.report is None:
            return
        path = self.ctx.prompts.save_file(
            self, self.tr("导出报告图片"), self.tr("PNG 图片 (*.png)"), self._suggested(".png")
        )
        if path is None:
            return
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        image = self.image()  # drawn here (a few ms); encoded and written in the op

        def write() -> Path:
            if not image.save(str(path)):
                from ...core.errors import InputError

                raise InputError(f"无法写入“{path.name}” / Cannot write {path.name!r}")
            return path

        Op(self, write, ops=self.ctx.ops).in_pool("io").on_success(self._exported).run()

    def _exported(self, path: Path) -> None:
        self.ctx.prompts.notify(
            self.tr("已导出"), self.tr("报告已写入 %1").replace("%1", str(path))
        )

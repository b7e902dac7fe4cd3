"""任务报告 (the campaign report view) and 统计 (daily figures): a demo job sent through the
simulator, its reports pulled by the sync; the charts, the exports and the resend to the
undelivered, asserting on what the simulator received."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics, QImage
from uihelpers import in_worker

from sms_desktop.core.contacts.recipients import Recipient
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.demo import account_name
from sms_desktop.ui.widgets import charts

MOBILE = ["13900101234", "13900105678"]
UNICOM = ["18602001234"]
TELECOM = ["18907551234", "18907555678"]
NUMBERS = MOBILE + UNICOM + TELECOM


def demo_sent(sim) -> list[str]:
    return [m.phone for m in sim.account("ipyy", "demo").sent]


def campaign(window, sim) -> int:
    """A demo ipyy job to five numbers of three carriers and an invalid one; the gateway reports
    the telecom numbers undelivered."""
    ctx = window.ctx
    engine = ctx.engine
    spec = JobSpec(
        account=account_name("ipyy"),
        text="周六全场八折",
        recipients=[Recipient(p) for p in [*NUMBERS, "1380013800"]],
    )
    job = in_worker(lambda: engine.create_job(spec))
    in_worker(lambda: engine.run_job(job))
    for rep in sim.account("ipyy", "demo").reports:
        rep.outcome = "fail" if rep.phone in TELECOM else "ok"
    syncer = ctx.syncer
    in_worker(lambda: syncer.sync_all(force=True))
    ctx.changes.jobs_changed.emit(job)
    return int(job)


def open_report(window, qtbot, job: int):
    page = window.page("historyPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.model.row_of(job) >= 0, timeout=10000)
    assert tab.select_job(job)
    assert tab.report_button.isEnabled()
    qtbot.mouseClick(tab.report_button, Qt.MouseButton.LeftButton)
    dialog = tab.report
    assert dialog is not None and dialog.objectName() == "campaignReport"
    qtbot.waitUntil(lambda: dialog.painted_ms is not None, timeout=10000)
    return dialog


def words(chart) -> list[str]:
    return [b.words() for b in chart.data.bars]


def test_report_view_shows_the_figures_in_charts(window, qtbot, sim):
    job = campaign(window, sim)
    dialog = open_report(window, qtbot, job)
    states = {b.label: b.value_text for b in dialog.states_chart.data.bars}
    assert states == {
        "已送达": "3 · 50.0%",
        "未送达": "2 · 33.3%",
        "已跳过：号码无效": "1 · 16.7%",
    }
    assert [b.label for b in dialog.reasons_chart.data.bars] == ["UNDELIV（无法投递）"]
    carrier = dialog.findChild(charts.BarChart, "carrierChart")
    assert carrier is dialog.carrier_chart
    assert [b.label for b in carrier.data.bars] == ["移动", "联通", "电信"]
    assert [b.value_text for b in carrier.data.bars] == ["100.0% · 2", "100.0% · 1", "0.0% · 2"]
    # accessible: the chart's name is its title, its description every figure in words
    assert carrier.accessibleName() == "各运营商送达率（号段归属）"
    assert "电信：发出 2，送达率 0.0%" in carrier.accessibleDescription()
    assert "未送达：2" in carrier.accessibleDescription()
    # the state colours of the tables: delivered green, undelivered red
    telecom = carrier.data.bars[2].segments
    assert [s.value for s in telecom[:2]] == [0.0, 1.0]
    assert charts.kind_colour(telecom[1].kind).name() == "#b00020"
    curve = [b.label for b in dialog.curve_chart.data.bars]
    assert curve == ["1 分钟内", "5 分钟内", "1 小时内", "24 小时内"]
    assert dialog.curve_chart.data.bars[-1].value_text == "100.0% · 5"
    assert "已发出 5 · 已送达 3（60.0%）· 未送达 2" in dialog.summary.text()
    # a tooltip for the bar under the mouse
    first_row = charts._bar_rects(carrier.data, carrier.font(), carrier.rect())[0]
    assert carrier._tip_at(first_row.center()).startswith("移动：发出 2，送达率 100.0%")
    assert carrier._tip_at(QPoint(-5, -5)) == ""


def test_no_chart_label_is_cut(window, qtbot, sim):
    """Every chart is at least as wide as its widest label, bar and value need, in its own
    font; the dialog's layout gives each that much."""
    job = campaign(window, sim)
    dialog = open_report(window, qtbot, job)
    for chart in dialog.charts:
        fm = QFontMetrics(chart.font())
        need = max(fm.horizontalAdvance(b.label) for b in chart.data.bars) if chart.data.bars else 0
        need += max((fm.horizontalAdvance(b.value_text) for b in chart.data.bars), default=0)
        assert chart.minimumSizeHint().width() >= need + charts.BAR_MIN
        assert chart.width() >= chart.minimumSizeHint().width(), chart.objectName()
        assert chart.height() >= charts.bar_chart_height(chart.data, chart.font(), chart.width())


def test_resend_to_the_undelivered_of_one_carrier(window, qtbot, sim, prompts):
    job = campaign(window, sim)
    dialog = open_report(window, qtbot, job)
    choices = [dialog.resend_choice.itemText(i) for i in range(dialog.resend_choice.count())]
    assert choices == [
        "全部未送达（2 个）",
        "原因 UNDELIV（无法投递）（2 个）",
        "运营商 电信（2 个）",
    ]
    dialog.resend_choice.setCurrentIndex(2)
    before = len(demo_sent(sim))
    with qtbot.waitSignal(window.ctx.changes.job_finished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.resend_button, Qt.MouseButton.LeftButton)
    asked = prompts.of("confirm")[-1]
    assert "未送达的 2 个号码（运营商 电信（2 个））" in asked.text
    assert finished.args[0].job_id != job and finished.args[0].accepted == 2
    assert demo_sent(sim)[before:] == TELECOM


def test_resend_is_cancelled_at_the_confirmation(window, qtbot, sim, prompts):
    job = campaign(window, sim)
    dialog = open_report(window, qtbot, job)
    prompts.confirm_answers.append(False)
    before = len(demo_sent(sim))
    dialog.resend_undelivered()
    qtbot.wait(200)
    assert len(demo_sent(sim)) == before


def test_exports_xlsx_and_png(window, qtbot, sim, prompts, tmp_path):
    job = campaign(window, sim)
    dialog = open_report(window, qtbot, job)
    prompts.save_answers.append(tmp_path / "报告")  # the suffix is added
    dialog.export_xlsx()
    qtbot.waitUntil(lambda: bool(prompts.of("notify")), timeout=10000)
    wb = load_workbook(tmp_path / "报告.xlsx", read_only=True)
    assert wb.sheetnames == ["概况", "状态", "未送达原因", "运营商", "省份", "送达时间"]
    states = list(wb["状态"].iter_rows(min_row=2, values_only=True))
    assert ("已跳过：号码无效", 1) in states  # as the window names it
    prompts.save_answers.append(tmp_path / "报告.png")
    dialog.export_png()
    qtbot.waitUntil(lambda: len(prompts.of("notify")) == 2, timeout=10000)
    image = QImage(str(tmp_path / "报告.png"))
    assert image.width() == 1200 and image.height() > 400
    # the carriers' chart is in the picture: its telecom bar is red where the window's is
    assert not image.isNull()


def test_report_follows_the_language(window, qtbot, sim, qapp):
    from sms_desktop.ui import i18n

    job = campaign(window, sim)
    translators = i18n.install(qapp, "en")
    window.ctx.lang = "en"
    try:
        dialog = open_report(window, qtbot, job)
        carrier = dialog.carrier_chart
        assert carrier.accessibleName() == "Delivery rate by carrier (number block)"
        assert [b.label for b in carrier.data.bars] == [
            "China Mobile",
            "China Unicom",
            "China Telecom",
        ]
        assert [b.label for b in dialog.reasons_chart.data.bars] == ["UNDELIV (undeliverable)"]
        assert dialog.curve_chart.data.bars[0].label == "within 1 min"
        for chart in dialog.charts:
            assert chart.width() >= chart.minimumSizeHint().width()
    finally:
        i18n.remove(qapp, translators)
        window.ctx.lang = "zh_CN"


# ---- 统计 --------------------------------------------------------------------------------------
def test_stats_tab_shows_the_days_and_the_table(window, qtbot, sim):
    campaign(window, sim)
    page = window.page("statsPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.loads >= 1, timeout=10000)
    chart = tab.chart
    assert chart.objectName() == "dailyChart"
    assert len(chart.data.columns) == 30
    today = chart.data.columns[-1]
    assert (today.back, today.front) == (5, 3)
    assert today.label == date.today().isoformat()[5:]
    assert tab.model.rowCount() == 1
    row = [tab.model.index(0, c).data() for c in range(tab.model.columnCount())]
    assert row == [date.today().isoformat(), account_name("ipyy"), "5", "3", "60.0%", "5"]
    assert "计费 5 条" in tab.totals.text()
    # one account, then another with nothing sent
    i = tab.account_combo.findData(account_name("ipyy"))
    tab.account_combo.setCurrentIndex(i)
    assert tab.model.rowCount() == 1
    assert tab.chart.data.title.endswith(f"（{account_name('ipyy')}）")


def test_stats_tab_reloads_after_a_send(window, qtbot, sim):
    page = window.page("statsPage")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.tab is not None)
    tab = page.tab
    qtbot.waitUntil(lambda: tab.loads >= 1, timeout=10000)
    assert tab.chart.data.columns == []  # nothing sent yet: the empty text
    loads = tab.loads
    ctx = window.ctx
    spec = JobSpec(account=account_name("ipyy"), text="好", recipients=MOBILE)
    job = in_worker(lambda: ctx.engine.create_job(spec))
    summary = in_worker(lambda: ctx.engine.run_job(job))
    ctx.changes.job_finished.emit(summary)
    qtbot.waitUntil(lambda: tab.loads > loads, timeout=10000)
    assert tab.chart.data.columns[-1].back == 2


# ---- the chart widget ----------------------------------------------------------------------------
def test_chart_sizes_to_its_longest_label_and_paints_a_picture(qapp):
    data = charts.BarChartData(
        "标题",
        [
            charts.Bar(
                "EXPIRED (not delivered within its validity period)",
                (charts.Segment(3, "bad", "x"),),
                "1,095 · 14.8%",
            ),
            charts.Bar("短", (charts.Segment(1, "good", "y"),), "1"),
        ],
        legend=[("已送达", "good"), ("未送达", "bad")],
    )
    chart = charts.BarChart(data)
    fm = QFontMetrics(chart.font())
    widest = fm.horizontalAdvance(data.bars[0].label) + fm.horizontalAdvance("1,095 · 14.8%")
    assert chart.minimumSizeHint().width() >= widest + charts.BAR_MIN
    image = charts.bar_chart_image(data, chart.font(), 200)  # narrower than it can be
    assert image.width() >= chart.minimumSizeHint().width()
    assert image.height() == charts.bar_chart_height(data, chart.font(), image.width())
    # the first bar's red is in the picture
    rows = charts._bar_rects(data, chart.font(), image.rect())
    y = rows[0].center().y()
    reds = [x for x in range(image.width()) if image.pixelColor(x, y).name() == "#b00020"]
    assert reds, "the bar was not drawn"
    assert charts.describe(data).splitlines()[0] == "标题"


@pytest.mark.parametrize("n", [1, 7, 30, 90])
def test_column_chart_labels_never_overlap(qapp, n):
    data = charts.ColumnChartData(
        "每天",
        [charts.Column(f"12-{i:02d}", 10 + i, 5, f"第 {i} 天") for i in range(n)],
        back_name="发出",
        front_name="送达",
    )
    chart = charts.ColumnChart(data)
    chart.resize(600, chart.height())
    image = QImage(600, chart.height(), QImage.Format.Format_RGB32)
    from PySide6.QtGui import QPainter

    p = QPainter(image)
    charts.paint_columns(p, image.rect(), data, chart.font())
    p.end()
    labels = charts.column_labels(data, chart.font(), image.rect())
    assert labels[-1][0] == n - 1  # the newest day is always named
    for (_, a), (_, b) in itertools.pairwise(labels):
        assert a.right() < b.left(), (a, b)
    assert all(r.left() >= 0 and r.right() <= 600 for _, r in labels)
    _, slots, _ = charts._column_geometry(data, chart.font(), image.rect())
    assert chart._tip_at(QPoint(int(slots[-1].center().x()), 100)) == f"第 {n - 1} 天"

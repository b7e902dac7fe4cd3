"""Small charts drawn with QPainter: horizontal bars (plain or stacked) and day columns.

No chart library: QtCharts is in PySide6-Addons (over 100 MB), and these need a few dozen lines
of painting each. The figures come in as plain data (:class:`BarChartData`,
:class:`ColumnChartData`), already labelled in the UI's language; the colours are the state
colours of :mod:`..models.states`, so a chart says "delivered" in the green the tables use.

* **Nothing is clipped**: the label column is as wide as the widest label and the value column
  as the widest value, in the widget's own font; the widget's minimum size holds them, so a
  layout gives it the room (a scroll area scrolls instead of cutting text). Day labels under
  columns are thinned out until they no longer overlap.
* **Accessible**: the accessible name is the chart's title, the accessible description every
  figure in words (:func:`describe`); hovering a bar or a column shows its figures as a tooltip.
* **Pictures**: :func:`paint_bars` / :func:`paint_columns` draw on any QPainter, so the same
  drawing goes into a QImage for a PNG export (:func:`bar_chart_image`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..models import states

MARGIN = 8  # around the chart
GAP = 8  # between the label, the bar and the value
BAR_MIN = 120  # the bars' least width
SWATCH = 10  # a legend's colour square
PLOT_H = 160  # the day columns' height


def kind_colour(kind: str) -> QColor:
    """A state kind's colour (:data:`states.COLOURS`); ``"<kind>-light"`` a paler one, for a
    second segment of the same kind (rejected beside undelivered)."""
    base, _, tint = kind.partition("-")
    colour = QColor(states.colour(base))
    return colour.lighter(165) if tint == "light" else colour


@dataclass(frozen=True)
class Segment:
    value: float
    kind: str  # a state kind (states.GOOD …), optionally "-light"
    name: str  # what it counts (legend, tooltip)


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    value_text: str  # shown right of the bar ("85,723 · 86.6%")
    tooltip: str = ""  # every figure of the bar; the label and value_text when empty

    @property
    def total(self) -> float:
        return sum(s.value for s in self.segments)

    def words(self) -> str:
        return self.tooltip or f"{self.label}: {self.value_text}"


@dataclass
class BarChartData:
    title: str
    bars: list[Bar] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (name, kind)
    scale: float | None = None  # the full bar's value (None: the largest bar)
    empty_text: str = ""
    note: str = ""  # a line under the bars


@dataclass(frozen=True)
class Column:
    label: str  # under the column ("12-01")
    back: float  # the whole column (sent)
    front: float  # drawn over its lower part (delivered)
    tooltip: str


@dataclass
class ColumnChartData:
    title: str
    columns: list[Column] = field(default_factory=list)
    back_name: str = ""
    front_name: str = ""
    back_kind: str = states.WAIT
    front_kind: str = states.GOOD
    empty_text: str = ""


def describe(data: BarChartData | ColumnChartData) -> str:
    """Every figure of a chart in words, one line each (its accessible description)."""
    if isinstance(data, BarChartData):
        lines = [b.words() for b in data.bars]
    else:
        lines = [c.tooltip for c in data.columns]
    if not lines and data.empty_text:
        lines = [data.empty_text]
    if isinstance(data, BarChartData) and data.note:
        lines.append(data.note)
    return "\n".join([data.title, *lines])


def _bold(font: QFont) -> QFont:
    f = QFont(font)
    f.setBold(True)
    return f


def _text_width(fm: QFontMetrics, text: str) -> int:
    return fm.horizontalAdvance(text) + 2  # a pixel either side: antialiasing never cuts a stroke


def _legend_rows(
    fm: QFontMetrics, legend: Sequence[tuple[str, str]], width: int
) -> list[list[int]]:
    """Indices of the legend's items per row, wrapped to ``width``."""
    rows: list[list[int]] = [[]]
    x = 0
    for i, (name, _) in enumerate(legend):
        w = SWATCH + 4 + _text_width(fm, name) + 12
        if rows[-1] and x + w > width:
            rows.append([])
            x = 0
        rows[-1].append(i)
        x += w
    return rows if rows[0] else []


# ---- horizontal bars --------------------------------------------------------------------------
@dataclass
class _BarLayout:
    label_w: int
    value_w: int
    row_h: int
    title_h: int
    legend_rows: list[list[int]]
    line_h: int
    note_h: int  # the note, wrapped to the chart's width

    def height(self, data: BarChartData) -> int:
        rows = max(1, len(data.bars))
        h = MARGIN + self.title_h + len(self.legend_rows) * self.line_h + rows * self.row_h
        if data.note:
            h += self.note_h + 4
        return h + MARGIN


def _wrapped_height(fm: QFontMetrics, text: str, width: int) -> int:
    """The height of ``text`` wrapped at ``width`` (Chinese wraps between any characters)."""
    flags = int(Qt.TextFlag.TextWordWrap)
    return fm.boundingRect(QRect(0, 0, max(1, width), 100_000), flags, text).height()


def _bar_layout(data: BarChartData, font: QFont, width: int) -> _BarLayout:
    fm = QFontMetrics(font)
    bold = QFontMetrics(_bold(font))
    label_w = max((_text_width(fm, b.label) for b in data.bars), default=0)
    value_w = max((_text_width(fm, b.value_text) for b in data.bars), default=0)
    legend = _legend_rows(fm, data.legend, max(1, width - 2 * MARGIN))
    return _BarLayout(
        label_w=label_w,
        value_w=value_w,
        row_h=max(fm.height() + 8, 20),
        title_h=bold.height() + 8,
        legend_rows=legend,
        line_h=fm.height() + 4,
        note_h=_wrapped_height(fm, data.note, width - 2 * MARGIN) if data.note else 0,
    )


def min_bar_width(data: BarChartData, font: QFont) -> int:
    """The least width at which nothing is cut: the widest label, a bar, the widest value, and
    the title."""
    fm = QFontMetrics(font)
    lay = _bar_layout(data, font, 10_000)
    widths = [lay.label_w + GAP + BAR_MIN + GAP + lay.value_w]
    widths.append(_text_width(QFontMetrics(_bold(font)), data.title))
    if not data.bars and data.empty_text:
        widths.append(_text_width(fm, data.empty_text))
    widths += [SWATCH + 4 + _text_width(fm, name) + 12 for name, _ in data.legend]
    return max(widths) + 2 * MARGIN


def bar_chart_height(data: BarChartData, font: QFont, width: int) -> int:
    return _bar_layout(data, font, width).height(data)


def _bar_rects(data: BarChartData, font: QFont, rect: QRect) -> list[QRect]:
    """Each bar's row (the whole width), for hit-testing a tooltip."""
    lay = _bar_layout(data, font, rect.width())
    top = rect.top() + MARGIN + lay.title_h + len(lay.legend_rows) * lay.line_h
    return [
        QRect(rect.left(), top + i * lay.row_h, rect.width(), lay.row_h)
        for i in range(len(data.bars))
    ]


def paint_bars(p: QPainter, rect: QRect, data: BarChartData, font: QFont) -> None:
    """Draw ``data`` in ``rect`` (its height from :func:`bar_chart_height`)."""
    lay = _bar_layout(data, font, rect.width())
    fm = QFontMetrics(font)
    text_colour = QColor("#202020")
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    x0, y = rect.left() + MARGIN, rect.top() + MARGIN
    right = rect.right() - MARGIN
    p.setFont(_bold(font))
    p.setPen(text_colour)
    p.drawText(QRect(x0, y, right - x0, lay.title_h), Qt.AlignmentFlag.AlignLeft, data.title)
    y += lay.title_h
    p.setFont(font)
    for row in lay.legend_rows:
        x = x0
        for i in row:
            name, kind = data.legend[i]
            p.fillRect(QRect(x, y + (lay.line_h - SWATCH) // 2, SWATCH, SWATCH), kind_colour(kind))
            x += SWATCH + 4
            w = _text_width(fm, name)
            p.setPen(text_colour)
            p.drawText(QRect(x, y, w, lay.line_h), Qt.AlignmentFlag.AlignVCenter, name)
            x += w + 12
        y += lay.line_h
    if not data.bars:
        p.setPen(QColor(states.COLOURS[states.NEUTRAL]))
        p.drawText(
            QRect(x0, y, right - x0, lay.row_h), Qt.AlignmentFlag.AlignVCenter, data.empty_text
        )
        y += lay.row_h
    scale = data.scale or max((b.total for b in data.bars), default=0) or 1.0
    bar_x = x0 + lay.label_w + GAP
    bar_w = max(1, right - lay.value_w - GAP - bar_x)
    bar_h = max(6, lay.row_h - 8)
    track = QColor("#eeeeee")
    for bar in data.bars:
        p.setPen(text_colour)
        p.drawText(
            QRect(x0, y, lay.label_w, lay.row_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            bar.label,
        )
        by = y + (lay.row_h - bar_h) // 2
        p.fillRect(QRectF(bar_x, by, bar_w, bar_h), track)
        sx = float(bar_x)
        for seg in bar.segments:
            sw = bar_w * max(0.0, seg.value) / scale
            if sw > 0:
                # at least a pixel: a small share is still seen
                p.fillRect(QRectF(sx, by, max(sw, 1.0), bar_h), kind_colour(seg.kind))
            sx += sw
        p.setPen(text_colour)
        p.drawText(
            QRect(right - lay.value_w, y, lay.value_w, lay.row_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            bar.value_text,
        )
        y += lay.row_h
    if data.note:
        p.setPen(QColor(states.COLOURS[states.NEUTRAL]))
        p.drawText(
            QRect(x0, y + 4, right - x0, lay.note_h),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            data.note,
        )
    p.restore()


# ---- day columns ------------------------------------------------------------------------------
def _nice_step(top: float) -> float:
    """A round step for about four grid lines up to ``top``."""
    raw = max(top, 1.0) / 4
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return float(m * mag)
    return float(10 * mag)


def _grid(data: ColumnChartData) -> tuple[float, list[float]]:
    top = max((c.back for c in data.columns), default=0.0)
    step = _nice_step(top)
    lines = [step * i for i in range(0, math.ceil(max(top, 1.0) / step) + 1)]
    return lines[-1] or 1.0, lines


def _fmt(v: float) -> str:
    return f"{int(v):,}"


def column_chart_height(data: ColumnChartData, font: QFont) -> int:
    fm = QFontMetrics(font)
    # title, legend, half a line for the top grid value's label, the columns, the day labels
    return (
        MARGIN
        + (QFontMetrics(_bold(font)).height() + 8)
        + (fm.height() + 4)
        + fm.height() // 2
        + PLOT_H
        + (fm.height() + 6)
        + MARGIN
    )


def min_column_width(data: ColumnChartData, font: QFont) -> int:
    fm = QFontMetrics(font)
    _, lines = _grid(data)
    axis = max((_text_width(fm, _fmt(v)) for v in lines), default=0)
    legend = sum(SWATCH + 4 + _text_width(fm, n) + 12 for n in (data.back_name, data.front_name))
    widest_label = max((_text_width(fm, c.label) for c in data.columns), default=0)
    widths = [
        axis + GAP + max(len(data.columns) * 6, widest_label * 2),
        _text_width(QFontMetrics(_bold(font)), data.title),
        legend,
    ]
    return max(widths) + 2 * MARGIN


def _column_geometry(
    data: ColumnChartData, font: QFont, rect: QRect
) -> tuple[QRect, list[QRectF], int]:
    """The plot area, each column's slot, the axis labels' width."""
    fm = QFontMetrics(font)
    _, lines = _grid(data)
    axis = max((_text_width(fm, _fmt(v)) for v in lines), default=0)
    top = rect.top() + MARGIN + QFontMetrics(_bold(font)).height() + 8 + fm.height() + 4
    top += fm.height() // 2  # the top grid value's label is centred on its line
    bottom = top + PLOT_H
    left = rect.left() + MARGIN + axis + GAP
    # room for half the newest day's label, centred under the last column
    widest = max((_text_width(fm, c.label) for c in data.columns), default=0)
    right = rect.right() - MARGIN - widest // 2
    plot = QRect(left, top, max(1, right - left), bottom - top)
    n = max(1, len(data.columns))
    slot = plot.width() / n
    slots = [QRectF(plot.left() + i * slot, plot.top(), slot, plot.height()) for i in range(n)]
    return plot, slots[: len(data.columns)], axis


def column_labels(data: ColumnChartData, font: QFont, rect: QRect) -> list[tuple[int, QRectF]]:
    """(column, rectangle) of the day labels drawn under the columns: every k-th day, counted
    back from the newest, so that neighbouring labels never overlap."""
    fm = QFontMetrics(font)
    plot, slots, _ = _column_geometry(data, font, rect)
    widest = max((_text_width(fm, c.label) for c in data.columns), default=1)
    every = 1
    while slots and every * slots[0].width() < widest + 6:
        every += 1
    out = []
    for i, slot in enumerate(slots):
        if (len(slots) - 1 - i) % every == 0:
            r = QRectF(
                slot.center().x() - widest / 2 - 3, plot.bottom() + 3, widest + 6, fm.height() + 2
            )
            out.append((i, r))
    return out


def paint_columns(p: QPainter, rect: QRect, data: ColumnChartData, font: QFont) -> None:
    fm = QFontMetrics(font)
    text_colour = QColor("#202020")
    grey = QColor(states.COLOURS[states.NEUTRAL])
    p.save()
    x0, y = rect.left() + MARGIN, rect.top() + MARGIN
    title_h = QFontMetrics(_bold(font)).height() + 8
    p.setFont(_bold(font))
    p.setPen(text_colour)
    p.drawText(
        QRect(x0, y, rect.width() - 2 * MARGIN, title_h), Qt.AlignmentFlag.AlignLeft, data.title
    )
    y += title_h
    p.setFont(font)
    x = x0
    back, front = kind_colour(data.back_kind + "-light"), kind_colour(data.front_kind)
    for name, colour in ((data.back_name, back), (data.front_name, front)):
        if not name:
            continue
        line_h = fm.height() + 4
        p.fillRect(QRect(x, y + (line_h - SWATCH) // 2, SWATCH, SWATCH), colour)
        x += SWATCH + 4
        w = _text_width(fm, name)
        p.setPen(text_colour)
        p.drawText(QRect(x, y, w, line_h), Qt.AlignmentFlag.AlignVCenter, name)
        x += w + 12
    plot, slots, axis = _column_geometry(data, font, rect)
    top_value, lines = _grid(data)
    for v in lines:
        gy = plot.bottom() - plot.height() * v / top_value
        p.setPen(QColor("#e4e4e4"))
        p.drawLine(plot.left(), int(gy), plot.right(), int(gy))
        p.setPen(grey)
        p.drawText(
            QRect(x0, int(gy - fm.height() / 2), axis, fm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            _fmt(v),
        )
    if not data.columns:
        p.setPen(grey)
        p.drawText(plot, Qt.AlignmentFlag.AlignCenter, data.empty_text)
    for col, slot in zip(data.columns, slots, strict=True):
        cw = max(1.0, slot.width() * 0.7)
        cx = slot.left() + (slot.width() - cw) / 2
        for value, colour in ((col.back, back), (col.front, front)):
            h = plot.height() * max(0.0, value) / top_value
            if h > 0:
                p.fillRect(QRectF(cx, plot.bottom() - h, cw, max(h, 1.0)), colour)
    p.setPen(text_colour)
    for i, label_rect in column_labels(data, font, rect):
        p.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, data.columns[i].label)
    p.restore()


# ---- the widgets ------------------------------------------------------------------------------
class _Chart(QWidget):
    paint_done = Signal()  # after each paint (the report view times its charts' first paint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.painted = 0  # paint events handled (tests and the benchmark wait on it)

    def _accessible(self, data: BarChartData | ColumnChartData) -> None:
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(describe(data))
        self.setToolTip("")

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#ffffff"))
        self._paint(p)
        p.end()
        self.painted += 1
        self.paint_done.emit()

    def _paint(self, p: QPainter) -> None:
        raise NotImplementedError

    def _tip_at(self, pos: QPoint) -> str:
        raise NotImplementedError

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            tip = self._tip_at(e.pos())
            if tip:
                QToolTip.showText(e.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)


class BarChart(_Chart):
    """A horizontal bar chart (one bar per entry, each of one or more segments)."""

    def __init__(self, data: BarChartData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data or BarChartData("")
        self.set_data(self.data)

    def set_data(self, data: BarChartData) -> None:
        self.data = data
        self._accessible(data)
        self.updateGeometry()
        self.update()

    def minimumSizeHint(self) -> QSize:
        w = min_bar_width(self.data, self.font())
        return QSize(w, bar_chart_height(self.data, self.font(), w))

    def sizeHint(self) -> QSize:
        w = max(self.minimumSizeHint().width(), 420)
        return QSize(w, bar_chart_height(self.data, self.font(), w))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return bar_chart_height(self.data, self.font(), width)

    def resizeEvent(self, event: object) -> None:
        # the legend may wrap to another line at this width
        if self.height() != self.heightForWidth(self.width()):
            self.setMinimumHeight(self.heightForWidth(self.width()))
            self.updateGeometry()

    def _paint(self, p: QPainter) -> None:
        paint_bars(p, self.rect(), self.data, self.font())

    def _tip_at(self, pos: QPoint) -> str:
        for bar, r in zip(
            self.data.bars, _bar_rects(self.data, self.font(), self.rect()), strict=True
        ):
            if r.contains(pos):
                return bar.words()
        return ""


class ColumnChart(_Chart):
    """Columns side by side (one a day): the back value, and the front value over its lower
    part (sent, and delivered of them)."""

    def __init__(self, data: ColumnChartData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data or ColumnChartData("")
        self.set_data(self.data)

    def set_data(self, data: ColumnChartData) -> None:
        self.data = data
        self._accessible(data)
        self.setFixedHeight(column_chart_height(data, self.font()))
        self.updateGeometry()
        self.update()

    def minimumSizeHint(self) -> QSize:
        return QSize(
            min_column_width(self.data, self.font()), column_chart_height(self.data, self.font())
        )

    def sizeHint(self) -> QSize:
        return QSize(max(640, self.minimumSizeHint().width()), self.minimumSizeHint().height())

    def _paint(self, p: QPainter) -> None:
        paint_columns(p, self.rect(), self.data, self.font())

    def _tip_at(self, pos: QPoint) -> str:
        _, slots, _ = _column_geometry(self.data, self.font(), self.rect())
        for col, slot in zip(self.data.columns, slots, strict=True):
            if slot.left() <= pos.x() < slot.right():
                return col.tooltip
        return ""


# ---- pictures ---------------------------------------------------------------------------------
def bar_chart_image(data: BarChartData, font: QFont, width: int) -> QImage:
    """``data`` drawn on a white picture ``width`` pixels wide (at least its minimum width)."""
    width = max(width, min_bar_width(data, font))
    image = QImage(width, bar_chart_height(data, font, width), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    paint_bars(p, image.rect(), data, font)
    p.end()
    return image

"""The jobs list of 发送记录: the newest jobs with their counts (a plain list model).

:func:`load_jobs` runs in an op: ``Engine.jobs()`` (three grouped queries, whatever the number
of jobs) plus one query for the texts. The model then only formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ...core import attention
from ...core.automation.rules import rule_of_note
from ...core.history import JobText, job_texts
from ...core.identity import Identity
from ..i18n import pick
from . import states

if TYPE_CHECKING:
    from ...core.jobs.engine import Engine
    from ...core.jobs.model import JobSummary

Index = QModelIndex | QPersistentModelIndex
JOBS_LIMIT = 5000  # newest jobs listed (the list stays small; older ones stay in the store)

COLUMNS: list[tuple[str, object]] = [
    ("job_id", QT_TRANSLATE_NOOP("JobsModel", "编号")),
    ("created_at", QT_TRANSLATE_NOOP("JobsModel", "创建时间")),
    ("account", QT_TRANSLATE_NOOP("JobsModel", "账户")),
    ("kind", QT_TRANSLATE_NOOP("JobsModel", "类型")),
    ("created_by", QT_TRANSLATE_NOOP("JobsModel", "创建者")),
    ("state", QT_TRANSLATE_NOOP("JobsModel", "状态")),
    ("outcome", QT_TRANSLATE_NOOP("JobsModel", "结果")),
    ("recipients", QT_TRANSLATE_NOOP("JobsModel", "号码数")),
    ("accepted", QT_TRANSLATE_NOOP("JobsModel", "已提交")),
    ("rejected", QT_TRANSLATE_NOOP("JobsModel", "被拒")),
    ("unknown", QT_TRANSLATE_NOOP("JobsModel", "结果未知")),
    ("skipped", QT_TRANSLATE_NOOP("JobsModel", "跳过")),
    ("queued", QT_TRANSLATE_NOOP("JobsModel", "待发")),
    ("send_at", QT_TRANSLATE_NOOP("JobsModel", "定时")),
    ("text", QT_TRANSLATE_NOOP("JobsModel", "内容")),
]
KEYS = [k for k, _ in COLUMNS]
COUNT_KEYS = ("recipients", "accepted", "rejected", "unknown", "skipped", "queued")
WIDTHS = (48, 140, 110, 60, 160, 90, 100, 60, 52, 52, 52, 52, 52, 120, 160)  # the text stretches
ICON_COLUMNS = (KEYS.index("outcome"),)


# the widest a stored time shows ("2026-12-06 07:55:00"): the time columns fit it in any font
TIME_SAMPLE = "0000-00-00 00:00:00"


def column_labels() -> dict[int, list[str]]:
    """The fixed texts of the state and outcome columns (their widths fit the longest), and a
    time for the creation and schedule columns (the schedule's was clipped to "07:5…")."""
    return {
        KEYS.index("created_at"): [TIME_SAMPLE],
        KEYS.index("kind"): [states.kind_label(k, True) for k in states.JOB_KINDS],
        KEYS.index("state"): [
            *states.labels(states.JOB_STATES),
            states.tr(str(states.WINDOW_HELD)),
        ],
        KEYS.index("outcome"): states.labels(states.OUTCOMES),
        KEYS.index("send_at"): [TIME_SAMPLE],
    }


@dataclass
class JobRow:
    summary: JobSummary
    text: JobText | None

    @property
    def job_id(self) -> int:
        return self.summary.job_id


def load_jobs(
    engine: Engine, limit: int = JOBS_LIMIT, created_by: Identity | None = None
) -> list[JobRow]:
    """In an op: the newest jobs, their counts and texts (``created_by``: only the jobs this
    user created on this PC, 只看我的: filtered in SQL, so the newest of *those* are listed)."""
    summaries = engine.jobs(limit, created_by)
    texts = job_texts(engine.db, [s.job_id for s in summaries])
    return [JobRow(s, texts.get(s.job_id)) for s in summaries]


def _tr(text: str) -> str:
    return QCoreApplication.translate("JobsModel", text)


def who(by: Identity | None) -> str:
    """A user and PC as 发送记录 shows them (``张三@FRONT-DESK``); "" when not recorded."""
    return "" if by is None else str(by)


def who_did_what(s: JobSummary) -> str:
    """One line of who created, started, paused and cancelled the job, and when (the details
    pane); "" for a job made before the program recorded it."""
    parts = []
    if s.created_by is not None:
        parts.append(
            _tr("%1 创建于 %2").replace("%1", who(s.created_by)).replace("%2", s.created_at)
        )
    for action, label in (
        (s.started, _tr("%1 开始于 %2")),
        (s.paused, _tr("%1 暂停于 %2")),
        (s.cancelled, _tr("%1 取消于 %2")),
    ):
        if action is not None:
            parts.append(label.replace("%1", who(action.by)).replace("%2", action.at or ""))
    return _tr("；").join(parts)


class JobsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[JobRow] = []

    def set_rows(self, rows: list[JobRow]) -> None:
        """Replace the rows; a row whose job is already listed is updated in place when the
        ids are the same (no reset: the selection and the scroll position stay)."""
        if [r.job_id for r in rows] == [r.job_id for r in self.rows]:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(KEYS) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, job_id: int) -> int:
        for i, r in enumerate(self.rows):
            if r.job_id == job_id:
                return i
        return -1

    # ---- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(KEYS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(str(COLUMNS[section][1]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        s = r.summary
        key = KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(r, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and (key in COUNT_KEYS or key == "job_id"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if key == "outcome" and s.outcome is not None:
            kind = states.kind(states.OUTCOMES, s.outcome)
            if role == Qt.ItemDataRole.ForegroundRole:
                return states.colour(kind)
            if role == Qt.ItemDataRole.DecorationRole:
                return states.icon(kind)
        if key == "state" and role == Qt.ItemDataRole.ForegroundRole:
            return states.colour(states.kind(states.JOB_STATES, states.job_state(s)))
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "text" and r.text is not None:
                return r.text.text
            if key == "state" and s.error:
                return pick(s.error)
            if key == "created_by":
                return who_did_what(s) or None  # the whole line, as the details pane shows
            if key in ("outcome", "accepted", "unknown", "rejected"):  # what needs attention
                return attention.report(s).pick(states.current_lang()) if s.outcome else None
        return None

    @staticmethod
    def display(r: JobRow, key: str) -> str:
        s = r.summary
        if key == "state":
            if s.state == "held" and s.held_for == "window":
                return states.tr(str(states.WINDOW_HELD))
            return states.label(states.JOB_STATES, states.job_state(s))
        if key == "kind":
            return states.kind_label(s.kind, s.test)
        if key == "outcome":
            return states.label(states.OUTCOMES, s.outcome)
        if key == "text":
            if r.text is None:
                return ""
            text = r.text.text.replace("\n", " ")
            if r.text.template_id:
                text = _tr("模板") + f" {r.text.template_id}: {text}"
            rule = rule_of_note(r.text.note)
            if rule is not None:  # a run of an automation rule carries the rule's name
                text = "〔" + _tr("自动化：%1").replace("%1", rule) + "〕" + text
            return text[:200]
        if key == "queued":  # 待发: queued, and in flight while the job runs
            return f"{s.queued + s.sending:,}"
        if key in COUNT_KEYS:
            return f"{getattr(s, key):,}"
        if key == "created_by":
            return who(s.created_by)
        value = getattr(s, key)
        return "" if value is None else str(value)

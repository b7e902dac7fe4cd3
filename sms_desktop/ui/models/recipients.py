"""A job's recipients as a :class:`~.lazy_table.RowSource`: 100k rows, fetched a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from ...core import history
from ...core.textsafe import printable, quoted, readable
from ..i18n import pick
from . import states

if TYPE_CHECKING:
    from ...core.store import Database

COLUMNS: list[tuple[str, object]] = [
    ("seq", QT_TRANSLATE_NOOP("Recipients", "序号")),
    ("phone", QT_TRANSLATE_NOOP("Recipients", "号码")),
    ("name", QT_TRANSLATE_NOOP("Recipients", "姓名")),
    ("state", QT_TRANSLATE_NOOP("Recipients", "状态")),
    ("code", QT_TRANSLATE_NOOP("Recipients", "网关代码")),
    ("vendor_text", QT_TRANSLATE_NOOP("Recipients", "网关原文")),
    ("report", QT_TRANSLATE_NOOP("Recipients", "报告代码")),
    ("report_time", QT_TRANSLATE_NOOP("Recipients", "报告时间")),
    ("message", QT_TRANSLATE_NOOP("Recipients", "说明")),
    ("account", QT_TRANSLATE_NOOP("Recipients", "发送账户")),
    ("gateway_id", QT_TRANSLATE_NOOP("Recipients", "网关编号")),
    ("updated_at", QT_TRANSLATE_NOOP("Recipients", "更新时间")),
]
KEYS = [k for k, _ in COLUMNS]
STATE_COL = KEYS.index("state")
WIDTHS = (56, 110, 90, 150, 110, 160, 70, 140, 260, 120, 130, 150)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Recipients", text)


def state_text(row: dict[str, Any]) -> str:
    text = states.label(states.MSG_STATES, row["state"])
    if row["state"] == "skipped" and row.get("code") in states.SKIP_REASONS:
        text = states.with_note(text, states.tr(str(states.SKIP_REASONS[row["code"]])))
    return text


def column_labels() -> dict[int, list[str]]:
    """The state column's texts, skip reasons included (its width fits the longest)."""
    texts = states.labels(states.MSG_STATES)
    texts += [state_text({"state": "skipped", "code": code}) for code in states.SKIP_REASONS]
    return {STATE_COL: texts}


def in_language(text: str, lang: str) -> str:
    """The core's explanations are "中文 / English": the user's half (:func:`..i18n.pick`)."""
    return pick(text, lang)


class JobRecipients:
    """The recipients of one job, optionally only those in some states, in send order."""

    def __init__(
        self,
        db: Database,
        job_id: int,
        states_: Sequence[str] | None = None,
        lang: str = "zh_CN",
    ) -> None:
        self.db = db
        self.job_id = job_id
        self.states = tuple(states_) if states_ else None
        self.lang = lang

    def column_count(self) -> int:
        return len(COLUMNS)

    def header(self, column: int) -> str:
        return _tr(str(COLUMNS[column][1]))

    def keys(self) -> Sequence[int]:
        return history.message_ids(self.db, self.job_id, self.states)

    def rows(self, keys: Sequence[int]) -> Sequence[Any]:
        return history.messages_by_ids(self.db, keys)

    def cell(self, row: dict[str, Any] | None, column: int, role: int) -> Any:
        if row is None:
            return _tr("（已删除）") if role == Qt.ItemDataRole.DisplayRole else None
        key = KEYS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key, self.lang)
        if key == "state":
            kind = states.kind(states.MSG_STATES, row["state"])
            if role == Qt.ItemDataRole.ForegroundRole:
                return states.colour(kind)
            if role == Qt.ItemDataRole.DecorationRole:
                return states.icon(kind)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("vendor_text", "message", "report"):
            if key == "vendor_text" and row.get("vendor_text"):
                # the gateway's words exactly, control characters made visible (\x1b)
                return printable(str(row["vendor_text"]), 2000)
            text = self.display(row, key, self.lang)
            return text or None
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "seq":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def display(row: dict[str, Any], key: str, lang: str = "zh_CN") -> str:
        if key == "message":
            text = in_language(str(row.get("message") or ""), lang)
            # (explanations stored by older versions may quote a garbled reply)
            return (text if readable(text) else printable(text, None)).replace("\n", " ")[:300]
        if key == "vendor_text" and row.get("vendor_text"):
            # bytes that do not read as text are summarised (the tooltip has them escaped)
            zh, en = quoted(str(row["vendor_text"]), 300)
            return en if lang == "en" else zh
        if key == "state":
            return state_text(row)
        if key == "report":
            return str(row.get("report_status") or "")
        if key == "code" and row["state"] == "skipped":
            return ""  # a skip reason, not a vendor code: shown in the state
        value = row.get(key)
        if value is None:
            return ""
        return str(value).replace("\n", " ")[:300]

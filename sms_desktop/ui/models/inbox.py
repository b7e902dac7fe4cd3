"""The inbox as :class:`~.lazy_table.RowSource`\\ s: replies, and delivery reports (all, or only
those that matched no message of this app), newest first, keys first (``store.inbox.inbox_ids``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont

from ...core.store import inbox
from . import states

if TYPE_CHECKING:
    from ...core.store import Database
    from ...core.store.inbox import InboxFilter

REPLY_COLUMNS: list[tuple[str, object]] = [
    ("time", QT_TRANSLATE_NOOP("Inbox", "时间")),
    ("phone", QT_TRANSLATE_NOOP("Inbox", "号码")),
    ("content", QT_TRANSLATE_NOOP("Inbox", "回复内容")),
    ("opt_out", QT_TRANSLATE_NOOP("Inbox", "退订")),
    ("blacklist", QT_TRANSLATE_NOOP("Inbox", "黑名单")),
    ("account", QT_TRANSLATE_NOOP("Inbox", "账户")),
]
REPLY_WIDTHS = (150, 120, 330, 90, 130, 120)
REPORT_COLUMNS: list[tuple[str, object]] = [
    ("time", QT_TRANSLATE_NOOP("Inbox", "时间")),
    ("phone", QT_TRANSLATE_NOOP("Inbox", "号码")),
    ("status", QT_TRANSLATE_NOOP("Inbox", "状态报告")),
    ("matched", QT_TRANSLATE_NOOP("Inbox", "对应的发送")),
    ("gateway_id", QT_TRANSLATE_NOOP("Inbox", "网关编号")),
    ("account", QT_TRANSLATE_NOOP("Inbox", "账户")),
]
REPORT_WIDTHS = (150, 120, 150, 200, 170, 120)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Inbox", text)


def reply_labels() -> dict[int, list[str]]:
    """The fixed texts of the replies' opt-out and blacklist columns (their widths fit them)."""
    keys = [k for k, _ in REPLY_COLUMNS]
    return {
        keys.index("opt_out"): [_tr("退订")],
        keys.index("blacklist"): [
            _tr("不在黑名单"),
            _tr("已拉黑（回复退订）"),
            _tr("已拉黑（导入）"),
            _tr("已拉黑（手动）"),
        ],
    }


REPLY_ICONS = ([k for k, _ in REPLY_COLUMNS].index("opt_out"),)  # drawn with a state icon


def report_labels() -> dict[int, list[str]]:
    """The fixed texts of the reports' matched column."""
    keys = [k for k, _ in REPORT_COLUMNS]
    return {keys.index("matched"): [_tr("无对应发送（网页后台或其他电脑）")]}


def when(row: dict[str, Any]) -> str:
    return str(row.get("time") or row.get("received_at") or "")[:19]


class _InboxSource:
    kind = ""
    columns: ClassVar[list[tuple[str, object]]] = []

    def __init__(self, db: Database, flt: InboxFilter) -> None:
        self.db = db
        self.filter = flt

    def column_count(self) -> int:
        return len(self.columns)

    def header(self, column: int) -> str:
        return _tr(str(self.columns[column][1]))

    def keys(self) -> Sequence[int]:
        return inbox.inbox_ids(self.db, self.kind, self.filter)

    def rows(self, keys: Sequence[int]) -> Sequence[Any]:
        return inbox.inbox_by_ids(self.db, self.kind, keys)

    def display(self, row: dict[str, Any], key: str) -> str:
        raise NotImplementedError

    def colour_kind(self, row: dict[str, Any], key: str) -> str | None:
        return None

    def cell(self, row: dict[str, Any] | None, column: int, role: int) -> Any:
        if row is None:
            return _tr("（已删除）") if role == Qt.ItemDataRole.DisplayRole else None
        key = self.columns[column][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("content", "blacklist", "matched"):
            return self.display(row, key) or None
        kind = self.colour_kind(row, key)
        if kind is not None:
            if role == Qt.ItemDataRole.ForegroundRole:
                return states.colour(kind)
            if role == Qt.ItemDataRole.DecorationRole:
                return states.icon(kind)
        return None


class InboxReplies(_InboxSource):
    kind = "replies"
    columns = REPLY_COLUMNS

    def display(self, row: dict[str, Any], key: str) -> str:
        if key == "time":
            return when(row)
        if key == "opt_out":
            return _tr("退订") if row.get("opt_out") else ""
        if key == "blacklist":
            if not row.get("blacklisted"):
                return _tr("不在黑名单")
            source = row.get("blacklist_source")
            if source == "opt-out":
                return _tr("已拉黑（回复退订）")
            if source == "import":
                return _tr("已拉黑（导入）")
            return _tr("已拉黑（手动）")
        if key == "content":
            return str(row.get("content") or "").replace("\n", " ")[:300]
        return str(row.get(key) or "")

    def colour_kind(self, row: dict[str, Any], key: str) -> str | None:
        if key == "opt_out" and row.get("opt_out"):
            return states.BAD
        if key == "blacklist" and row.get("blacklisted"):
            return states.NEUTRAL
        return None

    def cell(self, row: dict[str, Any] | None, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and row is not None and not row.get("is_read"):
            font = QFont()
            font.setBold(True)  # unread: bold, as in a mail client
            return font
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and row is not None:
            return _tr("未读") if not row.get("is_read") else _tr("已读")
        return super().cell(row, column, role)


class InboxReports(_InboxSource):
    kind = "reports"
    columns = REPORT_COLUMNS

    def display(self, row: dict[str, Any], key: str) -> str:
        if key == "time":
            return when(row)
        if key == "status":
            status = str(row.get("status") or "")
            if row.get("delivered") == 1:
                return states.with_note(_tr("已送达"), status)
            if row.get("delivered") == 0:
                return states.with_note(_tr("未送达"), status)
            return status
        if key == "matched":
            if row.get("matched"):
                return _tr("任务 %1").replace("%1", str(row.get("job_id") or "?"))
            return _tr("无对应发送（网页后台或其他电脑）")
        return str(row.get(key) or "")

    def colour_kind(self, row: dict[str, Any], key: str) -> str | None:
        if key == "status":
            if row.get("delivered") == 1:
                return states.GOOD
            if row.get("delivered") == 0:
                return states.BAD
        if key == "matched" and not row.get("matched"):
            return states.DOUBT
        return None

"""How job states, outcomes and recipient states look: text first, then a colour and an icon.

The text alone tells them apart (readable without colour); the colour and the icon help the eye.
Labels are translated with ``QCoreApplication.translate("States", …)``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QIcon

GOOD, BAD, DOUBT, WAIT, NEUTRAL = "good", "bad", "doubt", "wait", "neutral"

COLOURS = {
    GOOD: "#1b7f3b",
    BAD: "#b00020",
    DOUBT: "#a05a00",
    WAIT: "#2f5f9e",
    NEUTRAL: "#666666",
}

# The background of a reply row in 查看对话: a warm cream, far in hue from the selection blue
# (a blue tint read as "selected"), with the text contrast of a white row (about 17:1).
REPLY_TINT = "#fbf0d9"

# recipient (message) states
MSG_STATES: dict[str, tuple[object, str]] = {
    "queued": (QT_TRANSLATE_NOOP("States", "待发送"), WAIT),
    "sending": (QT_TRANSLATE_NOOP("States", "发送中"), WAIT),
    "accepted": (QT_TRANSLATE_NOOP("States", "网关已接收"), GOOD),
    "delivered": (QT_TRANSLATE_NOOP("States", "已送达"), GOOD),
    "rejected": (QT_TRANSLATE_NOOP("States", "被拒绝"), BAD),
    "undelivered": (QT_TRANSLATE_NOOP("States", "未送达"), BAD),
    "unknown": (QT_TRANSLATE_NOOP("States", "结果未知"), DOUBT),
    "skipped": (QT_TRANSLATE_NOOP("States", "已跳过"), NEUTRAL),
}

# job states (where a job is)
JOB_STATES: dict[str, tuple[object, str]] = {
    "queued": (QT_TRANSLATE_NOOP("States", "待发送"), WAIT),
    "scheduled": (QT_TRANSLATE_NOOP("States", "已交网关定时"), WAIT),
    "held": (QT_TRANSLATE_NOOP("States", "本机定时"), WAIT),
    "overdue": (QT_TRANSLATE_NOOP("States", "逾期待确认"), DOUBT),
    "running": (QT_TRANSLATE_NOOP("States", "发送中"), WAIT),
    "paused": (QT_TRANSLATE_NOOP("States", "已暂停"), DOUBT),
    "interrupted": (QT_TRANSLATE_NOOP("States", "已中断"), DOUBT),
    "cancelled": (QT_TRANSLATE_NOOP("States", "已取消"), NEUTRAL),
    "done": (QT_TRANSLATE_NOOP("States", "已完成"), NEUTRAL),
}

# job outcomes (what its sends came to; core JobOutcome)
OUTCOMES: dict[str, tuple[object, str]] = {
    "ok": (QT_TRANSLATE_NOOP("States", "全部已提交"), GOOD),
    "partial": (QT_TRANSLATE_NOOP("States", "部分成功"), DOUBT),
    "undelivered": (QT_TRANSLATE_NOOP("States", "已提交，部分未送达"), DOUBT),
    "failed": (QT_TRANSLATE_NOOP("States", "失败"), BAD),
    "unknown": (QT_TRANSLATE_NOOP("States", "结果未知"), DOUBT),
    "unfinished": (QT_TRANSLATE_NOOP("States", "未发完"), WAIT),
    # held by the gateway until its own send time (the whole sentence: core attention.at_gateway)
    "at_gateway": (QT_TRANSLATE_NOOP("States", "已提交，网关定时发送"), WAIT),
}

SKIP_REASONS: dict[str, object] = {
    "invalid": QT_TRANSLATE_NOOP("States", "号码无效"),
    "duplicate": QT_TRANSLATE_NOOP("States", "重复号码"),
    "blacklisted": QT_TRANSLATE_NOOP("States", "黑名单"),
    "cancelled": QT_TRANSLATE_NOOP("States", "任务已取消"),
}


# the gateway families' names (the core's ``capabilities.display_name`` is Chinese only)
FAMILY_NAMES: dict[str, object] = {
    "ipyy": QT_TRANSLATE_NOOP("States", "sms.aspx（ipyy 类平台）"),
    "jsm": QT_TRANSLATE_NOOP("States", "迅辰 jsm（httpInterface.do）"),
    "qxt": QT_TRANSLATE_NOOP("States", "qxt（smssenderv2）"),
    "txt112088": QT_TRANSLATE_NOOP("States", "企业短信通 112088（*.asp）"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("States", text)


def current_lang() -> str:
    """The UI's language, for the core's worded texts (``attention.Words.pick``)."""
    from ..i18n import current

    return current() or "zh_CN"


def family_label(family: str) -> str:
    """A gateway family's name in the UI's language (its id for a family not listed here)."""
    found = FAMILY_NAMES.get(family)
    return tr(str(found)) if found else family


def account_label(name: str, family: str) -> str:
    """An account as lists show it: ``演示-ipyy — sms.aspx（ipyy 类平台）``. The family's name has
    brackets of its own, so the account's name is not put in a second pair around it."""
    return f"{name} — {family_label(family)}"


def colon(text: str) -> str:
    """A label's ``text：`` (Chinese) or ``text:`` (English)."""
    return QCoreApplication.translate("States", "%1：").replace("%1", text)


def sentences(first: str, second: str) -> str:
    """Two sentences one after the other: no space in Chinese (after 。), one in English."""
    return QCoreApplication.translate("States", "%1%2").replace("%1", first).replace("%2", second)


def with_note(text: str, note: str) -> str:
    """``text（note）`` in Chinese, ``text (note)`` in English: the brackets of the language."""
    return QCoreApplication.translate("States", "%1（%2）").replace("%1", text).replace("%2", note)


def label(table: dict[str, tuple[object, str]], key: str | None) -> str:
    if key is None:
        return "—"
    found = table.get(key)
    return tr(str(found[0])) if found else key


def job_state(s: Any) -> str:
    """Where a job is, as shown: a finished run whose messages the gateway holds until its own
    send time is still 已交网关定时 (nothing has gone out), not 已完成."""
    return "scheduled" if s.outcome == "at_gateway" else str(s.state)


def labels(table: dict[str, tuple[object, str]]) -> list[str]:
    """Every label of ``table`` in the UI's language (a column's widths, see set_column_widths)."""
    return [tr(str(text)) for text, _ in table.values()]


def kind(table: dict[str, tuple[object, str]], key: str | None) -> str:
    found = table.get(key or "")
    return found[1] if found else NEUTRAL


@cache
def colour(kind_: str) -> QColor:
    return QColor(COLOURS.get(kind_, COLOURS[NEUTRAL]))


# the standard pixmaps by name: QStyle's enums (about 10 ms to build) wait for the first icon
_ICONS = {
    GOOD: "SP_DialogApplyButton",
    BAD: "SP_MessageBoxCritical",
    DOUBT: "SP_MessageBoxWarning",
    WAIT: "SP_BrowserReload",
}


@cache
def icon(kind_: str) -> QIcon:
    """A shape per kind (tick, cross, warning, clock-like): distinguishable without colour."""
    from PySide6.QtWidgets import QApplication, QStyle

    name = _ICONS.get(kind_)
    style = QApplication.style()
    if name is None or style is None:
        return QIcon()
    return style.standardIcon(getattr(QStyle.StandardPixmap, name))

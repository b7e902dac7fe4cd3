"""The compliance guard in the send confirmation (``guardPanel``): the job's kind, confirmed by
the user (通知 / 营销, the text's suggestion preselected), the guard's findings for that kind
(``guardSummary``: the marketing window, the numbers over a frequency cap, the signature, the
opt-out marker with an offer to append it), the window's override and the test send to the
user's own numbers (``testSendCheck``).

It only formats the core's :class:`~sms_desktop.core.guard.GuardReport`; the rules are the
core's.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...core.vendortime import beijing_time

if TYPE_CHECKING:
    from ...core.guard import GuardReport, SignatureFinding

NOTICE, MARKETING = "notice", "marketing"
_BAD = "#a00000"
_WARN = "#7a3e00"


class GuardPanel(QGroupBox):
    changed = Signal()  # the kind or a choice changed: the dialog re-checks its Ok button
    append_optout = Signal()  # the user wants the opt-out marker appended to the text

    def __init__(
        self,
        report: GuardReport,
        own_numbers: tuple[str, ...] = (),
        kind: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("guardPanel")
        self.setTitle(self.tr("发送规则"))
        self.report = report
        self.own_numbers = own_numbers

        self.notice_radio = QRadioButton(self.tr("通知"))
        self.notice_radio.setObjectName("kindNoticeRadio")
        self.notice_radio.setAccessibleName(self.tr("任务类型：通知"))
        self.marketing_radio = QRadioButton(self.tr("营销"))
        self.marketing_radio.setObjectName("kindMarketingRadio")
        self.marketing_radio.setAccessibleName(self.tr("任务类型：营销"))
        group = QButtonGroup(self)
        group.addButton(self.notice_radio)
        group.addButton(self.marketing_radio)
        chosen = kind or report.kind or report.suggestion.kind
        (self.marketing_radio if chosen == MARKETING else self.notice_radio).setChecked(True)
        self.hint = QLabel()
        self.hint.setObjectName("kindHint")
        self.hint.setWordWrap(True)
        if report.suggestion.marketing:
            reasons = []
            if report.suggestion.words:
                reasons.append(
                    self.tr("含“%1”").replace("%1", self.tr("”“").join(report.suggestion.words))
                )
            if report.suggestion.links:
                reasons.append(self.tr("含链接 %1").replace("%1", report.suggestion.links[0]))
            self.hint.setText(
                self.tr("内容%1，像营销短信：请确认类型。").replace(
                    "%1", self.tr("，").join(reasons)
                )
            )
        else:
            self.hint.hide()
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(self.tr("任务类型：")))
        kind_row.addWidget(self.notice_radio)
        kind_row.addWidget(self.marketing_radio)
        kind_row.addStretch(1)

        self.summary = QLabel()
        self.summary.setObjectName("guardSummary")
        self.summary.setAccessibleName(self.tr("发送规则的检查结果"))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.optout_button = QPushButton()
        self.optout_button.setObjectName("addOptOutButton")
        self.optout_button.setAccessibleName(self.tr("在内容末尾加上退订提示"))
        self.optout_button.clicked.connect(self.append_optout)
        self.ignore_window = QCheckBox(self.tr("忽略营销时段（记录在任务上）"))
        self.ignore_window.setObjectName("ignoreWindowCheck")
        self.ignore_window.setAccessibleName(self.tr("忽略营销时段"))
        self.test_send = QCheckBox()
        self.test_send.setObjectName("testSendCheck")
        self.test_send.setAccessibleName(self.tr("先发给自己"))
        if own_numbers:
            n = min(3, len(own_numbers))
            self.test_send.setText(
                self.tr("先发给自己：前 %Ln 条个性化短信发到 %1，确认无误后再群发", "", n).replace(
                    "%1", self.tr("、").join(own_numbers[:n])
                )
            )
        else:
            self.test_send.setText(self.tr("先发给自己（请先在 设置 → 发送规则 中填写本人号码）"))
            self.test_send.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(kind_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.optout_button)
        layout.addWidget(self.ignore_window)
        layout.addWidget(self.test_send)
        self.notice_radio.toggled.connect(self._changed)
        self.ignore_window.toggled.connect(self._changed)
        self.test_send.toggled.connect(self.changed)
        self._show()

    # ---- the user's choices -----------------------------------------------------------------
    def kind(self) -> str:
        return MARKETING if self.marketing_radio.isChecked() else NOTICE

    def ignores_window(self) -> bool:
        return self.kind() == MARKETING and self.ignore_window.isChecked()

    def wants_test(self) -> bool:
        return self.test_send.isEnabled() and self.test_send.isChecked()

    def blocking(self) -> str:
        """Why the send cannot be confirmed as chosen ("" when it can)."""
        if self.report.needs_optout(self.kind()):
            return self.tr("营销短信须以退订提示结尾：请先加上。")
        return ""

    @Slot()
    def _changed(self) -> None:
        self._show()
        self.changed.emit()

    # ---- the findings -----------------------------------------------------------------------
    def _when(self, t: datetime) -> str:
        text = t.strftime("%Y-%m-%d %H:%M")
        bj = beijing_time(t)
        if bj is not None:
            text += self.tr("（本机时间；北京时间 %1）").replace(
                "%1", bj.strftime("%Y-%m-%d %H:%M")
            )
        return text

    def lines(self) -> list[tuple[str, str]]:
        """(text, colour) of each finding for the chosen kind."""
        r, kind = self.report, self.kind()
        out: list[tuple[str, str]] = []
        if kind == MARKETING and not r.test:
            window = self.tr("营销时段 %1（北京时间）").replace("%1", r.window.text())
            if self.ignore_window.isChecked():
                out.append((self.tr("%1：已忽略（记录在任务上）。").replace("%1", window), _WARN))
            elif r.opens_at is not None:
                out.append(
                    (
                        self.tr("%1：现在不在时段内，任务将保留到 %2 再发出。")
                        .replace("%1", window)
                        .replace("%2", self._when(r.opens_at)),
                        _WARN,
                    )
                )
            elif r.closes_at is not None:
                out.append(
                    (
                        self.tr("%1：%2 时段结束，未发完的部分暂停，下一个时段继续。")
                        .replace("%1", window)
                        .replace("%2", self._when(r.closes_at)),
                        "",
                    )
                )
        capped = r.capped_count(kind)
        if capped is not None and capped.total:
            rules = {
                "marketing_day": self.tr("每天营销 %1 条"),
                "marketing_week": self.tr("7 天营销 %1 条"),
                "any_day": self.tr("每天共 %1 条"),
            }
            detail = self.tr("、").join(
                rules[rule].replace("%1", str(getattr(r.caps, rule))) + f" {n:,}"
                for rule, n in capped.by_rule.items()
            )
            out.append(
                (
                    self.tr(
                        "频次限制：%Ln 个号码超出限制，将跳过（%1）。", "", capped.total
                    ).replace("%1", detail),
                    _WARN,
                )
            )
        elif capped is not None:
            out.append((self.tr("频次限制：没有号码超出限制。"), ""))
        for f in r.signature:
            out.append((self._signature(f), _WARN))
        if r.needs_optout(kind):
            out.append(
                (
                    self.tr("营销短信须以“%1”结尾；加上后每条最多 %2 字，计 %3 条，共 %4 条。")
                    .replace("%1", r.optout)
                    .replace("%2", f"{r.optout_chars:,}")
                    .replace("%3", f"{r.optout_parts:,}")
                    .replace("%4", f"{r.optout_total_parts:,}"),
                    _BAD,
                )
            )
        return out

    def _signature(self, f: SignatureFinding) -> str:
        texts = {
            "none": self.tr("没有签名：运营商要求短信带【签名】，请在账户中设置。"),
            "missing": self.tr("内容带有 %2，账户的签名 %1 不会再加上。"),
            "twice": self.tr("签名 %1 在短信中出现了两次。"),
            "second": self.tr("内容中还有一个签名 %2：一条短信只能有一个签名。"),
            "too_short": self.tr("签名 %1 太短：该通道要求至少 %3 个字。"),
            "too_long": self.tr("签名 %1 太长：该通道最多 %3 个字。"),
        }
        return (
            texts.get(f.code, f.code)
            .replace("%1", f.signature)
            .replace("%2", f.other)
            .replace("%3", str(f.limit))
        )

    def _show(self) -> None:
        lines = self.lines()
        if not lines:
            self.summary.setText(self.tr("未发现问题。"))
        else:
            self.summary.setText(
                "<br>".join(
                    f'<span style="color:{colour}">• {_html(text)}</span>'
                    if colour
                    else f"• {_html(text)}"
                    for text, colour in lines
                )
            )
        marketing = self.kind() == MARKETING and not self.report.test
        self.ignore_window.setVisible(marketing)
        needs = self.report.needs_optout(self.kind())
        self.optout_button.setVisible(needs)
        self.optout_button.setText(self.tr("加上“%1”").replace("%1", self.report.optout))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

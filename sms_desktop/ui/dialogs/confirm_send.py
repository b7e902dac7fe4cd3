"""The confirmation before a send (``confirmSendDialog``): every total the user agrees to.

Nothing is stored or sent before its Ok button: the compose tab creates the job only from
``accepted``. While a sender service runs on this store, 由服务器发送 (``confirmByServer``) hands
the job to it, so this PC may be switched off. The dialog is opened with ``open()`` (window-modal, not blocking the event loop),
so scripts and tests find it by its objectName and press Ok or Cancel.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...core.vendortime import beijing_time
from ..widgets.guard_panel import GuardPanel

if TYPE_CHECKING:
    from ...core.balances import AccountBalance
    from ...core.estimate import Estimate
    from ...core.service import ServiceInfo


def _range(lo: int, hi: int) -> str:
    return f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"


def age_text(read_at: str, now: datetime | None = None) -> str:
    """How long ago a balance was read: 刚刚, 5 分钟前, 3 小时前, 2 天前."""
    try:
        then = datetime.strptime(read_at, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return read_at
    seconds = max(0, int(((now or datetime.now()) - then).total_seconds()))
    if seconds < 60:
        return QCoreApplication.translate("ConfirmSendDialog", "刚刚")
    if seconds < 3600:
        return QCoreApplication.translate("ConfirmSendDialog", "%Ln 分钟前", "", seconds // 60)
    if seconds < 86400:
        return QCoreApplication.translate("ConfirmSendDialog", "%Ln 小时前", "", seconds // 3600)
    return QCoreApplication.translate("ConfirmSendDialog", "%Ln 天前", "", seconds // 86400)


class ConfirmSendDialog(QDialog):
    def __init__(
        self,
        est: Estimate,
        *,
        backup: str | None = None,
        gateway_schedule: bool = False,
        own_numbers: tuple[str, ...] = (),
        kind: str | None = None,
        service: ServiceInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``service``: the live sender service that takes jobs (由服务器发送), if any."""
        super().__init__(parent)
        self.setObjectName("confirmSendDialog")
        self.setWindowTitle(self.tr("确认发送"))
        self.setAccessibleName(self.tr("确认发送"))
        self.est = est
        form = QFormLayout()
        form.setObjectName("confirmTotals")

        def row(label: str, value: str, name: str) -> QLabel:
            lab = QLabel(value)
            lab.setObjectName(name)
            lab.setWordWrap(True)
            form.addRow(label, lab)
            return lab

        account = est.account + (self.tr("（备用：%1）").replace("%1", backup) if backup else "")
        row(self.tr("账户："), account, "confirmAccount")
        c = est.counts()
        row(self.tr("号码："), f"{c['recipients']:,}", "confirmRecipients")
        row(self.tr("将发送："), f"{c['valid']:,}", "confirmValid")
        skipped = []
        for key, label in (
            ("invalid", lambda n: self.tr("无效 %Ln", "", n)),
            ("duplicate", lambda n: self.tr("重复 %Ln", "", n)),
            ("blacklisted", lambda n: self.tr("黑名单 %Ln", "", n)),
            ("empty_field", lambda n: self.tr("缺少字段 %Ln", "", n)),
        ):
            if c[key]:
                skipped.append(label(c[key]))
        row(
            self.tr("跳过："),
            self.tr("、").join(skipped) if skipped else self.tr("无"),
            "confirmSkipped",
        )
        row(
            self.tr("每条字数："),
            self.tr("%1 字，", "", est.chars_max).replace(
                "%1", _range(est.chars_min, est.chars_max)
            )
            + self.tr("计 %1 条", "", est.parts_max).replace(
                "%1", _range(est.parts_min, est.parts_max)
            ),
            "confirmParts",
        )
        row(self.tr("计费条数："), f"{est.total_parts:,}", "confirmTotalParts")
        # counted in the confirmation's op (Estimate.carriers caches it): no lookup here
        carriers = est.carriers()
        if carriers:
            from ...core.carriers import breakdown_text
            from ..i18n import current as ui_lang

            blocks = row(
                self.tr("号段归属："),
                breakdown_text(carriers, ui_lang() or "zh_CN"),
                "confirmCarriers",
            )
            blocks.setToolTip(
                self.tr(
                    "按号码所在号段最初分配的运营商统计；携号转网的号码现在可能属于另一家运营商。"
                )
            )
        row(self.tr("请求次数："), f"{est.requests:,}", "confirmRequests")
        # read from the gateway as the dialog opens (show_balance), not the figure last seen
        self.balance_label = row(self.tr("余额："), self.tr("正在查询…"), "confirmBalance")
        self.balance_read = False
        if est.send_at is None:
            when = self.tr("立即发送")
        else:
            when = self.tr("定时：%1").replace("%1", est.send_at.strftime("%Y-%m-%d %H:%M"))
            beijing = beijing_time(est.send_at)
            if beijing is not None:  # the gateways' clock, beside the user's own
                when += self.tr("（本机时间；北京时间 %1）").replace(
                    "%1", beijing.strftime("%Y-%m-%d %H:%M")
                )
        row(self.tr("时间："), when, "confirmTime")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.by_server_box: QCheckBox | None = None
        self.held_notice: QLabel | None = None
        if service is not None:
            box = self.by_server_box = QCheckBox(self.tr("由服务器发送"))
            box.setObjectName("confirmByServer")
            box.setAccessibleName(self.tr("由服务器发送"))
            box.setToolTip(
                self.tr("发送服务（主机 %1）发送这个任务，本机可以关机。").replace(
                    "%1", service.host
                )
            )
            layout.addWidget(box)
        if est.held_locally:
            from ..held_words import held_notice

            held = self.held_notice = QLabel(held_notice(est.held_by))
            held.setObjectName("confirmHeldNotice")
            held.setWordWrap(True)
            held.setStyleSheet("QLabel { color: #7a3e00; font-weight: bold; }")
            layout.addWidget(held)
            if self.by_server_box is not None:  # handed to the service, this PC may be off
                self.by_server_box.toggled.connect(lambda on: held.setVisible(not on))
        elif gateway_schedule and est.send_at is not None:
            sched = QLabel(self.tr("定时任务将交给网关保存；交出后，本程序无法再撤回。"))
            sched.setObjectName("confirmGatewayScheduleNotice")
            sched.setWordWrap(True)
            layout.addWidget(sched)
        self.guard: GuardPanel | None = None
        if est.guard is not None:
            self.guard = GuardPanel(est.guard, own_numbers, kind, self)
            self.guard.changed.connect(self._guard_changed)
            layout.addWidget(self.guard)
        preview = est.preview(1)
        if preview:
            first = QLabel(self.tr("第一条：") + preview[0])
            first.setObjectName("confirmPreview")
            first.setWordWrap(True)
            layout.addWidget(first)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        # Sending spends money: it takes a click on 确认发送, its Alt shortcut, or moving the
        # focus to it first. The focus starts on 取消, the default button: Enter, Enter from the
        # 发送… button cancels, never sends.
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("确认发送(&S)"))
        ok.setAccessibleName(self.tr("确认发送"))
        ok.setDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setAccessibleName(self.tr("取消发送"))
        cancel.setDefault(True)
        self.ok_button, self.cancel_button = ok, cancel
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._update_ok()

    # ---- the guard's choices -----------------------------------------------------------------
    def kind(self) -> str | None:
        return self.guard.kind() if self.guard is not None else None

    def ignores_window(self) -> bool:
        return self.guard is not None and self.guard.ignores_window()

    def wants_test(self) -> bool:
        return self.guard is not None and self.guard.wants_test()

    @Slot()
    def _guard_changed(self) -> None:
        self._update_ok()
        self._fit()  # the findings of the other kind may take more lines

    def _update_ok(self) -> None:
        """Ok only for a send the rules allow as chosen (a marketing text needs its marker)."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        why = self.guard.blocking() if self.guard is not None else ""
        ok.setEnabled(not why)
        ok.setToolTip(why)
        # either way it spends money: the same Alt shortcut, never the default button
        if self.guard is not None and self.guard.wants_test():
            ok.setText(self.tr("先发测试(&S)"))
            ok.setAccessibleName(self.tr("先发测试"))
        else:
            ok.setText(self.tr("确认发送(&S)"))
            ok.setAccessibleName(self.tr("确认发送"))

    @property
    def by_server(self) -> bool:
        """由服务器发送 is ticked."""
        return self.by_server_box is not None and self.by_server_box.isChecked()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.cancel_button.setFocus()  # after QDialog gave it to the first button in the chain

    def show_balance(self, row: AccountBalance | None, error: str | None = None) -> None:
        """The balance just read (``row.ok``), or, when the read failed, the last figure known
        with its age beside the reason (``row.error`` or ``error``)."""
        from ..i18n import pick

        self.balance_read = True
        failed = row is None or not row.ok
        reason = error if row is None else (row.error or error)
        messages = None if row is None else row.messages
        label = self.balance_label
        if row is not None and row.postpaid and (row.ok or messages is None):
            label.setText(self.tr("后付费账户（先发后结，无余额限制）"))
            label.setStyleSheet("")
            self._fit()
            return
        if messages is None:
            text = self.tr("未知（查询失败：%1）").replace("%1", pick(reason or ""))
            label.setText(text)
            label.setStyleSheet("QLabel { color: #a00000; }")
            self._fit()
            return
        est = dataclasses.replace(self.est, balance=messages)  # the cost against this figure
        age = age_text(row.known_at or "") if row is not None and row.known_at else ""
        text = (
            self.tr("%1 条（%2查询），发送后约剩 %3 条", "", int(messages))
            .replace("%1", f"{messages:,.0f}")
            .replace("%2", age)
            .replace("%3", f"{est.balance_after or 0:,.0f}")
        )
        if est.exceeds_balance:
            text += self.tr("——余额不足！")
        if failed:
            text += "\n" + self.tr("刚才查询失败：%1").replace("%1", pick(reason or ""))
        label.setText(text)
        self._fit()  # the text may take more lines than "正在查询…" did
        if est.exceeds_balance:
            label.setStyleSheet("QLabel { color: #a00000; font-weight: bold; }")
        elif failed:
            label.setStyleSheet("QLabel { color: #7a3e00; }")

    def show_password_missing(self) -> None:
        """The balance cannot be read: this PC has not kept the account's password yet (it
        joined the office's store); 确认发送 asks for it, unless the job goes to the service."""
        self.balance_read = True
        self.balance_label.setText(
            self.tr("未知：这台电脑还没有保存这个账户的密码（由本机发送时，确认后会请你输入）。")
        )
        self.balance_label.setStyleSheet("QLabel { color: #7a3e00; }")
        self._fit()

    def _fit(self) -> None:
        """As tall as the texts now need at the present width (word-wrapped labels)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        w = self.width()
        h = (
            layout.totalHeightForWidth(w)
            if layout.hasHeightForWidth()
            else self.sizeHint().height()
        )
        self.resize(w, max(h, self.minimumSizeHint().height()))

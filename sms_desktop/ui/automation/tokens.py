"""自动化 → HTTP 接口: the local HTTP API's tokens (made, shown once and copyable, revoked) and
its setting in the window (on or off, its address, its rate per token). Every store call is an
op (``ui/ops.py``); the rules are the core's (:mod:`sms_desktop.core.automation`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.automation import api_server, api_tokens
from ..ops import Op
from ..widgets.table_view import list_table

if TYPE_CHECKING:
    from ..context import AppContext


@dataclass(frozen=True)
class _State:
    settings: api_server.ApiSettings
    tokens: list[api_tokens.ApiToken]
    service_host: str | None  # the live service that runs the API, when one does


def _load(ctx: AppContext) -> _State:
    from ...core.service import Duty, live_service

    db = ctx.db
    service = live_service(db)
    host = service.host if service is not None and Duty.API in service.duties else None
    return _State(api_server.read_settings(db), api_tokens.tokens(db), host)


class ApiTokensPanel(QWidget):
    """The API's setting, and its tokens (``apiTokensView``) with 新建令牌… and 吊销."""

    COLUMNS = 5

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("apiTokensPanel")
        self.tokens: list[api_tokens.ApiToken] = []
        self.loaded = False

        # ---- the setting -----------------------------------------------------------------------
        settings_box = QGroupBox(self.tr("HTTP 接口"))
        self.enabled = QCheckBox(self.tr("在本程序中运行 HTTP 接口"))
        self.enabled.setObjectName("apiEnabled")
        self.enabled.setToolTip(self.tr("让办公系统（预约、订单）通过本机的账户发短信。默认关闭。"))
        self.listen = QLineEdit(api_server.ApiSettings.listen)
        self.listen.setObjectName("apiListen")
        self.listen.setAccessibleName(self.tr("监听地址"))
        self.listen.setToolTip(
            self.tr("127.0.0.1：只有本机的程序能访问。填局域网地址则同一网络的电脑都能访问。")
        )
        self.rate = QSpinBox()
        self.rate.setObjectName("apiRate")
        self.rate.setAccessibleName(self.tr("每个令牌每分钟请求数"))
        self.rate.setRange(1, 100000)
        self.rate.setValue(api_server.RATE_PER_MINUTE)
        self.save_button = QPushButton(self.tr("保存并应用"))
        self.save_button.setObjectName("apiSave")
        self.save_button.clicked.connect(self.save_settings)
        self.status = QLabel()
        self.status.setObjectName("apiStatus")
        self.status.setWordWrap(True)
        # fields as wide as what they hold, the button at its own size (a Windows form, not a
        # bar across the window)
        self.listen.setMaximumWidth(self.listen.fontMetrics().horizontalAdvance("0" * 28))
        self.rate.setMaximumWidth(self.rate.fontMetrics().horizontalAdvance("0" * 14))
        form = QFormLayout(settings_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.enabled)
        form.addRow(self.tr("监听地址："), self.listen)
        form.addRow(self.tr("每个令牌每分钟请求数："), self.rate)
        form.addRow(self.status)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        form.addRow(save_row)

        # ---- the tokens ------------------------------------------------------------------------
        tokens_box = QGroupBox(self.tr("接口令牌"))
        self.view = list_table(
            "apiTokensView",
            self.tr("接口令牌列表"),
            [
                self.tr("名称"),
                self.tr("令牌开头"),
                self.tr("建立时间"),
                self.tr("最近使用"),
                self.tr("状态"),
            ],
        )
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        self.view.itemSelectionChanged.connect(self._selection_changed)
        self.new_button = QPushButton(self.tr("新建令牌…"))
        self.new_button.setObjectName("apiNewToken")
        self.new_button.clicked.connect(self.create_token)
        self.revoke_button = QPushButton(self.tr("吊销"))
        self.revoke_button.setObjectName("apiRevoke")
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.revoke_token)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.revoke_button)
        row.addStretch(1)

        # the token just made: shown this once, copyable
        self.new_box = QWidget()
        self.new_box.setObjectName("apiNewTokenBox")
        self.new_label = QLabel(
            self.tr("新令牌只显示这一次：请现在复制，交给调用接口的系统。本程序只保存它的哈希值。")
        )
        self.new_label.setWordWrap(True)
        self.new_token = QLineEdit()
        self.new_token.setObjectName("apiNewTokenText")
        self.new_token.setAccessibleName(self.tr("新令牌"))
        self.new_token.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("复制"))
        self.copy_button.setObjectName("apiCopyToken")
        self.copy_button.clicked.connect(self.copy_token)
        done = QPushButton(self.tr("完成"))
        done.setObjectName("apiNewTokenDone")
        done.clicked.connect(self.forget_token)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_token, 1)
        new_row.addWidget(self.copy_button)
        new_row.addWidget(done)
        new_layout = QVBoxLayout(self.new_box)
        new_layout.setContentsMargins(0, 0, 0, 0)
        new_layout.addWidget(self.new_label)
        new_layout.addLayout(new_row)
        self.new_box.setVisible(False)

        tokens_layout = QVBoxLayout(tokens_box)
        tokens_layout.addWidget(self.view, 1)
        tokens_layout.addLayout(row)
        tokens_layout.addWidget(self.new_box)

        layout = QVBoxLayout(self)
        layout.addWidget(settings_box)
        layout.addWidget(tokens_box, 1)
        self.refresh(settings=True)

    # ---- loading -------------------------------------------------------------------------------
    def refresh(self, settings: bool = False) -> None:
        """Read the tokens and the setting again; ``settings``: also put the stored setting in
        its fields (else an edit not saved yet stays)."""
        ctx = self.ctx
        Op(self, lambda: _load(ctx), ops=ctx.ops).in_pool("query").token("api-tokens").on_success(
            lambda state: self._loaded(state, settings)
        ).run()

    def _loaded(self, state: _State, fill: bool = True) -> None:
        s = state.settings
        if fill:
            self.enabled.setChecked(s.enabled)
            self.listen.setText(s.listen)
            self.rate.setValue(s.rate_per_minute)
        if state.service_host is not None:
            self.status.setText(
                self.tr("HTTP 接口由发送服务运行（主机 %1）；这里的设置只用于本程序。").replace(
                    "%1", state.service_host
                )
            )
        elif s.enabled:
            self.status.setText(
                self.tr("本程序运行时，HTTP 接口在 http://%1/api/v1/ 上接受请求。").replace(
                    "%1", s.listen
                )
            )
        else:
            self.status.setText(self.tr("已关闭：不接受任何请求。"))
        self.tokens = state.tokens
        self.view.setRowCount(len(state.tokens))
        for r, t in enumerate(state.tokens):
            cells = [
                t.name,
                t.prefix + "…",
                t.created_at,
                t.last_used_at or "—",
                self.tr("有效")
                if t.live
                else self.tr("已吊销 %1").replace("%1", t.revoked_at or ""),
            ]
            for c, text in enumerate(cells):
                self.view.setItem(r, c, QTableWidgetItem(text))
        self._selection_changed()
        self.loaded = True

    def selected(self) -> api_tokens.ApiToken | None:
        rows = {i.row() for i in self.view.selectedItems()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.tokens[row] if row < len(self.tokens) else None

    @Slot()
    def _selection_changed(self) -> None:
        t = self.selected()
        self.revoke_button.setEnabled(t is not None and t.live)

    # ---- the setting ---------------------------------------------------------------------------
    @Slot()
    def save_settings(self) -> None:
        wanted = api_server.ApiSettings(
            self.enabled.isChecked(), self.listen.text().strip(), self.rate.value()
        )
        ctx = self.ctx

        def work() -> None:
            api_server.write_settings(ctx.db, wanted)
            ctx.api_tick()  # applied now, not at the next tick

        Op(self, work, ops=ctx.ops).in_pool("io").on_success(
            lambda _s: self.refresh(settings=True)
        ).run()

    # ---- tokens --------------------------------------------------------------------------------
    @Slot()
    def create_token(self) -> None:
        ctx = self.ctx
        name = ctx.prompts.ask_text(
            self, self.tr("新建令牌"), self.tr("令牌名称（例如调用它的系统：预约系统）：")
        )
        if name is None or not name.strip():
            return
        Op(self, lambda: api_tokens.create(ctx.db, name), ops=ctx.ops).in_pool("io").on_success(
            self._created
        ).run()

    def _created(self, made: tuple[api_tokens.ApiToken, str]) -> None:
        self.new_token.setText(made[1])
        self.new_box.setVisible(True)
        self.new_token.selectAll()
        self.new_token.setFocus()
        self.refresh()

    @Slot()
    def copy_token(self) -> None:
        QApplication.clipboard().setText(self.new_token.text())

    @Slot()
    def forget_token(self) -> None:
        """The token is gone from the window (it was never stored)."""
        self.new_token.clear()
        self.new_box.setVisible(False)

    @Slot()
    def revoke_token(self) -> None:
        t = self.selected()
        if t is None or not t.live:
            return
        ctx = self.ctx
        ok = ctx.prompts.confirm(
            self,
            self.tr("吊销令牌"),
            self.tr("吊销令牌“%1”？使用它的系统将立即无法再调用接口。").replace("%1", t.name),
            ok_text=self.tr("吊销"),
        )
        if not ok:
            return
        token_id = t.id  # the row's own token (a live token could be named like an id)
        Op(self, lambda: api_tokens.revoke_id(ctx.db, token_id), ops=ctx.ops).in_pool(
            "io"
        ).on_success(lambda _r: self.refresh()).run()

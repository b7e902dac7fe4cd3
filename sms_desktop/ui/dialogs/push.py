"""设置 → 推送接收: the qxt push receiver, switched on per account (address, port, path token),
with the URL to give the vendor. Saving applies at once (``ui/push.py``: io ops)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import InputError
from ..models import states
from ..models.recipients import in_language
from ..ops import Op
from ..push import PushConfig

if TYPE_CHECKING:
    from ..context import AppContext
    from ..push import PushReceivers


class PushAccountBox(QGroupBox):
    """One push account's switch, address, port, token and URL."""

    def __init__(self, dialog: PushDialog, cfg: PushConfig, token: str | None) -> None:
        super().__init__(cfg.account)
        self.setObjectName("pushGroup")
        self.dialog = dialog
        self.account = cfg.account
        self.enabled = QCheckBox(self.tr("接收该账户的推送（状态报告和回复）"))
        self.enabled.setObjectName("pushEnabled")
        self.enabled.setAccessibleName(self.tr("启用推送接收"))
        self.enabled.setChecked(cfg.enabled)
        self.host = QLineEdit(cfg.host)
        self.host.setObjectName("pushHost")
        self.host.setAccessibleName(self.tr("监听地址"))
        self.host.setToolTip(self.tr("0.0.0.0：所有网卡（网关需能从外网访问，通常要做端口映射）"))
        self.port = QSpinBox()
        self.port.setObjectName("pushPort")
        self.port.setAccessibleName(self.tr("监听端口"))
        self.port.setRange(0, 65535)
        self.port.setValue(cfg.port)
        self.token = QLineEdit(token or "")
        self.token.setObjectName("pushToken")
        self.token.setAccessibleName(self.tr("推送路径口令"))
        self.token.setPlaceholderText(self.tr("8–128 个字母、数字、- 或 _（建议设置）"))
        new_token = QPushButton(self.tr("生成"))
        new_token.setObjectName("pushNewToken")
        new_token.setAccessibleName(self.tr("生成一个新的路径口令"))
        new_token.clicked.connect(self.generate_token)
        token_row = QHBoxLayout()
        token_row.addWidget(self.token, 1)
        token_row.addWidget(new_token)
        self.url = QLineEdit()
        self.url.setObjectName("pushUrl")
        self.url.setAccessibleName(self.tr("填到网关后台的推送地址"))
        self.url.setReadOnly(True)
        self.status = QLabel()
        self.status.setObjectName("pushStatus")
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow(self.tr("监听地址："), self.host)
        form.addRow(self.tr("端口："), self.port)
        form.addRow(self.tr("路径口令："), token_row)
        form.addRow(self.tr("推送地址："), self.url)
        form.addRow(self.status)
        for signal in (self.host.textChanged, self.token.textChanged):
            signal.connect(self.update_url)
        self.port.valueChanged.connect(self.update_url)
        self.enabled.toggled.connect(self.update_url)
        self.update_url()

    def config(self) -> PushConfig:
        return PushConfig(
            self.account, self.enabled.isChecked(), self.host.text().strip(), self.port.value()
        )

    @Slot()
    def generate_token(self) -> None:
        from ...core.push_receiver import generate_token

        self.token.setText(generate_token())

    @Slot()
    def update_url(self) -> None:
        """The URL to give the vendor: the running receiver's (its real port), else a preview.
        Behind a port forward or a proxy, the vendor needs the public address instead."""
        receivers = self.dialog.manager
        running = receivers.running.get(self.account)
        error = receivers.errors.get(self.account)
        try:
            preview = receivers.make(self.config(), self.token.text().strip())
        except InputError as exc:
            self.url.setText("")
            self.status.setText(in_language(str(exc), self.dialog.ctx.lang))
            return
        cfg = self.config()
        if (
            running is not None
            and cfg.enabled
            and (running.host, running.token) == (preview.host, preview.token)
            and cfg.port in (0, running.port)  # 0: any free port, the one it got
        ):
            self.url.setText(running.vendor_url)
            status = self.tr("正在接收推送。把上面的地址填到网关后台。")
        else:
            self.url.setText(preview.vendor_url)
            service = receivers.service
            if receivers.by_service and service is not None:
                from ...core.service import host_name

                status = self.tr("推送由发送服务接收（主机 %1），保存后它使用新的设置。").replace(
                    "%1", service.host
                )
                if service.host != host_name():
                    status = states.sentences(
                        status, self.tr("给网关的推送地址应是该主机的地址，不是本机的。")
                    )
            elif error:
                status = error
            elif self.enabled.isChecked():
                status = self.tr("保存后开始接收。")
            else:
                status = self.tr("未启用：该账户的状态报告和回复不会到达本机。")
        if cfg.enabled and preview.on_every_interface:
            note = self.tr(
                "这是本机在局域网中的地址；网关在外网时，请填本机的外网地址，并在路由器上把端口映射到本机。"
            )
            status = states.sentences(status, note)
        self.status.setText(status)


class PushDialog(QDialog):
    def __init__(
        self, ctx: AppContext, receivers: PushReceivers, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.manager = receivers
        self.boxes: list[PushAccountBox] = []
        self.loaded = False
        self.setObjectName("pushDialog")
        self.setWindowTitle(self.tr("推送接收"))
        intro = QLabel(
            self.tr(
                "企信通（qxt）网关把状态报告和回复推送到本机的一个网址。"
                "在这里为账户启用接收，并把显示的推送地址填到网关后台。程序运行时才能接收。"
            )
        )
        intro.setWordWrap(True)
        self.accounts_box = QVBoxLayout()
        self.empty = QLabel(self.tr("正在读取账户…"))
        self.accounts_box.addWidget(self.empty)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("pushSaveButton")
        save.setText(self.tr("保存并应用"))
        save.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.accounts_box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(600, 360)
        receivers.changed.connect(self._refresh)

        def work() -> list[tuple[PushConfig, str | None]]:
            from ...core import push_config

            return [
                (push_config.read(ctx.db, name), push_config.token(ctx.secrets, name))
                for name in push_config.push_accounts(ctx.accounts)
            ]

        Op(self, work, ops=ctx.ops).in_pool("io").on_success(self._loaded).run()

    def _loaded(self, configs: list[tuple[PushConfig, str | None]]) -> None:
        self.empty.setVisible(not configs)
        self.empty.setText(self.tr("没有支持推送的账户（目前只有企信通 qxt 推送）。"))
        for cfg, token in configs:
            box = PushAccountBox(self, cfg, token)
            self.boxes.append(box)
            self.accounts_box.addWidget(box)
        self.loaded = True

    @Slot()
    def _refresh(self) -> None:
        for box in self.boxes:
            box.update_url()

    @Slot()
    def save(self) -> None:
        for box in self.boxes:
            self.manager.apply(box.config(), box.token.text().strip())

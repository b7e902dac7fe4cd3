"""余额 (balance). First version of the foundation commit; completed in phase 2."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from ..context import AppContext
from .base import Tab


class BalanceTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.view = QTableWidget(0, 3)
        self.view.setObjectName("balanceView")
        self.view.setAccessibleName(self.tr("各账户余额"))
        self.refresh_button = QPushButton(self.tr("刷新全部"))
        self.refresh_button.setObjectName("refreshBalanceButton")
        self.refresh_button.setAccessibleName(self.tr("刷新全部账户的余额"))
        layout.addWidget(QLabel(self.tr("余额")))
        layout.addWidget(self.view)
        layout.addWidget(self.refresh_button)

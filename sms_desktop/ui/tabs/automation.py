"""自动化 (``automationTab``): the automation's sections, one page each: the rules (定期发送与按日期
发送: :class:`~..widgets.automation_rules.RulesSection`), the keyword auto-replies
(:class:`~..automation.autoreplies.AutoRepliesPanel`) and the HTTP API with its tokens
(:class:`~..automation.tokens.ApiTokensPanel`); more with :meth:`AutomationTab.add_section`."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..automation.autoreplies import AutoRepliesPanel
from ..automation.tokens import ApiTokensPanel
from ..context import AppContext
from ..widgets.automation_rules import RulesSection
from .base import Tab


class AutomationTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("automationTab")
        self.sections = QTabWidget()
        self.sections.setObjectName("automationSections")
        self.sections.setAccessibleName(self.tr("自动化的各部分"))
        self.rules = RulesSection(ctx, self)
        self.add_section(self.tr("定期与按日期发送"), self.rules)
        self.autoreplies = AutoRepliesPanel(ctx, self)
        self.add_section(self.tr("关键词自动回复"), self.autoreplies)
        self.api = ApiTokensPanel(ctx, self)
        self.add_section(self.tr("HTTP 接口"), self.api)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sections)

    def add_section(self, title: str, widget: QWidget) -> int:
        """A section of its own (a page of the tab): its index."""
        return self.sections.addTab(widget, title)

    def on_ready(self) -> None:
        self.rules.load()

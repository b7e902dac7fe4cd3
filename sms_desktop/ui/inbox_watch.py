"""The unread count (the 收件箱 tab's text, read again on ``inbox_changed``) and the notices of
what comes in, whether or not the inbox tab was ever opened: new replies (``sync_done``: what a
sync or a push brought), finished sends (``job_finished``) and balances that fall under their
threshold (``balances_changed``). Every notice goes through ``Prompts.notify`` (status bar and
tray; tests read them from ``FakePrompts``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Slot

from ..core.store import inbox
from .ops import Op

if TYPE_CHECKING:
    from ..core.jobs.model import JobSummary
    from ..core.sync import SyncResult
    from .context import AppContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("InboxWatch", text)


class InboxWatch(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unread: int | None = None
        self._low: set[str] = set()  # accounts already reported under their threshold
        ch = ctx.changes
        ch.inbox_changed.connect(self.refresh)
        ch.sync_done.connect(self._synced)
        ch.job_finished.connect(self._job_finished)
        ch.balances_changed.connect(self._balances_changed)

    @Slot()
    @Slot(object)
    def refresh(self, _: object = None) -> None:
        db = self.ctx.db
        Op(self, lambda: inbox.unread_count(db), ops=self.ctx.ops).in_pool("query").token(
            "unread-count"
        ).on_success(self._counted).run()

    def _counted(self, n: int) -> None:
        if n != self.unread:
            self.unread = n
            self.ctx.changes.unread_changed.emit(n)

    @Slot(object)
    def _synced(self, results: list[SyncResult]) -> None:
        replies = [rp for r in results for rp in r.new_replies]
        if replies:
            phones = list(dict.fromkeys(str(rp.get("phone") or "") for rp in replies))
            text = QCoreApplication.translate(
                "InboxWatch", "%Ln 条新回复，来自 %2", "", len(replies)
            )
            comma = QCoreApplication.translate("InboxWatch", "、")  # English: ", "
            text = text.replace("%2", comma.join(phones[:3]) + ("…" if len(phones) > 3 else ""))
            opt_outs = sum(1 for rp in replies if rp.get("opt_out"))
            if opt_outs:
                text += QCoreApplication.translate(
                    "InboxWatch", "；其中 %Ln 条退订，号码已加入黑名单", "", opt_outs
                )
            self.ctx.prompts.notify(_tr("收到新回复"), text)

    @Slot(object)
    def _job_finished(self, summary: JobSummary) -> None:
        from ..core import attention  # the core's words: the same as the panel and the dialog

        if summary.state in ("held", "scheduled") and not summary.accepted:
            return  # stored for later, not sent
        if summary.by_server and summary.state == "queued":  # handed (back) to the service
            self.ctx.prompts.notify(
                _tr("已交给服务器"),
                _tr("任务 %1 由发送服务继续发送。").replace("%1", str(summary.job_id)),
            )
            return
        lang = self.ctx.lang
        text = attention.ending(summary).pick(lang)
        text += " " + attention.counts(attention.summary_counts(summary)).pick(lang)
        if summary.state == "paused":
            title = _tr("发送已暂停")
        elif attention.attention(summary):
            title = _tr("请注意")
        elif attention.at_gateway(summary) is not None:
            title = _tr("已交网关定时发送")  # nothing has gone out yet
        else:
            title = _tr("发送完成")
        self.ctx.prompts.notify(title, text)

    @Slot(object)
    def _balances_changed(self, rows: dict[str, Any]) -> None:
        for name, row in rows.items():
            if getattr(row, "low", False):
                if name not in self._low:
                    self._low.add(name)
                    text = QCoreApplication.translate(
                        "InboxWatch", "账户 %1 余额 %2 条，低于提醒值 %3 条", "", int(row.messages)
                    )
                    text = text.replace("%1", name).replace("%2", f"{row.messages:,.0f}")
                    self.ctx.prompts.notify(
                        _tr("余额不足"), text.replace("%3", f"{row.threshold:,}")
                    )
            elif getattr(row, "ok", False):
                self._low.discard(name)

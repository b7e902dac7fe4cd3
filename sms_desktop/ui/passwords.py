"""Asking for a gateway password this PC lacks.

Gateway passwords live in each PC's own keyring, never in the store: a PC that joined the office
server (or whose keyring was cleared) has the accounts and not their passwords. When a send, a
sync or a balance query needs one, the core raises
:class:`~sms_desktop.core.errors.PasswordMissingError` before anything is stored or sent; the
window then asks for it once, through :meth:`~.interaction.Prompts.ask_password`, keeps it in
the keyring (an ``io`` op) and goes on with what needed it (``then``).

One dialog per account at a time. An automatic sync asks for an account at most once a session:
after a "cancel" only what the user starts (a send, a balance) asks again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from .ops import Op

if TYPE_CHECKING:
    from .context import AppContext


class PasswordAsker(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._asking: set[str] = set()
        self._declined: set[str] = set()

    def ask(
        self,
        parent: QObject | None,
        account: str,
        then: Callable[[], None] | None = None,
        *,
        missing: Sequence[str] = ("password",),
        automatic: bool = False,
    ) -> bool:
        """Ask for what ``account`` lacks here (``missing``: ``"password"``, and secret fields
        such as jsm's veryCode) and keep it; ``then()`` once kept. False when nothing was asked
        (a dialog for it is open, or an automatic ask was declined before) or the user
        cancelled."""
        if account in self._asking or (automatic and account in self._declined):
            return False
        self._asking.add(account)
        values: dict[str, str] = {}
        try:
            for key in list(missing) or ["password"]:
                answer = self.ctx.prompts.ask_password(
                    parent, self.tr("输入账户密码"), self._label(account, key)
                )
                if not answer:
                    break
                values[key] = answer
        finally:
            self._asking.discard(account)
        if len(values) < max(1, len(missing)):
            self._declined.add(account)
            return False
        self._declined.discard(account)
        accounts = self.ctx.accounts

        def kept(_: object) -> None:
            self.ctx.prompts.notify(
                self.tr("密码已保存"),
                self.tr("账户“%1”的密码已保存在本机的密码库中。").replace("%1", account),
            )
            if then is not None:
                then()

        Op(parent, lambda: accounts.set_secrets(account, values), ops=self.ctx.ops).in_pool(
            "io"
        ).on_success(kept).run()
        return True

    def _label(self, account: str, key: str) -> str:
        if key == "password":
            return self.tr(
                "本机的密码库中没有账户“%1”的密码。\n"
                "网关密码不保存在数据库中，每台电脑各自保存在系统密码库里；"
                "在这台电脑上输入一次即可。"
            ).replace("%1", account)
        from ..core.accounts import secret_field
        from .i18n import pick

        f = secret_field(key)
        name = pick(f"{f.zh} / {f.en}") if f is not None else key
        return (
            self.tr("本机的密码库中没有账户“%1”的%2，请输入一次：")
            .replace("%1", account)
            .replace("%2", name)
        )

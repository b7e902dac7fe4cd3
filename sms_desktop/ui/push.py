"""The qxt push receivers switched on per account in 设置 → 推送接收 (core ``PushReceiver``).

Where: the address, port and on/off switch are in ``settings.ini`` (``push/<account>/…``); the
secret path token is kept like a password, in the secret store (``kind="push_token"``), never
in the settings file. Receivers start with the application (after the start-up op) and stop
with it (``AppContext.close``); starting, stopping and the keyring run in ``io`` ops, never on
the GUI thread. What a push brings reaches the inbox through ``AppContext.pushed``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from ..core.errors import InputError
from .models import states
from .models.recipients import in_language
from .ops import Op

if TYPE_CHECKING:
    from ..core.push_receiver import PushReceiver
    from .context import AppContext

log = logging.getLogger(__name__)

TOKEN_KIND = "push_token"
DEFAULT_HOST = "0.0.0.0"  # every interface: the vendor must reach it (a port forward)
DEFAULT_PORT = 8090


@dataclass
class PushConfig:
    account: str
    enabled: bool = False
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT


def _group(account: str) -> str:
    return "push/" + account.encode("utf-8").hex()  # any account name is a safe key


def read_config(settings: QSettings, account: str) -> PushConfig:
    g = _group(account)
    try:
        port = int(settings.value(g + "/port", DEFAULT_PORT))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        port = DEFAULT_PORT
    return PushConfig(
        account,
        str(settings.value(g + "/enabled", "false")).lower() == "true",
        str(settings.value(g + "/host", DEFAULT_HOST) or DEFAULT_HOST),
        port,
    )


def write_config(settings: QSettings, cfg: PushConfig) -> None:
    g = _group(cfg.account)
    settings.setValue(g + "/enabled", "true" if cfg.enabled else "false")
    settings.setValue(g + "/host", cfg.host)
    settings.setValue(g + "/port", int(cfg.port))
    settings.sync()


def push_accounts(ctx: AppContext) -> list[str]:
    """Accounts whose gateway pushes (qxt). In an op (the account store)."""
    return [a.name for a in ctx.accounts.list() if a.capabilities.push]


class PushReceivers(QObject):
    """Starts and stops the receivers; ``changed`` after each change (the settings page)."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.errors: dict[str, str] = {}  # account: why its receiver is not running

    @property
    def running(self) -> dict[str, PushReceiver]:
        return self.ctx.push_receivers

    def make(self, cfg: PushConfig, token: str | None) -> PushReceiver:
        """A receiver for ``cfg`` (not started; raises InputError for a bad port or token)."""
        from ..core.push_receiver import PushReceiver

        ctx = self.ctx
        return PushReceiver(
            ctx.db,
            cfg.account,
            cfg.host,
            cfg.port,
            token=token or None,
            accounts=ctx.accounts,
            syncer=ctx.syncer,
            on_push=ctx.pushed,
        )

    def start_all(self) -> None:
        """At start-up: every account switched on in the settings."""
        settings, ctx = self.ctx.settings, self.ctx

        def work() -> list[tuple[PushConfig, str | None]]:
            return [
                (cfg, ctx.secrets.get(name, TOKEN_KIND))
                for name in push_accounts(ctx)
                if (cfg := read_config(settings, name)).enabled
            ]

        Op(self, work, ops=ctx.ops).in_pool("io").on_success(self._start_each).run()

    def _start_each(self, configs: list[tuple[PushConfig, str | None]]) -> None:
        for cfg, token in configs:
            self.apply(cfg, token, save_token=False)

    def apply(self, cfg: PushConfig, token: str | None, *, save_token: bool = True) -> None:
        """Save ``cfg`` and (re)start or stop that account's receiver, in an io op."""
        write_config(self.ctx.settings, cfg)
        ctx = self.ctx
        try:
            new = self.make(cfg, token) if cfg.enabled else None
        except InputError as exc:  # a bad port or token: the old receiver keeps running
            self._failed(cfg.account, exc)
            return
        old = ctx.push_receivers.pop(cfg.account, None)

        def work() -> PushReceiver | None:
            if save_token:
                if token:
                    ctx.secrets.set(cfg.account, token, TOKEN_KIND)
                else:
                    ctx.secrets.delete(cfg.account, TOKEN_KIND)
            if old is not None:
                old.stop()
            return new.start() if new is not None else None

        def done(receiver: PushReceiver | None) -> None:
            self.errors.pop(cfg.account, None)
            if receiver is not None:
                if ctx.ops.closed:
                    receiver.stop()
                    return
                ctx.push_receivers[cfg.account] = receiver
            self.changed.emit()

        Op(self, work, ops=ctx.ops).in_pool("io").on_success(done).on_failure(
            lambda exc: self._failed(cfg.account, exc)
        ).run()

    def _failed(self, account: str, exc: BaseException) -> None:
        log.warning("push receiver for %s: %s", account, exc)
        text = in_language(str(exc), self.ctx.lang)
        self.errors[account] = text
        self.ctx.prompts.notify(states.with_note(self.tr("推送接收未启动"), account), text)
        self.changed.emit()

"""The qxt push receivers switched on per account in 设置 → 推送接收 (core ``PushReceiver``).

What to run is the core's (:mod:`sms_desktop.core.push_config`): the address, port and on/off
switch are kept in the store, the secret path token in the secret store (never in a file).
Receivers start with the application (after the start-up op) and stop with it
(``AppContext.close``); starting, stopping, the store and the keyring run in ``io`` ops, never on
the GUI thread. What a push brings reaches the inbox through ``AppContext.pushed``.

While a live sender service runs the push duty on this store (``sms-desktop-cli serve``), the
window runs no receiver of its own: :meth:`PushReceivers.follow_service` stops them when the
scheduler sees the service, and starts them again when it has gone.

Settings of older versions, kept in ``settings.ini`` (``push/<account>/…``), move into the store
once (:func:`legacy_configs`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from ..core.errors import InputError
from ..core.push_config import DEFAULT_HOST, DEFAULT_PORT, PushConfig
from .models import states
from .models.recipients import in_language
from .ops import Op

if TYPE_CHECKING:
    from ..core.push_receiver import PushReceiver
    from ..core.service import ServiceInfo
    from .context import AppContext

log = logging.getLogger(__name__)

LEGACY_GROUP = "push"


def legacy_configs(settings: QSettings) -> list[PushConfig]:
    """Push settings an older version kept in ``settings.ini`` (``push/<hex of the account>/…``)."""
    out = []
    settings.beginGroup(LEGACY_GROUP)
    try:
        for group in settings.childGroups():
            try:
                account = bytes.fromhex(group).decode("utf-8")
            except ValueError:
                continue
            try:
                port = int(settings.value(group + "/port", DEFAULT_PORT))  # type: ignore[call-overload]
            except (TypeError, ValueError):
                port = DEFAULT_PORT
            out.append(
                PushConfig(
                    account,
                    str(settings.value(group + "/enabled", "false")).lower() == "true",
                    str(settings.value(group + "/host", DEFAULT_HOST) or DEFAULT_HOST),
                    port,
                )
            )
    finally:
        settings.endGroup()
    return out


class PushReceivers(QObject):
    """Starts and stops the window's receivers; ``changed`` after each change (the settings
    page)."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.errors: dict[str, str] = {}  # account: why its receiver is not running
        self.service: ServiceInfo | None = None  # the live service, as last seen

    @property
    def running(self) -> dict[str, PushReceiver]:
        return self.ctx.push_receivers

    @property
    def by_service(self) -> bool:
        """A live sender service runs the receivers of this store (not this window)."""
        from ..core.service import Duty

        return self.service is not None and Duty.PUSH in self.service.duties

    def make(self, cfg: PushConfig, token: str | None) -> PushReceiver:
        """A receiver for ``cfg`` (not started; raises InputError for a bad port or token)."""
        from ..core import push_config

        ctx = self.ctx
        return push_config.make_receiver(ctx.accounts, ctx.syncer, cfg, token, ctx.pushed)

    def start_all(self) -> None:
        """At start-up, and when the service has gone: every account switched on, unless a live
        service runs the receivers. Settings of an older version move into the store first."""
        settings, ctx = self.ctx.settings, self.ctx
        legacy = legacy_configs(settings)

        def work() -> tuple[ServiceInfo | None, list[tuple[PushConfig, str | None]]]:
            from ..core import push_config
            from ..core.service import Duty, live_service

            for cfg in legacy:
                if not push_config.stored(ctx.db, cfg.account):
                    push_config.write(ctx.db, cfg)
            service = live_service(ctx.db)
            if service is not None and Duty.PUSH in service.duties:
                return service, []
            return service, push_config.wanted(ctx.accounts)

        def done(found: tuple[ServiceInfo | None, list[tuple[PushConfig, str | None]]]) -> None:
            if legacy:
                settings.remove(LEGACY_GROUP)
                settings.sync()
            self.service, configs = found
            for cfg, token in configs:
                self.apply(cfg, token, save=False)
            self.changed.emit()

        Op(self, work, ops=ctx.ops).in_pool("io").on_success(done).run()

    def follow_service(self, service: ServiceInfo | None) -> None:
        """The scheduler saw the live service change: stop the window's receivers when a service
        runs them; start them again when it has gone."""
        was = self.by_service
        self.service = service
        if self.by_service and not was:
            old = dict(self.ctx.push_receivers)
            self.ctx.push_receivers.clear()
            self.errors.clear()

            def work() -> None:
                for receiver in old.values():
                    receiver.stop()

            Op(self, work, ops=self.ctx.ops).in_pool("io").on_success(
                lambda _: self.changed.emit()
            ).run()
        elif was and not self.by_service:
            self.start_all()

    def apply(self, cfg: PushConfig, token: str | None, *, save: bool = True) -> None:
        """Save ``cfg`` and its token (``save``), and (re)start or stop that account's receiver,
        in an io op; while a service runs the receivers, it takes the new settings itself."""
        ctx = self.ctx
        try:
            made = self.make(cfg, token)  # checks the port and the token
        except InputError as exc:  # a bad port or token: the old receiver keeps running
            self._failed(cfg.account, exc)
            return
        new = made if cfg.enabled and not self.by_service else None
        old = ctx.push_receivers.pop(cfg.account, None)

        def work() -> PushReceiver | None:
            if save:
                from ..core import push_config

                push_config.write(ctx.db, cfg)
                push_config.save_token(ctx.secrets, cfg.account, token)
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

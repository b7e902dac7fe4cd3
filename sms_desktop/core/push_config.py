"""Which accounts receive pushes (qxt), on what address and port: one home for the window's
设置 → 推送接收, ``sms-desktop-cli push`` and the office sender service, which runs the receivers
when it is live (core/service.py).

The address, port and on/off switch are kept in the store (``settings``, key ``push.<account>``,
JSON), so that whoever runs the receivers reads the same choice. The secret path token is kept
like a password, in the secret store of the PC that runs the receiver (``kind="push_token"``):
never in the store, the settings file or a log.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from .accounts import AccountStore
from .push_receiver import PushReceiver
from .secrets import SecretStore
from .store import Database
from .sync import Syncer, SyncResult

TOKEN_KIND = "push_token"
DEFAULT_HOST = "0.0.0.0"  # every interface: the vendor must reach it (a port forward)
DEFAULT_PORT = 8090


@dataclass(frozen=True)
class PushConfig:
    account: str
    enabled: bool = False
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT


def _key(account: str) -> str:
    return f"push.{account}"


def read(db: Database, account: str) -> PushConfig:
    """The account's push settings (off, on every interface, port 8090 until chosen)."""
    raw = db.get_setting(_key(account))
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    try:
        port = int(data.get("port", DEFAULT_PORT))
    except (TypeError, ValueError):
        port = DEFAULT_PORT
    return PushConfig(
        account,
        data.get("enabled") is True,
        str(data.get("host") or DEFAULT_HOST),
        port,
    )


def stored(db: Database, account: str) -> bool:
    """Whether the account's push settings were ever saved."""
    return db.get_setting(_key(account)) is not None


def write(db: Database, cfg: PushConfig) -> None:
    db.set_setting(
        _key(cfg.account),
        json.dumps({"enabled": cfg.enabled, "host": cfg.host, "port": int(cfg.port)}),
    )


def push_accounts(accounts: AccountStore) -> list[str]:
    """Accounts whose gateway pushes (qxt)."""
    return [a.name for a in accounts.list() if a.capabilities.push]


def token(secrets: SecretStore, account: str) -> str | None:
    return secrets.get(account, TOKEN_KIND) or None


def save_token(secrets: SecretStore, account: str, value: str | None) -> None:
    """Keep (or, given nothing, forget) the account's path token in the secret store."""
    if value:
        secrets.set(account, value, TOKEN_KIND)
    else:
        secrets.delete(account, TOKEN_KIND)


def wanted(accounts: AccountStore) -> list[tuple[PushConfig, str | None]]:
    """The receivers switched on, with their tokens from this PC's secret store."""
    return [
        (cfg, token(accounts.secrets, name))
        for name in push_accounts(accounts)
        if (cfg := read(accounts.db, name)).enabled
    ]


def make_receiver(
    accounts: AccountStore,
    syncer: Syncer,
    cfg: PushConfig,
    path_token: str | None,
    on_push: Callable[[SyncResult], None] | None = None,
) -> PushReceiver:
    """A receiver for ``cfg`` (not started; InputError for a bad port or token)."""
    return PushReceiver(
        accounts.db,
        cfg.account,
        cfg.host,
        cfg.port,
        token=path_token or None,
        accounts=accounts,
        syncer=syncer,
        on_push=on_push,
    )

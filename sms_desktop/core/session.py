"""The core objects of one data folder, set up once, in one way, for both clients.

The GUI opens them in its start-up op (``ui/context.py``), each CLI command on its own
(``cli/commands.py``): the store, the passwords, the accounts, the send engine, the sync of
reports and replies and its poller, all on one database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .accounts import AccountStore
from .jobs.engine import Engine
from .secrets import SecretStore
from .store import Database, open_store
from .sync import Poller, Syncer


@dataclass
class Core:
    home: Path
    db: Database
    secrets: SecretStore
    accounts: AccountStore
    engine: Engine
    syncer: Syncer
    poller: Poller

    def close(self) -> None:
        """Close the database (after every user of it has stopped)."""
        self.db.close()


def open_core(
    home: Path | str,
    *,
    db: Database | None = None,
    accounts: AccountStore | None = None,
    poll_interval: float | None = None,
    store: str | None = None,
) -> Core:
    """The core objects of the data folder ``home``.

    ``db``: the store already opened (else the configured one is opened now: ``store``, the
    ``--store`` URL, or as :func:`~.store.open_store` finds it); ``accounts``: the accounts
    already set up on it, with their own password store (the demo's keeps its passwords in
    the folder). ``poll_interval``: seconds between pulls of reports and replies (None: the
    core's default; a gateway's own minimum always applies).
    """
    home = Path(home)
    if accounts is None:
        db = db if db is not None else open_store(store, home)
        accounts = AccountStore(db, SecretStore(home))
    db = accounts.db
    syncer = Syncer(db, accounts)
    poller = Poller(syncer, poll_interval) if poll_interval else Poller(syncer)
    return Core(home, db, accounts.secrets, accounts, Engine(db, accounts), syncer, poller)

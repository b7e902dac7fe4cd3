"""Demo mode, shared by the GUI (``sms-desktop --demo``) and the CLI (``sms-desktop-cli demo``).

Qt-free. It starts the built-in gateway simulator on a free loopback port, adds one demo account
per family pointing at it, and writes sample contacts as a CSV file, all in a throw-away home
folder. Passwords go to an owner-only file in that folder, never to the user's OS keyring, so
deleting the folder leaves nothing behind.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .core.accounts import Account, AccountStore
from .core.secrets import SecretStore
from .core.store import open_database

if TYPE_CHECKING:
    from .simulator import Simulator

FAMILIES = ("ipyy", "qxt", "jsm", "txt112088")
DEMO_PASSWORD = "demo123"
SAMPLE_CONTACTS = [
    ("13800138000", "张伟", "VIP"),
    ("13912345678", "王芳", "普通"),
    ("15023239810", "李娜", "VIP"),
    ("18688886666", "刘洋", "普通"),
    ("+86 137 0000 1111", "陈静", "普通"),
    ("1380013800", "无效号码", "-"),  # 10 digits: skipped as invalid
    ("13800138000", "张伟（重复）", "VIP"),  # duplicate: skipped
]
SAMPLE_HEADERS = ("手机号", "姓名", "等级")
SAMPLE_TEXT = "{姓名}您好，您的会员等级为{等级}，本周六全场八折。回复TD退订"
CONTACTS_FILE = "演示通讯录.csv"
_EXTRA: dict[str, dict[str, str]] = {
    "ipyy": {"userid": "1"},
    "qxt": {},
    "jsm": {"verycode": "demo"},
    "txt112088": {},
}


def account_name(family: str) -> str:
    return f"演示-{family}"


def demo_home() -> Path:
    return Path(tempfile.mkdtemp(prefix="sms-desktop-demo-"))


def demo_secrets(home: Path) -> SecretStore:
    """Passwords in the demo home only: never the user's keyring."""
    return SecretStore(home, home_only=True)


def write_sample_contacts(home: Path) -> Path:
    """The sample contacts as a CSV file (UTF-8 with BOM, so Excel shows the Chinese)."""
    path = Path(home) / CONTACTS_FILE
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(SAMPLE_HEADERS)
        w.writerows(SAMPLE_CONTACTS)
    return path


def setup_demo(home: Path, sim: Simulator, secrets: SecretStore | None = None) -> AccountStore:
    """Add one account per family to the store in ``home``, pointing at the running simulator."""
    from .simulator import demo_accounts

    demo_accounts(sim)
    db = open_database(home)
    accounts = AccountStore(db, secrets or demo_secrets(Path(home)))
    for family in FAMILIES:
        accounts.add(
            Account(
                name=account_name(family),
                family=family,
                base_url=sim.base_url(family),
                username="demo",
                signature="【演示公司】",
                read_timeout=10,
                **_EXTRA[family],  # type: ignore[arg-type]
            ),
            DEMO_PASSWORD,
            replace=True,
        )
    write_sample_contacts(Path(home))
    return accounts


@dataclass
class DemoSession:
    """A running demo: the simulator, the accounts in their home, and how to tidy up."""

    home: Path
    sim: Simulator
    accounts: AccountStore
    owns_home: bool
    contacts_file: Path = field(init=False)

    def __post_init__(self) -> None:
        self.contacts_file = self.home / CONTACTS_FILE

    def close(self) -> None:
        """Stop the simulator, close the database, and delete the home if the demo made it."""
        self.accounts.db.close()
        self.sim.stop()
        if self.owns_home:
            shutil.rmtree(self.home, ignore_errors=True)


def start_demo(
    home: Path | None = None,
    *,
    report_delay: float = 0.0,
    seed: int | None = 7,
    report_success_ratio: float = 0.8,
) -> DemoSession:
    """Start the simulator on a free loopback port and set the demo up (in ``home`` or a new
    throw-away folder, deleted by :meth:`DemoSession.close`)."""
    from .simulator import Simulator

    owns = home is None
    base = demo_home() if home is None else Path(home)
    base.mkdir(parents=True, exist_ok=True)
    sim = Simulator(host="127.0.0.1", port=0, seed=seed)
    sim.report_delay = report_delay
    sim.report_success_ratio = report_success_ratio
    sim.start()
    try:
        accounts = setup_demo(base, sim)
    except BaseException:
        sim.stop()
        if owns:
            shutil.rmtree(base, ignore_errors=True)
        raise
    return DemoSession(home=base, sim=sim, accounts=accounts, owns_home=owns)

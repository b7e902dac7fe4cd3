"""Demo mode, shared by the GUI (``sms-desktop --demo``) and the CLI (``sms-desktop-cli demo``).

Qt-free. It starts the built-in gateway simulator on a free loopback port, adds one demo account
per family pointing at it, and writes sample contacts as a CSV file, all in a throw-away home
folder. Passwords go to an owner-only file in that folder, never to the user's OS keyring, so
deleting the folder leaves nothing behind.

The running demo holds a lock in its folder (``demo.lock``); a folder left behind by a demo that
was killed (its lock free again) is removed when the next one starts (:func:`demo_home`).
The window's demo also imports the sample contacts into 通讯录 (:func:`import_sample_contacts`)
and has the simulator answer some messages by itself (:data:`DEMO_REPLIES`, one an opt-out).
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

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
CONTACTS_GROUP = "演示客户"  # the group the window's demo imports the sample contacts into
# What the demo gateway answers by itself when a message to these numbers is accepted: a
# customer's reply and an opt-out (the inbox and the blacklist at work).
DEMO_REPLIES = {"13912345678": "收到，周六见", "18688886666": "退订"}
HOME_PREFIX = "sms-desktop-demo-"
LOCK_FILE = "demo.lock"
_UNCLAIMED_GRACE = 120.0  # seconds: a folder without a lock may be one being set up right now
_locks: dict[Path, IO[bytes]] = {}  # the demo homes this process holds
_EXTRA: dict[str, dict[str, str]] = {
    "ipyy": {"userid": "1"},
    "qxt": {},
    "jsm": {"verycode": "demo"},
    "txt112088": {},
}


def account_name(family: str) -> str:
    return f"演示-{family}"


def _try_lock(f: IO[bytes]) -> bool:
    """An exclusive lock on the open file, without waiting; False when another process has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _claim(home: Path) -> None:
    f = (home / LOCK_FILE).open("a+b")
    if not _try_lock(f):  # pragma: no cover - a folder mkdtemp just made for us
        f.close()
        raise OSError(f"demo folder {home} is in use")
    f.seek(0)
    f.truncate()
    f.write(str(os.getpid()).encode())
    f.flush()
    _locks[home] = f


def release_home(home: Path) -> None:
    """Let go of a demo home's lock (before deleting it: Windows cannot delete an open file)."""
    f = _locks.pop(Path(home), None)
    if f is not None:
        f.close()


def remove_stale_homes(root: Path | None = None) -> list[Path]:
    """Delete the demo folders (with their demo passwords) of demos that are not running any
    more: killed, or crashed, before they could tidy up. Returns the folders removed."""
    removed: list[Path] = []
    for d in Path(root or tempfile.gettempdir()).glob(HOME_PREFIX + "*"):
        if not d.is_dir() or d in _locks:
            continue
        lock = d / LOCK_FILE
        if not lock.exists():
            # from a version without the lock, or being set up right now
            with contextlib.suppress(OSError):
                if time.time() - d.stat().st_mtime < _UNCLAIMED_GRACE:
                    continue
            shutil.rmtree(d, ignore_errors=True)
            removed.append(d)
            continue
        try:
            f = lock.open("a+b")
        except OSError:
            continue
        with f:
            if not _try_lock(f):
                continue  # a running demo
        shutil.rmtree(d, ignore_errors=True)
        removed.append(d)
    return removed


def demo_home() -> Path:
    """A new throw-away folder, held by this process until :func:`release_home`; the folders a
    killed demo left behind are removed first."""
    remove_stale_homes()
    home = Path(tempfile.mkdtemp(prefix=HOME_PREFIX))
    _claim(home)
    return home


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


def import_sample_contacts(accounts: AccountStore, home: Path) -> None:
    """The sample contacts in 通讯录 (group :data:`CONTACTS_GROUP`), once per demo folder; the
    invalid and the duplicate row are left out, as any import leaves them out."""
    from .core.contacts import groups, import_file

    if any(g.name == CONTACTS_GROUP for g in groups(accounts.db)):
        return
    import_file(accounts.db, Path(home) / CONTACTS_FILE, CONTACTS_GROUP)


def answer_by_itself(sim: Simulator) -> None:
    """The demo gateway replies to messages to :data:`DEMO_REPLIES`' numbers by itself."""
    sim.auto_replies = dict(DEMO_REPLIES)


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
        release_home(self.home)
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

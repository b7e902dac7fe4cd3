"""Passwords: the OS keyring when there is one, an owner-only file with a warning otherwise."""

from __future__ import annotations

import os
import stat

import keyring
import pytest
from keyring.backend import KeyringBackend

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.secrets import SERVICE, SecretStore
from sms_desktop.core.store import open_database


class MemoryKeyring(KeyringBackend):
    """A real keyring backend (the ``keyring`` API), kept in memory for the test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv("SMS_DESKTOP_NO_KEYRING", raising=False)
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


def test_passwords_go_to_the_os_keyring_when_there_is_one(tmp_path, memory_keyring):
    store = SecretStore(tmp_path)
    assert store.use_keyring and store.backend_warning is None
    db = open_database(tmp_path)
    accounts = AccountStore(db, store)
    accounts.add(Account(name="主账户", family="jsm", base_url="http://h/", username="u"), "pw-1")
    assert memory_keyring.items == {(SERVICE, "account:主账户"): "pw-1"}
    assert accounts.password("主账户") == "pw-1"
    assert not (tmp_path / "secrets.json").exists()
    accounts.remove("主账户")
    assert memory_keyring.items == {}
    db.close()


def test_without_a_keyring_an_owner_only_file_and_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("SMS_DESKTOP_NO_KEYRING", "1")
    store = SecretStore(tmp_path)
    assert not store.use_keyring
    assert "secrets.json" in (store.backend_warning or "")
    store.set("a", "秘密")
    assert store.get("a") == "秘密"
    mode = stat.S_IMODE(os.stat(tmp_path / "secrets.json").st_mode)
    if os.name == "posix":
        assert mode == 0o600
    store.delete("a")
    assert store.get("a") is None


def test_home_only_never_touches_the_os_keyring(tmp_path, memory_keyring):
    store = SecretStore(tmp_path, home_only=True)
    assert not store.use_keyring
    store.set("a", "pw")
    assert memory_keyring.items == {}
    assert store.get("a") == "pw"
    assert "secrets.json" in (store.backend_warning or "")


def test_the_demo_leaves_nothing_in_the_os_keyring(tmp_path, memory_keyring, sim):
    from sms_desktop.demo import CONTACTS_FILE, setup_demo

    accounts = setup_demo(tmp_path, sim)
    assert len(accounts.list()) == 4
    assert accounts.password("演示-jsm") == "demo123"
    assert accounts.with_secrets("演示-jsm").verycode == "demo"
    assert memory_keyring.items == {}
    assert (tmp_path / CONTACTS_FILE).read_text(encoding="utf-8-sig").startswith("手机号,姓名")
    accounts.db.close()

"""Passwords: the OS keyring when there is one, an owner-only file with a warning otherwise."""

from __future__ import annotations

import os
import stat
import time

import keyring
import pytest
from keyring.backend import KeyringBackend
from secretsearch import find_secrets, password_needles

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
    accounts.add(
        Account(name="主账户", family="txt112088", base_url="http://h/", username="u"), "pw-1"
    )
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


# ---- the secrets search: realistic flows, then every file they left --------------------------
PASSWORDS = {
    "jsm": "Jsm-Pw-9f3Kq2x7",
    "qxt": "Qxt-Pw-5Rb8Lm1z",
    "ipyy": "Ipyy-Pw-3Hs6Wd4c",
    "txt112088": "Txt-Pw-8Ne2Vy5u",
}
VERYCODE = "VeryCode-7Tg4Jp"
PUSH_TOKEN = "PushToken-2Wx9Ld5s"
WRONG_API_TOKEN = "sdk_WrongToken-4Fq8Zp2Lm6Rt0Yx3Cv7Bn1"  # a client's mistake: never logged


def test_no_secret_in_any_file_the_flows_leave(tmp_path, home, memory_keyring, sim, monkeypatch):
    import io
    import logging

    from sms_desktop.cli import main as cli

    # the GUI's log file, at DEBUG (stricter than the application's INFO)
    from sms_desktop.ui.logs import remove_logging, setup_logging

    logs = tmp_path / "logs"
    handler = setup_logging(logs, logging.DEBUG)
    out = tmp_path / "out"
    out.mkdir()
    sim.report_delay = 0.0
    sim.auto_reply_ratio = 0.5
    try:
        for family, pw in PASSWORDS.items():
            extra = {"verycode": VERYCODE} if family == "jsm" else {}
            sim.add_account(family, f"u-{family}", pw, balance=1000, **extra)
            args = [
                "account", "add", f"a-{family}", "--family", family,
                "--base-url", sim.base_url(family), "--username", f"u-{family}",
                "--read-timeout", "2", "--password-stdin",
            ]  # fmt: skip
            if family == "jsm":
                args += ["--verycode", VERYCODE]
            if family == "txt112088":
                args += ["--option", "method=get"]  # the password travels in the URL
            monkeypatch.setattr("sys.stdin", io.StringIO(pw + "\n"))
            assert cli(args) == 0
            assert cli(["account", "test", f"a-{family}"]) == 0
            assert cli(["balance", f"a-{family}"]) == 0
            assert cli(["send", f"a-{family}", "--text", "【测试】您好", "--to", "13800138000",
                        "--to", "13900139000"]) == 0  # fmt: skip
            # a failing request: the error path (messages, raw bodies, the log)
            sim.set_fault(family, "http500", count=1)
            cli(["send", f"a-{family}", "--text", "【测试】再见", "--to", "13700137000"])
            sim.set_fault(family, "garbage", count=1)
            cli(["sync", f"a-{family}", "--force"])
            assert cli(["sync", f"a-{family}", "--force"]) in (0, 1)
        sim.clear_faults()
        # qxt pushes to the receiver, which has a secret path token
        from sms_desktop.core.push_receiver import PushReceiver

        db = open_database(home)
        rx = PushReceiver(db, "a-qxt", "127.0.0.1", 0, token=PUSH_TOKEN,
                          accounts=AccountStore(db, SecretStore(home)))  # fmt: skip
        with rx:
            sim.set_push_url("u-qxt", rx.url)
            assert cli(["send", "a-qxt", "--text", "【测试】推送", "--to", "13600136000"]) == 0
            sim.inject_reply("qxt", "u-qxt", "13600136000", "收到")
            # the simulator's own pusher may have sent one of the two already: count at the
            # receiver
            deadline = time.monotonic() + 10
            while rx.received < 2 and time.monotonic() < deadline:
                sim.flush_pushes()
                time.sleep(0.05)
        assert rx.received >= 2
        db.close()
        # the HTTP API: a token made, used (a send, its job, the inbox), a wrong one refused,
        # then revoked and refused; the log is at DEBUG (each request is logged)
        import requests

        from sms_desktop.core.automation import api_tokens, api_webhooks
        from sms_desktop.core.automation.api_server import ApiServer
        from sms_desktop.core.session import open_core

        core = open_core(home)
        _, api_token = api_tokens.create(core.db, "booking")
        with ApiServer(core, "127.0.0.1", 0, webhooks=False) as server:
            # its webhook points at an address that refuses it: the attempt fails and is logged
            webhook_secret = api_webhooks.set_webhook(core, "booking", server.url + "/hook")
            auth = {"Authorization": f"Bearer {api_token}", "Idempotency-Key": "order-1"}
            sent = requests.post(f"{server.url}/api/v1/messages", headers=auth, timeout=30,
                                 json={"account": "a-ipyy", "to": ["13500135000"],
                                       "text": "【测试】预约已确认", "kind": "notice"})  # fmt: skip
            assert sent.status_code == 201, sent.text
            job_url = f"{server.url}/api/v1/jobs/{sent.json()['job_id']}"
            assert requests.get(job_url, headers=auth, timeout=30).status_code == 200
            assert requests.get(f"{server.url}/api/v1/inbox", headers=auth, timeout=30).ok
            deadline = time.monotonic() + 10
            while core.engine.summary(sent.json()["job_id"]).state != "done":
                assert time.monotonic() < deadline
                time.sleep(0.05)
            assert api_webhooks.collect(core) == 1
            assert api_webhooks.deliver_due(core) == 0  # the API refuses the POST: 404
            wrong = {"Authorization": f"Bearer {WRONG_API_TOKEN}"}
            assert requests.get(job_url, headers=wrong, timeout=30).status_code == 401
            assert cli(["api", "token", "revoke", "booking"]) == 0
            assert requests.get(job_url, headers=auth, timeout=30).status_code == 401
        assert cli(["api", "token", "list", "--all", "--json"]) == 0
        core.close()
        # a wrong password: the gateway's refusal is stored and logged
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["ipyy"] + "-wrong\n"))
        assert cli(["account", "password", "a-ipyy", "--password-stdin"]) == 0
        cli(["balance", "a-ipyy"])
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["ipyy"] + "\n"))
        assert cli(["account", "password", "a-ipyy", "--password-stdin"]) == 0
        # exports of history, contacts (with the import report) and the blacklist; a backup
        contacts = tmp_path / "contacts.csv"
        contacts.write_text("手机号,姓名\n13800138000,张三\n13900139000,李四\nabc,坏号\n",
                            encoding="utf-8-sig")  # fmt: skip
        assert cli(["export", "history", str(out / "history.xlsx")]) == 0
        assert cli(["contacts", "import", str(contacts), "--report",
                    str(out / "report.xlsx")]) in (0, 1)  # fmt: skip
        assert cli(["contacts", "export", str(out / "contacts.xlsx")]) == 0
        assert cli(["blacklist", "export", str(out / "blacklist.xlsx")]) == 0
        assert cli(["db", "backup", str(out / "backup.sqlite3")]) == 0
        assert cli(["history", "--json"]) == 0
        # 帮助 → 导出诊断信息: the logs, the versions, the settings, the accounts' settings
        from sms_desktop.core.diagnostics import write_diagnostics

        db = open_database(home)
        try:
            report = write_diagnostics(
                out / "diagnostics.zip",
                db=db,
                accounts=AccountStore(db, SecretStore(home)),
                log_dir=logs,
            )
        finally:
            db.close()
        assert "logs/sms-desktop.log" in report.files
    finally:
        remove_logging(handler)
    # the passwords and the veryCode are where they belong: the OS keyring
    assert memory_keyring.items[(SERVICE, "account:a-jsm:verycode")] == VERYCODE
    assert webhook_secret in memory_keyring.items.values()
    files = [p for root in (home, logs, out) for p in root.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"sms_desktop.sqlite3", "history.xlsx", "report.xlsx", "contacts.xlsx",
            "blacklist.xlsx", "backup.sqlite3", "sms-desktop.log", "diagnostics.zip"} <= names  # fmt: skip
    assert (logs / "sms-desktop.log").stat().st_size > 0  # the flows did log
    needles = {
        "veryCode": VERYCODE,
        "push path token": PUSH_TOKEN,
        "API token": api_token,
        "wrong API token": WRONG_API_TOKEN,
        "webhook secret": webhook_secret,
        **password_needles(PASSWORDS),
    }
    print(f"secrets search: {len(files)} files: " + ", ".join(sorted(p.name for p in files)))
    assert find_secrets(files, needles) == []

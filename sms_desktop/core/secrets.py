"""Passwords: the OS keyring (Windows Credential Manager), or an owner-only file as fallback.

A password never goes into the database, the logs or an export. Where no keyring backend exists
(a headless Linux machine), passwords go to ``secrets.json`` in the home folder with mode 0600,
and :func:`backend_warning` says so, for the CLI and GUI to show.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "SMS Desktop"
_lock = threading.Lock()


def _keyring_usable() -> bool:
    if os.environ.get("SMS_DESKTOP_NO_KEYRING"):
        return False
    try:
        import keyring
        from keyring.backends import fail

        kr = keyring.get_keyring()
        if isinstance(kr, fail.Keyring):
            return False
        # keyrings.alt's plaintext backends are no better than our own owner-only file, and a
        # chainer with nothing behind it stores nothing.
        if type(kr).__module__.startswith("keyrings.alt"):
            return False
        return not (type(kr).__name__ == "ChainerBackend" and not getattr(kr, "backends", None))
    except Exception:  # any import/backend failure means: no usable keyring
        return False


class SecretStore:
    """Passwords by account name.

    ``home_only=True`` never touches the OS keyring: the owner-only file in ``home`` is used even
    where a keyring exists. Demo mode uses it, so a throw-away home leaves nothing behind in the
    user's credential store.
    """

    def __init__(self, home: Path, *, home_only: bool = False) -> None:
        self.home = Path(home)
        self.file = self.home / "secrets.json"
        self.home_only = home_only
        self.use_keyring = False if home_only else _keyring_usable()

    @property
    def backend_warning(self) -> str | None:
        if self.use_keyring:
            return None
        if self.home_only:
            return (
                f"密码保存在本数据目录中仅本人可读的文件 {self.file} 中（不使用系统密码库）。"
                f" / Passwords are kept in the owner-only file {self.file} in this data folder"
                " (the OS keyring is not used)."
            )
        return (
            f"未找到系统密码库，密码保存在仅本人可读的文件 {self.file} 中。"
            f" / No OS keyring found; passwords are kept in the owner-only file {self.file}."
        )

    def _key(self, account: str, kind: str = "password") -> str:
        return f"account:{account}" if kind == "password" else f"account:{account}:{kind}"

    def set(self, account: str, password: str, kind: str = "password") -> None:
        self._set(self._key(account, kind), password)

    def get(self, account: str, kind: str = "password") -> str | None:
        return self._get(self._key(account, kind))

    def delete(self, account: str, kind: str = "password") -> None:
        self._delete(self._key(account, kind))

    # the office store's password, by ``user@host:port/database`` (never in a saved URL)
    def set_store_password(self, store: str, password: str) -> None:
        self._set(f"store:{store}", password)

    def store_password(self, store: str) -> str | None:
        return self._get(f"store:{store}")

    def delete_store_password(self, store: str) -> None:
        self._delete(f"store:{store}")

    def _set(self, key: str, password: str) -> None:
        if self.use_keyring:
            import keyring

            keyring.set_password(SERVICE, key, password)
            return
        with _lock:
            data = self._load()
            data[key] = password
            self._save(data)

    def _get(self, key: str) -> str | None:
        if self.use_keyring:
            import keyring

            return keyring.get_password(SERVICE, key)
        with _lock:
            return self._load().get(key)

    def _delete(self, key: str) -> None:
        if self.use_keyring:
            import keyring
            from keyring.errors import PasswordDeleteError

            try:
                keyring.delete_password(SERVICE, key)
            except PasswordDeleteError:
                pass
            return
        with _lock:
            data = self._load()
            if data.pop(key, None) is not None:
                self._save(data)

    def _load(self) -> dict[str, str]:
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("secrets file unreadable: %s", self.file)
            return {}
        return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}

    def _save(self, data: dict[str, str]) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, self.file)
        try:
            os.chmod(self.file, 0o600)
        except OSError:
            pass

"""Choosing the store: a URL, and the one opener both clients use (:func:`open_store`).

* ``sqlite:///PATH``: a SQLite file (the default: ``sms_desktop.sqlite3`` in the data folder);
* ``postgresql://USER@HOST[:PORT]/DATABASE``: an office server, shared by several PCs.

The store is the first of: ``--store URL`` (CLI and window), ``SMS_DESKTOP_STORE``, the choice
saved in the data folder (``store.json``, by 设置 → 数据库), this PC's own file. A password
never goes into a saved URL or a log: it is kept in the OS keyring
(:class:`~sms_desktop.core.secrets.SecretStore`, under :attr:`StoreUrl.secret_key`). A URL given
on the command line or in the environment may carry one (``user:password@host``); it is used, and
never shown (:attr:`StoreUrl.display`).

The settings page of the window calls :func:`url_from_fields` / :meth:`StoreUrl.fields`,
:func:`save_store_choice`, :func:`set_store_password` and :func:`check_store` (the connection
test); none of them needs Qt.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from ..errors import InputError, StoreError

if TYPE_CHECKING:
    from .base import Database

STORE_ENV = "SMS_DESKTOP_STORE"
CHOICE_FILE = "store.json"
DEFAULT_PORT = 5432
# libpq parameters a URL may carry (TLS to the server, a connect timeout)
_PARAMS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout")
_SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def _bad(zh: str, en: str, text: str) -> InputError:
    return InputError(f"数据库地址无效：{zh}（{text}） / Invalid store URL: {en} ({text})")


@dataclass(frozen=True)
class StoreUrl:
    scheme: str  # "sqlite" or "postgresql"
    path: Path | None = None  # sqlite: the file
    host: str = ""
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    params: tuple[tuple[str, str], ...] = ()
    password: str | None = field(default=None, repr=False, compare=False)

    @property
    def is_sqlite(self) -> bool:
        return self.scheme == "sqlite"

    @property
    def display(self) -> str:
        """The URL for people and logs: never the password."""
        return self.format(with_password=False)

    def __str__(self) -> str:
        return self.display

    def format(self, *, with_password: bool = False) -> str:
        if self.scheme == "sqlite":
            assert self.path is not None
            p = self.path.expanduser().absolute().as_posix()
            return "sqlite://" + ("" if p.startswith("/") else "/") + quote(p, safe="/:~ ")
        who = quote(self.user, safe="")
        if with_password and self.password:
            who += ":" + quote(self.password, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == DEFAULT_PORT else f":{self.port}"
        query = f"?{urlencode(self.params)}" if self.params else ""
        return f"postgresql://{who}@{host}{port}/{quote(self.database, safe='')}{query}"

    @property
    def secret_key(self) -> str:
        """The keyring entry of this store's password: ``user@host:port/database``."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def fields(self) -> dict[str, str]:
        """Host, port, database and user, for the settings page's fields."""
        return {
            "host": self.host,
            "port": str(self.port),
            "database": self.database,
            "user": self.user,
        }

    def with_password(self, password: str | None) -> StoreUrl:
        return replace(self, password=password)

    def connect_kwargs(self) -> dict[str, str | int]:
        """libpq's connection parameters (no password: given apart)."""
        out: dict[str, str | int] = {
            "host": self.host,
            "port": self.port,
            "dbname": self.database,
            "user": self.user,
        }
        out.update(dict(self.params))
        return out


def parse_store_url(text: str) -> StoreUrl:
    """``sqlite:///PATH`` or ``postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE``; anything
    else is :class:`InputError` in the user's words (the password is never repeated)."""
    raw = (text or "").strip()
    shown = re.sub(r"(//[^/@:]*):[^/@]*@", r"\1:***@", raw)  # never echo a password
    scheme, sep, rest = raw.partition("://")
    scheme = scheme.lower()
    if not sep:
        raise _bad(
            "应以 sqlite:/// 或 postgresql:// 开头",
            "it must start with sqlite:/// or postgresql://",
            shown,
        )
    if scheme == "sqlite":
        path = unquote(rest)
        if re.match(r"^/[A-Za-z]:[/\\]", path):  # sqlite:///C:/Users/…
            path = path[1:]
        if not path or path == "/":
            raise _bad("缺少文件路径", "the file path is missing", shown)
        return StoreUrl("sqlite", path=Path(path).expanduser())
    if scheme not in ("postgresql", "postgres"):
        raise _bad(
            f"不支持的类型 {scheme}，应为 sqlite:/// 或 postgresql://",
            f"unsupported kind {scheme!r}, not sqlite:/// or postgresql://",
            shown,
        )
    try:
        parts = urlsplit("postgresql://" + rest)
    except ValueError:  # an unclosed [IPv6 address
        raise _bad("服务器地址无效", "the server's address is not valid", shown) from None
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port is None:
        port = DEFAULT_PORT
    if not 0 < port < 65536:
        raise _bad("端口应为 1–65535 的数字", "the port must be a number 1-65535", shown)
    host = parts.hostname or ""
    user = unquote(parts.username or "")
    database = unquote(parts.path.lstrip("/"))
    if not host:
        raise _bad("缺少服务器地址", "the server (host) is missing", shown)
    if not user:
        raise _bad("缺少用户名（user@host）", "the user is missing (user@host)", shown)
    if not database or "/" in database:
        raise _bad("缺少数据库名（host/数据库）", "the database is missing (host/database)", shown)
    params = []
    for k, v in parse_qsl(parts.query, keep_blank_values=True):
        if k not in _PARAMS:
            raise _bad(f"不支持的参数 {k}", f"unsupported parameter {k!r}", shown)
        if k == "sslmode" and v not in _SSLMODES:
            raise _bad(
                f"sslmode 应为 {'、'.join(_SSLMODES)} 之一",
                f"sslmode must be one of {', '.join(_SSLMODES)}",
                shown,
            )
        if k == "connect_timeout" and not v.isdigit():
            raise _bad(
                "connect_timeout 应为秒数（整数）", "connect_timeout must be whole seconds", shown
            )
        params.append((k, v))
    password = unquote(parts.password) if parts.password is not None else None
    return StoreUrl(
        "postgresql",
        host=host,
        port=port,
        database=database,
        user=user,
        params=tuple(params),
        password=password,
    )


def url_from_fields(host: str, port: str | int, database: str, user: str) -> StoreUrl:
    """The settings page's fields as a store URL; InputError naming the field that is wrong."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host or re.search(r"[\s/@?#]", host):
        raise InputError(
            "请填写服务器地址（主机名或 IP）。 / Enter the server's address (host name or IP)."
        )
    text = str(port).strip() or str(DEFAULT_PORT)
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise InputError(f"端口应为 1–65535 的数字：{text} / The port must be 1-65535: {text}")
    if not database or "/" in database:
        raise InputError("请填写数据库名。 / Enter the database's name.")
    if not user:
        raise InputError("请填写用户名。 / Enter the user name.")
    return StoreUrl("postgresql", host=host, port=int(text), database=database, user=user)


def default_url(home: Path | str) -> StoreUrl:
    """This PC's own SQLite file in ``home``."""
    from .db import DB_FILE

    return StoreUrl("sqlite", path=Path(home) / DB_FILE)


# ---- the saved choice ---------------------------------------------------------------------------
def saved_store_choice(home: Path | str) -> StoreUrl | None:
    """The store saved in the data folder (None: this PC's own file). A damaged choice file is
    an InputError naming it, not a silent fall-back to other data."""
    path = Path(home) / CHOICE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError(
            f"无法读取数据库选择文件 {path}：{exc} / Cannot read the store choice {path}: {exc}"
        ) from exc
    url = data.get("url") if isinstance(data, dict) else None
    if not url:
        return None
    return parse_store_url(str(url)).with_password(None)


def save_store_choice(home: Path | str, url: StoreUrl | str | None) -> None:
    """Save the store this PC uses (None: back to its own file). Never a password."""
    path = Path(home) / CHOICE_FILE
    if url is None:
        path.unlink(missing_ok=True)
        return
    spec = parse_store_url(url) if isinstance(url, str) else url
    Path(home).mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"url": spec.display}, ensure_ascii=False) + "\n", "utf-8")
    os.replace(tmp, path)


def configured_store(url: StoreUrl | str | None, home: Path | str) -> StoreUrl:
    """The store to open: ``url`` (``--store``), else ``SMS_DESKTOP_STORE``, else the saved
    choice, else this PC's own file in ``home``."""
    if isinstance(url, StoreUrl):
        return url
    text = url or os.environ.get(STORE_ENV, "").strip()
    if text:
        return parse_store_url(text)
    return saved_store_choice(home) or default_url(home)


# ---- passwords (the OS keyring) -----------------------------------------------------------------
def set_store_password(home: Path | str, url: StoreUrl, password: str | None) -> None:
    """Keep (or with None/"" forget) the store's password in this PC's keyring."""
    from ..secrets import SecretStore

    secrets = SecretStore(Path(home))
    if password:
        secrets.set_store_password(url.secret_key, password)
    else:
        secrets.delete_store_password(url.secret_key)


def store_password(home: Path | str, url: StoreUrl) -> str | None:
    """The password to connect with: the URL's own, else the one kept in the keyring."""
    if url.password:
        return url.password
    from ..secrets import SecretStore

    return SecretStore(Path(home)).store_password(url.secret_key)


# ---- opening ------------------------------------------------------------------------------------
def open_store(
    url: StoreUrl | str | None = None,
    home: Path | str | None = None,
    *,
    password: str | None = None,
    unfinished_copy: bool = False,
) -> Database:
    """The store both clients open (:func:`configured_store` picks it), migrated to this
    program's schema. Raises InputError for a bad URL and StoreError (words) for a store that
    cannot be used: an unreachable server, a refused login, a database newer than the program
    (:class:`~.base.StoreVersionError`), the target of a ``db copy`` that has not finished
    (only ``db copy`` itself opens one: ``unfinished_copy``); nothing is written then."""
    from .db import SqliteDatabase, default_home

    base = Path(home) if home is not None else default_home()
    spec = configured_store(url, base)
    db: Database
    if spec.is_sqlite:
        assert spec.path is not None
        try:
            db = SqliteDatabase(spec.path, home=base)
        except OSError as exc:  # its folder cannot be made (a missing drive, no permission)
            raise StoreError(
                f"无法在此处建立数据库文件：{spec.path}（{exc.strerror or exc}）",
                f"A database file cannot be made here: {spec.path} ({exc.strerror or exc})",
            ) from exc
    else:
        from .postgres import PostgresDatabase

        pw = password or store_password(base, spec)
        db = PostgresDatabase(spec, password=pw, home=base)
    if not unfinished_copy:
        _refuse_unfinished_copy(db, spec)
    return db


def _refuse_unfinished_copy(db: Database, spec: StoreUrl) -> None:
    """A store a ``db copy`` is still filling is not used for anything else: what a program
    wrote into it meanwhile would be lost when the copy goes on, and its half-copied rows are
    not the data. Closed, and StoreError."""
    from .copy import unfinished_copy_source

    try:
        source = unfinished_copy_source(db)
    except BaseException:
        db.close()
        raise
    if source is None:
        return
    db.close()
    raise _unfinished_copy(spec, source)


def _unfinished_copy(spec: StoreUrl, source: str) -> StoreError:
    return StoreError(
        f"数据库 {spec.display} 是一次没有完成的复制（源：{source}），还不能使用。"
        "请再次运行那条 db copy 命令，完成复制后再用。",
        f"The database {spec.display} is an unfinished copy (of {source}) and cannot be used"
        " yet. Run that db copy command again; use it once the copy has finished.",
    )


@dataclass(frozen=True)
class StoreCheck:
    """The connection test's result, in the user's words."""

    ok: bool
    zh: str
    en: str
    version: int | None = None  # the schema's version found (0: empty, set up at first use)

    @property
    def message(self) -> str:
        return f"{self.zh} / {self.en}"


def check_store(url: StoreUrl | str, home: Path | str, password: str | None = None) -> StoreCheck:
    """Try the store without changing it: can this PC connect, log in and use it? The password
    is ``password``, else the URL's, else the keyring's."""
    try:
        spec = parse_store_url(url) if isinstance(url, str) else url
    except InputError as exc:
        return StoreCheck(False, str(exc), str(exc))
    if spec.is_sqlite:
        assert spec.path is not None
        folder = spec.path.parent
        if spec.path.is_dir() or (folder.exists() and not os.access(folder, os.W_OK)):
            return StoreCheck(
                False,
                f"无法在此处保存数据库文件：{spec.path}",
                f"A database file cannot be kept here: {spec.path}",
            )
        return StoreCheck(True, f"本机数据库文件：{spec.path}", f"This PC's file: {spec.path}")
    try:
        from .postgres import PostgresDatabase
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        return StoreCheck(False, f"缺少 PostgreSQL 驱动：{exc}", f"The driver is missing: {exc}")
    pw = password or store_password(home, spec)
    try:
        db = PostgresDatabase(spec, password=pw, home=home, migrate=False)
    except StoreError as exc:
        return StoreCheck(False, exc.zh, exc.en)
    from .copy import unfinished_copy_source

    try:
        found = db.schema_version
        latest = db.latest_version
        server = db.read().execute("SHOW server_version").fetchone()[0]
        if found == 0:
            db.refuse_foreign()
        copying = unfinished_copy_source(db) if 0 < found <= latest else None
    except StoreError as exc:
        return StoreCheck(False, exc.zh, exc.en, 0)
    finally:
        db.close()
    where = spec.display
    if found > latest:
        err = db.too_new(found)
        return StoreCheck(False, err.zh, err.en, found)
    if copying is not None:  # as the start would refuse it
        refused = _unfinished_copy(spec, copying)
        return StoreCheck(False, refused.zh, refused.en, found)
    if found == 0:
        return StoreCheck(
            True,
            f"连接成功：{where}（PostgreSQL {server}）。数据库是空的，第一次使用时会自动建立。",
            f"Connected: {where} (PostgreSQL {server}). The database is empty; it is set up"
            " at first use.",
            0,
        )
    return StoreCheck(
        True,
        f"连接成功：{where}（PostgreSQL {server}，数据库版本 {found}）。",
        f"Connected: {where} (PostgreSQL {server}, database version {found}).",
        found,
    )

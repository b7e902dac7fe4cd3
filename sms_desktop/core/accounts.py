"""Gateway accounts: settings in the database (their SQL: :mod:`.store.accounts`), the password
in the keyring."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError, PasswordMissingError
from .gateways import (
    FAMILIES,
    AccountConfig,
    Capabilities,
    Gateway,
    PasswordHash,
    gateway_class,
    make_gateway,
)
from .gateways.base import MAX_LENGTH_OPTION, AccountField
from .gateways.urls import normalise_base
from .secrets import SecretStore
from .store import Database, IntegrityError, Row, balances
from .store import accounts as table
from .store.balances import LastBalance

MAX_READ_TIMEOUT = 60.0
MAX_CONNECT_TIMEOUT = 60.0
MAX_CONCURRENCY = 16
MAX_SIGNATURE = 20  # characters inside 【】, as segments recognises a signature
VERYCODE = "verycode"  # secret kind of the jsm 通信认证密码
# Account attributes a family may declare as its own fields (Capabilities.account_fields)
FIELD_KEYS = ("userid", "verycode")
# those some family keeps in the keyring (secret), as the password is: each PC has its own
SECRET_FIELD_KEYS = tuple(
    k
    for k in FIELD_KEYS
    if any(
        (f := gateway_class(family).capabilities.account_field(k)) is not None and f.secret
        for family in FAMILIES
    )
)
Names = list[str]  # (AccountStore has a method named list)


def secret_field(key: str) -> AccountField | None:
    """The secret field ``key`` as a family declares it (its name in the user's words)."""
    for family in FAMILIES:
        f = gateway_class(family).capabilities.account_field(key)
        if f is not None and f.secret:
            return f
    return None


@dataclass
class Account:
    """An account as stored: everything but the password."""

    name: str
    family: str
    base_url: str
    username: str
    userid: str = ""
    verycode: str = field(default="", repr=False)  # a credential: kept in the keyring
    charset: str | None = None
    password_hash: str | None = None
    signature: str = ""
    batch_size: int | None = None
    extno: str = ""
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    options: dict[str, str] = field(default_factory=dict)
    hold_locally: bool = False
    concurrency: int = 2
    rate_per_second: float = 0.0

    @property
    def capabilities(self) -> Capabilities:
        return gateway_class(self.family).capabilities

    def config(self, password: str) -> AccountConfig:
        return AccountConfig(
            family=self.family,
            base_url=self.base_url,
            username=self.username,
            password=password,
            userid=self.userid,
            verycode=self.verycode,
            charset=self.charset,
            password_hash=PasswordHash(self.password_hash) if self.password_hash else None,
            signature=self.signature,
            batch_size=self.batch_size,
            extno=self.extno,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            options=dict(self.options),
        )

    @property
    def max_length(self) -> int:
        """Characters per message, signature included: the documented cap, or 500 where there is
        none, or the account's own ``max_length`` option. An unusable option stored before it
        was validated reads as the default here (listings never fail); a send refuses it."""
        caps = self.capabilities
        try:
            return caps.length_cap(self.options.get(MAX_LENGTH_OPTION))
        except InputError:
            return caps.length_cap()

    @property
    def holds_locally(self) -> bool:
        """Scheduled sends are held by the application (no server-side schedule, or chosen)."""
        return self.hold_locally or not self.capabilities.server_schedule

    def to_public_dict(self) -> dict[str, Any]:
        """Everything but secrets (the jsm veryCode is a credential, kept with the password)."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "verycode"}
        return d


def _from_row(row: Row) -> Account:
    d = dict(row)
    d.pop("created_at", None)
    d["options"] = json.loads(d.get("options") or "{}")
    d["hold_locally"] = bool(d["hold_locally"])
    return Account(**d)


class AccountStore:
    def __init__(self, db: Database, secrets: SecretStore) -> None:
        self.db = db
        self.secrets = secrets

    def validate(self, acct: Account) -> Account:
        if not acct.name.strip():
            raise InputError("账户名称为空。 / The account name is empty.")
        if acct.family not in FAMILIES:
            raise InputError(
                f"未知的网关类型：{acct.family}（可选 {', '.join(FAMILIES)}）"
                f" / Unknown family {acct.family}; choose one of {', '.join(FAMILIES)}"
            )
        cls = gateway_class(acct.family)
        normalise_base(acct.base_url, cls.endpoint_names(), cls.default_path)
        if not acct.username.strip():
            raise InputError("用户名为空。 / The user name is empty.")
        caps = cls.capabilities
        if acct.charset:
            from .charsets import canonical

            cs = canonical(acct.charset)
            if cs not in caps.charsets:
                raise InputError(
                    f"{acct.family} 不支持字符集 {acct.charset}（可选 {', '.join(caps.charsets)}）"
                    f" / {acct.family} does not take charset {acct.charset}"
                )
            acct.charset = cs
        acct.extno = caps.check_extno(acct.extno)
        acct.options = {str(k).strip(): str(v).strip() for k, v in acct.options.items()}
        if MAX_LENGTH_OPTION in acct.options:
            acct.options[MAX_LENGTH_OPTION] = str(caps.length_cap(acct.options[MAX_LENGTH_OPTION]))
        self._validate_signature(acct)
        if acct.password_hash:
            try:
                PasswordHash(acct.password_hash)
            except ValueError:
                raise InputError(
                    "密码加密方式只能是 none、md5 或 MD5。 / --password-hash must be none, md5 or MD5."
                ) from None
        if acct.batch_size is not None and acct.batch_size <= 0:
            raise InputError("每批号码数必须大于 0。 / The batch size must be positive.")
        if (
            acct.batch_size is not None
            and not caps.batch_limit_configurable
            and acct.batch_size > caps.max_recipients
        ):
            raise InputError(
                f"{caps.display_name} 每次最多 {caps.max_recipients} 个号码，不能设为"
                f" {acct.batch_size}。 / {acct.family} takes at most {caps.max_recipients}"
                f" numbers a request, not {acct.batch_size}."
            )
        if acct.read_timeout <= 0 or acct.read_timeout > MAX_READ_TIMEOUT:
            raise InputError(
                f"读取超时须在 0–{MAX_READ_TIMEOUT:g} 秒之间。"
                f" / The read timeout must be within 0–{MAX_READ_TIMEOUT:g} s."
            )
        if acct.connect_timeout <= 0 or acct.connect_timeout > MAX_CONNECT_TIMEOUT:
            raise InputError(
                f"连接超时须在 0–{MAX_CONNECT_TIMEOUT:g} 秒之间。"
                f" / The connect timeout must be within 0–{MAX_CONNECT_TIMEOUT:g} s."
            )
        if acct.concurrency < 1 or acct.concurrency > MAX_CONCURRENCY:
            raise InputError(
                f"并发数须在 1–{MAX_CONCURRENCY} 之间。"
                f" / Concurrency must be within 1–{MAX_CONCURRENCY}."
            )
        if acct.rate_per_second < 0:
            raise InputError(
                "每秒请求数不能为负（0 表示不限）。 / The rate cannot be negative (0: no limit)."
            )
        return acct

    @staticmethod
    def _validate_signature(acct: Account) -> None:
        """A signature the account's charset cannot carry would make every send fail."""
        from . import segments
        from .charsets import unencodable_chars
        from .errors import UnencodableTextError

        sig = segments.normalise_signature(acct.signature)
        if not sig:
            acct.signature = ""
            return
        inner = sig[1:-1]
        if not inner.strip() or len(inner) > MAX_SIGNATURE or "【" in inner or "】" in inner:
            raise InputError(
                f"签名须为 1–{MAX_SIGNATURE} 个字（不含【】）：{acct.signature!r}"
                f" / The signature must be 1–{MAX_SIGNATURE} characters inside 【】:"
                f" {acct.signature!r}"
            )
        cs = acct.charset or acct.capabilities.default_charset
        bad = unencodable_chars(sig, cs)
        if bad:
            raise UnencodableTextError(cs, bad)

    def _check_fields(self, acct: Account, *, editing: bool) -> None:
        """The family's own fields (its capabilities' ``account_fields``): one it does not take
        is dropped (never sent, never stored); every one it requires must be there (an edit may
        leave a stored secret as it is)."""
        caps = acct.capabilities
        for key in FIELD_KEYS:
            if caps.account_field(key) is None:
                setattr(acct, key, "")
        values = {key: str(getattr(acct, key) or "") for key in FIELD_KEYS}
        stored = [
            f.key
            for f in caps.account_fields
            if editing and f.secret and self.secrets.get(acct.name, kind=f.key)
        ]
        caps.check_account_fields(values, stored)

    def add(self, acct: Account, password: str, *, replace: bool = False) -> Account:
        self.validate(acct)
        self._check_fields(acct, editing=False)
        if not password:
            raise InputError("密码为空。 / The password is empty.")
        try:
            table.insert(self.db, self._row_values(acct), replace=replace)
        except IntegrityError:
            raise InputError(
                f"账户 {acct.name} 已存在。 / The account {acct.name} already exists."
            ) from None
        self.secrets.set(acct.name, password)
        if acct.verycode:
            self.secrets.set(acct.name, acct.verycode, kind=VERYCODE)
        else:
            self.secrets.delete(acct.name, kind=VERYCODE)
        return acct

    def update(self, acct: Account) -> Account:
        """Save an edited account, keeping its stored password (and veryCode unless a new one
        is given). The name is the key: it must exist."""
        self.validate(acct)
        self.get(acct.name)
        self._check_fields(acct, editing=True)
        table.update(self.db, self._row_values(acct))
        if acct.verycode:
            self.secrets.set(acct.name, acct.verycode, kind=VERYCODE)
        return acct

    @staticmethod
    def _row_values(acct: Account) -> list[Any]:
        """The account's row, in the order of ``store.accounts.COLUMNS``."""
        values = [getattr(acct, c) for c in table.COLUMNS]
        values[table.COLUMNS.index("verycode")] = ""  # never in the database
        values[table.COLUMNS.index("options")] = json.dumps(acct.options, ensure_ascii=False)
        values[table.COLUMNS.index("hold_locally")] = int(acct.hold_locally)
        return values

    def record_balance(
        self,
        name: str,
        messages: float | None,
        read_at: str | None = None,
        *,
        pay_type: str | None = None,
    ) -> None:
        """Keep the balance just read (for the estimate's cost check and the balance tab), and
        the pay type the gateway reported with it (a postpaid account keeps no figure)."""
        balances.record(self.db, name, messages, read_at, pay_type=pay_type)

    def record_pay_type(self, name: str, pay_type: str) -> None:
        """Keep how an account pays, as a send reply showed it (ipyy ``remainpoint`` below zero:
        postpaid). Joins the caller's write transaction when one is open on this thread."""
        balances.record_pay_type(self.db, name, pay_type)

    def last_balance(self, name: str) -> LastBalance | None:
        return balances.last(self.db, name)

    def get(self, name: str) -> Account:
        row = table.get(self.db, name)
        if row is None:
            raise InputError(f"没有名为 {name} 的账户。 / No account named {name}.")
        return _from_row(row)

    def list(self) -> list[Account]:
        return [_from_row(r) for r in table.all_rows(self.db)]

    def remove(self, name: str) -> None:
        self.get(name)
        with self.db.write():  # one transaction: the row and its last balance
            table.delete(self.db, name)
            balances.forget(self.db, name)
        self.secrets.delete(name)
        self.secrets.delete(name, kind=VERYCODE)

    def password(self, name: str) -> str:
        pw = self.secrets.get(name)
        if pw is None:
            raise self.missing_error(name, self.missing_secrets(name))
        return pw

    def missing_secrets(self, name: str) -> Names:
        """What this PC's keyring lacks of the account's credentials: ``"password"``, and the
        key of each secret field its family requires (jsm's ``verycode``). Each PC keeps its
        own: an account that came from the office server has none of them here."""
        acct = self.get(name)
        missing: Names = [] if self.secrets.get(name) is not None else ["password"]
        for f in acct.capabilities.account_fields:
            if f.secret and f.required and not self.secrets.get(name, kind=f.key):
                missing.append(f.key)
        return missing

    def missing_error(self, name: str, missing: Names) -> PasswordMissingError:
        """The error that names what ``missing`` of account ``name`` this PC lacks, in words."""
        names = {}
        for key in missing:
            f = secret_field(key)
            if f is not None:
                names[key] = (f.zh, f.en)
        return PasswordMissingError(name, missing, names)

    def has_password(self, name: str) -> bool:
        """Whether this PC's keyring holds the account's credentials (password, secret fields)."""
        return not self.missing_secrets(name)

    def set_password(self, name: str, password: str) -> None:
        self.get(name)
        self.secrets.set(name, password)

    def set_secrets(self, name: str, values: dict[str, str]) -> None:
        """Keep credentials in this PC's keyring: ``"password"`` and secret fields by key."""
        acct = self.get(name)
        keys = {f.key for f in acct.capabilities.account_fields if f.secret}
        for key, value in values.items():
            if key != "password" and key not in keys:
                raise InputError(
                    f"账户 {name} 没有保密项 {key}。 / Account {name} has no secret {key}."
                )
            if not value:
                raise InputError(f"{key} 为空。 / The {key} is empty.")
        for key, value in values.items():
            if key == "password":
                self.secrets.set(name, value)
            else:
                self.secrets.set(name, value, kind=key)

    def set_options(self, name: str, options: dict[str, str]) -> Account:
        """Merge ``options`` into the account's stored options (the connection test's findings)."""
        acct = self.get(name)
        acct.options.update(options)
        table.set_options(self.db, name, json.dumps(acct.options, ensure_ascii=False))
        return acct

    def with_secrets(self, name: str) -> Account:
        """The account with its veryCode filled in from the keyring (for talking to the gateway)."""
        acct = self.get(name)
        acct.verycode = self.secrets.get(name, kind=VERYCODE) or acct.verycode
        return acct

    def gateway(self, name: str) -> Gateway:
        """The account's gateway; PasswordMissingError when this PC's keyring lacks any of its
        credentials (:meth:`missing_secrets`), before anything is sent."""
        missing = self.missing_secrets(name)
        if missing:
            raise self.missing_error(name, missing)
        return make_gateway(self.with_secrets(name).config(self.password(name)))

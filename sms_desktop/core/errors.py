"""The project's own exception types."""

from __future__ import annotations


class SmsDesktopError(Exception):
    """Base class of every error the core raises on purpose."""


class InputError(SmsDesktopError):
    """Bad input from the user: nothing was sent. The message is shown as is."""


class PasswordMissingError(InputError):
    """This PC's keyring lacks a gateway account's credentials (the account came from the
    office server, or the keyring was cleared): each client asks for them (the window with a
    dialog, the command line names ``account password``). Nothing was sent.

    ``missing``: ``"password"`` and/or the keys of the family's secret fields (``verycode``)."""

    def __init__(
        self,
        account: str,
        missing: list[str] | tuple[str, ...] = ("password",),
        names: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        """``names``: a secret field's words (Chinese, English) by key."""
        self.account = account
        self.missing = list(missing) or ["password"]
        words = {"password": ("密码", "password"), **(names or {})}
        what_zh = "和".join(words.get(k, (k, k))[0] for k in self.missing)
        what_en = " and ".join(words.get(k, (k, k))[1] for k in self.missing)
        super().__init__(
            f"本机的密码库中没有账户 {account} 的{what_zh}（每台电脑各自保存网关密码）。"
            f" / This PC's keyring holds no {what_en} for account {account} (each PC keeps"
            " the gateway passwords itself)."
        )


class ProtocolError(SmsDesktopError):
    """A gateway reply could not be understood.

    Parsers raise only this (never ValueError, KeyError, XML errors …), whatever bytes arrive.
    The raw body is kept so it can be stored and shown as "unrecognised reply".
    """

    def __init__(self, message: str, raw: object = None) -> None:
        super().__init__(message)
        self.raw = raw


class ConflictError(InputError):
    """Someone else (another PC, another window) changed or deleted what the user edited since
    it was read: nothing was written, and the user's edit is refused rather than overwriting
    theirs. The message says what changed; read again and redo the edit."""


class UnencodableTextError(InputError):
    """The text holds characters that the account's charset cannot carry."""

    def __init__(self, charset: str, chars: list[str]) -> None:
        self.charset = charset
        self.chars = chars
        shown = "、".join(f"“{c}”(U+{ord(c):04X})" for c in chars)
        super().__init__(
            f"内容包含 {charset.upper()} 无法表示的字符：{shown}。"
            f" / The text holds characters that {charset.upper()} cannot carry: "
            + ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars)
        )


class TransportError(SmsDesktopError):
    """The HTTP exchange failed. See the two subclasses for what is certain."""


class NotSentError(TransportError):
    """Certain failure: the request never left (connection refused, DNS failure, connect timeout).

    Only this kind of failure may be retried automatically.
    """


class OutcomeUnknownError(TransportError):
    """The request may have reached the gateway, and no usable reply came back.

    Read timeouts, connections dropped after sending, HTTP 5xx. Never resent automatically.
    """


class StoreError(SmsDesktopError):
    """The local store refused a write after retries ("database is locked", disk full).

    Nothing is lost that was certain: recipients whose outcome could not be recorded become
    unknown (``Engine.recover``), and a delivery report can settle them.

    ``zh`` and ``en`` say what happened in the user's words (the message is ``"zh / en"``);
    ``sqlite_code`` is SQLite's primary result code (0 when not from SQLite). The engine's own
    text stays in ``__cause__`` (the details and the log), never in the message. ``transient``:
    worth another try (a lock wait ran out, a full disk, a lost connection to the server); by
    default, SQLite's busy, locked, I/O error and full are.
    """

    TRANSIENT_SQLITE = frozenset({5, 6, 10, 13})  # SQLITE_BUSY, _LOCKED, _IOERR, _FULL

    def __init__(
        self,
        zh: str,
        en: str | None = None,
        sqlite_code: int = 0,
        *,
        transient: bool | None = None,
    ) -> None:
        self.zh = zh
        self.en = en if en is not None else zh
        self.sqlite_code = sqlite_code
        self.transient = (
            transient if transient is not None else sqlite_code in self.TRANSIENT_SQLITE
        )
        super().__init__(zh if en is None else f"{zh} / {en}")

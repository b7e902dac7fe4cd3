"""The project's own exception types."""

from __future__ import annotations


class SmsDesktopError(Exception):
    """Base class of every error the core raises on purpose."""


class InputError(SmsDesktopError):
    """Bad input from the user: nothing was sent. The message is shown as is."""


class ProtocolError(SmsDesktopError):
    """A gateway reply could not be understood.

    Parsers raise only this (never ValueError, KeyError, XML errors …), whatever bytes arrive.
    The raw body is kept so it can be stored and shown as "unrecognised reply".
    """

    def __init__(self, message: str, raw: object = None) -> None:
        super().__init__(message)
        self.raw = raw


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

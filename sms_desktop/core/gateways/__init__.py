"""Gateway clients, one module per protocol family, behind one interface (:mod:`.base`)."""

from __future__ import annotations

from .base import (
    POSTPAID,
    PREPAID,
    AccountConfig,
    Balance,
    Capabilities,
    CodeInfo,
    DeliveryReport,
    Gateway,
    Operation,
    Outcome,
    Paging,
    PasswordHash,
    QueryResult,
    RecipientResult,
    Reply,
    SendResult,
    Template,
)
from .http import RawReply, Transport

FAMILIES = ("ipyy", "qxt", "jsm", "txt112088")


def gateway_class(family: str) -> type[Gateway]:
    """The client class of a family name."""
    if family == "ipyy":
        from .ipyy import IpyyGateway

        return IpyyGateway
    if family == "qxt":
        from .qxt import QxtGateway

        return QxtGateway
    if family == "jsm":
        from .jsm import JsmGateway

        return JsmGateway
    if family == "txt112088":
        from .txt112088 import Txt112088Gateway

        return Txt112088Gateway
    from ..errors import InputError

    raise InputError(f"未知的网关类型：{family} / Unknown gateway family: {family}")


def make_gateway(account: AccountConfig, transport: Transport | None = None) -> Gateway:
    return gateway_class(account.family)(account, transport)


__all__ = [
    "FAMILIES",
    "POSTPAID",
    "PREPAID",
    "AccountConfig",
    "Balance",
    "Capabilities",
    "CodeInfo",
    "DeliveryReport",
    "Gateway",
    "Operation",
    "Outcome",
    "Paging",
    "PasswordHash",
    "QueryResult",
    "RawReply",
    "RecipientResult",
    "Reply",
    "SendResult",
    "Template",
    "Transport",
    "gateway_class",
    "make_gateway",
]

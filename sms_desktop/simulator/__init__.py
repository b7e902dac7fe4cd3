"""Gateway simulator: an independent implementation of the vendor side of the four SMS gateway
families (ipyy, qxt, jsm, txt112088), for tests and demos. Standard library only."""

from .server import Simulator, demo_accounts
from .state import Account, Fault, LoggedRequest, PushAttempt, PushItem, Reply, Report, SentMessage

__all__ = [
    "Account",
    "Fault",
    "LoggedRequest",
    "PushAttempt",
    "PushItem",
    "Reply",
    "Report",
    "SentMessage",
    "Simulator",
    "demo_accounts",
]

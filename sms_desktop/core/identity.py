"""Who is at the keyboard: the operating system's user and the PC's name.

A job records who created, started, paused and cancelled it (``store.jobs``); on an office store
several PCs share one history, so "who" is a user *and* a PC. Anything that needs to say which
person or machine does something (a job's actions, a runner's lease, a log line) asks here::

    me = identity.current()      # Identity(user='zhangsan', pc='FRONT-DESK')
    me.user, me.pc, str(me)      # 'zhangsan', 'FRONT-DESK', 'zhangsan@FRONT-DESK'

* The user is ``USERNAME`` (Windows), else ``USER`` (Unix), else the login name the OS gives.
* The PC is ``COMPUTERNAME`` where it is set (Windows sets it, upper case, the NetBIOS name),
  else the host name. A test plays several PCs on one machine by setting ``COMPUTERNAME``
  (and ``USERNAME``) in each process's environment.

Both are read again at every call (the environment is the truth; reading it costs a few µs), and
neither is ever empty: an unknown one is ``"?"``.
"""

from __future__ import annotations

import getpass
import os
import socket
from dataclasses import dataclass
from typing import Any

UNKNOWN = "?"


@dataclass(frozen=True)
class Identity:
    """An operating-system user on a PC."""

    user: str
    pc: str

    def __str__(self) -> str:
        return f"{self.user}@{self.pc}"

    def as_dict(self) -> dict[str, str]:
        return {"user": self.user, "pc": self.pc}


def user_name() -> str:
    """The OS user: ``USERNAME``, else ``USER``, else the OS's login name, else ``"?"``."""
    for var in ("USERNAME", "USER"):
        value = os.environ.get(var, "").strip()
        if value:
            return value
    try:
        return getpass.getuser().strip() or UNKNOWN
    except Exception:  # no name for this uid (a container), or no pwd module
        return UNKNOWN


def pc_name() -> str:
    """The PC: ``COMPUTERNAME`` where set, else the host name, else ``"?"``."""
    value = os.environ.get("COMPUTERNAME", "").strip()
    if value:
        return value
    try:
        return socket.gethostname().strip() or UNKNOWN
    except OSError:
        return UNKNOWN


def current() -> Identity:
    """This process's user and PC."""
    return Identity(user_name(), pc_name())


def of(user: Any, pc: Any) -> Identity | None:
    """An identity as stored (two columns), or None when not recorded (jobs made before the
    program recorded who made them)."""
    if not user and not pc:
        return None
    return Identity(str(user or UNKNOWN), str(pc or UNKNOWN))

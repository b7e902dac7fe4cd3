"""Running ``sms-desktop-cli`` as a real subprocess against the simulator (shared by the CLI and
the reliability tests; imported by name: tests/ is on sys.path through tests/conftest.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass
class Run:
    rc: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


def phones_sent(sim, family: str, param: str) -> list[str]:
    """Every number the simulator received in ``param`` of a ``family`` request, in order."""
    out: list[str] = []
    for r in sim.requests:
        if r.family == family and r.params.get(param):
            out.extend(x for x in r.params[param].split(",") if x)
    return out


class Cli:
    def __init__(self, home, sim):
        self.home = home
        self.sim = sim

    def env(self):
        env = dict(os.environ)
        env["SMS_DESKTOP_HOME"] = str(self.home)
        env["PYTHONIOENCODING"] = "utf-8"
        return env

    def __call__(self, *args: str, stdin: str | None = None, timeout: float = 60) -> Run:
        p = subprocess.run(
            [sys.executable, "-m", "sms_desktop.cli", "--home", str(self.home), *args],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            env=self.env(),
        )
        return Run(p.returncode, p.stdout, p.stderr)

    def popen(self, *args: str, **kw) -> subprocess.Popen:
        kw.setdefault("stdout", subprocess.PIPE)
        kw.setdefault("stderr", subprocess.PIPE)
        return subprocess.Popen(
            [sys.executable, "-m", "sms_desktop.cli", "--home", str(self.home), *args],
            env=self.env(),
            **kw,
        )

    def add_account(
        self,
        name: str,
        family: str,
        user: str = "u1",
        password: str = "pw1",
        balance: int = 100000,
        *extra: str,
        base_url: str | None = None,
    ) -> Run:
        kw = {"verycode": "vc"} if family == "jsm" else {}
        self.sim.add_account(family, user, password, balance=balance, **kw)
        args = [
            "account",
            "add",
            name,
            "--family",
            family,
            "--base-url",
            base_url or self.sim.base_url(family),
            "--username",
            user,
            "--password-stdin",
            "--read-timeout",
            "3",
            *extra,
        ]
        if family == "jsm":
            args += ["--verycode", "vc"]
        r = self(*args, stdin=password + "\n")
        assert r.rc == 0, r.err
        return r


def wait_for(what, timeout: float = 30.0, proc=None, every: float = 0.1) -> None:
    """Until ``what()`` is true (AssertionError after ``timeout`` seconds, or at once when the
    process ``proc`` has exited, with its stderr)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if what():
            return
        if proc is not None and proc.poll() is not None:
            _out, err = proc.communicate()
            raise AssertionError(f"serve exited {proc.returncode}: {err.decode()}")
        time.sleep(every)
    raise AssertionError("timed out")

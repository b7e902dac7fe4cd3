from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest


@dataclass
class Run:
    rc: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


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

    def popen(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "sms_desktop.cli", "--home", str(self.home), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.env(),
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


@pytest.fixture
def cli(sim, home):
    sim.report_delay = 0.0
    return Cli(home, sim)

"""A throw-away PostgreSQL server for the tests: ``initdb`` and ``pg_ctl`` in a temporary folder,
on a free loopback port, stopped and deleted at the end. No system service is used.

PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the ``postgres``
user that Debian's ``postgresql`` package creates (``.ci/setup`` installs the package when it is
missing), with its folder owned by that user.

    with PgServer() as pg:
        url = pg.create_database("t1")      # postgresql://sms@127.0.0.1:PORT/t1
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "sms"


def find_bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: Debian keeps them out of PATH, per version."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name or 0)
    )
    for d in reversed(candidates):
        if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists():
            return Path(d)
    for name in ("initdb",):
        found = shutil.which(name)
        if found and shutil.which("pg_ctl"):
            return Path(found).parent
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgUnavailable(RuntimeError):
    pass


class PgServer:
    def __init__(self, *, fsync: bool = False) -> None:
        """``fsync=False`` (tests): the server skips flushing to disk; benchmarks pass True."""
        self.bindir = find_bindir()
        if self.bindir is None:
            raise PgUnavailable("PostgreSQL's initdb/pg_ctl not found (run bash .ci/setup)")
        self.fsync = fsync
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="sms-pg-"))
        self.data = self.dir / "data"
        self.sockets = self.dir / "sock"
        self._as: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                self._as = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PgUnavailable("running as root and no 'postgres' user to run as") from exc
        self.started = False

    # ---- running the server's programs as its owner -------------------------------------
    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        user = self._as

        def demote() -> None:  # pragma: no cover - runs in the child
            if user is not None:
                os.setgid(user.pw_gid)
                os.setgroups([])
                os.setuid(user.pw_uid)

        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        env.pop("PGDATA", None)
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],  # type: ignore[operator]
            preexec_fn=demote,
            env=env,
            cwd=self.dir,
            capture_output=True,
            text=True,
            check=check,
            timeout=120,
        )

    def start(self) -> PgServer:
        self.sockets.mkdir()
        if self._as is not None:
            for p in (self.dir, self.sockets):
                os.chown(p, self._as.pw_uid, self._as.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-instructions",
        )
        opts = [
            f"-p {self.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.sockets}",
            "-c max_connections=200",
            f"-c fsync={'on' if self.fsync else 'off'}",
            "-c full_page_writes=" + ("on" if self.fsync else "off"),
        ]
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "server.log"),
            "-o",
            " ".join(opts),
            "-w",
            "-t",
            "60",
            "start",
        )
        self.started = True
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        return self

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        out = self._run(
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            SUPERUSER,
            "-d",
            database,
            "-At",
            "-c",
            sql,
        )
        return out.stdout

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def add_password_user(self, name: str, password: str) -> None:
        """A login role that must give its password (SCRAM) over TCP: the server's other roles
        keep ``trust``."""
        self.psql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")
        hba = self.data / "pg_hba.conf"
        rule = f"host all {name} 127.0.0.1/32 scram-sha-256\n"
        hba.write_text(rule + hba.read_text())
        self._run("pg_ctl", "-D", str(self.data), "-w", "reload")
        time.sleep(0.3)  # the postmaster reads the file on SIGHUP

    def enable_ssl(self, cert: Path, key: Path) -> None:
        """Encrypted connections from now on (``ssl = on``), with ``cert`` and its ``key``
        (PEM files; the server needs the key readable by its owner only)."""
        for src, name in ((cert, "server.crt"), (key, "server.key")):
            dest = self.data / name
            shutil.copyfile(src, dest)
            dest.chmod(0o600)
            if self._as is not None:
                os.chown(dest, self._as.pw_uid, self._as.pw_gid)
        self.psql("ALTER SYSTEM SET ssl = on")
        self._run("pg_ctl", "-D", str(self.data), "-w", "reload")
        time.sleep(0.3)  # the postmaster reads the settings on SIGHUP

    def log(self) -> str:
        try:
            return (self.dir / "server.log").read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

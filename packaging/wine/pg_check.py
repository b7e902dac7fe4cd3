"""The Windows programs on an office store, under Wine: the bundles carry the PostgreSQL driver
(psycopg with its compiled libpq, from psycopg-binary's Windows wheel) and use it.

    python packaging/wine/pg_check.py CLI_EXE GUI_EXE OUT_DIR

Starts a throw-away PostgreSQL server on this machine (``tests/pgserver.py``: ``initdb`` and
``pg_ctl`` in a temporary folder, on a loopback port that Wine's programs reach like any Windows
program would), then:

* ``sms-desktop-cli.exe --store postgresql://… account list --json`` on an empty database: the
  CLI sets the database up (its migrations) and lists no account;
* ``SMSDesktop.exe --self-test`` with ``SMS_DESKTOP_STORE`` naming that database: the report's
  ``postgresql`` check is connected (the driver loaded, the server answered);
* the server then encrypts (``ssl = on``, a certificate for 127.0.0.1 signed by a CA made for
  the check with this machine's ``openssl``): the CLI connects with ``sslmode=verify-full`` and
  that CA, and is refused with another CA (libpq's TLS, on the OpenSSL the program carries).

Where PostgreSQL's programs are missing, it falls back to the driver alone: the CLI, pointed at a
closed port, must answer with the store's own "cannot reach the server" words, which only come
after libpq tried to connect.

The caller sets up Wine (``WINEPREFIX`` and the rest: ``packaging/build-windows.sh check``).
Prints what it found; exit 0 when every check held.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from pgserver import PgServer, PgUnavailable  # noqa: E402

UNREACHABLE = "无法连接办公室服务器"  # the store's words for a server that does not answer


def winpath(p: Path) -> str:
    return "Z:" + str(p.resolve()).replace("/", "\\")


def wine_env(**extra: str) -> dict[str, str]:
    """The host's environment without what points Windows Python at Linux paths."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "PYTHON", "QT_")) and k != "VIRTUAL_ENV"
    }
    env.update(extra)
    return env


def window_env(url: str, home: Path) -> dict[str, str]:
    """The window's self-test on the office store ``url``, on Qt's offscreen platform, as
    ``build-windows.sh check`` runs it: this machine has no display for Wine, so on Qt's
    Windows platform no window of the program gets a native window, and at the end Qt's
    ``closeAllWindows()`` would go round forever on the main window that Qt believes visible
    (the report written, the process never ending)."""
    return wine_env(
        SMS_DESKTOP_STORE=url, SMS_DESKTOP_HOME=winpath(home), WINEQT_QPA_PLATFORM="offscreen"
    )


def run_cli(exe: Path, out: Path, name: str, args: str, **env: str) -> tuple[int, str, str]:
    """``exe args`` through ``cmd /c``, its output in ``out/name``; (exit code, stdout, stderr)."""
    # no pipes: Wine's services, started by the first Windows program, would inherit them
    # stderr apart: under Wine libpq may note an untranslatable error code there
    command = f"{winpath(exe)} {args} > {name} 2> {name}.err"
    proc = subprocess.run(
        ["wine", "cmd", "/c", command],
        cwd=out,
        env=wine_env(**env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    raw = (out / name).read_bytes() if (out / name).exists() else b""
    text = raw.decode("gb18030", "replace")  # the console's code page 936 (zh_CN locale)
    err = out / f"{name}.err"
    errors = err.read_bytes().decode("gb18030", "replace") if err.exists() else ""
    print(f"{name} (exit {proc.returncode}):\n{text}" + (f"\nstderr:\n{errors}" if errors else ""))
    return proc.returncode, text, errors


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # free once the socket closes: nothing listens


def driver_only(cli: Path, out: Path) -> list[str]:
    home = winpath(out / "home-driver")
    url = f"postgresql://clerk@127.0.0.1:{closed_port()}/office"
    rc, text, errors = run_cli(
        cli, out, "cli-driver.txt", f"--home {home} --store {url} account list"
    )
    text += errors
    if rc != 2 or UNREACHABLE not in text:
        return [f"the CLI did not reach libpq (exit {rc}): {text[-500:]}"]
    return []


def with_server(cli: Path, gui: Path, out: Path, pg: PgServer) -> list[str]:
    problems: list[str] = []
    url = pg.create_database("wine_office")
    home = winpath(out / "home-cli")
    rc, text, _ = run_cli(
        cli, out, "cli-account-list.txt", f"--home {home} --store {url} account list --json"
    )
    try:
        listed = json.loads(text) if rc == 0 else None
    except ValueError:
        listed = None
    if listed != []:
        problems.append(f"the CLI on {url} answered (exit {rc}): {text[-500:]}")
    migrations = pg.psql("SELECT COUNT(*) FROM schema_migrations", "wine_office").strip()
    print(f"schema_migrations after the CLI's first connection: {migrations}")
    if not migrations.isdigit() or int(migrations) == 0:
        problems.append("the CLI did not set the empty database up")
    report = out / "selftest-pg.json"
    report.unlink(missing_ok=True)
    proc = subprocess.run(
        ["wine", str(gui.resolve()), "--self-test", winpath(report)],
        cwd=out,
        env=window_env(url, out / "home-gui"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    try:
        checks = {c["name"]: c for c in json.loads(report.read_text("utf-8"))["checks"]}
    except (OSError, ValueError, KeyError) as exc:
        return [
            *problems,
            f"the window's self-test wrote no report (exit {proc.returncode}): {exc}",
        ]
    pg_check = checks.get("postgresql", {})
    print(
        f"self-test (exit {proc.returncode}) postgresql: {json.dumps(pg_check, ensure_ascii=False)}"
    )
    if proc.returncode != 0 or not pg_check.get("connected"):
        failed = [n for n, c in checks.items() if not c.get("ok")]
        problems.append(f"the window's self-test on {url}: exit {proc.returncode}, failed {failed}")
    return problems


def make_certificates(folder: Path) -> tuple[Path, Path, Path, Path] | None:
    """A CA, a server certificate it signed for 127.0.0.1 with its key, and a second CA that
    signed nothing (``openssl`` of this machine); None without ``openssl``."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], cwd=folder, check=True, capture_output=True)

    for ca in ("ca", "other-ca"):
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            f"/CN=SMS Desktop check {ca}", "-keyout", f"{ca}.key", "-out", f"{ca}.crt")  # fmt: skip
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", "server.key", "-out", "server.csr")  # fmt: skip
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt")  # fmt: skip
    return (
        folder / "ca.crt",
        folder / "server.crt",
        folder / "server.key",
        folder / "other-ca.crt",
    )


def with_ssl(cli: Path, out: Path, pg: PgServer) -> list[str]:
    """The CLI on an encrypted connection (``sslmode=verify-full``): libpq's TLS works with the
    OpenSSL the program carries, and checks the server's certificate against the CA given.

    Under Wine 8 libpq's ``stat()`` of any file fails (it calls an ntdll function Wine lacks:
    "unrecognized win32 error code: 127"), so the CA cannot be given as ``sslrootcert=FILE``
    and the default client certificate must not be looked for: the CA comes as OpenSSL's default
    trust (``sslrootcert=system`` and ``SSL_CERT_FILE``, read by OpenSSL itself), and
    ``PGSSLCERTMODE=disable``."""
    made = make_certificates(out / "ssl")
    if made is None:
        print("no openssl here: the encrypted connection is not checked")
        return []
    ca, cert, key, other_ca = made
    pg.enable_ssl(cert, key)
    pg.psql("ALTER SYSTEM SET log_connections = on")
    pg.psql("SELECT pg_reload_conf()")
    url = f"{pg.url('wine_office')}?sslmode=verify-full&sslrootcert=system"
    problems: list[str] = []
    for name, root, good in (("cli-ssl.txt", ca, True), ("cli-ssl-wrong-ca.txt", other_ca, False)):
        rc, text, _ = run_cli(
            cli,
            out,
            name,
            f"--home {winpath(out / 'home-cli')} account list --json",
            # the URL through the environment: cmd would split the command line at its '&'
            SMS_DESKTOP_STORE=url,
            SSL_CERT_FILE=winpath(root),
            PGSSLCERTMODE="disable",
        )
        if good and (rc != 0 or text.strip() != "[]"):
            problems.append(f"the CLI over TLS (verify-full) answered (exit {rc}): {text[-300:]}")
        if good:  # the server's side: "connection authorized: … SSL enabled (protocol=…)"
            log = pg.log().splitlines()
            seen = [ln for ln in log if "database=wine_office" in ln and "SSL enabled" in ln]
            print("server log:", *seen[-1:] or ["no encrypted connection to wine_office"])
            if not seen:
                problems.append("the server logged no encrypted connection of the CLI")
        if not good and rc == 0:
            problems.append("the CLI connected although the server's certificate is another CA's")
    return problems


def main(argv: list[str]) -> int:
    cli, gui, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    try:
        pg = PgServer().start()
    except PgUnavailable as exc:
        print(f"no PostgreSQL server here ({exc}): the driver alone is checked")
        problems = driver_only(cli, out)
    else:
        try:
            problems = with_server(cli, gui, out, pg)
            problems += with_ssl(cli, out, pg)
        finally:
            pg.stop()
    print("postgresql:", "ok" if not problems else "; ".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

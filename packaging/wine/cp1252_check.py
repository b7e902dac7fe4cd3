"""The Windows CLI on an English Windows (ANSI code page 1252), under Wine: nothing it writes to a
file or a pipe may turn into ``?``.

    python packaging/wine/cp1252_check.py EXE OUT_DIR

Runs ``EXE`` (``sms-desktop-cli.exe``) through ``cmd /c`` with the Unix locale ``en_US.UTF-8``
(Wine's code page 1252; ``C`` when that locale is not installed gives the same), the output
redirected to files the way a script or Task Scheduler does: imports a contacts file with Chinese
and Latin names into a fresh home, then ``contacts list --json > list.json`` and
``contacts list > list.txt``. Checks that the code page really was 1252 (the Latin names in its
bytes), that the JSON is UTF-8 (ASCII-escaped) and reads back with every name intact, and that the
human text escapes what 1252 cannot show (``\\u5f20\\u4f1f``) and holds no ``?``.

The caller sets up Wine (``WINEPREFIX`` and the rest: ``packaging/build-windows.sh check``, or
``tests/packaging/test_wine_codepage.py``). Prints what it found; exit 0 when every check held.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NAMES = ["张伟", "李娜", "Zoë Müller"]
GROUP = "客户"
CSV = "手机,姓名\r\n13800138000,张伟\r\n13912345678,李娜\r\n15023239810,Zoë Müller\r\n"


def winpath(p: Path) -> str:
    return "Z:" + str(p.resolve()).replace("/", "\\")


def english_locale() -> dict[str, str]:
    """The environment of an English Windows for Wine: en_US.UTF-8 where it can be found."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "PYTHON", "QT_")) and k != "VIRTUAL_ENV"
    }
    locpath = env.get("LOCPATH")
    has_en = (locpath and Path(locpath, "en_US.UTF-8").is_dir()) or Path(
        "/usr/lib/locale/en_US.utf8"
    ).is_dir()
    lang = "en_US.UTF-8" if has_en else "C"
    env.update(LANG=lang, LC_ALL=lang)
    return env


def run(exe: Path, out: Path, timeout: float = 600) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "contacts.csv").write_text(CSV, encoding="utf-8")
    cli = f"{winpath(exe)} --home {winpath(out / 'home')}"
    command = " & ".join(
        [
            f"{cli} contacts import contacts.csv --group {GROUP} > import.txt 2>&1",
            f"{cli} contacts list --json > list.json 2> list-json.err",
            f"{cli} contacts list > list.txt 2>&1",
        ]
    )
    # no pipes: Wine's services, started by the first Windows program, would inherit them
    subprocess.run(
        ["wine", "cmd", "/c", command],
        cwd=out,
        env=english_locale(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def check(out: Path) -> list[str]:
    """What went wrong (empty when every check held); prints what was found."""
    problems: list[str] = []
    human = (out / "list.txt").read_bytes() if (out / "list.txt").exists() else b""
    raw = (out / "list.json").read_bytes() if (out / "list.json").exists() else b""
    imported = (out / "import.txt").read_bytes() if (out / "import.txt").exists() else b""
    print(f"import.txt:\n{imported.decode('cp1252', 'replace')}")
    print(f"list.txt:\n{human.decode('cp1252', 'replace')}")
    print(f"list.json ({len(raw)} bytes):\n{raw.decode('utf-8', 'replace')}")
    if "Zoë Müller".encode("cp1252") not in human:
        problems.append("the console's code page was not 1252 (the Latin names are not in it)")
    try:
        data = json.loads(raw.decode("utf-8"))
        names = [c["name"] for c in data["contacts"]]
        groups = {c["group"] for c in data["contacts"]}
        if names != NAMES or groups != {GROUP}:
            problems.append(f"--json read back {names} in {groups}, not {NAMES} in {GROUP}")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        problems.append(f"--json is not UTF-8 JSON: {exc!r}")
    if b"?" in raw:
        problems.append("--json holds a '?'")
    if b"?" in human or b"?" in imported:
        problems.append("the human text holds a '?' (a character replaced)")
    if b"\\u5f20\\u4f1f" not in human:  # 张伟, escaped
        problems.append("the human text does not show 张伟 escaped as \\u5f20\\u4f1f")
    print("cp1252:", "ok" if not problems else "; ".join(problems))
    return problems


def main(argv: list[str]) -> int:
    exe, out = Path(argv[0]), Path(argv[1])
    run(exe, out)
    return 1 if check(out) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

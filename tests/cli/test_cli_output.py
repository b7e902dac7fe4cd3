"""Human output, exports and one-line errors of the CLI (issue 7, items 13, 15 and 16)."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import openpyxl
import pytest

from sms_desktop.core.contacts import add_contact, export_blacklist_xlsx
from sms_desktop.core.store import open_database

GARBAGE = "\x00\x01\x1b[2J\x1b]0;pwned\x07 坏回复"
# A C0 control other than the line break (tables end their lines with it).
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
LONG = "1" * 5000


def _garbage_send(cli):
    """A txt112088 send answered by garbage: the history then holds the raw control bytes."""
    cli.add_account("a", "txt112088")
    cli.sim.set_fault("txt112088", "reply", count=1, body=GARBAGE)
    r = cli("send", "a", "--to", "13800138000", "--text", "你好", "--json")
    assert r.rc == 1, r.err
    assert r.json["results"][0]["state"] == "unknown"
    return r.json["job_id"]


def _cells(path):
    wb = openpyxl.load_workbook(path)
    return [v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row]


def test_every_export_survives_characters_xml_cannot_hold(cli, home, tmp_path):
    _garbage_send(cli)
    # history: the garbage reply is in the gateway's-text column (exact when stored)
    r = cli("history", "--json")
    assert "\x1b[2J" in r.json[0]["vendor_text"]  # stored exact
    out = tmp_path / "history.xlsx"
    r = cli("export", "history", str(out))
    assert r.rc == 0, r.err
    cells = [c for c in _cells(out) if isinstance(c, str)]
    assert any("\\x1b[2J" in c and "坏回复" in c for c in cells)
    assert not any(RAW_CONTROL.search(c.replace("\t", "")) for c in cells)
    # a second export works too (it used to fail for good)
    assert cli("export", "history", str(tmp_path / "again.xlsx")).rc == 0

    db = open_database(home)
    try:
        add_contact(db, "客户", "13700001111", "张\x01三", {"备注": "a\x0bb"})
    finally:
        db.close()
    out = tmp_path / "contacts.xlsx"
    r = cli("contacts", "export", str(out))
    assert r.rc == 0, r.err
    cells = [c for c in _cells(out) if isinstance(c, str)]
    assert "张\\x01三" in cells and "a\\x0bb" in cells

    r = cli("blacklist", "add", "13600001111", "--reason", "原因\x07\x1b")
    assert r.rc == 0, r.err
    out = tmp_path / "blacklist.xlsx"
    db = open_database(home)
    try:
        assert export_blacklist_xlsx(db, out) == 1
    finally:
        db.close()
    assert "原因\\x07\\x1b" in _cells(out)

    src = tmp_path / "客户.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["手机号码", "姓名"])
        w.writerow(["13500001111", "李四"])
        w.writerow(["135\x010001", "王\x02五"])
    out = tmp_path / "report.xlsx"
    r = cli("contacts", "import", str(src), "--group", "g2", "--report", str(out))
    assert r.rc == 0, r.err
    assert "warning" not in r.err
    cells = [c for c in _cells(out) if isinstance(c, str)]
    assert any("\\x01" in c for c in cells)
    assert not any(RAW_CONTROL.search(c) for c in cells)


def test_human_output_escapes_control_characters_and_cuts_long_values(cli):
    job = _garbage_send(cli)
    r = cli("send", "a", "--to", f"13700001111,{LONG}", "--text", "你好")
    assert r.rc == 1, r.err
    assert LONG[:14] in r.out and LONG not in r.out
    for args in (("history",), ("jobs",), ("history", "--job", str(job))):
        r = cli(*args)
        assert r.rc == 0, r.err
        assert not RAW_CONTROL.search(r.out), args
    r = cli("history")
    # the garbage is summarised by its size, never printed (the raw body stays stored)
    assert "不可读的内容（23 字节）" in r.out and "…" in r.out
    assert LONG[:60] in r.out and LONG not in r.out
    assert max(len(line) for line in r.out.splitlines()) < 600
    # the send's own report of problem recipients is escaped too
    cli.sim.set_fault("txt112088", "reply", count=1, body=GARBAGE)
    r = cli("send", "a", "--to", "13900139000", "--text", "再见")
    assert not RAW_CONTROL.search(r.out) and "不可读的内容" in r.out
    # JSON stays exact
    r = cli("history", "--json")
    data = r.json
    assert any(row["phone"] == LONG for row in data)
    assert any(row["vendor_text"] == GARBAGE for row in data)  # the gateway's own, exact


def test_home_that_is_a_file_is_one_line_exit_2(cli, tmp_path):
    f = tmp_path / "not-a-folder"
    f.write_text("x")
    for args in (("history",), ("account", "list"), ("contacts", "groups")):
        p = subprocess.run(
            [sys.executable, "-m", "sms_desktop.cli", "--home", str(f), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=cli.env(),
        )
        assert p.returncode == 2, (args, p.stderr)
        assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
        assert "not a folder" in p.stderr


def test_json_output_is_unchanged_by_the_escaping(cli):
    _garbage_send(cli)
    r = cli("history", "--json")
    assert json.loads(r.out)[0]["vendor_text"] == GARBAGE  # the gateway's words, exact


def _run_in(cli, env_changes: dict[str, str | None], *args: str) -> subprocess.CompletedProcess:
    """The CLI with its standard streams in another encoding (bytes out, nothing decoded)."""
    env = cli.env()
    for k in ("PYTHONIOENCODING", "PYTHONUTF8", "LANG", "LC_ALL", "LC_CTYPE"):
        env.pop(k, None)
    env.update({k: v for k, v in env_changes.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-m", "sms_desktop.cli", "--home", str(cli.home), *args],
        capture_output=True,
        env=env,
        timeout=60,
    )


# LANG=C as a Linux shell has it (Python then runs in UTF-8 mode), the same without UTF-8 mode
# (an ASCII stdout, as on a Windows whose Python has no UTF-8 mode), and a Windows console or
# pipe in code page 1252 (an English Windows).
_CONSOLES = {
    "LANG=C": {"LANG": "C", "LC_ALL": "C"},
    "LANG=C, no UTF-8 mode": {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"},
    "code page 1252": {"PYTHONIOENCODING": "cp1252"},
}


@pytest.mark.parametrize("console", list(_CONSOLES))
def test_chinese_text_survives_a_console_that_cannot_show_it(cli, home, console):
    db = open_database(home)
    try:
        add_contact(db, "客户", "13700001111", "张伟", {"备注": "VIP😀"})
    finally:
        db.close()
    env = _CONSOLES[console]
    p = _run_in(cli, env, "contacts", "list", "--json")
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode("utf-8")  # UTF-8 or ASCII: either decodes, and means the same
    assert "?" not in out
    data = json.loads(out)["contacts"][0]
    assert data["name"] == "张伟" and data["group"] == "客户" and data["fields"]["备注"] == "VIP😀"
    # human output: what the console cannot show is escaped, never "?"
    p = _run_in(cli, env, "contacts", "list")
    assert p.returncode == 0, p.stderr
    enc = "utf-8" if console == "LANG=C" else ("ascii" if "no UTF-8" in console else "cp1252")
    out = p.stdout.decode(enc)
    assert "?" not in out and "?" not in p.stderr.decode(enc)
    assert ("张伟" if enc == "utf-8" else "\\u5f20\\u4f1f") in out
    if enc != "utf-8":  # every character one column wide: the table stays aligned
        header, _, row = out.splitlines()[:3]
        assert row.index("13700001111") == header.index("\\u624b\\u673a phone")
    # an error message too
    p = _run_in(cli, env, "send", "没有这个账户", "--to", "13800138000", "--text", "x")
    assert p.returncode == 2
    err = p.stderr.decode(enc)
    assert "?" not in err and "No account named" in err

"""The contacts and blacklist CLI commands, through argparse as the real CLI wires them."""

from __future__ import annotations

import argparse
import json

import pytest
from sheetgen import write_xlsx

from sms_desktop.cli.common import CliError
from sms_desktop.cli.contacts_args import register


def run(home, *argv):
    p = argparse.ArgumentParser()
    p.add_argument("--home")
    register(p.add_subparsers(dest="command", required=True))
    args = p.parse_args(["--home", str(home), *argv])
    return args.func(args)


@pytest.fixture
def book(tmp_path):
    return write_xlsx(
        tmp_path / "客户.xlsx",
        {
            "S": [
                ["姓名", "手机号码", "城市"],
                ["张三", "13800138000", "北京"],
                ["李四", "1380013800", "上海"],
                ["王五", "13800138000", "广州"],
                ["赵六", "13600136000", "深圳"],
            ]
        },
    )


def test_import_json(home, book, capsys):
    assert run(home, "blacklist", "add", "13600136000", "--reason", "退订") == 0
    capsys.readouterr()
    assert run(home, "contacts", "import", str(book), "--group", "G", "--json") == 0
    out = capsys.readouterr().out
    data = json.loads(out)  # stdout is only the JSON document
    assert {
        k: data[k] for k in ("imported", "updated", "duplicates", "invalid", "blacklisted")
    } == {
        "imported": 1,
        "updated": 0,
        "duplicates": 1,
        "invalid": 1,
        "blacklisted": 1,
    }
    assert [(r["row"], r["outcome"]) for r in data["rejected"]] == [
        (3, "invalid"),
        (4, "duplicate"),
        (5, "blacklisted"),
    ]
    assert "10 digits" in data["rejected"][0]["reason"]


def test_import_text_report_and_xlsx(home, book, tmp_path, capsys):
    rep = tmp_path / "rep.xlsx"
    assert (
        run(home, "contacts", "import", str(book), "--report", str(rep), "--skip-duplicates") == 0
    )
    out = capsys.readouterr().out
    assert "imported 2" in out and "invalid 1" in out
    assert rep.exists()
    run(home, "contacts", "groups", "--json")
    groups = json.loads(capsys.readouterr().out)
    assert (
        groups[0]["name"] == "客户" and groups[0]["count"] == 2
    )  # group defaults to the file name


def test_import_options(home, tmp_path, capsys):
    p = write_xlsx(
        tmp_path / "o.xlsx",
        {"甲": [["x"]], "乙": [["备用", "手机"], ["13800138000", "13900139000"]]},
    )
    assert (
        run(home, "contacts", "import", str(p), "--sheet", "乙", "--phone-column", "A", "--json")
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["sheet"] == "乙" and data["columns"]["phone"] == "备用"
    assert data["imported"] == 1


def test_bad_input_is_cli_error(home, tmp_path):
    with pytest.raises(CliError, match="not found"):
        run(home, "contacts", "import", str(tmp_path / "missing.xlsx"))
    with pytest.raises(CliError, match="No valid number"):
        run(home, "blacklist", "add", "123")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"garbage" * 100)
    with pytest.raises(CliError, match="damaged"):
        run(home, "contacts", "import", str(bad))


def test_list_search_edit_delete_export(home, book, tmp_path, capsys):
    run(home, "contacts", "import", str(book), "--group", "G")
    capsys.readouterr()
    run(home, "contacts", "list", "--group", "G", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 2
    run(home, "contacts", "search", "北京", "--json")
    found = json.loads(capsys.readouterr().out)["contacts"]
    assert [c["name"] for c in found] == ["张三"]
    cid = found[0]["id"]
    run(home, "contacts", "edit", str(cid), "--name", "张三丰", "--set", "城市=武当", "--json")
    edited = json.loads(capsys.readouterr().out)
    assert (edited["name"], edited["fields"]["城市"]) == ("张三丰", "武当")
    out = tmp_path / "export.xlsx"
    run(home, "contacts", "export", str(out))
    assert out.exists()
    run(home, "contacts", "delete", str(cid), "--json")
    assert json.loads(capsys.readouterr().out) == {"deleted": 1}
    run(home, "contacts", "list")
    text = capsys.readouterr().out
    assert "13600136000" in text and "13800138000" not in text
    tpl = tmp_path / "tpl.xlsx"
    run(home, "contacts", "template", str(tpl))
    assert tpl.exists()


def test_blacklist_commands(home, tmp_path, capsys):
    run(home, "blacklist", "add", "13800138000", "139 0013 9000", "--json")
    assert json.loads(capsys.readouterr().out)["added"] == 2
    run(home, "blacklist", "list", "--json")
    assert {e["phone"] for e in json.loads(capsys.readouterr().out)} == {
        "13800138000",
        "13900139000",
    }
    run(home, "blacklist", "remove", "13800138000", "--json")
    assert json.loads(capsys.readouterr().out) == {"removed": 1}
    f = tmp_path / "bl.csv"
    f.write_text("号码\n13700137000\n13900139000\n", encoding="utf-8")
    run(home, "blacklist", "import", str(f), "--json")
    assert json.loads(capsys.readouterr().out) == {"added": 1, "already": 1, "invalid": []}
    out = tmp_path / "bl.xlsx"
    run(home, "blacklist", "export", str(out))
    assert out.exists()
    run(home, "blacklist", "list")
    assert "13700137000" in capsys.readouterr().out

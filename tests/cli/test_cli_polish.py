"""What a new user meets first on the command line: English counts, duplicate wording, JSON
errors, the help of `account add`, and which column of a file holds the numbers."""

from __future__ import annotations

import argparse

from sms_desktop.core.contacts.columns import detect_mapping
from sms_desktop.core.contacts.recipients import recipients_from_text, screen


def test_english_counts_say_one_recipient_and_one_part(cli):
    cli.add_account("a", "ipyy")
    r = cli("send", "a", "--to", "13800138000", "--text", "周六见", "--dry-run")
    assert r.rc == 0, r.err
    assert "estimate: 1 recipient," in r.out
    assert "3 characters, 1 part each, 1 part in total, 1 request" in r.out
    r = cli("send", "a", "--to", "13800138000", "--text", "周六见")
    assert r.rc == 0, r.err
    assert ": 1 recipient, 1 accepted" in r.out
    assert "1 recipients" not in r.out + r.err and "1 parts" not in r.out + r.err
    r = cli("send", "a", "--to", "13800138000,13900139000", "--text", "周六见", "--dry-run")
    assert "estimate: 2 recipients," in r.out and "2 parts in total, 1 request" in r.out


def test_a_duplicate_points_at_the_first_copy_never_at_itself(cli):
    cli.add_account("a", "ipyy")
    r = cli("send", "a", "--to", "13800138000,138 0013 8000", "--text", "x", "--dry-run")
    assert "row 1: duplicate number (same as entry 1 on this row)" in r.out
    assert "(same as row 1)" not in r.out
    pasted = "13800138000 13900139000 13800138000\n13700137000\n13900139000"
    reasons = [r.message for r in screen(recipients_from_text(pasted)).rejected]
    assert reasons == [
        "第 1 行：重复号码（与本行第 1 个号码相同） / row 1: duplicate number"
        " (same as entry 1 on this row)",
        "第 3 行：重复号码（与第 1 行相同） / row 3: duplicate number (same as row 1)",
    ]


def test_json_errors_are_a_json_object_on_stdout_with_the_same_exit_code(cli):
    r = cli("send", "nosuch", "--to", "13800138000", "--text", "x", "--json")
    assert r.rc == 2
    assert "No account named nosuch" in r.err  # the one line for people stays
    assert r.json == {
        "error": "没有名为 nosuch 的账户。 / No account named nosuch.",
        "kind": "bad_input",
        "exit_code": 2,
    }
    r = cli("history", "--limit", "-1", "--json")  # a command line argparse refuses
    assert r.rc == 2 and r.json["kind"] == "bad_input" and "--limit" in r.json["error"]
    r = cli("history", "--limit", "-1")  # without --json stdout stays empty
    assert r.rc == 2 and r.out == ""


def test_every_option_of_account_add_has_a_help_text():
    from sms_desktop.cli import build_parser

    def sub(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return action.choices[name]

    add = sub(sub(build_parser(), "account"), "add")
    missing = [
        a.option_strings or a.dest
        for a in add._actions
        if not isinstance(a, argparse._HelpAction) and not (a.help or "").strip()
    ]
    assert missing == []
    text = add.format_help()
    assert "required for jsm" in text and "veryCode" in text  # from the families' capabilities


def test_a_note_about_the_phone_is_not_taken_for_the_phone_column(cli, tmp_path):
    rows = [["张伟", "13800138000", ""], ["李娜", "13912345678", "13700001111"]]
    m = detect_mapping(["姓名", "联系", "电话号码备注"], True, rows)
    assert m.phone == 1 and m.fields == {2: "电话号码备注"}
    # where it is the only column of numbers, it still is the phone column
    only = detect_mapping(["姓名", "电话号码备注"], True, [r[:2] for r in rows])
    assert only.phone == 1
    src = tmp_path / "客户.csv"
    src.write_text(
        "姓名,联系,电话号码备注\n张伟,13800138000,\n李娜,13912345678,13700001111\n",
        encoding="utf-8",
    )
    r = cli("contacts", "import", str(src), "--group", "客户", "--json")
    assert r.rc == 0, r.err
    assert r.json["columns"]["phone"] == "联系"
    listed = cli("contacts", "list", "--json").json["contacts"]
    assert sorted(c["phone"] for c in listed) == ["13800138000", "13912345678"]
    assert {c["fields"].get("电话号码备注", "") for c in listed} == {"", "13700001111"}


def test_account_add_refuses_a_jsm_account_without_its_verycode(cli):
    cli.sim.add_account("jsm", "u1", "pw1", verycode="vc")
    args = ["account", "add", "j", "--family", "jsm", "--base-url", cli.sim.base_url("jsm")]
    args += ["--username", "u1", "--password-stdin"]
    r = cli(*args, stdin="pw1\n")
    assert r.rc == 2
    assert "veryCode" in r.err and "--verycode" in r.err and len(r.err.splitlines()) == 1
    assert cli("account", "list", "--json").json == []
    r = cli(*args, "--verycode", "vc", stdin="pw1\n")
    assert r.rc == 0, r.err

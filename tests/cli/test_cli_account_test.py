"""``account test NAME``: the connection test of the core, as the GUI will call it."""

from __future__ import annotations


def test_account_test_finds_get_for_a_query_string_only_host(cli):
    cli.sim.txt_query_string_only = True
    cli.add_account("t", "txt112088")
    r = cli("account", "test", "t", "--json")
    assert r.rc == 0, r.err
    d = r.json
    assert d["ok"] and d["stored_options"] == {"method": "get"} and d["balance"] == 100000
    assert [a["ok"] for a in d["attempts"]] == [False, True]
    assert d["attempts"][0]["options"] == {"method": "post"}
    # the balance it read is the account's last reading: the estimate weighs the cost against it
    r = cli("send", "t", "--to", "13800138000", "--text", "你好", "--dry-run", "--json")
    assert r.rc == 0 and r.json["balance"] == 100000
    r = cli("account", "list", "--json")
    assert r.json[0]["options"]["method"] == "get"
    r = cli("account", "test", "t")
    assert r.rc == 0 and "method=get" in r.out
    r = cli("send", "t", "--to", "13800138000", "--text", "你好", "--json")
    assert r.rc == 0 and r.json["accepted"] == 1
    assert cli.sim.requests[-1].method == "GET"


def test_account_test_reports_a_wrong_password(cli):
    cli.add_account("j", "jsm")
    cli("account", "password", "j", "--password-stdin", stdin="wrong\n")
    r = cli("account", "test", "j")
    assert r.rc == 1
    assert "failed" in r.err and "password is wrong" in r.out

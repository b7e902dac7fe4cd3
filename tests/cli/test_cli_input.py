"""Bad input is refused before anything is stored or sent (issue 7, items 9-11, 13, 14), and
the estimate the CLI prints is the core's. The CLI runs as a subprocess against the simulator."""

from __future__ import annotations

import csv
import sqlite3
from datetime import datetime, timedelta

import pytest


def send_requests(sim, family: str) -> list:
    param = {"ipyy": "mobile", "jsm": "mobile", "qxt": "tele", "txt112088": "send_phone"}[family]
    return [r for r in sim.requests if r.family == family and r.params.get(param)]


def job_count(cli) -> int:
    path = cli.home / "sms_desktop.sqlite3"
    if not path.exists():
        return 0
    db = sqlite3.connect(path)
    try:
        return int(db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])
    finally:
        db.close()


def one_line_error(r) -> bool:
    lines = r.err.strip().splitlines()
    return len(lines) == 1 and "Traceback" not in r.err


def bills_csv(path, rows) -> str:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "手机", "金额"])
        w.writerows(rows)
    return str(path)


# ---- item 9: a time in the past ---------------------------------------------------------------
@pytest.mark.parametrize("family", ["ipyy", "qxt"])
def test_a_send_time_in_the_past_is_bad_input_nothing_sent_nothing_stored(cli, family):
    cli.add_account("a", family)
    past = (datetime.now() - timedelta(days=366)).strftime("%Y-%m-%d %H:%M:%S")
    r = cli("send", "a", "--to", "13800138000", "--text", "x", "--at", past)
    assert r.rc == 2, r.err
    assert one_line_error(r) and past in r.err
    assert send_requests(cli.sim, family) == []
    assert job_count(cli) == 0


def test_a_send_time_a_few_seconds_ago_means_now(cli):
    cli.add_account("a", "ipyy")
    just = (datetime.now() - timedelta(seconds=5)).strftime("%Y-%m-%d %H:%M:%S")
    r = cli("send", "a", "--to", "13800138000", "--text", "x", "--at", just, "--json")
    assert r.rc == 0, r.err
    assert r.json["accepted"] == 1 and r.json["send_at"] is None
    assert [req.params["sendTime"] for req in send_requests(cli.sim, "ipyy")] == [""]


# ---- item 10: empty merge fields --------------------------------------------------------------
def test_a_placeholder_without_a_value_for_typed_numbers_is_an_error(cli):
    cli.add_account("a", "ipyy")
    r = cli("send", "a", "--to", "13800138000", "--text", "{姓名}您好")
    assert r.rc == 2, r.err
    assert one_line_error(r) and "{姓名}" in r.err
    assert send_requests(cli.sim, "ipyy") == [] and job_count(cli) == 0


def test_file_rows_with_an_empty_field_are_skipped_with_the_reason(cli, tmp_path):
    cli.add_account("a", "ipyy")
    f = bills_csv(
        tmp_path / "bills.csv",
        [["张三", "13800138000", "12"], ["王五", "13800138001", ""], ["李四", "13800138002", "7"]],
    )
    r = cli("send", "a", "--contacts", f, "--text", "{姓名}您好，账单{金额}元", "--json")
    sent = sorted(req.params["content"] for req in send_requests(cli.sim, "ipyy"))
    assert sent == ["张三您好，账单12元", "李四您好，账单7元"]
    skipped = [x for x in r.json["results"] if x["state"] == "skipped"]
    assert [x["phone"] for x in skipped] == ["13800138001"]
    assert skipped[0]["code"] == "empty_field"
    assert "empty field 金额" in skipped[0]["message"] and "第 3 行" in skipped[0]["message"]
    assert "empty field 金额" in r.err  # the totals printed before sending name it too


def test_allow_empty_fields_sends_the_rows_as_they_are(cli, tmp_path):
    cli.add_account("a", "ipyy")
    f = bills_csv(tmp_path / "bills.csv", [["王五", "13800138001", ""]])
    r = cli(
        "send", "a", "--contacts", f, "--text", "{姓名}您好，账单{金额}元", "--allow-empty-fields"
    )
    assert r.rc == 0, r.err
    assert [req.params["content"] for req in send_requests(cli.sim, "ipyy")] == ["王五您好，账单元"]


def test_group_contacts_with_an_empty_field_are_skipped(cli, tmp_path):
    cli.add_account("a", "ipyy")
    f = bills_csv(
        tmp_path / "bills.csv", [["张三", "13800138000", "12"], ["王五", "13800138001", ""]]
    )
    assert cli("contacts", "import", f, "--group", "客户").rc == 0
    r = cli("send", "a", "--group", "客户", "--text", "{姓名}：{金额}元", "--json")
    assert [req.params["content"] for req in send_requests(cli.sim, "ipyy")] == ["张三：12元"]
    skipped = [x for x in r.json["results"] if x["state"] == "skipped"]
    assert [(x["phone"], x["code"]) for x in skipped] == [("13800138001", "empty_field")]


# ---- item 11: a length cap for every family ---------------------------------------------------
@pytest.mark.parametrize("family", ["ipyy", "qxt"])
def test_families_without_a_documented_cap_refuse_more_than_500_characters(cli, family):
    cli.add_account("a", family)
    r = cli("send", "a", "--to", "13800138000", "--text", "长" * 501)
    assert r.rc == 2, r.err
    assert one_line_error(r) and "500" in r.err
    assert send_requests(cli.sim, family) == [] and job_count(cli) == 0
    r = cli("send", "a", "--to", "13800138000", "--text", "长" * 500, "--json")
    assert r.rc == 0, r.err


def test_a_runaway_merge_cell_is_refused_before_anything_is_sent(cli, tmp_path):
    cli.add_account("a", "ipyy")
    f = bills_csv(
        tmp_path / "bills.csv",
        [["张三", "13800138000", "12"], ["王五", "13800138001", "9" * 32000]],
    )
    r = cli("send", "a", "--contacts", f, "--text", "{姓名}您好，账单{金额}元")
    assert r.rc == 2, r.err
    assert send_requests(cli.sim, "ipyy") == [] and job_count(cli) == 0


def test_the_cap_is_an_account_option_validated_stored_and_listed(cli):
    cli.add_account("a", "ipyy", "u1", "pw1", 100000, "--max-length", "100")
    listed = cli("account", "list", "--json").json
    assert listed[0]["max_length"] == 100 and listed[0]["options"]["max_length"] == "100"
    assert "100" in cli("account", "list").out
    r = cli("send", "a", "--to", "13800138000", "--text", "字" * 101)
    assert r.rc == 2 and "100" in r.err
    assert send_requests(cli.sim, "ipyy") == []
    # a documented cap cannot be raised, and the option must be a positive number
    cli.sim.add_account("jsm", "u2", "pw2", verycode="vc")
    for value in ("301", "0", "abc"):
        r = cli(
            "account", "add", "j", "--family", "jsm", "--base-url", cli.sim.base_url("jsm"),
            "--username", "u2", "--verycode", "vc", "--password-stdin", "--option",
            f"max_length={value}", stdin="pw2\n",
        )  # fmt: skip
        assert r.rc == 2 and one_line_error(r), (value, r.err)
    assert [a["name"] for a in cli("account", "list", "--json").json] == ["a"]


def test_dry_run_prints_the_core_estimate_and_stores_nothing(cli, tmp_path):
    cli.add_account("a", "jsm")
    rows = [["客户", str(13800138000 + i), "5"] for i in range(250)]
    rows += [["重复", "13800138000", "5"], ["坏号", "12345", "5"]]
    f = bills_csv(tmp_path / "bills.csv", rows)
    assert cli("balance", "a").rc == 0  # the last known balance is kept for the estimate
    r = cli("send", "a", "--contacts", f, "--text", "{姓名}您好" + "字" * 70, "--dry-run", "--json")
    assert r.rc == 0, r.err
    d = r.json
    assert (d["recipients"], d["valid"], d["invalid"], d["duplicate"]) == (252, 250, 1, 1)
    assert (d["chars_max"], d["parts_max"], d["total_parts"]) == (74, 2, 500)
    assert d["requests"] == 3 and d["balance"] == 100000 and d["balance_after"] == 99500
    assert [x["row"] for x in d["rejected"]["duplicate"]] == [252]
    assert send_requests(cli.sim, "jsm") == [] and job_count(cli) == 0
    r = cli("send", "a", "--contacts", f, "--text", "x" * 301, "--dry-run")
    assert r.rc == 2 and "300" in r.err


# ---- item 13: empty --to / --group --------------------------------------------------------------
@pytest.mark.parametrize("option", ["--to", "--group", "--contacts"])
def test_an_empty_recipient_option_is_one_clear_line(cli, option):
    cli.add_account("a", "ipyy")
    r = cli("send", "a", option, "", "--text", "x")
    assert r.rc == 2, r.err
    assert one_line_error(r) and option in r.err
    assert job_count(cli) == 0


# ---- item 14: accounts and send options are validated before anything exists -----------------
@pytest.mark.parametrize(
    "extra",
    [
        ["--base-url", "not a url"],
        ["--base-url", "http://host:99999/"],
        ["--extno", "12345"],  # jsm: at most 4 digits
        ["--extno", "12a"],
        ["--signature", "【" + "长" * 21 + "】"],
        ["--batch-size", "500"],  # jsm: at most 100 a request
        ["--connect-timeout", "0"],
    ],
)
def test_account_add_refuses_what_could_never_send(cli, extra):
    cli.sim.add_account("jsm", "u1", "pw1", verycode="vc")
    args = ["account", "add", "j", "--family", "jsm", "--username", "u1", "--verycode", "vc"]
    if "--base-url" not in extra:
        args += ["--base-url", cli.sim.base_url("jsm")]
    r = cli(*args, *extra, "--password-stdin", stdin="pw1\n")
    assert r.rc == 2, (extra, r.out, r.err)
    assert one_line_error(r), r.err
    assert cli("account", "list", "--json").json == []


def test_an_over_long_send_extno_is_refused_before_a_job_exists(cli):
    cli.add_account("a", "jsm")
    r = cli("send", "a", "--to", "13800138000", "--text", "x", "--extno", "12345")
    assert r.rc == 2, r.err
    assert one_line_error(r) and "4" in r.err
    assert job_count(cli) == 0 and send_requests(cli.sim, "jsm") == []
    r = cli("send", "a", "--to", "13800138000", "--text", "x", "--extno", "1234", "--json")
    assert r.rc == 0, r.err
    assert [req.params["extcode"] for req in send_requests(cli.sim, "jsm")] == ["1234"]

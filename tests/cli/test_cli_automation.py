"""``automation list|add|pause|resume|delete|missed|send-missed|skip-missed|preview``: a rule
whose two runs fell while nothing ran shows two misses; one sent by hand reaches the simulator,
the other skipped; nothing else is sent."""

from __future__ import annotations

from datetime import timedelta

from sms_desktop.core.automation.schedule import beijing_now, fmt
from sms_desktop.core.contacts.repository import add_contact
from sms_desktop.core.store import open_store


def _sends(sim) -> list[tuple[str, str]]:
    return [
        (r.params["mobile"], r.params["content"])
        for r in sim.requests
        if r.params.get("action") == "send"
    ]


def test_automation_commands_and_two_missed_runs(cli, home, store_url) -> None:
    cli.add_account("主账户", "ipyy")
    db = open_store(store_url, home)
    try:
        add_contact(db, "客户", "13800138000", "张三")
    finally:
        db.close()
    now = beijing_now()
    at = (now - timedelta(hours=1)).strftime("%H:%M")
    r = cli(
        "automation", "add", "日报", "--account", "主账户", "--text", "{姓名}您好",
        "--group", "客户", "--schedule", "daily", "--at", at, "--json",
    )  # fmt: skip
    assert r.rc == 0, r.err
    assert r.json["schedule"] == "daily" and r.json["at"] == at
    # the PC was off over the last two runs: the rule counts from two days ago
    db = open_store(store_url, home)
    try:
        with db.write() as c:
            c.execute("UPDATE automation_rules SET since=?", (fmt(now - timedelta(hours=47)),))
    finally:
        db.close()
    r = cli("automation", "missed", "--json")
    assert r.rc == 0, r.err
    missed = r.json["missed"]
    assert [m["rule"] for m in missed] == ["日报", "日报"]
    assert missed[0]["due_at"] < missed[1]["due_at"]
    assert _sends(cli.sim) == []  # nothing sent late on its own

    r = cli("automation", "send-missed", str(missed[0]["id"]), "--json")
    assert r.rc == 0, r.err
    assert r.json["accepted"] == 1
    assert cli("automation", "skip-missed", str(missed[1]["id"])).rc == 0
    r = cli("automation", "skip-missed", str(missed[1]["id"]))
    assert r.rc == 2 and "not a missed run" in r.err
    assert cli("automation", "missed", "--json").json["missed"] == []
    assert _sends(cli.sim) == [("13800138000", "张三您好")]

    r = cli("automation", "list", "--json")
    [rule] = r.json["rules"]
    assert rule["name"] == "日报" and rule["next_run"] and rule["last_run"]["state"] == "skipped"
    assert cli("automation", "pause", "日报").rc == 0
    assert cli("automation", "list", "--json").json["rules"][0]["next_run"] is None
    assert cli("automation", "resume", "日报").rc == 0
    r = cli("automation", "preview", "日报", "--json")
    assert r.rc == 0 and len(r.json["runs"]) == 5 and r.json["runs"][0]["count"] == 1
    assert "Beijing" in r.json["notes_en"][0]
    assert cli("automation", "delete", "日报").rc == 0
    assert cli("automation", "list", "--json").json["rules"] == []


def test_a_date_rule_preview_and_refusals(cli, home) -> None:
    cli.add_account("主账户", "ipyy")
    db = open_store(None, home)
    try:
        add_contact(db, "会员", "13800138000", "张三", {"生日": "1990-02-29"})
        add_contact(db, "会员", "13800138001", "李四", {"生日": "春天"})
    finally:
        db.close()
    r = cli(
        "automation", "add", "生日", "--account", "主账户", "--text", "{姓名}生日快乐",
        "--group", "会员", "--schedule", "date", "--date-field", "生日", "--at", "09:00",
    )  # fmt: skip
    assert r.rc == 0, r.err
    r = cli("automation", "preview", "生日")
    assert r.rc == 0, r.err
    assert "Feb 28" in r.out and "李四" in r.out and "unreadable" in r.out
    for argv, needle in (
        (["--schedule", "weekly", "--at", "09:00"], "weekday"),
        (["--schedule", "daily", "--at", "9点"], "HH:MM"),
        (["--schedule", "date", "--at", "09:00"], "date column"),
    ):
        r = cli(
            "automation", "add", "x", "--account", "主账户", "--text", "t", "--group", "会员", *argv
        )
        assert r.rc == 2 and needle in r.err, (argv, r.err)


def test_run_due_makes_the_automation_runs_due_once(cli, home) -> None:
    cli.add_account("主账户", "ipyy")
    db = open_store(None, home)
    try:
        add_contact(db, "客户", "13800138000", "张三")
    finally:
        db.close()
    now = beijing_now()
    at = (now - timedelta(minutes=1)).strftime("%H:%M")
    r = cli(
        "automation", "add", "日报", "--account", "主账户", "--text", "{姓名}您好",
        "--group", "客户", "--schedule", "daily", "--at", at,
    )  # fmt: skip
    assert r.rc == 0, r.err
    db = open_store(None, home)
    try:
        with db.write() as c:  # made an hour ago: the run of a minute ago is due now
            c.execute("UPDATE automation_rules SET since=?", (fmt(now - timedelta(hours=1)),))
    finally:
        db.close()
    r = cli("run-due", "--json")
    assert r.rc == 0, r.err
    assert [s["accepted"] for s in r.json["sent"]] == [1]
    assert cli("run-due", "--json").json["sent"] == []  # once
    assert _sends(cli.sim) == [("13800138000", "张三您好")]

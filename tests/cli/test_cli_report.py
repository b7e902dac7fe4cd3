"""`report JOB`, `stats` and `resend --undelivered` through the real CLI against the simulator."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

NUMBERS = ["13900101234", "18602001234", "18907551234"]  # 移动, 联通, 电信


def sent_phones(sim) -> list[str]:
    return [m.phone for m in sim.account("ipyy", "u1").sent]


def campaign(cli) -> int:
    """A job to three carriers' numbers and an invalid one; the gateway reports the telecom
    number undelivered."""
    cli.add_account("a", "ipyy")
    r = cli("send", "a", "--to", ",".join([*NUMBERS, "1380013800"]), "--text", "周六见", "--json")
    assert r.json["accepted"] == 3, r.err  # exit code 1: the invalid number was skipped
    for rep in cli.sim.account("ipyy", "u1").reports:
        rep.outcome = "fail" if rep.phone == NUMBERS[2] else "ok"
    s = cli("sync", "a", "--force", "--json")
    assert s.rc == 0, s.err
    return int(r.json["job_id"])


def test_report_json_and_table(cli, tmp_path, store_url):
    job = campaign(cli)
    r = cli("report", str(job), "--json")
    assert r.rc == 0, r.err
    d = r.json
    assert (d["recipients"], d["sent"], d["delivered"], d["undelivered"]) == (4, 3, 2, 1)
    assert {(s["state"], s["reason"]): s["n"] for s in d["states"]} == {
        ("delivered", ""): 2,
        ("undelivered", ""): 1,
        ("skipped", "invalid"): 1,
    }
    assert [(x["code"], x["n"], x["zh"]) for x in d["reasons"]] == [("UNDELIV", 1, "无法投递")]
    rates = {c["key"]: (c["sent"], c["rate"]) for c in d["carriers"]}
    assert rates == {"mobile": (1, 1.0), "unicom": (1, 1.0), "telecom": (1, 0.0)}
    assert [p["seconds"] for p in d["curve"]] == [60, 300, 3600, 86400]
    assert d["curve"][-1]["reports"] == 3

    path = tmp_path / "report.xlsx"
    t = cli("report", str(job), "--xlsx", str(path), "--lang", "zh_CN")
    assert t.rc == 0, t.err
    assert "UNDELIV" in t.out and "无法投递" in t.out and "电信" in t.out and "1 分钟内" in t.out
    assert load_workbook(path, read_only=True).sheetnames == [
        "概况",
        "状态",
        "未送达原因",
        "运营商",
        "省份",
        "送达时间",
    ]


def test_report_of_an_unknown_job_is_bad_input(cli):
    cli.add_account("a", "ipyy")
    r = cli("report", "42")
    assert r.rc == 2 and "No job 42" in r.err and r.out == ""


def test_stats(cli, store_url):
    campaign(cli)
    r = cli("stats", "--json")
    assert r.rc == 0, r.err
    assert r.json["cost_unit"] == "parts"
    assert r.json["rows"] == [
        {"day": date.today().isoformat(), "account": "a", "sent": 3, "delivered": 2, "parts": 3}
    ]
    t = cli("stats", "--days", "7")
    assert t.rc == 0 and "计费" in t.out and "parts charged" in t.out


def test_resend_undelivered_by_carrier(cli):
    job = campaign(cli)
    before = len(sent_phones(cli.sim))
    r = cli("resend", str(job), "--undelivered", "--carrier", "电信", "--json")
    assert r.rc == 0, r.err
    assert r.json["job_id"] != job and r.json["recipients"] == 1
    assert sent_phones(cli.sim)[before:] == [NUMBERS[2]]


def test_resend_undelivered_by_reason_and_misuse(cli):
    job = campaign(cli)
    r = cli("resend", str(job), "--undelivered", "--reason", "EXPIRED")
    assert r.rc == 2 and "EXPIRED" in r.err  # no such recipient: nothing created
    r = cli("resend", str(job), "--rejected", "--carrier", "移动")
    assert r.rc == 2 and "--undelivered" in r.err
    r = cli("resend", str(job), "--undelivered", "--carrier", "火星")
    assert r.rc == 2 and "火星" in r.err
    before = len(sent_phones(cli.sim))
    r = cli("resend", str(job), "--undelivered", "--reason", "UNDELIV", "--json")
    assert r.rc == 0, r.err
    assert sent_phones(cli.sim)[before:] == [NUMBERS[2]]

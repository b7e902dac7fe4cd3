"""The compose estimate and the checks create_job shares with it (issue 7, items 9-11, 14)."""

from __future__ import annotations

from datetime import datetime, timedelta

import openpyxl
import pytest

from sms_desktop.core.accounts import Account
from sms_desktop.core.contacts.recipients import (
    Recipient,
    read_recipients,
    recipients_from_file,
    recipients_from_text,
)
from sms_desktop.core.errors import InputError, UnencodableTextError
from sms_desktop.core.estimate import EmptyFields, check_send_at, estimate
from sms_desktop.core.jobs.model import JobSpec, JobState


def acct(family: str = "ipyy", **kw) -> Account:
    return Account(name="a", family=family, base_url="http://127.0.0.1:9/", username="u", **kw)


def bills(n: int, start: int = 13800000000) -> list[Recipient]:
    return [
        Recipient(str(start + i), f"客户{i}", {"姓名": f"客户{i}", "金额": str(i)}, i + 2)
        for i in range(n)
    ]


def job_rows(env) -> int:
    return int(env.db.read().execute("SELECT COUNT(*) FROM jobs").fetchone()[0])


# ---- the estimate itself -------------------------------------------------------------------
def test_counts_lists_rows_and_reasons():
    recips = [
        Recipient("13800138000", "张三", {"金额": "12"}, 2),
        Recipient("138 0013 8001", "王五", {"金额": ""}, 3),
        Recipient("12345", "坏号", {"金额": "1"}, 4),
        Recipient(13800138000.0, "张三", {"金额": "12"}, 5),
        Recipient("13900139000", "拉黑", {"金额": "3"}, 6),
    ]
    e = estimate(acct(), "{姓名}您好，账单{金额}元", recips, blacklist={"13900139000"})
    assert e.counts() == {
        "recipients": 5,
        "valid": 1,
        "invalid": 1,
        "duplicate": 1,
        "blacklisted": 1,
        "empty_field": 1,
        "over_cap": 0,
    }
    assert [(r.row, r.reason) for r in e.rejected] == [
        (3, "empty_field"),
        (4, "invalid"),
        (5, "duplicate"),
        (6, "blacklisted"),
    ]
    assert e.empty_field[0].field == "金额" and "empty field 金额" in e.empty_field[0].message
    assert "row 2" in e.duplicate[0].message  # the row it repeats
    assert e.texts == ["张三您好，账单12元"] and e.ok


def test_characters_parts_requests_and_cost_follow_the_family():
    # jsm: 100 numbers a request; the signature and its brackets count
    recips = bills(250)
    e = estimate(acct("jsm", signature="公司"), "您好" + "字" * 64, recips, balance=400)
    assert (e.chars_min, e.chars_max) == (70, 70) and (e.parts_min, e.parts_max) == (1, 1)
    assert e.distinct_texts == 1 and e.requests == 3 and e.total_parts == 250
    e = estimate(acct("jsm", signature="公司"), "您好" + "字" * 65, recips, balance=400)
    assert e.chars_max == 71 and e.parts_max == 2 and e.total_parts == 500
    assert e.exceeds_balance and e.balance_after == -100 and e.warnings
    # personalised: one request per distinct text
    e = estimate(acct("jsm"), "{姓名}：{金额}元", recips)
    assert e.distinct_texts == 250 and e.requests == 250
    assert e.chars_min == len("客户0：0元") and e.chars_max == len("客户249：249元")
    assert e.preview(2) == ["客户0：0元", "客户1：1元"]


def test_unencodable_characters_are_named_with_the_charset():
    e = estimate(acct("txt112088"), "生日快乐🎂{姓名}", [Recipient("13800138000", "张三")])
    assert e.unencodable == ["🎂"]
    assert isinstance(e.problems[0], UnencodableTextError) and e.problems[0].charset == "gbk"
    assert estimate(acct("ipyy"), "生日快乐🎂", ["13800138000"]).ok  # UTF-8 carries it


def test_the_default_cap_and_the_account_option():
    one = ["13800138000"]
    assert estimate(acct("qxt"), "字" * 500, one).ok
    e = estimate(acct("qxt"), "字" * 501, one)
    assert e.length_cap == 500 and e.over_cap and "500" in e.errors[0]
    e = estimate(acct("ipyy", options={"max_length": "80"}), "字" * 81, one)
    assert e.length_cap == 80 and not e.ok
    e = estimate(acct("jsm", options={"max_length": "400"}), "x", one)
    assert "300" in e.errors[0]  # a documented cap cannot be raised
    # parts per recipient: a runaway merge cell is reported before it is refused
    recips = [
        Recipient("13800138000", "", {"备注": "x"}),
        Recipient("13900139000", "", {"备注": "长" * 600}),
    ]
    e = estimate(acct("ipyy"), "{备注}", recips)
    assert (
        e.parts_max == 9
        and e.total_parts == 10
        and [v.phone for v in e.over_cap] == ["13900139000"]
    )


def test_empty_fields_error_skip_allow():
    recips = [Recipient("13800138000", "", {}), Recipient("13900139000", "李四", {})]
    e = estimate(acct(), "{姓名}您好", recips, empty_fields=EmptyFields.ERROR)
    assert not e.ok and "{姓名}" in e.errors[0]
    e = estimate(acct(), "{姓名}您好", recips, empty_fields=EmptyFields.SKIP)
    assert e.ok and [v.phone for v in e.valid] == ["13900139000"] and len(e.empty_field) == 1
    e = estimate(acct(), "{姓名}您好", recips, empty_fields=EmptyFields.ALLOW)
    assert e.ok and e.texts == ["您好", "李四您好"]


def test_send_time_rule():
    now = datetime(2026, 5, 1, 12, 0, 0)
    assert check_send_at(now - timedelta(seconds=59), now) is None  # typed a moment ago: now
    assert check_send_at(now + timedelta(hours=1), now) == now + timedelta(hours=1)
    with pytest.raises(InputError):
        check_send_at(now - timedelta(seconds=61), now)
    e = estimate(acct("qxt"), "x", ["13800138000"], send_at=now + timedelta(hours=1), now=now)
    assert e.held_locally and e.warnings  # the computer must stay on
    e = estimate(acct(), "x", ["13800138000"], send_at=datetime(2025, 5, 1, 12), now=now)
    assert not e.ok and "2025-05-01 12:00:00" in e.errors[0]


def test_extension_numbers_follow_each_family():
    one = ["13800138000"]
    assert estimate(acct("jsm"), "x", one, extno="1234").ok
    assert not estimate(acct("jsm"), "x", one, extno="12345").ok
    assert estimate(acct("qxt"), "x", one, extno="1" * 20).ok
    assert not estimate(acct("ipyy"), "x", one, extno="1" * 11).ok
    assert not estimate(acct("txt112088"), "x", one, extno="1").ok


def test_jsm_template_values_are_checked_by_the_gateway_rule():
    recips = [Recipient("13800138000", "张三", {"码": "12,34"})]
    e = estimate(acct("jsm"), "", recips, template_id="T1", template_vars=["{码}"])
    assert not e.ok and "@1@" in e.errors[0]
    e = estimate(acct("ipyy"), "", ["13800138000"], template_id="T1", template_vars=["x"])
    assert not e.ok


def test_one_hundred_thousand_personalised_recipients_in_one_estimate():
    e = estimate(acct("ipyy", signature="公司"), "{姓名}您好，账单{金额}元", bills(100_000))
    assert len(e.valid) == 100_000 and e.distinct_texts == 100_000 and e.ok
    assert e.seconds < 10  # measured in bench/bench_estimate.py; this only guards the order


# ---- recipients from a file ------------------------------------------------------------------
def test_file_rows_keep_their_excel_row_numbers(tmp_path):
    f = tmp_path / "客户.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["说明"])
    ws.append([])
    ws.append(["姓名", "手机号码", "金额"])
    ws.append(["张三", 13800138000.0, 12])
    ws.append(["李四", "13900139000，13900139001", 30])
    ws.append(["空号", None, 1])
    ws.append(["重复", "+86 138 0013 8000", 4])
    wb.save(f)
    src = read_recipients(f)
    assert [(r.row, r.phone) for r in src.recipients][:3] == [
        (4, 13800138000.0),
        (5, "13900139000"),
        (5, "13900139001"),
    ]
    assert src.columns == ["姓名", "金额"] and src.phone_column == "手机号码"
    res = recipients_from_file(f, blacklist={"13900139001"}, placeholders=["金额"])
    assert [v.phone for v in res.valid] == ["13800138000", "13900139000"]
    assert [(r.row, r.reason) for r in res.rejected] == [
        (5, "blacklisted"),
        (6, "invalid"),
        (7, "duplicate"),
    ]
    assert "第 6 行" in res.rejected[1].message


def test_pasted_numbers_keep_their_line():
    rs = recipients_from_text("13800138000, 13900139000\n\n+86 137 0013 7000")
    assert [(r.row, r.phone) for r in rs] == [
        (1, "13800138000"),
        (1, "13900139000"),
        (3, "+86 137 0013 7000"),
    ]


# ---- create_job refuses what the estimate lists, and stores what it screened ------------------
def test_create_job_refuses_a_time_in_the_past_and_stores_nothing(env):
    a = env.add("ipyy")
    past = datetime.now() - timedelta(days=1)
    with pytest.raises(InputError, match="past"):
        env.engine.create_job(JobSpec(a, "x", ["13800138000"], send_at=past))
    assert job_rows(env) == 0 and env.sim.requests == []
    just = datetime.now() - timedelta(seconds=10)
    job = env.engine.create_job(JobSpec(a, "x", ["13800138000"], send_at=just))
    assert (
        env.engine.summary(job).state == JobState.QUEUED and env.engine.summary(job).send_at is None
    )


def test_create_job_refuses_an_extno_the_family_refuses(env):
    a = env.add("jsm")
    with pytest.raises(InputError):
        env.engine.create_job(JobSpec(a, "x", ["13800138000"], extno="12345"))
    assert job_rows(env) == 0


def test_create_job_with_empty_fields(env):
    a = env.add("ipyy")
    recips = [
        Recipient("13800138000", "", {"金额": "5"}),
        Recipient("13900139000", "", {"金额": " "}),
    ]
    with pytest.raises(InputError, match="金额"):
        env.engine.create_job(JobSpec(a, "{金额}元", recips, empty_fields=EmptyFields.ERROR))
    assert job_rows(env) == 0
    job = env.engine.create_job(JobSpec(a, "{金额}元", recips))
    res = env.engine.results(job)
    assert [(r["phone"], r["state"]) for r in res] == [
        ("13800138000", "queued"),
        ("13900139000", "skipped"),
    ]
    assert "empty field 金额" in res[1]["message"]


def test_the_job_stores_exactly_what_the_estimate_showed(env):
    a = env.add("jsm")
    env.accounts.record_balance(a, 1234)
    from sms_desktop.core.contacts import blacklist_add

    blacklist_add(env.db, ["13800000007"])
    recips = [*bills(30), Recipient("13800000003", "重复", {"姓名": "重复", "金额": "1"}, 99)]
    spec = JobSpec(a, "{姓名}：{金额}元", recips)
    e = env.engine.estimate(spec)
    assert e.balance == 1234 and e.balance_read_at
    job = env.engine.create_job(spec)
    s = env.engine.run_job(job)
    assert s.accepted == len(e.valid) == 29 and s.skipped == len(e.rejected) == 2
    sends = [r for r in env.sim.requests if r.params.get("mobile")]
    assert len(sends) == e.requests == 29
    stored = [
        r[0]
        for r in env.db.read().execute(
            "SELECT text FROM messages WHERE job_id=? AND state!='skipped' ORDER BY seq", (job,)
        )
    ]
    assert stored == e.texts


# ---- accounts -----------------------------------------------------------------------------------
def test_update_keeps_the_stored_password_and_verycode(env):
    name = env.add("jsm", signature="旧签名")
    before = env.engine.create_job(JobSpec(name, "x", ["13800138000"]))
    edited = env.accounts.get(name)
    assert edited.verycode == ""  # never read back from the database
    edited.signature = "新签名"
    edited.options = {"max_length": "120"}
    env.accounts.update(edited)
    again = env.accounts.get(name)
    assert again.signature == "新签名" and again.max_length == 120
    assert env.accounts.password(name) == "pw1"
    assert env.accounts.with_secrets(name).verycode == "vc"
    env.engine.forget_account(name)
    s = env.engine.run_job(env.engine.create_job(JobSpec(name, "y", ["13900139000"])))
    assert s.accepted == 1 and before
    with pytest.raises(InputError):
        env.accounts.update(Account("nosuch", "jsm", "http://h/", "u"))
    edited.extno = "12345"
    with pytest.raises(InputError):
        env.accounts.update(edited)
    assert env.accounts.get(name).extno == ""


def test_an_estimator_kept_between_keystrokes_agrees_with_a_fresh_estimate():
    from sms_desktop.core.estimate import Estimator

    recips = [
        *bills(300),
        Recipient("13900139000", "【别家】", {"姓名": "【别家】", "金额": "1"}, 400),
    ]
    a = acct("jsm", signature="公司")
    kept = Estimator(a, recips, blacklist={"13800000005"}, balance=10)
    for text in ("{姓名}您好", "{姓名}您好，{金额}元", "通知", "{金额}" + "字" * 80, "{姓名}"):
        fresh = estimate(a, text, recips, blacklist={"13800000005"}, balance=10)
        got = kept.estimate(text)
        assert got.to_dict(limit=1000) == fresh.to_dict(limit=1000), text
        assert got.texts == fresh.texts and got.chars == fresh.chars and got.parts == fresh.parts
    # a value carrying its own 【signature】 is not given the account's
    e = kept.estimate("{姓名}")
    assert e.preview(1) == ["【公司】客户0"] and e.text_of(len(e.valid) - 1) == "【别家】"
    assert e.chars[-1] == len("【别家】") and e.chars[0] == len("【公司】客户0")


def test_the_backup_account_must_carry_the_texts_too(env):
    primary = env.add("ipyy")  # UTF-8: carries the emoji, 500 characters
    backup = env.add("txt112088")  # GBK, 335 characters
    with pytest.raises(InputError, match="backup account txt112088-u1"):
        env.engine.create_job(
            JobSpec(primary, "生日快乐🎂", ["13800138000"], backup_account=backup)
        )
    with pytest.raises(InputError, match="335"):
        env.engine.create_job(JobSpec(primary, "字" * 400, ["13800138000"], backup_account=backup))
    assert job_rows(env) == 0
    job = env.engine.create_job(
        JobSpec(primary, "生日快乐", ["13800138000"], backup_account=backup)
    )
    assert env.engine.run_job(job).accepted == 1


def test_pasted_numbers_split_like_the_phone_parser():
    from sms_desktop.core.phones import parse_recipients

    text = "13800138000 12345\n138 0013 8001\n010 12345678"
    rs = recipients_from_text(text)
    assert [r.phone for r in rs] == ["13800138000", "12345", "138 0013 8001", "010", "12345678"]
    e = estimate(acct(), "x", rs)
    assert [v.phone for v in e.valid] == parse_recipients(text).phones
    assert [r.row for r in e.invalid] == [1, 3, 3]
    landline = recipients_from_text(text, allow_landline=True)
    assert [r.phone for r in landline][-1] == "010 12345678"


def test_txt112088_by_get_counts_the_requests_the_engine_will_make(env):
    a = env.add("txt112088", options={"method": "get"})
    recips = [str(13800000000 + i) for i in range(100)]
    spec = JobSpec(a, "通知" * 75, recips)  # 150 GBK characters: fewer than 100 numbers a GET
    e = env.engine.estimate(spec)
    assert e.ok and e.batch_limit == 100 and e.requests >= 2
    s = env.engine.run_job(env.engine.create_job(spec))
    assert s.accepted == 100
    assert len([r for r in env.sim.requests if r.params.get("send_phone")]) == e.requests
    # a text no single GET can carry is refused before a job exists
    e = env.engine.estimate(JobSpec(a, "通" * 335, recips))
    assert not e.ok and "2048" in e.errors[0]

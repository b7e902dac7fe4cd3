"""The campaign report of a job (core/jobs/report.py), the daily figures (core/jobs/daily.py) and
resending to the undelivered by reason or carrier: jobs sent through the simulator over HTTP,
their delivery reports pulled by the sync, every figure checked against what the simulator was
asked and answered."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from sms_desktop.core import carriers
from sms_desktop.core.contacts.recipients import Recipient
from sms_desktop.core.gateways import gateway_class
from sms_desktop.core.jobs import daily, report
from sms_desktop.core.jobs.model import JobSpec
from sms_desktop.core.sync import Syncer

# numbers of each of the big three, a virtual operator's block and 广电's, and a landline
MOBILE = [f"1390010{i:04d}" for i in range(6)]  # 北京 block
UNICOM = [f"1860200{i:04d}" for i in range(4)]
TELECOM = [f"1890755{i:04d}" for i in range(5)]
VIRTUAL = [f"1700100{i:04d}" for i in range(2)]
PHONES = MOBILE + UNICOM + TELECOM + VIRTUAL


def sync(env, account: str) -> None:
    Syncer(env.db, env.accounts).sync_account(account, force=True)


def reports_of(env, family: str = "ipyy", user: str = "u1"):
    return env.sim.account(family, user).reports


def send(env, account: str, phones, text: str = "周六全场八折", **kw) -> int:
    recips = [Recipient(p) for p in phones]
    job = env.engine.create_job(JobSpec(account=account, text=text, recipients=recips, **kw))
    env.engine.run_job(job)
    return job


def sql(env, query: str, params=()):
    return env.db.read().execute(query, params).fetchall()


@pytest.fixture
def campaign(env):
    """An ipyy job to 17 numbers, an invalid one and a duplicate: the 5 telecom ones undelivered
    (2 reported UNDELIV, 3 REJECT), one mobile number without a report; the reports' times
    10 s, 2 min, 30 min and 2 h after the send, in turn."""
    acct = env.add("ipyy")
    job = send(env, acct, [*PHONES, "1380013800", MOBILE[0]])
    pending = reports_of(env)
    assert len(pending) == len(PHONES)
    accepted = env.sim.account("ipyy", "u1").sent[0].accepted_at
    delays = [10, 120, 1800, 7200]
    for i, r in enumerate(pending):
        if r.phone in TELECOM:
            r.outcome = "fail" if TELECOM.index(r.phone) < 2 else "reject"
        r.due = accepted + delays[i % len(delays)]
    held = next(r for r in pending if r.phone == MOBILE[5])
    pending.remove(held)  # this one's report never comes
    clock = env.sim.clock
    env.sim.clock = lambda: clock() + 3 * 3600  # the gateway's day moves on: every report is due
    sync(env, acct)
    return acct, job, delays


def test_states_reasons_and_the_curve_as_the_reports_said(env, campaign):
    _, job, delays = campaign
    r = report.build(env.db, job)
    by = {s.key: s.n for s in r.states}
    assert by == {
        "delivered": 11,
        "undelivered": 5,
        "accepted": 1,
        "skipped:invalid": 1,
        "skipped:duplicate": 1,
    }
    assert r.total == 19 and r.sent == 17 and r.accepted == 17 and r.reported == 16
    assert r.delivery_rate == pytest.approx(11 / 17)
    # ipyy reports status 20 with the upstream word in errorcode: the reason is the word
    assert [(x.code, x.n) for x in r.reasons] == [("REJECT", 3), ("UNDELIV", 2)]
    undeliv = r.reasons[1]
    assert (undeliv.zh, undeliv.en) == ("无法投递", "undeliverable")
    assert r.reasons[0].zh == ""  # REJECT: neither ipyy's document nor the carriers explain it
    kept_reasons = sql(
        env,
        "SELECT phone, report_reason FROM messages WHERE job_id=? AND state='undelivered'",
        (job,),
    )
    assert dict(kept_reasons) == {
        p: "UNDELIV" if i < 2 else "REJECT" for i, p in enumerate(TELECOM)
    }
    # the delays the sync kept: from the journal's send time to the report's time
    kept = [
        d
        for (d,) in sql(
            env,
            "SELECT report_delay FROM messages WHERE job_id=? AND report_delay IS NOT NULL",
            (job,),
        )
    ]
    assert len(kept) == 16
    assert all(any(abs(d - delay) <= 3 for delay in delays) for d in kept), kept
    within = {p.seconds: p.n for p in r.curve}
    for limit in report.CURVE_LIMITS:
        assert within[limit] == sum(1 for d in kept if d <= limit)
    assert 0 < within[60] < within[300] < within[3600] < within[86400] == 16
    assert [p.share for p in r.curve] == [p.n / 17 for p in r.curve]


def test_carriers_and_provinces_from_the_number_blocks(env, campaign):
    _, job, _ = campaign
    r = report.build(env.db, job)
    carriers_seen = {a.key: a for a in r.carriers}
    assert list(carriers_seen) == ["mobile", "unicom", "telecom", "virtual"]  # 移动, 联通, 电信 …
    # the duplicate of a mobile number was skipped, not sent
    sent = {k: a.sent for k, a in carriers_seen.items()}
    assert sent == {"mobile": 6, "unicom": 4, "telecom": 5, "virtual": 2}
    telecom = carriers_seen["telecom"]
    assert (telecom.delivered, telecom.undelivered, telecom.rate) == (0, 5, 0.0)
    assert carriers_seen["mobile"].awaiting == 1
    provinces = {a.key: a.sent for a in r.provinces}
    expected = Counter(carriers.lookup(p).province for p in PHONES)
    assert provinces == dict(expected)
    assert r.top_provinces(10)[0].key == carriers.lookup(MOBILE[0]).province


def test_a_job_stored_before_the_columns_reports_the_same(env, campaign):
    """Rows without carrier, province or report delay (jobs of an older version) are counted
    from their numbers and their journal's times instead."""
    _, job, _ = campaign
    before = report.build(env.db, job).as_dict()
    with env.db.write() as c:
        c.execute(
            "UPDATE messages SET carrier=NULL, province=NULL, report_delay=NULL,"
            " report_reason=NULL WHERE job_id=?",
            (job,),
        )
    after = report.build(env.db, job).as_dict()
    assert after == before


def test_the_report_reads_the_index_not_the_rows(env, campaign):
    """The states, carriers, provinces and curve of a job come from messages_job alone."""
    _, job, _ = campaign
    from sms_desktop.core.store import messages as store_messages

    seen: list[str] = []
    conn = env.db.read()
    conn.set_trace_callback(seen.append)
    try:
        store_messages.breakdown(env.db, job, report.CURVE_LIMITS)
    finally:
        conn.set_trace_callback(None)
    assert seen
    if conn.dialect.postgresql:
        # the plan with the statement's values, table and bitmap scans ruled out (a small table
        # is read whole otherwise): an index-only scan of messages_job can answer it
        conn.execute("SET enable_seqscan = off")
        conn.execute("SET enable_bitmapscan = off")
        try:
            steps = [
                str(row[0])
                for row in conn.execute(
                    "EXPLAIN " + seen[0], (*report.CURVE_LIMITS, job)
                ).fetchall()
            ]
        finally:
            conn.execute("RESET enable_seqscan")
            conn.execute("RESET enable_bitmapscan")
        assert any("Index Only Scan using messages_job" in s for s in steps), steps
        return
    for statement in seen:
        steps = [str(row[3]) for row in conn.execute("EXPLAIN QUERY PLAN " + statement)]
        assert any("COVERING INDEX messages_job" in s for s in steps), steps


def test_report_xlsx_one_sheet_per_breakdown(env, campaign, tmp_path):
    _, job, _ = campaign
    r = report.build(env.db, job)
    path = tmp_path / "报告.xlsx"
    report.export_xlsx(r, path, lang="en")
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == [
        "Summary",
        "States",
        "Undelivered reasons",
        "Carriers",
        "Provinces",
        "Report times",
    ]
    reasons = list(wb["Undelivered reasons"].iter_rows(values_only=True))
    assert reasons[1:] == [("REJECT", 3, None), ("UNDELIV", 2, "undeliverable")]
    carrier_rows = {row[0]: row for row in wb["Carriers"].iter_rows(min_row=2, values_only=True)}
    assert carrier_rows["China Telecom"][1:4] == (5, 0, 5)
    times = list(wb["Report times"].iter_rows(min_row=2, values_only=True))
    assert [t[0] for t in times] == ["within 1 min", "within 5 min", "within 1 h", "within 24 h"]
    assert times[-1][1:] == (16, round(16 / 17 * 100, 1))
    report.export_xlsx(r, tmp_path / "zh.xlsx")
    assert load_workbook(tmp_path / "zh.xlsx", read_only=True).sheetnames[0] == "概况"


def test_unknown_job_is_an_input_error(env):
    from sms_desktop.core.errors import InputError

    with pytest.raises(InputError, match="No job 999"):
        report.build(env.db, 999)


# ---- resending to the undelivered ---------------------------------------------------------------
def test_resend_undelivered_by_reason_and_by_carrier(env, campaign):
    acct, job, _ = campaign
    spec = env.engine.resend_spec(job, ("undelivered",), reason="UNDELIV")
    assert [r.phone for r in spec.recipients] == TELECOM[:2]
    spec = env.engine.resend_spec(job, ("undelivered",), carrier="telecom")
    assert [r.phone for r in spec.recipients] == TELECOM
    assert spec.account == acct and spec.text == "周六全场八折"
    from sms_desktop.core.errors import InputError

    with pytest.raises(InputError):
        env.engine.resend_spec(job, ("undelivered",), carrier="unicom")  # all delivered
    new = env.engine.create_job(env.engine.resend_spec(job, ("undelivered",), reason="REJECT"))
    env.engine.run_job(new)
    sent = [m.phone for m in env.sim.account("ipyy", "u1").sent]
    assert sent[-3:] == TELECOM[2:]


def test_resend_by_carrier_of_a_job_stored_without_carriers(env, campaign):
    _, job, _ = campaign
    with env.db.write() as c:
        c.execute("UPDATE messages SET carrier=NULL, province=NULL WHERE job_id=?", (job,))
    spec = env.engine.resend_spec(job, ("undelivered",), carrier="telecom")
    assert [r.phone for r in spec.recipients] == TELECOM


def test_create_job_keeps_each_numbers_block(env):
    acct = env.add("ipyy")
    job = env.engine.create_job(
        JobSpec(account=acct, text="x", recipients=[*PHONES, "12345"], note="")
    )
    rows = sql(env, "SELECT phone, state, carrier, province FROM messages WHERE job_id=?", (job,))
    for phone, state, carrier, province in rows:
        if state == "skipped":
            assert carrier is None and province is None
        else:
            info = carriers.lookup(phone)
            assert (carrier, province) == (info.carrier, info.province)
    assert {r[2] for r in rows if r[1] != "skipped"} == {"mobile", "unicom", "telecom", "virtual"}


# ---- the gateways' explanations -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("family", "code", "zh"),
    [
        ("ipyy", "20", "发送失败"),
        ("txt112088", "20", "发送失败"),
        ("txt112088", "-1", "未收到状态报告"),
        ("qxt", "REJECT", "审核拒绝"),
        ("jsm", "EXPIRED", "有效期内未能送达"),  # the carriers' word, passed on as received
        ("ipyy", "undeliv", "无法投递"),
    ],
)
def test_report_codes_are_explained_where_known(family, code, zh):
    meaning = gateway_class(family).report_code(code)
    assert meaning is not None and meaning[0] == zh


def test_an_upstream_code_nobody_documents_has_no_explanation():
    assert gateway_class("ipyy").report_code("MK:0001") is None
    assert gateway_class("jsm").report_code("MA:0006") is None


# ---- the daily figures --------------------------------------------------------------------------
def test_daily_figures_per_day_and_account(env):
    a = env.add("ipyy")
    b = env.add("txt112088")
    env.sim.report_success_ratio = 1.0
    send(env, a, MOBILE[:4], text="短" * 80)  # 80 characters: 2 parts each
    send(env, b, UNICOM[:3])
    time.sleep(0.05)
    sync(env, a)
    sync(env, b)
    old = send(env, a, TELECOM[:2])
    with env.db.write() as c:  # a job that ran 40 days ago
        then = (datetime.now() - timedelta(days=40)).strftime("%Y-%m-%d %H:%M:%S.000")
        c.execute("UPDATE batches SET sent_at=? WHERE job_id=?", (then, old))
    figures = daily.daily_figures(env.db)
    today = date.today().isoformat()
    rows = {(r.day, r.account): (r.sent, r.delivered, r.parts) for r in figures.rows}
    assert rows == {(today, a): (4, 4, 8), (today, b): (3, 3, 3)}
    assert figures.first_day == (date.today() - timedelta(days=29)).isoformat()
    assert len(figures.per_day()) == 30 and figures.per_day()[-1].sent == 7
    assert figures.totals(a).parts == 8 and figures.totals().sent == 7
    assert figures.as_dict()["cost_unit"] == "parts"

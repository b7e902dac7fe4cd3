"""Composing a send (core/jobs/compose.py): where recipients come from, the one landline rule,
the empty-field policy, template texts, and the live estimate; sent to the simulator over HTTP."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sms_desktop.core.contacts import import_file
from sms_desktop.core.contacts.queries import ContactSelection
from sms_desktop.core.errors import InputError
from sms_desktop.core.estimate import EmptyFields
from sms_desktop.core.jobs import compose
from sms_desktop.core.jobs.compose import Draft
from sms_desktop.core.jobs.model import JobState

LANDLINE = "0755 1234 5678"


def sent_phones(sim, family: str, param: str) -> list[str]:
    return [
        p
        for r in sim.requests
        if r.family == family and r.params.get(param)
        for p in r.params[param].split(",")
        if p
    ]


def test_the_landline_rule_is_the_gateways(env):
    txt, ipyy = env.add("txt112088"), env.add("ipyy")
    assert compose.allows_landline(env.accounts.get(txt))
    assert not compose.allows_landline(env.accounts.get(ipyy))
    # one number where the gateway takes landlines; three words, each invalid, elsewhere
    assert [r.phone for r in compose.pasted_recipients(env.accounts.get(txt), LANDLINE)] == [
        LANDLINE
    ]
    assert [r.phone for r in compose.pasted_recipients(env.accounts.get(ipyy), LANDLINE)] == [
        "0755",
        "1234",
        "5678",
    ]


@pytest.mark.parametrize(("family", "valid", "invalid"), [("txt112088", 2, 0), ("ipyy", 1, 3)])
def test_pasted_numbers_are_estimated_as_the_account_reads_them(env, family, valid, invalid):
    acct = env.add(family)
    spec = compose.build(env.accounts, Draft(acct, "会议通知", pasted=f"{LANDLINE}\n13800138000"))
    counts = env.engine.estimate(spec).counts()
    assert (counts["valid"], counts["invalid"]) == (valid, invalid)


def test_a_pasted_landline_reaches_the_gateway_as_one_number(env):
    acct = env.add("txt112088")
    spec = compose.build(env.accounts, Draft(acct, "会议通知", pasted=f"{LANDLINE}, 13800138000"))
    s = env.engine.run_job(env.engine.create_job(spec))
    assert (s.accepted, s.invalid, s.skipped) == (2, 0, 0)
    assert sorted(sent_phones(env.sim, "txt112088", "send_phone")) == [
        "075512345678",
        "13800138000",
    ]


def test_a_file_is_read_with_the_accounts_landline_rule(env, tmp_path):
    f = tmp_path / "客户.csv"
    f.write_text("电话,姓名\n0755-12345678,张伟\n13800138000,王芳\n", encoding="utf-8")
    txt, ipyy = env.add("txt112088"), env.add("ipyy")
    for acct, valid in ((txt, 2), (ipyy, 1)):
        src = compose.file_recipients(env.accounts.get(acct), f)
        assert [r.name for r in src.recipients] == ["张伟", "王芳"]
        spec = compose.build(env.accounts, Draft(acct, "{姓名}您好", rows=src.recipients))
        assert env.engine.estimate(spec).counts()["valid"] == valid


def test_the_empty_field_policy():
    assert compose.empty_fields(Draft("a", pasted="13800138000")) == EmptyFields.ERROR
    assert compose.empty_fields(Draft("a", rows=[])) == EmptyFields.SKIP
    assert compose.empty_fields(Draft("a", rows=[], allow_empty_fields=True)) == EmptyFields.ALLOW


def test_typed_numbers_cannot_fill_a_field_and_rows_without_it_are_skipped(env, tmp_path):
    acct = env.add("ipyy")
    typed = compose.build(env.accounts, Draft(acct, "{等级}会员您好", pasted="13800138000"))
    est = env.engine.estimate(typed)
    assert est.problems and not est.ok  # refused, with the cause named
    with pytest.raises(InputError):
        env.engine.create_job(typed)

    f = tmp_path / "c.csv"
    f.write_text("手机,等级\n13800138000,VIP\n13900139000,\n", encoding="utf-8")
    rows = compose.file_recipients(env.accounts.get(acct), f).recipients
    skipped = env.engine.estimate(compose.build(env.accounts, Draft(acct, "{等级}您好", rows=rows)))
    assert (skipped.counts()["valid"], skipped.counts()["empty_field"]) == (1, 1)
    allowed = env.engine.estimate(
        compose.build(env.accounts, Draft(acct, "{等级}您好", rows=rows, allow_empty_fields=True))
    )
    assert (allowed.counts()["valid"], allowed.counts()["empty_field"]) == (2, 0)


def test_the_spec_keeps_what_was_given_and_a_template_has_no_text(env):
    acct = env.add("jsm")
    at = datetime.now().replace(microsecond=0) + timedelta(hours=2)
    rows = compose.pasted_recipients(env.accounts.get(acct), "13900139000")
    draft = Draft(
        acct,
        "typed before the template was chosen",
        pasted="13800138000",
        rows=rows,
        template_id="T1",
        template_vars=["{手机}"],
        send_at=at,
        extno="12",
        note="n",
    )
    spec = compose.build(env.accounts, draft)
    assert spec.text == "" and spec.template_id == "T1" and list(spec.template_vars) == ["{手机}"]
    assert [r.phone for r in spec.recipients] == ["13800138000", "13900139000"]  # pasted first
    assert (spec.account, spec.send_at, spec.extno, spec.note) == (acct, at, "12", "n")
    assert spec.empty_fields == EmptyFields.SKIP
    job = env.engine.create_job(spec)
    assert env.engine.summary(job).state == JobState.SCHEDULED  # jsm keeps the time itself


def test_a_group_and_a_selection_give_the_same_recipients(env, tmp_path):
    acct = env.add("ipyy")
    f = tmp_path / "g.csv"
    f.write_text("手机,姓名,城市\n13800138000,张伟,深圳\n13900139000,王芳,\n", encoding="utf-8")
    report = import_file(env.db, f, "客户")
    group = compose.group_recipients(env.db, "客户")
    selected = compose.selection_recipients(env.db, ContactSelection(group=report.group_id))
    assert [r.phone for r in group] == [r.phone for r in selected.recipients]
    for rows in (group, selected.recipients):
        est = env.engine.estimate(compose.build(env.accounts, Draft(acct, "{城市}见", rows=rows)))
        assert (est.counts()["valid"], est.counts()["empty_field"]) == (1, 1)


def test_the_live_estimate_keeps_its_screening_while_the_text_changes(env):
    acct = env.add("ipyy")
    live = compose.LiveEstimate()
    draft = Draft(acct, "第一版", pasted="13800138000\n13800138001")
    assert live.estimate(env.accounts, env.db, draft).counts()["valid"] == 2
    kept = live._estimator
    typed = Draft(acct, "第二版", pasted=draft.pasted)
    assert live.estimate(env.accounts, env.db, typed).preview(1)[0].endswith("第二版")
    assert live._estimator is kept
    more = Draft(acct, "第二版", pasted=draft.pasted + "\n13800138002")
    assert live.estimate(env.accounts, env.db, more).counts()["valid"] == 3
    assert live._estimator is not kept
    kept = live._estimator
    live.generation += 1  # the blacklist or the balance changed elsewhere
    live.estimate(env.accounts, env.db, more)
    assert live._estimator is not kept

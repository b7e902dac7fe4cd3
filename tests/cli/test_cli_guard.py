"""The compliance guard on the command line, against the simulator: --kind, the opt-out marker,
the guard's findings in the dry-run JSON, the caps, the marketing window, test sends and the
guard's settings."""

from __future__ import annotations

from datetime import datetime

from clirunner import phones_sent

from sms_desktop.core.vendortime import BEIJING

OFFER = "会员日全场优惠"
ALL_DAY = ("--marketing-window", "00:00-24:00")


def test_marketing_text_needs_a_kind_and_a_notice_is_assumed_aloud(cli):
    cli.add_account("a", "ipyy")
    r = cli("send", "a", "--to", "13800138000", "--text", OFFER + "，回T退订")
    assert r.rc == 2
    assert "--kind" in r.err and "优惠" in r.err
    assert cli.sim.requests == []

    r = cli("send", "a", "--to", "13800138000", "--text", "您的订单已发货", "--json")
    assert r.rc == 0, r.err
    assert "按通知发送" in r.err  # the assumption is said
    assert r.json["kind"] == "notice"


def test_marketing_needs_the_opt_out_marker_which_add_optout_appends(cli):
    cli.add_account("a", "ipyy", "u1", "pw1", 100000, *ALL_DAY, "--signature", "示例公司")
    args = ("send", "a", "--to", "13800138000", "--text", OFFER, "--kind", "marketing")
    r = cli(*args)
    assert r.rc == 2 and "回T退订" in r.err
    r = cli(*args, "--dry-run", "--json")
    assert r.rc == 2
    g = r.json["guard"]
    assert (g["kind"], g["optout_needed"], g["with_optout"]["chars_max"]) == (
        "marketing",
        True,
        len("【示例公司】") + len(OFFER) + len("回T退订"),
    )
    r = cli(*args, "--add-optout", "--json")
    assert r.rc == 0, r.err
    assert r.json["kind"] == "marketing"
    sent = [x.params["content"] for x in cli.sim.requests if "content" in x.params]
    assert sent == ["【示例公司】" + OFFER + "回T退订"]


def test_the_dry_run_json_counts_the_capped_numbers_and_the_send_skips_them(cli, store_url):
    cli.add_account("a", "ipyy", "u1", "pw1", 100000, *ALL_DAY)
    cli.add_account("b", "jsm", "u2", "pw2", 100000, *ALL_DAY, "--signature", "示例公司")
    text = OFFER + "，回T退订"
    r = cli("send", "a", "--to", "13800138000", "--text", text, "--kind", "marketing")
    assert r.rc == 0, r.err
    two = "13800138000,13900139000"
    r = cli("send", "b", "--to", two, "--text", text, "--kind", "marketing", "--dry-run", "--json")
    assert r.rc == 0, r.err
    capped = r.json["guard"]["capped"]
    assert (capped["numbers"], capped["by_rule"], capped["sample"]) == (
        1,
        {"marketing_day": 1},
        ["13800138000"],
    )
    r = cli("send", "b", "--to", two, "--text", text, "--kind", "marketing", "--json")
    assert r.rc == 0, r.err  # skipped on purpose: not a failure
    rows = {x["phone"]: x for x in r.json["results"]}
    assert rows["13800138000"]["state"] == "skipped"
    assert rows["13800138000"]["code"] == "frequency"
    assert "频次限制" in rows["13800138000"]["message"]
    assert phones_sent(cli.sim, "jsm", "mobile") == ["13900139000"]


def _closed_window() -> str:
    """A one-hour window that is certainly not open now (Beijing time)."""
    h = datetime.now(BEIJING).hour
    return f"{h + 1:02d}:00-{h + 2:02d}:00" if h < 22 else "01:00-02:00"


def test_marketing_outside_its_window_is_held_and_said_so(cli):
    cli.add_account("a", "ipyy", "u1", "pw1", 100000, "--marketing-window", _closed_window())
    args = ("send", "a", "--to", "13800138000", "--text", OFFER + "，回T退订")
    r = cli(*args, "--kind", "marketing", "--dry-run", "--json")
    assert r.json["guard"]["held_until"] is not None
    r = cli(*args, "--kind", "marketing", "--json")
    assert r.rc == 0, r.err
    assert (r.json["state"], r.json["held_for"]) == ("held", "window")
    assert "营销时段" in r.err
    assert cli.sim.requests == []
    r = cli(*args, "--kind", "marketing", "--ignore-window", "--json")
    assert (r.json["state"], r.json["ignore_window"]) == ("done", True)


def test_a_test_send_goes_to_own_numbers_only(cli):
    cli.add_account("a", "ipyy", "u1", "pw1", 100000, *ALL_DAY)
    r = cli("send", "a", "--to", "13800138000", "--text", "您好", "--test")
    assert r.rc == 2 and "本人号码" in r.err
    r = cli("guard", "set", "--own-numbers", "13600136000", "--json")
    assert r.rc == 0 and r.json["own_numbers"] == ["13600136000"]
    r = cli("send", "a", "--to", "13800138000,13900139000", "--text", "您好", "--test", "--json")
    assert r.rc == 0, r.err
    assert r.json["test"] is True and r.json["recipients"] == 1
    assert phones_sent(cli.sim, "ipyy", "mobile") == ["13600136000"]
    assert "--test" in r.err
    r = cli("send", "a", "--to", "13800138000", "--text", "您好", "--test-to", "13700137000")
    assert r.rc == 0, r.err
    assert phones_sent(cli.sim, "ipyy", "mobile")[-1] == "13700137000"
    jobs = cli("jobs", "--json").json
    assert [j["test"] for j in jobs] == [True, True]


def test_guard_settings_show_and_set(cli):
    r = cli("guard", "show", "--json")
    assert r.json["caps"] == {"marketing_day": 1, "marketing_week": 3, "any_day": 3}
    r = cli("guard", "set", "--caps", "any_day=5", "--words", "酬宾,特惠", "--json")
    assert r.rc == 0, r.err
    assert r.json["caps"]["any_day"] == 5 and r.json["caps"]["marketing_day"] == 1
    assert r.json["marketing_words"] == ["酬宾", "特惠"]
    assert cli("guard", "set", "--caps", "any_day=-1").rc == 2
    assert cli("guard", "set", "--caps", "weekly=2").rc == 2
    assert cli("guard", "set", "--own-numbers", "12345").rc == 2
    r = cli("guard", "show")
    assert "每天共 5 条" in r.out
    r = cli(
        "account", "add", "x", "--family", "ipyy", "--base-url", cli.sim.base_url("ipyy"),
        "--username", "u", "--marketing-window", "21:00-08:00", "--password-stdin", stdin="p\n",
    )  # fmt: skip
    assert r.rc == 2 and "营销时段" in r.err

"""``template list|add|edit|remove``, ``send --template NAME``, and 号段归属 on the command line."""

from __future__ import annotations

from pathlib import Path


def test_template_add_list_edit_remove_json(cli, store_url) -> None:
    r = cli(
        "template",
        "add",
        "到货通知",
        "--text",
        "{姓名}您好，订单{订单号}已到货",
        "--category",
        "物流",
        "--kind",
        "notice",
        "--json",
    )
    assert r.rc == 0, r.err
    assert r.json["name"] == "到货通知" and r.json["fields"] == ["姓名", "订单号"]
    r = cli("template", "add", "签收", "--family", "jsm", "--template-id", "T1", "--var", "{姓名}")
    assert r.rc == 0, r.err
    r = cli("template", "list", "--json")
    assert [t["name"] for t in r.json["templates"]] == ["签收", "到货通知"]
    assert r.json["templates"][0]["gateway_template_vars"] == ["{姓名}"]

    r = cli("template", "edit", "到货通知", "--name", "到货", "--kind", "marketing", "--json")
    assert r.rc == 0, r.err
    assert (r.json["name"], r.json["job_kind"], r.json["category"]) == ("到货", "marketing", "物流")
    r = cli("template", "list")
    assert r.rc == 0 and "到货" in r.out and "营销" in r.out and "物流" in r.out

    assert cli("template", "remove", "到货").rc == 0
    r = cli("template", "remove", "到货")
    assert r.rc == 2 and "No such template" in r.err
    assert [t["name"] for t in cli("template", "list", "--json").json["templates"]] == ["签收"]


def test_template_refusals_are_one_line_exit_2(cli) -> None:
    cli("template", "add", "甲", "--text", "一")
    for argv, needle in (
        (["template", "add", "甲", "--text", "二"], "exists already"),
        (["template", "add", "乙"], "no text"),
        (["template", "add", "丙", "--text", "x", "--template-id", "1"], "sends templates"),
        (["template", "edit", "无", "--text", "x"], "No such template"),
    ):
        r = cli(*argv)
        assert r.rc == 2 and needle in r.err, (argv, r.err)
        assert "Traceback" not in r.err


def test_send_with_a_saved_template(cli, tmp_path: Path, store_url) -> None:
    cli.add_account("a", "ipyy")
    cli("template", "add", "欠款", "--text", "{姓名}您好，欠款{金额}元", "--family", "ipyy")
    f = tmp_path / "客户.csv"
    f.write_text("姓名,手机号码,金额\n张三,13800138000,12\n李四,13900139000,30\n", "utf-8")
    r = cli("send", "a", "--contacts", str(f), "--template", "欠款", "--json")
    assert r.rc == 0, r.err
    contents = sorted(x.params["content"] for x in cli.sim.requests if x.params.get("mobile"))
    assert contents == ["张三您好，欠款12元", "李四您好，欠款30元"]


def test_send_with_a_template_the_file_lacks_a_field_of(cli, tmp_path: Path) -> None:
    cli.add_account("a", "ipyy")
    cli("template", "add", "欠款", "--text", "{姓名}您好，{公司}欠款{金额}元")
    f = tmp_path / "客户.csv"
    f.write_text("姓名,手机号码,金额\n张三,13800138000,12\n", "utf-8")
    r = cli("send", "a", "--contacts", str(f), "--template", "欠款", "--dry-run")
    assert "{公司}" in r.err and "lack fields" in r.err  # the warning names the field
    assert r.rc == 2  # and the estimate refuses the placeholder no row can fill
    assert not [x for x in cli.sim.requests if x.params.get("mobile")]


def test_send_with_a_gateway_template_on_jsm(cli) -> None:
    cli.add_account("j", "jsm")
    cli.sim.add_jsm_template("u1", "T1", "尊敬的@1@，您的快递已签收。")
    cli("template", "add", "签收", "--family", "jsm", "--template-id", "T1", "--var", "王先生")
    r = cli("send", "j", "--to", "13800138000", "--template", "签收", "--json")
    assert r.rc == 0, r.err
    sent = [x for x in cli.sim.requests if x.params.get("tempid")]
    assert sent and sent[0].params["tempid"] == "T1"
    # an id that names no saved template is still a jsm template id, as --template was before
    r = cli("send", "j", "--to", "13800138000", "--template", "T1", "--var", "李女士", "--json")
    assert r.rc == 0, r.err
    assert "--template-id" in r.err
    # a template with only a gateway id cannot go through an account without templates
    cli.add_account("i", "ipyy")
    r = cli("send", "i", "--to", "13800138000", "--template", "签收")
    assert r.rc == 2 and "cannot send" in r.err


def test_contacts_list_filters_by_carrier_and_province(cli, tmp_path: Path, store_url) -> None:
    f = tmp_path / "c.csv"
    f.write_text("手机,姓名\n13800138000,移甲\n18612345678,联甲\n18912345678,电甲\n", "utf-8")
    assert cli("contacts", "import", str(f), "--group", "客户").rc == 0
    r = cli("contacts", "list", "--carrier", "移动", "--json")
    assert r.rc == 0, r.err
    assert [c["name"] for c in r.json["contacts"]] == ["移甲"]
    assert r.json["contacts"][0]["carrier"] == "mobile"
    assert r.json["contacts"][0]["province"] == "北京"
    r = cli("contacts", "list", "--province", "Jiangsu", "--json")
    assert [c["name"] for c in r.json["contacts"]] == ["电甲"] and r.json["total"] == 1
    r = cli("contacts", "list", "--carrier", "telecom")
    assert r.rc == 0 and "电信" in r.out and "江苏 常州" in r.out and "携号转网" in r.err
    r = cli("contacts", "list", "--carrier", "nokia")
    assert r.rc == 2 and "Unknown carrier" in r.err


def test_the_dry_run_shows_the_carrier_breakdown(cli) -> None:
    cli.add_account("a", "ipyy")
    numbers = "13800138000,13900139000,18612345678,18912345678,17101234567"
    r = cli("send", "a", "--to", numbers, "--text", "x", "--dry-run", "--json")
    assert r.rc == 0, r.err
    assert r.json["carriers"] == {"mobile": 2, "unicom": 1, "telecom": 1, "virtual": 1}
    r = cli("send", "a", "--to", numbers, "--text", "x", "--dry-run")
    assert "号段归属" in r.out and "移动 2 · 联通 1 · 电信 1 · 虚拟运营商 1" in r.out


def test_send_template_takes_the_kind_it_was_saved_with(cli) -> None:
    """A template saved as 营销 confirms the kind a marketing text needs; --kind still wins."""
    cli.add_account("a", "ipyy")
    text = "会员日全场优惠，回T退订"
    cli("template", "add", "会员日", "--text", text, "--kind", "marketing")
    cli("template", "add", "无类型", "--text", text)
    r = cli("send", "a", "--to", "13800138000", "--template", "无类型", "--dry-run")
    assert r.rc == 2 and "confirm the job's kind" in r.err  # no kind saved: still asked
    r = cli("send", "a", "--to", "13800138000", "--template", "会员日", "--dry-run", "--json")
    assert r.rc == 0, r.err
    assert (r.json["guard"]["kind"], r.json["guard"]["kind_given"]) == ("marketing", "marketing")
    args = ("send", "a", "--to", "13800138000", "--template", "会员日", "--kind", "notice")
    r = cli(*args, "--dry-run", "--json")
    assert r.rc == 0, r.err
    assert r.json["guard"]["kind"] == "notice"
    assert cli.sim.requests == []

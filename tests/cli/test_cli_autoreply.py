"""``autoreply list|add|edit|pause|resume|delete|run`` on the command line, with ``--json``; a
reply pulled by ``sync`` and answered by ``autoreply run`` reaches the simulator."""

from __future__ import annotations


def test_autoreply_add_list_pause_resume_delete_json(cli, store_url) -> None:
    cli.add_account("a", "ipyy")
    r = cli(
        "autoreply",
        "add",
        "a",
        "地址",
        "--keywords",
        "地址,位置",
        "--answer",
        "人民路1号",
        "--json",
    )
    assert r.rc == 0, r.err
    rule = r.json
    assert (rule["name"], rule["match"], rule["keywords"], rule["state"]) == (
        "地址",
        "contains",
        ["地址", "位置"],
        "enabled",
    )
    r = cli(
        "autoreply", "add", "a", "一号", "--keywords", "1", "--match", "exact", "--answer", "已预约"
    )
    assert r.rc == 0, r.err
    r = cli("autoreply", "list", "--json")
    assert [(x["name"], x["match"]) for x in r.json["rules"]] == [
        ("地址", "contains"),
        ("一号", "exact"),
    ]
    r = cli("autoreply", "pause", "地址", "--json")
    assert r.rc == 0 and r.json["state"] == "paused"
    r = cli("autoreply", "list")
    assert r.rc == 0 and "暂停 paused" in r.out and "人民路1号" in r.out
    assert cli("autoreply", "resume", str(rule["id"])).rc == 0
    r = cli("autoreply", "edit", "一号", "--answer", "已为您预约", "--json")
    assert r.rc == 0 and r.json["answer"] == "已为您预约" and r.json["keywords"] == ["1"]
    assert cli("autoreply", "delete", "一号").rc == 0
    r = cli("autoreply", "list", "--json")
    assert [(x["name"], x["state"]) for x in r.json["rules"]] == [("地址", "enabled")]


def test_autoreply_refusals_are_one_line_exit_2(cli) -> None:
    cli.add_account("a", "ipyy")
    cli("autoreply", "add", "a", "甲", "--keywords", "1", "--answer", "x")
    for argv, needle in (
        (["autoreply", "add", "a", "甲", "--keywords", "2", "--answer", "y"], "already"),
        (["autoreply", "add", "a", "乙", "--answer", "y"], "at least one keyword"),
        (["autoreply", "add", "a", "丙", "--keywords", "TD", "--answer", "y"], "opt-out"),
        (["autoreply", "add", "无", "丁", "--keywords", "1", "--answer", "y"], "No account"),
        (["autoreply", "add", "a", "戊", "--keywords", "1"], "answer"),
        (["autoreply", "pause", "无此规则"], "No auto-reply rule"),
    ):
        r = cli(*argv)
        assert r.rc == 2 and needle in r.err, (argv, r.err)
        assert "Traceback" not in r.err


def test_sync_then_autoreply_run_answers_once(cli, sim) -> None:
    cli.add_account("a", "ipyy")
    assert (
        cli("autoreply", "add", "a", "地址", "--keywords", "地址", "--answer", "人民路1号").rc == 0
    )
    sim.inject_reply("ipyy", "u1", "13912345678", "你们地址在哪？")
    sim.inject_reply("ipyy", "u1", "13912345679", "退订")
    assert cli("sync", "a").rc == 0
    r = cli("autoreply", "run", "--json")
    assert r.rc == 0, r.err
    assert sorted(h["outcome"] for h in r.json["handled"]) == ["answered", "opt_out"]
    assert [(m.phone, m.text) for m in sim.account("ipyy", "u1").sent] == [
        ("13912345678", "人民路1号")
    ]
    assert cli("autoreply", "run", "--json").json["handled"] == []
    r = cli("autoreply", "list", "--json")
    assert r.json["rules"][0]["answered"] == 1


def test_two_processes_answer_each_reply_once(cli, sim, store_url) -> None:
    """Two ``autoreply run`` processes on one store at once (two PCs, or a window and a
    command): every reply is answered once, the simulator gets one answer a number."""
    import json

    cli.add_account("a", "ipyy")
    assert (
        cli(
            "autoreply",
            "add",
            "a",
            "一号",
            "--keywords",
            "1",
            "--match",
            "exact",
            "--answer",
            "已预约",
        ).rc
        == 0
    )
    phones = [f"1391234{i:04d}" for i in range(30)]
    for p in phones:
        sim.inject_reply("ipyy", "u1", p, "1")
    assert cli("sync", "a").rc == 0
    procs = [cli.popen("autoreply", "run", "--json", text=True, encoding="utf-8") for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    handled = [h for out, _err in outs for h in json.loads(out)["handled"]]
    assert sorted(h["reply_id"] for h in handled) == sorted({h["reply_id"] for h in handled})
    assert sum(h["outcome"] == "answered" for h in handled) == 30
    sent = [m.phone for m in sim.account("ipyy", "u1").sent]
    assert sorted(sent) == sorted(phones)

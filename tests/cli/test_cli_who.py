"""`jobs` names who created each job; two "PCs" (processes with their own user and computer
name) on one store, on both engines."""

from __future__ import annotations


def as_pc(monkeypatch, user: str, pc: str) -> None:
    monkeypatch.setenv("USERNAME", user)
    monkeypatch.setenv("COMPUTERNAME", pc)


def test_two_pcs_see_who_created_and_cancelled_each_job(cli, store_url, monkeypatch):
    cli.add_account("a", "ipyy", "u1", "pw1", 100000, "--hold-locally")
    as_pc(monkeypatch, "alice", "PC-A")
    r = cli("send", "a", "--to", "13800138000", "--text", "x", "--at", "2099-01-01 09:00", "--json")
    assert r.rc == 0, r.err
    first = r.json["job_id"]
    as_pc(monkeypatch, "bob", "PC-B")
    r = cli("send", "a", "--to", "13800138001", "--text", "y", "--json")
    assert r.rc == 0, r.err
    second = r.json["job_id"]
    r = cli("cancel", str(first))
    assert r.rc == 0, r.err

    jobs = {j["job_id"]: j for j in cli("jobs", "--json").json}
    assert jobs[first]["created_by"] == {"user": "alice", "pc": "PC-A"}
    assert jobs[first]["cancelled_by"]["user"] == "bob"
    assert jobs[first]["cancelled_by"]["pc"] == "PC-B"
    assert jobs[second]["created_by"] == {"user": "bob", "pc": "PC-B"}
    assert jobs[second]["started_by"]["pc"] == "PC-B" and jobs[second]["paused_by"] is None

    table = cli("jobs").out.splitlines()
    assert "创建者" in table[0]
    assert any("alice@PC-A" in line and line.lstrip().startswith(str(first)) for line in table)

    # --mine: this user on this PC only
    assert [j["job_id"] for j in cli("jobs", "--mine", "--json").json] == [second]
    as_pc(monkeypatch, "alice", "PC-A")
    assert [j["job_id"] for j in cli("jobs", "--mine", "--json").json] == [first]
    as_pc(monkeypatch, "alice", "PC-B")  # the same user at another PC: not "mine" there
    assert cli("jobs", "--mine", "--json").json == []

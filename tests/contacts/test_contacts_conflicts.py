"""Two PCs editing the same contact never silently overwrite each other: rows carry a version,
an edit states the version it read, and the loser gets a plain conflict (nothing written).
Each test runs on both engines, with two connections to one store (as two PCs have); the CLI
tests run two processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sms_desktop.core import contacts as C
from sms_desktop.core.errors import ConflictError
from sms_desktop.core.store import open_store


@pytest.fixture
def other(store_url, home):
    """A second PC's connection to the same store."""
    db = open_store(store_url, home)
    yield db
    db.close()


def test_the_second_edit_of_a_contact_is_refused_not_lost(db, other):
    cid = C.add_contact(db, "客户", "13800138000", "张三", {"城市": "北京"})
    mine = C.get_contact(db, cid)
    theirs = C.get_contact(other, cid)
    assert mine.version == theirs.version == 1

    saved = C.update_contact(other, cid, name="张三丰", version=theirs.version)
    assert saved.version == 2
    with pytest.raises(ConflictError) as err:
        C.update_contact(db, cid, fields={"城市": "上海"}, version=mine.version)
    assert "张三丰（13800138000）" in str(err.value) and "changed by someone else" in str(err.value)
    now = C.get_contact(db, cid)
    assert (now.name, now.fields, now.version) == ("张三丰", {"城市": "北京"}, 2)
    # read again, the edit goes through
    assert C.update_contact(db, cid, fields={"城市": "上海"}, version=now.version).version == 3


def test_an_edit_of_a_contact_deleted_elsewhere_is_refused(db, other):
    cid = C.add_contact(db, "客户", "13800138000", "张三")
    mine = C.get_contact(db, cid)
    assert C.delete_contacts(other, [cid]) == 1
    with pytest.raises(ConflictError, match="deleted by someone else"):
        C.update_contact(db, cid, name="李四", version=mine.version)
    assert C.count_contacts(db) == 0


def test_a_delete_of_a_contact_changed_elsewhere_deletes_nothing(db, other):
    a = C.add_contact(db, "客户", "13800138000", "张三")
    b = C.add_contact(db, "客户", "13800138001", "李四")
    seen = {c.id: c.version for c in C.list_contacts(db)}
    C.update_contact(other, b, name="李四（新）", version=seen[b])
    with pytest.raises(ConflictError, match="李四（新）"):
        C.delete_contacts(db, [a, b], seen)
    assert C.count_contacts(db) == 2  # neither went
    # one deleted elsewhere meanwhile is no conflict: it is gone either way
    C.delete_contacts(other, [b])
    assert C.delete_contacts(db, [a, b], {a: seen[a], b: seen[b]}) == 1


def test_a_move_of_a_contact_changed_elsewhere_moves_nothing(db, other):
    C.create_group(db, "VIP")
    a = C.add_contact(db, "客户", "13800138000", "张三")
    b = C.add_contact(db, "客户", "13800138001", "李四")
    seen = {c.id: c.version for c in C.list_contacts(db)}
    C.update_contact(other, a, phone="13900139000", version=seen[a])
    with pytest.raises(ConflictError):
        C.move_contacts(db, [a, b], "VIP", seen)
    assert {c.group for c in C.list_contacts(db)} == {"客户"}
    fresh = {c.id: c.version for c in C.list_contacts(db)}
    assert C.move_contacts(db, [a, b], "VIP", fresh) == (2, 0)
    # a move raises the version: an edit made before it is refused
    with pytest.raises(ConflictError):
        C.update_contact(other, a, name="x", version=fresh[a])


def test_an_import_update_raises_the_version(db, other, tmp_path):
    cid = C.add_contact(db, "客户", "13800138000", "张三")
    mine = C.get_contact(db, cid)
    path = tmp_path / "更新.csv"
    path.write_text("手机号码,姓名\n13800138000,张三（导入）\n", encoding="utf-8")
    report = C.import_file(other, path, "客户")
    assert report.updated == 1
    with pytest.raises(ConflictError):
        C.update_contact(db, cid, name="张三（手改）", version=mine.version)
    assert C.get_contact(db, cid).name == "张三（导入）"


def test_a_group_renamed_elsewhere_is_not_renamed_again(db, other):
    gid = C.create_group(db, "客户")
    mine = C.get_group(db, gid)
    C.rename_group(other, gid, "老客户", version=C.get_group(other, gid).version)
    with pytest.raises(ConflictError, match="老客户"):
        C.rename_group(db, gid, "新客户", version=mine.version)
    assert C.get_group(db, gid).name == "老客户"
    C.delete_group(other, gid)
    with pytest.raises(ConflictError, match="deleted by someone else"):
        C.rename_group(db, gid, "新客户", version=mine.version)


def test_a_write_without_a_version_goes_ahead_and_raises_it(db, other):
    cid = C.add_contact(db, "客户", "13800138000", "张三")
    C.update_contact(other, cid, name="李四")  # a script that read nothing
    assert C.get_contact(db, cid).version == 2


# ---- two processes (the CLI), both engines ----------------------------------------------------
def _cli(home, *args: str) -> subprocess.Popen:
    env = {**os.environ, "SMS_DESKTOP_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen(
        [sys.executable, "-m", "sms_desktop.cli", "--home", str(home), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


def _run(home, *args: str) -> tuple[int, str, str]:
    p = _cli(home, *args)
    out, err = p.communicate(timeout=60)
    return p.returncode, out, err


def test_cli_edit_with_a_stale_version_exits_3_with_one_line(db, home):
    cid = C.add_contact(db, "客户", "13800138000", "张三")
    rc, out, err = _run(home, "contacts", "list", "--json")
    assert rc == 0, err
    read = json.loads(out)["contacts"][0]
    assert read["version"] == 1
    rc, _, err = _run(home, "contacts", "edit", str(cid), "--name", "李四", "--if-version", "1")
    assert rc == 0, err
    rc, out, err = _run(
        home, "contacts", "edit", str(cid), "--set", "城市=上海", "--if-version", "1", "--json"
    )
    assert rc == 3
    assert len(err.strip().splitlines()) == 1 and "changed by someone else" in err
    assert json.loads(out)["kind"] == "conflict"
    rc, _, err = _run(home, "contacts", "delete", str(cid), "--if-version", "1")
    assert rc == 3 and "nothing was deleted" in err
    rc, _, err = _run(home, "contacts", "rename-group", "客户", "VIP", "--if-version", "2")
    assert rc == 3 and len(err.strip().splitlines()) == 1
    got = C.get_contact(db, cid)
    assert (got.name, got.fields, got.group) == ("李四", {}, "客户")


def test_two_processes_editing_one_contact_at_once_one_wins(db, home):
    """Both read version 1 and save at the same moment: exactly one edit is stored, the other
    process is told (exit 3); never both, never a silent overwrite."""
    cid = C.add_contact(db, "客户", "13800138000", "张三")
    for round_ in range(3):
        v = C.get_contact(db, cid).version
        procs = [
            _cli(
                home,
                "contacts",
                "edit",
                str(cid),
                "--name",
                f"PC{k}-{round_}",
                "--if-version",
                str(v),
            )
            for k in (1, 2)
        ]
        results = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in procs]
        for p in procs:
            p.stdout.close() if p.stdout else None
            p.stderr.close() if p.stderr else None
        codes = sorted(rc for rc, _ in results)
        assert codes == [0, 3], results
        winner = next(k for k, (rc, _) in zip((1, 2), results, strict=True) if rc == 0)
        got = C.get_contact(db, cid)
        assert (got.name, got.version) == (f"PC{winner}-{round_}", v + 1)

"""通讯录 when another PC changed the same contact meanwhile: the edit, delete, move or group
rename is refused (nothing written), a dialog says so and offers to read it again; reading
again shows the other PC's change (and reopens the editor with it)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QPushButton
from test_contacts_tab import click, open_contacts
from uihelpers import in_worker

from sms_desktop.core import contacts as C
from sms_desktop.core.store import open_store


@pytest.fixture
def other_pc(window, home):
    """Another PC's connection to the same store (opened and used in worker threads)."""
    db = in_worker(lambda: open_store(None, home))
    yield db
    in_worker(db.close)


def meanwhile(fn) -> None:
    """Another PC writes, now: in a plain thread, joined without running the event loop, so
    the window cannot hear of it (and reload) before the user's next click."""
    box: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:
            box.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join(10)
    assert not t.is_alive() and not box, box


def conflict_dialogs(ctx):
    return [c for c in ctx.prompts.of("confirm") if c.title == "已被他人修改"]


def shown(tab, row: int, column: int = 1) -> str:
    return tab.model.data(tab.model.index(row, column))


def test_an_edit_after_another_pc_changed_the_contact_offers_to_reload(window, qtbot, other_pc):
    ctx = window.ctx
    cid = in_worker(lambda: C.add_contact(ctx.db, "甲", "13500000001", "张三", {"城市": "北京"}))
    tab = open_contacts(window, qtbot)
    qtbot.waitUntil(lambda: shown(tab, 0) == "张三", timeout=5000)
    tab.view.selectRow(0)
    click(qtbot, tab.edit_button)
    qtbot.waitUntil(lambda: getattr(tab, "editor", None) is not None, timeout=5000)
    first = tab.editor
    # meanwhile, at the other PC
    meanwhile(lambda: C.update_contact(other_pc, cid, name="张三丰", version=1))
    first.name.setText("张三（我改的）")
    first.accept()

    qtbot.waitUntil(lambda: len(conflict_dialogs(ctx)) == 1, timeout=5000)
    dialog = conflict_dialogs(ctx)[0]
    assert "张三丰（13500000001）已被他人修改" in dialog.text and "没有保存" in dialog.text
    assert not ctx.prompts.errors
    stored = in_worker(lambda: C.get_contact(ctx.db, cid))
    assert (stored.name, stored.fields) == ("张三丰", {"城市": "北京"})  # not overwritten
    # "重新读取": the list and a new editor show the other PC's name
    qtbot.waitUntil(lambda: tab.editor is not first, timeout=5000)
    assert tab.editor.name.text() == "张三丰"
    qtbot.waitUntil(lambda: shown(tab, 0) == "张三丰", timeout=5000)
    tab.editor.name.setText("张三（再改）")
    tab.editor.accept()  # from what is stored now: saved
    qtbot.waitUntil(
        lambda: in_worker(lambda: C.get_contact(ctx.db, cid).name) == "张三（再改）", timeout=5000
    )
    assert len(conflict_dialogs(ctx)) == 1


def test_delete_and_move_after_another_pc_changed_a_contact_change_nothing(window, qtbot, other_pc):
    ctx = window.ctx

    def setup() -> list[int]:
        C.create_group(ctx.db, "乙")
        return [C.add_contact(ctx.db, "甲", f"1350000000{i}", f"客户{i}") for i in range(3)]

    ids = in_worker(setup)
    tab = open_contacts(window, qtbot)
    jia = in_worker(lambda: C.group_id(ctx.db, "甲"))
    tab.select_group(jia)
    qtbot.waitUntil(
        lambda: tab.model.rowCount() == 3 and shown(tab, 0) == "客户0" and not tab.model.loading,
        timeout=5000,
    )
    tab.view.selectAll()  # the rows as read before the other PC's change
    meanwhile(lambda: C.update_contact(other_pc, ids[1], name="客户1（他改）", version=1))

    ctx.prompts.confirm_answers.extend([True, True])  # delete: yes; the conflict: 重新读取
    click(qtbot, tab.delete_button)
    qtbot.waitUntil(lambda: len(conflict_dialogs(ctx)) == 1, timeout=5000)
    assert "客户1（他改）" in conflict_dialogs(ctx)[0].text
    assert "没有删除" in conflict_dialogs(ctx)[0].text
    assert in_worker(lambda: C.count_contacts(ctx.db)) == 3
    qtbot.waitUntil(lambda: shown(tab, 1) == "客户1（他改）", timeout=5000)  # read again

    # a move, from rows read before another change at the other PC
    qtbot.waitUntil(lambda: not tab.model.loading and shown(tab, 2) == "客户2", timeout=5000)
    tab.view.selectAll()
    meanwhile(lambda: C.update_contact(other_pc, ids[2], name="客户2（他改）", version=1))
    ctx.prompts.choose_answers.append([g.name for g in tab.groups if g.id != jia].index("乙"))
    click(qtbot, tab.move_button)
    qtbot.waitUntil(lambda: len(conflict_dialogs(ctx)) == 2, timeout=5000)
    assert "客户2（他改）" in conflict_dialogs(ctx)[1].text
    assert "没有移动" in conflict_dialogs(ctx)[1].text
    assert in_worker(lambda: C.count_contacts(ctx.db, "乙")) == 0
    # read again: the move goes through
    qtbot.waitUntil(
        lambda: shown(tab, 2) == "客户2（他改）" and not tab.model.loading, timeout=5000
    )
    tab.view.selectAll()
    ctx.prompts.choose_answers.append([g.name for g in tab.groups if g.id != jia].index("乙"))
    click(qtbot, tab.move_button)
    qtbot.waitUntil(lambda: in_worker(lambda: C.count_contacts(ctx.db, "乙")) == 3, timeout=5000)
    assert len(conflict_dialogs(ctx)) == 2


def test_renaming_a_group_another_pc_renamed_meanwhile_is_refused(window, qtbot, other_pc):
    ctx = window.ctx
    gid = in_worker(lambda: C.create_group(ctx.db, "客户"))
    tab = open_contacts(window, qtbot)
    qtbot.waitUntil(lambda: tab.group_list.count() == 2, timeout=5000)
    tab.select_group(gid)
    rename = tab.findChild(QPushButton, "renameGroupButton")
    qtbot.waitUntil(lambda: tab.current_group() is not None and rename.isEnabled(), timeout=5000)
    meanwhile(lambda: C.rename_group(other_pc, gid, "老客户", version=1))
    ctx.prompts.text_answers.append("新客户")
    click(qtbot, rename)
    qtbot.waitUntil(lambda: len(conflict_dialogs(ctx)) == 1, timeout=5000)
    assert "老客户" in conflict_dialogs(ctx)[0].text
    assert in_worker(lambda: C.get_group(ctx.db, gid).name) == "老客户"
    # reloaded: the list shows the other PC's name
    qtbot.waitUntil(
        lambda: any("老客户" in tab.group_list.item(i).text() for i in range(2)), timeout=5000
    )

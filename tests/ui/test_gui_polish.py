"""Small things a new user meets in the window, each checked in both languages where it shows
text: labels, step numbers, hints, warnings as the user types, the window's width."""

from __future__ import annotations

import contextlib

import pytest

from sms_desktop.ui import i18n


@contextlib.contextmanager
def language(qapp, lang: str):
    translators = i18n.install(qapp, lang)
    try:
        yield
    finally:
        i18n.remove(qapp, translators)


def bracket_depth(text: str) -> int:
    """How deep round brackets (half- or full-width) nest in ``text``."""
    depth = deepest = 0
    for c in text:
        if c in "(（":
            depth += 1
            deepest = max(deepest, depth)
        elif c in ")）":
            depth -= 1
    return deepest


# ---- 设置 → 账户: one pair of brackets ---------------------------------------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_accounts_list_has_no_brackets_inside_brackets(lang, qapp, make_window, qtbot):
    from sms_desktop.ui.dialogs.account import AccountsDialog

    with language(qapp, lang):
        window = make_window()
        dialog = AccountsDialog(window.ctx, window)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.loads >= 1, timeout=5000)
        texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert len(texts) == 4
        assert all(t.startswith("演示-") for t in texts)
        assert [t for t in texts if bracket_depth(t) > 1] == []
        # the send tab's account box names them the same way
        tab = window.page("composePage").build()
        qtbot.waitUntil(lambda: tab.account_combo.count() == 4, timeout=5000)
        assert sorted(tab.account_combo.itemText(i) for i in range(4)) == sorted(texts)

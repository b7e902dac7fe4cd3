"""``export history`` writes its titles, states and explanations in one language: ``--lang``,
else the system's (a Chinese locale gives Chinese, any other English)."""

from __future__ import annotations

import openpyxl
import pytest

from sms_desktop.core.bilingual import system_lang


def _sheet(path):
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


@pytest.mark.parametrize(
    ("args", "locale", "state", "accepted", "reason"),
    [
        (["--lang", "zh_CN"], "en_US.UTF-8", "状态", "网关已接收", "号码无效（10 位）"),
        (["--lang", "en"], "zh_CN.UTF-8", "State", "Accepted by gateway", "(10 digits)"),
        ([], "zh_CN.UTF-8", "状态", "网关已接收", "号码无效（10 位）"),
        ([], "en_GB.UTF-8", "State", "Accepted by gateway", "(10 digits)"),
    ],
)
def test_export_history_in_one_language(
    cli, tmp_path, monkeypatch, args, locale, state, accepted, reason
):
    cli.add_account("a", "ipyy")
    r = cli("send", "a", "--to", "13800138000,1380013800", "--text", "你好")
    assert r.rc == 1, r.err  # one invalid number
    monkeypatch.setenv("LANG", locale)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    out = tmp_path / "history.xlsx"
    r = cli("export", "history", str(out), *args)
    assert r.rc == 0, r.err
    sent, skipped = _sheet(out)
    assert sent[state] == accepted
    message = "说明" if state == "状态" else "Message"
    assert reason in skipped[message]
    other = "invalid number" if state == "状态" else "号码无效"
    assert other not in skipped[message]  # one language, not both


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_system_language(env, lang):
    assert system_lang(env) == lang

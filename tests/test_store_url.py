"""Choosing the store: the URL, the fields of the settings page, the saved choice and the order
in which ``--store``, ``SMS_DESKTOP_STORE`` and the saved choice count. No server needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sms_desktop.core.errors import InputError
from sms_desktop.core.store.url import (
    STORE_ENV,
    StoreUrl,
    check_store,
    configured_store,
    default_url,
    parse_store_url,
    save_store_choice,
    saved_store_choice,
    url_from_fields,
)


def test_a_postgresql_url_and_its_parts():
    u = parse_store_url("postgresql://clerk@office-nas:5433/sms?sslmode=require")
    assert (u.scheme, u.host, u.port, u.database, u.user) == (
        "postgresql",
        "office-nas",
        5433,
        "sms",
        "clerk",
    )
    assert u.params == (("sslmode", "require"),)
    assert u.display == "postgresql://clerk@office-nas:5433/sms?sslmode=require"
    assert u.fields() == {"host": "office-nas", "port": "5433", "database": "sms", "user": "clerk"}
    assert u.secret_key == "clerk@office-nas:5433/sms"
    assert parse_store_url("postgres://a@h/d").display == "postgresql://a@h/d"  # default port


def test_a_password_in_the_url_is_used_and_never_shown():
    u = parse_store_url("postgresql://clerk:p%40ss:w@10.0.0.5/sms")
    assert u.password == "p@ss:w"
    assert "p@ss" not in u.display and "p%40ss" not in str(u) and "p@ss" not in repr(u)
    assert u.format(with_password=True) == "postgresql://clerk:p%40ss%3Aw@10.0.0.5/sms"
    with pytest.raises(InputError) as err:
        parse_store_url("postgresql://clerk:topsecret@/sms")  # no host
    assert "topsecret" not in str(err.value) and "***" in str(err.value)


@pytest.mark.parametrize(
    "text, words",
    [
        ("office-nas/sms", "sqlite:/// 或 postgresql://"),
        ("mysql://a@h/d", "不支持的类型 mysql"),
        ("postgresql://h/d", "缺少用户名"),
        ("postgresql://a@h", "缺少数据库名"),
        ("postgresql://a@h:99999/d", "端口"),
        ("postgresql://a@h/d?host=evil", "不支持的参数 host"),
        ("sqlite://", "缺少文件路径"),
        ("postgresql://a@[::1/d", "服务器地址无效"),
        ("postgresql://a@h:0/d", "端口"),
        ("postgresql://a@h/d?sslmode=bogus", "sslmode"),
        ("postgresql://a@h/d?connect_timeout=abc", "connect_timeout"),
    ],
)
def test_a_bad_url_is_one_line_naming_what_is_wrong(text, words):
    with pytest.raises(InputError) as err:
        parse_store_url(text)
    assert words in str(err.value) and "Invalid store URL" in str(err.value)
    assert "\n" not in str(err.value)


def test_sqlite_urls_of_posix_and_windows_paths(tmp_path):
    u = parse_store_url(f"sqlite:///{tmp_path.as_posix().lstrip('/')}/我的 数据.sqlite3")
    assert u.is_sqlite and u.path == tmp_path / "我的 数据.sqlite3"
    assert parse_store_url(u.display).path == u.path  # round trip
    w = parse_store_url("sqlite:///C:/Users/张三/sms.sqlite3")
    assert w.path is not None and w.path.as_posix() == "C:/Users/张三/sms.sqlite3"


def test_the_settings_fields_make_a_url_and_name_a_wrong_field():
    u = url_from_fields(" nas.local ", "", "sms", "clerk")
    assert u.display == "postgresql://clerk@nas.local/sms" and u.port == 5432
    assert url_from_fields("10.0.0.5", "6543", "sms", "clerk").port == 6543
    for args, words in [
        (("", "5432", "sms", "u"), "服务器地址"),
        (("h", "x", "sms", "u"), "端口"),
        (("h", "5432", "", "u"), "数据库名"),
        (("h", "5432", "sms", ""), "用户名"),
    ]:
        with pytest.raises(InputError, match=words):
            url_from_fields(*args)


def test_which_store_counts(home, monkeypatch):
    assert configured_store(None, home) == default_url(home)  # this PC's own file
    save_store_choice(home, "postgresql://clerk:pw@saved/sms")
    saved = json.loads((home / "store.json").read_text())
    assert saved == {"url": "postgresql://clerk@saved/sms"}  # never the password
    assert configured_store(None, home).host == "saved"
    monkeypatch.setenv(STORE_ENV, "postgresql://clerk@from-env/sms")
    assert configured_store(None, home).host == "from-env"
    assert configured_store("postgresql://clerk@given/sms", home).host == "given"
    monkeypatch.delenv(STORE_ENV)
    save_store_choice(home, None)
    assert saved_store_choice(home) is None and configured_store(None, home).is_sqlite


def test_a_damaged_choice_file_is_named_not_ignored(home):
    (home / "store.json").write_text("{not json")
    with pytest.raises(InputError, match=r"store\.json"):
        configured_store(None, home)


def test_the_connection_test_of_a_file_and_of_a_bad_url(tmp_path: Path):
    ok = check_store(StoreUrl("sqlite", path=tmp_path / "x.sqlite3"), tmp_path)
    assert ok.ok and "本机数据库文件" in ok.zh
    bad = check_store("postgresql://nobody", tmp_path)
    assert not bad.ok and "缺少" in bad.zh

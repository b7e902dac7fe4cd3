"""Message templates (短信模板): stored by name, validated, their fields checked against a file."""

from __future__ import annotations

import pytest

from sms_desktop.core import templates as T
from sms_desktop.core.errors import InputError


@pytest.fixture
def db(store):
    """Each test on both engines (the ``store`` fixture: SQLite, then PostgreSQL)."""
    return store


def test_save_list_get_rename_remove(db) -> None:
    T.save(db, T.Template("到货通知", "{姓名}您好，订单{订单号}已到货", "物流", job_kind="notice"))
    T.save(db, T.Template("双十一", "全场五折，回T退订", "促销", "ipyy", "marketing"))
    T.save(db, T.Template("验证码", "验证码{code}", "", "jsm", "notice"))
    assert [t.name for t in T.all_templates(db)] == ["验证码", "双十一", "到货通知"]  # by category
    t = T.get(db, "到货通知")
    assert (t.category, t.job_kind, t.family) == ("物流", "notice", "")
    assert t.fields == ["姓名", "订单号"]
    assert t.created_at and t.updated_at

    renamed = T.save(db, T.Template("到货提醒", t.text, "物流"), old_name="到货通知")
    assert renamed.name == "到货提醒" and renamed.created_at == t.created_at
    with pytest.raises(InputError, match="没有这个模板"):
        T.get(db, "到货通知")
    T.remove(db, "到货提醒")
    assert [t.name for t in T.all_templates(db)] == ["验证码", "双十一"]
    with pytest.raises(InputError, match="No such template"):
        T.remove(db, "到货提醒")


def test_names_are_unique(db) -> None:
    T.save(db, T.Template("甲", "一"))
    T.save(db, T.Template("乙", "二"))
    with pytest.raises(InputError, match="已有同名的模板"):
        T.save(db, T.Template("甲", "三"))
    with pytest.raises(InputError, match="exists already"):
        T.save(db, T.Template("甲", "二"), old_name="乙")
    assert T.get(db, "乙").text == "二"


def test_a_gateway_template_keeps_its_id_and_variables(db) -> None:
    T.save(
        db,
        T.Template(
            "签收",
            family="jsm",
            job_kind="notice",
            gateway_template_id="1001",
            gateway_template_vars=["{姓名}", " ", "{单号}"],
        ),
    )
    t = T.get(db, "签收")
    assert t.gateway_template_id == "1001"
    assert t.gateway_template_vars == ["{姓名}", "{单号}"]  # empty ones dropped
    assert t.fields == ["姓名", "单号"]
    assert t.to_dict()["gateway_template_vars"] == ["{姓名}", "{单号}"]


@pytest.mark.parametrize(
    ("template", "words"),
    [
        (T.Template(" ", "x"), "needs a name"),
        (T.Template("x" * 51, "x"), "at most 50"),
        (T.Template("a", ""), "no text"),
        (T.Template("a", "x", family="nokia"), "Unknown account kind"),
        (T.Template("a", "x", job_kind="spam"), "notice or marketing"),
        (T.Template("a", "x", gateway_template_vars=["1"]), "need a gateway template id"),
        (T.Template("a", "", family="ipyy", gateway_template_id="7"), r"sends templates \(jsm\)"),
        (T.Template("a", "", gateway_template_id="7"), "sends templates"),
    ],
)
def test_what_is_refused(db, template: T.Template, words: str) -> None:
    with pytest.raises(InputError, match=words):
        T.save(db, template)
    assert T.all_templates(db) == []


def test_missing_fields_of_a_file() -> None:
    t = T.Template("a", "{姓名}，{公司}的{订单号}", gateway_template_vars=[])
    assert T.missing_fields(t, ["手机号码", "订单号"]) == ["公司"]  # 姓名 is always there
    assert T.missing_fields(t, []) == ["公司", "订单号"]
    assert T.missing_fields(t, ["公司", "订单号"]) == []


def test_job_kind_labels() -> None:
    assert T.job_kind_label("marketing") == "营销"
    assert T.job_kind_label("notice", "en") == "notification"
    assert T.job_kind_label("") == ""


def test_a_template_written_elsewhere_moves_the_change_feed(db, store_url, home) -> None:
    """The templates aggregate has its change triggers (schema V13): a template saved, edited or
    removed by another program (the CLI: another store object here) is seen by an open window's
    change feed."""
    from sms_desktop.core.store import open_store
    from sms_desktop.core.store.changes import TEMPLATES, ChangeFeed

    feed = ChangeFeed(db)
    feed.poll()  # the first look only looks
    other = open_store(store_url, home)
    try:
        T.save(other, T.Template("到货通知", "{姓名}您好，订单已到货", "物流"))
        assert feed.poll() == {TEMPLATES}
        T.save(other, T.Template("到货提醒", "{姓名}您好", "物流"), old_name="到货通知")
        assert feed.poll() == {TEMPLATES}
        T.remove(other, "到货提醒")
        assert feed.poll() == {TEMPLATES}
        assert feed.poll() == set()
    finally:
        other.close()

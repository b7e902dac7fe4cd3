"""Each gateway family declares its own account fields (its capabilities); the account store
checks them when an account is added or edited, for every client."""

from __future__ import annotations

import pytest

from sms_desktop.core.accounts import Account, AccountStore
from sms_desktop.core.gateways import FAMILIES, gateway_class
from sms_desktop.core.gateways.base import MissingFieldError
from sms_desktop.core.secrets import SecretStore
from sms_desktop.core.store import open_database


@pytest.fixture
def store(home):
    db = open_database(home)
    yield AccountStore(db, SecretStore(home))
    db.close()


def _jsm(**kw) -> Account:
    return Account(name="j", family="jsm", base_url="http://192.0.2.1/", username="u", **kw)


def test_the_families_declare_their_own_fields():
    fields = {f: gateway_class(f).capabilities.account_fields for f in FAMILIES}
    assert [(x.key, x.required, x.secret) for x in fields["jsm"]] == [("verycode", True, True)]
    assert [(x.key, x.required) for x in fields["ipyy"]] == [("userid", False)]
    assert fields["qxt"] == () and fields["txt112088"] == ()
    assert "veryCode" in fields["jsm"][0].en


def test_a_jsm_account_without_its_verycode_is_refused(store):
    with pytest.raises(MissingFieldError) as e:
        store.add(_jsm(), "pw")
    assert e.value.field.key == "verycode" and "veryCode" in str(e.value)
    assert store.list() == []
    with pytest.raises(MissingFieldError):
        store.add(_jsm(verycode="   "), "pw")
    store.add(_jsm(verycode="vc"), "pw")
    assert store.with_secrets("j").verycode == "vc"


def test_an_edit_keeps_the_stored_verycode_and_needs_one(store, home):
    store.add(_jsm(verycode="vc"), "pw")
    store.update(_jsm(signature="【公司】"))  # empty: the stored one stays
    assert store.with_secrets("j").verycode == "vc"
    store.secrets.delete("j", kind="verycode")  # an account stored before the check
    with pytest.raises(MissingFieldError):
        store.update(_jsm(signature="【公司】"))
    store.update(_jsm(verycode="new"))
    assert store.with_secrets("j").verycode == "new"


def test_a_field_the_family_does_not_take_is_not_kept(store):
    store.add(
        Account(name="q", family="qxt", base_url="http://192.0.2.1/", username="u", verycode="x"),
        "pw",
    )
    assert store.with_secrets("q").verycode == "" and store.get("q").userid == ""
    store.add(
        Account(name="i", family="ipyy", base_url="http://192.0.2.1/", username="u", userid="12"),
        "pw",
    )
    assert store.get("i").userid == "12"

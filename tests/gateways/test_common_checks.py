"""Checks every family shares (``Gateway._check_batch``), run against each client class."""

from __future__ import annotations

import pytest

from sms_desktop.core.errors import InputError
from sms_desktop.core.gateways import FAMILIES, AccountConfig, Template, gateway_class


@pytest.mark.parametrize("family", FAMILIES)
def test_templates_only_where_the_family_has_them_and_nothing_is_sent(sim, family):
    sim.add_account(family, "u", "p", verycode="v" if family == "jsm" else "")
    cls = gateway_class(family)
    gw = cls(AccountConfig(family, sim.base_url(family), "u", "p", verycode="v"))
    if cls.capabilities.templates:
        sim.add_jsm_template("u", "T-1", "验证码@1@")
        res = gw.send(["13800138000"], "", template=Template("T-1", ["1234"]))
        assert res.results[0].outcome == "accepted"
    else:
        with pytest.raises(InputError, match="template"):
            gw.send(["13800138000"], "你好", template=Template("T-1", ["1234"]))
        assert sim.requests == []


@pytest.mark.parametrize("family", FAMILIES)
def test_batch_over_the_limit_and_empty_batch_are_refused_before_sending(sim, family):
    cls = gateway_class(family)
    gw = cls(AccountConfig(family, sim.base_url(family), "u", "p"))
    too_many = [str(13000000000 + i) for i in range(gw.batch_limit + 1)]
    with pytest.raises(InputError, match="At most"):
        gw.send(too_many, "你好")
    with pytest.raises(InputError, match="No recipients"):
        gw.send([], "你好")
    assert sim.requests == []

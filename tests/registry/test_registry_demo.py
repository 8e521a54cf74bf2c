"""The shipped demo registry answers load like live ones (for the app's --demo data set)."""

from __future__ import annotations

import pytest

from contractdesk.registry.demo import demo_lookup, demo_lookups, demo_org_numbers


def test_demo_holds_the_real_looking_companies_and_one_joint_rule() -> None:
    assert demo_org_numbers() == ("923130969", "926511890", "928571432", "971049669", "990005559")
    names = {found.entity.org_number: found.entity.name for found in demo_lookups()}
    assert names["971049669"] == "WEBMASTER HEIMEN"
    assert names["923130969"] == "AVARA AS"


def test_demo_sole_proprietor_signs_alone_and_joint_rule_is_registered() -> None:
    heimen = demo_lookup("971049669")
    assert [(s.name, s.may_sign_alone) for s in heimen.signatories] == [("Frode Heimen", True)]
    joint = demo_lookup("990005559")
    assert joint.signature_rule is not None and joint.signature_rule.registered
    assert joint.procuration_rule is not None


def test_unknown_demo_number() -> None:
    with pytest.raises(FileNotFoundError):
        demo_lookup("990008884")

"""People rules: roles and their rights (§8.1.1), one main contact, who may ask, request deadlines, look-up folding."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractdesk.domain.people import (
    Assignment,
    CustomerRoles,
    PeopleRuleError,
    Role,
    add_months,
    fold,
    name_tokens,
    request_deadline,
    rights_for,
)

MAIN, CONTACT, SIGN, GM = Role.MAIN_CONTACT, Role.CONTACT, Role.SIGNATORY, Role.GENERAL_MANAGER


def roles(*pairs: tuple[int, Role], erased: tuple[int, ...] = ()) -> CustomerRoles:
    return CustomerRoles([Assignment(p, r) for p, r in pairs], "923 130 969", erased=erased)


def test_role_names_on_the_command_line_and_in_the_store() -> None:
    assert [r.cli_name for r in Role] == ["main-contact", "contact", "signatory", "general-manager"]
    assert Role.parse("general-manager") is GM
    assert Role.parse("Main_Contact") is MAIN
    with pytest.raises(PeopleRuleError, match="main-contact, contact, signatory, general-manager"):
        Role.parse("boss")


def test_rights_follow_the_terms() -> None:
    # §8: every registered role holder is an approved contact; §4.1/§4.3: contact persons may order;
    # §8.1.1: only the main contact (and signatories/general manager) manage contacts; §4.2: signing.
    assert rights_for([]).approved_contact is False
    contact = rights_for([CONTACT])
    assert (
        contact.approved_contact,
        contact.may_order,
        contact.may_sign,
        contact.may_manage_contacts,
    ) == (True, True, False, False)
    main = rights_for([MAIN])
    assert (main.may_order, main.may_sign, main.may_manage_contacts) == (True, False, True)
    for role in (SIGN, GM):
        r = rights_for([role])
        assert (r.approved_contact, r.may_order, r.may_sign, r.may_manage_contacts) == (
            True,
            True,
            True,
            True,
        )
    both = rights_for([MAIN, SIGN])
    assert both.may_sign and both.may_order


def test_exactly_one_main_contact_is_checked() -> None:
    assert roles().problems() == []  # a new customer with nobody yet is fine
    assert roles((1, CONTACT)).problems() == ["923 130 969 has people but no main contact."]
    two = roles((1, MAIN), (2, MAIN))
    assert any("2 main contacts" in p for p in two.problems())
    with pytest.raises(PeopleRuleError, match="exactly one"):
        two.main_contact()
    assert roles((1, MAIN), (2, CONTACT)).main_contact() == 1


def test_the_first_people_need_no_requester_but_later_contacts_do() -> None:
    empty = roles()
    empty.check_add(1, MAIN, None)
    empty.check_add(1, CONTACT, None)  # nobody at the customer could ask yet
    with_main = roles((1, MAIN))
    with pytest.raises(PeopleRuleError, match="say who asked"):
        with_main.check_add(2, CONTACT, None)
    with_main.check_add(2, CONTACT, requested_by=1)


def test_only_main_contact_signatory_or_general_manager_may_add_or_remove_contacts() -> None:
    r = roles((1, MAIN), (2, CONTACT), (3, SIGN), (4, GM))
    for asker in (1, 3, 4):
        r.check_add(9, CONTACT, requested_by=asker)
        r.check_remove(2, CONTACT, requested_by=asker)
    with pytest.raises(
        PeopleRuleError, match="only the main contact, a signatory or the general manager"
    ):
        r.check_add(9, CONTACT, requested_by=2)
    with pytest.raises(PeopleRuleError, match="only the main contact"):
        r.check_remove(2, CONTACT, requested_by=99)
    r.check_remove(2, CONTACT, requested_by=2)  # a contact may always ask to be removed themselves


def test_signatories_and_general_manager_come_from_the_registry_without_a_request() -> None:
    r = roles((1, MAIN))
    r.check_add(5, SIGN, None)
    r.check_add(6, GM, None)


def test_the_main_contact_cannot_be_removed_only_replaced() -> None:
    r = roles((1, MAIN), (2, CONTACT), (3, SIGN))
    with pytest.raises(PeopleRuleError, match="without naming the next"):
        r.check_remove(1, MAIN, requested_by=3)
    with pytest.raises(PeopleRuleError, match="say who asked"):
        r.check_set_main(2, None)
    with pytest.raises(PeopleRuleError, match="may not change the main contact"):
        r.check_set_main(2, requested_by=2)  # a plain contact cannot promote themselves
    r.check_set_main(2, requested_by=1)  # §8.1.1: the main contact hands over
    r.check_set_main(2, requested_by=3)  # §7.2: a signatory may change the main contact
    with pytest.raises(PeopleRuleError, match="already the main contact"):
        r.check_set_main(1, requested_by=3)
    with pytest.raises(PeopleRuleError, match="already main-contact"):
        r.check_add(1, MAIN, requested_by=3)


def test_an_erased_main_contact_can_ask_for_nothing_and_a_signatory_names_the_next() -> None:
    r = roles((1, MAIN), (2, CONTACT), (3, SIGN), erased=(1,))
    assert 1 not in r.managers()
    with pytest.raises(PeopleRuleError):
        r.check_set_main(2, requested_by=1)
    with pytest.raises(PeopleRuleError, match="say who asked"):
        r.check_set_main(2, None)
    r.check_set_main(2, requested_by=3)
    alone = roles((1, MAIN), (2, CONTACT), erased=(1,))
    alone.check_set_main(2, None)  # nobody left who could ask: the owner names the next


def test_a_person_holds_roles_at_each_customer_separately() -> None:
    at_a = roles((7, MAIN))
    at_b = CustomerRoles([Assignment(7, CONTACT), Assignment(8, MAIN)], "971 049 669")
    assert at_a.rights_of(7).may_manage_contacts is True
    assert at_b.rights_of(7).may_manage_contacts is False
    assert at_b.rights_of(None).approved_contact is False


def test_request_deadline_is_one_month_clamped_to_the_month_end() -> None:
    assert request_deadline(date(2024, 1, 15)) == date(2024, 2, 15)
    assert request_deadline(date(2024, 1, 31)) == date(2024, 2, 29)
    assert request_deadline(date(2023, 1, 31)) == date(2023, 2, 28)
    assert request_deadline(date(2024, 12, 20)) == date(2025, 1, 20)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_deadline_is_within_28_to_31_days(received: date) -> None:
    due = request_deadline(received)
    assert timedelta(days=28) <= due - received <= timedelta(days=31)
    assert (due.year * 12 + due.month) - (received.year * 12 + received.month) == 1


def test_folding_ignores_case_accents_and_norwegian_letters() -> None:
    assert fold("  Åse   ØVREBØ ") == "ase ovrebo"
    assert fold("Ærlige Sámi Đuro") == "aerlige sami duro"
    assert name_tokens("Anne-Lise", "", "Berg") == ("anne-lise", "anne", "lise", "berg")
    assert name_tokens("O'Brien", "<b>Evil</b>") == (
        "o'brien",
        "o",
        "brien",
        "<b>evil</b>",
        "b",
        "evil",
    )

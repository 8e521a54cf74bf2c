"""Dates with sense: impossible or meaningless dates are refused by the use cases themselves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from contractdesk.errors import UserError
from contractdesk.services.billing import ServiceInput
from contractdesk.store.models import Customer

TODAY = date(2026, 12, 7)


@pytest.fixture
def customer(services):  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number="923130969", name="Alfa AS", status="active"))
    return services


def test_a_data_subject_request_is_not_received_in_the_future(customer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as caught:
        customer.people.log_request(None, "access", received_on=date(9999, 12, 7), today=TODAY)
    assert caught.value.field == "received_on"
    assert customer.people.log_request(None, "access", received_on=TODAY, today=TODAY) > 0


def test_a_consent_is_not_given_in_the_future(customer) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.store.models import Person

    with customer.store.session() as s:
        person = Person(first_name="Kari", last_name="Nordmann")
        s.add(person)
        s.flush()
        person_id = person.id
    with pytest.raises(UserError) as caught:
        customer.people.record_consent(
            person_id, "newsletter", True, on=date(2030, 1, 1), today=TODAY
        )
    assert caught.value.field == "on"
    customer.people.record_consent(person_id, "newsletter", True, on=TODAY, today=TODAY)


def test_a_licence_cannot_start_in_the_year_2999(customer) -> None:  # type: ignore[no-untyped-def]
    data = ServiceInput(
        kind="licence", name="CRM", annual_price=Decimal(12000), start=date(2999, 1, 1)
    )
    with pytest.raises(UserError) as caught:
        customer.billing.add_service("923130969", data)
    assert caught.value.field == "start"
    assert "2999" in str(caught.value)


def test_a_termination_is_not_received_before_the_licence_starts(customer) -> None:  # type: ignore[no-untyped-def]
    service_id = customer.billing.add_service(
        "923130969",
        ServiceInput(
            kind="licence", name="CRM", annual_price=Decimal(12000), start=date(2026, 3, 1)
        ),
    )
    for call in (customer.billing.preview_termination, customer.billing.terminate):
        with pytest.raises(UserError) as caught:
            call(service_id, date(1999, 12, 31))
        assert caught.value.field == "received"
    assert customer.billing.get_service(service_id, today=TODAY).terminated is False
    view = customer.billing.terminate(service_id, date(2026, 9, 10))
    assert view.received == date(2026, 9, 10)

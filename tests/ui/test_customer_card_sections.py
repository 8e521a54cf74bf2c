"""The customer card gathers everything about a customer: people, services and agreements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from contractdesk.services.customers import OfflineCustomer

# Background tasks run synchronously here; the journeys on the real pool are in test_journey.py.
pytestmark = pytest.mark.usefixtures("sync_tasks")


def test_card_shows_the_customers_services_and_agreements(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.services.billing import ServiceInput
    from contractdesk.ui.customers.card import CustomerCard

    view = services.customers.register_offline(
        OfflineCustomer(org_number="923130969", name="Testesen AS"), actor="test"
    )
    services.billing.add_service(
        "923130969",
        ServiceInput(
            kind="licence", name="CRM-lisens", annual_price=Decimal("12000"), start=date(2027, 3, 1)
        ),
    )
    agreement = services.agreements.create_agreement("923130969")
    card = CustomerCard(services)
    qtbot.addWidget(card)
    card.show_customer(view)
    assert card.services_panel is not None and card.services_panel.isVisibleTo(card)
    assert card.services_panel.model.rowCount() == 1
    assert card.services_panel.model.index(0, 0).data() == "CRM-lisens"
    assert agreement.document_id in card.agreements_label.text()
    assert "draft" in card.agreements_label.text()

"""A store with one thing of each kind needing attention on 1 September 2027 (overview tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select

from contractdesk.services.billing import ServiceInput
from contractdesk.store.models import Customer, Person
from contractdesk.store.models.agreements import Agreement
from contractdesk.store.models.billing import PriceChange
from contractdesk.store.models.terms import TermsVersion

TODAY = date(2027, 9, 1)


def seed_attention(services):  # type: ignore[no-untyped-def]
    """Six customers with one thing each that needs attention on 1 September 2027."""
    with services.store.session() as s:
        names = {
            "923130969": ("Alfa AS", "active"),
            "971049669": ("Beta AS", "active"),
            "926511890": ("Gamma AS", "bankrupt"),
            "914800528": ("Delta AS", "liquidation"),
            "997662257": ("Epsilon AS", "active"),
            "985399077": ("Zeta AS", "deleted"),
        }
        for org, (name, status) in names.items():
            s.add(Customer(org_number=org, name=name, status=status))
        s.flush()
        ids = {c.org_number: c.id for c in s.execute(select(Customer)).scalars()}
        version = s.execute(select(TermsVersion)).scalars().first()
        assert version is not None
        # Alfa: a draft; Beta: sent 20 days ago (late) and Epsilon sent 3 days ago (not yet late).
        s.add(
            Agreement(
                document_id="CD-2027-000001",
                customer_id=ids["923130969"],
                terms_version_id=version.id,
                state="draft",
            )
        )
        s.add(
            Agreement(
                document_id="CD-2027-000002",
                customer_id=ids["971049669"],
                terms_version_id=version.id,
                state="sent",
                sent_at=datetime(2027, 8, 12, tzinfo=UTC),
            )
        )
        s.add(
            Agreement(
                document_id="CD-2027-000003",
                customer_id=ids["997662257"],
                terms_version_id=version.id,
                state="sent",
                sent_at=datetime(2027, 8, 29, tzinfo=UTC),
            )
        )
        # Epsilon: a departed signatory found by the last refresh.
        epsilon = s.get(Customer, ids["997662257"])
        assert epsilon is not None
        epsilon.registry_data = {"departed_signatories": [{"name": "Ola Nordmann"}]}
        s.add(Person(first_name="Kari", last_name="Nordmann"))
    # Alfa: a paid licence started 2026-10-01 binds until 2027-09-30 (within 60 days);
    # Beta: a free licence binds nothing; Gamma: a licence with a price rise from 2028-01-01.
    billing = services.billing
    billing.add_service(
        "923130969",
        ServiceInput(
            kind="licence", name="CRM", annual_price=Decimal(12000), start=date(2026, 10, 1)
        ),
        actor="test",
    )
    billing.add_service(
        "971049669",
        ServiceInput(
            kind="licence", name="Gratis", annual_price=Decimal(0), start=date(2026, 10, 1)
        ),
        actor="test",
    )
    gamma = billing.add_service(
        "926511890",
        ServiceInput(
            kind="licence", name="CRM Pluss", annual_price=Decimal(24000), start=date(2025, 1, 1)
        ),
        actor="test",
    )
    billing.add_service(
        "923130969",
        ServiceInput(
            kind="one-off", name="Oppsett", amount=Decimal(2500), cost_date=date(2027, 9, 10)
        ),
        actor="test",
    )
    with services.store.session() as s:
        s.add(
            PriceChange(
                service_id=gamma,
                effective=date(2028, 1, 1),
                announced=date(2027, 9, 15),
                old_price=Decimal(24000),
                new_price=Decimal(25000),
            )
        )
    person = services.people.list_people()[0].id if services.people.list_people() else None
    services.people.log_request(
        person, "access", received_on=date(2027, 7, 20), actor="test", today=TODAY
    )
    services.people.log_request(
        None, "erasure", received_on=date(2027, 8, 20), actor="test", today=TODAY
    )
    return services

"""The overview: each card counts what needs attention today, with the lines behind it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from contractdesk.domain.terms.importer import to_plain_text
from contractdesk.services.billing import ServiceInput
from contractdesk.services.overview import CardKey
from contractdesk.store.models import Customer, Person
from contractdesk.store.models.agreements import Agreement, ReacceptanceNotice
from contractdesk.store.models.billing import PriceChange, ServiceRecord
from contractdesk.store.models.terms import TermsVersion

TODAY = date(2027, 9, 1)
NOW = datetime(2027, 9, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def busy(services):  # type: ignore[no-untyped-def]
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
    services.people.log_request(person, "access", received_on=date(2027, 7, 20), actor="test")
    services.people.log_request(None, "erasure", received_on=date(2027, 8, 20), actor="test")
    return services


def test_every_card_counts_what_needs_attention(busy) -> None:  # type: ignore[no-untyped-def]
    view = busy.overview.overview(TODAY, now=NOW)
    assert [c.key for c in view.cards] == list(CardKey)
    drafts = view.card(CardKey.DRAFTS)
    assert (drafts.count, drafts.items[0].what, drafts.items[0].name) == (
        1,
        "CD-2027-000001",
        "Alfa AS",
    )
    unreturned = view.card(CardKey.UNRETURNED)
    assert unreturned.count == 1 and unreturned.items[0].name == "Beta AS"
    assert unreturned.items[0].day == date(2027, 8, 12)
    binding = view.card(CardKey.BINDING)
    assert [(i.name, i.what, i.day) for i in binding.items] == [
        ("Alfa AS", "CRM", date(2027, 9, 30))
    ]
    price = view.card(CardKey.PRICE_NOTICE)
    assert price.count == 1
    assert price.items[0].day == date(2027, 10, 1) and not price.items[0].overdue
    requests = view.card(CardKey.REQUESTS)
    assert requests.count == 2 and requests.overdue == 1
    assert [i.day for i in requests.items] == [date(2027, 8, 20), date(2027, 9, 20)]
    assert requests.next_day == date(2027, 9, 20)
    registry = view.card(CardKey.REGISTRY)
    assert {(i.name, i.code) for i in registry.items} == {
        ("Gamma AS", "bankrupt"),
        ("Delta AS", "liquidation"),
        ("Zeta AS", "deleted"),
        ("Epsilon AS", "departed"),
    }
    invoices = view.card(CardKey.INVOICES)
    assert invoices.count == 1 and invoices.items[0].name == "Alfa AS"
    # 2,500 + the e-mail invoice fee of 12, plus 25 % VAT
    assert invoices.amount == Decimal("3140.00")
    assert invoices.amount == sum((i.amount for i in invoices.items if i.amount), Decimal(0))
    assert all(TODAY <= i.day <= date(2027, 10, 1) for i in invoices.items if i.day)
    assert view.getting_started.done and view.getting_started.customers == 6


def test_section_14_notices_have_their_deadlines_and_overdue_ones_are_flagged(busy) -> None:  # type: ignore[no-untyped-def]
    draft = busy.terms.copy_to_draft("2021-04-17", "v2")
    busy.terms.update_draft(
        "v2", text=to_plain_text(draft.document).replace("Avtalevilkår", "Vilkår v2", 1)
    )
    busy.terms.publish("v2", date(2027, 10, 15), confirm_gaps=True, today=date(2027, 7, 1))
    with busy.store.session() as s:
        version = s.execute(select(TermsVersion).where(TermsVersion.label == "v2")).scalar_one()
        existing = {n.customer_id: n for n in s.execute(select(ReacceptanceNotice)).scalars()}
        ids = [c.id for c in s.execute(select(Customer).order_by(Customer.org_number)).scalars()]
        wanted = [
            (None, None),
            (date(2027, 7, 10), None),
            (date(2027, 8, 20), None),
            (date(2027, 8, 1), date(2027, 8, 5)),
        ]
        for customer_id in ids:
            notice = existing.get(customer_id)
            if notice is None:
                notice = ReacceptanceNotice(customer_id=customer_id, terms_version_id=version.id)
                s.add(notice)
            notified, accepted = wanted.pop(0) if wanted else (date(2027, 8, 1), date(2027, 8, 2))
            notice.notified_on, notice.accepted_on = notified, accepted
    card = busy.overview.overview(TODAY, now=NOW).card(CardKey.NOTICES)
    assert card.count == 3 and card.overdue == 1
    assert [(i.code, i.day) for i in card.items] == [
        ("overdue", date(2027, 8, 10)),
        ("to_notify", date(2027, 9, 15)),
        ("notified", date(2027, 9, 20)),
    ]
    assert card.next_day == date(2027, 9, 15)


def test_getting_started_ends_when_the_first_agreement_is_sent(busy) -> None:  # type: ignore[no-untyped-def]
    with busy.store.session() as s:
        for row in s.execute(select(Agreement).where(Agreement.state == "sent")).scalars():
            row.state = "draft"
            row.sent_at = None
    assert not busy.overview.overview(TODAY, now=NOW).getting_started.done
    agreement = busy.agreements.agreements("923130969")[0]
    busy.agreements.mark_sent(agreement.id, "post", actor="test")
    assert busy.overview.overview(TODAY, now=NOW).getting_started.done


def test_the_overview_never_takes_the_write_lock(busy) -> None:  # type: ignore[no-untyped-def]
    with busy.store.session():
        # a writer holds BEGIN IMMEDIATE; the overview still reads (WAL readers never wait)
        view = busy.overview.overview(TODAY, now=NOW)
    assert view.card(CardKey.DRAFTS).count == 1
    assert ServiceRecord  # imported for the schema

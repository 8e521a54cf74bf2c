"""The overview: each card counts what needs attention today, with the lines behind it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from overview_testkit import seed_attention
from sqlalchemy import select

from contractdesk.domain.terms.importer import to_plain_text
from contractdesk.services.overview import CardKey
from contractdesk.store.models import Customer
from contractdesk.store.models.agreements import Agreement, ReacceptanceNotice
from contractdesk.store.models.billing import ServiceRecord
from contractdesk.store.models.terms import TermsVersion

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

TODAY = date(2027, 9, 1)
NOW = datetime(2027, 9, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def busy(services):  # type: ignore[no-untyped-def]
    return seed_attention(services)


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

"""Optimistic locking (issue 19): a save over a colleague's newer change is refused and says what
changed; nothing is overwritten silently. Two colleagues = two stores (own connection pools) on the
same real SQCipher file, as two app windows or a window and a script would be."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from store_testkit import colleague_store

from contractdesk.errors import ConflictError, UserFacingError
from contractdesk.services.billing import ServiceInput
from contractdesk.services.context import Services
from contractdesk.services.people import PersonInput
from contractdesk.store.models import Customer, Person
from contractdesk.store.models.agreements import Agreement

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

ORG = "923130969"


@pytest.fixture
def colleague(services: Any, store_paths: Any) -> Iterator[Services]:
    """A second user on the same store: its own Store and connections."""
    other = Services(colleague_store(services.store), store_paths)
    yield other
    other.close()


@pytest.fixture
def customer(services: Any) -> str:
    with services.store.session() as s:
        s.add(Customer(org_number=ORG, name="Testesen AS", status="active", registry_roles=[]))
    return ORG


def test_every_editable_record_starts_at_version_1_and_counts_up(
    services: Any, customer: str
) -> None:
    pid = services.people.add_person(PersonInput("Kari", "Nordmann"))
    first = services.people.get(pid)
    assert first.version == 1
    second = services.people.correct(
        pid, PersonInput("Kari", "Nordmann", title="CEO"), expected_version=1
    )
    assert second.version == 2 and services.people.get(pid).version == 2
    profile = services.billing.profile(customer)
    assert profile.version == 1
    after = services.billing.set_customer_billing(
        customer, delivery_method="ehf", expected_version=profile.version
    )
    assert after.version == 2


def test_a_stale_person_form_is_refused_and_names_the_colleagues_values(
    services: Any, colleague: Services, customer: str
) -> None:
    pid = services.people.add_person(PersonInput("Kari", "Nordmann", phone="+4791234567"))
    mine = services.people.get(pid)  # the edit form opens
    colleague.people.correct(
        pid, PersonInput("Kari", "Nordmann-Berg", phone="+4791234567"), actor="colleague"
    )
    with pytest.raises(ConflictError) as caught:
        services.people.correct(
            pid,
            PersonInput("Kari", "Nordmann", phone="+4799999999"),
            expected_version=mine.version,
        )
    err = caught.value
    assert isinstance(err, UserFacingError)
    fields = {c.field: (c.theirs, c.mine) for c in err.changes}
    assert fields == {
        "last_name": ("Nordmann-Berg", "Nordmann"),
        "phone": ("+4791234567", "+4799999999"),
    }
    assert "Someone else changed this person" in str(err) and "Nordmann-Berg" in str(err)
    assert err.version == 2
    stored = colleague.people.get(pid)  # nothing overwritten
    assert (stored.last_name, stored.phone) == ("Nordmann-Berg", "+4791234567")
    # Reload: the form takes the colleague's version, and the save goes through on top of it.
    reloaded = services.people.get(pid)
    saved = services.people.correct(
        pid,
        PersonInput("Kari", "Nordmann-Berg", phone="+4799999999"),
        expected_version=reloaded.version,
    )
    assert (saved.last_name, saved.phone, saved.version) == ("Nordmann-Berg", "+4799999999", 3)


def test_a_stale_service_edit_and_customer_billing_change_are_refused(
    services: Any, colleague: Services, customer: str
) -> None:
    sid = services.billing.add_service(
        customer,
        ServiceInput(kind="licence", name="CRM", annual_price="12000", start=date(2027, 3, 1)),
    )
    mine = services.billing.get_service(sid)
    colleague.billing.edit_service(
        sid,
        ServiceInput(kind="licence", name="CRM Pro", annual_price="12000", start=date(2027, 3, 1)),
    )
    with pytest.raises(ConflictError) as caught:
        services.billing.edit_service(
            sid,
            ServiceInput(kind="licence", name="CRM", annual_price="15000", start=date(2027, 3, 1)),
            expected_version=mine.version,
        )
    changes = {c.field: (c.theirs, c.mine) for c in caught.value.changes}
    assert changes["name"] == ("CRM Pro", "CRM")
    assert changes["annual_price"] == ("12000.00", "15000.00")
    assert services.billing.get_service(sid).name == "CRM Pro"
    assert services.billing.get_service(sid).annual_price == Decimal("12000")

    profile = services.billing.profile(customer)
    colleague.billing.set_customer_billing(customer, delivery_method="paper")
    with pytest.raises(ConflictError) as caught:
        services.billing.set_customer_billing(
            customer, delivery_method="ehf", expected_version=profile.version
        )
    assert [(c.field, c.theirs, c.mine) for c in caught.value.changes] == [
        ("delivery_method", "paper", "ehf")
    ]
    assert services.billing.profile(customer).delivery_method.value == "paper"


def test_a_stale_agreement_state_change_is_refused(
    services: Any, colleague: Services, customer: str
) -> None:
    view = services.agreements.create_agreement(customer, "2021-04-17")
    colleague.agreements.mark_sent(view.document_id, "post@testesen.no")
    with pytest.raises(ConflictError) as caught:
        services.agreements.set_state(view.document_id, "terminated", expected_version=view.version)
    assert [(c.field, c.theirs, c.mine) for c in caught.value.changes] == [
        ("state", "sent", "terminated")
    ]
    assert services.agreements.get_agreement(view.document_id).state == "sent"


def test_a_stale_supplier_profile_is_refused(services: Any, colleague: Services) -> None:
    mine = services.supplier.get()
    assert mine is not None and mine.version is not None
    from dataclasses import replace

    colleague.supplier.save(replace(colleague.supplier.get(), city="BERGEN"))
    with pytest.raises(ConflictError) as caught:
        services.supplier.save(replace(mine, phone="+4791915981"))
    assert ("city", "BERGEN", mine.city) in [
        (c.field, c.theirs, c.mine) for c in caught.value.changes
    ]
    saved = services.supplier.save(replace(services.supplier.get(), phone="+4791915981"))
    assert (saved.city, saved.phone) == ("BERGEN", "+4791915981")


def test_a_write_over_a_version_committed_meanwhile_fails_in_the_database_itself(
    services: Any, colleague: Services, customer: str
) -> None:
    """Without any service check: the UPDATE says WHERE version = <read>, so a row read before a
    colleague's commit cannot be written over it (the ORM's version_id_col)."""
    pid = services.people.add_person(PersonInput("Kari", "Nordmann"))
    with services.store.read_session() as s:
        stale = s.execute(select(Person).where(Person.id == pid)).scalar_one()
    colleague.people.correct(pid, PersonInput("Kari", "Berg"))
    with pytest.raises(ConflictError), services.store.session() as s:
        row = s.merge(stale, load=False)
        row.title = "CEO"
    assert services.people.get(pid).last_name == "Berg"
    assert services.people.get(pid).title == ""


def test_versions_are_on_every_editable_table(services: Any) -> None:
    from contractdesk.store.models import Base

    versioned = {
        t.name
        for t in Base.metadata.sorted_tables
        if "version" in t.c and t.name != "agreement_document"
    }
    assert {
        "customer",
        "person",
        "person_role",
        "service",
        "agreement",
        "terms_version",
        "subprocessor",
        "supplier",
        "app_setting",
        "invoice_recipient",
        "data_subject_request",
        "breach",
    } <= versioned
    for model in (Customer, Person, Agreement):
        assert model.__mapper__.version_id_col is not None


def test_a_stale_terms_draft_edit_is_refused(services: Any, colleague: Services) -> None:
    draft = services.terms.copy_to_draft("2021-04-17", "2027-utkast")
    colleague.terms.update_draft("2027-utkast", effective_date=date(2027, 6, 1))
    with pytest.raises(ConflictError) as caught:
        services.terms.update_draft(
            "2027-utkast", effective_date=date(2027, 9, 1), expected_version=draft.row.version
        )
    assert [(c.field, c.theirs, c.mine) for c in caught.value.changes] == [
        ("effective_date", "2027-06-01", "2027-09-01")
    ]
    assert "terms draft" in str(caught.value)
    fresh = services.terms.get("2027-utkast")
    assert fresh.row.effective_date == date(2027, 6, 1)
    saved = services.terms.update_draft(
        "2027-utkast", effective_date=date(2027, 9, 1), expected_version=fresh.row.version
    )
    assert saved.row.effective_date == date(2027, 9, 1)


def test_two_saves_of_the_same_version_at_once_one_wins_the_other_is_told(
    services: Any, colleague: Services, customer: str
) -> None:
    """Real concurrency: two users save the same form (read at version 1) at the same moment
    through their own connections. Exactly one save lands; the other gets the conflict."""
    import threading

    pid = services.people.add_person(PersonInput("Kari", "Nordmann"))
    read = services.people.get(pid).version
    barrier = threading.Barrier(2)
    outcomes: dict[str, Any] = {}

    def save(who: str, user: Any, title: str) -> None:
        barrier.wait()
        try:
            outcomes[who] = user.people.correct(
                pid, PersonInput("Kari", "Nordmann", title=title), expected_version=read
            )
        except Exception as exc:  # collected: asserted below
            outcomes[who] = exc

    threads = [
        threading.Thread(target=save, args=("me", services, "Daglig leder")),
        threading.Thread(target=save, args=("colleague", colleague, "Styreleder")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    conflicts = [o for o in outcomes.values() if isinstance(o, ConflictError)]
    saved = [o for o in outcomes.values() if not isinstance(o, Exception)]
    assert len(conflicts) == 1 and len(saved) == 1, outcomes
    winner = saved[0]
    assert services.people.get(pid).title == winner.title  # the loser overwrote nothing
    assert [(c.field, c.theirs) for c in conflicts[0].changes] == [("title", winner.title)]


def test_a_stale_signer_confirmation_is_refused(
    services: Any, colleague: Services, customer: str
) -> None:
    read = services.customers.get(customer)
    assert read.version is not None and read.as_dict()["version"] == read.version
    colleague.customers.confirm_signers(customer, [["Kari Nordmann"]], confirmed_by="Ola")
    with pytest.raises(ConflictError) as caught:
        services.customers.confirm_signers(
            customer, [["Per Hansen"]], confirmed_by="Eva", expected_version=read.version
        )
    assert [(c.field, c.theirs, c.mine) for c in caught.value.changes] == [
        ("signers", "Kari Nordmann", "Per Hansen")
    ]
    assert services.customers.get(customer).signing_rule.confirmed_by == "Ola"


def test_a_stale_sub_processor_edit_is_refused(services: Any, colleague: Services) -> None:
    from dataclasses import replace

    from contractdesk.services.terms import SubProcessorInput

    entry = services.terms.subprocessors()[0]
    base = SubProcessorInput(
        name=entry.name,
        purpose=entry.purpose,
        data_shared=entry.data_shared,
        kind=entry.kind,
        org_number=entry.org_number,
        location=entry.location,
        source_clause=entry.source_clause,
    )
    colleague.terms.update_subprocessor(entry.id, replace(base, location="Irland"))
    with pytest.raises(ConflictError) as caught:
        services.terms.update_subprocessor(
            entry.id, replace(base, purpose="Fakturering"), expected_version=entry.version
        )
    changes = {c.field: (c.theirs, c.mine) for c in caught.value.changes}
    assert changes["location"][0] == "Irland" and changes["purpose"][1] == "Fakturering"
    assert services.terms.subprocessors()[0].location == "Irland"

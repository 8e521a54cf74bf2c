"""Shared data for the invoice-run tests: customers of every kind the plan can invoice.

* ``NO_AS`` — a VAT-registered AS with a postal address and a main contact: a half-yearly licence
  (since 2025, so its 2027 invoice can be credited after a termination), a one-off cost and SMS
  usage; e-mail delivery (fee 12).
* ``PUBLIC`` — a municipality (KOMM) receiving EHF (no fee): a quarterly licence.
* ``FOREIGN`` — a Norwegian-registered foreign company (NUF) with a Swedish postal address,
  paper delivery (fee 45): a monthly licence.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from contractdesk.services.billing import ServiceInput
from contractdesk.store.models import Customer, Person, PersonRole

NO_AS = "923130969"
PUBLIC = "926511890"
FOREIGN = "928571432"
ACCOUNT = "8601.11.17947"
FIRST_RUN_TO = date(2027, 1, 31)
TERMINATED_ON = date(2027, 3, 10)
SECOND_RUN_TO = date(2027, 4, 30)
PUBLIC_REFERENCE = "3150bdn"  # the public buyer's own reference ("Deres ref.")


def seed_customers(services: Any) -> dict[str, int]:
    """The three customers with their services; returns the licence service ids by org number."""
    with services.store.session() as s:
        s.add(
            Customer(
                org_number=NO_AS,
                name="Fjordkraft Testesen AS",
                organisation_form="AS",
                status="active",
                vat_registered=True,
                delivery_method="email",
                business_address={
                    "lines": ["Storgata 1"],
                    "postcode": "0155",
                    "city": "OSLO",
                    "country_code": "NO",
                },
                postal_address={
                    "lines": ["Postboks 12"],
                    "postcode": "0101",
                    "city": "OSLO",
                    "country_code": "NO",
                },
            )
        )
        s.add(
            Customer(
                org_number=PUBLIC,
                name="Molde kommune",
                organisation_form="KOMM",
                status="active",
                vat_registered=False,
                delivery_method="ehf",
                business_address={
                    "lines": ["Rådhusplassen 1"],
                    "postcode": "6413",
                    "city": "MOLDE",
                    "country_code": "NO",
                },
            )
        )
        s.add(
            Customer(
                org_number=FOREIGN,
                name="Svensk Filial NUF",
                organisation_form="NUF",
                status="active",
                vat_registered=True,
                delivery_method="paper",
                postal_address={
                    "lines": ["Drottninggatan 5", "c/o Ekonomi"],
                    "postcode": "111 51",
                    "city": "STOCKHOLM",
                    "country_code": "SE",
                },
            )
        )
        s.flush()
        kari = Person(first_name="Kari", last_name="Nordmann", emails=["faktura@example.no"])
        s.add(kari)
        s.flush()
        owner = s.query(Customer).filter_by(org_number=NO_AS).one()
        s.add(
            PersonRole(
                person_id=kari.id, customer_id=owner.id, role="main_contact", since=date(2025, 1, 1)
            )
        )
    billing = services.billing
    ids = {
        NO_AS: billing.add_service(
            NO_AS,
            ServiceInput(
                "licence",
                "CRM-lisens",
                annual_price="12000",
                start=date(2025, 1, 1),
                period="half-yearly",
            ),
        ),
        PUBLIC: billing.add_service(
            PUBLIC,
            ServiceInput(
                "licence",
                "Saksbehandling",
                annual_price="24000",
                start=date(2026, 10, 1),
                period="quarterly",
            ),
        ),
        FOREIGN: billing.add_service(
            FOREIGN,
            ServiceInput(
                "licence",
                "Nettbutikk",
                annual_price="6000",
                start=date(2026, 12, 1),
                period="monthly",
            ),
        ),
    }
    billing.add_service(
        NO_AS,
        ServiceInput("one-off", "Oppsett & opplæring", amount="2500", cost_date=date(2027, 1, 20)),
    )
    sms = billing.add_service(NO_AS, ServiceInput("usage", "SMS", unit_price="0.59"))
    billing.record_usage(sms, date(2026, 12, 1), 1200)
    billing.record_usage(sms, date(2027, 1, 1), 800)
    return ids


def seed_with_settings(services: Any) -> dict[str, int]:
    ids = seed_customers(services)
    services.invoice_runs.set_account_number(ACCOUNT, actor="test")
    services.invoice_runs.set_start_number(10001, actor="test")
    services.invoice_runs.set_recipient(
        PUBLIC, buyer_reference=PUBLIC_REFERENCE, email="faktura@molde.example.no", actor="test"
    )
    return ids


def two_runs(services: Any) -> tuple[Any, Any]:
    """The first run, a termination of the AS's licence, and the second run (with a credit note)."""
    ids = seed_with_settings(services)
    first = services.invoice_runs.run(FIRST_RUN_TO, actor="test")
    services.billing.terminate(ids[NO_AS], TERMINATED_ON)
    second = services.invoice_runs.run(SECOND_RUN_TO, actor="test")
    return first, second

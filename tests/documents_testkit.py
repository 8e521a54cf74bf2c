"""Shared data for the agreement-document tests (service, CLI, GUI): customers, people, services, a mail sink.

``seed(services)`` makes, through the real use cases where there is one:

- ``ORG_A`` Testesen Åse & Sønner AS: registry roles (Kari Nordmann general manager, sole signer by the
  rule; Ola Nordmann chair of the board), paper invoices (fee NOK 45), three services; people Kari
  (main contact and general manager, kari@testesen.no) and Ola (signatory in the app only).
- ``ORG_B`` Fjordkraft Prøve AS: no registry data, no people, no services.
- ``ORG_DELETED`` Slettet Selskap AS: deleted in the registry.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from aiosmtpd.controller import Controller

ORG_A = "923130969"
ORG_B = "928571432"
ORG_DELETED = "926511890"
NAME_A = "Testesen Åse & Sønner AS"
V1 = "2021-04-17"
HOST = "127.0.0.1"


def seed(services: Any) -> dict[str, int]:
    """The customers above; returns the person ids (``kari``, ``ola``)."""
    from contractdesk.services.billing import ServiceInput
    from contractdesk.services.people import PersonInput
    from contractdesk.store.models import Customer

    with services.store.session() as s:
        s.add(
            Customer(
                org_number=ORG_A,
                name=NAME_A,
                status="active",
                verified_at=datetime(2026, 1, 5, tzinfo=UTC),
                business_address={
                    "lines": ["Storgata 1"],
                    "postcode": "6413",
                    "city": "MOLDE",
                    "country_code": "NO",
                    "country": "Norge",
                },
                registry_roles=[
                    {"role_code": "DAGL", "role": "Daglig leder", "name": "Kari Nordmann"},
                    {"role_code": "LEDE", "role": "Styrets leder", "name": "Ola Nordmann"},
                ],
                signing_rule={
                    "text": "Daglig leder alene.",
                    "signer_sets": [["Kari Nordmann"]],
                    "registered": True,
                    "basis": "registry",
                },
                registry_data={"email": "post@testesen.no", "phone": "+4771234567"},
                delivery_method="paper",
            )
        )
        s.add(
            Customer(
                org_number=ORG_B,
                name="Fjordkraft Prøve AS",
                status="active",
                verified_at=datetime(2026, 1, 5, tzinfo=UTC),
            )
        )
        s.add(
            Customer(
                org_number=ORG_DELETED,
                name="Slettet Selskap AS",
                status="deleted",
                deleted_on=date(2025, 6, 1),
                verified_at=datetime(2026, 1, 5, tzinfo=UTC),
            )
        )
    people = services.people
    kari = people.add_person_at(
        ORG_A,
        PersonInput("Kari", "Nordmann", emails=("kari@testesen.no",)),
        "main_contact",
        actor="test",
    )
    people.add_role(ORG_A, kari, "general_manager", actor="test")
    ola = people.add_person_at(
        ORG_A,
        PersonInput("Ola", "Nordmann", title="Styreleder"),
        "signatory",
        requested_by=kari,
        actor="test",
    )
    billing = services.billing
    billing.add_service(
        ORG_A,
        ServiceInput(
            "licence",
            "CRM-lisens, 5 brukere",
            annual_price="12000",
            period="quarterly",
            start=date(2026, 1, 1),
        ),
        actor="test",
    )
    billing.add_service(
        ORG_A, ServiceInput("usage", "SMS-utsending", unit_price="0.45"), actor="test"
    )
    billing.add_service(
        ORG_A,
        ServiceInput("one-off", "Oppsett og opplæring", amount="4500", cost_date=date(2026, 1, 15)),
        actor="test",
    )
    return {"kari": kari, "ola": ola}


class Sink:
    """An aiosmtpd handler that keeps every delivered envelope."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def run_server(**kwargs: Any) -> Iterator[Controller]:
    """A real SMTP server on 127.0.0.1 for the duration of a fixture."""
    controller = Controller(Sink(), hostname=HOST, port=free_port(), **kwargs)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


def issue_anyway(gate: Any) -> Any:
    """Click "Issue anyway" in the check before issuing, when it is open (``gate``: an
    ``IssueGate``, or a widget with one). The sample terms' sub-processors have no location, so
    every customer has that to confirm the first time; returns the dialog (None: none was open).
    """
    gate = getattr(gate, "gate", gate)
    dialog = gate.dialog
    if dialog is None or not dialog.isVisible():
        return None
    dialog.issue_button.click()
    return dialog

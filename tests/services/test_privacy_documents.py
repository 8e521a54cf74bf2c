"""Art. 30 records, the privacy statement, breaches with the 72-hour deadline, the DPA draft."""

from __future__ import annotations

import csv
import email
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from contractdesk.domain.privacy.statement import HEADINGS, RULE_TITLES
from contractdesk.errors import UserError
from contractdesk.services.people import PersonInput
from contractdesk.store.models import Customer

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

V1 = "2021-04-17"
ACCEPTED = (("Alfa AS", "923130969"), ("Beta & <Co> AS", "971049669"))
NOT_ACCEPTED = ("Gamma AS", "926511890")


def accepted_customers(services) -> list[int]:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        for name, org in (*ACCEPTED, NOT_ACCEPTED):
            s.add(Customer(org_number=org, name=name, status="active"))
    people = []
    for index, (_name, org) in enumerate(ACCEPTED):
        person = services.people.add_person_at(
            org,
            PersonInput("Kari", f"Kontakt{index}", emails=(f"kari{index}@example.no",)),
            "main-contact",
        )
        services.agreements.record_acceptance(
            org,
            V1,
            method="online",
            signed_by_person_id=person,
            accepted_on=date(2024, 5, 2),
            today=date(2024, 5, 2),
        )
        people.append(person)
    return people


def pdf_text(path: Path) -> str:
    """The PDF's text in reading order (table cells one after another)."""
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_art30_lists_every_customer_with_an_accepted_dpa_and_every_sub_processor(
    services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    accepted_customers(services)
    docs = services.privacy.documents
    docs.set_transfer("LinkMobility AS", "Norge", "")
    first = docs.export_art30(
        tmp_path / "art30.pdf", csv=tmp_path / "art30.csv", today=date(2026, 12, 7)
    )

    subs = [s.name for s in services.terms.subprocessors()]
    assert len(subs) == 7 and first.controllers == 2 and first.subprocessors == 7
    text = pdf_text(tmp_path / "art30.pdf")
    flat = " ".join(text.split())
    for name, org in ACCEPTED:
        assert name in flat
        assert f"{org[:3]} {org[3:6]} {org[6:]}" in flat
    assert NOT_ACCEPTED[0] not in flat
    for name in subs:
        assert name in flat
    assert "artikkel 30 nr. 2" in flat and "artikkel 30 nr. 1" in flat
    assert "Versjon 1" in flat and "Dato 07.12.2026" in flat
    assert "Innenfor EU/EØS" in flat  # LinkMobility in Norway: no transfer
    raw = (tmp_path / "art30.pdf").read_bytes()
    assert b"/FontFile2" in raw and b"Helvetica" not in raw  # embedded TrueType only

    rows = list(
        csv.DictReader(
            (tmp_path / "art30.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"
        )
    )
    assert {r["controller"] for r in rows if r["record"] == "30(2) controller"} == {
        n for n, _ in ACCEPTED
    }
    assert {r["sub_processor"] for r in rows if r["record"] == "30(2) sub-processor"} == set(subs)
    assert {r["version"] for r in rows} == {"1"} and {r["date"] for r in rows} == {"2026-12-07"}

    # The same content keeps its version; a change makes the next one.
    assert docs.export_art30(tmp_path / "again.pdf", today=date(2026, 12, 8)).version == 1
    docs.set_transfer("LinkMobility AS", "USA", "EU-kommisjonens standardavtaler (SCC)")
    assert docs.export_art30(tmp_path / "v2.pdf").version == 2


def test_privacy_statement_names_every_sub_processor_and_rule_in_both_languages(
    services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    docs = services.privacy.documents
    rules = services.privacy.retention.rules()
    subs = [s.name for s in services.terms.subprocessors()]
    supplier = services.supplier.get()
    for lang in ("nb", "en"):
        result = docs.export_statement(
            lang, tmp_path / f"{lang}.pdf", html=tmp_path / f"{lang}.html"
        )
        assert result.version == 1
        flat = " ".join(pdf_text(tmp_path / f"{lang}.pdf").split())
        html = (tmp_path / f"{lang}.html").read_text(encoding="utf-8")
        for text in (flat, html):
            for heading in HEADINGS[lang]:
                assert heading in text
            for name in subs:
                assert name in text
            for rule in rules:
                assert RULE_TITLES[lang][rule.key] in text
            assert "Datatilsynet" in text and supplier.name in text
        assert f'<html lang="{lang}">' in html
    assert "Personvernerklæring" in pdf_text(tmp_path / "nb.pdf")
    assert "Privacy statement" in pdf_text(tmp_path / "en.pdf")
    # A longer retention period is a new version of the statement.
    services.privacy.retention.set_period("customer_data", 6)
    assert docs.export_statement("nb", tmp_path / "nb2.pdf").version == 2
    assert "6 måneder" in pdf_text(tmp_path / "nb2.pdf")
    with pytest.raises(UserError, match="nb or en"):
        docs.export_statement("sv", tmp_path / "sv.pdf")


def test_hostile_text_is_escaped_in_the_html(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.services.terms import SubProcessorInput

    services.terms.add_subprocessor(
        SubProcessorInput(
            name='<script>alert(1)</script> & "Co"', purpose="<b>x</b>", data_shared="<img src=x>"
        )
    )
    services.privacy.documents.export_statement("en", tmp_path / "s.pdf", html=tmp_path / "s.html")
    html = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html and "<b>x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in html
    flat = "".join(pdf_text(tmp_path / "s.pdf").split())
    assert '<script>alert(1)</script>&"Co"' in flat and "<b>x</b>" in flat  # shown literally


@pytest.mark.sqlite_only  # reopens the encrypted file with its key
def test_breach_deadline_is_stored_and_survives_a_restart(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    people = accepted_customers(services)
    discovered = datetime.now(UTC) - timedelta(hours=5)
    breaches = services.privacy.breaches
    view = breaches.add(
        discovered_at=discovered,
        summary="Bærbar PC med eksport stjålet",
        systems=("CRM-eksport",),
        subprocessors=("PowerOffice",),
        customers=(ACCEPTED[0][1],),
    )
    assert view.datatilsynet_deadline == discovered + timedelta(hours=72)
    assert {c.name for c in view.customers} == {
        n for n, _ in ACCEPTED
    }  # PowerOffice: every active customer
    left = view.countdown(datetime.now(UTC))
    assert 66 * 3600 < left.seconds <= 67 * 3600 and not left.overdue

    # Restart: close the store, open it again from the file with the same key.
    from contractdesk.services.context import Services
    from contractdesk.store.engine import open_store

    key = services.store.key_for_backup()
    path = services.store.path
    services.store.close()
    reopened = Services(open_store(path, key, key_source="memory"), services.paths)
    try:
        again = reopened.privacy.breaches.list_all()
        assert [b.datatilsynet_deadline for b in again] == [discovered + timedelta(hours=72)]
        data = again[0].as_dict(datetime.now(UTC))
        assert data["datatilsynet_deadline"] == (discovered + timedelta(hours=72)).isoformat()
        assert data["overdue"] is False

        results = reopened.privacy.breaches.notify(again[0].id, tmp_path / "eml")
        assert [r.skipped for r in results] == ["", ""]
        for result, person in zip(results, people, strict=True):
            msg = email.message_from_bytes(result.path.read_bytes())
            assert msg["To"].endswith(f"kari{person - people[0]}@example.no>")
            assert "Avviksmelding" in msg["Subject"]
            body = msg.get_payload(decode=True).decode("utf-8")
            assert "Bærbar PC med eksport stjålet" in body and "72 timer" in body
        notified = reopened.privacy.breaches.get(again[0].id)
        assert all(
            c.notified_at is not None and c.notified_how == "eml" for c in notified.customers
        )
        with pytest.raises(UserError, match="future"):
            reopened.privacy.breaches.add(
                discovered_at=datetime.now(UTC) + timedelta(days=1), summary="x"
            )
        with pytest.raises(UserError, match="register"):
            reopened.privacy.breaches.add(
                discovered_at=discovered, summary="x", subprocessors=("Nobody",)
            )
    finally:
        reopened.close()


def test_sms_breach_affects_only_customers_with_an_sms_service(services) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.services.billing import ServiceInput

    accepted_customers(services)
    services.billing.add_service(ACCEPTED[1][1], ServiceInput("usage", "SMS", unit_price="0.59"))
    view = services.privacy.breaches.add(
        discovered_at=datetime.now(UTC),
        summary="SMS-logg eksponert",
        subprocessors=("LinkMobility AS",),
    )
    assert [c.name for c in view.customers] == [ACCEPTED[1][0]]


def test_modern_dpa_draft_has_no_checklist_gaps_and_publishes_through_the_cycle(services) -> None:  # type: ignore[no-untyped-def]
    result = services.privacy.documents.create_dpa_draft("2027-dba")
    assert result.gaps == () and result.as_dict()["repealed_references"] == 0
    assert [v.state for v in services.terms.list_versions() if v.label == "2027-dba"] == ["draft"]
    checklist = services.terms.checklist("2027-dba")
    assert checklist is not None and checklist.gaps == () and not checklist.needs_confirmation
    doc = services.terms.document("2027-dba")
    old = services.terms.document(V1)
    annex = next(a for a in doc.annexes if "17" in [s.number for s in a.sections])
    old_annex = next(a for a in old.annexes if "17" in [s.number for s in a.sections])
    assert [s.number for s in annex.sections] == [s.number for s in old_annex.sections]
    text = " ".join(p.text for s in annex.sections for p in s.blocks if hasattr(p, "text"))
    assert "lov 15. juni 2018 nr. 38" in text and "(EU) 2016/679" in text
    assert "14. april 2000" not in text
    published = services.terms.publish("2027-dba", date.today() + timedelta(days=45))
    assert published is not None
    assert services.terms.get("2027-dba").label == "2027-dba"


class _Sink:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.envelopes.append(envelope)
        return "250 Message accepted"


def test_breach_notices_can_be_sent_over_smtp_and_are_recorded(services) -> None:  # type: ignore[no-untyped-def]
    import socket

    from aiosmtpd.controller import Controller

    from contractdesk.services.documents import SmtpSettings

    accepted_customers(services)
    view = services.privacy.breaches.add(
        discovered_at=datetime.now(UTC), summary="Tapt minnepinne", customers=(ACCEPTED[0][1],)
    )
    with pytest.raises(UserError, match="mail server"):
        services.privacy.breaches.send(view.id, smtp=SmtpSettings())
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sink = _Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        results = services.privacy.breaches.send(
            view.id, smtp=SmtpSettings(host="127.0.0.1", port=port, security="none")
        )
    finally:
        controller.stop()
    assert [(r.org_number, r.sent) for r in results] == [(ACCEPTED[0][1], True)]
    assert sink.envelopes[0].rcpt_tos == ["kari0@example.no"]
    msg = email.message_from_bytes(sink.envelopes[0].content)
    assert msg["X-Unsent"] is None and "Avviksmelding" in msg["Subject"]
    assert [c.notified_how for c in services.privacy.breaches.get(view.id).customers] == ["smtp"]

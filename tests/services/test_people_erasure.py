"""Erasure: canaries in every personal field are gone from the decrypted store and the logs; ids, history and
the audit chain stay; tampering with the chain is detected."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import select, text

from contractdesk.services.errors import UserError
from contractdesk.services.people import PersonInput
from contractdesk.store import audit
from contractdesk.store.models import AuditEntry, Customer, Person

ORG_A = "923130969"
ORG_B = "971049669"

CANARIES = {
    "first_name": "CnryFirst7Q",
    "middle_name": "CnryMiddle7Q",
    "last_name": "CnryLast7Q",
    "title": "CnryTitle7Q",
    "old_title": "CnryOldTitle7Q",
    "email": "cnry.mail7q@canary-example.no",
    "second_email": "CnrySecond7Q@example.org",
    "phone": "22864197",  # +47 22 86 41 97
    "mobile": "47931562",  # +47 47 93 15 62
    "consent_source": "CnrySource7Q",
    "request_note": "CnryNote7Q",
}
SURVIVOR = "SurvivorMark9Z"


def add_customers(services) -> None:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number=ORG_A, name="Testesen AS", status="active"))
        s.add(Customer(org_number=ORG_B, name="Heimen AS", status="active"))


def plaintext_export(services, folder: Path) -> bytes:  # type: ignore[no-untyped-def]
    """The store's whole logical content, decrypted with sqlcipher_export into a plaintext file."""
    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / "plain.db"
    with services.store.raw_connection() as conn:
        conn.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute("DETACH DATABASE plaintext")
    data = plain.read_bytes()
    assert data.startswith(b"SQLite format 3\x00")
    return data


def decrypted_pages(services) -> bytes:  # type: ignore[no-untyped-def]
    """Every page of the encrypted file decrypted, free pages and freed cells included (SQLCipher 4:
    AES-256-CBC, 4096-byte pages, 80 reserved bytes holding the IV and HMAC; raw key, no KDF)."""
    key = services.store.key_for_backup().raw()
    data = services.store.path.read_bytes()
    page_size, reserve = 4096, 80
    out = []
    for index in range(len(data) // page_size):
        page = data[index * page_size : (index + 1) * page_size]
        iv = page[page_size - reserve : page_size - reserve + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(
            decryptor.update(page[16 if index == 0 else 0 : page_size - reserve])
            + decryptor.finalize()
        )
    assert (
        out[0][:2] == b"\x10\x00"
    )  # page size 4096 in the decrypted header: the key and layout are right
    return b"".join(out)


def absent(blob: bytes, needles) -> list[str]:  # type: ignore[no-untyped-def]
    """The needles found in ``blob`` (case-insensitive: look-up keys are stored folded)."""
    low = blob.lower()
    return [n for n in needles if n.lower().encode("utf-8") in low]


def test_erasure_leaves_no_canary_in_the_decrypted_store_files_or_logs(
    services,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    add_customers(services)
    people = services.people
    survivor = people.add_person_at(
        ORG_A, PersonInput(SURVIVOR, "Hansen", emails=("survivor@example.no",)), "main-contact"
    )
    boss = people.add_person_at(ORG_B, PersonInput("Bo", "Sjef"), "general-manager")
    victim = people.add_person_at(
        ORG_A,
        PersonInput(
            CANARIES["first_name"],
            CANARIES["last_name"],
            CANARIES["middle_name"],
            CANARIES["old_title"],
            phone="22 86 41 97",
            mobile="47 93 15 62",
            emails=(CANARIES["email"], CANARIES["second_email"]),
        ),
        "contact",
        requested_by=survivor,
    )
    people.add_role(ORG_B, victim, "contact", requested_by=boss)
    people.correct(victim, replace_title(people.get(victim).as_input(), CANARIES["title"]))
    people.record_consent(
        victim, "newsletter", True, on=date(2024, 1, 2), source=CANARIES["consent_source"]
    )
    people.log_request(victim, "access", note=CANARIES["request_note"])
    people.set_main_contact(ORG_A, victim, requested_by=survivor)
    people.export(victim)
    assert (
        absent(plaintext_export(services, tmp_path / "before"), CANARIES.values()) != []
    )  # the probes work
    services.store.checkpoint()
    assert absent(decrypted_pages(services), CANARIES.values()) != []

    result = people.erase(victim, next_main_contacts={ORG_A: survivor})

    assert result.handed_over == ((ORG_A, survivor),)
    assert result.needs_main_contact == ()
    assert result.audit_entries_blanked >= 5
    plain = plaintext_export(services, tmp_path / "after")
    assert absent(plain, CANARIES.values()) == []
    assert absent(plain, [SURVIVOR]) == [SURVIVOR]  # positive control: others' data is still there
    pages = decrypted_pages(services)
    assert absent(pages, CANARIES.values()) == []  # not even in free pages (secure_delete)
    assert absent(pages, [SURVIVOR]) == [SURVIVOR]
    wal = services.store.path.with_name(services.store.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed into the main file
    for path in services.paths.data_dir.rglob("*"):
        if path.is_file():
            assert absent(path.read_bytes(), CANARIES.values()) == [], path
    assert absent(caplog.text.encode(), CANARIES.values()) == []

    # The id and the history stay; the person is anonymised and no longer approved anywhere.
    view = people.get(victim)
    assert view.erased and view.full_name == "" and view.emails == () and view.memberships == ()
    assert people.main_contact(ORG_A) == survivor
    assert people.whois(CANARIES["email"]).approved is False
    exported = people.export(victim)
    assert exported["person"]["erased_at"] is not None
    assert [r["kind"] for r in exported["requests"]] == ["access", "erasure"]
    assert all(r["done_on"] for r in exported["requests"] if r["kind"] == "erasure")
    with services.store.session() as s:
        assert audit.verify(s).ok
        actions = [
            e.action for e in s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
        ]
        assert actions.count("person.added") == 3 and "person.erased" in actions
        assert s.get(Person, victim) is not None
    with pytest.raises(UserError, match="was erased"):
        people.erase(victim)


def replace_title(data: PersonInput, title: str) -> PersonInput:
    from dataclasses import replace

    return replace(data, title=title)


def test_erasing_a_main_contact_without_a_successor_keeps_one_main_contact_until_the_next_is_named(
    services,
) -> None:  # type: ignore[no-untyped-def]
    add_customers(services)
    people = services.people
    kari = people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    ola = people.add_person_at(ORG_A, PersonInput("Ola", "Hansen"), "contact", requested_by=kari)
    sig = people.add_person_at(ORG_A, PersonInput("Sigrid", "Signer"), "signatory")
    result = people.erase(kari)
    assert result.needs_main_contact == (ORG_A,)
    assert people.main_contact(ORG_A) == kari  # the anonymised record holds the role: never zero
    assert "was erased: a signatory or the general manager names the next" in " ".join(
        people.problems(ORG_A)
    )
    with pytest.raises(UserError, match="say who asked"):
        people.set_main_contact(ORG_A, ola)
    with pytest.raises(UserError, match="erased"):
        people.set_main_contact(ORG_A, ola, requested_by=kari)
    people.set_main_contact(ORG_A, ola, requested_by=sig)  # §7.2: a signatory names the next
    assert people.main_contact(ORG_A) == ola
    assert people.problems(ORG_A) == []
    assert [r.id for r in people.list_people(ORG_A)] == [
        ola,
        sig,
    ]  # the erased person has no role left


def test_erasure_refuses_a_bad_successor_and_changes_nothing(services) -> None:  # type: ignore[no-untyped-def]
    add_customers(services)
    people = services.people
    kari = people.add_person_at(
        ORG_A, PersonInput("Kari", "Nordmann", emails=("kari@example.no",)), "main-contact"
    )
    with pytest.raises(UserError, match="someone other than the erased person"):
        people.erase(kari, next_main_contacts={ORG_A: kari})
    with pytest.raises(UserError, match="not the main contact of 971 049 669"):
        people.erase(kari, next_main_contacts={ORG_B: kari + 1})
    with pytest.raises(UserError, match="No person"):
        people.erase(kari, next_main_contacts={ORG_A: 999})
    assert people.get(kari).emails == ("kari@example.no",)
    assert people.whois("kari@example.no").approved


def test_audit_chain_tampering_is_detected_and_named(services) -> None:  # type: ignore[no-untyped-def]
    add_customers(services)
    people = services.people
    kari = people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    people.add_person_at(ORG_A, PersonInput("Ola", "Hansen"), "contact", requested_by=kari)
    with services.store.session() as s:
        assert audit.verify(s).ok
        target = s.execute(select(AuditEntry.id).where(AuditEntry.action == "role.added")).scalar()
        # Details may be blanked by an erasure, so the trigger lets them change: the digest catches edits.
        s.execute(
            text("UPDATE audit_log SET payload = replace(payload, :a, :b) WHERE id = :id"),
            {
                "a": f'"requested_by_person_id":{kari}',
                "b": '"requested_by_person_id":null',
                "id": target,
            },
        )
    with services.store.session() as s:
        result = audit.verify(s)
    assert (result.ok, result.first_broken_id, result.reason) == (
        False,
        target,
        "details were altered",
    )


def test_audit_rows_cannot_be_changed_or_deleted_and_forced_edits_are_detected(services) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    from contractdesk.store.errors import StoreError

    add_customers(services)
    people = services.people
    people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    with services.store.session() as s:
        first_person_entry = s.execute(
            select(AuditEntry.id).where(AuditEntry.action == "person.added")
        ).scalar()
    with pytest.raises((IntegrityError, StoreError)), services.store.session() as s:
        s.execute(
            text("UPDATE audit_log SET actor = 'mallory' WHERE id = :id"),
            {"id": first_person_entry},
        )
    with pytest.raises((IntegrityError, StoreError)), services.store.session() as s:
        s.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": first_person_entry})
    # Someone with the key who drops the trigger still cannot hide the edit.
    with services.store.raw_connection() as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute(
            "UPDATE audit_log SET action = 'person.viewed' WHERE id = ?", (first_person_entry,)
        )
    with services.store.session() as s:
        result = audit.verify(s)
    assert (result.ok, result.first_broken_id) == (False, first_person_entry)

"""Data at rest: personal text is never readable from the store's files, backups, logs or key file;
deleted rows do not linger in free pages."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete
from store_testkit import MemoryKeyring, add_customer, add_person, decrypted_pages

from contractdesk.paths import StorePaths
from contractdesk.services.settings import SettingsService
from contractdesk.services.supplier import SupplierProfile, SupplierService
from contractdesk.store import audit
from contractdesk.store.backup import create_backup, snapshot
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer, Person
from contractdesk.store.profile import create_profile

# One canary per personal field; each is plain ASCII so a byte search finds it in any encoding
# SQLite would use (UTF-8 text, JSON).
CANARIES = {
    "supplier.name": "CanarySupplierName4711",
    "supplier.address": "CanarySupplierStreet4712",
    "supplier.city": "CanarySupplierCity4713",
    "supplier.email": "canary.supplier.mail4714",
    "supplier.signer": "CanarySignerName4715",
    "supplier.signer_title": "CanarySignerTitle4716",
    "customer.name": "CanaryCustomerName4721",
    "customer.address": "CanaryCustomerStreet4722",
    "customer.registry_role": "CanaryBoardMember4723",
    "person.first_name": "CanaryFirstName4731",
    "person.last_name": "CanaryLastName4732",
    "person.title": "CanaryPersonTitle4733",
    "person.email": "canary.person.mail4734",
    "person.mobile": "+4799471735",
    "setting": "CanarySettingValue4741",
}


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """Everything logged at any level during the test, as the app's file log would keep it."""
    path = tmp_path / "logs" / "contractdesk.log"
    path.parent.mkdir()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()


def _write_everything(store: Store) -> None:
    c = CANARIES
    SupplierService(store).save(
        SupplierProfile(
            org_number="971049669",
            name=c["supplier.name"],
            address_lines=(c["supplier.address"],),
            postcode="0155",
            city=c["supplier.city"],
            email=f"{c['supplier.email']}@example.no",
            phone="+4722334455",
            signer_name=c["supplier.signer"],
            signer_title=c["supplier.signer_title"],
        ),
        actor="test",
    )
    SettingsService(store).set("registry_url", f"https://{c['setting']}.example", actor="test")
    with store.session() as s:
        add_customer(
            s,
            "923609016",
            c["customer.name"],
            business_address={
                "lines": [c["customer.address"]],
                "postcode": "5003",
                "city": "BERGEN",
            },
            registry_roles=[{"role": "board member", "name": c["customer.registry_role"]}],
        )
        person = add_person(
            s,
            c["person.first_name"],
            c["person.last_name"],
            title=c["person.title"],
            emails=[f"{c['person.email']}@kunde.example"],
            mobile=c["person.mobile"],
        )
        audit.append(
            s,
            actor="test",
            action="person.added",
            entity_type="person",
            entity_id=person.id,
            payload={"name": f"{c['person.first_name']} {c['person.last_name']}"},
        )


def _leaks(path: Path) -> list[str]:
    data = path.read_bytes()
    return [field for field, canary in CANARIES.items() if canary.encode() in data]


def test_no_personal_text_in_store_files_backups_logs_or_key_file(
    tmp_path: Path, memory_keyring: MemoryKeyring, log_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    paths = StorePaths(tmp_path / "data")
    store = create_profile(paths)
    try:
        _write_everything(store)
        wal = Path(f"{paths.db}-wal")
        assert wal.stat().st_size > 0  # the new rows are in the WAL right now
        checked = {"db": _leaks(paths.db), "wal": _leaks(wal), "key file": _leaks(paths.key_file)}

        backup = create_backup(store, tmp_path / "backup.cdbackup", "backup passphrase")
        with store.raw_connection() as conn:
            snap = snapshot(conn, paths.db, store.key_for_backup(), reason="test")
        checked |= {"backup": _leaks(backup), "snapshot": _leaks(snap)}

        store.checkpoint()
        checked["db after checkpoint"] = _leaks(paths.db)
        # The canaries really are in the store: decrypted, every one of them is there.
        plain = b"".join(decrypted_pages(paths.db, store.key_for_backup()))
        assert [f for f, canary in CANARIES.items() if canary.encode() not in plain] == []
    finally:
        store.close()

    checked["log file"] = _leaks(log_file)
    assert caplog.records, "the store logged nothing: the log check would be empty"
    checked["captured log"] = [f for f, canary in CANARIES.items() if canary in caplog.text]
    leftovers = [p for p in paths.data_dir.rglob("*") if p.is_file()]
    checked |= {f"other file {p.name}": _leaks(p) for p in leftovers}
    assert {where: fields for where, fields in checked.items() if fields} == {}


def test_deleted_rows_and_erased_details_do_not_linger_in_free_pages(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """secure_delete: once a row or an audit detail is gone, its text is gone from the file too."""
    store = create_profile(StorePaths(tmp_path / "data"))
    personal = [f for f in CANARIES if f.startswith(("person.", "customer."))]
    try:
        _write_everything(store)
        store.checkpoint()
        key = store.key_for_backup()
        before = b"".join(decrypted_pages(store.path, key))
        assert [f for f in personal if CANARIES[f].encode() not in before] == []
        with store.session() as s:
            s.execute(delete(Person))
            s.execute(delete(Customer))
            mentioning = audit.entries_mentioning(s, [CANARIES["person.last_name"]])
            assert audit.erase_payloads(s, mentioning) == 1
        with store.session() as s:
            assert audit.verify(s).ok  # erasing details keeps the chain verifiable
        store.checkpoint()
        after = b"".join(decrypted_pages(store.path, key))
    finally:
        store.close()
    assert [f for f in personal if CANARIES[f].encode() in after] == []


def test_sql_errors_do_not_carry_personal_values(
    raw_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """An unexpected SQL error is logged with its traceback: the values must not be in it."""
    import traceback

    from sqlalchemy.exc import IntegrityError

    with raw_store.session() as s:
        add_customer(s, "923609016", "First Customer AS")
    with pytest.raises(IntegrityError) as err, raw_store.session() as s:
        add_customer(s, "923609016", CANARIES["customer.name"])  # same org number: refused
    text = "".join(traceback.format_exception(err.value))
    assert "UNIQUE constraint failed" in text  # the error still says what went wrong
    assert CANARIES["customer.name"] not in text
    logging.getLogger("test").exception("unexpected", exc_info=err.value)
    assert CANARIES["customer.name"] not in caplog.text

"""The audit log: append-only (triggers), hash-chained; tampering is found and named."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError as SAIntegrityError

from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import AuditEntry


def _append(store: Store, count: int) -> list[int]:
    ids = []
    for i in range(count):
        with store.session() as s:
            entry = audit.append(
                s,
                actor="test",
                action="customer.updated",
                entity_type="customer",
                entity_id=f"9000000{i:02d}",
                payload={"name": f"Customer {i}", "contact": f"Person {i}"},
            )
            ids.append(entry.id)
    return ids


def _verify(store: Store) -> audit.VerifyResult:
    with store.session() as s:
        return audit.verify(s)


def test_an_untouched_chain_verifies(raw_store: Store) -> None:
    ids = _append(raw_store, 5)
    result = _verify(raw_store)
    assert result == audit.VerifyResult(ok=True, checked=5)
    with raw_store.session() as s:
        rows = [s.get(AuditEntry, i) for i in ids]
        assert rows[0] is not None and rows[0].prev_hash == audit.GENESIS
        assert all(
            b is not None and a is not None and b.prev_hash == a.hash
            for a, b in itertools.pairwise(rows)
        )
        assert audit.payload_of(rows[2]) == {"name": "Customer 2", "contact": "Person 2"}  # type: ignore[arg-type]


def test_edited_details_are_found_at_the_first_broken_entry(raw_store: Store) -> None:
    ids = _append(raw_store, 5)
    with (
        raw_store.session() as s
    ):  # the payload column is writable (erasure needs it): the digest catches it
        s.execute(
            text("UPDATE audit_log SET payload = :p WHERE id = :id"),
            {"p": '{"name":"Forged"}', "id": ids[2]},
        )
    result = _verify(raw_store)
    assert not result.ok
    assert result.first_broken_id == ids[2]
    assert result.reason == "details were altered"


def test_details_swapped_for_unsalted_text_are_found(raw_store: Store) -> None:
    """Dropping the salt is only allowed together with the erasure marker."""
    ids = _append(raw_store, 3)
    with raw_store.session() as s:
        s.execute(
            text("UPDATE audit_log SET payload = :p, payload_salt = NULL WHERE id = :id"),
            {"p": '{"name":"Forged"}', "id": ids[1]},
        )
    result = _verify(raw_store)
    assert (result.ok, result.first_broken_id) == (False, ids[1])


def test_fields_covered_by_the_hash_are_protected_by_triggers_and_by_the_chain(
    raw_store: Store,
) -> None:
    ids = _append(raw_store, 4)
    for statement in (
        "UPDATE audit_log SET action = 'customer.deleted' WHERE id = :id",
        "UPDATE audit_log SET hash = 'x' WHERE id = :id",
        "DELETE FROM audit_log WHERE id = :id",
    ):
        with pytest.raises(SAIntegrityError, match="append-only"), raw_store.session() as s:
            s.execute(text(statement), {"id": ids[1]})
    assert _verify(raw_store).ok

    # Someone with the key drops the triggers and edits an entry: the chain still tells.
    with raw_store.session() as s:
        s.execute(text("DROP TRIGGER audit_log_no_update"))
        s.execute(
            text("UPDATE audit_log SET actor = 'someone else' WHERE id = :id"), {"id": ids[1]}
        )
    result = _verify(raw_store)
    assert (result.ok, result.first_broken_id, result.reason) == (
        False,
        ids[1],
        "entry was altered",
    )


def test_a_deleted_entry_breaks_the_link_of_the_next(raw_store: Store) -> None:
    ids = _append(raw_store, 4)
    with raw_store.session() as s:
        s.execute(text("DROP TRIGGER audit_log_no_delete"))
        s.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": ids[1]})
    result = _verify(raw_store)
    assert (result.ok, result.first_broken_id, result.reason) == (
        False,
        ids[2],
        "link to the previous entry is broken",
    )


def test_erasing_details_keeps_the_chain_valid(raw_store: Store) -> None:
    ids = _append(raw_store, 4)
    with raw_store.session() as s:
        found = audit.entries_mentioning(s, ["Person 1", "Person 3"])
        assert found == [ids[1], ids[3]]
        assert audit.entries_mentioning(s, [], entity=("customer", "900000002")) == [ids[2]]
        assert audit.erase_payloads(s, found) == 2
        assert audit.erase_payloads(s, []) == 0
    with raw_store.session() as s:
        erased = s.get(AuditEntry, ids[1])
        assert erased is not None and audit.payload_of(erased) == {"erased": True}
        assert erased.payload_salt is None
        assert audit.entries_mentioning(s, ["Person 1"]) == []
    assert _verify(raw_store).ok


def test_a_failed_change_leaves_no_audit_entry(raw_store: Store) -> None:
    _append(raw_store, 1)
    with pytest.raises(RuntimeError), raw_store.session() as s:
        audit.append(
            s, actor="test", action="customer.updated", entity_type="customer", entity_id="1"
        )
        raise RuntimeError("the change failed after its audit entry was written")
    assert _verify(raw_store).checked == 1

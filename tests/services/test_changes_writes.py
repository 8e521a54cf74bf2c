"""Every service method that takes the write lock is announced on the change notification.

The services' source is read (tests/services/write_audit.py): a public method that opens
``store.session()`` — itself, through its own helpers or a helper object of the services
package — must be listed in ``WRITES`` with its areas, or open views go stale after it.
"""

from __future__ import annotations

from typing import Any

from write_audit import writing_methods

from contractdesk.services.changes import (
    AUDIT,
    CUSTOMERS,
    INVOICE_RUNS,
    PEOPLE,
    PRIVACY,
    SETTINGS,
    WRITES,
    Change,
    service_at,
)


def unlisted(found: dict[str, set[str]], listed: dict[str, Any]) -> list[str]:
    return sorted(
        f"{path}.{name}"
        for path, names in found.items()
        for name in names
        if name not in listed.get(path, {})
    )


def test_every_service_method_that_writes_is_listed_in_writes(services: Any) -> None:
    found = writing_methods(services)
    assert unlisted(found, WRITES) == [], "add these write use cases to WRITES with their areas"
    # the reading finds the use cases of every area, the parts of a service included
    assert {"customers", "people", "agreements", "billing", "invoice_runs"} <= found.keys()
    assert {"run"} <= found["privacy.retention"] and {"add", "notify"} <= found["privacy.breaches"]


def test_the_check_fails_when_a_write_use_case_is_left_out(services: Any) -> None:
    found = writing_methods(services)
    trimmed = {path: dict(methods) for path, methods in WRITES.items()}
    del trimmed["privacy.retention"]["run"]
    del trimmed["invoice_runs"]["undo"]
    assert unlisted(found, trimmed) == ["invoice_runs.undo", "privacy.retention.run"]


def test_reads_are_not_taken_for_writes(services: Any) -> None:
    found = writing_methods(services)
    for path, name in (
        ("customers", "get"),
        ("overview", "overview"),
        ("privacy.retention", "due"),
        ("privacy.breaches", "list_all"),
        ("privacy.documents", "art30_document"),  # peeks at the version, records nothing
        ("invoice_runs", "runs"),
        ("billing", "plan"),
    ):
        assert name not in found.get(path, set()), f"{path}.{name}"


def test_every_listed_method_of_a_part_is_announced(services: Any) -> None:
    for path, methods in WRITES.items():
        service = service_at(services, path)
        assert service is not None, path
        for name in methods:
            assert hasattr(getattr(service, name), "__announces__"), f"{path}.{name}"


def listen(services: Any) -> list[Change]:
    seen: list[Change] = []
    services.changes.subscribe(seen.append)
    return seen


def test_privacy_settings_and_invoice_run_writes_are_announced(services: Any) -> None:
    from datetime import UTC, datetime

    seen = listen(services)
    services.settings.set("retention.test", 3, actor="test")
    assert [c.action for c in seen] == ["set"] and seen[0].touches(SETTINGS)
    breaches = services.privacy.breaches
    breach = breaches.add(
        discovered_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        summary="A laptop was stolen",
        actor="test",
    )
    assert seen[-1].action == "add" and seen[-1].touches(PRIVACY)
    breaches.mark_reported(breach.id)
    assert seen[-1].action == "mark_reported"
    services.invoice_runs.set_start_number(1000)
    assert {c.action for c in seen} >= {"set_start_number"}
    assert any(c.touches(INVOICE_RUNS) for c in seen)
    assert not any(c.touches(PEOPLE, CUSTOMERS) or c.touches(AUDIT) for c in seen)

"""The supplier profile and store settings: validated, saved in the store, audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from contractdesk.paths import StorePaths
from contractdesk.services.context import Services
from contractdesk.services.errors import UserError
from contractdesk.services.settings import DEFAULTS
from contractdesk.services.supplier import SupplierProfile
from contractdesk.store import audit
from contractdesk.store.models import AuditEntry
from contractdesk.store.profile import demo_profile

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

PROFILE = SupplierProfile(
    org_number="971 049 669",
    name="  Webmaster Heimen ",
    address_lines=("Uranusvegen 5", "  ", "Postboks 12"),
    postcode="6419",
    city="MOLDE",
    email="Post@Heimen.NO",
    phone="919 15 980",
    signer_name="Frode Heimen",
    signer_title="Daglig leder",
)


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[Services]:
    paths = StorePaths(tmp_path / "data")
    services = Services(demo_profile(paths.data_dir), paths)
    yield services
    services.close()


def _audit(svc: Services) -> list[AuditEntry]:
    with svc.store.session() as s:
        return list(s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars())


def test_supplier_is_saved_cleaned_and_read_back(svc: Services) -> None:
    assert svc.supplier.get() is None
    saved = svc.supplier.save(PROFILE, actor="test")
    assert saved == SupplierProfile(
        org_number="971049669",
        name="Webmaster Heimen",
        address_lines=("Uranusvegen 5", "Postboks 12"),
        postcode="6419",
        city="MOLDE",
        email="Post@heimen.no",
        phone="+4791915980",
        signer_name="Frode Heimen",
        signer_title="Daglig leder",
    )
    assert svc.supplier.get() == saved


def test_supplier_changes_are_audited_with_before_and_after(svc: Services) -> None:
    svc.supplier.save(PROFILE, actor="wizard")
    svc.supplier.save(SupplierProfile("923609016", "New Name AS"), actor="owner")
    entries = _audit(svc)
    assert [(e.actor, e.action) for e in entries] == [
        ("wizard", "supplier.saved"),
        ("owner", "supplier.saved"),
    ]
    assert audit.payload_of(entries[1]) == {
        "before": {"org_number": "971049669", "name": "Webmaster Heimen"},
        "after": {"org_number": "923609016", "name": "New Name AS"},
    }
    with svc.store.session() as s:
        assert audit.verify(s).ok


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"org_number": "971049668"}, "org_number", "Organisation number"),
        ({"org_number": ""}, "org_number", "Organisation number"),
        ({"name": ""}, "Name", "Name is required"),
        ({"name": "x" * 201}, "Name", "longer than 200"),
        ({"email": "post@"}, "E-mail", "E-mail"),
        ({"phone": "123"}, "Phone", "Phone"),
        ({"city": "Molde\nOslo"}, "City", "control characters"),
        ({"address_lines": ("Gate 1\t2",)}, "Address", "control characters"),
    ],
)
def test_bad_supplier_input_names_the_field_and_saves_nothing(
    svc: Services, change: dict[str, object], field: str, message: str
) -> None:
    from dataclasses import replace

    with pytest.raises(UserError, match=message) as err:
        svc.supplier.save(replace(PROFILE, **change))  # type: ignore[arg-type]
    assert err.value.field == field
    assert svc.supplier.get() is None
    assert _audit(svc) == []


def test_settings_defaults_changes_and_audit(svc: Services) -> None:
    assert svc.settings.get("language") == DEFAULTS["language"]
    assert svc.settings.get("no-such-setting") is None
    assert svc.settings.all() == DEFAULTS

    svc.settings.set("language", "nb", actor="owner")
    svc.settings.set("retention_months_after_termination", 6, actor="owner")
    svc.settings.set("language", "en", actor="owner")

    assert svc.settings.get("language") == "en"
    assert svc.settings.all() == {
        **DEFAULTS,
        "language": "en",
        "retention_months_after_termination": 6,
    }
    payloads = [audit.payload_of(e) for e in _audit(svc)]
    assert payloads == [
        {"before": "", "after": "nb"},
        {"before": 3, "after": 6},
        {"before": "nb", "after": "en"},
    ]


def test_settings_keep_json_values_exactly(svc: Services) -> None:
    value = {"nested": ["æøå", 1, None, True], "text": "Tromsø"}
    svc.settings.set("ui_state", value)
    assert svc.settings.get("ui_state") == value
    assert json.dumps(svc.settings.all()["ui_state"], ensure_ascii=False) == json.dumps(
        value, ensure_ascii=False
    )

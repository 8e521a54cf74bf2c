"""The change notification between colleagues knows every table and speaks the bus's areas."""

from __future__ import annotations

from contractdesk.services import changes
from contractdesk.services.colleagues.service import change_from_payload
from contractdesk.store.models import Base
from contractdesk.store.notify import ALL_AREAS, MAX_PAYLOAD, TABLE_AREAS, _Touched, payload


def test_every_model_table_has_its_areas() -> None:
    tables = {t.name for t in Base.metadata.sorted_tables}
    assert tables - set(TABLE_AREAS) == set(), "a new table: say which areas a write to it changes"


def test_the_areas_are_the_buses_areas() -> None:
    bus_areas = {
        changes.CUSTOMERS,
        changes.PEOPLE,
        changes.AGREEMENTS,
        changes.ACCEPTANCES,
        changes.TERMS,
        changes.SERVICES,
        changes.SUPPLIER,
    }
    assert set(ALL_AREAS) == bus_areas
    for areas in TABLE_AREAS.values():
        assert areas <= bus_areas


def test_a_payload_stays_under_postgresqls_limit_and_decodes() -> None:
    import json

    touched = _Touched()
    touched.table("customer")
    many = {f"{900000000 + i}" for i in range(2000)}
    text = payload("token", touched, many)
    assert len(text) <= MAX_PAYLOAD
    change = change_from_payload(json.loads(text))
    assert change.org_numbers == frozenset()  # too many to name: any customer
    assert change.touches(changes.CUSTOMERS) and not change.touches(changes.TERMS)
    # garbage from the channel never breaks the bus: unknown areas mean "anything"
    odd = change_from_payload({"areas": ["bogus"], "orgs": ["<script>"]})
    assert odd.areas == frozenset(ALL_AREAS) and odd.org_numbers == frozenset()

"""Refresh all by the update feeds at 100,000 customers, against the per-customer way; import of
10,000 org numbers through the bulk files.

Run: uv run pytest tests/bench/test_bench_registry_feeds.py -m bench -s
Target (issue 17): 100,000 stored customers and one day's feed naming 500 of them (400 with
changed entity fields, 100 with changed roles) refreshed in under 30 s on 2 cores; the request
count and the time are printed beside the per-customer baseline (measured on 300 customers and
scaled). Figures are printed, not asserted. The stand-in registry runs in this process (its
threads share the 2 cores).
"""

from __future__ import annotations

import gzip
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from brreg_server import ReplayServer

pytestmark = pytest.mark.bench

CUSTOMERS = 100_000
ENTITY_CHANGES = 400
ROLE_CHANGES = 100
OTHER_UPDATES = 2_000
"""Updates in the day's feeds about organisations that are not customers."""
IMPORT = 10_000
_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
ENTITY_TYPE = "application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8"


def org_numbers(count: int, base: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        digits = str(base)
        base += 7
        check = 11 - sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11
        if check == 10:
            continue
        found.append(digits + str(0 if check == 11 else check))
    return found


def entity(number: str, name: str) -> dict[str, Any]:
    return {
        "organisasjonsnummer": number,
        "navn": name,
        "organisasjonsform": {"kode": "AS", "beskrivelse": "Aksjeselskap"},
        "registreringsdatoEnhetsregisteret": "2010-01-01",
        "registrertIMvaregisteret": True,
        "registrertIForetaksregisteret": False,
        "konkurs": False,
        "underAvvikling": False,
        "underTvangsavviklingEllerTvangsopplosning": False,
        "forretningsadresse": {
            "adresse": ["Storgata 1"],
            "postnummer": "0155",
            "poststed": "OSLO",
            "kommune": "OSLO",
            "kommunenummer": "0301",
            "landkode": "NO",
            "land": "Norge",
        },
        "respons_klasse": "Enhet",
    }


def roles(first: str, last: str) -> dict[str, Any]:
    return {
        "rollegrupper": [
            {
                "type": {"kode": "DAGL", "beskrivelse": "Daglig leder"},
                "roller": [
                    {
                        "type": {"kode": "DAGL", "beskrivelse": "Daglig leder"},
                        "person": {
                            "fodselsdato": "1970-01-01",
                            "navn": {"fornavn": first, "etternavn": last},
                            "erDoed": False,
                        },
                        "avregistrert": False,
                    }
                ],
            }
        ]
    }


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str]]]:
    from sqlalchemy import insert

    from contractdesk.domain.customers import sort_key
    from contractdesk.domain.search_fold import search_fold
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.store.models import Customer
    from contractdesk.store.profile import demo_profile
    from contractdesk.store.types import utcnow

    folder = tmp_path_factory.mktemp("feeds-bench")
    services = Services(demo_profile(folder), StorePaths(folder))
    numbers = org_numbers(CUSTOMERS, 91_000_000)
    now = utcnow()
    rows = [
        {
            "org_number": n,
            "name": f"KUNDE {i:06d} AS",
            "organisation_form": "AS",
            "organisation_form_text": "Aksjeselskap",
            "business_address": {
                "lines": ["Storgata 1"],
                "postcode": "0155",
                "city": "OSLO",
                "municipality": "OSLO",
                "municipality_number": "0301",
                "country_code": "NO",
                "country": "Norge",
            },
            "status": "active",
            "vat_registered": True,
            "registry_roles": [],
            "registry_data": {"retrieved_at": "2026-11-01T00:00:00+00:00"},
            "verified_at": now,
            "sort_name": sort_key(f"KUNDE {i:06d} AS"),
            "search_name": search_fold(f"KUNDE {i:06d} AS"),
            "municipality": "OSLO",
            "municipality_key": "oslo",
        }
        for i, n in enumerate(numbers)
    ]
    with services.store.session() as s:
        for start in range(0, len(rows), 10_000):
            s.execute(insert(Customer), rows[start : start + 10_000])
    services.store.checkpoint()
    yield services, numbers
    services.close()


def serve_day(server: ReplayServer, numbers: list[str]) -> tuple[list[str], list[str]]:
    """Routes for one day: the feeds, the changed customers' entities and roles."""
    rng = random.Random(17)
    changed = rng.sample(numbers, ENTITY_CHANGES + ROLE_CHANGES)
    entity_changed, role_changed = changed[:ENTITY_CHANGES], changed[ENTITY_CHANGES:]
    others = org_numbers(OTHER_UPDATES, 95_000_000)
    for n in changed:
        server.add_route(
            {
                "path": f"/enhetsregisteret/api/enheter/{n}",
                "status": 200,
                "content_type": ENTITY_TYPE,
                "text": json.dumps(entity(n, f"NYTT NAVN {n} AS")),
            }
        )
    for n in role_changed:
        server.add_route(
            {
                "path": f"/enhetsregisteret/api/enheter/{n}/roller",
                "status": 200,
                "content_type": "application/json",
                "text": json.dumps(roles("Ny", f"Leder{n[-3:]}")),
            }
        )
    mixed = entity_changed + others
    rng.shuffle(mixed)
    updates = [
        {
            "oppdateringsid": 1 + i,
            "dato": "2026-12-06T05:00:00.000Z",
            "organisasjonsnummer": n,
            "endringstype": "Endring",
        }
        for i, n in enumerate(mixed)
    ]
    for start in range(0, len(updates) + 1, 1000):
        page = updates[start : start + 1000]
        body = {"_embedded": {"oppdaterteEnheter": page}} if page else {}
        body["page"] = {"size": 1000, "totalElements": len(page), "totalPages": 1, "number": 0}
        server.add_route(
            {
                "path": "/enhetsregisteret/api/oppdateringer/enheter",
                "status": 200,
                "query": {"oppdateringsid": str(1 + start), "size": "1000"},
                "content_type": "application/json",
                "text": json.dumps(body),
            }
        )
    server.add_route(
        {
            "path": "/enhetsregisteret/api/oppdateringer/underenheter",
            "status": 200,
            "query": {"oppdateringsid": "1", "size": "1000"},
            "content_type": "application/json",
            "text": json.dumps(
                {"page": {"size": 1000, "totalElements": 0, "totalPages": 0, "number": 0}}
            ),
        }
    )
    events = [
        {
            "specversion": "1.0",
            "id": str(1 + i),
            "source": "x",
            "type": "rolle.oppdatert",
            "time": "2026-12-06T05:00:00.000Z",
            "data": {"organisasjonsnummer": n},
        }
        for i, n in enumerate(role_changed + others[:400])
    ]
    server.add_route(
        {
            "path": "/enhetsregisteret/api/oppdateringer/roller",
            "status": 200,
            "query": {"afterId": "0", "size": "1000"},
            "content_type": "application/json",
            "text": json.dumps(events),
        }
    )
    return entity_changed, role_changed


def test_bench_refresh_all_by_feeds_at_100000(stored: tuple[Any, list[str]]) -> None:
    from contractdesk.registry import RegistrySettings
    from contractdesk.store.queries.customers import save_sync_state

    services, numbers = stored
    customers = services.customers
    with ReplayServer() as server:
        customers.configure_registry(RegistrySettings(base_url=server.url))
        entity_changed, role_changed = serve_day(server, numbers)
        with services.store.session() as s:
            save_sync_state(
                s, {"cursors": {"entity_next_id": 1, "sub_unit_next_id": 1, "role_after_id": 0}}
            )
        began = time.perf_counter()
        outcome = customers.refresh_all()
        took = time.perf_counter() - began
        assert outcome.mode == "feeds" and not outcome.failures
        assert outcome.total == ENTITY_CHANGES + ROLE_CHANGES
        assert len(outcome.changed) == ENTITY_CHANGES + ROLE_CHANGES

        # The per-customer baseline: 300 customers asked one at a time, scaled to 100,000.
        sample = entity_changed[:150] + role_changed[:100] + entity_changed[150:200]
        with services.store.session() as s:
            save_sync_state(s, {})
        customers.bulk_threshold = 10**9
        began = time.perf_counter()
        before = customers.registry.requests_made
        for number in sample:
            customers.refresh(number)
        per_customer = (time.perf_counter() - began) / len(sample)
        per_requests = (customers.registry.requests_made - before) / len(sample)
    print(
        f"\nrefresh all by the feeds, {CUSTOMERS:,} customers, {ENTITY_CHANGES + ROLE_CHANGES} "
        f"changed: {took:.1f} s, {outcome.requests} requests ({outcome.summary_text})"
        f"\nper-customer baseline: {per_customer * 1000:.1f} ms and {per_requests:.1f} requests "
        f"per customer → {per_customer * CUSTOMERS / 60:.0f} min and "
        f"{per_requests * CUSTOMERS:,.0f} requests for {CUSTOMERS:,}"
    )


def test_bench_import_10000_org_numbers(tmp_path: Path) -> None:
    from contractdesk.paths import StorePaths
    from contractdesk.registry import RegistrySettings
    from contractdesk.services.context import Services
    from contractdesk.store.profile import demo_profile

    services = Services(demo_profile(tmp_path / "store"), StorePaths(tmp_path / "store"))
    numbers = org_numbers(IMPORT, 93_000_000)
    everyone = numbers + org_numbers(40_000, 96_000_000)  # the bulk file holds others too
    bulk = tmp_path / "enheter.json.gz"
    bulk.write_bytes(
        gzip.compress(json.dumps([entity(n, f"FIRMA {n} AS") for n in everyone]).encode())
    )
    held = tmp_path / "roller.json.gz"
    held.write_bytes(
        gzip.compress(
            json.dumps(
                [{"organisasjonsnummer": n, **roles("Dag", f"Leder{n[-4:]}")} for n in everyone]
            ).encode()
        )
    )
    listing = tmp_path / "kunder.csv"
    listing.write_text("Organisasjonsnummer\n" + "\n".join(numbers) + "\n", encoding="utf-8")
    with ReplayServer() as server:
        for path, file in (("enheter/lastned", bulk), ("roller/totalbestand", held)):
            server.add_route(
                {
                    "path": f"/enhetsregisteret/api/{path}",
                    "status": 200,
                    "content_type": "application/gzip",
                    "file": str(file),
                }
            )
        services.customers.configure_registry(RegistrySettings(base_url=server.url))
        began = time.perf_counter()
        report = services.customers.import_customers(listing)
        took = time.perf_counter() - began
    assert report.ok and len(report.imported) == IMPORT and report.mode == "bulk"
    print(
        f"\nimport of {IMPORT:,} org numbers through the bulk files ({len(everyone):,} entities "
        f"in them, {bulk.stat().st_size / 1e6:.1f} + {held.stat().st_size / 1e6:.1f} MB gzip): "
        f"{took:.1f} s, {report.requests} requests"
    )
    services.close()


def test_bench_first_refresh_of_100000_from_the_bulk_files(
    stored: tuple[Any, list[str]], tmp_path: Path
) -> None:
    from contractdesk.registry import RegistrySettings
    from contractdesk.store.queries.customers import save_sync_state

    services, numbers = stored
    bulk = tmp_path / "enheter.json.gz"
    current = {c.org_number: c.name for c in _names(services)}
    # A day after registration most customers are as stored; 1 % changed their name.
    bulk.write_bytes(
        gzip.compress(
            json.dumps(
                [
                    entity(n, current[n] if i % 100 else f"NYTT {n} AS")
                    for i, n in enumerate(numbers)
                ]
            ).encode()
        )
    )
    held = tmp_path / "roller.json.gz"
    held.write_bytes(gzip.compress(b"[]"))
    with ReplayServer() as server:
        for path, file in (("enheter/lastned", bulk), ("roller/totalbestand", held)):
            server.add_route(
                {
                    "path": f"/enhetsregisteret/api/{path}",
                    "status": 200,
                    "content_type": "application/gzip",
                    "file": str(file),
                }
            )
        services.customers.configure_registry(RegistrySettings(base_url=server.url))
        services.customers.bulk_threshold = 2000
        with services.store.session() as s:
            save_sync_state(s, {})  # never refreshed: the first refresh takes everyone
        began = time.perf_counter()
        outcome = services.customers.refresh_all()
        took = time.perf_counter() - began
    assert outcome.mode == "bulk" and outcome.total == CUSTOMERS and not outcome.failures
    print(
        f"\nfirst refresh of {CUSTOMERS:,} customers from the bulk files: {took:.1f} s, "
        f"{outcome.requests} requests, {len(outcome.changed):,} changed"
    )


def _names(services: Any) -> list[Any]:
    from sqlalchemy import select

    from contractdesk.store.models import Customer

    with services.store.read_session() as s:
        return list(s.execute(select(Customer.org_number, Customer.name)).all())

"""The parser and client on every shape of issue 17: unit kind by endpoint and form, statuses,
remarks, role facts, the sub-unit feed, and bulk files read item by item."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from brreg_server import FIXTURES, ReplayServer

from contractdesk.registry import Malformed, RegistryClient, RegistrySettings
from contractdesk.registry import bulk as bulk_module
from contractdesk.registry.bulk import iter_bulk_entities, iter_bulk_roles, iter_json_array
from contractdesk.registry.parse import parse_entity, parse_roles

SHAPES = FIXTURES / "shapes"
N: dict[str, str] = json.loads((SHAPES / "routes.json").read_text(encoding="utf-8"))["numbers"]


def shape(name: str) -> Any:
    return json.loads((SHAPES / name).read_text(encoding="utf-8"))


@pytest.fixture
def client(brreg_replay: ReplayServer) -> Iterator[RegistryClient]:
    with RegistryClient(RegistrySettings(base_url=brreg_replay.url, total_timeout=3.0)) as c:
        yield c


@pytest.mark.parametrize("key", ["komm", "orgl", "stat"])
def test_public_sector_main_units_with_overordnet_enhet_are_main_units(key: str) -> None:
    body = shape(f"{N[key]}.enhet.json")
    assert "overordnetEnhet" in body
    for endpoint in (None, "enheter"):
        entity = parse_entity(body, endpoint=endpoint)
        assert not entity.is_sub_unit and entity.status == "active"
    without_class = {k: v for k, v in body.items() if k != "respons_klasse"}
    assert not parse_entity(without_class).is_sub_unit  # decided by the form, not the key


def test_the_sub_unit_endpoint_makes_a_sub_unit(client: RegistryClient) -> None:
    entity = client.get_entity(N["closed"])
    assert entity.is_sub_unit and entity.parent_org_number == N["recon"]
    assert (entity.status, entity.closed_date) == ("closed", date(2026, 4, 30))


def test_statuses_and_remarks() -> None:
    recon = parse_entity(shape(f"{N['recon']}.enhet.json"))
    assert (recon.status, recon.status_date) == ("reconstruction", date(2026, 6, 2))
    assert [(r.info_type, r.text, r.entered_on) for r in recon.remarks] == [
        ("FADR", "Forretningsadressen er trolig feil", date(2026, 5, 20))
    ]
    assert recon.postal_address is not None
    assert recon.postal_address.lines[0] == "c/o Regnskapsbyrå Fiktiv AS"
    forced = parse_entity(shape(f"{N['forced']}.enhet.json"))
    assert (forced.status, forced.forced_dissolution_date) == (
        "forced_dissolution",
        date(2026, 2, 14),
    )
    winding = parse_entity(shape(f"{N['windup']}.enhet.json"))
    assert (winding.status, winding.liquidation_date) == ("liquidation", date(2026, 3, 1))
    nuf = parse_entity(shape(f"{N['nuf']}.enhet.json"))
    assert nuf.business_address is not None and nuf.business_address.postcode == ""
    assert nuf.business_address.country_code == "SE"


def test_role_facts() -> None:
    da = {r.name: r for r in parse_roles(shape(f"{N['da']}.roller.json"))}
    assert da["Dag Begrensetsen"].restricted_capacity and da["Dag Begrensetsen"].capacity_limited
    assert da["Dina Deltakersen"].liability_share == "50%"
    asa = {r.name: r for r in parse_roles(shape(f"{N['asa']}.roller.json"))}
    assert asa["Frida Fullmaktsen"].lasting_power_of_attorney
    assert (asa["Ansatt Valgtsen"].elected_by_code, asa["Ansatt Valgtsen"].elected_by) == (
        "AREP",
        "Representant for de ansatte",
    )


def test_sub_unit_feed_items_are_read_from_their_own_key(client: RegistryClient) -> None:
    page = client.get_sub_unit_updates(from_update_id=40000001, size=2)
    assert [(u.org_number, u.change_type) for u in page.items] == [(N["closed"], "changed")]
    assert page.next_update_id == 40000002
    entity_page = client.get_entity_updates(from_update_id=30000001, size=2)
    assert [u.changes for u in entity_page.items][1] == ()  # an update without "endringer"


def test_bulk_items_are_read_across_chunk_boundaries(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(bulk_module, "_CHUNK", 7)
    items = [{"organisasjonsnummer": str(n), "navn": "Å" * (n % 13)} for n in range(50)]
    raw = json.dumps(items, ensure_ascii=False, indent=1).encode("utf-8")
    assert list(iter_json_array(io.BytesIO(b"\xef\xbb\xbf" + raw))) == items
    with pytest.raises(Malformed):
        list(iter_json_array(io.BytesIO(raw[:-40])))
    with pytest.raises(Malformed):
        list(iter_json_array(io.BytesIO(b'{"not": "an array"}')))


def test_bulk_files_give_only_the_wanted_entities_and_roles(tmp_path: Path) -> None:
    wanted = {N["recon"], N["asa"]}
    entities = list(iter_bulk_entities(SHAPES / "bulk-enheter.json.gz", wanted))
    assert {e.org_number for e in entities} == wanted
    roles = dict(iter_bulk_roles(SHAPES / "bulk-roller.json.gz", wanted))
    assert next(r.name for r in roles[N["asa"]]) == "Lise Ledersen"
    empty = tmp_path / "empty.json.gz"
    empty.write_bytes(gzip.compress(b"[]"))
    assert list(iter_bulk_entities(empty)) == []


def test_bulk_download_streams_to_disk(client: RegistryClient, tmp_path: Path) -> None:
    target = tmp_path / "enheter.json.gz"
    with target.open("wb") as sink:
        client.download_bulk("entities", sink)
    assert {e.org_number for e in iter_bulk_entities(target)} >= {"971049669", "923130969"}

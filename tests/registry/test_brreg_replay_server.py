"""The replay server serves every manifest route as recorded, and its fault extensions work."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import httpx
import pytest
from brreg_server import FIXTURES, ReplayServer

MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
# The shared folder sits beside the repository (CI lays it out so); /work/shared on a workstation.
_REPO_SIBLING = Path(__file__).resolve().parents[2].parent / "shared" / "brreg-fixtures"
SHARED = _REPO_SIBLING if _REPO_SIBLING.is_dir() else Path("/work/shared/brreg-fixtures")


def _route_id(route: dict) -> str:
    query = "&".join(f"{k}={v}" for k, v in sorted(route["query"].items()))
    return f"{route['status']} {route['path']}{'?' + query if query else ''}"


@pytest.mark.parametrize("route", MANIFEST["routes"], ids=_route_id)
def test_every_manifest_route_is_replayed_exactly(brreg_replay: ReplayServer, route: dict) -> None:
    response = httpx.get(brreg_replay.url + route["path"], params=route["query"])
    assert response.status_code == route["status"]
    if route["content_type"]:
        assert response.headers["content-type"] == route["content_type"]
    expected = (FIXTURES / route["file"]).read_bytes() if route["file"] else b""
    assert response.content == expected


def test_the_fixture_copy_matches_the_shared_set() -> None:
    if not SHARED.is_dir():
        pytest.skip("shared fixture folder not present on this machine")
    for path in SHARED.rglob("*"):
        if path.is_file():
            assert (FIXTURES / path.relative_to(SHARED)).read_bytes() == path.read_bytes(), path


def test_bulk_sample_is_served_as_gzip_json(brreg_replay: ReplayServer) -> None:
    response = httpx.get(brreg_replay.url + "/enhetsregisteret/api/enheter/lastned")
    entities = json.loads(gzip.decompress(response.content))
    assert {"971049669", "923130969"} <= {e["organisasjonsnummer"] for e in entities}


def test_unlisted_path_and_unlisted_query_get_404_without_body(brreg_replay: ReplayServer) -> None:
    for url in (
        "/enhetsregisteret/api/enheter/123",
        "/enhetsregisteret/api/enheter?navn=heimen&page=9",
    ):
        response = httpx.get(brreg_replay.url + url)
        assert (response.status_code, response.content) == (404, b"")


def test_query_order_is_irrelevant(brreg_replay: ReplayServer) -> None:
    response = httpx.get(
        brreg_replay.url + "/enhetsregisteret/api/enheter?size=2&page=1&navn=heimen"
    )
    assert response.json()["page"]["number"] == 1


def test_unsupported_accept_is_refused_with_406_like_the_registry(
    brreg_replay: ReplayServer,
) -> None:
    path = brreg_replay.url + "/enhetsregisteret/api/enheter/971049669/roller"
    assert httpx.get(path, headers={"Accept": "text/csv"}).status_code == 406
    assert (
        httpx.get(
            path, headers={"Accept": "application/vnd.brreg.enhetsregisteret.rolle.v1+json"}
        ).status_code
        == 200
    )
    assert httpx.get(path, headers={"Accept": "application/json"}).status_code == 200


def test_requests_are_recorded_with_their_headers(brreg_replay: ReplayServer) -> None:
    httpx.get(
        brreg_replay.url + "/enhetsregisteret/api/enheter?navn=heimen", headers={"Accept": "x/y"}
    )
    [recorded] = brreg_replay.requests
    assert (recorded.path, recorded.query, recorded.accept) == (
        "/enhetsregisteret/api/enheter",
        {"navn": "heimen"},
        "x/y",
    )


def test_a_sequence_is_served_in_turn_and_its_last_step_repeats(brreg_replay: ReplayServer) -> None:
    url = brreg_replay.url + "/enhetsregisteret/api/enheter/991000119"
    assert [httpx.get(url).status_code for _ in range(4)] == [503, 502, 200, 200]


def test_added_routes_take_precedence(brreg_replay: ReplayServer) -> None:
    brreg_replay.add_route(
        {"path": "/enhetsregisteret/api/enheter/971049669", "status": 500, "text": "x"}
    )
    assert (
        httpx.get(brreg_replay.url + "/enhetsregisteret/api/enheter/971049669").status_code == 500
    )


def test_stop_does_not_wait_for_a_slow_route() -> None:
    server = ReplayServer().start()
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(server.url + "/enhetsregisteret/api/enheter/991000089", timeout=0.2)
    server.stop()  # the handler sleeping 30 s wakes up at once


def test_brreg_server_fixture_sets_the_environment(brreg_server: str) -> None:
    import os

    assert os.environ["CONTRACTDESK_REGISTRY_URL"] == brreg_server
    assert brreg_server.startswith("http://127.0.0.1:")

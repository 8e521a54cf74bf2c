"""Every JSON answer of the stand-in registry validates against the official OpenAPI description.

The shared fixtures, ContractDesk's "every shape" fixtures (``fixtures/brreg/shapes``) and the
fault cases that are meant to be valid are fetched from the replay server and checked against
the schema the OpenAPI document gives for that path, status and media type.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import httpx
import jsonschema
import pytest
from brreg_server import FIXTURES, ReplayServer

OPENAPI = FIXTURES / "openapi-enhetsregisteret.json"
ROUTE_FILES = ("manifest.json", "shapes/routes.json")


def _convert(node: Any) -> Any:
    """OpenAPI 3.0 schema → JSON Schema: ``nullable: true`` admits null."""
    if isinstance(node, list):
        return [_convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {
        k: _convert(v) for k, v in node.items() if k not in ("nullable", "discriminator", "example")
    }
    if node.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"]
        elif "$ref" in out:
            out = {"anyOf": [{"$ref": out.pop("$ref")}, {"type": "null"}], **out}
    if out.get("format") == "binary":
        out.pop("format")
    return out


@cache
def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(OPENAPI.read_text(encoding="utf-8"))
    return spec


@cache
def _components() -> dict[str, Any]:
    return {"schemas": _convert(_spec()["components"]["schemas"])}


def _template(path: str) -> str | None:
    for template in _spec()["paths"]:
        pattern = (
            "^"
            + re.sub(
                r"\{[^}]+\}", r"[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
            )
            + "$"
        )
        if re.match(pattern, path):
            return str(template)
    return None


def _schema(path: str, status: int) -> dict[str, Any] | None:
    template = _template(path)
    assert template is not None, f"{path} is not in the OpenAPI description"
    response = _spec()["paths"][template]["get"]["responses"].get(str(status)) or {}
    content = response.get("content") or {}
    schema = content.get("application/json") or next(iter(content.values()), None)
    if schema is None:
        return None
    return {**_convert(schema["schema"]), "components": _components()}


def _routes() -> list[dict[str, Any]]:
    found = []
    for name in ROUTE_FILES:
        for route in json.loads((FIXTURES / name).read_text(encoding="utf-8"))["routes"]:
            path = route["path"]
            if not path.startswith("/enhetsregisteret/api/") or not route.get("file"):
                continue
            if "lastned" in path or "totalbestand" in path:
                continue
            found.append(route)
    return found


ROUTES = _routes()


def test_every_shape_of_issue_17_is_served() -> None:
    numbers = json.loads((FIXTURES / "shapes/routes.json").read_text(encoding="utf-8"))["numbers"]
    forms = set()
    for key in numbers:
        file = FIXTURES / "shapes" / f"{numbers[key]}.enhet.json"
        if file.exists():
            forms.add(json.loads(file.read_text(encoding="utf-8"))["organisasjonsform"]["kode"])
    assert {"ORGL", "KOMM", "FYLK", "STAT", "NUF", "DA", "SA", "STI", "ASA", "AS"} <= forms
    paths = {r["path"] for r in ROUTES}
    assert "/enhetsregisteret/api/oppdateringer/underenheter" in paths


@pytest.mark.parametrize(
    "route",
    ROUTES,
    ids=[f"{r['path']}?{'&'.join(f'{k}={v}' for k, v in r['query'].items())}" for r in ROUTES],
)
def test_answer_validates_against_the_openapi_schema(
    brreg_replay: ReplayServer, route: dict[str, Any]
) -> None:
    response = httpx.get(brreg_replay.url + route["path"], params=route["query"])
    assert response.status_code == route["status"]
    schema = _schema(route["path"], response.status_code)
    if schema is None:
        pytest.skip("the OpenAPI description gives no body for this status")
    jsonschema.validate(response.json(), schema, cls=jsonschema.Draft7Validator)

"""Offline registry data for the app's demo mode: shipped answers in ``resources/demo/brreg``.

Files are the registry's own JSON, named ``{orgnr}.enhet.json``, ``{orgnr}.roller.json`` and
(optionally) ``{orgnr}.fullmakt-signatur.json`` / ``{orgnr}.fullmakt-prokura.json``; they are
parsed exactly like live answers, so demo customers look like registered ones.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from contractdesk.registry import parse
from contractdesk.registry.models import RegistryLookup, SigningKind, SigningRule
from contractdesk.registry.signing import complete_rules
from contractdesk.resources import resource_path


def demo_folder() -> Path:
    return resource_path("demo", "brreg")


def demo_org_numbers(folder: Path | None = None) -> tuple[str, ...]:
    """Org numbers with demo data, sorted."""
    base = folder or demo_folder()
    return tuple(sorted(p.name.split(".", 1)[0] for p in base.glob("*.enhet.json")))


def demo_lookup(org_number: str, folder: Path | None = None) -> RegistryLookup:
    """The demo answer for one org number, as :meth:`RegistryClient.lookup` would return it.

    Raises:
        FileNotFoundError: no demo data for this number.
    """
    base = folder or demo_folder()

    def load(suffix: str) -> object | None:
        path = base / f"{org_number}.{suffix}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    entity_data = load("enhet")
    if entity_data is None:
        raise FileNotFoundError(f"no demo registry data for {org_number}")
    entity = parse.parse_entity(entity_data)
    roles_data = load("roller")
    roles = parse.parse_roles(roles_data) if roles_data is not None else ()
    rules: list[SigningRule] = []
    kinds: tuple[tuple[str, SigningKind], ...] = (
        ("fullmakt-signatur", "signature"),
        ("fullmakt-prokura", "procuration"),
    )
    for suffix, kind in kinds:
        data = load(suffix)
        rule = parse.parse_signing_rule(data, kind) if data is not None else None
        if rule is not None:
            rules.append(rule)
    return RegistryLookup(
        entity=entity,
        roles=roles,
        signing_rules=complete_rules(entity, roles, rules),
        retrieved_at=datetime.now(UTC),
    )


def demo_lookups(folder: Path | None = None) -> tuple[RegistryLookup, ...]:
    """Every demo organisation."""
    return tuple(demo_lookup(n, folder) for n in demo_org_numbers(folder))

"""Registry answers to stored customer JSON and back: snapshots, the card view, taking values.

Registry text is stored verbatim; whoever shows or prints it escapes it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from contractdesk.domain.address import Address
from contractdesk.domain.people import fold
from contractdesk.domain.registry_snapshot import REGISTRY_DATA_OWN_KEYS, Snapshot, iso
from contractdesk.registry import RegistryLookup
from contractdesk.registry.models import RegistryRole, Signatory, SigningRule
from contractdesk.registry.signing import usable_signer_sets
from contractdesk.services.customers.views import (
    CustomerView,
    DepartedSignatory,
    RoleEntry,
    SignatoryView,
    SigningRuleView,
)
from contractdesk.store.models import Customer
from contractdesk.store.types import utcnow


def norm_name(name: str) -> str:
    """A person's name folded for comparing (case, accents, Unicode form)."""
    return fold(unicodedata.normalize("NFC", name or ""))


def _address_data(address: Address | None) -> dict[str, Any] | None:
    if address is None or not address.has_street_or_place:
        return None
    return {
        "lines": [line for line in address.lines if line],
        "postcode": address.postcode,
        "city": address.city,
        "municipality": address.municipality,
        "municipality_number": address.municipality_number,
        "country_code": address.country_code,
        "country": address.country,
    }


def role_keys(roles: Iterable[RegistryRole]) -> list[str]:
    """Active roles as comparable keys ("code: name"), sorted: equal keys, equal roles."""
    return sorted(f"{r.role_code}: {r.name}" for r in roles if r.active)


def _role_data(role: RegistryRole, signing: set[str]) -> dict[str, Any]:
    return {
        "role_code": role.role_code,
        "role": role.role,
        "group_code": role.group_code,
        "group": role.group,
        "holder_kind": role.holder_kind,
        "name": role.name,
        "first_name": role.first_name,
        "middle_name": role.middle_name,
        "last_name": role.last_name,
        "entity_org_number": role.entity_org_number,
        "may_sign": norm_name(role.name) in signing,
        "order": role.order,
        "elected_by": role.elected_by,
        "elected_by_code": role.elected_by_code,
        "liability_share": role.liability_share,
        "restricted_capacity": role.restricted_capacity,
        "lasting_power_of_attorney": role.lasting_power_of_attorney,
    }


def _rule_data(rule: SigningRule | None, roles: Sequence[RegistryRole]) -> dict[str, Any] | None:
    """The rule as stored: sets naming a deceased or deregistered person are kept as lapsed."""
    if rule is None:
        return None
    usable = usable_signer_sets(rule, roles)
    return {
        "kind": rule.kind,
        "text": rule.text,
        "signer_sets": [list(s) for s in usable],
        "lapsed_sets": [list(s) for s in rule.signer_sets if s not in usable],
        "registered": rule.registered,
        "basis": rule.basis,
        "rule_status": rule.rule_status,
    }


def _signatory_data(s: Signatory) -> dict[str, Any]:
    return {
        "name": s.name,
        "role_codes": list(s.role_codes),
        "roles": list(s.roles),
        "may_sign_alone": s.may_sign_alone,
        "capacity_limited": s.capacity_limited,
    }


def snapshot_of_lookup(lookup: RegistryLookup, *, with_roles: bool = True) -> Snapshot:
    """The customer fields a registry answer sets. ``None`` fields: the answer does not say
    (a deleted entity's reduced answer has no addresses, roles or rules): keep what is stored."""
    entity = lookup.entity
    reduced = entity.status == "deleted"
    no_roles = reduced or not with_roles
    signatories = lookup.signatories
    signing = {norm_name(s.name) for s in signatories}
    form = entity.organisation_form
    details: dict[str, Any] = {
        "retrieved_at": iso(lookup.retrieved_at),
        "registration_date": iso(entity.registration_date),
        "business_register_date": iso(entity.business_register_date),
        "vat_registration_date": iso(entity.vat_registration_date),
        "founded_date": iso(entity.founded_date),
        "bankruptcy_date": iso(entity.bankruptcy_date),
        "liquidation_date": iso(entity.liquidation_date),
        "deletion_date": iso(entity.deletion_date),
        "in_business_register": entity.in_business_register,
        "industry_code": entity.industry_code,
        "industry": entity.industry,
        "employees": entity.employees,
        "website": entity.website,
        "email": entity.email,
        "phone": entity.phone,
        "mobile": entity.mobile,
        "former_names": list(entity.former_names),
        "forced_dissolution_date": iso(entity.forced_dissolution_date),
        "reconstruction_date": iso(entity.reconstruction_date),
        "closed_date": iso(entity.closed_date),
        "parent_org_number": entity.parent_org_number,
        "remarks": [
            {"info_type": r.info_type, "text": r.text, "entered_on": iso(r.entered_on) or ""}
            for r in entity.remarks
        ],
    }
    return Snapshot(
        name=entity.name,
        organisation_form=form.code if form else "",
        organisation_form_text=form.description if form else "",
        business_address=None if reduced else _address_data(entity.business_address),
        postal_address=None if reduced else _address_data(entity.postal_address),
        status=entity.status,
        deleted_on=entity.deletion_date,
        vat_registered=entity.vat_registered,
        registry_roles=None if no_roles else [_role_data(r, signing) for r in lookup.active_roles],
        signing_rule=None if no_roles else _rule_data(lookup.signature_rule, lookup.roles),
        procuration_rule=None if no_roles else _rule_data(lookup.procuration_rule, lookup.roles),
        signatories=None if no_roles else [_signatory_data(s) for s in signatories],
        details=details,
    )


def snapshot_of_customer(c: Customer) -> Snapshot:
    data = c.registry_data if isinstance(c.registry_data, dict) else {}
    return Snapshot(
        name=c.name,
        organisation_form=c.organisation_form or "",
        organisation_form_text=c.organisation_form_text or "",
        business_address=c.business_address,
        postal_address=c.postal_address,
        status=c.status,
        deleted_on=c.deleted_on,
        vat_registered=bool(c.vat_registered),
        registry_roles=list(c.registry_roles or []),
        signing_rule=c.signing_rule,
        procuration_rule=data.get("procuration_rule"),
        signatories=list(data.get("signatories") or []),
        details={k: v for k, v in data.items() if k not in REGISTRY_DATA_OWN_KEYS},
    )


def view_of(c: Customer) -> CustomerView:
    data = c.registry_data if isinstance(c.registry_data, dict) else {}
    details = {k: v for k, v in data.items() if k not in REGISTRY_DATA_OWN_KEYS}
    status_date: date | None = c.deleted_on
    if c.status in _STATUS_DATE_KEYS:
        status_date = stored_date(data.get(_STATUS_DATE_KEYS[c.status]))
    procuration = data.get("procuration_rule")
    return CustomerView(
        id=c.id,
        org_number=c.org_number,
        name=c.name,
        organisation_form=c.organisation_form or "",
        organisation_form_text=c.organisation_form_text or "",
        business_address=Address.from_data(c.business_address),
        postal_address=Address.from_data(c.postal_address),
        status=c.status,
        status_date=status_date,
        vat_registered=bool(c.vat_registered),
        registry_roles=tuple(
            RoleEntry(
                role_code=str(r.get("role_code") or ""),
                role=str(r.get("role") or ""),
                name=str(r.get("name") or ""),
                group_code=str(r.get("group_code") or ""),
                group=str(r.get("group") or ""),
                holder_kind=str(r.get("holder_kind") or "person"),
                may_sign=bool(r.get("may_sign")),
                elected_by=str(r.get("elected_by") or ""),
                liability_share=str(r.get("liability_share") or ""),
                capacity_limited=bool(
                    r.get("restricted_capacity") or r.get("lasting_power_of_attorney")
                ),
            )
            for r in (c.registry_roles or [])
            if isinstance(r, Mapping) and not r.get("deceased") and not r.get("deregistered")
        ),
        signing_rule=SigningRuleView.from_data(c.signing_rule),
        procuration_rule=SigningRuleView.from_data(procuration, "procuration")
        if procuration
        else None,
        signatories=tuple(
            SignatoryView(
                name=str(s.get("name") or ""),
                role_codes=tuple(s.get("role_codes") or ()),
                roles=tuple(s.get("roles") or ()),
                may_sign_alone=bool(s.get("may_sign_alone")),
                capacity_limited=bool(s.get("capacity_limited")),
            )
            for s in data.get("signatories") or []
            if isinstance(s, Mapping)
        ),
        departed_signatories=tuple(
            _departed_from(d)
            for d in data.get("departed_signatories") or []
            if isinstance(d, Mapping)
        ),
        verified_at=c.verified_at,
        created_at=c.created_at,
        updated_at=c.updated_at,
        details=details,
        version=c.version,
    )


def stored_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _departed_from(data: Mapping[str, Any]) -> DepartedSignatory:
    pid = data.get("person_id")
    return DepartedSignatory(
        name=str(data.get("name") or ""),
        roles=tuple(str(r) for r in data.get("roles") or ()),
        noticed_on=stored_date(data.get("noticed_on")),
        person_id=int(pid) if isinstance(pid, int) else None,
    )


def apply_snapshot(
    c: Customer, snap: Snapshot, departed: list[dict[str, Any]], now: datetime
) -> None:
    """Take the registry's values (registry wins); keep what a reduced answer does not carry."""
    c.name = snap.name
    c.organisation_form = snap.organisation_form
    c.organisation_form_text = snap.organisation_form_text
    if snap.business_address is not None or snap.status != "deleted":
        c.business_address = snap.business_address
    if snap.postal_address is not None or snap.status != "deleted":
        c.postal_address = snap.postal_address
    c.status = snap.status
    c.deleted_on = snap.deleted_on
    c.vat_registered = snap.vat_registered
    old_data = c.registry_data if isinstance(c.registry_data, dict) else {}
    data: dict[str, Any] = dict(snap.details)
    if snap.registry_roles is not None:
        c.registry_roles = snap.registry_roles
        c.signing_rule = _keep_confirmation(c.signing_rule, snap.signing_rule)
        data["procuration_rule"] = snap.procuration_rule
        data["signatories"] = snap.signatories or []
    else:
        data["procuration_rule"] = old_data.get("procuration_rule")
        data["signatories"] = old_data.get("signatories") or []
    data["departed_signatories"] = departed
    c.registry_data = data
    c.verified_at = now


_STATUS_DATE_KEYS = {
    "bankrupt": "bankruptcy_date",
    "liquidation": "liquidation_date",
    "forced_dissolution": "forced_dissolution_date",
    "reconstruction": "reconstruction_date",
    "closed": "closed_date",
}


CONFIRMATION_KEYS = ("confirmed_sets", "confirmed_by", "confirmed_at")
"""Keys of a stored signing rule recording who confirmed its signers by hand."""


def _keep_confirmation(
    old: dict[str, Any] | None, new: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The new rule, with the hand confirmation of the old one while the rule text is the same."""
    if not new or not old or not old.get("confirmed_by"):
        return new
    if str(old.get("text") or "") != str(new.get("text") or ""):
        return new
    return {**new, **{k: old[k] for k in CONFIRMATION_KEYS if k in old}}


def preview(lookup: RegistryLookup) -> CustomerView:
    """The card of a registry answer, as it would be stored (``id`` None: not stored)."""
    c = Customer(org_number=lookup.entity.org_number)
    apply_snapshot(c, snapshot_of_lookup(lookup), [], lookup.retrieved_at or utcnow())
    return replace(view_of(c), id=None, created_at=None, updated_at=None)

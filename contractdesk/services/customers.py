"""Customers: register from the registry or by hand, show, refresh (registry wins), list and search.

One org number, one customer (DOMAIN.md). Registry answers are taken whole or not at all: a bad
answer (timeout, 404, HTML, malformed JSON …) raises a named
:class:`~contractdesk.registry.errors.RegistryError` and leaves the stored customer untouched;
``manual_entry_possible`` on the error tells the caller to offer registering by hand.
Registry text is stored verbatim; whoever shows or prints it escapes it.

Every change is audited in the transaction that makes it. Only ids and frozen dataclasses
leave this module, so results may cross threads (GUI workers).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from contractdesk.domain.customers import (
    BLOCKED_STATUSES,
    CUSTOMER_STATUSES,
    may_issue_agreement,
    org_number_digits,
    prefix_upper_bound,
    sort_key,
)
from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.domain.people import fold, full_name, name_tokens
from contractdesk.i18n import fill, translate
from contractdesk.registry import (
    Cancelled,
    RegistryClient,
    RegistryError,
    RegistryLookup,
    RegistrySettings,
    Removed,
    SearchPage,
)
from contractdesk.registry.client import CancelCheck
from contractdesk.registry.models import RegistryAddress, RegistryRole, Signatory, SigningRule
from contractdesk.registry.signing import usable_signer_sets
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.services.validation import clean_text
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer, Person, PersonRole
from contractdesk.store.types import utcnow

PAGE_SIZE = 200
"""Rows per page of the customer list (the GUI fetches more as the user scrolls)."""
MAX_PAGE_SIZE = 5000
SORT_COLUMNS = ("name", "org_number", "municipality", "status", "main_contact", "agreement_state")

# Hook (issues 5/7): the SQL expression giving a customer's agreement state (draft, sent, signed,
# active, terminated) in the list. Until agreements exist it is empty and sorting by it sorts by name.
AGREEMENT_STATE_SQL = (  # the active agreement's state, else the newest agreement's (issue 5)
    "COALESCE((SELECT a.state FROM agreement a WHERE a.customer_id = c.id "
    "ORDER BY a.state = 'active' DESC, a.id DESC LIMIT 1), '')"
)

ProgressCallback = Callable[[int, int, str], None]


# -- errors ---------------------------------------------------------------------------------


class CustomerExistsError(UserError):
    """The org number is already a customer (one org number, one customer)."""

    def __init__(self, org_number: str, name: str) -> None:
        super().__init__(
            fill(
                translate("CustomerService", "%1 is already a customer: %2."),
                format_org_number(org_number),
                name,
            ),
            field="org_number",
        )
        self.org_number = org_number
        self.name = name


class InvalidOrgNumberError(UserError):
    """Not a valid organisation number (refused before any registry request)."""

    def __init__(self, text_: str, reason: str) -> None:
        super().__init__(
            fill(translate("CustomerService", "Organisation number: %1"), reason),
            field="org_number",
        )
        self.text = text_


# -- values that cross threads (frozen) -------------------------------------------------------


@dataclass(frozen=True)
class Address:
    """A business or postal address as stored (the registry's fields)."""

    lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    municipality: str = ""
    municipality_number: str = ""
    country_code: str = ""
    country: str = ""

    @property
    def is_empty(self) -> bool:
        return not (
            self.lines or self.postcode or self.city or self.municipality or self.country_code
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "lines": list(self.lines),
            "postcode": self.postcode,
            "city": self.city,
            "municipality": self.municipality,
            "municipality_number": self.municipality_number,
            "country_code": self.country_code,
            "country": self.country,
        }

    @classmethod
    def from_data(cls, data: object) -> Address:
        if not isinstance(data, Mapping):
            return cls()
        lines = data.get("lines") or ()
        return cls(
            lines=tuple(str(x) for x in lines if x is not None)
            if isinstance(lines, (list, tuple))
            else (),
            postcode=str(data.get("postcode") or ""),
            city=str(data.get("city") or ""),
            municipality=str(data.get("municipality") or ""),
            municipality_number=str(data.get("municipality_number") or ""),
            country_code=str(data.get("country_code") or ""),
            country=str(data.get("country") or ""),
        )


@dataclass(frozen=True)
class RoleEntry:
    """An active role holder from the registry (deceased and deregistered holders are not kept)."""

    role_code: str
    role: str
    name: str
    group_code: str = ""
    group: str = ""
    holder_kind: str = "person"
    may_sign: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "role_code": self.role_code,
            "role": self.role,
            "name": self.name,
            "group_code": self.group_code,
            "group": self.group,
            "holder_kind": self.holder_kind,
            "may_sign": self.may_sign,
        }


@dataclass(frozen=True)
class SigningRuleView:
    """A signing rule: its text and the sets of persons that together may sign.

    ``registered`` False: the registry holds no rule; ``basis`` says where ``signer_sets`` came
    from (``registry``, ``law`` for the organisation form, ``none``). Then the user must confirm
    by hand who signs.
    """

    kind: str = "signature"
    text: str = ""
    signer_sets: tuple[tuple[str, ...], ...] = ()
    registered: bool = False
    basis: str = "none"
    rule_status: str = ""
    lapsed_sets: tuple[tuple[str, ...], ...] = ()
    """Sets the registry still lists that name a deceased or deregistered person: they cannot sign."""

    @property
    def needs_manual_confirmation(self) -> bool:
        return not self.registered

    @property
    def display_text(self) -> str:
        """The rule's text; a statutory rule's (English) text translated."""
        return _law_text(self.text) if self.basis == "law" else self.text

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "signer_sets": [list(s) for s in self.signer_sets],
            "lapsed_sets": [list(s) for s in self.lapsed_sets],
            "registered": self.registered,
            "basis": self.basis,
            "rule_status": self.rule_status,
            "needs_manual_confirmation": self.needs_manual_confirmation,
        }

    @classmethod
    def from_data(cls, data: object, kind: str = "signature") -> SigningRuleView:
        if not isinstance(data, Mapping):
            return cls(kind=kind)

        def sets(key: str) -> tuple[tuple[str, ...], ...]:
            found = data.get(key) or ()
            return tuple(tuple(str(n) for n in s) for s in found if isinstance(s, (list, tuple)))

        return cls(
            kind=str(data.get("kind") or kind),
            text=str(data.get("text") or ""),
            signer_sets=sets("signer_sets"),
            lapsed_sets=sets("lapsed_sets"),
            registered=bool(data.get("registered")),
            basis=str(data.get("basis") or "none"),
            rule_status=str(data.get("rule_status") or ""),
        )


@dataclass(frozen=True)
class SignatoryView:
    """A person entitled by the registry to sign (alone or with others)."""

    name: str
    role_codes: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    may_sign_alone: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role_codes": list(self.role_codes),
            "roles": list(self.roles),
            "may_sign_alone": self.may_sign_alone,
        }


@dataclass(frozen=True)
class DepartedSignatory:
    """A signatory who no longer holds a signing role in the registry (flagged after a refresh)."""

    name: str
    roles: tuple[str, ...] = ()
    noticed_on: date | None = None
    person_id: int | None = None
    """Set when the person is registered at the customer as signatory or general manager."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "roles": list(self.roles),
            "noticed_on": self.noticed_on,
            "person_id": self.person_id,
        }


@dataclass(frozen=True)
class CustomerView:
    """Everything the customer card and ``customer show --json`` need."""

    org_number: str
    name: str
    organisation_form: str
    organisation_form_text: str
    business_address: Address
    postal_address: Address
    status: str
    status_date: date | None
    vat_registered: bool
    registry_roles: tuple[RoleEntry, ...]
    signing_rule: SigningRuleView
    procuration_rule: SigningRuleView | None
    signatories: tuple[SignatoryView, ...]
    departed_signatories: tuple[DepartedSignatory, ...]
    verified_at: datetime | None
    id: int | None = None
    """None for a preview of a registry answer that is not stored."""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    """Further registry facts: industry, employees, website, e-mail, phone, former names, dates."""

    @property
    def stored(self) -> bool:
        return self.id is not None

    @property
    def display_org_number(self) -> str:
        return format_org_number(self.org_number)

    @property
    def verified(self) -> bool:
        return self.status != "unverified" and self.verified_at is not None

    @property
    def may_issue_agreement(self) -> bool:
        return may_issue_agreement(self.status)

    @property
    def needs_manual_confirmation(self) -> bool:
        """True where no signing rule is registered: the user must confirm who signs."""
        return self.signing_rule.needs_manual_confirmation

    @property
    def business_register(self) -> bool:
        return bool(self.details.get("in_business_register"))

    def as_dict(self) -> dict[str, Any]:
        """The ``customer show --json`` document."""
        return {
            "org_number": self.org_number,
            "name": self.name,
            "organisation_form": self.organisation_form,
            "organisation_form_text": self.organisation_form_text,
            "business_address": self.business_address.as_dict(),
            "postal_address": self.postal_address.as_dict(),
            "status": self.status,
            "status_date": self.status_date,
            "vat_registered": self.vat_registered,
            "registry_roles": [r.as_dict() for r in self.registry_roles],
            "signing_rule": self.signing_rule.as_dict(),
            "procuration_rule": self.procuration_rule.as_dict() if self.procuration_rule else None,
            "signatories": [s.as_dict() for s in self.signatories],
            "departed_signatories": [d.as_dict() for d in self.departed_signatories],
            "needs_manual_confirmation": self.needs_manual_confirmation,
            "may_issue_agreement": self.may_issue_agreement,
            "verified_at": self.verified_at,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "details": dict(self.details),
        }


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """One line of the customer list."""

    id: int
    org_number: str
    name: str
    municipality: str
    status: str
    main_contact: str = ""
    agreement_state: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "name": self.name,
            "municipality": self.municipality,
            "status": self.status,
            "main_contact": self.main_contact,
            "agreement_state": self.agreement_state,
        }


@dataclass(frozen=True)
class CustomerQuery:
    """What the list shows: a search text (name, org number, municipality, contact) and an order."""

    search: str = ""
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class OfflineCustomer:
    """A customer typed by hand while the registry cannot be reached (stored as ``unverified``)."""

    org_number: str
    name: str
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    municipality: str = ""
    country_code: str = "NO"
    country: str = "Norge"


@dataclass(frozen=True)
class FieldChange:
    """One field a refresh changed: the stored value and the registry's (JSON-like values)."""

    field: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return field_label(self.field)

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class RefreshResult:
    """What a refresh of one customer found and took."""

    org_number: str
    name: str
    changes: tuple[FieldChange, ...]
    departed_signatories: tuple[DepartedSignatory, ...] = ()
    status: str = "active"
    message: str = ""
    """A note for the user, e.g. that the company was removed from the registry's open data."""

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "name": self.name,
            "status": self.status,
            "changes": [c.as_dict() for c in self.changes],
            "departed_signatories": [d.as_dict() for d in self.departed_signatories],
            "message": self.message,
        }


@dataclass(frozen=True)
class RefreshFailure:
    """A customer the registry could not answer for: nothing about it was changed."""

    org_number: str
    name: str
    message: str
    error: str
    manual_entry_possible: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "name": self.name,
            "message": self.message,
            "error": self.error,
        }


@dataclass(frozen=True)
class RefreshAllResult:
    """The outcome of refreshing every customer."""

    total: int
    results: tuple[RefreshResult, ...]
    failures: tuple[RefreshFailure, ...]
    cancelled: bool = False

    @property
    def changed(self) -> tuple[RefreshResult, ...]:
        return tuple(r for r in self.results if r.changed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "refreshed": len(self.results),
            "changed": [r.as_dict() for r in self.changed],
            "failures": [f.as_dict() for f in self.failures],
            "cancelled": self.cancelled,
        }


@dataclass(frozen=True)
class Eligibility:
    """May a new agreement be issued to this customer? With the reason when not, or a warning."""

    allowed: bool
    reason: str = ""
    warning: str = ""


# -- labels -------------------------------------------------------------------------------------


def status_label(status: str) -> str:
    """The status as the user reads it (translated)."""
    labels = {
        "active": translate("CustomerService", "Active"),
        "deleted": translate("CustomerService", "Deleted"),
        "removed": translate("CustomerService", "Removed from the registry"),
        "bankrupt": translate("CustomerService", "Bankrupt"),
        "liquidation": translate("CustomerService", "Under liquidation"),
        "unverified": translate("CustomerService", "Not verified"),
    }
    return labels.get(status, status)


def field_label(name: str) -> str:
    labels = {
        "name": translate("CustomerService", "Name"),
        "organisation_form": translate("CustomerService", "Organisation form"),
        "business_address": translate("CustomerService", "Business address"),
        "postal_address": translate("CustomerService", "Postal address"),
        "status": translate("CustomerService", "Status"),
        "status_date": translate("CustomerService", "Status date"),
        "vat_registered": translate("CustomerService", "VAT registered"),
        "registry_roles": translate("CustomerService", "Roles"),
        "signing_rule": translate("CustomerService", "Signing rule"),
        "procuration_rule": translate("CustomerService", "Procuration"),
        "signatories": translate("CustomerService", "Signatories"),
    }
    return labels.get(name, name)


def _law_text(text_: str) -> str:
    known = {
        "The owner signs alone.": translate("CustomerService", "The owner signs alone."),
        "Each partner may sign alone.": translate(
            "CustomerService", "Each partner may sign alone."
        ),
        "Each general partner may sign alone.": translate(
            "CustomerService", "Each general partner may sign alone."
        ),
        "The board jointly.": translate("CustomerService", "The board jointly."),
        "The bankruptcy trustee binds the estate.": translate(
            "CustomerService", "The bankruptcy trustee binds the estate."
        ),
    }
    return known.get(text_, text_)


# -- converting registry answers to stored JSON ------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _address_data(address: RegistryAddress | None) -> dict[str, Any] | None:
    if address is None or address.is_empty:
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
        "may_sign": _norm(role.name) in signing,
        "order": role.order,
    }


def _rule_data(rule: SigningRule | None, roles: Sequence[RegistryRole]) -> dict[str, Any] | None:
    """The rule as stored: sets naming a deceased or deregistered person are kept apart as lapsed."""
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
    }


def _norm(name: str) -> str:
    return fold(unicodedata.normalize("NFC", name or ""))


@dataclass(frozen=True)
class _Snapshot:
    """The registry-owned fields of a customer, as stored or as the registry now answers."""

    name: str
    organisation_form: str
    organisation_form_text: str
    business_address: dict[str, Any] | None
    postal_address: dict[str, Any] | None
    status: str
    deleted_on: date | None
    vat_registered: bool
    registry_roles: list[dict[str, Any]] | None
    signing_rule: dict[str, Any] | None
    procuration_rule: dict[str, Any] | None
    signatories: list[dict[str, Any]] | None
    details: dict[str, Any]


def _snapshot_of_lookup(lookup: RegistryLookup) -> _Snapshot:
    """The customer fields a registry answer sets. ``None`` fields: the answer does not say
    (a deleted entity's reduced answer has no addresses, roles or rules): keep what is stored."""
    entity = lookup.entity
    reduced = entity.status == "deleted"
    signatories = lookup.signatories
    signing = {_norm(s.name) for s in signatories}
    form = entity.organisation_form
    details: dict[str, Any] = {
        "retrieved_at": _iso(lookup.retrieved_at),
        "registration_date": _iso(entity.registration_date),
        "business_register_date": _iso(entity.business_register_date),
        "vat_registration_date": _iso(entity.vat_registration_date),
        "founded_date": _iso(entity.founded_date),
        "bankruptcy_date": _iso(entity.bankruptcy_date),
        "liquidation_date": _iso(entity.liquidation_date),
        "deletion_date": _iso(entity.deletion_date),
        "in_business_register": entity.in_business_register,
        "industry_code": entity.industry_code,
        "industry": entity.industry,
        "employees": entity.employees,
        "website": entity.website,
        "email": entity.email,
        "phone": entity.phone,
        "mobile": entity.mobile,
        "former_names": list(entity.former_names),
    }
    return _Snapshot(
        name=entity.name,
        organisation_form=form.code if form else "",
        organisation_form_text=form.description if form else "",
        business_address=None if reduced else _address_data(entity.business_address),
        postal_address=None if reduced else _address_data(entity.postal_address),
        status=entity.status,
        deleted_on=entity.deletion_date,
        vat_registered=entity.vat_registered,
        registry_roles=None if reduced else [_role_data(r, signing) for r in lookup.active_roles],
        signing_rule=None if reduced else _rule_data(lookup.signature_rule, lookup.roles),
        procuration_rule=None if reduced else _rule_data(lookup.procuration_rule, lookup.roles),
        signatories=None if reduced else [_signatory_data(s) for s in signatories],
        details=details,
    )


def _snapshot_of_customer(c: Customer) -> _Snapshot:
    data = c.registry_data if isinstance(c.registry_data, dict) else {}
    return _Snapshot(
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
        details={k: v for k, v in data.items() if k not in _REGISTRY_DATA_OWN_KEYS},
    )


_REGISTRY_DATA_OWN_KEYS = frozenset({"procuration_rule", "signatories", "departed_signatories"})


def _roles_summary(roles: Iterable[Mapping[str, Any]] | None) -> list[str]:
    return sorted(
        f"{r.get('role', '') or r.get('role_code', '')}: {r.get('name', '')}" for r in roles or []
    )


def _rule_summary(rule: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not rule:
        return None
    return {
        "text": rule.get("text", ""),
        "signer_sets": [list(s) for s in rule.get("signer_sets") or []],
        "registered": bool(rule.get("registered")),
    }


def _address_summary(address: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not address:
        return None
    return Address.from_data(address).as_dict()


def _diff(old: _Snapshot, new: _Snapshot) -> list[FieldChange]:
    """Registry-owned fields that differ; fields the new answer does not carry (None) are skipped."""
    changes: list[FieldChange] = []

    def compare(name: str, before: Any, after: Any) -> None:
        if before != after:
            changes.append(FieldChange(name, before, after))

    compare("name", old.name, new.name)
    compare("organisation_form", old.organisation_form, new.organisation_form)
    compare("status", old.status, new.status)
    if new.deleted_on is not None or old.deleted_on is not None:
        compare("status_date", _iso(old.deleted_on), _iso(new.deleted_on))
    compare("vat_registered", old.vat_registered, new.vat_registered)
    if new.business_address is not None or new.status != "deleted":
        compare(
            "business_address",
            _address_summary(old.business_address),
            _address_summary(new.business_address),
        )
    if new.postal_address is not None or new.status != "deleted":
        compare(
            "postal_address",
            _address_summary(old.postal_address),
            _address_summary(new.postal_address),
        )
    if new.registry_roles is not None:
        compare(
            "registry_roles", _roles_summary(old.registry_roles), _roles_summary(new.registry_roles)
        )
    if new.signing_rule is not None:
        compare("signing_rule", _rule_summary(old.signing_rule), _rule_summary(new.signing_rule))
    if new.registry_roles is not None:  # a full answer: no procuration rule means none granted
        compare(
            "procuration_rule",
            _rule_summary(old.procuration_rule),
            _rule_summary(new.procuration_rule),
        )
    return changes


def _view(c: Customer) -> CustomerView:
    data = c.registry_data if isinstance(c.registry_data, dict) else {}
    details = {k: v for k, v in data.items() if k not in _REGISTRY_DATA_OWN_KEYS}
    status_date: date | None = c.deleted_on
    if c.status == "bankrupt":
        status_date = _date(data.get("bankruptcy_date"))
    elif c.status == "liquidation":
        status_date = _date(data.get("liquidation_date"))
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
    )


def _date(value: object) -> date | None:
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
        noticed_on=_date(data.get("noticed_on")),
        person_id=int(pid) if isinstance(pid, int) else None,
    )


def _apply(c: Customer, snap: _Snapshot, departed: list[dict[str, Any]], now: datetime) -> None:
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
        c.signing_rule = snap.signing_rule
        data["procuration_rule"] = snap.procuration_rule
        data["signatories"] = snap.signatories or []
    else:
        data["procuration_rule"] = old_data.get("procuration_rule")
        data["signatories"] = old_data.get("signatories") or []
    data["departed_signatories"] = departed
    c.registry_data = data
    c.verified_at = now


# -- search SQL ------------------------------------------------------------------------------------
#
# A page of the list is found in two steps. First the ids: a search gives the set of matching ids
# (FTS5 rowids, index ranges, contacts: none of these reads a customer row); then the page is cut
# from that set in the wanted order. A small set is sorted directly; a large one is met by walking
# the sort column's covering index in order and stopping after the page (``+c.id`` keeps SQLite
# from driving the query by the id set). Only then are the page's 200 rows read, with the main
# contact joined. Customer rows are wide (registry JSON): reading thousands per keystroke is what
# costs, so nothing does.

COLLECT_LIMIT = 1000
"""Orders other than by name: up to this many matches the ids are sorted directly; above, the sort
index is walked."""

# Relative costs for choosing how to cut a page in name order: reading a customer row (decrypting
# its wide page) is the unit; an index entry or a member of an id set costs a few per cent of it.
_COST_ROW = 1.0
_COST_INDEX_ENTRY = 0.03
_COST_SET_MEMBER = 0.05
_NAME_KEYED_COLUMNS = frozenset({"sort_name", "municipality_key"})
"""Range parts whose index also holds ``sort_name`` and the id: collecting them reads no row."""

_MAIN_CONTACT_SQL = (
    "CASE WHEN p.id IS NULL THEN '' ELSE trim(p.first_name || ' ' || "
    "CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name) END"
)
_MAIN_CONTACT_JOIN = (
    "LEFT JOIN person_role r ON r.customer_id = c.id AND r.role = 'main_contact' "
    "LEFT JOIN person p ON p.id = r.person_id AND p.erased_at IS NULL "
)

_ORDER = {
    "name": "c.sort_name {d}, c.id {d}",
    "org_number": "c.org_number {d}",
    "municipality": "c.municipality_key {d}, c.sort_name {d}, c.id {d}",
    "status": "c.status {d}, c.sort_name {d}, c.id {d}",
    "main_contact": "(p.id IS NULL) ASC, p.last_name COLLATE NOCASE {d}, p.first_name COLLATE NOCASE {d}, "
    "c.sort_name {d}, c.id {d}",
}
_NEEDS_JOIN = frozenset({"main_contact"})


def _order_by(sort: str, descending: bool) -> tuple[str, bool]:
    """The ORDER BY of a sort column, and whether it needs the main contact joined."""
    if sort == "agreement_state" and AGREEMENT_STATE_SQL != "''":  # hook: issues 5/7
        return f"{AGREEMENT_STATE_SQL} {{d}}, c.sort_name {{d}}, c.id {{d}}".format(
            d="DESC" if descending else "ASC"
        ), False
    key = sort if sort in _ORDER else "name"
    return _ORDER[key].format(d="DESC" if descending else "ASC"), key in _NEEDS_JOIN


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


@dataclass(frozen=True)
class SearchPart:
    """One way a search finds customers: as a SELECT of ids, and as a condition on a row ``c``.

    The SELECT serves counting and small result sets; the row condition serves walking the sort
    index (its columns prefixed with ``+`` so SQLite does not drive the query by them).
    """

    ids: str
    row: str
    column: str = ""
    """The column a range part tests ("" for a set: FTS, contacts)."""

    @property
    def keyed(self) -> str:
        """A SELECT of ``(sort_name, id)`` of the part's customers."""
        if self.column:
            return self.ids.replace(
                "SELECT id FROM customer", "SELECT sort_name, id FROM customer", 1
            )
        return f"SELECT sort_name, id FROM customer WHERE id IN ({self.ids})"


def search_ids(search: str) -> tuple[str, dict[str, Any]]:
    """A SELECT of the ids of the customers a search text finds (each once), and its parameters;
    ``("", {})`` for an empty text (every customer). See :func:`search_parts`."""
    parts, params = search_parts(search)
    return " UNION ".join(p.ids for p in parts), params


def _range(column: str, low: str, high: str) -> SearchPart:
    return SearchPart(
        f"SELECT id FROM customer WHERE {column} >= :{low} AND {column} < :{high}",
        f"(+c.{column} >= :{low} AND +c.{column} < :{high})",
        column,
    )


def _set(ids: str) -> SearchPart:
    return SearchPart(ids, f"+c.id IN ({ids})")


NAME_INDEX_COLUMNS = frozenset({"sort_name", "municipality_key", "org_number"})
"""Columns the name order's index (``ix_customer_sort_name``) carries beside the id: a search walking
it in name order tests them without reading a customer row."""


def _walk_condition(parts: Sequence[SearchPart], sort: str) -> str:
    """The WHERE for walking the sort index: covered ranges tested per index entry, the rest by set."""
    if sort in ("name", "agreement_state"):
        covered = [p.row for p in parts if p.column in NAME_INDEX_COLUMNS]
        others = [p.ids for p in parts if p.column not in NAME_INDEX_COLUMNS]
    else:
        covered, others = [], [p.ids for p in parts]
    if others:
        covered.append(f"+c.id IN ({' UNION ALL '.join(others)})")
    return "WHERE (" + " OR ".join(covered) + ") "


def search_parts(search: str) -> tuple[list[SearchPart], dict[str, Any]]:
    """The parts whose ids together are the customers a search text finds, and their parameters.

    Digits (with spaces/dots): org number prefix, and (3+ characters) names containing them.
    Words of 3+ characters: the FTS5 trigram index (substring anywhere in name, org number or
    municipality; every word must match; a 1-2 character word beside them must start a word of
    the name or municipality). Shorter text: a prefix of the name or municipality (indexed sort
    keys). Contact names always count: every word a prefix of a word of the name of a person with
    a role at the customer (the people's own look-up keys).
    """
    raw = " ".join((search or "").split())
    params: dict[str, Any] = {}
    parts: list[SearchPart] = []
    if not raw:
        return parts, params
    digits = org_number_digits(raw)
    if digits:
        params["d0"], params["d1"] = digits, digits + ":"
        parts.append(_range("org_number", "d0", "d1"))
        if len(raw) >= 3:  # names with digits ("24SEVEN 3 AS") are found too
            params["fn"] = "name : " + _fts_phrase(raw)
            parts.append(_set("SELECT rowid FROM customer_search WHERE customer_search MATCH :fn"))
        return parts, params
    words = raw.split()
    long_words = [w for w in words if len(w) >= 3]
    if long_words:
        params["fts"] = " AND ".join(_fts_phrase(w) for w in long_words)
        fts = "SELECT rowid FROM customer_search WHERE customer_search MATCH :fts"
        conditions = []
        for i, word in enumerate(w for w in words if len(w) < 3):
            key = _like_escape(sort_key(word))
            if not key:
                continue
            params[f"s{i}"], params[f"t{i}"] = f"{key}%", f"% {key}%"
            conditions.append(
                f"(sort_name LIKE :s{i} ESCAPE '\\' OR sort_name LIKE :t{i} ESCAPE '\\'"
                f" OR municipality_key LIKE :s{i} ESCAPE '\\' OR municipality_key LIKE :t{i} ESCAPE '\\')"
            )
        if conditions:
            fts = f"SELECT id FROM customer WHERE id IN ({fts}) AND " + " AND ".join(conditions)
        parts.append(_set(fts))
    else:
        key = sort_key(raw)
        params["p0"], params["p1"] = key, prefix_upper_bound(key)
        parts.append(_range("sort_name", "p0", "p1"))
        parts.append(_range("municipality_key", "p0", "p1"))
    tokens = name_tokens(raw)[:6]
    if tokens:
        selects = []
        for i, token in enumerate(tokens):
            params[f"k{i}"], params[f"u{i}"] = token, prefix_upper_bound(token)
            selects.append(
                f"SELECT person_id FROM person_search_key WHERE kind = 'name' AND value >= :k{i} AND value < :u{i}"
            )
        parts.append(
            _set(
                "SELECT customer_id FROM person_role WHERE person_id IN ("
                + " INTERSECT ".join(selects)
                + ")"
            )
        )
    return parts, params


def preview(lookup: RegistryLookup) -> CustomerView:
    """The card of a registry answer, as it would be stored (``id`` None: not stored)."""
    c = Customer(org_number=lookup.entity.org_number)
    _apply(c, _snapshot_of_lookup(lookup), [], lookup.retrieved_at or utcnow())
    return replace(_view(c), id=None, created_at=None, updated_at=None)


# -- the service -----------------------------------------------------------------------------------


class CustomerService:
    """Use cases for customers. Writes take ``actor`` (``owner`` in the GUI, ``cli``, ``demo``).

    Args:
        store: the open store.
        registry_settings: how to reach the registry; None reads ``CONTRACTDESK_REGISTRY_URL``
            (default ``https://data.brreg.no``) when the registry is first used.
    """

    def __init__(self, store: Store, *, registry_settings: RegistrySettings | None = None) -> None:
        self._store = store
        self._settings = registry_settings
        self._client: RegistryClient | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"CustomerService({self._store!r})"

    # -- the registry client ------------------------------------------------------------------------

    def configure_registry(self, settings: RegistrySettings | None) -> None:
        """Use other registry settings from now on (None: from the environment on next use)."""
        with self._lock:
            old, self._client, self._settings = self._client, None, settings
        if old is not None:
            old.close()

    @property
    def registry(self) -> RegistryClient:
        """The shared registry client (thread-safe), created on first use."""
        with self._lock:
            if self._client is None:
                self._client = RegistryClient(self._settings or RegistrySettings.from_env())
            return self._client

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    # -- registry look-ups (no store change) ---------------------------------------------------------

    def fetch(self, org_number: str, *, cancel: CancelCheck = None) -> RegistryLookup:
        """Everything the registry knows about one organisation (entity, roles, signing rules).

        Raises:
            InvalidOrgNumberError: before any request.
            RegistryError: a named registry problem (``manual_entry_possible`` says whether to
                offer registering by hand).
        """
        return self.registry.lookup(self.parse_org_number(org_number), cancel=cancel)

    def search_registry(
        self, name: str, *, page: int = 0, size: int | None = None, cancel: CancelCheck = None
    ) -> SearchPage:
        """One page of the registry's name search (``page`` from 0; ``size`` None: the registry's 20).

        Raises:
            UserError: empty or too long text. RegistryError: as :meth:`fetch`.
        """
        try:
            return self.registry.search(name, page=page, size=size, cancel=cancel)
        except ValueError as exc:
            if isinstance(exc, RegistryError):
                raise
            raise UserError(
                translate("CustomerService", "Type 1 to 180 characters of the name to search for."),
                field="name",
            ) from None

    def preview(self, lookup: RegistryLookup) -> CustomerView:
        """The card of a registry answer before it is saved (not stored)."""
        return preview(lookup)

    # -- registering -------------------------------------------------------------------------------

    @staticmethod
    def parse_org_number(text_: str) -> str:
        """The 9 digits of an org number typed by the user.

        Raises:
            InvalidOrgNumberError: wrong length, checksum or first digit (no request is made).
        """
        try:
            return parse_org_number(text_)
        except InvalidOrgNumber as exc:
            raise InvalidOrgNumberError(text_, _org_reason(str(exc))) from None

    def register(
        self, org_number: str, *, cancel: CancelCheck = None, actor: str = "owner"
    ) -> CustomerView:
        """Fetch the organisation from the registry and register it as a customer.

        Raises:
            InvalidOrgNumberError, CustomerExistsError: before any request.
            RegistryError: the registry could not answer; nothing was stored.
            UserError: the number belongs to a sub-unit (register its main entity).
        """
        number = self.parse_org_number(org_number)
        self._refuse_existing(number)
        lookup = self.registry.lookup(number, cancel=cancel)
        return self.register_lookup(lookup, actor=actor)

    def register_lookup(self, lookup: RegistryLookup, *, actor: str = "owner") -> CustomerView:
        """Register the organisation of a registry answer already fetched (e.g. shown on a card)."""
        entity = lookup.entity
        number = self.parse_org_number(entity.org_number)
        if entity.is_sub_unit:
            parent = (
                format_org_number(entity.parent_org_number) if entity.parent_org_number else "?"
            )
            raise UserError(
                fill(
                    translate(
                        "CustomerService",
                        "%1 is a sub-unit (a branch); register its main entity %2 instead.",
                    ),
                    format_org_number(number),
                    parent,
                ),
                field="org_number",
            )
        snap = _snapshot_of_lookup(lookup)
        with self._store.session() as s:
            self._refuse_existing(number, s)
            c = Customer(org_number=number, registry_roles=[])
            _apply(c, snap, [], lookup.retrieved_at or utcnow())
            s.add(c)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="customer.registered",
                entity_type="customer",
                entity_id=number,
                payload={"source": "registry", "name": c.name, "status": c.status},
            )
            return _view(c)

    def register_offline(self, data: OfflineCustomer, *, actor: str = "owner") -> CustomerView:
        """Register a customer by hand (the registry cannot be reached); it stays "not verified"
        (status ``unverified``) until a refresh succeeds, which then takes the registry's values.

        Raises:
            InvalidOrgNumberError, CustomerExistsError, UserError (a bad field).
        """
        number = self.parse_org_number(data.org_number)
        name = clean_text(
            data.name, field=translate("CustomerService", "Name"), required=True, max_len=500
        )
        lines = tuple(
            line
            for line in (
                clean_text(x, field=translate("CustomerService", "Address"), max_len=200)
                for x in data.address_lines
            )
            if line
        )
        if len(lines) > 4:
            raise UserError(
                translate("CustomerService", "Address: at most 4 lines"), field="address"
            )
        postcode = clean_text(
            data.postcode, field=translate("CustomerService", "Postcode"), max_len=20
        )
        city = clean_text(data.city, field=translate("CustomerService", "City"), max_len=100)
        municipality = clean_text(
            data.municipality, field=translate("CustomerService", "Municipality"), max_len=100
        )
        country_code = clean_text(
            data.country_code, field=translate("CustomerService", "Country code"), max_len=2
        ).upper()
        country = clean_text(
            data.country, field=translate("CustomerService", "Country"), max_len=100
        )
        address = None
        if lines or postcode or city or municipality:
            address = {
                "lines": list(lines),
                "postcode": postcode,
                "city": city,
                "municipality": municipality,
                "municipality_number": "",
                "country_code": country_code,
                "country": country,
            }
        with self._store.session() as s:
            self._refuse_existing(number, s)
            c = Customer(
                org_number=number,
                name=name,
                status="unverified",
                business_address=address,
                registry_roles=[],
                signing_rule=None,
                registry_data=None,
                verified_at=None,
            )
            s.add(c)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="customer.registered",
                entity_type="customer",
                entity_id=number,
                payload={"source": "manual", "name": name, "status": "unverified"},
            )
            return _view(c)

    # -- reading -------------------------------------------------------------------------------------

    def get(self, org_number: str) -> CustomerView:
        """The customer's card.

        Raises:
            InvalidOrgNumberError, NotFoundError.
        """
        number = self.parse_org_number(org_number)
        with self._store.session() as s:
            return _view(self._customer(s, number))

    def exists(self, org_number: str) -> bool:
        number = self.parse_org_number(org_number)
        with self._store.session() as s:
            return (
                s.execute(select(Customer.id).where(Customer.org_number == number)).first()
                is not None
            )

    def may_issue_agreement(self, org_number: str) -> bool:
        """False for a deleted or removed customer, and for bankrupt ones or those under liquidation."""
        return self.agreement_eligibility(org_number).allowed

    def agreement_eligibility(self, org_number: str) -> Eligibility:
        """Whether a new agreement may be issued, with the reason (or a warning) for the user."""
        view = self.get(org_number)
        if view.status in BLOCKED_STATUSES:
            reasons = {
                "deleted": translate(
                    "CustomerService",
                    "The company is deleted in the registry: no new agreement can be issued.",
                ),
                "removed": translate(
                    "CustomerService",
                    "The company was removed from the registry's open data: no new agreement can be issued.",
                ),
                "bankrupt": translate(
                    "CustomerService",
                    "The company is bankrupt: the estate is bound by its trustee; "
                    "no new agreement is issued.",
                ),
                "liquidation": translate(
                    "CustomerService",
                    "The company is under liquidation: no new agreement is issued.",
                ),
            }
            return Eligibility(False, reason=reasons[view.status])
        if view.status == "unverified":
            return Eligibility(
                True,
                warning=translate(
                    "CustomerService",
                    "The customer is not verified against the registry: refresh it first.",
                ),
            )
        if view.needs_manual_confirmation:
            return Eligibility(
                True,
                warning=translate(
                    "CustomerService",
                    "No signing rule is registered: confirm by hand who may sign.",
                ),
            )
        return Eligibility(True)

    def list_customers(
        self, query: CustomerQuery | None = None, *, offset: int = 0, limit: int = PAGE_SIZE
    ) -> list[CustomerRow]:
        """One page of the customer list, filtered and ordered in SQL.

        Args:
            query: search text and sort column (one of :data:`SORT_COLUMNS`; unknown: name).
            offset, limit: the page (``limit`` at most :data:`MAX_PAGE_SIZE`).
        """
        query = query or CustomerQuery()
        limit = max(0, min(int(limit), MAX_PAGE_SIZE))
        offset = max(0, int(offset))
        parts, params = search_parts(query.search)
        order, join = _order_by(query.sort, query.descending)
        params.update(limit=limit, offset=offset)
        direction = "DESC" if query.descending else "ASC"
        with self._store.session() as s:
            page_sql = ""
            if not parts:
                where = ""
            else:
                counts = list(
                    s.execute(
                        text(
                            "SELECT "
                            + ", ".join(f"(SELECT count(*) FROM ({p.ids}))" for p in parts)
                        ),
                        params,
                    ).one()
                )
                found = sum(
                    int(n or 0) for n in counts
                )  # an upper bound: an id may be in several parts
                if found == 0:
                    return []
                by_name = query.sort in ("name", "agreement_state") and not join
                if by_name:
                    rows_total = int(
                        s.execute(text("SELECT coalesce(max(id), 0) FROM customer")).scalar() or 0
                    )
                    keyed = sum(
                        n
                        for p, n in zip(parts, counts, strict=True)
                        if p.column in _NAME_KEYED_COLUMNS
                    )
                    collect = _COST_INDEX_ENTRY * keyed + _COST_ROW * (found - keyed)
                    visited = min(rows_total, (offset + limit) * rows_total / found)
                    walk = _COST_INDEX_ENTRY * visited + _COST_SET_MEMBER * sum(
                        n
                        for p, n in zip(parts, counts, strict=True)
                        if p.column not in NAME_INDEX_COLUMNS
                    )
                    if (
                        collect <= walk
                    ):  # sort the matches' (sort_name, id), read from indexes where held
                        page_sql = (
                            "SELECT id FROM (" + " UNION ".join(p.keyed for p in parts) + ") "
                            f"ORDER BY sort_name {direction}, id {direction} LIMIT :limit OFFSET :offset"
                        )
                    where = _walk_condition(parts, query.sort)
                elif found > COLLECT_LIMIT and not join:  # walk the sort index in order
                    where = _walk_condition(parts, query.sort)
                else:
                    where = f"WHERE c.id IN ({' UNION ALL '.join(p.ids for p in parts)}) "
            page_sql = page_sql or (
                "SELECT c.id FROM customer c "
                + (_MAIN_CONTACT_JOIN if join else "")
                + where
                + f"ORDER BY {order} LIMIT :limit OFFSET :offset"
            )
            # Hundreds of rows per keystroke: the driver's cursor directly (same transaction),
            # without SQLAlchemy's per-row result objects.
            cursor = s.connection().connection.cursor()
            try:
                cursor.execute(page_sql, params)
                page = [r[0] for r in cursor.fetchall()]
                if not page:
                    return []
                cursor.execute(
                    f"SELECT c.id, c.org_number, c.name, c.municipality, c.status, {_MAIN_CONTACT_SQL}, "
                    f"{AGREEMENT_STATE_SQL} FROM customer c "
                    + _MAIN_CONTACT_JOIN
                    + f"WHERE c.id IN ({', '.join(str(int(i)) for i in page)})"
                )
                details = {r[0]: r for r in cursor.fetchall()}
            finally:
                cursor.close()
        rows = (details[i] for i in page if i in details)
        return [CustomerRow(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6] or "") for r in rows]

    def count(self, search: str = "") -> int:
        """How many customers the search finds (all customers without one)."""
        ids_sql, params = search_ids(search)
        sql = f"SELECT count(*) FROM ({ids_sql})" if ids_sql else "SELECT count(*) FROM customer"
        with self._store.session() as s:
            return int(s.execute(text(sql), params).scalar() or 0)

    def org_numbers(self) -> list[str]:
        """Every customer's org number, in list order (by name)."""
        with self._store.session() as s:
            return list(
                s.execute(
                    select(Customer.org_number).order_by(Customer.sort_name, Customer.id)
                ).scalars()
            )

    # -- refreshing ----------------------------------------------------------------------------------

    def refresh(
        self, org_number: str, *, cancel: CancelCheck = None, actor: str = "owner"
    ) -> RefreshResult:
        """Fetch the customer again and take the registry's values (terms §7: the registry is right).

        The changed fields come back as a diff and go to the audit log; a signatory who no longer
        holds a signing role is flagged. A 410 (removed from open data) sets the status to
        ``removed`` and changes nothing else.

        Raises:
            InvalidOrgNumberError, NotFoundError: before any request.
            RegistryError: a bad answer; the stored customer is untouched.
        """
        number = self.parse_org_number(org_number)
        with self._store.session() as s:
            self._customer(s, number)
        try:
            lookup = self.registry.lookup(number, cancel=cancel)
        except Removed:
            return self._mark_removed(number, actor)
        if lookup.entity.org_number != number:  # the client checks this too; never store a mix-up
            raise RegistryError(detail=f"asked for {number}, got {lookup.entity.org_number}")
        return self._take(number, lookup, actor)

    def refresh_all(
        self,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        actor: str = "owner",
    ) -> RefreshAllResult:
        """Refresh every customer, one at a time, each in its own transaction.

        Args:
            progress: called with (done, total, org number) before each customer and at the end.
            cancel: set it to stop; customers already refreshed stay refreshed.

        A customer the registry cannot answer for is listed in ``failures`` and left untouched.
        """
        numbers = self.org_numbers()
        total = len(numbers)
        results: list[RefreshResult] = []
        failures: list[RefreshFailure] = []
        cancelled = False
        for done, number in enumerate(numbers):
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
            if progress is not None:
                progress(done, total, format_org_number(number))
            try:
                results.append(self.refresh(number, cancel=cancel, actor=actor))
            except Cancelled:
                cancelled = True
                break
            except (RegistryError, UserError) as exc:
                name = self._name_of(number)
                failures.append(
                    RefreshFailure(
                        org_number=number,
                        name=name,
                        message=str(exc),
                        error=type(exc).__name__,
                        manual_entry_possible=bool(getattr(exc, "manual_entry_possible", False)),
                    )
                )
        if progress is not None:
            progress(len(results) + len(failures), total, "")
        return RefreshAllResult(
            total=total, results=tuple(results), failures=tuple(failures), cancelled=cancelled
        )

    # -- internals -----------------------------------------------------------------------------------

    def _take(self, number: str, lookup: RegistryLookup, actor: str) -> RefreshResult:
        new = _snapshot_of_lookup(lookup)
        today = datetime.now(UTC).date()
        with self._store.session() as s:
            c = self._customer(s, number)
            old = _snapshot_of_customer(c)
            changes = _diff(old, new)
            departed_now, departed_all = self._departed(s, c, old, new, today)
            _apply(c, new, departed_all, lookup.retrieved_at or utcnow())
            if changes or departed_now:
                audit.append(
                    s,
                    actor=actor,
                    action="customer.refreshed",
                    entity_type="customer",
                    entity_id=number,
                    payload={
                        "changes": [ch.as_dict() for ch in changes],
                        "departed_signatories": [d.name for d in departed_now],
                    },
                )
            return RefreshResult(
                org_number=number,
                name=c.name,
                changes=tuple(changes),
                departed_signatories=tuple(departed_now),
                status=c.status,
            )

    def _mark_removed(self, number: str, actor: str) -> RefreshResult:
        message = translate(
            "CustomerService",
            "The company was removed from the registry's open data. Its status is now "
            "“removed”; the stored data was kept.",
        )
        with self._store.session() as s:
            c = self._customer(s, number)
            changes: list[FieldChange] = []
            if c.status != "removed":
                changes.append(FieldChange("status", c.status, "removed"))
                c.status = "removed"
                audit.append(
                    s,
                    actor=actor,
                    action="customer.refreshed",
                    entity_type="customer",
                    entity_id=number,
                    payload={"changes": [ch.as_dict() for ch in changes], "registry": "410"},
                )
            return RefreshResult(
                org_number=number,
                name=c.name,
                changes=tuple(changes),
                status=c.status,
                message=message,
            )

    def _departed(
        self, s: Session, c: Customer, old: _Snapshot, new: _Snapshot, today: date
    ) -> tuple[list[DepartedSignatory], list[dict[str, Any]]]:
        """Signatories no longer in the registry: (newly flagged now, the stored list to keep)."""
        data = c.registry_data if isinstance(c.registry_data, dict) else {}
        kept = [d for d in data.get("departed_signatories") or [] if isinstance(d, Mapping)]
        if new.signatories is None:  # a reduced answer says nothing about signatories
            return [], [dict(d) for d in kept]
        current = {_norm(str(x.get("name") or "")) for x in new.signatories}
        flagged: dict[str, DepartedSignatory] = {}
        for prev in old.signatories or []:
            name = str(prev.get("name") or "")
            if name and _norm(name) not in current:
                flagged[_norm(name)] = DepartedSignatory(
                    name, tuple(prev.get("roles") or ()), today
                )
        registered = s.execute(
            select(Person, PersonRole.role)
            .join(PersonRole, PersonRole.person_id == Person.id)
            .where(
                PersonRole.customer_id == c.id,
                PersonRole.role.in_(("signatory", "general_manager")),
                PersonRole.source == "registry",
                Person.erased_at.is_(None),
            )
        ).all()
        for person, _role in registered:
            name = full_name(person.first_name, person.middle_name, person.last_name)
            key = _norm(name)
            if key and key not in current:
                before = flagged.get(key)
                flagged[key] = DepartedSignatory(
                    name, before.roles if before else (), today, person.id
                )
        already = {_norm(str(d.get("name") or "")) for d in kept}
        newly = [d for k, d in flagged.items() if k not in already]
        keep = [dict(d) for d in kept if _norm(str(d.get("name") or "")) not in current]
        keep += [
            {
                "name": d.name,
                "roles": list(d.roles),
                "noticed_on": _iso(d.noticed_on),
                "person_id": d.person_id,
            }
            for d in newly
        ]
        return newly, keep

    def _name_of(self, number: str) -> str:
        with self._store.session() as s:
            return str(
                s.execute(select(Customer.name).where(Customer.org_number == number)).scalar() or ""
            )

    def _refuse_existing(self, number: str, s: Session | None = None) -> None:
        if s is None:
            with self._store.session() as own:
                return self._refuse_existing(number, own)
        name = s.execute(select(Customer.name).where(Customer.org_number == number)).scalar()
        if name is not None:
            raise CustomerExistsError(number, name)
        return None

    @staticmethod
    def _customer(s: Session, number: str) -> Customer:
        c = s.execute(select(Customer).where(Customer.org_number == number)).scalar()
        if c is None:
            raise NotFoundError(
                fill(
                    translate("CustomerService", "No customer with organisation number %1."),
                    format_org_number(number),
                )
            )
        return c


def _org_reason(message: str) -> str:
    reasons = {
        "An organisation number has 9 digits": translate(
            "CustomerService", "An organisation number has 9 digits."
        ),
        "An organisation number starts with 8 or 9": translate(
            "CustomerService", "An organisation number starts with 8 or 9."
        ),
        "The organisation number's check digit is wrong": translate(
            "CustomerService", "The check digit is wrong."
        ),
    }
    return reasons.get(message, message)


def count_by_status(store: Store) -> dict[str, int]:
    """Customers per status (every status present, zero included)."""
    with store.session() as s:
        found: dict[str, int] = {
            str(status): int(n)
            for status, n in s.execute(
                select(Customer.status, func.count()).group_by(Customer.status)
            )
        }
    return {status: int(found.get(status, 0)) for status in CUSTOMER_STATUSES}


__all__ = [
    "PAGE_SIZE",
    "SORT_COLUMNS",
    "Address",
    "CustomerExistsError",
    "CustomerQuery",
    "CustomerRow",
    "CustomerService",
    "CustomerView",
    "DepartedSignatory",
    "Eligibility",
    "FieldChange",
    "InvalidOrgNumberError",
    "OfflineCustomer",
    "RefreshAllResult",
    "RefreshFailure",
    "RefreshResult",
    "RoleEntry",
    "SearchPart",
    "SignatoryView",
    "SigningRuleView",
    "count_by_status",
    "field_label",
    "preview",
    "search_ids",
    "search_parts",
    "status_label",
]

"""The customer DTOs (frozen dataclasses): what crosses threads and reaches the GUI and the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from contractdesk.domain.address import Address
from contractdesk.domain.customers import SORT_COLUMNS, may_issue_agreement
from contractdesk.domain.orgnr import format_org_number
from contractdesk.domain.registry_snapshot import FieldChange
from contractdesk.services.customers.labels import law_text

__all__ = [
    "SORT_COLUMNS",
    "Address",
    "CustomerQuery",
    "CustomerRow",
    "CustomerView",
    "DepartedSignatory",
    "Eligibility",
    "FieldChange",
    "OfflineCustomer",
    "Remark",
    "RoleEntry",
    "SignatoryView",
    "SigningRuleView",
]


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
    elected_by: str = ""
    """Who elected the board member (valgtAv), e.g. "Representant for A-aksjonærene"."""
    liability_share: str = ""
    """A partner's share of the obligations (ansvarsandel), e.g. "50%"."""
    capacity_limited: bool = False
    """Restricted legal capacity or a confirmed lasting power of attorney: cannot sign alone."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "role_code": self.role_code,
            "role": self.role,
            "name": self.name,
            "group_code": self.group_code,
            "group": self.group,
            "holder_kind": self.holder_kind,
            "may_sign": self.may_sign,
            "elected_by": self.elected_by,
            "liability_share": self.liability_share,
            "capacity_limited": self.capacity_limited,
        }


@dataclass(frozen=True)
class SigningRuleView:
    """A signing rule: its text and the sets of persons that together may sign.

    ``registered`` False: the registry holds no rule; ``basis`` says where ``signer_sets`` came
    from (``registry``, ``law`` for the organisation form, ``none``). Then, and where the
    registry gives the rule only as text it could not interpret (not standardised), the user
    must confirm by hand who signs; ``confirmed_*`` record that confirmation.
    """

    kind: str = "signature"
    text: str = ""
    signer_sets: tuple[tuple[str, ...], ...] = ()
    registered: bool = False
    basis: str = "none"
    rule_status: str = ""
    lapsed_sets: tuple[tuple[str, ...], ...] = ()
    """Sets the registry lists that name a deceased or deregistered person: they cannot sign."""
    confirmed_sets: tuple[tuple[str, ...], ...] = ()
    """The signer sets the user confirmed by hand (for this rule text)."""
    confirmed_by: str = ""
    confirmed_at: datetime | None = None

    @property
    def standardised(self) -> bool:
        """False where the registry marks the rule not standardised or not interpretable."""
        return self.rule_status in ("", "RF")

    @property
    def confirmed(self) -> bool:
        return bool(self.confirmed_sets and self.confirmed_by)

    @property
    def needs_manual_confirmation(self) -> bool:
        return (not self.registered or not self.signer_sets) and not self.confirmed

    @property
    def effective_sets(self) -> tuple[tuple[str, ...], ...]:
        """The sets that may sign: confirmed by hand where the registry gave none usable."""
        if self.confirmed and (not self.registered or not self.signer_sets):
            return self.confirmed_sets
        return self.signer_sets

    @property
    def display_text(self) -> str:
        """The rule's text; a statutory rule's (English) text translated."""
        return law_text(self.text) if self.basis == "law" else self.text

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "signer_sets": [list(s) for s in self.signer_sets],
            "lapsed_sets": [list(s) for s in self.lapsed_sets],
            "registered": self.registered,
            "basis": self.basis,
            "rule_status": self.rule_status,
            "standardised": self.standardised,
            "needs_manual_confirmation": self.needs_manual_confirmation,
            "confirmed_sets": [list(s) for s in self.confirmed_sets],
            "confirmed_by": self.confirmed_by,
            "confirmed_at": self.confirmed_at,
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
            confirmed_sets=sets("confirmed_sets"),
            confirmed_by=str(data.get("confirmed_by") or ""),
            confirmed_at=_moment(data.get("confirmed_at")),
        )


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class SignatoryView:
    """A person entitled by the registry to sign (alone or with others)."""

    name: str
    role_codes: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    may_sign_alone: bool = False
    capacity_limited: bool = False
    """Restricted legal capacity or a lasting power of attorney: cannot sign alone — check."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role_codes": list(self.role_codes),
            "roles": list(self.roles),
            "may_sign_alone": self.may_sign_alone,
            "capacity_limited": self.capacity_limited,
        }


@dataclass(frozen=True)
class Remark:
    """A registry remark (påtegning) as stored: what it is about, its text, when entered."""

    info_type: str
    text: str
    entered_on: str = ""
    """ISO date, or "" when the registry gives none."""

    def as_dict(self) -> dict[str, Any]:
        return {"info_type": self.info_type, "text": self.text, "entered_on": self.entered_on}


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
    version: int | None = field(default=None, compare=False)
    """The stored record's version when read (optimistic locking); None for a preview."""

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

    @property
    def remarks(self) -> tuple[Remark, ...]:
        """The registry's remarks (påtegninger), e.g. that the address is probably wrong."""
        found = self.details.get("remarks") or ()
        return tuple(
            Remark(
                str(r.get("info_type") or ""),
                str(r.get("text") or ""),
                str(r.get("entered_on") or ""),
            )
            for r in found
            if isinstance(r, Mapping)
        )

    @property
    def invoice_address(self) -> Address:
        """Where paper goes: the postal address (c/o, postboks) if any, else the business one."""
        if self.postal_address.has_street_or_place:
            return self.postal_address
        return self.business_address

    def as_dict(self) -> dict[str, Any]:
        """The ``customer show --json`` document."""
        return {
            "org_number": self.org_number,
            "version": self.version,
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
            "remarks": [r.as_dict() for r in self.remarks],
            "invoice_address": self.invoice_address.as_dict(),
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
class Eligibility:
    """May a new agreement be issued to this customer? With the reason when not, or a warning."""

    allowed: bool
    reason: str = ""
    warning: str = ""

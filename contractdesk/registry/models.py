"""Frozen, typed views of registry answers (entities, roles, signing rules, search pages, updates).

These objects cross threads safely and carry no HTTP or JSON details. Text from the registry
is kept verbatim (no stripping of ``<`` or ``&``): escape it wherever it is shown or printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from contractdesk.domain.address import Address

EntityStatus = Literal[
    "active",
    "deleted",
    "removed",
    "bankrupt",
    "liquidation",
    "forced_dissolution",
    "reconstruction",
    "closed",
]
"""``deleted``: slettet (200 ``SlettetEnhet``); ``removed``: 410, gone from open data;
``bankrupt``: konkurs; ``liquidation``: under avvikling (winding-up); ``forced_dissolution``:
under tvangsavvikling or tvangsoppløsning; ``reconstruction``: in reconstruction negotiations
(``underRekonstruksjonsforhandlingDato``); ``closed``: a sub-unit with ``nedleggelsesdato``
(closed, not yet deleted)."""

SUB_UNIT_FORMS = frozenset({"BEDR", "AAFY"})
"""Organisation forms of sub-units (underenheter): a business's or a public body's unit."""

SigningKind = Literal["signature", "procuration"]
"""``signature``: signatur (binds the company); ``procuration``: prokura."""

RuleBasis = Literal["registry", "law", "none"]
"""Where a signing rule comes from: the registry's signature/procuration service, the law
for the organisation form (sole proprietor, partners, the board jointly), or nothing known."""

HolderKind = Literal["person", "entity", "trustee"]


@dataclass(frozen=True)
class OrganisationForm:
    """Organisation form, e.g. ``AS`` / ``Aksjeselskap``; ``ENK`` / ``Enkeltpersonforetak``."""

    code: str
    description: str


RegistryAddress = Address
"""A business, postal or location address as the registry holds it (the one address value)."""


@dataclass(frozen=True)
class Remark:
    """A registry remark (påtegning), e.g. "the address is probably wrong"; shown as given."""

    info_type: str
    """What the remark is about: ``NAVN``, ``FADR`` (business address), ``PADR`` …"""
    text: str
    entered_on: date | None = None


@dataclass(frozen=True)
class RegistryEntity:
    """One organisation (main entity or sub-unit) from Enhetsregisteret.

    For a deleted entity (``status == "deleted"``) the registry sends only the org number,
    name, organisation form and deletion date; the other fields are empty.
    """

    org_number: str
    name: str
    organisation_form: OrganisationForm | None
    business_address: RegistryAddress | None
    postal_address: RegistryAddress | None
    vat_registered: bool
    status: EntityStatus
    deletion_date: date | None = None
    bankruptcy_date: date | None = None
    liquidation_date: date | None = None
    registration_date: date | None = None
    """registreringsdatoEnhetsregisteret: date of entry in the Central Coordinating Register."""
    business_register_date: date | None = None
    """registreringsdatoForetaksregisteret."""
    vat_registration_date: date | None = None
    founded_date: date | None = None
    in_business_register: bool = False
    """registrertIForetaksregisteret: only then can signature/procuration rules be registered."""
    is_sub_unit: bool = False
    parent_org_number: str | None = None
    industry_code: str = ""
    industry: str = ""
    employees: int | None = None
    website: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    former_names: tuple[str, ...] = ()
    forced_dissolution_date: date | None = None
    reconstruction_date: date | None = None
    closed_date: date | None = None
    """nedleggelsesdato: a sub-unit closed down."""
    remarks: tuple[Remark, ...] = ()

    @property
    def is_deleted(self) -> bool:
        return self.status == "deleted"

    @property
    def may_receive_new_agreement(self) -> bool:
        """False for deleted, removed, bankrupt companies and those under liquidation."""
        return self.status == "active"

    @property
    def status_date(self) -> date | None:
        """The date belonging to the status (deletion, bankruptcy, liquidation), if known."""
        return {
            "deleted": self.deletion_date,
            "bankrupt": self.bankruptcy_date,
            "liquidation": self.liquidation_date,
            "forced_dissolution": self.forced_dissolution_date,
            "reconstruction": self.reconstruction_date,
            "closed": self.closed_date,
        }.get(self.status)


@dataclass(frozen=True)
class RegistryRole:
    """One role holder from ``/enheter/{orgnr}/roller``: a person, an entity or a trustee."""

    role_code: str
    """Role type code, e.g. ``DAGL``, ``LEDE``, ``MEDL``, ``INNH``, ``SIFE``, ``POHV``."""
    role: str
    """The registry's description of the role, e.g. ``Styrets leder``."""
    group_code: str
    group: str
    holder_kind: HolderKind
    name: str
    """Person: ``first middle last``; entity: its name lines joined; trustee: as given."""
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    birth_date: date | None = None
    entity_org_number: str | None = None
    deceased: bool = False
    """erDoed: the person is dead."""
    deregistered: bool = False
    """avregistrert (or the older ``fratraadt``): the person no longer holds the role."""
    entity_deleted: bool = False
    """erSlettet: the entity holding the role is deleted."""
    order: int = 0
    elected_by: str = ""
    """valgtAv: who elected the board member, e.g. ``Representant for A-aksjonærene``."""
    elected_by_code: str = ""
    liability_share: str = ""
    """ansvarsandel: a partner's share of the company's obligations, e.g. ``50%`` or ``1/3``."""
    restricted_capacity: bool = False
    """begrensetRettsligHandleevne: the person's legal capacity is restricted."""
    lasting_power_of_attorney: bool = False
    """stadfestetFremtidsfullmakt: a confirmed lasting power of attorney is in force."""

    @property
    def active(self) -> bool:
        """True unless the holder is deceased, deregistered or a deleted entity."""
        return not (self.deceased or self.deregistered or self.entity_deleted)

    @property
    def capacity_limited(self) -> bool:
        """Facts that limit what the person can do alone: check before they sign."""
        return self.restricted_capacity or self.lasting_power_of_attorney


@dataclass(frozen=True)
class RulePerson:
    """A person named by the signature/procuration service (name and birth date as registered)."""

    name: str
    birth_date: date | None = None
    role_code: str = ""
    role: str = ""


@dataclass(frozen=True)
class SigningRule:
    """Who may sign for the organisation: the rule's text and the sets of persons that suffice.

    Each entry of ``signer_sets`` is one sufficient combination: a one-name set may sign
    alone; a larger set must sign together. ``registered`` is False where the registry holds
    no rule (associations, foreign branches, sole proprietorships …): the caller must tell
    the user to confirm by hand. ``basis`` says where ``signer_sets`` came from.
    """

    kind: SigningKind
    text: str
    signer_sets: tuple[tuple[str, ...], ...]
    registered: bool
    basis: RuleBasis = "registry"
    persons: tuple[RulePerson, ...] = ()
    """Every person the rule names, with birth date and role, for matching against roles."""
    rule_status: str = ""
    """Rule status: ``RF`` (rule found), ``RI`` (not registered/standardised), or ``""``."""

    @property
    def standardised(self) -> bool:
        """False where the registry marks the rule not standardised/interpretable (not ``RF``)."""
        return self.rule_status in ("", "RF")

    @property
    def needs_manual_confirmation(self) -> bool:
        """No rule, or a rule the registry gives only as free text: confirm the signers by hand."""
        return not self.registered or not self.signer_sets


@dataclass(frozen=True)
class Signatory:
    """A person (or entity) entitled to sign, with the role codes that entitle them."""

    name: str
    role_codes: tuple[str, ...]
    roles: tuple[str, ...]
    birth_date: date | None = None
    org_number: str | None = None
    may_sign_alone: bool = False
    """True if some registered or statutory signer set holds this signatory alone."""
    capacity_limited: bool = False
    """Restricted legal capacity or a lasting power of attorney: cannot sign alone — check."""


@dataclass(frozen=True)
class SearchPage:
    """One page of a name search. ``page`` counts from 0."""

    items: tuple[RegistryEntity, ...]
    page: int
    total_pages: int
    total: int
    size: int = 20

    @property
    def has_next(self) -> bool:
        return self.page + 1 < self.total_pages


@dataclass(frozen=True)
class RegistryLookup:
    """Everything the registry knows about one organisation, fetched in one go."""

    entity: RegistryEntity
    roles: tuple[RegistryRole, ...] = ()
    signing_rules: tuple[SigningRule, ...] = ()
    retrieved_at: datetime | None = None

    @property
    def signature_rule(self) -> SigningRule | None:
        return next((r for r in self.signing_rules if r.kind == "signature"), None)

    @property
    def procuration_rule(self) -> SigningRule | None:
        return next((r for r in self.signing_rules if r.kind == "procuration"), None)

    @property
    def active_roles(self) -> tuple[RegistryRole, ...]:
        return tuple(r for r in self.roles if r.active)

    @property
    def signatories(self) -> tuple[Signatory, ...]:
        from contractdesk.registry.signing import signatories

        return signatories(self.roles, self.signing_rules)

    @property
    def needs_manual_confirmation(self) -> bool:
        """True where no signature rule is registered: ask the user who signs."""
        rule = self.signature_rule
        return rule is None or rule.needs_manual_confirmation


ChangeType = Literal["unknown", "new", "changed", "deleted", "removed"]


@dataclass(frozen=True)
class EntityChange:
    """One JSON Patch operation from the update feed (``includeChanges=true``)."""

    op: str
    path: str
    value: object = None


@dataclass(frozen=True)
class EntityUpdate:
    """One item of ``/oppdateringer/enheter``. ``removed`` means: delete your copy."""

    update_id: int
    time: datetime | None
    org_number: str
    change_type: ChangeType
    changes: tuple[EntityChange, ...] = ()


@dataclass(frozen=True)
class EntityUpdatePage:
    items: tuple[EntityUpdate, ...]
    page: int = 0
    total_pages: int = 0
    total: int = 0

    @property
    def next_update_id(self) -> int | None:
        """The ``oppdateringsid`` to continue from (last id + 1), or None when the page is empty."""
        return self.items[-1].update_id + 1 if self.items else None


@dataclass(frozen=True)
class RoleUpdate:
    """One CloudEvent of ``/oppdateringer/roller``: the roles of ``org_number`` changed."""

    event_id: int
    time: datetime | None
    org_number: str


@dataclass(frozen=True)
class RoleUpdateBatch:
    items: tuple[RoleUpdate, ...]
    requested_size: int = 100

    @property
    def caught_up(self) -> bool:
        """Fewer items than requested: there is nothing more right now."""
        return len(self.items) < self.requested_size

    @property
    def last_id(self) -> int | None:
        return self.items[-1].event_id if self.items else None

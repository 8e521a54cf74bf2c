"""Customers and people as documents need them: plain values read in one session, and who signs.

No ORM object leaves the session: `load_customers` maps the repository's rows into
`DocCustomer`s. `choose_signatory` picks who signs for the customer by the signing-authority
rule of `contractdesk.domain.signing`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractdesk.domain.invoicing import DeliveryMethod
from contractdesk.domain.people import Role, full_name
from contractdesk.domain.signing import (
    SignatoryCheck,
    check_signatory,
    has_signing_data,
    sole_signer_candidates,
)
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.output.wording import role_name
from contractdesk.services.validation import display_phone
from contractdesk.store.engine import Store
from contractdesk.store.queries import agreements as agreement_queries
from contractdesk.store.queries import documents as q
from contractdesk.store.queries.customers import customer_by_org_number

if TYPE_CHECKING:
    from contractdesk.output.pdf.model import Party, SignatoryInfo

__all__ = ["DocCustomer", "DocPerson", "choose_signatory", "load_customers", "phone_text"]


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


@dataclass(frozen=True)
class DocPerson:
    """A person as the document needs them: id, full name, title, roles at the customer, erased."""

    id: int
    name: str
    title: str
    roles: tuple[Role, ...]
    erased: bool


@dataclass
class DocCustomer:
    """A customer read from the store for documents (plain values)."""

    org_number: str
    name: str
    status: str
    business: dict[str, Any]
    postal: dict[str, Any]
    details: dict[str, Any]
    registry_roles: list[Mapping[str, Any]]
    signing_rule: Mapping[str, Any] | None
    verified: bool
    fee: Decimal
    """The invoice fee of the customer's delivery method (§10.1)."""
    people: dict[int, DocPerson] = field(default_factory=dict)

    def _rule(self, key: str) -> Mapping[str, Any] | None:
        value = self.details.get(key)
        return value if isinstance(value, Mapping) else None

    def _listed(self) -> list[Mapping[str, Any]]:
        value = self.details.get("signatories")
        return [x for x in value if isinstance(x, Mapping)] if isinstance(value, list) else []

    def check(self, name: str) -> SignatoryCheck:
        """Whether the registry data makes ``name`` a signatory (the ledger's own rule)."""
        return check_signatory(
            name,
            self.registry_roles,
            self.signing_rule,
            procuration_rule=self._rule("procuration_rule"),
            signatories=self._listed(),
            customer_name=self.name,
        )

    def has_registry_data(self) -> bool:
        return has_signing_data(
            self.registry_roles, self.signing_rule, self._rule("procuration_rule"), self._listed()
        )

    def registry_signatory(self) -> SignatoryInfo | None:
        """A person the registry makes a sole signatory (listed, general manager, one-name sets)."""
        from contractdesk.output.pdf.model import SignatoryInfo

        for name, role in sole_signer_candidates(
            self.registry_roles, self.signing_rule, self._listed()
        ):
            check = self.check(name)
            if check.signatory:
                return SignatoryInfo(name, role or ", ".join(dict.fromkeys(check.roles)))
        return None

    def warnings(self) -> list[str]:
        """What the user should know before this customer signs (not verified, no signing rule)."""
        from contractdesk.services.customers import SigningRuleView

        out = []
        if self.status == "unverified":
            out.append(
                translate(
                    "DocumentService",
                    "The customer is not verified against the registry: refresh it first.",
                )
            )
        elif SigningRuleView.from_data(self.signing_rule).needs_manual_confirmation:
            out.append(
                translate(
                    "DocumentService",
                    "No signing rule is registered: confirm by hand who may sign.",
                )
            )
        return out

    def party(self) -> Party:
        from contractdesk.output.pdf.model import Party
        from contractdesk.services.customers import Address

        business, postal = Address.from_data(self.business), Address.from_data(self.postal)
        address = business if not business.is_empty else postal
        country = address.country if address.country_code not in ("", "NO") else ""
        return Party(
            name=self.name,
            org_number=self.org_number,
            address_lines=address.lines,
            postcode=address.postcode,
            city=address.city,
            email=str(self.details.get("email") or ""),
            phone=phone_text(self.details.get("phone") or self.details.get("mobile")),
            country=country,
        )


def phone_text(text: object) -> str:
    value = str(text or "").strip()
    return display_phone(value) if value.startswith("+") else value


def _person(p: Any) -> DocPerson:
    return DocPerson(
        p.id,
        full_name(p.first_name, p.middle_name, p.last_name),
        p.title or "",
        (),
        p.erased_at is not None,
    )


def _customer(c: Any) -> DocCustomer:
    try:
        fee = DeliveryMethod.parse(c.delivery_method).fee
    except ValueError:
        fee = DeliveryMethod.EMAIL.fee
    data = c.registry_data if isinstance(c.registry_data, Mapping) else {}
    return DocCustomer(
        org_number=c.org_number,
        name=c.name,
        status=c.status,
        business=dict(c.business_address or {}),
        postal=dict(c.postal_address or {}),
        details=dict(data),
        registry_roles=[r for r in (c.registry_roles or []) if isinstance(r, Mapping)],
        signing_rule=c.signing_rule if isinstance(c.signing_rule, Mapping) else None,
        verified=c.verified_at is not None,
        fee=fee,
    )


def load_customers(
    store: Store, orgs: Sequence[str], person_id: int | None
) -> tuple[dict[str, DocCustomer], DocPerson | None]:
    """The customers (registry data, fee, people with their roles there) and the chosen person.

    Raises:
        NotFoundError: an org number no customer has, or an unknown person.
        UserError: the chosen person is erased.
    """
    out: dict[str, DocCustomer] = {}
    chosen: DocPerson | None = None
    with store.read_session() as s:
        by_id: dict[int, DocCustomer] = {}
        for c in q.customers_in(s, orgs):
            by_id[c.id] = out[c.org_number] = _customer(c)
        for customer_id, role, p in q.people_with_roles(s, list(by_id)):
            people = by_id[customer_id].people
            row = people.get(p.id) or _person(p)
            try:
                roles = (*row.roles, Role(role))
            except ValueError:
                roles = row.roles
            people[p.id] = DocPerson(row.id, row.name, row.title, roles, row.erased)
        if person_id is not None:
            chosen = _person(agreement_queries.person_by_id(s, person_id, field="signatory"))
        for org in orgs:
            if org not in out:
                customer_by_org_number(s, org)  # raises the one "no such customer" error
    if chosen is not None and chosen.erased:
        raise UserError(
            _t(translate("DocumentService", "Person %1 is erased and cannot sign."), chosen.id),
            field="signatory",
        )
    return out, chosen


def _role_text(check: SignatoryCheck, title: str, roles: Iterable[Role]) -> str:
    held = ", ".join(dict.fromkeys(r for r in check.roles if r))
    if held:
        return held
    if title:
        return title
    for role in (Role.GENERAL_MANAGER, Role.SIGNATORY):
        if role in roles:
            return role_name(role.value)
    return ""


def choose_signatory(
    customer: DocCustomer, chosen: DocPerson | None
) -> tuple[SignatoryInfo | None, int | None, list[str]]:
    """Who signs for the customer: (printed info, person id or None, warnings for the user).

    The chosen person, else the general manager or a signatory among the customer's people the
    registry confirms, else the registry's own sole signer, else the first candidate with a
    warning, else nobody (blank lines).
    """
    from contractdesk.output.pdf.model import SignatoryInfo

    if chosen is not None:
        at_customer = customer.people.get(chosen.id)
        check = customer.check(chosen.name)
        role = _role_text(check, chosen.title, at_customer.roles if at_customer else ())
        return (
            SignatoryInfo(chosen.name, role),
            chosen.id,
            [check.warning] if check.warning else [],
        )
    candidates = [
        p
        for p in customer.people.values()
        if not p.erased and (Role.GENERAL_MANAGER in p.roles or Role.SIGNATORY in p.roles)
    ]
    checked = [(p, customer.check(p.name)) for p in candidates]
    confirmed = [(p, c) for p, c in checked if c.signatory]
    # The general manager first (the usual signer), then by person id.
    confirmed.sort(key=lambda pc: Role.GENERAL_MANAGER not in pc[0].roles)
    pick = confirmed[0] if confirmed else None
    if pick is None:
        registry = customer.registry_signatory()
        if registry is not None:
            return registry, None, []
        pick = checked[0] if checked else None
    if pick is None:
        message = _t(
            translate(
                "DocumentService",
                "No signatory is known for %1: the customer's "
                "signature line is left without a name.",
            ),
            customer.name,
        )
        return None, None, [message]
    person, check = pick
    info = SignatoryInfo(person.name, _role_text(check, person.title, person.roles))
    return info, person.id, [check.warning] if check.warning else []

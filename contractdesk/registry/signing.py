"""Who may sign: signatories from roles and signing rules, and statutory default rules by form.

Pure functions over the frozen models; no I/O. Deceased persons, deregistered role holders
(``avregistrert``, older ``fratraadt``) and deleted entities never count as signatories.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from contractdesk.domain.signing_phrases import signer_sets_for_phrase
from contractdesk.registry.models import (
    RegistryEntity,
    RegistryRole,
    RulePerson,
    Signatory,
    SigningRule,
)
from contractdesk.registry.parse import dedupe_sets

SIGNATORY_ROLE_CODES: tuple[str, ...] = (
    "INNH",  # owner of a sole proprietorship
    "DAGL",  # general manager (same rights as a signatory in the terms, §8.1.1)
    "LEDE",  # chair of the board
    "NEST",  # deputy chair
    "MEDL",  # board member (the board jointly binds)
    "DTSO",  # partner with full liability (ANS)
    "DTPR",  # partner with shared liability (DA)
    "KOMP",  # general partner (KS)
    "SIGN",  # signature
    "SIFE",  # signature jointly
    "SIHV",  # signature each alone
    "PROK",  # procuration
    "POFE",  # procuration jointly
    "POHV",  # procuration each alone
    "BOBE",  # bankruptcy trustee: binds a bankrupt estate
)
"""Role codes that entitle their holder to sign (alone or with others), in display order.
Deputies (VARA), observers (OBS), auditors, accountants and contact persons do not count."""

BOARD_ROLE_CODES = frozenset({"LEDE", "NEST", "MEDL"})
_SOLE_CODES = frozenset({"INNH", "SIHV", "POHV"})

BOARD_FORMS = frozenset(
    {"AS", "ASA", "SA", "SE", "BA", "STI", "IKS", "SF", "BBL", "BRL", "KF", "ORGL"}
)
"""Organisation forms where the board jointly binds the organisation by law."""
PARTNER_FORMS = frozenset({"ANS", "DA"})


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class _Entry:
    name: str
    birth_date: date | None
    org_number: str | None
    codes: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    capacity_limited: bool = False

    def add(self, code: str, role: str) -> None:
        if code and code not in self.codes:
            self.codes.append(code)
            self.roles.append(role)


class _People:
    """Identity matching: by name (case/space-insensitive) and birth date where both are known."""

    def __init__(self, roles: Iterable[RegistryRole]) -> None:
        self.dead: list[tuple[str, date | None]] = []
        self.inactive: list[tuple[str, date | None]] = []
        self.active: list[tuple[str, date | None]] = []
        for role in roles:
            if role.holder_kind == "entity":
                continue
            key = (_norm(role.name), role.birth_date)
            if role.deceased:
                self.dead.append(key)
            elif role.active:
                self.active.append(key)
            else:
                self.inactive.append(key)

    @staticmethod
    def _matches(keys: list[tuple[str, date | None]], name: str, birth: date | None) -> bool:
        norm = _norm(name)
        return any(k == norm and (b is None or birth is None or b == birth) for k, b in keys)

    def usable(self, name: str, birth: date | None = None) -> bool:
        """False for a dead person, or one whose every role is deregistered.

        Without a birth date, a name shared by an active and an inactive holder counts as the
        active one; a name nobody holds a role under is usable (a person named only by a rule).
        """
        if birth is not None and self._matches(self.dead, name, birth):
            return False
        if self._matches(self.active, name, birth):
            return True
        return not (
            self._matches(self.dead, name, birth) or self._matches(self.inactive, name, birth)
        )


def usable_signer_sets(
    rule: SigningRule, roles: Sequence[RegistryRole]
) -> tuple[tuple[str, ...], ...]:
    """The rule's signer sets without those naming a deceased or deregistered person.

    A set with a missing member can no longer sign; the caller may flag that the rule needs
    attention when this returns fewer sets than ``rule.signer_sets``.
    """
    people = _People(roles)
    births = {_norm(p.name): p.birth_date for p in rule.persons}
    return tuple(
        names
        for names in rule.signer_sets
        if all(people.usable(n, births.get(_norm(n))) for n in names)
    )


def signatories(
    roles: Sequence[RegistryRole], rules: Sequence[SigningRule] = ()
) -> tuple[Signatory, ...]:
    """Who may sign: holders of signing roles plus persons named by the signing rules.

    Counted roles are :data:`SIGNATORY_ROLE_CODES` (general manager, chair and board, sole
    proprietor, partners, signature and procuration holders, bankruptcy trustee). Deceased
    persons, deregistered role holders and deleted entities are skipped, also when a signing
    rule still names them. ``may_sign_alone`` is set for the sole proprietor, individual
    signature/procuration holders and anyone forming a one-person signer set of a rule.
    """
    people = _People(roles)
    entries: dict[tuple[str, date | None] | str, _Entry] = {}
    rank = {code: i for i, code in enumerate(SIGNATORY_ROLE_CODES)}

    def find(name: str, birth: date | None) -> _Entry | None:
        norm = _norm(name)
        for key, entry in entries.items():
            if (
                isinstance(key, tuple)
                and _norm(entry.name) == norm
                and (entry.birth_date is None or birth is None or entry.birth_date == birth)
            ):
                return entry
        return None

    for role in sorted(
        (r for r in roles if r.active and r.role_code in rank), key=lambda r: rank[r.role_code]
    ):
        if role.holder_kind == "entity":
            key: tuple[str, date | None] | str = f"org:{role.entity_org_number or _norm(role.name)}"
            entry = entries.setdefault(key, _Entry(role.name, None, role.entity_org_number))
        else:
            found = find(role.name, role.birth_date)
            if found is None:
                found = entries.setdefault(
                    (_norm(role.name), role.birth_date), _Entry(role.name, role.birth_date, None)
                )
            elif found.birth_date is None:
                found.birth_date = role.birth_date
            entry = found
        entry.add(role.role_code, role.role)
        entry.capacity_limited = entry.capacity_limited or role.capacity_limited

    usable_sets: list[tuple[str, ...]] = []
    for rule in rules:
        persons = {_norm(p.name): p for p in rule.persons}
        usable_sets.extend(usable_signer_sets(rule, roles))
        named = [*rule.persons]
        for names in rule.signer_sets:
            named.extend(persons.get(_norm(n)) or RulePerson(name=n) for n in names)
        for person in named:
            if not people.usable(person.name, person.birth_date):
                continue
            found = find(person.name, person.birth_date)
            if found is None:
                found = entries.setdefault(
                    (_norm(person.name), person.birth_date),
                    _Entry(person.name, person.birth_date, None),
                )
            if person.role_code and person.role_code not in BOARD_ROLE_CODES | {"DAGL"}:
                found.add(person.role_code, person.role)
            elif not found.codes:
                found.add(person.role_code or rule.kind, person.role or rule.text)

    alone = {_norm(s[0]) for s in usable_sets if len(s) == 1}
    return tuple(
        Signatory(
            name=e.name,
            role_codes=tuple(e.codes),
            roles=tuple(e.roles),
            birth_date=e.birth_date,
            org_number=e.org_number,
            may_sign_alone=not e.capacity_limited
            and (_norm(e.name) in alone or any(c in _SOLE_CODES for c in e.codes)),
            capacity_limited=e.capacity_limited,
        )
        for e in entries.values()
    )


def statutory_rule(entity: RegistryEntity, roles: Sequence[RegistryRole]) -> SigningRule:
    """The signing rule the law gives by organisation form, for use where none is registered.

    Bankrupt (with a registered trustee): the trustee. Sole proprietorship (ENK): the owner
    alone. ANS/DA: each partner alone. KS: each general partner alone. Forms with a board (AS,
    ASA, SA …): the board jointly. Anything else (associations, foreign branches …): nothing
    known. Always ``registered=False``: the user must confirm who signs.
    """
    form = entity.organisation_form.code if entity.organisation_form else ""
    active = [r for r in roles if r.active]

    def holders(codes: Iterable[str]) -> tuple[str, ...]:
        wanted = set(codes)
        return tuple(dict.fromkeys(r.name for r in active if r.role_code in wanted and r.name))

    trustees = holders({"BOBE"})
    if entity.status == "bankrupt" and trustees:
        return _law_rule("The bankruptcy trustee binds the estate.", tuple((n,) for n in trustees))
    if form == "ENK":
        owners = holders({"INNH"})
        if owners:
            return _law_rule("The owner signs alone.", tuple((n,) for n in owners))
    elif form in PARTNER_FORMS:
        partners = holders({"DTSO", "DTPR"})
        if partners:
            return _law_rule("Each partner may sign alone.", tuple((n,) for n in partners))
    elif form == "KS":
        general = holders({"KOMP"})
        if general:
            return _law_rule("Each general partner may sign alone.", tuple((n,) for n in general))
    elif form in BOARD_FORMS:
        board = holders(("LEDE", "NEST", "MEDL"))
        if board:
            return _law_rule("The board jointly.", (board,))
    return SigningRule(kind="signature", text="", signer_sets=(), registered=False, basis="none")


def _from_phrase(rule: SigningRule, roles: Sequence[RegistryRole]) -> SigningRule:
    """A registered rule given only as words: its signer sets where the words are standard."""
    holders: dict[str, list[str]] = {}
    for role in roles:
        if role.active and role.holder_kind == "person" and role.name:
            holders.setdefault(role.role_code, []).append(role.name)
    sets = signer_sets_for_phrase(rule.text, holders)
    return replace(rule, signer_sets=dedupe_sets(sets)) if sets else rule


def _law_rule(text: str, sets: tuple[tuple[str, ...], ...]) -> SigningRule:
    return SigningRule(
        kind="signature", text=text, signer_sets=dedupe_sets(sets), registered=False, basis="law"
    )


def complete_rules(
    entity: RegistryEntity, roles: Sequence[RegistryRole], rules: Sequence[SigningRule]
) -> tuple[SigningRule, ...]:
    """The rules to show: the registry's, with the statutory rule standing in for a missing
    signature rule (one neither registered nor giving any signer set). Signature rule first."""
    signature = next((r for r in rules if r.kind == "signature"), None)
    others = [r for r in rules if r.kind != "signature"]
    if signature is not None and signature.registered and not signature.signer_sets:
        signature = _from_phrase(signature, roles)
    if signature is None or (not signature.registered and not signature.signer_sets):
        law = statutory_rule(entity, roles)
        if signature is not None:
            law = replace(law, rule_status=signature.rule_status)
        signature = law
    return (signature, *others)

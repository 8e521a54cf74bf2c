"""People at customers: roles, the rights each role gives (terms §4, §7.2, §8, §13), and their
invariants.

Pure Python (no Qt, no SQLAlchemy). The store enforces the same invariants a second time
(a partial unique index and triggers); the services call these checks first so the user gets a
clear message instead of a constraint error.

Rights, as the 2021 terms state them:

* every registered person with a role at a customer is an *approved contact* (§8, §8.1);
  persons not registered are turned away (§8);
* the *main contact* represents the customer, may order or adjust services and is the one who
  adds or removes approved contacts (§8.1.1); there is exactly one (§7.2, §8.1.1);
* the *general manager* and *signatories* have the same rights as the main contact (§8.1.1,
  §13) and may sign the agreement (§2.1, §4.2); a signatory may change the main contact (§7.2);
* a *contact person* is approved (may call, e-mail, get support) but may not order: §8.1.1 and
  §13 give ordering to the main contact, general manager and signatories. (§4.1/§4.3 also
  mention "contact persons" ordering; we read those as the main contact, the stricter choice.)
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from contractdesk.domain.search_fold import search_fold
from contractdesk.errors import UserFacingError
from contractdesk.i18n import fill, translate


class Role(StrEnum):
    """A role a person holds *at a customer*. The value is stored; ``cli_name`` is typed."""

    MAIN_CONTACT = "main_contact"
    CONTACT = "contact"
    SIGNATORY = "signatory"
    GENERAL_MANAGER = "general_manager"

    @property
    def cli_name(self) -> str:
        """``main-contact``, ``contact``, ``signatory``, ``general-manager``."""
        return self.value.replace("_", "-")

    @classmethod
    def parse(cls, text: str) -> Role:
        """Accept the stored or the CLI form (``main_contact`` / ``main-contact``), any case.

        Raises:
            PeopleRuleError: not one of the four roles.
        """
        key = (text or "").strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return cls(key)
        except ValueError:
            names = ", ".join(r.cli_name for r in cls)
            raise PeopleRuleError(
                fill(translate("PeopleRules", "Unknown role %1: use one of %2."), repr(text), names)
            ) from None


ROLE_ORDER: tuple[Role, ...] = (
    Role.MAIN_CONTACT,
    Role.GENERAL_MANAGER,
    Role.SIGNATORY,
    Role.CONTACT,
)
"""Display order: the main contact first."""


@dataclass(frozen=True)
class Rights:
    """What a person may do for one customer."""

    approved_contact: bool = False
    may_order: bool = False
    may_sign: bool = False
    may_manage_contacts: bool = False
    """May add or remove approved contacts and change the main contact (§7.2, §8.1.1)."""

    def __or__(self, other: Rights) -> Rights:
        return Rights(
            self.approved_contact or other.approved_contact,
            self.may_order or other.may_order,
            self.may_sign or other.may_sign,
            self.may_manage_contacts or other.may_manage_contacts,
        )

    def as_dict(self) -> dict[str, bool]:
        return {
            "approved_contact": self.approved_contact,
            "may_order": self.may_order,
            "may_sign": self.may_sign,
            "may_manage_contacts": self.may_manage_contacts,
        }


NO_RIGHTS = Rights()

ROLE_RIGHTS: dict[Role, Rights] = {
    Role.MAIN_CONTACT: Rights(
        approved_contact=True, may_order=True, may_sign=False, may_manage_contacts=True
    ),
    # §4.1/§4.3: listed contact persons may order and cancel in writing; only the main contact,
    # signatories and the general manager add or remove contacts (§8.1.1).
    Role.CONTACT: Rights(
        approved_contact=True, may_order=True, may_sign=False, may_manage_contacts=False
    ),
    Role.SIGNATORY: Rights(
        approved_contact=True, may_order=True, may_sign=True, may_manage_contacts=True
    ),
    Role.GENERAL_MANAGER: Rights(
        approved_contact=True, may_order=True, may_sign=True, may_manage_contacts=True
    ),
}


def rights_for(roles: Iterable[Role]) -> Rights:
    """The union of the rights of the roles a person holds at one customer (none: not approved)."""
    result = NO_RIGHTS
    for role in roles:
        result = result | ROLE_RIGHTS[role]
    return result


def sort_roles(roles: Iterable[Role]) -> tuple[Role, ...]:
    return tuple(sorted(set(roles), key=ROLE_ORDER.index))


class PeopleRuleError(UserFacingError, ValueError):
    """A change would break a rule of the terms about people and roles (message for the user)."""


@dataclass(frozen=True)
class Assignment:
    """One role held by one person at the customer being checked."""

    person_id: int
    role: Role


class CustomerRoles:
    """The roles at one customer, with the checks every change must pass.

    Args:
        assignments: the current roles at the customer.
        customer: how to name the customer in messages (e.g. ``923 130 969``).
        erased: ids of erased (anonymised) persons: they can ask for nothing; an erased main contact
            keeps the role only until the next is named.
    """

    def __init__(
        self,
        assignments: Iterable[Assignment],
        customer: str = "the customer",
        erased: Iterable[int] = (),
    ) -> None:
        self.assignments = tuple(assignments)
        self.customer = customer
        self.erased = frozenset(erased)

    def __repr__(self) -> str:
        return f"CustomerRoles({self.customer!r}, {len(self.assignments)} roles)"

    def roles_of(self, person_id: int) -> tuple[Role, ...]:
        return sort_roles(a.role for a in self.assignments if a.person_id == person_id)

    def rights_of(self, person_id: int | None) -> Rights:
        if person_id is None:
            return NO_RIGHTS
        return rights_for(self.roles_of(person_id))

    def people(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(a.person_id for a in self.assignments))

    def main_contacts(self) -> tuple[int, ...]:
        return tuple(a.person_id for a in self.assignments if a.role is Role.MAIN_CONTACT)

    def main_contact(self) -> int | None:
        """The main contact's person id, or None while the customer has none yet.

        Raises:
            PeopleRuleError: more than one main contact (the store prevents this).
        """
        found = self.main_contacts()
        if len(found) > 1:
            raise PeopleRuleError(
                fill(
                    translate("PeopleRules", "%1 has %2 main contacts; exactly one is allowed."),
                    self.customer,
                    len(found),
                )
            )
        return found[0] if found else None

    def managers(self) -> tuple[int, ...]:
        """People who may add or remove approved contacts: main contact, signatories, general
        manager."""
        return tuple(
            p
            for p in self.people()
            if p not in self.erased and self.rights_of(p).may_manage_contacts
        )

    def problems(self) -> list[str]:
        """Invariant violations (empty list: all is well). A customer with nobody yet is fine."""
        found: list[str] = []
        mains = self.main_contacts()
        if len(mains) > 1:
            found.append(
                fill(
                    translate("PeopleRules", "%1 has %2 main contacts; exactly one is allowed."),
                    self.customer,
                    len(mains),
                )
            )
        if self.assignments and not mains:
            found.append(
                fill(translate("PeopleRules", "%1 has people but no main contact."), self.customer)
            )
        seen: set[tuple[int, Role]] = set()
        for a in self.assignments:
            if (a.person_id, a.role) in seen:
                found.append(
                    fill(
                        translate("PeopleRules", "Person %1 holds the role %2 twice at %3."),
                        a.person_id,
                        a.role.cli_name,
                        self.customer,
                    )
                )
            seen.add((a.person_id, a.role))
        return found

    # -- the checks ------------------------------------------------------------------------

    def _check_requester(
        self, requested_by: int | None, what: str, *, allow_self: int | None = None
    ) -> None:
        """Approved-contact changes need a request from a manager, once the customer has one."""
        if requested_by is not None and requested_by == allow_self:
            return
        managers = self.managers()
        if requested_by is None:
            if managers:
                raise PeopleRuleError(
                    fill(
                        translate(
                            "PeopleRules",
                            "%1 must be requested by the main contact, a signatory or the general "
                            "manager "
                            "of %2 (§8.1.1): say who asked.",
                        ),
                        what,
                        self.customer,
                    )
                )
            return  # nobody at the customer can ask yet: the owner registers the first people
        if requested_by not in managers and managers:
            raise PeopleRuleError(
                fill(
                    translate(
                        "PeopleRules",
                        "Person %1 may not ask for this: only the main contact, a signatory or the "
                        "general manager of %2 may (%3, §8.1.1).",
                    ),
                    requested_by,
                    self.customer,
                    what,
                )
            )

    def check_add(self, person_id: int, role: Role, requested_by: int | None) -> None:
        """May ``person_id`` be given ``role``? (A main contact when one exists is a change: see
        check_set_main.)

        Raises:
            PeopleRuleError: with the reason.
        """
        if role in self.roles_of(person_id):
            raise PeopleRuleError(
                fill(
                    translate("PeopleRules", "Person %1 is already %2 at %3."),
                    person_id,
                    role.cli_name,
                    self.customer,
                )
            )
        if role is Role.MAIN_CONTACT:
            self.check_set_main(person_id, requested_by)
        elif role is Role.CONTACT:
            self._check_requester(
                requested_by, translate("PeopleRules", "Adding an approved contact")
            )
        # Signatories and the general manager are facts of the registry: no request needed.

    def check_remove(self, person_id: int, role: Role, requested_by: int | None) -> None:
        """May ``person_id`` lose ``role``? The main contact never just goes: name the next.

        Raises:
            PeopleRuleError: with the reason.
        """
        if role not in self.roles_of(person_id):
            raise PeopleRuleError(
                fill(
                    translate("PeopleRules", "Person %1 is not %2 at %3."),
                    person_id,
                    role.cli_name,
                    self.customer,
                )
            )
        if role is Role.MAIN_CONTACT:
            raise PeopleRuleError(
                fill(
                    translate(
                        "PeopleRules",
                        "The main contact of %1 cannot be removed without naming the next "
                        "(set another person as main contact first).",
                    ),
                    self.customer,
                )
            )
        if role is Role.CONTACT:
            # A person may always ask to be removed themselves (§8.1: control over own data).
            self._check_requester(
                requested_by,
                translate("PeopleRules", "Removing an approved contact"),
                allow_self=person_id,
            )

    def check_set_main(self, person_id: int, requested_by: int | None) -> None:
        """May ``person_id`` become the main contact? Once there is one, a manager must ask (§7.2,
        §8.1.1).

        Raises:
            PeopleRuleError: with the reason.
        """
        current = self.main_contact()
        if current == person_id:
            raise PeopleRuleError(
                fill(
                    translate("PeopleRules", "Person %1 is already the main contact of %2."),
                    person_id,
                    self.customer,
                )
            )
        if current is None:
            return  # the first main contact: registered from the agreement by the owner
        if current in self.erased:
            # The main contact is gone (§7.2: "sluttet eller utilgjengelig"): a signatory or the
            # general
            # manager names the next; with nobody left who could ask, the owner does.
            self._check_requester(
                requested_by, translate("PeopleRules", "Naming the next main contact")
            )
            return
        if requested_by is None:
            raise PeopleRuleError(
                fill(
                    translate(
                        "PeopleRules",
                        "Changing the main contact of %1 must be requested by the main contact, "
                        "a signatory or the general manager (§7.2, §8.1.1): say who asked.",
                    ),
                    self.customer,
                )
            )
        if requested_by not in self.managers():
            raise PeopleRuleError(
                fill(
                    translate(
                        "PeopleRules",
                        "Person %1 may not change the main contact of %2: only the main "
                        "contact, a signatory or the general manager may (§7.2, §8.1.1).",
                    ),
                    requested_by,
                    self.customer,
                )
            )


# -- data-subject requests and consent ------------------------------------------------------


class RequestKind(StrEnum):
    """Data-subject rights (GDPR Arts. 15–21; the privacy policies in seeds/002, seeds/004)."""

    ACCESS = "access"
    CORRECTION = "correction"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    PORTABILITY = "portability"
    OBJECTION = "objection"


class ConsentKind(StrEnum):
    """What a person may consent to, and withdraw."""

    MARKETING_EMAIL = "marketing_email"
    NEWSLETTER = "newsletter"

    @property
    def cli_name(self) -> str:
        return self.value.replace("_", "-")


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day where that day does not exist (31 Jan →
    28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def request_deadline(received_on: date) -> date:
    """One month from receipt (GDPR Art. 12(3)): the same date next month, clamped to its end."""
    return add_months(received_on, 1)


# -- "who is this?" normalisation ------------------------------------------------------------

_PUNCTUATION = re.compile(r"[\W_]+")
_FOLD_EXTRA = str.maketrans({"ø": "o", "æ": "ae", "đ": "d", "ŧ": "t", "ŋ": "n", "ł": "l"})


def fold(text: str) -> str:
    """Case- and accent-insensitive form for look-ups: ``Åse Øvrebø`` → ``ase ovrebo``."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_FOLD_EXTRA).split())


def name_tokens(*parts: str) -> tuple[str, ...]:
    """The folded words of a name (the one search rule, ``domain.search_fold``), each once, in
    order; a word with punctuation also gives its pieces
    (``Anne-Lise`` gives ``anne-lise``, ``anne``, ``lise``; ``O'Brien`` gives ``o'brien``, ``o``,
    ``brien``)."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in search_fold(part).split():
            seen.setdefault(word, None)
            for piece in _PUNCTUATION.split(word):
                if piece and piece != word:
                    seen.setdefault(piece, None)
    return tuple(seen)


def full_name(first: str, middle: str, last: str) -> str:
    return " ".join(p for p in (first, middle, last) if p)

"""People use case: "who is this?" by name (word prefixes), e-mail or phone."""

from __future__ import annotations

from datetime import date
from typing import Any

from contractdesk.domain.people import Role, fold, full_name, name_tokens, rights_for, sort_roles
from contractdesk.errors import UserError
from contractdesk.services.people.views import Membership, WhoisMatch, WhoisResult
from contractdesk.services.validation import normalise_email
from contractdesk.store.engine import Store
from contractdesk.store.queries import people as q

WHOIS_LIMIT = 20


def classify_query(text: str) -> tuple[str, list[str]]:
    """``("email", [key])``, ``("phone", [e164])``, ``("name", [prefixes])``, ``("empty", [])``."""
    raw = " ".join((text or "").split())
    if not raw:
        return "empty", []
    if "@" in raw:
        try:
            return "email", [normalise_email(raw).casefold()]
        except UserError:
            return "email", [raw.casefold()]
    stripped = raw
    for ch in " -().":
        stripped = stripped.replace(ch, "")
    stripped = stripped.replace("/", "")
    digits = stripped.removeprefix("+")
    if stripped.startswith("00"):
        stripped = "+" + stripped[2:]
    if digits.isdigit() and len(digits) >= 5:
        import phonenumbers

        try:
            number = phonenumbers.parse(stripped, "NO")
            return "phone", [
                phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            ]
        except phonenumbers.NumberParseException:
            return "phone", ["+" + digits if stripped.startswith("+") else stripped]
    tokens = name_tokens(raw)
    return ("name", list(tokens)) if tokens else ("empty", [])


class WhoisUseCase:
    """ "Who is this?" (part of `PeopleService`)."""

    _store: Store

    def whois(self, text: str, *, limit: int = WHOIS_LIMIT) -> WhoisResult:
        """Find registered persons by name (word prefixes), e-mail or phone; with customers and
        rights. Reads only indexed look-up keys, then the matches' roles. No match: not approved."""
        kind, keys = classify_query(text)
        query = " ".join((text or "").split())
        if kind == "empty":
            return WhoisResult(query, kind, ())
        with self._store.engine.connect() as conn:
            found = q.whois_rows(conn, kind, keys, limit)
        grouped: dict[int, dict[int, list[Any]]] = {}
        for r in found.roles:
            grouped.setdefault(r[0], {}).setdefault(r[3], []).append(r)
        matches = []
        for pid, first, middle, last, title, phone, mobile, emails in found.people:
            memberships = [_membership(items) for items in grouped.get(pid, {}).values()]
            memberships.sort(key=lambda m: (fold(m.customer_name), m.org_number))
            matches.append(
                WhoisMatch(
                    pid,
                    full_name(first, middle, last),
                    title,
                    q.decode_emails(emails),
                    phone,
                    mobile,
                    kind,
                    tuple(memberships),
                )
            )
        matches.sort(key=lambda m: (not m.approved, fold(m.full_name), m.person_id))
        return WhoisResult(query, kind, tuple(matches), found.more)


def _membership(items: list[Any]) -> Membership:
    roles = sort_roles(Role(i[1]) for i in items)
    head = items[0]
    return Membership(
        head[4],
        head[5],
        head[6],
        roles,
        rights_for(roles),
        head[7],
        min(date.fromisoformat(i[2]) for i in items),
    )

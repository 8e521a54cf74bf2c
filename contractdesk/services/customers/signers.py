"""Confirming by hand who signs, where the registry gives no usable signing rule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from contractdesk.errors import UserError
from contractdesk.i18n import translate
from contractdesk.services.customers.records import view_of
from contractdesk.services.customers.views import CustomerView
from contractdesk.services.validation import clean_text
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.queries.customers import customer_by_org_number
from contractdesk.store.versions import conflict


def clean_sets(signer_sets: Sequence[Sequence[str]]) -> list[list[str]]:
    """Signer sets as typed: names trimmed, empty names and sets dropped, at least one left."""
    out: list[list[str]] = []
    for names in signer_sets:
        cleaned = [
            clean_text(n, field=translate("CustomerService", "Signer"), max_len=200) for n in names
        ]
        cleaned = list(dict.fromkeys(n for n in cleaned if n))
        if cleaned and cleaned not in out:
            out.append(cleaned)
    if not out:
        raise UserError(
            translate("CustomerService", "Name at least one person who may sign."),
            field="signer_sets",
        )
    return out


def confirm_signers(
    store: Store,
    org_number: str,
    signer_sets: Sequence[Sequence[str]],
    *,
    confirmed_by: str,
    actor: str,
    expected_version: int | None = None,
) -> CustomerView:
    """Record the signer sets the user confirmed, who confirmed them and when (audited).

    The confirmation holds for the rule text it was made for: a refresh that changes the rule
    asks again.
    """
    sets = clean_sets(signer_sets)
    who = clean_text(
        confirmed_by,
        field=translate("CustomerService", "Confirmed by"),
        required=True,
        max_len=200,
    )
    with store.session() as s:
        c = customer_by_org_number(s, org_number)
        stored = c.signing_rule if isinstance(c.signing_rule, dict) else {}
        if expected_version is not None and c.version != expected_version:
            theirs = stored.get("confirmed_sets") or []
            raise conflict(
                "customer",
                {"signers": "; ".join(" + ".join(group) for group in theirs)},
                {"signers": "; ".join(" + ".join(group) for group in sets)},
                c.version,
            )
        rule = dict(stored)
        rule.update(
            confirmed_sets=sets,
            confirmed_by=who,
            confirmed_at=datetime.now(UTC).isoformat(),
        )
        c.signing_rule = rule  # a new dict: the JSON column sees the change
        audit.append(
            s,
            actor=actor,
            action="customer.signers_confirmed",
            entity_type="customer",
            entity_id=c.org_number,
            payload={"signer_sets": sets, "confirmed_by": who},
        )
        s.flush()
        return view_of(c)

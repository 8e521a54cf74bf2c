"""Agreement use cases: create, look up, move between states, the agreements a document is for.

An *agreement* is one document for a customer on a version (``CD-2027-000123``), moving
draft → sent → signed → active → terminated by the domain's `transition`. Recording an
acceptance (``acceptances.py``) signs the customer's open agreement on that version; the §14
cycle lives in ``reacceptance.py``. `AgreementService` is all three.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from contractdesk.domain.terms.agreement import AgreementState
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.validation import clean_text, normalise_email
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer
from contractdesk.store.queries import agreements as q
from contractdesk.store.queries.customers import customer_by_org_number
from contractdesk.store.types import utcnow
from contractdesk.store.versions import expect_version

from . import lifecycle as lc
from .acceptances import AcceptanceUseCases
from .issued import IssuedDocumentUseCases
from .reacceptance import ReacceptanceUseCases
from .views import AgreementView

__all__ = ["AgreementService"]


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


def own_org_message(name: str) -> str:
    """Why no agreement is made with the supplier's own organisation."""
    return _t(
        translate(
            "AgreementService",
            "%1 is the supplier itself (the same organisation number): no agreement is made "
            "between the supplier and itself.",
        ),
        name,
    )


class AgreementService(AcceptanceUseCases, ReacceptanceUseCases, IssuedDocumentUseCases):
    """Acceptance ledger, agreement states and the §14 re-acceptance cycle."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __repr__(self) -> str:
        return f"AgreementService({self._store!r})"

    def create_agreement(
        self,
        org_number: str,
        terms_label: str | None = None,
        *,
        actor: str = "owner",
        today: date | None = None,
    ) -> AgreementView:
        """A draft agreement for a customer on a published version (default: the one in effect
        today).

        Raises:
            UserError: unknown or deleted customer, a draft version, or no published version.
        """
        day = today or date.today()
        with self._store.session() as s:
            customer = customer_by_org_number(s, org_number)
            if customer.status in ("deleted", "removed"):
                raise UserError(
                    _t(
                        translate(
                            "AgreementService",
                            "%1 is deleted in the registry: no new agreement can be issued.",
                        ),
                        customer.name,
                    )
                )
            version = (
                q.published_version(s, terms_label) if terms_label else q.version_in_effect(s, day)
            )
            agreement = lc.new_agreement(s, customer, version, actor)
            return lc.agreement_view(s, agreement)

    def get_agreement(self, ref: int | str) -> AgreementView:
        """An agreement by id or document id (``CD-2027-000123``)."""
        with self._store.read_session() as s:
            return lc.agreement_view(s, q.agreement_by_ref(s, ref))

    def agreements(self, org_number: str | None = None) -> list[AgreementView]:
        with self._store.read_session() as s:
            customer_id = customer_by_org_number(s, org_number).id if org_number else None
            rows = q.agreements_of(s, customer_id)
            docs = q.latest_documents(s, [a.id for a in rows])
            return [lc.agreement_view(s, a, docs) for a in rows]

    def mark_sent(
        self,
        ref: int | str,
        sent_to: str,
        *,
        expected_version: int | None = None,
        actor: str = "owner",
    ) -> AgreementView:
        """The agreement went to the customer (``sent_to``: an e-mail address, or e.g. "post")."""
        recipient = sent_to.strip()
        if "@" in recipient:
            recipient = normalise_email(recipient, field=translate("AgreementService", "Sent to"))
        recipient = clean_text(
            recipient, field=translate("AgreementService", "Sent to"), required=True, max_len=320
        )
        with self._store.session() as s:
            agreement = q.agreement_by_ref(s, ref)
            expect_version(
                agreement,
                expected_version,
                entity="agreement",
                mine={"state": AgreementState.SENT.value, "sent_to": recipient},
            )
            lc.move(s, agreement, AgreementState.SENT, actor, extra={"sent_to": recipient})
            agreement.sent_at = utcnow()
            agreement.sent_to = recipient
            s.flush()
            return lc.agreement_view(s, agreement)

    def set_state(
        self,
        ref: int | str,
        target: str,
        *,
        reason: str = "",
        expected_version: int | None = None,
        actor: str = "owner",
    ) -> AgreementView:
        """Move an agreement (draft ↔ sent, signed → active, → terminated) by the allowed
        transitions.

        ``signed`` comes only from recording an acceptance (`record_acceptance`), so the ledger
        always says who signed.
        """
        try:
            state = AgreementState(str(target).strip().lower())
        except ValueError:
            raise UserError(
                _t(translate("AgreementService", "Unknown agreement state %1."), repr(target))
            ) from None
        if state is AgreementState.SIGNED:
            raise UserError(
                _t(
                    translate(
                        "AgreementService",
                        "An agreement is signed by recording the customer's acceptance.",
                    )
                )
            )
        with self._store.session() as s:
            agreement = q.agreement_by_ref(s, ref)
            expect_version(
                agreement, expected_version, entity="agreement", mine={"state": state.value}
            )
            if state is AgreementState.ACTIVE:
                others = q.agreements_in_states(
                    s, agreement.customer_id, ("active",), exclude_id=agreement.id
                )
                for other in others:
                    lc.move(s, other, AgreementState.TERMINATED, actor, reason="superseded")
            lc.move(
                s,
                agreement,
                state,
                actor,
                reason=reason or ("terminated" if state is AgreementState.TERMINATED else ""),
            )
            s.flush()
            return lc.agreement_view(s, agreement)

    def document_agreements(
        self, org_numbers: Iterable[str], terms_label: str, *, actor: str = "owner"
    ) -> dict[str, tuple[AgreementView, bool]]:
        """For each customer, the agreement a document on this version is made for, in one
        transaction.

        An open one (draft or sent, the newest) first, else a signed or active one (a copy), else a
        new draft; the flag says whether it was made now. Customers that are deleted or removed are
        left out (no new agreement; the caller tells why). Used by the agreement PDF and batches.

        Raises:
            UserError: an unknown customer, an unknown or draft version.
        """
        out: dict[str, tuple[AgreementView, bool]] = {}
        with self._store.session() as s:
            version = q.published_version(s, terms_label)
            customers = q.customers_by_org_numbers(s, org_numbers)
            found = q.agreements_on_version(s, version.id, [c.id for c in customers])
            own = q.supplier_org_number(s)
            docs = q.latest_documents(s, [a.id for rows in found.values() for a in rows])
            for customer in customers:
                rows = found.get(customer.id, [])
                chosen = next(
                    (
                        a
                        for states in (("draft", "sent"), ("signed", "active"))
                        for a in reversed(rows)
                        if a.state in states
                    ),
                    None,
                )
                made = chosen is None
                if chosen is None:
                    if customer.status in ("deleted", "removed") or customer.org_number == own:
                        continue
                    chosen = lc.new_agreement(s, customer, version, actor)
                out[customer.org_number] = (lc.agreement_view(s, chosen, docs), made)
        return out

    def delete_draft_agreement(self, ref: int | str, *, actor: str = "owner") -> None:
        with self._store.session() as s:
            agreement = q.agreement_by_ref(s, ref)
            if agreement.state != AgreementState.DRAFT.value:
                raise UserError(
                    _t(
                        translate(
                            "AgreementService", "Only a draft agreement can be deleted; %1 is %2."
                        ),
                        agreement.document_id,
                        agreement.state,
                    )
                )
            s.delete(agreement)
            audit.append(
                s,
                actor=actor,
                action="agreement.deleted",
                entity_type="agreement",
                entity_id=agreement.document_id,
                payload={},
            )

    def activate_due(self, *, today: date | None = None, actor: str = "owner") -> int:
        """Make signed agreements whose version has taken effect active (the older one ends as
        superseded).

        Returns how many agreements changed state.
        """
        day = today or date.today()
        changed = 0
        with self._store.session() as s:
            ids = q.customer_ids_with_state(s, "signed")
            for customer_id in list(ids):
                customer = s.get(Customer, customer_id)
                if customer is not None:
                    changed += lc.settle(s, customer, day, actor)
        return changed

    def customer_choices(self) -> list[tuple[str, str, str]]:
        """(org number, name, registry status) of every customer, by name (for pickers)."""
        with self._store.read_session() as s:
            return [(org, name, status) for _id, org, name, status in q.customer_choices(s)]

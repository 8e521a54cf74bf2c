"""The §14 cycle: customers told of a new version, acceptances tick them off, overdue ones proposed.

Publishing a version lists every active customer (``TermsService.publish``); here the owner
marks them notified and overdue customers are *proposed* as considered terminated. Nothing ends
until `confirm_terminations` is called with the owner's explicit choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from contractdesk.domain.terms.agreement import AgreementState
from contractdesk.domain.terms.reacceptance import ReacceptanceStatus
from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.validation import clean_text
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer, ReacceptanceNotice
from contractdesk.store.queries import agreements as q
from contractdesk.store.types import utcnow

from . import lifecycle as lc
from .views import ReacceptanceView, TerminationProposal


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


class ReacceptanceUseCases:
    """The §14 re-acceptance cycle (part of `AgreementService`)."""

    _store: Store

    def reacceptance_versions(self) -> list[str]:
        """Labels of the published versions that have a re-acceptance list, newest first."""
        with self._store.read_session() as s:
            return q.reacceptance_labels(s)

    def reacceptance_list(
        self, terms_label: str | None = None, *, today: date | None = None
    ) -> list[ReacceptanceView]:
        """The §14 list of one version (default: every version with a list), by customer name."""
        day = today or date.today()
        with self._store.read_session() as s:
            version_id = q.published_version(s, terms_label).id if terms_label else None
            return lc.notice_views(s, day, version_id=version_id)

    def mark_notified(
        self,
        terms_label: str,
        org_numbers: Iterable[str],
        notified_on: date,
        *,
        how: str = "",
        actor: str = "owner",
        today: date | None = None,
    ) -> int:
        """Record that these customers were told of the new version on ``notified_on`` (§14).

        Returns how many rows changed. A later date than a recorded one does not move the deadline
        back: the first notice counts, so a second call changes nothing for that customer.
        """
        day = today or date.today()
        if notified_on > day:
            raise UserError(
                _t(
                    translate("AgreementService", "The notice date %1 is in the future."),
                    format_day(notified_on),
                ),
                field="date",
            )
        method = clean_text(how, field=translate("AgreementService", "How"), max_len=200)
        changed = 0
        with self._store.session() as s:
            version = q.published_version(s, terms_label)
            customers = q.customers_by_org_numbers(s, org_numbers)
            notices = q.notices_of_version(s, version.id)
            for customer in customers:
                notice = notices.get(customer.id)
                if notice is None:
                    raise UserError(
                        _t(
                            translate(
                                "AgreementService", "%1 is not on the re-acceptance list of %2."
                            ),
                            customer.name,
                            version.label,
                        )
                    )
                if notice.terminated_confirmed_at is not None or notice.notified_on is not None:
                    continue
                notice.notified_on = notified_on
                notice.notified_how = method
                changed += 1
                audit.append(
                    s,
                    actor=actor,
                    action="reacceptance.notified",
                    entity_type="customer",
                    entity_id=customer.org_number,
                    payload={
                        "terms_label": version.label,
                        "notified_on": notified_on,
                        "how": method,
                    },
                )
        return changed

    def termination_proposals(
        self, *, today: date | None = None, actor: str = "owner"
    ) -> list[TerminationProposal]:
        """Overdue customers proposed as considered terminated (§14), for the owner to confirm one
        by one.

        The first time a customer is proposed, the day it would count as terminated (the day after
        the acceptance deadline) is stamped on its row and audited; nothing is terminated here.
        """
        day = today or date.today()
        out = []
        with self._store.session() as s:
            for view in lc.notice_views(s, day):
                if (
                    view.status != ReacceptanceStatus.OVERDUE.value
                    or view.acceptance_deadline is None
                ):
                    continue
                notice = s.get(ReacceptanceNotice, view.notice_id)
                assert notice is not None
                considered = view.acceptance_deadline + timedelta(days=1)
                if notice.proposed_terminated_on is None:
                    notice.proposed_terminated_on = considered
                    audit.append(
                        s,
                        actor=actor,
                        action="reacceptance.termination_proposed",
                        entity_type="customer",
                        entity_id=view.org_number,
                        payload={
                            "terms_label": view.terms_label,
                            "acceptance_deadline": view.acceptance_deadline,
                            "considered_terminated_on": considered,
                        },
                    )
                out.append(lc.proposal(view, notice.proposed_terminated_on or considered))
        return out

    def confirm_terminations(
        self, notice_ids: Iterable[int], *, actor: str = "owner", today: date | None = None
    ) -> list[TerminationProposal]:
        """The owner confirms: these overdue customers' agreements are considered terminated (§14).

        All or nothing: every id must still be overdue and unconfirmed. Each customer's open
        agreements end (reason ``not_reaccepted``) and the customer relationship ends on the day
        after the acceptance deadline.

        Raises:
            UserError: an id is unknown, not overdue (e.g. accepted meanwhile), or confirmed
            already.
        """
        day = today or date.today()
        ids = list(dict.fromkeys(int(i) for i in notice_ids))
        if not ids:
            raise UserError(
                _t(
                    translate(
                        "AgreementService", "Choose the customers whose termination you confirm."
                    )
                )
            )
        out = []
        with self._store.session() as s:
            views = {v.notice_id: v for v in lc.notice_views(s, day)}
            for notice_id in ids:
                view = views.get(notice_id)
                if view is None:
                    raise NotFoundError(
                        _t(translate("AgreementService", "No re-acceptance row %1."), notice_id)
                    )
                if view.status == "terminated":
                    raise UserError(
                        _t(
                            translate(
                                "AgreementService", "The termination of %1 was confirmed already."
                            ),
                            view.customer_name,
                        )
                    )
                if (
                    view.status != ReacceptanceStatus.OVERDUE.value
                    or view.acceptance_deadline is None
                ):
                    raise UserError(
                        _t(
                            translate(
                                "AgreementService",
                                "%1 is not overdue (status: %2); nothing was terminated.",
                            ),
                            view.customer_name,
                            view.status,
                        )
                    )
            now = utcnow()
            for notice_id in ids:
                view = views[notice_id]
                assert view.acceptance_deadline is not None
                notice = s.get(ReacceptanceNotice, notice_id)
                customer = s.get(Customer, view.customer_id)
                assert notice is not None and customer is not None
                considered = notice.proposed_terminated_on or view.acceptance_deadline + timedelta(
                    days=1
                )
                notice.proposed_terminated_on = considered
                notice.terminated_confirmed_at = now
                ended = []
                for agreement in q.agreements_in_states(
                    s, customer.id, ("sent", "signed", "active")
                ):
                    lc.move(s, agreement, AgreementState.TERMINATED, actor, reason="not_reaccepted")
                    ended.append(agreement.document_id)
                if customer.relationship_ended_on is None:
                    customer.relationship_ended_on = considered
                audit.append(
                    s,
                    actor=actor,
                    action="reacceptance.termination_confirmed",
                    entity_type="customer",
                    entity_id=customer.org_number,
                    payload={
                        "terms_label": view.terms_label,
                        "considered_terminated_on": considered,
                        "agreements_ended": ended,
                    },
                )
                out.append(lc.proposal(view, considered, confirmed_at=now))
        return out

"""What the user must know before issuing: problems shown (and confirmed) in the app, never printed.

`issue_problems` reads only (no agreement is made): the customer's registry state and signing
data, who would sign, the supplier profile, the terms version's missing fields and
sub-processors, and whether the terms version names another business than the supplier profile.
For that last case `draft_with_supplier_fields` makes the next version's draft with the
supplier's details as fields.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING, Any

from contractdesk.domain.customers import BLOCKED_STATUSES
from contractdesk.domain.terms.supplier_fields import (
    named_business,
    names_business,
    with_supplier_fields,
)
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.store.engine import Store

from .loading import choose_signatory, load_customers

if TYPE_CHECKING:
    from contractdesk.services.supplier import SupplierService
    from contractdesk.services.terms import TermsService, TermsVersionView

    from .preparing import DocVersion

__all__ = ["IssueChecks"]


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


class IssueChecks:
    """Checks before issuing (part of `DocumentService`)."""

    _store: Store
    _supplier: SupplierService
    _terms: TermsService
    _lock: threading.Lock

    if TYPE_CHECKING:  # provided by the other parts of DocumentService

        def _version(self, label: str | None, day: date) -> DocVersion: ...

        def _blocked_reason(self, customer: Any) -> str: ...

    def issue_problems(
        self,
        org_number: str,
        terms: str | None = None,
        signatory: int | None = None,
        *,
        today: date | None = None,
    ) -> list[str]:
        """Problems to show and have confirmed before the document is issued (nothing is written).

        Raises:
            UserError: unknown customer, person or version (as issuing would).
        """
        from contractdesk.services.agreements.service import own_org_message

        from .preparing import parse_org

        day = today or date.today()
        org = parse_org(org_number)
        version = self._version(terms, day)
        loaded, chosen = load_customers(self._store, [org], signatory)
        customer = loaded[org]
        out: list[str] = []
        if customer.status in BLOCKED_STATUSES:
            out.append(self._blocked_reason(customer))
        profile = self._supplier.get()
        if profile is not None and profile.org_number == org:
            out.append(own_org_message(customer.name))
        out += customer.warnings()
        if not customer.has_registry_data():
            out.append(
                _t(
                    translate(
                        "DocumentService",
                        "The registry has no data on who may sign for %1: check the signing "
                        "authority by hand.",
                    ),
                    customer.name,
                )
            )
        out += choose_signatory(customer, chosen)[2]
        out += self._supplier_problems()
        out += self._version_problems(version)
        return list(dict.fromkeys(out))

    def _supplier_problems(self) -> list[str]:
        profile = self._supplier.get()
        if profile is None or not profile.name:
            return [
                translate(
                    "DocumentService",
                    "Fill in the supplier profile in Settings before making agreements.",
                )
            ]
        missing = [
            name
            for name, value in (
                (translate("DocumentService", "address"), profile.address_lines),
                (translate("DocumentService", "e-mail"), profile.email),
                (translate("DocumentService", "signer"), profile.signer_name),
            )
            if not value
        ]
        out = []
        if missing:
            out.append(
                _t(
                    translate("DocumentService", "The supplier profile has no %1: fill it in."),
                    ", ".join(missing),
                )
            )
        mismatch = self.supplier_mismatch()
        if mismatch:
            out.append(mismatch)
        return out

    def _version_problems(self, version: DocVersion) -> list[str]:
        out = []
        if version.missing_fields:
            out.append(
                _t(
                    translate(
                        "DocumentService", "The terms use %1 with no value: set it in the settings."
                    ),
                    ", ".join("{" + n + "}" for n in version.missing_fields),
                )
            )
        unplaced = [sp.name for sp in version.subprocessors if not sp.location.strip()]
        if unplaced:
            out.append(
                _t(
                    translate(
                        "DocumentService",
                        "The sub-processor register gives no location or transfer basis for %1: "
                        "the §17.7 table shows a dash.",
                    ),
                    ", ".join(unplaced),
                )
            )
        return out

    def supplier_mismatch(self, terms: str | None = None, *, today: date | None = None) -> str:
        """Why the terms version does not fit the supplier profile ("" when it does)."""
        profile = self._supplier.get()
        if profile is None:
            return ""
        version = self._version(terms, today or date.today())
        document = self._terms.get(version.label).document
        if names_business(document, profile.name, profile.org_number):
            return ""
        named = named_business(document)
        return _t(
            translate(
                "DocumentService",
                "Terms version %1 names %2 as the supplier, not %3 (the supplier profile): make "
                "a next version with the supplier's details as fields before issuing.",
            ),
            version.label,
            named.name if named else translate("DocumentService", "another business"),
            profile.name,
        )

    def draft_with_supplier_fields(
        self, terms: str, new_label: str, *, actor: str = "owner"
    ) -> TermsVersionView:
        """A draft of the next version: ``terms`` with the business it names replaced by fields.

        Raises:
            UserError: the version names no business to replace, or the label is taken.
        """
        source = self._terms.get(terms)
        named = named_business(source.document)
        if named is None:
            raise UserError(
                _t(
                    translate(
                        "DocumentService", "Terms version %1 names no supplier to turn into fields."
                    ),
                    terms,
                )
            )
        draft = self._terms.copy_to_draft(terms, new_label, actor=actor)
        return self._terms.update_draft(
            draft.row.label, document=with_supplier_fields(source.document, named), actor=actor
        )

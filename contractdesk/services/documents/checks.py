"""What the user must know before issuing: problems shown (and confirmed) in the app, never printed.

`issue_problems` reads only (no agreement is made): the customer's registry state and signing
data, who would sign, the supplier profile, the terms version's missing fields and
sub-processors, and whether the terms version names another business than the supplier profile.
For that last case `draft_with_supplier_fields` makes the next version's draft with the
supplier's details as fields.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from contractdesk.domain.customers import BLOCKED_STATUSES
from contractdesk.domain.orgnr import format_org_number
from contractdesk.domain.terms.supplier_fields import (
    named_business,
    names_business,
    with_supplier_fields,
)
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.store.engine import Store

from .loading import DocCustomer, DocPerson, choose_signatory, load_customers
from .views import IssueCheck

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
    _supplier_fit: dict[tuple[str, str, str, str], tuple[bool, str | None]]

    if TYPE_CHECKING:  # provided by the other parts of DocumentService

        def _version(self, label: str | None, day: date) -> DocVersion: ...

        def _blocked_reason(self, customer: Any) -> str: ...

        def active_org_numbers(self) -> list[str]: ...

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
        from .preparing import parse_org

        day = today or date.today()
        org = parse_org(org_number)
        version = self._version(terms, day)
        loaded, chosen = load_customers(self._store, [org], signatory)
        customer = loaded[org]
        out: list[str] = []
        if customer.status in BLOCKED_STATUSES:
            out.append(self._blocked_reason(customer))
        out += self._customer_problems(customer, chosen)
        out += self._supplier_problems()
        out += self._version_problems(version)
        return list(dict.fromkeys(out))

    def issue_check(
        self,
        org_numbers: Sequence[str] | None,
        terms: str | None = None,
        signatory: int | None = None,
        *,
        today: date | None = None,
    ) -> IssueCheck:
        """What the app asks the user to confirm before issuing to one or more customers.

        ``org_numbers`` None: every active customer (a batch). With more than one customer, each
        customer's own problems are named with the customer; customers a batch leaves out
        (deleted, bankrupt …) are not listed, the batch says so itself. Nothing is written.

        Raises:
            UserError: unknown customer, person or version (as issuing would).
        """
        from .preparing import parse_org

        day = today or date.today()
        version = self._version(terms, day)
        orgs = (
            [parse_org(o) for o in org_numbers]
            if org_numbers is not None
            else self.active_org_numbers()
        )
        out: list[str] = []
        profile = self._supplier.get()
        refused = profile is None or not profile.name
        if len(orgs) == 1:
            out = self.issue_problems(orgs[0], version.label, signatory, today=day)
            customer = load_customers(self._store, orgs, None)[0][orgs[0]]
            refused = refused or customer.status in BLOCKED_STATUSES
            refused = refused or (profile is not None and profile.org_number == orgs[0])
        else:
            loaded, chosen = load_customers(self._store, orgs, signatory)
            for org in orgs:
                customer = loaded[org]
                if customer.status in BLOCKED_STATUSES:
                    continue
                name = _t(
                    translate("DocumentService", "%1 (%2): %3"),
                    customer.name,
                    format_org_number(org),
                    "",
                )
                out += [
                    p if customer.name in p else name + p
                    for p in self._customer_problems(customer, chosen)
                ]
            out += self._supplier_problems() + self._version_problems(version)
        return IssueCheck(
            problems=tuple(dict.fromkeys(out)),
            supplier_mismatch=self.supplier_mismatch(version.label, today=day),
            terms_label=version.label,
            refused=refused,
        )

    def _customer_problems(self, customer: DocCustomer, chosen: DocPerson | None) -> list[str]:
        from contractdesk.services.agreements.service import own_org_message

        out: list[str] = []
        profile = self._supplier.get()
        if profile is not None and profile.org_number == customer.org_number:
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
        return out

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
        from .preparing import without_business

        profile = self._supplier.get()
        listed = (
            without_business(version, profile.name, profile.org_number)
            if profile is not None
            else version.subprocessors
        )
        unplaced = [sp.name for sp in listed if not sp.location.strip()]
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
        # A published version never changes: what it names is read (and parsed) once.
        key = (version.label, version.sha256, profile.name, profile.org_number)
        with self._lock:
            known = self._supplier_fit.get(key)
        if known is None:
            document = self._terms.get(version.label).document
            named = named_business(document)
            known = (
                names_business(document, profile.name, profile.org_number),
                named.name if named else None,
            )
            with self._lock:
                self._supplier_fit[key] = known
        fits, named_name = known
        if fits:
            return ""
        return _t(
            translate(
                "DocumentService",
                "Terms version %1 names %2 as the supplier, not %3 (the supplier profile): make "
                "a next version with the supplier's details as fields before issuing.",
            ),
            version.label,
            named_name or translate("DocumentService", "another business"),
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

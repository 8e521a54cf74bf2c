"""Agreement documents for customers: the PDF, the signature sheet, the e-mail and batches.

``DocumentService`` maps the store into the renderer's plain inputs (``preparing.py``): the
supplier from the profile, the customer from the store, its services (§10, §12), a published
terms version with its fields filled and sub-processors, the signatory (§2.1, §4.2), and the
agreement the document is for (reused or created as a draft). It refuses a customer no
agreement may be issued to (deleted, removed, bankrupt, in liquidation). E-mail is
``mailing.py``, settings ``settings.py``. Only public use cases of the other services are
called, outside any open session of this one.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from contractdesk.domain.customers import BLOCKED_STATUSES
from contractdesk.domain.orgnr import format_org_number
from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, translate
from contractdesk.store.engine import Store
from contractdesk.store.queries import documents as q

from .checks import IssueChecks
from .issuing import input_from_snapshot, issue_all, page_count, sha256
from .mailing import MailingUseCases
from .preparing import DocVersion, Preparation, parse_org, render_pdf
from .scan_import import ScanImportUseCases
from .settings import DocumentSettingsUseCases
from .verify import VerifyUseCases
from .views import AgreementRef, DocumentBatchResult, PreparedAgreement

if TYPE_CHECKING:
    from contractdesk.domain.fingerprint import DocumentCode
    from contractdesk.output.pdf import AgreementInput
    from contractdesk.services.agreements import AgreementService, AgreementView, IssuedDocument
    from contractdesk.services.billing import BillingService
    from contractdesk.services.customers import CustomerService
    from contractdesk.services.people import PeopleService
    from contractdesk.services.settings import SettingsService
    from contractdesk.services.supplier import SupplierService
    from contractdesk.services.terms import TermsService

__all__ = ["BatchProgress", "DocumentKind", "DocumentService"]

BatchProgress = Callable[[int, int, str], None]
"""``progress(done, total, stage)``; stage ``prepare`` (reading the store) or ``render``."""
DocumentKind = Literal["agreement", "sheet"]


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


class DocumentService(
    DocumentSettingsUseCases,
    MailingUseCases,
    Preparation,
    VerifyUseCases,
    ScanImportUseCases,
    IssueChecks,
):
    """Agreement PDFs, signature sheets, e-mails and batches for customers."""

    def __init__(
        self,
        store: Store,
        *,
        supplier: SupplierService,
        settings: SettingsService,
        customers: CustomerService,
        people: PeopleService,
        terms: TermsService,
        agreements: AgreementService,
        billing: BillingService,
    ) -> None:
        self._store = store
        self._supplier = supplier
        self._settings = settings
        self._customers = customers
        self._people = people
        self._terms = terms
        self._agreements = agreements
        self._billing = billing
        self._lock = threading.Lock()
        self._versions: dict[tuple[Any, ...], DocVersion] = {}
        self._scan_codes: dict[str, list[DocumentCode | None]] = {}  # by file SHA-256
        self._supplier_fit: dict[tuple[str, str, str, str], tuple[bool, str | None]] = {}

    def __repr__(self) -> str:
        return f"DocumentService({self._store!r})"

    def prepare(
        self,
        org_number: str,
        terms: str | None = None,
        signatory: int | None = None,
        *,
        agreement: int | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> PreparedAgreement:
        """The renderer's input for a customer, with its agreement reused or made (a draft).

        Args:
            org_number: the customer.
            terms: a published version's label; default the version of ``agreement``, else the
                one in effect today, else the latest published.
            signatory: person id of who signs for the customer; default the registry's signatory
                or general manager among the customer's people, else the registry's own names.
            agreement: make the document for this agreement (id or document id) of the customer.

        Raises:
            UserError: unknown customer/person/version, a draft version, a customer no agreement
                may be issued to (deleted …), no supplier profile, unknown fields in the terms.
        """
        day = today or date.today()
        org = parse_org(org_number)
        existing: AgreementView | None = None
        if agreement is not None:
            existing = self._agreements.get_agreement(agreement)
            if existing.org_number != org:
                raise UserError(
                    _t(
                        translate("DocumentService", "Agreement %1 belongs to %2, not to %3."),
                        existing.document_id,
                        format_org_number(existing.org_number),
                        format_org_number(org),
                    )
                )
            terms = terms or existing.terms_label
        version = self._version(terms, day)
        prepared, skipped = self._prepare_many(
            [org], version, signatory, day, actor, existing=existing
        )
        if skipped:
            raise UserError(skipped[0][1])
        return prepared[0]

    def document(
        self,
        kind: DocumentKind,
        org_number: str,
        terms: str | None = None,
        signatory: int | None = None,
        *,
        agreement: int | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> tuple[bytes, AgreementRef]:
        """The customer's agreement (``kind="agreement"``) or its one-page signature sheet
        (``"sheet"``) as PDF bytes, and the agreement it belongs to (see `prepare`)."""
        prepared = self.prepare(
            org_number, terms, signatory, agreement=agreement, today=today, actor=actor
        )
        pdf, ref, _inp = self._issue(kind, prepared, today, actor)
        return pdf, ref

    def _issue(
        self, kind: DocumentKind, prepared: PreparedAgreement, today: date | None, actor: str
    ) -> tuple[bytes, AgreementRef, AgreementInput]:
        """Freeze the prepared document (a new version when it changed), render it reproducibly and
        keep the PDF's hash."""
        from contractdesk.output.pdf import render_agreement, render_signature_sheet

        day = today or date.today()
        (issued,) = issue_all(
            [prepared], lambda c: self._agreements.issue_documents(c, day, actor=actor)
        )
        render = render_signature_sheet if kind == "sheet" else render_agreement
        pdf = render_pdf(lambda inp: render(inp, reproducible=True), issued.input)
        digest = sha256(pdf)
        assert issued.ref.issued_id is not None
        recorded = issued.ref.sheet_sha256 if kind == "sheet" else issued.ref.pdf_sha256
        if recorded is None:
            # The first hash made stays: a document already recorded needs no write.
            pages = page_count(pdf) if kind == "agreement" else None
            self._agreements.record_pdf(issued.ref.issued_id, kind, digest, pages)
        return pdf, replace(issued.ref, pdf_sha256=digest), issued.input

    def issued_pdf(
        self, ref: int | str, *, version: int | None = None, kind: DocumentKind = "agreement"
    ) -> tuple[bytes, IssuedDocument]:
        """An issued version (default: the latest) rendered again from its snapshot.

        The same snapshot gives the same bytes: an old version is retrievable as it was issued.

        Raises:
            NotFoundError: the agreement was never issued, or has no such version.
        """
        from contractdesk.domain.terms.fields import field_names, fill_fields
        from contractdesk.output.pdf import render_agreement, render_signature_sheet

        versions = self._agreements.issued_versions(ref)
        issued = next(
            (v for v in reversed(versions) if version is None or v.version == version), None
        )
        if issued is None:
            raise NotFoundError(
                _t(
                    translate("DocumentService", "Agreement %1 has no issued version %2."),
                    ref,
                    version if version is not None else "",
                )
            )
        terms = self._terms.get(issued.snapshot["terms"]["label"])
        document = terms.document
        if field_names(document):
            values = {k: v for k, v in issued.snapshot["fields"]}
            document = fill_fields(document, values, allow_missing=True)
        render = render_signature_sheet if kind == "sheet" else render_agreement
        inp = input_from_snapshot(issued, document)
        return render_pdf(lambda i: render(i, reproducible=True), inp), issued

    def agreement_pdf(
        self, org_number: str, *args: Any, **kwargs: Any
    ) -> tuple[bytes, AgreementRef]:
        """`document` of kind ``agreement`` (the whole text with the signature blocks)."""
        return self.document("agreement", org_number, *args, **kwargs)

    def signature_sheet(
        self, org_number: str, *args: Any, **kwargs: Any
    ) -> tuple[bytes, AgreementRef]:
        """`document` of kind ``sheet`` (parties, version, document id, the signature blocks)."""
        return self.document("sheet", org_number, *args, **kwargs)

    def active_org_numbers(self) -> list[str]:
        """Customers in a customer relationship to whom an agreement may be issued, by name."""
        with self._store.read_session() as s:
            rows = q.issuable_customers(s)
        return [org for org, status in rows if status not in BLOCKED_STATUSES]

    def batch(
        self,
        out_dir: str | os.PathLike[str],
        org_numbers: Iterable[str] | None = None,
        *,
        all_active: bool = False,
        terms: str | None = None,
        progress: BatchProgress | None = None,
        cancel: Callable[[], bool] | None = None,
        workers: int | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> DocumentBatchResult:
        """Make the agreements of the named (or all active) customers as ``ORGNR-<label>.pdf``
        files.

        Customers no agreement may be issued to are left out and listed in ``skipped`` with the
        reason. Rendering uses worker processes (``workers``, default every core); call this from a
        background thread. ``cancel`` is polled between customers and between rendered chunks.

        Raises:
            UserError: no customers named (and not ``all_active``), an invalid or unknown org
            number,
                an unknown or draft version, no supplier profile.
        """
        from contractdesk.output.pdf.batch import render_batch

        day = today or date.today()
        report = progress or (lambda _d, _t, _s: None)
        stop = cancel or (lambda: False)
        if all_active:
            names = self.active_org_numbers()
        else:
            names = list(dict.fromkeys(parse_org(o) for o in (org_numbers or ())))
            if not names:
                raise UserError(
                    translate(
                        "DocumentService", "Name the customers, or choose all active customers."
                    )
                )
        started = time.perf_counter()
        version = self._version(terms, day)
        report(0, len(names), "prepare")
        prepared, skipped = self._prepare_many(names, version, None, day, actor, cancel=stop)
        report(len(names), len(names), "prepare")
        if not stop():
            prepared = issue_all(
                prepared, lambda c: self._agreements.issue_documents(c, day, actor=actor)
            )
        prepare_seconds = time.perf_counter() - started
        refs = tuple(p.ref for p in prepared)
        if stop():
            return DocumentBatchResult(None, tuple(skipped), refs, True, prepare_seconds)
        result = render_batch(
            [p.input for p in prepared],
            out_dir,
            progress=lambda d, t: report(d, t, "render"),
            cancel=stop,
            workers=workers,
        )
        self._record_written(prepared, result.written)
        return DocumentBatchResult(result, tuple(skipped), refs, result.cancelled, prepare_seconds)

    def _record_written(
        self, prepared: Sequence[PreparedAgreement], written: Iterable[Path]
    ) -> None:
        """Keep the hash of each PDF a batch wrote (files named by `batch_filename`)."""
        from contractdesk.output.pdf.batch import batch_filename

        by_name = {batch_filename(p.input): p for p in prepared}
        items: list[tuple[int, str, str, int | None]] = []
        for path in written:
            match = by_name.get(path.name)
            if match is None or match.ref.issued_id is None:
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            items.append((match.ref.issued_id, "agreement", sha256(data), page_count(data)))
        if items:
            self._agreements.record_pdfs(items)

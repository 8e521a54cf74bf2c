"""Invoice-run use cases: settings, freeze a run, list, undo, export, read back numbers (issue 15).

The plan comes from :class:`~contractdesk.services.billing.BillingService` (its public ``plan``);
what is already frozen, the next number and the inserts happen in ONE write transaction, so two
runs started at once (two windows, two processes) never share a line or a number: the second
waits for the store's write lock, then freezes only what the first left (or is refused when
nothing is left).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from contractdesk.domain.invoicing.plan import PlannedInvoice
from contractdesk.domain.invoicing.runs import (
    InvalidAccountNumber,
    InvoicedPeriod,
    NumberingMode,
    Party,
    Seller,
    account_number,
    collection_notice_date,
    credited_targets,
    is_public_body,
    kid,
    unfrozen,
)
from contractdesk.domain.invoicing.values import DeliveryMethod, InvoiceKind
from contractdesk.domain.orgnr import format_org_number
from contractdesk.errors import BugError, UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.billing import BillingService
from contractdesk.services.invoice_runs import exports
from contractdesk.services.invoice_runs.views import (
    EXPORT_FORMATS,
    ExportResult,
    InvoicingSettings,
    RunResult,
    RunView,
)
from contractdesk.services.settings import SettingsService
from contractdesk.services.supplier import SupplierService
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.queries import invoice_runs as q

KEY_NUMBERING = "invoicing.numbering"
KEY_FIRST_NUMBER = "invoicing.first_number"
KEY_ACCOUNT = "invoicing.account_number"
KEY_REGISTER = "invoicing.business_register"
MAX_FIRST_NUMBER = 99_999_999
PLAN_YEARS_BACK = 19  # a run looks this far back for planned lines no run holds yet


class InvoiceRunService:
    """Freeze, list, undo and export invoice runs. Every change is audited in its transaction."""

    def __init__(
        self,
        store: Store,
        *,
        billing: BillingService,
        settings: SettingsService,
        supplier: SupplierService,
    ) -> None:
        self.store = store
        self.billing = billing
        self._settings = settings
        self._supplier = supplier

    def __repr__(self) -> str:
        return f"InvoiceRunService({self.store!r})"

    # settings -------------------------------------------------------------------------

    def settings(self) -> InvoicingSettings:
        """The numbering mode, first number, account number and register flag."""
        values = self._settings.all()
        try:
            mode = NumberingMode.parse(str(values.get(KEY_NUMBERING) or "contractdesk"))
        except ValueError:
            mode = NumberingMode.CONTRACTDESK
        first = values.get(KEY_FIRST_NUMBER)
        register = values.get(KEY_REGISTER)
        return InvoicingSettings(
            mode,
            int(first) if isinstance(first, int) and first > 0 else 1,
            str(values.get(KEY_ACCOUNT) or ""),
            True if register is None else bool(register),
        )

    def set_start_number(self, number: int, *, actor: str = "owner") -> InvoicingSettings:
        """Set the series' first number; refused once any document carries a number.

        Raises:
            UserError: not 1 … 99,999,999, or numbers have been given already.
        """
        if not isinstance(number, int) or not 1 <= number <= MAX_FIRST_NUMBER:
            raise UserError(
                fill(
                    translate("InvoiceRuns", "The first invoice number must be 1 … %1."),
                    MAX_FIRST_NUMBER,
                ),
                field="first_number",
            )
        with self.store.read_session() as s:
            given = q.numbered_documents(s)
        if given:
            raise UserError(
                translate(
                    "InvoiceRuns",
                    "The first invoice number is fixed once invoices have numbers; "
                    "the series continues from the last number.",
                ),
                field="first_number",
            )
        self._settings.set(KEY_FIRST_NUMBER, number, actor=actor)
        return self.settings()

    def set_account_number(self, text: str, *, actor: str = "owner") -> InvoicingSettings:
        """Set the supplier's bank account (checked with ``stdnum.no.kontonr``).

        Raises:
            UserError: not a valid Norwegian account number.
        """
        try:
            digits = account_number(text)
        except InvalidAccountNumber:
            raise UserError(
                fill(
                    translate("InvoiceRuns", "%1 is not a valid Norwegian account number."),
                    text.strip(),
                ),
                field="account_number",
            ) from None
        self._settings.set(KEY_ACCOUNT, digits, actor=actor)
        return self.settings()

    def set_numbering(
        self, mode: NumberingMode | str, *, actor: str = "owner"
    ) -> InvoicingSettings:
        """Choose who numbers invoices: ``contractdesk`` or ``accounting``."""
        try:
            value = NumberingMode.parse(str(mode))
        except ValueError as exc:
            raise UserError(str(exc), field="numbering") from None
        self._settings.set(KEY_NUMBERING, value.value, actor=actor)
        return self.settings()

    def set_business_register(self, registered: bool, *, actor: str = "owner") -> InvoicingSettings:
        """Whether the supplier is in Foretaksregisteret (then every invoice says so)."""
        self._settings.set(KEY_REGISTER, bool(registered), actor=actor)
        return self.settings()

    # runs -----------------------------------------------------------------------------

    def run(self, date_to: date, *, actor: str = "owner") -> RunResult:
        """Freeze every planned line dated up to ``date_to`` that no run holds yet.

        Raises:
            UserError: no supplier profile or account number, or nothing left to freeze.
        """
        config = self.settings()
        seller = self._seller(config)
        date_from = date(date_to.year - PLAN_YEARS_BACK, 1, 1)
        planned = self.billing.plan(None, date_from, date_to)
        with self.store.session() as s:
            fresh = unfrozen(planned, q.frozen_line_keys(s))
            del planned
            if not fresh:
                raise UserError(
                    fill(
                        translate(
                            "InvoiceRuns",
                            "Nothing to freeze: every planned invoice up to %1 is in a run.",
                        ),
                        date_to.isoformat(),
                    ),
                    field="date_to",
                )
            numbered = config.numbering is NumberingMode.CONTRACTDESK
            first = q.next_number(s, config.first_number) if numbered else None
            documents = _new_documents(
                fresh,
                q.customer_facts(s, {d.org_number for d in fresh}),
                q.invoiced_periods(s),
                first_id=q.next_document_id(s),
                first_number=first,
            )
            run_id = q.add_run(
                s,
                date_to=date_to,
                numbering=config.numbering.value,
                seller=seller,
                documents=documents,
            )
            credits = sum(1 for d in documents if d.kind is InvoiceKind.CREDIT)
            last = None if first is None else first + len(documents) - 1
            audit.append(
                s,
                actor=actor,
                action="invoices.run_frozen",
                entity_type="invoice_run",
                entity_id=run_id,
                payload={
                    "to": date_to.isoformat(),
                    "invoices": len(documents) - credits,
                    "credit_notes": credits,
                    "first_number": first,
                    "last_number": last,
                },
            )
        return RunResult(run_id, len(documents) - credits, credits, first, last)

    def runs(self) -> list[RunView]:
        """Every run, newest first."""
        with self.store.read_session() as s:
            return [RunView(**vars(row)) for row in q.list_runs(s)]

    def undo(self, run_id: int, *, actor: str = "owner") -> int:
        """Undo the newest run while nothing of it has been exported; return its document count.

        Raises:
            NotFoundError: no such run.
            UserError: already undone, exported, or a later run exists.
        """
        with self.store.session() as s:
            run = q.run_by_id(s, run_id)
            if run.status != "frozen":
                raise UserError(
                    fill(translate("InvoiceRuns", "Run %1 is undone already."), run_id),
                    field="run_id",
                )
            if q.export_count(s, run.id):
                raise UserError(
                    fill(
                        translate(
                            "InvoiceRuns",
                            "Run %1 has been exported and cannot be undone; correct it with "
                            "credit notes in a later run.",
                        ),
                        run_id,
                    ),
                    field="run_id",
                )
            latest = q.latest_run_id(s)
            if latest != run.id:
                raise UserError(
                    fill(
                        translate(
                            "InvoiceRuns", "Undo run %1 first: only the newest run can be undone."
                        ),
                        latest,
                    ),
                    field="run_id",
                )
            count = q.undo_run(s, run)
            audit.append(
                s,
                actor=actor,
                action="invoices.run_undone",
                entity_type="invoice_run",
                entity_id=run.id,
                payload={"documents": count, "to": run.date_to.isoformat()},
            )
        return count

    def documents(self, run_id: int) -> tuple[Seller, list[Any]]:
        """The run's seller and frozen documents (:class:`RunDocument`), in number order."""
        with self.store.read_session() as s:
            return q.run_documents(s, run_id)

    def export(
        self, run_id: int, fmt: str, target: str | Path, *, actor: str = "owner"
    ) -> ExportResult:
        """Write the run as ``ehf`` (folder), ``csv``, ``poweroffice``, ``customers`` or ``pdf``
        (folder), and record it. The same run always gives the same bytes.

        Raises:
            UserError: unknown format, drafts without numbers (EHF, PDF), or the files cannot be
                written.
        """
        if fmt not in EXPORT_FORMATS:
            raise UserError(
                fill(translate("InvoiceRuns", "Unknown export format %1."), fmt), field="format"
            )
        seller, docs = self.documents(run_id)
        if fmt in ("ehf", "pdf") and any(not d.number for d in docs):
            raise UserError(
                fill(
                    translate(
                        "InvoiceRuns",
                        "Run %1 has drafts without numbers; import the accounting system's "
                        "receipt first.",
                    ),
                    run_id,
                ),
                field="run_id",
            )
        path = Path(target)
        files, digest = exports.write(fmt, path, run_id, seller, docs)
        with self.store.session() as s:
            q.run_by_id(s, run_id)
            earlier = [e.digest for e in q.exports_of(s, run_id) if e.format == fmt]
            q.record_export(s, run_id, fmt, path.name, files, digest)
            audit.append(
                s,
                actor=actor,
                action="invoices.run_exported",
                entity_type="invoice_run",
                entity_id=run_id,
                payload={"format": fmt, "target": path.name, "files": files, "sha256": digest},
            )
        if earlier and earlier[0] != digest:
            raise BugError(f"run {run_id}: {fmt} export differs from the first one")
        return ExportResult(
            run_id, fmt, path, files, digest, (earlier[0] == digest) if earlier else None
        )

    def import_receipt(self, run_id: int, path: str | Path, *, actor: str = "owner") -> int:
        """Record the numbers the accounting system gave a run's drafts; return how many.

        Raises:
            UserError: the file cannot be read, names documents of another run, or numbers that
                are taken.
        """
        from contractdesk.output.accounting.files import ReceiptError, parse_receipt

        source = Path(path)
        try:
            numbers = parse_receipt(source.read_bytes())
        except (OSError, UnicodeDecodeError, ReceiptError) as exc:
            raise UserError(
                fill(
                    translate("InvoiceRuns", "Could not read the receipt %1: %2"), source.name, exc
                ),
                field="path",
            ) from None
        with self.store.session() as s:
            run = q.run_by_id(s, run_id)
            refs = q.references_of(s, run.id)
            unknown = sorted(set(numbers) - set(refs))
            if unknown:
                raise UserError(
                    fill(
                        translate("InvoiceRuns", "The receipt names documents not in run %1: %2"),
                        run_id,
                        ", ".join(unknown[:5]),
                    ),
                    field="path",
                )
            taken = q.number_taken(s, numbers.values())
            if taken or len(set(numbers.values())) != len(numbers):
                raise UserError(
                    fill(
                        translate(
                            "InvoiceRuns", "Invoice numbers in the receipt are taken already: %1"
                        ),
                        ", ".join(map(str, taken[:5])) or "-",
                    ),
                    field="path",
                )
            _seller, docs = q.run_documents(s, run.id)
            by_ref = {d.reference: d for d in docs}
            for ref, number in numbers.items():
                q.set_number(s, refs[ref], number, kid(by_ref[ref].buyer.customer_number, number))
            audit.append(
                s,
                actor=actor,
                action="invoices.numbers_recorded",
                entity_type="invoice_run",
                entity_id=run.id,
                payload={"file": source.name, "numbers": len(numbers)},
            )
        return len(numbers)

    def frozen_state(self, planned: list[PlannedInvoice]) -> list[str]:
        """For each planned document: ``planned``, ``frozen`` or ``exported`` (all its lines in
        runs, one of them exported)."""
        from contractdesk.domain.invoicing.runs import line_key

        with self.store.read_session() as s:
            states = q.line_states(s)
        out = []
        for doc in planned:
            seen = [states.get(line_key(line, doc.kind)) for line in doc.lines]
            if any(x is None for x in seen):
                out.append("planned")
            else:
                out.append("exported" if "exported" in seen else "frozen")
        return out

    # internals ------------------------------------------------------------------------

    def _seller(self, config: InvoicingSettings) -> Seller:
        profile = self._supplier.get()
        if profile is None:
            raise UserError(
                translate("InvoiceRuns", "Enter the supplier's details in Settings first."),
                field="supplier",
            )
        if not config.account_number:
            raise UserError(
                translate(
                    "InvoiceRuns",
                    "Set the supplier's bank account number first "
                    "(contractdesk invoices settings --account NUMBER).",
                ),
                field="account_number",
            )
        return Seller(
            org_number=profile.org_number,
            name=profile.name,
            address_lines=tuple(profile.address_lines),
            postcode=profile.postcode,
            city=profile.city,
            country_code="NO",
            email=profile.email,
            phone=profile.phone,
            account_number=config.account_number,
            in_business_register=config.business_register,
        )


def _party(facts: q.CustomerFacts) -> Party:
    """The buyer frozen into a document: the registry's postal address where there is one."""
    address = facts.postal_address if _has_lines(facts.postal_address) else facts.business_address
    address = address if isinstance(address, dict) else {}
    try:
        delivery = DeliveryMethod.parse(facts.delivery_method)
    except ValueError:
        delivery = DeliveryMethod.EMAIL
    return Party(
        customer_number=facts.customer_id,
        org_number=facts.org_number,
        name=facts.name,
        address_lines=tuple(str(x) for x in address.get("lines") or () if str(x).strip()),
        postcode=str(address.get("postcode") or ""),
        city=str(address.get("city") or ""),
        country_code=str(address.get("country_code") or "NO").upper(),
        vat_registered=facts.vat_registered,
        public_body=is_public_body(facts.organisation_form),
        email=facts.contact_email,
        buyer_reference=facts.contact_name or format_org_number(facts.org_number),
        delivery_method=delivery,
    )


def _has_lines(address: object) -> bool:
    return isinstance(address, dict) and any(str(x).strip() for x in address.get("lines") or ())


def _new_documents(
    fresh: list[PlannedInvoice],
    facts: dict[str, q.CustomerFacts],
    invoiced: dict[int, list[InvoicedPeriod]],
    *,
    first_id: int,
    first_number: int | None,
) -> list[q.NewDocument]:
    """Number the documents, freeze their buyers and tie credit notes to their invoices."""
    index: dict[int, list[InvoicedPeriod]] = defaultdict(
        list, {k: list(v) for k, v in invoiced.items()}
    )
    for position, doc in enumerate(fresh):
        if doc.kind is InvoiceKind.INVOICE:
            for line in doc.lines:
                index[int(line.service_id)].append(
                    InvoicedPeriod(line.period_start, line.period_end, first_id + position)
                )
    parties: dict[str, Party] = {}
    out = []
    for position, doc in enumerate(fresh):
        if doc.org_number not in facts:
            raise UserError(
                fill(
                    translate(
                        "InvoiceRuns",
                        "Customer %1 was removed while the run was made; run it again.",
                    ),
                    format_org_number(doc.org_number),
                ),
            )
        party = parties.get(doc.org_number) or parties.setdefault(
            doc.org_number, _party(facts[doc.org_number])
        )
        number = None if first_number is None else first_number + position
        credited: tuple[int, ...] = ()
        if doc.kind is InvoiceKind.CREDIT:
            credited = tuple(int(str(t)) for t in credited_targets(doc, index))
        out.append(
            q.NewDocument(
                doc_id=first_id + position,
                position=position + 1,
                kind=doc.kind,
                number=number,
                kid="" if number is None else kid(party.customer_number, number),
                customer_id=party.customer_number,
                org_number=doc.org_number,
                invoice_date=doc.invoice_date,
                due_date=doc.due_date,
                collection_date=collection_notice_date(doc.due_date),
                fee=doc.fee,
                net=doc.net,
                vat=doc.vat,
                total=doc.total,
                buyer=q.party_dict(party),
                credited=credited,
                lines=doc.lines,
            )
        )
    return out

"""Invoice-run use cases: settings, freeze a run, list, undo, export, read back numbers (issue 15).

The plan comes from :class:`~contractdesk.services.billing.BillingService` (its public ``plan``);
what is already frozen, the next number and the inserts happen in ONE write transaction, so two
runs started at once (two windows, two processes) never share a line or a number: the second
waits for the store's write lock, then freezes only what the first left (or is refused when
nothing is left).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from contractdesk.domain.invoicing.plan import PlannedInvoice
from contractdesk.domain.invoicing.runs import (
    NumberingMode,
    Seller,
    kid,
    unfrozen,
)
from contractdesk.domain.invoicing.values import InvoiceKind
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.billing import BillingService
from contractdesk.services.invoice_runs import exports
from contractdesk.services.invoice_runs.freezing import new_documents
from contractdesk.services.invoice_runs.setup import InvoicingSetup
from contractdesk.services.invoice_runs.views import (
    EXPORT_FORMATS,
    ExportResult,
    RunResult,
    RunView,
)
from contractdesk.services.settings import SettingsService
from contractdesk.services.supplier import SupplierService
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.numbering import INVOICE_SERIES, serialise_series
from contractdesk.store.queries import invoice_runs as q

PLAN_YEARS_BACK = 19  # a run looks this far back for planned lines no run holds yet


class InvoiceRunService(InvoicingSetup):
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

    # runs -----------------------------------------------------------------------------

    def run(self, date_to: date, *, actor: str = "owner") -> RunResult:
        """Freeze every planned line dated up to ``date_to`` that no run holds yet.

        Raises:
            UserError: no supplier profile or account number, or nothing left to freeze.
        """
        config = self.settings()
        seller = self._seller(config)
        date_from = config.runs_from or date(date_to.year - PLAN_YEARS_BACK, 1, 1)
        if date_to < date_from:
            raise UserError(
                fill(
                    translate("InvoiceRuns", "Runs start on %1 (Settings → Invoicing)."),
                    date_from.isoformat(),
                ),
                field="date_to",
            )
        planned = self.billing.plan(None, date_from, date_to)
        planned_amounts = {
            (int(line.service_id), line.period_start, line.period_end): line.amount
            for doc in planned
            if doc.kind is InvoiceKind.INVOICE
            for line in doc.lines
        }
        with self.store.session() as s:
            serialise_series(s, INVOICE_SERIES)  # first: two runs at once never share a number
            fresh = unfrozen(planned, q.frozen_line_keys(s))
            del planned
            numbered = config.numbering is NumberingMode.CONTRACTDESK
            first = q.next_number(s, config.first_number) if numbered else None
            documents = new_documents(
                fresh,
                q.customer_facts(s, {d.org_number for d in fresh}),
                q.invoiced_periods(s),
                first_id=q.next_document_id(s),
                first_number=first,
                planned_amounts=planned_amounts,
            )
            if not documents:
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
            serialise_series(s, INVOICE_SERIES)  # its numbers go back to the series
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
        (folder), and record it. The same run always gives the same bytes: ``same_as_before``
        compares them with the previous export in that format.

        Raises:
            UserError: unknown format, drafts without numbers (EHF, PDF), or the files cannot be
                written.
        """
        if fmt not in EXPORT_FORMATS:
            raise UserError(
                fill(translate("InvoiceRuns", "Unknown export format %1."), fmt), field="format"
            )
        with self.store.read_session() as s:
            seller, docs = q.run_documents(s, run_id)
            undone = q.run_by_id(s, run_id).status != "frozen"
        if undone:
            raise UserError(
                fill(
                    translate("InvoiceRuns", "Run %1 is undone; there is nothing to export."),
                    run_id,
                ),
                field="run_id",
            )
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
        # The same frozen run gives the same bytes; only numbers read back from a receipt (the
        # accounting system's numbering) change what a later export of a draft run writes.
        return ExportResult(
            run_id, fmt, path, files, digest, (earlier[-1] == digest) if earlier else None
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
            serialise_series(s, INVOICE_SERIES)
            run = q.run_by_id(s, run_id)
            if run.numbering != "accounting" or run.status != "frozen":
                raise UserError(
                    fill(
                        translate(
                            "InvoiceRuns",
                            "Run %1 is not waiting for numbers from the accounting system.",
                        ),
                        run_id,
                    ),
                    field="run_id",
                )
            refs = q.references_of(s, run.id)
            unknown = sorted(set(numbers) - set(refs))
            if unknown:
                raise UserError(
                    fill(
                        translate(
                            "InvoiceRuns",
                            "The receipt names documents that are not drafts of run %1: %2",
                        ),
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

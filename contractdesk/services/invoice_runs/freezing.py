"""Freezing planned documents into run documents: buyer snapshots, numbers, KIDs, credit links."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from contractdesk.domain.invoicing.plan import PlannedInvoice
from contractdesk.domain.invoicing.runs import (
    InvoicedPeriod,
    Party,
    collection_notice_date,
    credit_as_invoiced,
    credited_targets,
    is_public_body,
    kid,
)
from contractdesk.domain.invoicing.values import DeliveryMethod, InvoiceKind
from contractdesk.domain.orgnr import format_org_number
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.store.queries import invoice_runs as q


def buyer_party(facts: q.CustomerFacts) -> Party:
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


def new_documents(
    fresh: list[PlannedInvoice],
    facts: dict[str, q.CustomerFacts],
    invoiced: dict[int, list[InvoicedPeriod]],
    *,
    first_id: int,
    first_number: int | None,
    planned_amounts: Mapping[tuple[int, date, date], Decimal] | None = None,
) -> list[q.NewDocument]:
    """Number the documents, freeze their buyers and tie credit notes to their invoices.

    Credit notes are measured against the frozen invoice lines they correct
    (:func:`credit_as_invoiced`); one left without lines is not made.
    """
    index: dict[int, list[InvoicedPeriod]] = defaultdict(
        list, {k: list(v) for k, v in invoiced.items()}
    )
    for i, doc in enumerate(fresh):
        if doc.kind is InvoiceKind.INVOICE:
            for line in doc.lines:
                index[int(line.service_id)].append(
                    InvoicedPeriod(line.period_start, line.period_end, ("new", i), line.amount)
                )
    kept: list[tuple[int, PlannedInvoice]] = []
    for i, doc in enumerate(fresh):
        if doc.kind is InvoiceKind.CREDIT:
            doc = credit_as_invoiced(doc, index, planned_amounts or {})
        if doc.lines:
            kept.append((i, doc))
    ids = {i: first_id + position for position, (i, _doc) in enumerate(kept)}
    parties: dict[str, Party] = {}
    out = []
    for position, (_i, doc) in enumerate(kept):
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
            doc.org_number, buyer_party(facts[doc.org_number])
        )
        number = None if first_number is None else first_number + position
        credited: tuple[int, ...] = ()
        if doc.kind is InvoiceKind.CREDIT:
            credited = tuple(
                ids[t[1]] if isinstance(t, tuple) else int(str(t))
                for t in credited_targets(doc, index)
            )
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

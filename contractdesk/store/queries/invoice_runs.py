"""Invoice runs in the store (issue 15): what is frozen, the next number, runs and their documents.

Plain Core statements where a run may hold tens of thousands of documents; the callers hold the
write lock (``store.session()``) whenever they read something they will write on (the next
number, the lines already frozen).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, case, delete, func, select, update
from sqlalchemy.orm import Session

from contractdesk.domain.invoicing.plan import InvoiceLine
from contractdesk.domain.invoicing.runs import (
    DocumentRef,
    InvoicedPeriod,
    LineKey,
    Party,
    RunDocument,
    Seller,
)
from contractdesk.domain.invoicing.values import DeliveryMethod, InvoiceKind, ServiceKind
from contractdesk.errors import NotFoundError
from contractdesk.i18n import fill, translate
from contractdesk.store.models import (
    Customer,
    InvoiceDocument,
    InvoiceDocumentLine,
    InvoiceExport,
    InvoiceRecipient,
    InvoiceRun,
    Person,
    PersonRole,
)
from contractdesk.store.queries.portable import as_text, driver_sql
from contractdesk.store.types import utcnow

_DOC = cast(Table, InvoiceDocument.__table__)
_LINE = cast(Table, InvoiceDocumentLine.__table__)


@dataclass(frozen=True)
class RunRow:
    """A run as listed: counts, number range, exports so far."""

    run_id: int
    created_at: datetime
    date_to: date
    numbering: str
    status: str
    invoices: int
    credit_notes: int
    first_number: int | None
    last_number: int | None
    unnumbered: int
    exports: tuple[str, ...]
    total: Decimal


@dataclass(frozen=True)
class NewDocument:
    """A document to insert: its row values and its lines (``credited`` are document ids)."""

    doc_id: int
    position: int
    kind: InvoiceKind
    number: int | None
    kid: str
    customer_id: int
    org_number: str
    invoice_date: date
    due_date: date
    collection_date: date
    fee: Decimal
    net: Decimal
    vat: Decimal
    total: Decimal
    buyer: dict[str, Any]
    credited: tuple[int, ...]
    lines: tuple[InvoiceLine, ...]


def frozen_line_keys(s: Session) -> set[LineKey]:
    """Every line some run holds (undone runs hold none)."""
    q = select(_LINE.c.service_id, _LINE.c.is_credit, _LINE.c.period_start, _LINE.c.period_end)
    return {(int(a), bool(b), c, d) for a, b, c, d in s.execute(q)}


def invoiced_periods(s: Session) -> dict[int, list[InvoicedPeriod]]:
    """Frozen invoice lines by service id, oldest first: what credit notes may refer to."""
    q = (
        select(
            _LINE.c.service_id,
            _LINE.c.period_start,
            _LINE.c.period_end,
            _LINE.c.document_id,
            _LINE.c.amount,
        )
        .where(_LINE.c.is_credit.is_(False))
        .order_by(_LINE.c.document_id)
    )
    out: dict[int, list[InvoicedPeriod]] = defaultdict(list)
    for sid, start, end, doc_id, amount in s.execute(q):
        out[int(sid)].append(InvoicedPeriod(start, end, int(doc_id), amount))
    return out


def next_number(s: Session, first: int) -> int:
    """The next number of the one series: one above the highest given, else ``first``."""
    top = s.execute(select(func.max(_DOC.c.number))).scalar()
    return first if top is None else max(int(top) + 1, first)


def next_document_id(s: Session) -> int:
    top = s.execute(select(func.max(_DOC.c.id))).scalar()
    return 1 if top is None else int(top) + 1


def numbered_documents(s: Session) -> int:
    """How many documents carry a number (the start number may change only while none does)."""
    return int(s.execute(select(func.count()).where(_DOC.c.number.is_not(None))).scalar() or 0)


def add_run(
    s: Session,
    *,
    date_to: date,
    numbering: str,
    seller: Seller,
    documents: Sequence[NewDocument],
) -> int:
    """Insert a run with its documents and lines; return the run id."""
    invoices = sum(1 for d in documents if d.kind is InvoiceKind.INVOICE)
    run = InvoiceRun(
        date_to=date_to,
        numbering=numbering,
        status="frozen",
        seller=seller_dict(seller),
        invoices=invoices,
        credit_notes=len(documents) - invoices,
    )
    s.add(run)
    s.flush()
    if documents:
        # Plain driver statements: a first run may insert tens of thousands of rows, and
        # SQLAlchemy's per-row parameter processing would cost more than the inserts.
        conn = s.connection()
        buyers: dict[int, str] = {}
        dialect = conn.dialect.name
        conn.exec_driver_sql(
            driver_sql(dialect, _INSERT_DOC), [_doc_row(run.id, d, buyers) for d in documents]
        )
        conn.exec_driver_sql(
            driver_sql(dialect, _INSERT_LINE),
            [
                (
                    d.doc_id,
                    i,
                    int(line.service_id),
                    line.service_kind.value,
                    d.kind is InvoiceKind.CREDIT,
                    line.description,
                    line.period_start.isoformat(),
                    line.period_end.isoformat(),
                    str(line.amount),
                )
                for d in documents
                for i, line in enumerate(d.lines, start=1)
            ],
        )
    return int(run.id)


_INSERT_DOC = (
    "INSERT INTO invoice_document (id, run_id, position, kind, number, kid, customer_id, "
    "org_number, invoice_date, due_date, collection_date, fee, net, vat, total, buyer, credited) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_LINE = (
    "INSERT INTO invoice_document_line (document_id, position, service_id, service_kind, "
    "is_credit, description, period_start, period_end, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _doc_row(run_id: int, d: NewDocument, buyers: dict[int, str]) -> tuple[Any, ...]:
    buyer = buyers.get(d.customer_id)
    if buyer is None:
        buyer = buyers[d.customer_id] = json.dumps(d.buyer)
    return (
        d.doc_id,
        run_id,
        d.position,
        d.kind.value,
        d.number,
        d.kid,
        d.customer_id,
        d.org_number,
        d.invoice_date.isoformat(),
        d.due_date.isoformat(),
        d.collection_date.isoformat(),
        str(d.fee),
        str(d.net),
        str(d.vat),
        str(d.total),
        buyer,
        json.dumps(list(d.credited)),
    )


def run_by_id(s: Session, run_id: int) -> InvoiceRun:
    """The run with this id.

    Raises:
        NotFoundError: no such run.
    """
    row = s.get(InvoiceRun, int(run_id)) if int(run_id) > 0 else None
    if row is None:
        raise NotFoundError(
            fill(translate("InvoiceRuns", "No invoice run with id %1."), run_id), field="run_id"
        )
    return row


def latest_run_id(s: Session) -> int | None:
    """The newest run that is not undone."""
    q = select(func.max(InvoiceRun.id)).where(InvoiceRun.status == "frozen")
    value = s.execute(q).scalar()
    return None if value is None else int(value)


def list_runs(s: Session) -> list[RunRow]:
    """Every run, newest first, with its number range and exports."""
    numbers = {
        rid: (lo, hi, int(missing or 0), Decimal(str(total)) if total is not None else None)
        for rid, lo, hi, missing, total in s.execute(
            select(
                _DOC.c.run_id,
                func.min(_DOC.c.number),
                func.max(_DOC.c.number),
                func.sum(case((_DOC.c.number.is_(None), 1), else_=0)),
                func.count(),
            ).group_by(_DOC.c.run_id)
        )
    }
    totals: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for rid, total in s.execute(select(_DOC.c.run_id, _DOC.c.total)):
        totals[rid] += Decimal(total)
    exports: dict[int, list[str]] = defaultdict(list)
    for rid, fmt in s.execute(
        select(InvoiceExport.run_id, InvoiceExport.format).order_by(InvoiceExport.id)
    ):
        if fmt not in exports[rid]:
            exports[rid].append(fmt)
    out = []
    for run in s.execute(select(InvoiceRun).order_by(InvoiceRun.id.desc())).scalars():
        lo, hi, missing, _count = numbers.get(run.id, (None, None, 0, None))
        out.append(
            RunRow(
                run.id,
                run.created_at,
                run.date_to,
                run.numbering,
                run.status,
                run.invoices,
                run.credit_notes,
                lo,
                hi,
                missing,
                tuple(exports.get(run.id, ())),
                totals.get(run.id, Decimal("0.00")),
            )
        )
    return out


def export_count(s: Session, run_id: int) -> int:
    q = select(func.count()).where(InvoiceExport.run_id == run_id)
    return int(s.execute(q).scalar() or 0)


def exports_of(s: Session, run_id: int) -> list[InvoiceExport]:
    q = select(InvoiceExport).where(InvoiceExport.run_id == run_id).order_by(InvoiceExport.id)
    return list(s.execute(q).scalars())


def record_export(
    s: Session, run_id: int, fmt: str, target: str, files: int, digest: str
) -> InvoiceExport:
    row = InvoiceExport(run_id=run_id, format=fmt, target=target, files=files, digest=digest)
    s.add(row)
    s.flush()
    return row


def undo_run(s: Session, run: InvoiceRun) -> int:
    """Delete the run's documents and lines and mark it undone; return the document count."""
    count = int(s.execute(select(func.count()).where(_DOC.c.run_id == run.id)).scalar() or 0)
    doc_ids = select(_DOC.c.id).where(_DOC.c.run_id == run.id)
    s.execute(delete(_LINE).where(_LINE.c.document_id.in_(doc_ids)))
    s.execute(delete(_DOC).where(_DOC.c.run_id == run.id))
    run.status = "undone"
    run.undone_at = utcnow()
    return count


def references_of(s: Session, run_id: int) -> dict[str, int]:
    """The run's documents still without a number, by reference (``<run>-<position>``) → id."""
    q = select(_DOC.c.position, _DOC.c.id).where(_DOC.c.run_id == run_id, _DOC.c.number.is_(None))
    return {f"{run_id}-{pos}": int(doc_id) for pos, doc_id in s.execute(q)}


def set_number(s: Session, doc_id: int, number: int, kid: str) -> None:
    s.execute(update(_DOC).where(_DOC.c.id == doc_id).values(number=number, kid=kid))


def number_taken(s: Session, numbers: Iterable[int]) -> list[int]:
    wanted = list(numbers)
    if not wanted:
        return []
    q = select(_DOC.c.number).where(_DOC.c.number.in_(wanted))
    return sorted(int(n) for n in s.execute(q).scalars())


def run_documents(s: Session, run_id: int) -> tuple[Seller, list[RunDocument]]:
    """The run's seller and documents in order, credited invoices resolved to number and date.

    Plain text columns parsed here, each distinct date and buyer once: a run may hold tens of
    thousands of documents for a few thousand buyers.
    """
    run = run_by_id(s, run_id)
    c = _DOC.c
    rows = s.execute(
        select(
            c.id,
            c.position,
            c.kind,
            c.number,
            c.kid,
            as_text(c.invoice_date),
            as_text(c.due_date),
            as_text(c.collection_date),
            as_text(c.buyer),
            c.fee,
            c.net,
            c.vat,
            c.total,
            as_text(c.credited),
        )
        .where(c.run_id == run_id)
        .order_by(c.position)
    ).all()
    days: dict[str, date] = {}

    def day(text: str) -> date:
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text)
        return found

    lines: dict[int, list[InvoiceLine]] = defaultdict(list)
    q = (
        select(
            _LINE.c.document_id,
            _LINE.c.description,
            _LINE.c.service_id,
            as_text(_LINE.c.period_start),
            as_text(_LINE.c.period_end),
            as_text(_LINE.c.amount),
            _LINE.c.service_kind,
        )
        .where(_LINE.c.document_id.in_(select(c.id).where(c.run_id == run_id)))
        .order_by(_LINE.c.document_id, _LINE.c.position)
    )
    kinds = {k.value: k for k in ServiceKind}
    for doc_id, desc, sid, start, end, amount, kind in s.execute(q):
        lines[doc_id].append(
            InvoiceLine(desc, int(sid), day(start), day(end), Decimal(amount), kinds[kind])
        )
    credited = {
        row[0]: [int(i) for i in json.loads(row[13])] if row[13] not in (None, "[]") else []
        for row in rows
    }
    wanted = {ref for refs_of in credited.values() for ref in refs_of}
    refs: dict[int, DocumentRef] = {}
    if wanted:
        for doc_id, number, issued in s.execute(
            select(c.id, c.number, c.invoice_date).where(c.id.in_(wanted))
        ):
            refs[int(doc_id)] = DocumentRef("" if number is None else str(number), issued)
    parties: dict[str, Party] = {}
    doc_kinds = {k.value: k for k in InvoiceKind}
    docs = []
    for row in rows:
        buyer = parties.get(row[8])
        if buyer is None:
            buyer = parties[row[8]] = party_from_dict(json.loads(row[8]))
        docs.append(
            RunDocument(
                reference=f"{run_id}-{row[1]}",
                kind=doc_kinds[row[2]],
                number="" if row[3] is None else str(row[3]),
                kid=row[4],
                issue_date=day(row[5]),
                due_date=day(row[6]),
                collection_date=day(row[7]),
                buyer=buyer,
                lines=tuple(lines[row[0]]),
                fee=row[9],
                net=row[10],
                vat=row[11],
                total=row[12],
                credited=tuple(refs[i] for i in credited[row[0]] if i in refs),
            )
        )
    return seller_from_dict(run.seller), docs


# -- snapshots -------------------------------------------------------------------------------


def seller_dict(seller: Seller) -> dict[str, Any]:
    return {
        "org_number": seller.org_number,
        "name": seller.name,
        "address_lines": list(seller.address_lines),
        "postcode": seller.postcode,
        "city": seller.city,
        "country_code": seller.country_code,
        "email": seller.email,
        "phone": seller.phone,
        "account_number": seller.account_number,
        "in_business_register": seller.in_business_register,
    }


def seller_from_dict(data: dict[str, Any]) -> Seller:
    return Seller(
        org_number=str(data["org_number"]),
        name=str(data["name"]),
        address_lines=tuple(data.get("address_lines") or ()),
        postcode=str(data.get("postcode", "")),
        city=str(data.get("city", "")),
        country_code=str(data.get("country_code", "NO")),
        email=str(data.get("email", "")),
        phone=str(data.get("phone", "")),
        account_number=str(data.get("account_number", "")),
        in_business_register=bool(data.get("in_business_register", True)),
    )


def party_dict(party: Party) -> dict[str, Any]:
    return {
        "customer_number": party.customer_number,
        "org_number": party.org_number,
        "name": party.name,
        "address_lines": list(party.address_lines),
        "postcode": party.postcode,
        "city": party.city,
        "country_code": party.country_code,
        "vat_registered": party.vat_registered,
        "public_body": party.public_body,
        "email": party.email,
        "buyer_reference": party.buyer_reference,
        "delivery_method": party.delivery_method.value,
    }


def party_from_dict(data: dict[str, Any]) -> Party:
    return Party(
        customer_number=int(data["customer_number"]),
        org_number=str(data["org_number"]),
        name=str(data["name"]),
        address_lines=tuple(data.get("address_lines") or ()),
        postcode=str(data.get("postcode", "")),
        city=str(data.get("city", "")),
        country_code=str(data.get("country_code", "NO")),
        vat_registered=bool(data.get("vat_registered", False)),
        public_body=bool(data.get("public_body", False)),
        email=str(data.get("email", "")),
        buyer_reference=str(data.get("buyer_reference", "")),
        delivery_method=DeliveryMethod(str(data.get("delivery_method", "email"))),
    )


@dataclass(frozen=True)
class CustomerFacts:
    """What a run needs of a customer to freeze the buyer."""

    customer_id: int
    org_number: str
    name: str
    organisation_form: str
    business_address: dict[str, Any] | None
    postal_address: dict[str, Any] | None
    vat_registered: bool
    delivery_method: str
    contact_name: str
    contact_email: str


def customer_facts(
    s: Session, org_numbers: Iterable[str] | None = None
) -> dict[str, CustomerFacts]:
    """Customers by org number (all, or those named) with their main contact's name and e-mail."""
    wanted = None if org_numbers is None else set(org_numbers)
    contacts: dict[int, tuple[str, str]] = {}
    q = (
        select(PersonRole.customer_id, Person.first_name, Person.last_name, Person.emails)
        .join(Person, Person.id == PersonRole.person_id)
        .where(PersonRole.role == "main_contact", Person.erased_at.is_(None))
    )
    for cid, first, last, emails in s.execute(q):
        name = " ".join(p for p in (first, last) if p).strip()
        contacts[int(cid)] = (name, (emails or [""])[0] if emails else "")
    for cid, reference, email in s.execute(
        select(
            InvoiceRecipient.customer_id, InvoiceRecipient.buyer_reference, InvoiceRecipient.email
        )
    ):
        name, contact_email = contacts.get(int(cid), ("", ""))
        contacts[int(cid)] = (reference or name, email or contact_email)
    out: dict[str, CustomerFacts] = {}
    q2 = select(
        Customer.id,
        Customer.org_number,
        Customer.name,
        Customer.organisation_form,
        Customer.business_address,
        Customer.postal_address,
        Customer.vat_registered,
        Customer.delivery_method,
    )
    for cid, org, name, form, business, postal, vat, delivery in s.execute(q2):
        if wanted is not None and org not in wanted:
            continue
        contact = contacts.get(int(cid), ("", ""))
        out[org] = CustomerFacts(
            int(cid), org, name, form or "", business, postal, bool(vat), delivery, *contact
        )
    return out


def line_states(s: Session) -> dict[LineKey, str]:
    """Every frozen line's key → ``frozen``, or ``exported`` when its run has been exported."""
    exported = select(InvoiceExport.run_id).distinct()
    q = select(
        _LINE.c.service_id,
        _LINE.c.is_credit,
        _LINE.c.period_start,
        _LINE.c.period_end,
        _DOC.c.run_id.in_(exported),
    ).join(_DOC, _DOC.c.id == _LINE.c.document_id)
    return {
        (int(a), bool(b), c, d): "exported" if e else "frozen" for a, b, c, d, e in s.execute(q)
    }


def set_recipient(s: Session, customer_id: int, buyer_reference: str, email: str) -> dict[str, str]:
    """Store a customer's own buyer reference and invoice e-mail; return the values before."""
    row = s.get(InvoiceRecipient, customer_id)
    before = {"buyer_reference": "", "email": ""}
    if row is None:
        row = InvoiceRecipient(customer_id=customer_id)
        s.add(row)
    else:
        before = {"buyer_reference": row.buyer_reference, "email": row.email}
    row.buyer_reference = buyer_reference
    row.email = email
    return before


def recipient_of(s: Session, customer_id: int) -> tuple[str, str]:
    row = s.get(InvoiceRecipient, customer_id)
    return ("", "") if row is None else (row.buyer_reference, row.email)

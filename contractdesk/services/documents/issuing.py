"""Issuing: a prepared document frozen as a snapshot with its fingerprint, rendered reproducibly.

`content_of` lists everything the document says that is not fixed by the renderer: parties,
addresses, services, prices, periods, binding, terms version and hash, signatories,
sub-processors and field values. The agreement ledger adds the document id, version and issue
date and stores it (`AgreementService.issue_documents`); the PDF is rendered from the input with
the fingerprint and issue date, in ReportLab's invariant mode with the issue date as creation
date, so the same snapshot always gives the same bytes, whose SHA-256 is stored too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from contractdesk.output.wording import nb_date

from .views import AgreementRef, PreparedAgreement

if TYPE_CHECKING:
    from contractdesk.output.pdf import AgreementInput, SignatoryInfo
    from contractdesk.services.agreements import IssuedDocument

__all__ = ["content_of", "issued_input", "page_count", "with_issue"]

SNAPSHOT_FORMAT = 1
_PAGE_RE = re.compile(rb"/Type /Page[^s]")


def _signer(info: SignatoryInfo | None, person_id: int | None = None) -> dict[str, Any] | None:
    if info is None:
        return None
    out: dict[str, Any] = {"name": info.name, "role": info.role}
    if person_id is not None:
        out["person_id"] = person_id
    return out


def content_of(inp: AgreementInput, customer_person_id: int | None) -> dict[str, Any]:
    """The snapshot content of a prepared document (no document id, version or issue date)."""
    return {
        "format": SNAPSHOT_FORMAT,
        "supplier": asdict(inp.supplier),
        "customer": asdict(inp.customer),
        "services": [asdict(line) for line in inp.services],
        "terms": {"label": inp.terms_label, "sha256": inp.terms_sha256, "title": inp.terms.title},
        "customer_signatory": _signer(inp.customer_signatory, customer_person_id),
        "supplier_signatory": _signer(inp.supplier_signatory),
        "subprocessors": [asdict(sp) for sp in inp.subprocessors],
        "subprocessor_section": inp.subprocessor_section,
        "fields": [[k, v] for k, v in sorted(inp.extra_fields) if k != "agreement.date"],
        "initials": inp.initials,
    }


def issued_input(inp: AgreementInput, issued: IssuedDocument) -> AgreementInput:
    """The input as issued: fingerprint, version and issue date (also the ``agreement.date``)."""
    fields = tuple(kv for kv in inp.extra_fields if kv[0] != "agreement.date")
    return replace(
        inp,
        issue_date=issued.issued_on,
        fingerprint=issued.fingerprint,
        document_version=issued.version,
        extra_fields=(*fields, ("agreement.date", nb_date(issued.issued_on))),
    )


def with_issue(prepared: PreparedAgreement, issued: IssuedDocument) -> PreparedAgreement:
    """A prepared document with its issued version (input and ref)."""
    ref: AgreementRef = replace(
        prepared.ref,
        document_version=issued.version,
        fingerprint=issued.fingerprint,
        issued_on=issued.issued_on,
        pdf_sha256=issued.pdf_sha256,
        issued_id=issued.id,
        sheet_sha256=issued.sheet_sha256,
    )
    return PreparedAgreement(issued_input(prepared.input, issued), ref)


def page_count(pdf: bytes) -> int:
    """Pages of a PDF ReportLab wrote (its page objects)."""
    return len(_PAGE_RE.findall(pdf))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def issue_all(
    prepared: Sequence[PreparedAgreement],
    issue: Callable[[list[tuple[int, dict[str, Any]]]], list[IssuedDocument]],
) -> list[PreparedAgreement]:
    """Freeze every prepared document through ``issue`` (one transaction) and attach the result."""
    contents = [(p.ref.id, content_of(p.input, p.ref.signatory_person_id)) for p in prepared]
    issued = issue(contents) if contents else []
    return [with_issue(p, i) for p, i in zip(prepared, issued, strict=True)]


def today_or(day: date | None) -> date:
    return day or date.today()


def input_from_snapshot(issued: IssuedDocument, document: Any) -> AgreementInput:
    """The renderer's input rebuilt from an issued snapshot and its terms document (fields of the
    version filled with the snapshot's values), so an old version renders as it was issued."""
    from decimal import Decimal

    from contractdesk.output.pdf import AgreementInput, Party, ServiceLine, SignatoryInfo
    from contractdesk.output.pdf.model import SubProcessor

    snap = issued.snapshot

    def signer(data: Any) -> SignatoryInfo | None:
        return SignatoryInfo(data["name"], data.get("role", "")) if data else None

    services = tuple(
        ServiceLine(
            line["name"],
            Decimal(line["price"]),
            line["invoice_period"],
            line["binding"],
            Decimal(line["invoice_fee"]),
            line.get("start", ""),
        )
        for line in snap["services"]
    )
    fields = tuple((k, v) for k, v in snap["fields"])
    return AgreementInput(
        document_id=snap["document_id"],
        supplier=Party(**snap["supplier"]),
        customer=Party(**snap["customer"]),
        services=services,
        terms=replace(document, title=snap["terms"]["title"]),
        terms_label=snap["terms"]["label"],
        terms_sha256=snap["terms"]["sha256"],
        customer_signatory=signer(snap["customer_signatory"]),
        supplier_signatory=signer(snap["supplier_signatory"]),
        subprocessors=tuple(SubProcessor(**sp) for sp in snap["subprocessors"]),
        subprocessor_section=snap["subprocessor_section"],
        extra_fields=(*fields, ("agreement.date", nb_date(issued.issued_on))),
        issue_date=issued.issued_on,
        fingerprint=issued.fingerprint,
        document_version=issued.version,
        initials=bool(snap.get("initials")),
    )

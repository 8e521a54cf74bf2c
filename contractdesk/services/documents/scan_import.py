"""Import signed scans: a stack of pages split by QR code, each filed to its agreement.

For every file (one multi-page PDF, or images): the pages are read, grouped by the document
their code names, and each group becomes a paper acceptance of that agreement (signed on the
date given, by the signatory the issued document names), with the group's pages kept as the
signed scan inside the store. Pages are remembered by the file's SHA-256 and page number, in
the same transaction, so importing the same scan again records nothing twice. Pages without a
readable code, or whose agreement cannot be signed, are listed to match by hand.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Mapping
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractdesk.domain.fingerprint import DocumentCode, parse_code
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate

from .loading import DocCustomer, load_customers
from .verify import read_file
from .views import FiledPage, ScanDocument, ScanImportResult, ScanSigner, UnmatchedPage

if TYPE_CHECKING:
    from contractdesk.services.agreements import AgreementService, IssuedDocument
    from contractdesk.store.engine import Store

__all__ = [
    "FiledPage",
    "ScanDocument",
    "ScanImportResult",
    "ScanImportUseCases",
    "ScanSigner",
    "UnmatchedPage",
]


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


def _pages_of(data: bytes, pages: list[int]) -> tuple[bytes, str, str]:
    """(bytes, extension, mime) of the given 1-based pages of a scan file."""
    if data.startswith(b"%PDF-"):
        import pypdfium2 as pdfium  # type: ignore[import-untyped]  # ships no type information

        source = pdfium.PdfDocument(data)
        target = pdfium.PdfDocument.new()
        try:
            target.import_pages(source, [p - 1 for p in pages])
            buf = BytesIO()
            target.save(buf)
            return buf.getvalue(), "pdf", "application/pdf"
        finally:
            target.close()
            source.close()
    from PIL import Image, ImageSequence

    image = Image.open(BytesIO(data))
    frames = [f.copy() for i, f in enumerate(ImageSequence.Iterator(image), 1) if i in pages]
    if getattr(image, "n_frames", 1) == 1:
        return data, (image.format or "png").lower(), Image.MIME.get(image.format or "", "")
    buf = BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    return buf.getvalue(), "tiff", "image/tiff"


class ScanImportUseCases:
    """`import_scans` and `scan_documents` (part of `DocumentService`)."""

    _agreements: AgreementService
    _store: Store
    _lock: threading.Lock
    _scan_codes: dict[str, list[DocumentCode | None]]

    def scan_documents(self, files: Iterable[Path | str]) -> tuple[ScanDocument, ...]:
        """The issued documents whose pages are in the scans and not filed yet, each with the
        people who may be recorded as its signatory (nothing is written). The codes read are
        kept for the import that follows, so the pages are not read twice.

        Raises:
            UserError: a file cannot be read, or is neither a PDF nor an image.
        """
        found: dict[str, tuple[IssuedDocument, list[tuple[str, int]]]] = {}
        for file in map(Path, files):
            data = read_file(file)
            source = hashlib.sha256(data).hexdigest()
            done = self._agreements.imported_pages(source)
            for number, code in enumerate(self._codes(data, source), start=1):
                if code is None or number in done:
                    continue
                if code.document_id not in found:
                    issued = self._issued(code)
                    if isinstance(issued, str):
                        continue
                    found[code.document_id] = (issued, [])
                found[code.document_id][1].append((file.name, number))
        orgs = sorted(
            {str((i.snapshot.get("customer") or {}).get("org_number")) for i, _ in found.values()}
        )
        customers = load_customers(self._store, orgs, None)[0] if orgs else {}
        return tuple(
            _scan_document(document_id, issued, pages, customers)
            for document_id, (issued, pages) in found.items()
        )

    def import_scans(
        self,
        files: Iterable[Path | str],
        *,
        signed_on: date | None = None,
        signatories: Mapping[str, int] | None = None,
        signatory_name: str | None = None,
        actor: str = "owner",
        today: date | None = None,
    ) -> ScanImportResult:
        """File each page of the scans by its QR code and record the paper acceptances.

        ``signatories`` maps a document id to the person recorded as having signed it (chosen
        from `scan_documents`' signers); ``signatory_name`` names the person who signed every
        other document (found among each customer's people; pages of a customer without such a
        person are listed to match by hand); otherwise a document is signed by the signatory the
        issued document names.

        Raises:
            UserError: a file cannot be read, or is neither a PDF nor an image.
        """
        day = today or date.today()
        when = signed_on or day
        filed: list[FiledPage] = []
        unmatched: list[UnmatchedPage] = []
        for file in files:
            chosen: dict[str, int | str] = dict(signatories or {})
            f, u = self._import_file(Path(file), when, day, actor, chosen, signatory_name)
            filed += f
            unmatched += u
        return ScanImportResult(tuple(filed), tuple(unmatched))

    def _codes(self, data: bytes, source: str) -> list[DocumentCode | None]:
        """The ContractDesk code of each page (None: no readable code), read once per file."""
        from contractdesk.scanning import read_codes

        with self._lock:
            known = self._scan_codes.get(source)
        if known is not None:
            return known
        codes = [
            next((c for c in map(parse_code, page.texts) if c is not None), None)
            for page in read_codes(data)
        ]
        with self._lock:
            if len(self._scan_codes) >= 16:
                self._scan_codes.clear()
            self._scan_codes[source] = codes
        return codes

    def _import_file(
        self,
        file: Path,
        when: date,
        day: date,
        actor: str,
        signatories: Mapping[str, int | str],
        name: str | None,
    ) -> tuple[list[FiledPage], list[UnmatchedPage]]:
        data = read_file(file)
        source = hashlib.sha256(data).hexdigest()
        done = self._agreements.imported_pages(source)
        groups: dict[str, list[int]] = {}
        codes: dict[str, DocumentCode] = {}
        filed: list[FiledPage] = []
        unmatched: list[UnmatchedPage] = []
        for number, code in enumerate(self._codes(data, source), start=1):
            if number in done:
                document_id, acceptance_id = done[number]
                filed.append(FiledPage(file.name, number, document_id, acceptance_id, True))
            elif code is None:
                reason = translate("ScanImport", "no readable ContractDesk code")
                unmatched.append(UnmatchedPage(file.name, number, reason))
            else:
                groups.setdefault(code.document_id, []).append(number)
                codes.setdefault(code.document_id, code)
        for document_id, pages in groups.items():
            outcome = self._file_group(
                file,
                data,
                source,
                codes[document_id],
                pages,
                (when, day),
                actor,
                signatories.get(document_id, name),
            )
            if isinstance(outcome, str):
                unmatched += [UnmatchedPage(file.name, p, outcome) for p in pages]
            else:
                filed += [FiledPage(file.name, p, document_id, outcome) for p in pages]
        filed.sort(key=lambda p: p.page)
        unmatched.sort(key=lambda p: p.page)
        return filed, unmatched

    def _file_group(
        self,
        file: Path,
        data: bytes,
        source: str,
        code: DocumentCode,
        pages: list[int],
        days: tuple[date, date],
        actor: str,
        chosen: int | str | None,
    ) -> int | str:
        """The acceptance recorded for these pages, or why they were not filed (``chosen``: a
        person id, or a name to find among the customer's people)."""
        when, day = days
        issued = self._issued(code)
        if isinstance(issued, str):
            return issued
        snapshot: Mapping[str, Any] = issued.snapshot
        customer = snapshot.get("customer") or {}
        if isinstance(chosen, str):
            found = self._person_named(str(customer.get("org_number") or ""), chosen)
            if found is None:
                return _t(
                    translate("ScanImport", "%1 is not among the people of %2"),
                    chosen,
                    customer.get("name") or "",
                )
            chosen = found
        person_id = chosen if chosen is not None else _issued_signatory(snapshot)
        if not isinstance(person_id, int):
            return translate(
                "ScanImport", "the document names no registered signatory: record it by hand"
            )
        scan, ext, mime = _pages_of(data, pages)
        del mime  # the ledger sniffs the type itself
        terms = snapshot.get("terms") or {}
        note = _t(
            translate("ScanImport", "Imported from %1, page(s) %2 (document version %3)."),
            file.name,
            ", ".join(str(p) for p in pages),
            issued.version,
        )
        try:
            result = self._agreements.record_acceptance(
                str(customer.get("org_number") or ""),
                str(terms.get("label") or ""),
                method="paper",
                signed_by_person_id=person_id,
                accepted_on=when,
                scan_bytes=scan,
                scan_filename=f"{file.stem}-{code.document_id}.{ext}",
                note=note,
                agreement_ref=code.document_id,
                actor=actor,
                today=day,
                imported=(source, tuple(pages)),
            )
        except UserError as exc:
            return str(exc)
        return result.acceptance.id

    def _person_named(self, org_number: str, name: str) -> int | None:
        """The id of the customer's (not erased) person with this full name."""
        from contractdesk.domain.people import fold

        customers = load_customers(self._store, [org_number], None)[0]
        wanted = " ".join(fold(name).split())
        return next(
            (
                p.id
                for p in customers[org_number].people.values()
                if not p.erased and " ".join(fold(p.name).split()) == wanted
            ),
            None,
        )

    def _issued(self, code: DocumentCode) -> IssuedDocument | str:
        """The issued version the code names, or why there is none."""
        versions = self._agreements.find_issued(code.document_id)
        issued = next((v for v in versions if v.fingerprint == code.fingerprint), None)
        if issued is None:
            return _t(
                translate("ScanImport", "the code matches no issued version of %1"),
                code.document_id,
            )
        return issued


def _issued_signatory(snapshot: Mapping[str, Any]) -> int | None:
    """The customer's signatory the issued document names (a person id), if any."""
    signer = snapshot.get("customer_signatory") or {}
    person_id = signer.get("person_id") if isinstance(signer, Mapping) else None
    return person_id if isinstance(person_id, int) else None


def _scan_document(
    document_id: str,
    issued: IssuedDocument,
    pages: list[tuple[str, int]],
    customers: Mapping[str, DocCustomer],
) -> ScanDocument:
    """The document with the people who may be recorded as its signatory."""
    customer_data = issued.snapshot.get("customer") or {}
    org = str(customer_data.get("org_number") or "")
    customer = customers.get(org)
    signers: list[ScanSigner] = []
    if customer is not None:
        for person in customer.people.values():
            if not person.erased:
                check = customer.check(person.name)
                signers.append(ScanSigner(person.id, person.name, check.warning is None))
    signers.sort(key=lambda s: (not s.registry, s.name))
    issued_by = _issued_signatory(issued.snapshot)
    registry = [s.person_id for s in signers if s.registry]
    default = issued_by if issued_by in registry else (registry[0] if registry else None)
    return ScanDocument(
        document_id,
        org,
        str(customer_data.get("name") or (customer.name if customer else "")),
        tuple(pages),
        tuple(signers),
        default,
    )

"""Verify a document: which agreement, customer and version a PDF or a scan is, and whether it is
exactly what was issued.

The QR code on the page names the document id, the version and the fingerprint; the stored
snapshot of that version must have that fingerprint. A page of an older version is told apart
from a forged or altered one, and the parts that changed since are named. A PDF whose bytes are
the PDF that was issued is reported as such too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractdesk.domain.fingerprint import DocumentCode, changed_parts, parse_code
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.agreements.scans import MAX_SCAN_BYTES

if TYPE_CHECKING:
    from contractdesk.services.agreements import AgreementService, IssuedDocument

__all__ = ["VerifyResult", "VerifyUseCases", "read_file", "snapshot_party_names"]

#: Parts of a snapshot set at issuing: not "differences" between two versions' content.
_ISSUE_KEYS = frozenset({"document_id", "version", "issued_on"})


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


def _part_names() -> dict[str, str]:
    return {
        "supplier": translate("Verify", "the supplier"),
        "customer": translate("Verify", "the customer (name, address, contact)"),
        "services": translate("Verify", "the services and prices"),
        "terms": translate("Verify", "the terms version"),
        "customer_signatory": translate("Verify", "the customer's signatory"),
        "supplier_signatory": translate("Verify", "the supplier's signatory"),
        "subprocessors": translate("Verify", "the sub-processors"),
        "subprocessor_section": translate("Verify", "the sub-processors"),
        "fields": translate("Verify", "the document's fields"),
        "initials": translate("Verify", "the initials field"),
        "format": translate("Verify", "the document format"),
    }


@dataclass(frozen=True)
class VerifyResult:
    """What a checked file is: ``match`` when it is exactly the current issued version."""

    match: bool
    reason: str
    document_id: str | None = None
    version: int | None = None
    latest_version: int | None = None
    org_number: str | None = None
    customer_name: str | None = None
    fingerprint: str | None = None
    issued_on: date | None = None
    kind: str | None = None
    exact_file: bool = False
    """The file's bytes are the PDF that was issued (not a scan or a re-save)."""
    differs: tuple[str, ...] = ()
    """Snapshot parts that changed between this version and the current one."""
    pages: int = 0
    pages_with_code: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "match": self.match,
            "reason": self.reason,
            "document_id": self.document_id,
            "version": self.version,
            "latest_version": self.latest_version,
            "org_number": self.org_number,
            "customer_name": self.customer_name,
            "fingerprint": self.fingerprint,
            "issued_on": self.issued_on,
            "kind": self.kind,
            "exact_file": self.exact_file,
            "differs": list(self.differs),
            "pages": self.pages,
            "pages_with_code": list(self.pages_with_code),
        }


def read_file(path: Path | str) -> bytes:
    """The bytes of a file to check (at most 50 MB), or UserError saying why not."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_SCAN_BYTES:
            raise UserError(_t(translate("Verify", "%1 is larger than 50 MB."), file.name))
        return file.read_bytes()
    except OSError as exc:
        raise UserError(
            _t(translate("Verify", "Cannot read %1: %2"), file, exc.strerror or exc)
        ) from None


def snapshot_party_names(snapshot: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(org number, name) of the customer in a snapshot."""
    customer = snapshot.get("customer")
    if not isinstance(customer, Mapping):
        return None, None
    return str(customer.get("org_number") or "") or None, str(customer.get("name") or "") or None


class VerifyUseCases:
    """`verify` (part of `DocumentService`)."""

    _agreements: AgreementService

    def verify(self, path: Path | str | None = None, *, data: bytes | None = None) -> VerifyResult:
        """Check a PDF or a scan (PDF or image) against what was issued.

        Raises:
            UserError: the file cannot be read, or is neither a PDF nor an image.
        """
        from contractdesk.scanning import read_codes

        raw = data if data is not None else read_file(path or "")
        if not raw:
            raise UserError(translate("Verify", "The file is empty."))
        exact = self._agreements.issued_by_pdf_hash(hashlib.sha256(raw).hexdigest())
        pages = read_codes(raw)
        codes = [
            (page.page, code)
            for page in pages
            for code in (parse_code(text) for text in page.texts)
            if code is not None
        ]
        with_code = tuple(dict.fromkeys(number for number, _ in codes))
        if not codes:
            return VerifyResult(
                False,
                translate(
                    "Verify",
                    "No ContractDesk code could be read on any page: not an issued document, "
                    "or the scan is too poor (scan at 200 dpi or more).",
                ),
                pages=len(pages),
            )
        ids = {code.document_id for _, code in codes}
        if len(ids) > 1:
            return VerifyResult(
                False,
                _t(
                    translate("Verify", "The file holds pages of several documents: %1."),
                    ", ".join(sorted(ids)),
                ),
                pages=len(pages),
                pages_with_code=with_code,
            )
        result = self._check_code(codes[0][1], bool(exact))
        return _with_pages(result, len(pages), with_code)

    def _check_code(self, code: DocumentCode, exact: bool) -> VerifyResult:
        versions = self._agreements.find_issued(code.document_id)
        if not versions:
            return VerifyResult(
                False,
                _t(
                    translate("Verify", "No document %1 was issued from this store."),
                    code.document_id,
                ),
                document_id=code.document_id,
                fingerprint=code.fingerprint,
                kind=code.kind,
            )
        issued = next((v for v in versions if v.fingerprint == code.fingerprint), None)
        latest = versions[-1]
        if issued is None:
            return VerifyResult(
                False,
                _t(
                    translate(
                        "Verify",
                        "The fingerprint on the page matches no issued version of %1: the "
                        "document is not what was issued (altered or forged).",
                    ),
                    code.document_id,
                ),
                document_id=code.document_id,
                version=code.version,
                latest_version=latest.version,
                fingerprint=code.fingerprint,
                kind=code.kind,
            )
        return _outcome(code, issued, latest, exact)


def _base(
    code: DocumentCode, issued: IssuedDocument, latest: IssuedDocument, exact: bool
) -> dict[str, Any]:
    org, name = snapshot_party_names(issued.snapshot)
    return {
        "document_id": issued.document_id,
        "version": issued.version,
        "latest_version": latest.version,
        "org_number": org,
        "customer_name": name,
        "fingerprint": issued.fingerprint,
        "issued_on": issued.issued_on,
        "kind": code.kind,
        "exact_file": exact,
    }


def _outcome(
    code: DocumentCode, issued: IssuedDocument, latest: IssuedDocument, exact: bool
) -> VerifyResult:
    base = _base(code, issued, latest, exact)
    if issued.version != latest.version:
        names = _part_names()
        parts = [p for p in changed_parts(issued.snapshot, latest.snapshot) if p not in _ISSUE_KEYS]
        readable = list(dict.fromkeys(names.get(p, p) for p in parts))
        return VerifyResult(
            False,
            _t(
                translate(
                    "Verify",
                    "This is version %1 of %2, issued %3, not the current version %4 (issued %5). "
                    "Changed since: %6.",
                ),
                issued.version,
                issued.document_id,
                issued.issued_on.isoformat(),
                latest.version,
                latest.issued_on.isoformat(),
                ", ".join(readable) or translate("Verify", "nothing but the issue date"),
            ),
            differs=tuple(parts),
            **base,
        )
    text = _t(
        translate("Verify", "%1, version %2 for %3 (%4), issued %5: exactly as issued."),
        issued.document_id,
        issued.version,
        base["customer_name"] or "",
        base["org_number"] or "",
        issued.issued_on.isoformat(),
    )
    if exact:
        text += " " + translate("Verify", "The file is byte for byte the PDF that was issued.")
    return VerifyResult(True, text, **base)


def _with_pages(result: VerifyResult, pages: int, with_code: tuple[int, ...]) -> VerifyResult:
    from dataclasses import replace

    return replace(result, pages=pages, pages_with_code=with_code)

"""Use cases of the paper workflow, built on the document use cases.

Print the agreement with a signature sheet for each party, make sheets for many customers at
once, and save the e-mail draft with the sheet attached beside the agreement.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from contractdesk.errors import UserError, UserFacingError
from contractdesk.i18n import translate
from contractdesk.services.documents import AgreementRef, DocumentService, DraftResult
from contractdesk.services.documents.mailing import sheet_filename
from contractdesk.services.paper.views import PrintPack, SheetBatch

Progress = Callable[[int, int, str], None]
PARTIES = 2  # one signed sheet for the customer, one for the supplier


class PaperService:
    """The paper workflow over :class:`DocumentService` (render: call off the GUI thread)."""

    def __init__(self, documents: DocumentService) -> None:
        self._documents = documents

    def __repr__(self) -> str:
        return "PaperService()"

    def print_pack(
        self,
        org_number: str,
        terms: str | None = None,
        *,
        agreement: int | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> PrintPack:
        """The agreement and a signature sheet for each party, for one print job."""
        pdf, ref = self._documents.agreement_pdf(
            org_number, terms, agreement=agreement, today=today, actor=actor
        )
        sheet, _ = self._documents.signature_sheet(
            org_number, ref.terms_label, agreement=ref.id, today=today, actor=actor
        )
        return PrintPack((pdf, *([sheet] * PARTIES)), ref)

    def sheets(
        self,
        org_numbers: Iterable[str],
        out_dir: str | os.PathLike[str] | None = None,
        *,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> tuple[SheetBatch, tuple[bytes, ...]]:
        """Signature sheets for several customers (their agreements made as drafts when needed).

        With ``out_dir`` each sheet is written there (``Signaturside-ORGNR-<label>.pdf``); the
        sheets' bytes come back too, in order, for printing them as one job. A customer no
        agreement may be issued to is left out with the reason.
        """
        from contractdesk.output.atomic import save_atomic

        names = list(dict.fromkeys(org_numbers))
        if not names:
            raise UserError(translate("PaperService", "Choose the customers first."))
        report = progress or (lambda _d, _t, _s: None)
        stop = cancel or (lambda: False)
        folder = Path(out_dir) if out_dir is not None else None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        refs: list[AgreementRef] = []
        pdfs: list[bytes] = []
        skipped: list[tuple[str, str]] = []
        for done, org in enumerate(names):
            if stop():
                return SheetBatch(tuple(written), tuple(refs), tuple(skipped), True), tuple(pdfs)
            report(done, len(names), org)
            try:
                pdf, ref = self._documents.signature_sheet(org, today=today, actor=actor)
            except UserFacingError as exc:
                skipped.append((org, str(exc)))
                continue
            refs.append(ref)
            pdfs.append(pdf)
            if folder is not None:
                written.append(save_atomic(folder / sheet_filename(org, ref.terms_label), pdf))
        report(len(names), len(names), "")
        return SheetBatch(tuple(written), tuple(refs), tuple(skipped), False), tuple(pdfs)

    def email_draft_with_sheet(
        self,
        org_number: str,
        path: str | os.PathLike[str],
        terms: str | None = None,
        *,
        agreement: int | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> DraftResult:
        """The agreement e-mail draft with the signature sheet attached beside the agreement."""
        from contractdesk.output.email import save_eml

        prep = self._documents.email_message(
            org_number, terms, agreement=agreement, today=today, actor=actor, with_sheet=True
        )
        written = save_eml(path, prep.message)
        return DraftResult(Path(written), prep.ref, prep.recipient_email, prep.recipient_name)

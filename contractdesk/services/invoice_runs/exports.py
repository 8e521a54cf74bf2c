"""Writing a run's files: one folder of EHF or PDF files, or one CSV file; atomic saves."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from contractdesk.domain.invoicing.runs import RunDocument, Seller
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.output.atomic import SaveError, save_atomic


def write(
    fmt: str, target: Path, run_id: int, seller: Seller, docs: Sequence[RunDocument]
) -> tuple[int, str]:
    """Write the run in ``fmt`` to ``target``; return (files written, SHA-256 over them)."""
    digest = hashlib.sha256()
    try:
        if fmt in ("ehf", "pdf"):
            return _folder(fmt, target, seller, docs, digest), digest.hexdigest()
        data = _single(fmt, run_id, docs)
        save_atomic(target, data)
        digest.update(data)
        return 1, digest.hexdigest()
    except SaveError as exc:
        raise UserError(str(exc), field="path") from exc
    except OSError as exc:
        raise UserError(
            fill(translate("InvoiceRuns", "Could not write %1: %2"), target, exc.strerror or exc),
            field="path",
        ) from exc


def _single(fmt: str, run_id: int, docs: Sequence[RunDocument]) -> bytes:
    from contractdesk.output.accounting import customers_csv, poweroffice_file, run_csv

    if fmt == "csv":
        return run_csv(run_id, docs)
    if fmt == "poweroffice":
        return poweroffice_file(docs)
    return customers_csv(docs)


def _folder(
    fmt: str, folder: Path, seller: Seller, docs: Sequence[RunDocument], digest: Any
) -> int:
    from contractdesk.output.ehf import document_file_name, write_ubl
    from contractdesk.output.pdf.invoice import invoice_file_name, render_invoice

    name = document_file_name if fmt == "ehf" else invoice_file_name
    render = write_ubl if fmt == "ehf" else render_invoice
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        data = render(seller, doc)
        file_name = name(doc)
        digest.update(file_name.encode() + b"\0" + data)
        save_atomic(folder / file_name, data, durable=False)
    if docs and hasattr(os, "sync"):
        os.sync()  # one flush for the whole folder instead of one per file
    return len(docs)

"""Agreement documents: the PDF, the signature sheet, the e-mail (draft or SMTP) and batches.

``service.py`` (documents and batches), ``preparing.py`` (store → renderer inputs),
``loading.py`` (customers and who signs), ``mailing.py`` (e-mail), ``settings.py`` (SMTP,
template, fields) make up `DocumentService`; ``views.py`` holds the values they return.
"""

from __future__ import annotations

from contractdesk.output.wording import nb_date

from .scan_import import FiledPage, ScanDocument, ScanImportResult, ScanSigner, UnmatchedPage
from .service import BatchProgress, DocumentService
from .settings import SETTING_FIELDS
from .smtp import SECURITY_CHOICES, SendError, SmtpSettings
from .verify import VerifyResult
from .views import (
    AgreementRef,
    DocumentBatchResult,
    DraftResult,
    EmailPreparation,
    IssueCheck,
    PreparedAgreement,
    SendResult,
)

__all__ = [
    "SECURITY_CHOICES",
    "SETTING_FIELDS",
    "AgreementRef",
    "BatchProgress",
    "DocumentBatchResult",
    "DocumentService",
    "DraftResult",
    "EmailPreparation",
    "FiledPage",
    "IssueCheck",
    "PreparedAgreement",
    "ScanDocument",
    "ScanImportResult",
    "ScanSigner",
    "SendError",
    "SendResult",
    "SmtpSettings",
    "UnmatchedPage",
    "VerifyResult",
    "nb_date",
]

"""Agreements and the acceptance ledger: who accepted which terms version, when, how, signed by
whom.

``service.py`` (agreements), ``acceptances.py`` (the ledger and scans) and ``reacceptance.py``
(the §14 cycle) are the use cases of `AgreementService`; ``views.py`` the values they return;
the signing-authority rule is `contractdesk.domain.signing`. Every change is audited in the
same transaction.
"""

from __future__ import annotations

from contractdesk.domain.signing import SignatoryCheck, check_signatory

from .acceptances import METHODS
from .scans import MAX_SCAN_BYTES, sniff_scan_type
from .service import AgreementService
from .views import (
    AcceptanceResult,
    AcceptanceView,
    AgreementView,
    CustomerAcceptanceStatus,
    IssuedDocument,
    ReacceptanceView,
    ScanFile,
    TerminationProposal,
    TerminationProposalView,
)

__all__ = [
    "MAX_SCAN_BYTES",
    "METHODS",
    "AcceptanceResult",
    "AcceptanceView",
    "AgreementService",
    "AgreementView",
    "CustomerAcceptanceStatus",
    "IssuedDocument",
    "ReacceptanceView",
    "ScanFile",
    "SignatoryCheck",
    "TerminationProposal",
    "TerminationProposalView",
    "check_signatory",
    "sniff_scan_type",
]

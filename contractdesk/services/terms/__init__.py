"""Terms versions: list, read, import, copy into a draft, edit, publish (hash and DPA checklist),
diff; sub-processors.

Modules: ``service`` (`TermsService`: reading and drafts), ``publish``, ``subprocessors``,
``views`` (the DTOs), ``common`` (shared steps). The SQL is in ``store/queries/terms.py``.
Publishing computes the SHA-256 of the canonical content, runs the DPA checklist (GDPR Art. 28(3)
and references to the repealed 2000 act) and, when that finds anything, publishes only with
``confirm_gaps=True``. It also copies the current sub-processor register into the version and
puts every active customer on the §14 re-acceptance list.
"""

from contractdesk.services.terms.common import LABEL_RE
from contractdesk.services.terms.service import MAX_TERMS_FILE_BYTES, TermsService
from contractdesk.services.terms.views import (
    ConfirmationRequired,
    ImportOutcome,
    PublishPreview,
    PublishResult,
    SubProcessorInput,
    SubProcessorView,
    TermsVersionRow,
    TermsVersionView,
    checklist_to_dict,
)
from contractdesk.store.queries.terms import active_customer_ids

__all__ = [
    "LABEL_RE",
    "MAX_TERMS_FILE_BYTES",
    "ConfirmationRequired",
    "ImportOutcome",
    "PublishPreview",
    "PublishResult",
    "SubProcessorInput",
    "SubProcessorView",
    "TermsService",
    "TermsVersionRow",
    "TermsVersionView",
    "active_customer_ids",
    "checklist_to_dict",
]

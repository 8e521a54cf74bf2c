"""Terms of agreement as structured, versioned documents (pure Python).

Modules: ``document`` (the model), ``importer`` (plain text ⇄ document), ``shipped`` (the
shipped versions' hash checks), ``fields`` (``{supplier.name}`` …), ``diff`` (section-aware
comparison), ``dpa_checklist`` (GDPR Art. 28(3) and repealed-act references),
``subprocessors`` (register), ``reacceptance`` (§14 cycle), ``agreement`` (state machine).
"""

from contractdesk.domain.terms.document import (
    Annex,
    Block,
    BulletList,
    Paragraph,
    Section,
    SignatureBlock,
    Table,
    TermsDocument,
)

__all__ = [
    "Annex",
    "Block",
    "BulletList",
    "Paragraph",
    "Section",
    "SignatureBlock",
    "Table",
    "TermsDocument",
]

"""Terms of agreement as structured, versioned documents (pure Python)."""

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

__all__ = ["Annex", "Block", "BulletList", "Paragraph", "Section", "SignatureBlock", "Table", "TermsDocument"]

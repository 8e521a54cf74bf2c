"""The paper workflow: the print pack, signature sheets for many customers, e-mail with sheet."""

from contractdesk.services.paper.service import PaperService
from contractdesk.services.paper.views import PrintPack, SheetBatch

__all__ = ["PaperService", "PrintPack", "SheetBatch"]

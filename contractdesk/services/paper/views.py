"""What the paper use cases return: frozen values that may cross threads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from contractdesk.services.documents import AgreementRef


@dataclass(frozen=True)
class PrintPack:
    """The documents to print for one agreement, in order, and the agreement they belong to.

    ``documents`` is the agreement followed by one signature sheet per party (the customer's
    and the supplier's copy): print them as one job.
    """

    documents: tuple[bytes, ...]
    ref: AgreementRef

    @property
    def agreement(self) -> bytes:
        return self.documents[0]

    @property
    def sheet(self) -> bytes:
        return self.documents[1]


@dataclass(frozen=True)
class SheetBatch:
    """Signature sheets for several customers: the files written, and who was left out (why)."""

    written: tuple[Path, ...]
    refs: tuple[AgreementRef, ...]
    skipped: tuple[tuple[str, str], ...]
    cancelled: bool

    @property
    def total(self) -> int:
        return len(self.refs) + len(self.skipped)

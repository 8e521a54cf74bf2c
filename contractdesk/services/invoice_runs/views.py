"""Values the invoice-run use cases hand to the GUI and the CLI (frozen; safe across threads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from contractdesk.domain.invoicing.runs import NumberingMode
from contractdesk.domain.money import money_str

EXPORT_FORMATS = ("ehf", "csv", "poweroffice", "customers", "pdf")


@dataclass(frozen=True)
class InvoicingSettings:
    """How runs number invoices and where customers pay.

    Attributes:
        numbering: ContractDesk's own series, or the accounting system's.
        first_number: the series' first number (may change only while no document has a number).
        account_number: the supplier's bank account (11 digits; "" until set).
        business_register: the supplier is in Foretaksregisteret (printed on every invoice).
        runs_from: runs take planned documents dated on or after this day only (those before it
            were invoiced outside ContractDesk); ``None``: the whole history.
    """

    numbering: NumberingMode
    first_number: int
    account_number: str
    business_register: bool
    runs_from: date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "numbering": self.numbering.value,
            "first_number": self.first_number,
            "account_number": self.account_number,
            "business_register": self.business_register,
            "runs_from": None if self.runs_from is None else self.runs_from.isoformat(),
        }


@dataclass(frozen=True)
class RunResult:
    """What ``invoices run`` froze."""

    run_id: int
    invoices: int
    credit_notes: int
    first_number: int | None
    last_number: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "invoices": self.invoices,
            "credit_notes": self.credit_notes,
            "first_number": self.first_number,
            "last_number": self.last_number,
        }


@dataclass(frozen=True)
class RunView:
    """A run as listed."""

    run_id: int
    created_at: datetime
    date_to: date
    numbering: str
    status: str  # frozen | undone
    invoices: int
    credit_notes: int
    first_number: int | None
    last_number: int | None
    unnumbered: int
    exports: tuple[str, ...]
    total: Decimal

    @property
    def exported(self) -> bool:
        return bool(self.exports)

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "to": self.date_to.isoformat(),
            "numbering": self.numbering,
            "status": self.status,
            "invoices": self.invoices,
            "credit_notes": self.credit_notes,
            "first_number": self.first_number,
            "last_number": self.last_number,
            "unnumbered": self.unnumbered,
            "exports": list(self.exports),
            "total": money_str(self.total),
        }


@dataclass(frozen=True)
class ExportResult:
    """Files written from a run; ``same_as_before`` when an earlier export gave the same bytes."""

    run_id: int
    format: str
    target: Path
    files: int
    digest: str
    same_as_before: bool | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "format": self.format,
            "target": str(self.target),
            "files": self.files,
            "sha256": self.digest,
            "same_as_before": self.same_as_before,
        }

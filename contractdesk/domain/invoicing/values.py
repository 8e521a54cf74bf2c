"""Invoicing enumerations: invoice periods, delivery methods, service and document kinds (§10)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class InvoicePeriod(StrEnum):
    """How often a licence is invoiced in advance (§10); half-yearly is the default.

    The value is the storage name; :attr:`cli_name` is the command-line spelling.
    """

    YEARLY = "yearly"
    HALF_YEARLY = "half_yearly"
    QUARTERLY = "quarterly"
    BIMONTHLY = "bimonthly"
    MONTHLY = "monthly"

    @property
    def months(self) -> int:
        """Length of one calendar period in months."""
        return _PERIOD_MONTHS[self]

    @property
    def invoice_day(self) -> int:
        """Day of the period's first month on which the period is invoiced (1st … 5th)."""
        return _PERIOD_INVOICE_DAY[self]

    @property
    def due_days(self) -> int:
        """Days from invoice date to due date: 14 (yearly … quarterly) or 7."""
        return 14 if self.months >= 3 else 7

    @property
    def cli_name(self) -> str:
        """``yearly|half-yearly|quarterly|bimonthly|monthly``."""
        return self.value.replace("_", "-")

    @classmethod
    def default(cls) -> InvoicePeriod:
        """Half-yearly, the terms' standard period."""
        return cls.HALF_YEARLY

    @classmethod
    def parse(cls, text: str) -> InvoicePeriod:
        """Parse a CLI or storage name; ``every-second-month`` is accepted for bimonthly.

        Raises:
            ValueError: the text names no invoice period.
        """
        key = (text or "").strip().lower().replace("_", "-").replace(" ", "-")
        try:
            return _PERIOD_ALIASES[key]
        except KeyError:
            names = "|".join(p.cli_name for p in cls)
            raise ValueError(f"unknown invoice period {text!r}; expected {names}") from None


_PERIOD_MONTHS = {
    InvoicePeriod.YEARLY: 12,
    InvoicePeriod.HALF_YEARLY: 6,
    InvoicePeriod.QUARTERLY: 3,
    InvoicePeriod.BIMONTHLY: 2,
    InvoicePeriod.MONTHLY: 1,
}
_PERIOD_INVOICE_DAY = {
    InvoicePeriod.YEARLY: 1,
    InvoicePeriod.HALF_YEARLY: 2,
    InvoicePeriod.QUARTERLY: 3,
    InvoicePeriod.BIMONTHLY: 4,
    InvoicePeriod.MONTHLY: 5,
}
_PERIOD_ALIASES = {p.cli_name: p for p in InvoicePeriod} | {
    "every-second-month": InvoicePeriod.BIMONTHLY,
    "halfyearly": InvoicePeriod.HALF_YEARLY,
}


class DeliveryMethod(StrEnum):
    """How a customer receives invoices; decides the invoice fee (§10.1)."""

    PAPER = "paper"
    EMAIL = "email"
    EHF = "ehf"

    @property
    def fee(self) -> Decimal:
        """Invoice fee in NOK excl. VAT: paper 45, e-mail 12, EHF 0."""
        return _FEES[self]

    @property
    def cli_name(self) -> str:
        return self.value

    @classmethod
    def parse(cls, text: str) -> DeliveryMethod:
        """Parse ``paper|email|ehf`` (``e-mail`` accepted).

        Raises:
            ValueError: the text names no delivery method.
        """
        key = (text or "").strip().lower().replace("-", "")
        try:
            return cls(key)
        except ValueError:
            raise ValueError(
                f"unknown delivery method {text!r}; expected paper|email|ehf"
            ) from None


_FEES = {
    DeliveryMethod.PAPER: Decimal("45.00"),
    DeliveryMethod.EMAIL: Decimal("12.00"),
    DeliveryMethod.EHF: Decimal("0.00"),
}


class ServiceKind(StrEnum):
    """What a service is: a licence invoiced in advance, one-off work, or metered usage (SMS)."""

    LICENCE = "licence"
    ONE_OFF = "one_off"
    USAGE = "usage"

    @property
    def cli_name(self) -> str:
        """``licence|one-off|usage``."""
        return self.value.replace("_", "-")

    @classmethod
    def parse(cls, text: str) -> ServiceKind:
        """Parse ``licence|one-off|usage`` (``license``, ``one_off``, ``oneoff`` accepted).

        Raises:
            ValueError: the text names no service kind.
        """
        key = (text or "").strip().lower().replace("-", "_")
        key = {"license": "licence", "oneoff": "one_off"}.get(key, key)
        try:
            return cls(key)
        except ValueError:
            raise ValueError(
                f"unknown service kind {text!r}; expected licence|one-off|usage"
            ) from None


class InvoiceKind(StrEnum):
    """The document type of a planned invoice; the value is what JSON and CSV show."""

    INVOICE = "invoice"
    CREDIT = "credit"

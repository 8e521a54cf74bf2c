"""Invoice runs: planned documents frozen into numbered invoices and credit notes (issue 15).

Pure rules, no I/O. A run takes every planned line dated up to its date that no earlier run
holds, keeps the plan's grouping (one document per customer, day and kind), numbers the
documents from one unbroken series, gives each a KID, and ties each credit note to the frozen
invoice whose line it corrects.

Choices made here:

* **Line identity.** A planned line is "already frozen" when a frozen line of the same service,
  kind (invoice or credit) and service period exists. A later plan change of that line never
  alters the frozen one; a back-dated new line goes into a new document of the next run.
* **Fee.** Every frozen invoice carries the plan's fee for its document (an invoice that only
  adds lines to a date already frozen is a separate invoice and is charged as one).
* **Numbers.** Invoices and credit notes share one series, in the plan's order (date, org
  number, invoices before credit notes).
* **KID.** Customer number (6 digits) + invoice number (8 digits) + MOD10 (Luhn) check digit:
  15 digits; longer numbers simply make the KID longer.
* **Collection notice.** 14 days after the due date (§10.2).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from contractdesk.domain.invoicing.plan import InvoiceLine, PlannedInvoice
from contractdesk.domain.invoicing.values import DeliveryMethod, InvoiceKind, ServiceKind
from contractdesk.domain.money import round_ore, vat_of

COLLECTION_NOTICE_DAYS = 14
KID_CUSTOMER_DIGITS = 6
KID_NUMBER_DIGITS = 8
_ZERO = Decimal("0.00")

# (service id, is credit, period start, period end): what makes a planned line "already frozen".
LineKey = tuple[int, bool, date, date]


class NumberingMode(StrEnum):
    """Who numbers the invoices: ContractDesk (one series, KID) or the accounting system."""

    CONTRACTDESK = "contractdesk"
    ACCOUNTING = "accounting"

    @classmethod
    def parse(cls, text: str) -> NumberingMode:
        """Parse ``contractdesk|accounting``.

        Raises:
            ValueError: the text names no mode.
        """
        try:
            return cls((text or "").strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown numbering {text!r}; expected contractdesk|accounting"
            ) from None


class InvalidAccountNumber(ValueError):
    """A Norwegian bank account number with a wrong length or MOD11 check digit."""


@dataclass(frozen=True, slots=True)
class Party:
    """The buyer as frozen into a document: who, where the invoice goes, how it is sent.

    Attributes:
        customer_number: the customer's number in ContractDesk (also in the KID).
        address_lines, postcode, city, country_code: the invoice address (the registry's
            postal address where there is one, else its business address).
        vat_registered: the buyer is in the VAT register (``NO…MVA`` on the invoice).
        public_body: a public-sector buyer (state, county, municipality): buyer reference required.
        email: where e-mail invoices go ("" when none is known).
        buyer_reference: the buyer's reference ("Deres ref."); never empty.
    """

    customer_number: int
    org_number: str
    name: str
    address_lines: tuple[str, ...]
    postcode: str
    city: str
    country_code: str
    vat_registered: bool
    public_body: bool
    email: str
    buyer_reference: str
    delivery_method: DeliveryMethod

    def __repr__(self) -> str:
        return f"Party({self.customer_number}, {self.org_number!r})"


@dataclass(frozen=True, slots=True)
class Seller:
    """The supplier as frozen into a run (later profile changes never alter exported files)."""

    org_number: str
    name: str
    address_lines: tuple[str, ...]
    postcode: str
    city: str
    country_code: str
    email: str
    phone: str
    account_number: str
    in_business_register: bool  # "Foretaksregisteret" on the invoice

    def __repr__(self) -> str:
        return f"Seller({self.org_number!r})"


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """The invoice a credit note corrects: its number and date (BillingReference)."""

    number: str
    issue_date: date


@dataclass(frozen=True, slots=True)
class RunDocument:
    """One frozen invoice or credit note, exactly as every export writes it.

    Amounts are signed as in the plan: a credit note's lines, net, VAT and total are negative.
    ``number`` is "" for a draft whose number the accounting system gives.
    """

    reference: str  # ContractDesk's own id of the document: ``<run>-<position>``
    kind: InvoiceKind
    number: str
    kid: str
    issue_date: date
    due_date: date
    collection_date: date
    buyer: Party
    lines: tuple[InvoiceLine, ...]
    fee: Decimal
    net: Decimal
    vat: Decimal
    total: Decimal
    credited: tuple[DocumentRef, ...] = field(default=())

    @property
    def is_credit(self) -> bool:
        return self.kind is InvoiceKind.CREDIT

    @property
    def period(self) -> tuple[date, date]:
        """First and last day the lines cover."""
        return (
            min(line.period_start for line in self.lines),
            max(line.period_end for line in self.lines),
        )

    def __repr__(self) -> str:
        return f"RunDocument({self.reference!r}, {self.kind.value}, number={self.number!r})"


def line_key(line: InvoiceLine, kind: InvoiceKind) -> LineKey:
    """The identity of a planned or frozen line (see the module's "Line identity")."""
    return (int(line.service_id), kind is InvoiceKind.CREDIT, line.period_start, line.period_end)


def unfrozen(planned: Iterable[PlannedInvoice], frozen: set[LineKey]) -> list[PlannedInvoice]:
    """The planned documents with the lines no run holds yet; documents left empty drop out.

    A document that lost lines gets its net, VAT and total recomputed (the fee stays).
    """
    out: list[PlannedInvoice] = []
    for doc in planned:
        kept = tuple(line for line in doc.lines if line_key(line, doc.kind) not in frozen)
        if not kept:
            continue
        if len(kept) == len(doc.lines):
            out.append(doc)
            continue
        net = sum((line.amount for line in kept), _ZERO) + doc.fee
        vat = vat_of(net)
        out.append(
            PlannedInvoice(
                doc.kind,
                doc.org_number,
                doc.invoice_date,
                doc.due_date,
                kept,
                doc.fee,
                net,
                vat,
                net + vat,
            )
        )
    return out


def collection_notice_date(due: date) -> date:
    """The day a collection notice may be sent: 14 days after the due date (§10.2)."""
    return due + timedelta(days=COLLECTION_NOTICE_DAYS)


def kid(customer_number: int, invoice_number: int) -> str:
    """KID: customer number and invoice number, zero-padded, with a MOD10 (Luhn) check digit.

    The Luhn sum is additive over digits that keep their place, so the customer part's share
    (python-stdnum's ``luhn.checksum`` of the customer digits followed by zeros) is computed
    once per customer and the number part's share once per number.

    Raises:
        ValueError: a negative number.
    """
    if customer_number < 0 or invoice_number < 0:
        raise ValueError("KID parts must be 0 or more")
    number = f"{invoice_number:0{KID_NUMBER_DIGITS}d}"
    customer = f"{customer_number:0{KID_CUSTOMER_DIGITS}d}"
    total = _customer_share(customer, len(number)) + _number_share(number)
    return customer + number + "0123456789"[-(total % 10)]


@lru_cache(maxsize=65536)
def _customer_share(customer: str, number_digits: int) -> int:
    from stdnum import luhn

    # the check digit's place ("0") and the number's places are zeros: they add nothing
    return int(luhn.checksum(customer + "0" * (number_digits + 1)))


def _number_share(number: str) -> int:
    from stdnum import luhn

    return int(luhn.checksum(number + "0"))


def is_valid_kid(text: str) -> bool:
    """True when ``text`` is digits with a correct MOD10 check digit."""
    from stdnum import luhn

    return text.isdigit() and luhn.is_valid(text)


def account_number(text: str) -> str:
    """A Norwegian bank account number as its 11 digits, checked with ``stdnum.no.kontonr``.

    Raises:
        InvalidAccountNumber: wrong length or check digit.
    """
    from stdnum.exceptions import ValidationError
    from stdnum.no import kontonr

    try:
        return str(kontonr.validate(text))
    except ValidationError as exc:
        raise InvalidAccountNumber(
            f"{text!r} is not a valid Norwegian account number ({exc})"
        ) from None


def format_account_number(digits: str) -> str:
    """``1234.56.78903`` (the usual Norwegian grouping)."""
    from stdnum.no import kontonr

    return str(kontonr.format(digits))


@dataclass(frozen=True, slots=True)
class InvoicedPeriod:
    """A frozen invoice line of a service: what a later credit note may refer to."""

    period_start: date
    period_end: date
    target: object  # the caller's handle of the invoice (a store id, or a position in this run)
    amount: Decimal | None = None  # the frozen line's amount excl. VAT


def credit_as_invoiced(
    doc: PlannedInvoice,
    invoiced: Mapping[int, Sequence[InvoicedPeriod]],
    planned_amounts: Mapping[tuple[int, date, date], Decimal],
) -> PlannedInvoice:
    """A credit note measured against what was actually invoiced.

    The plan computes a credit from today's price of the period; when the frozen invoice line of
    that period has another amount (the price was edited after the run), the credit is scaled
    to the frozen amount (the kept share of the period is kept of the frozen amount) and never
    exceeds it. Lines without
    a frozen invoice stay as planned.
    """
    lines = []
    changed = False
    for line in doc.lines:
        sid = int(line.service_id)
        frozen = None
        for period in invoiced.get(sid, ()):
            if period.period_start <= line.period_start and line.period_end <= period.period_end:
                frozen = period
        amount = line.amount
        if frozen is not None and frozen.amount is not None:
            planned = planned_amounts.get((sid, frozen.period_start, frozen.period_end))
            if planned and planned != frozen.amount:
                # as the plan does: the credit is the invoiced amount minus the rounded kept part
                kept = planned + line.amount
                amount = round_ore(kept * frozen.amount / planned) - frozen.amount
            amount = max(amount, -frozen.amount)
        if amount != line.amount:
            changed = True
            line = replace(line, amount=amount)
        if amount:
            lines.append(line)
    if not changed:
        return doc
    net = sum((ln.amount for ln in lines), _ZERO) + doc.fee
    vat = vat_of(net)
    return replace(doc, lines=tuple(lines), net=net, vat=vat, total=net + vat)


def credited_targets(
    doc: PlannedInvoice, invoiced: Mapping[int, Sequence[InvoicedPeriod]]
) -> tuple[object, ...]:
    """The invoices a credit note corrects: for each line, the latest frozen invoice line of the
    same service whose period covers the credited days; in first-seen order, no repeats."""
    found: list[object] = []
    for line in doc.lines:
        best = None
        for period in invoiced.get(int(line.service_id), ()):
            if period.period_start <= line.period_start and line.period_end <= period.period_end:
                best = period.target
        if best is not None and best not in found:
            found.append(best)
    return tuple(found)


def is_public_body(organisation_form: str) -> bool:
    """State, county, municipality and their bodies (organisation forms STAT, FYLK, KOMM,
    ORGL, KF, FKF, IKS, SF): they require EHF and a buyer reference."""
    return organisation_form.strip().upper() in _PUBLIC_FORMS


_PUBLIC_FORMS = frozenset({"STAT", "FYLK", "KOMM", "ORGL", "KF", "FKF", "IKS", "SF"})

__all__ = [
    "COLLECTION_NOTICE_DAYS",
    "DocumentRef",
    "InvalidAccountNumber",
    "InvoicedPeriod",
    "LineKey",
    "NumberingMode",
    "Party",
    "RunDocument",
    "Seller",
    "ServiceKind",
    "account_number",
    "collection_notice_date",
    "credit_as_invoiced",
    "credited_targets",
    "format_account_number",
    "is_public_body",
    "is_valid_kid",
    "kid",
    "line_key",
    "unfrozen",
]

"""A customer's services as frozen values: licences, one-off costs, usage, and their termination."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, ClassVar, TypeAlias

from contractdesk.domain.invoicing.periods import month_start
from contractdesk.domain.invoicing.values import DeliveryMethod, InvoicePeriod, ServiceKind
from contractdesk.domain.money import to_money
from contractdesk.domain.orgnr import parse_org_number

ServiceId: TypeAlias = int | str
"""Whatever the store uses to identify a service; the plan copies it into each line."""


def _money(owner: object, name: str, value: object) -> Decimal:
    """Normalise a non-negative, finite amount (Decimal, int or str; never float)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise TypeError(
            f"{type(owner).__name__}.{name} must be a Decimal, not {type(value).__name__}"
        )
    amount = to_money(value)
    if not amount.is_finite() or amount < 0:
        raise ValueError(
            f"{type(owner).__name__}.{name} must be a finite amount >= 0, got {value!r}"
        )
    object.__setattr__(owner, name, amount)
    return amount


def _slot_setters(cls: type, *names: str) -> tuple[Any, ...]:
    """The slot descriptors' setters of a frozen, slotted dataclass, in ``names`` order.

    Calling them sets a field without the frozen ``__setattr__`` guard and without
    ``__post_init__``: the ``trusted`` constructors below use them for values that were
    validated before (rows read back from the store), where re-validating each of
    hundreds of thousands of values costs more than planning with them.
    """
    return tuple(cls.__dict__[name].__set__ for name in names)


_new = object.__new__


def _check_date(owner: object, name: str, value: object) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise TypeError(f"{type(owner).__name__}.{name} must be a datetime.date, got {value!r}")


@dataclass(frozen=True, slots=True)
class Termination:
    """A termination received on ``received`` (D), optionally asking to end later (R, §5).

    ``binding=False``: the end of the customer relationship (§14: new terms not accepted), which
    is not held to the binding period.

    Raises:
        ValueError: the requested end lies before the day the termination was received.
    """

    received: date
    requested_end: date | None = None
    binding: bool = True

    def __post_init__(self) -> None:
        _check_date(self, "received", self.received)
        if self.requested_end is not None:
            _check_date(self, "requested_end", self.requested_end)
            if self.requested_end < self.received:
                raise ValueError(
                    f"requested end {self.requested_end} lies before the termination was "
                    f"received ({self.received})"
                )

    @classmethod
    def trusted(
        cls, received: date, requested_end: date | None = None, binding: bool = True
    ) -> Termination:
        """A termination from validated values (``requested_end`` not before ``received``)."""
        self = _new(cls)
        _TERMINATION_SET[0](self, received)
        _TERMINATION_SET[1](self, requested_end)
        _TERMINATION_SET[2](self, binding)
        return self

    @property
    def effective_end(self) -> date:
        """The latest of D and R, before any binding period is applied."""
        return self.requested_end if self.requested_end is not None else self.received


@dataclass(frozen=True, slots=True)
class Licence:
    """A licence invoiced in advance per calendar period (§10).

    Attributes:
        service_id: the store's id, copied into every planned line.
        name: shown as the line description.
        annual_price: NOK excl. VAT per year; 0 makes it a free service (no invoice, no binding).
        start: the start date S.
        trial_days: N; billing starts at B = S + N days.
        period: the invoice period (half-yearly by default).
        termination: set once the customer has terminated it.
    """

    kind: ClassVar[ServiceKind] = ServiceKind.LICENCE

    service_id: ServiceId
    name: str
    annual_price: Decimal
    start: date
    trial_days: int = 0
    period: InvoicePeriod = InvoicePeriod.HALF_YEARLY
    termination: Termination | None = None

    def __post_init__(self) -> None:
        _money(self, "annual_price", self.annual_price)
        _check_date(self, "start", self.start)
        if isinstance(self.trial_days, bool) or not isinstance(self.trial_days, int):
            raise TypeError("Licence.trial_days must be an int")
        if self.trial_days < 0:
            raise ValueError("Licence.trial_days must be >= 0")
        object.__setattr__(self, "period", InvoicePeriod(self.period))

    @classmethod
    def from_monthly_price(
        cls,
        service_id: ServiceId,
        name: str,
        monthly_price: Decimal | int | str,
        start: date,
        trial_days: int = 0,
        period: InvoicePeriod = InvoicePeriod.HALF_YEARLY,
        termination: Termination | None = None,
    ) -> Licence:
        """Build a licence from a monthly price (annual price = 12 x monthly)."""
        monthly = to_money(monthly_price)
        return cls(service_id, name, monthly * 12, start, trial_days, period, termination)

    @classmethod
    def trusted(
        cls,
        service_id: ServiceId,
        name: str,
        annual_price: Decimal,
        start: date,
        trial_days: int,
        period: InvoicePeriod,
        termination: Termination | None = None,
    ) -> Licence:
        """A licence from values validated before (e.g. read back from the store), unchecked.

        The caller guarantees what ``__post_init__`` would check: ``annual_price`` a finite
        ``Decimal`` >= 0, ``start`` a ``date``, ``trial_days`` an ``int`` >= 0, ``period``
        an :class:`InvoicePeriod`. User input goes through the validating constructor.
        """
        self = _new(cls)
        s0, s1, s2, s3, s4, s5, s6 = _LICENCE_SET
        s0(self, service_id)
        s1(self, name)
        s2(self, annual_price)
        s3(self, start)
        s4(self, trial_days)
        s5(self, period)
        s6(self, termination)
        return self

    @property
    def billing_start(self) -> date:
        """B = S + N days: the first day that is invoiced."""
        return self.start + timedelta(days=self.trial_days)

    @property
    def is_free(self) -> bool:
        """A price of 0: never invoiced, never bound (§5.1)."""
        return self.annual_price == 0

    @property
    def period_amount(self) -> Decimal:
        """Annual price x months / 12, unrounded (lines round after pro-rating)."""
        return self.annual_price * self.period.months / 12

    def terminated(self, received: date, requested_end: date | None = None) -> Licence:
        """A copy of this licence with a termination recorded."""
        return replace(self, termination=Termination(received, requested_end))


@dataclass(frozen=True, slots=True)
class OneOffCost:
    """One-off work or purchase, invoiced on ``cost_date`` with 14 days to pay (§10).

    A termination (cancellation) received before the cost's date stops it from being
    invoiced when the cost date lies after the service's end (the later of D and R).
    """

    kind: ClassVar[ServiceKind] = ServiceKind.ONE_OFF

    service_id: ServiceId
    name: str
    amount: Decimal
    cost_date: date
    termination: Termination | None = None

    def __post_init__(self) -> None:
        _money(self, "amount", self.amount)
        _check_date(self, "cost_date", self.cost_date)

    @classmethod
    def trusted(
        cls,
        service_id: ServiceId,
        name: str,
        amount: Decimal,
        cost_date: date,
        termination: Termination | None = None,
    ) -> OneOffCost:
        """A one-off cost from validated values (``amount`` a finite Decimal >= 0), unchecked."""
        self = _new(cls)
        s0, s1, s2, s3, s4 = _ONE_OFF_SET
        s0(self, service_id)
        s1(self, name)
        s2(self, amount)
        s3(self, cost_date)
        s4(self, termination)
        return self

    @property
    def is_free(self) -> bool:
        return self.amount == 0

    def terminated(self, received: date, requested_end: date | None = None) -> OneOffCost:
        return replace(self, termination=Termination(received, requested_end))


@dataclass(frozen=True, slots=True)
class UsageRecord:
    """The quantity used in one calendar month; ``month`` is normalised to its first day."""

    month: date
    quantity: Decimal

    def __post_init__(self) -> None:
        _check_date(self, "month", self.month)
        object.__setattr__(self, "month", month_start(self.month))
        _money(self, "quantity", self.quantity)

    @classmethod
    def trusted(cls, month: date, quantity: Decimal) -> UsageRecord:
        """A record from validated values: ``month`` already a month's 1st, ``quantity`` a
        finite Decimal >= 0. Unchecked."""
        self = _new(cls)
        _USAGE_RECORD_SET[0](self, month)
        _USAGE_RECORD_SET[1](self, quantity)
        return self


@dataclass(frozen=True, slots=True)
class UsageService:
    """Metered usage such as SMS: quantity x unit price per month, invoiced in arrears (§10).

    ``unit_price`` may have more than two decimals (e.g. 0.395 NOK per SMS); each month's
    amount is rounded to øre. At most one record per month.
    """

    kind: ClassVar[ServiceKind] = ServiceKind.USAGE

    service_id: ServiceId
    name: str
    unit_price: Decimal
    usage: tuple[UsageRecord, ...] = ()
    termination: Termination | None = None

    def __post_init__(self) -> None:
        _money(self, "unit_price", self.unit_price)
        records = tuple(self.usage)
        months = [r.month for r in records]
        if len(set(months)) != len(months):
            raise ValueError("UsageService.usage has more than one record for a month")
        object.__setattr__(self, "usage", tuple(sorted(records, key=lambda r: r.month)))

    @classmethod
    def trusted(
        cls,
        service_id: ServiceId,
        name: str,
        unit_price: Decimal,
        usage: tuple[UsageRecord, ...] = (),
        termination: Termination | None = None,
    ) -> UsageService:
        """A usage service from validated values, unchecked: ``unit_price`` a finite Decimal
        >= 0, ``usage`` a tuple of records in month order with at most one per month."""
        self = _new(cls)
        s0, s1, s2, s3, s4 = _USAGE_SET
        s0(self, service_id)
        s1(self, name)
        s2(self, unit_price)
        s3(self, usage)
        s4(self, termination)
        return self

    @property
    def is_free(self) -> bool:
        return self.unit_price == 0

    def quantity_for(self, month: date) -> Decimal:
        """The recorded quantity for ``month``'s month, 0 if none."""
        first = month_start(month)
        for record in self.usage:
            if record.month == first:
                return record.quantity
        return Decimal(0)

    def with_usage(self, month: date, quantity: Decimal | int | str) -> UsageService:
        """A copy with ``month``'s quantity set (replacing an earlier record for that month)."""
        first = month_start(month)
        kept = tuple(r for r in self.usage if r.month != first)
        return replace(self, usage=(*kept, UsageRecord(first, to_money(quantity))))

    def terminated(self, received: date, requested_end: date | None = None) -> UsageService:
        return replace(self, termination=Termination(received, requested_end))


Service: TypeAlias = Licence | OneOffCost | UsageService
"""Any service a customer can have."""


@dataclass(frozen=True, slots=True)
class BillingCustomer:
    """What the plan needs of a customer: org number, delivery method, services.

    ``org_number`` is validated and stored as 9 digits.
    """

    org_number: str
    delivery_method: DeliveryMethod
    services: tuple[Service, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "org_number", parse_org_number(self.org_number))
        object.__setattr__(self, "delivery_method", DeliveryMethod(self.delivery_method))
        object.__setattr__(self, "services", tuple(self.services))

    @classmethod
    def trusted(
        cls, org_number: str, delivery_method: DeliveryMethod, services: tuple[Service, ...]
    ) -> BillingCustomer:
        """A customer from validated values (a 9-digit org number that passed its check,
        a :class:`DeliveryMethod`, a tuple of services), unchecked."""
        self = _new(cls)
        _CUSTOMER_SET[0](self, org_number)
        _CUSTOMER_SET[1](self, delivery_method)
        _CUSTOMER_SET[2](self, services)
        return self


_TERMINATION_SET = _slot_setters(Termination, "received", "requested_end", "binding")
_LICENCE_SET = _slot_setters(
    Licence, "service_id", "name", "annual_price", "start", "trial_days", "period", "termination"
)
_ONE_OFF_SET = _slot_setters(OneOffCost, "service_id", "name", "amount", "cost_date", "termination")
_USAGE_RECORD_SET = _slot_setters(UsageRecord, "month", "quantity")
_USAGE_SET = _slot_setters(UsageService, "service_id", "name", "unit_price", "usage", "termination")
_CUSTOMER_SET = _slot_setters(BillingCustomer, "org_number", "delivery_method", "services")

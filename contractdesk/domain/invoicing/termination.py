"""Binding periods and what a termination means: the end date X and the paid-until day (§5, §12)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from contractdesk.domain.invoicing.periods import anniversary, month_end
from contractdesk.domain.invoicing.services import Licence, Service, ServiceId, Termination


def binding_end(service: Service) -> date | None:
    """The last day of a paid licence's 12-month binding period, ``None`` if it binds nothing.

    Binding runs from billing start B to the day before B's anniversary (§5.1, §12):
    B = 2027-03-31 binds until 2028-03-30; B = 2028-02-29 binds until 2029-02-28
    (the anniversary of 29 February is 1 March). Free licences, one-off costs and usage
    bind nothing.
    """
    if not isinstance(service, Licence) or service.is_free:
        return None
    return anniversary(service.billing_start) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class TerminationOutcome:
    """When a terminated service ends and until when it is paid.

    Attributes:
        received: D, the day the termination was received.
        requested_end: R, a later end the customer asked for, if any.
        binding_end: the binding end that held the service, ``None`` if none did (free
            services, one-off costs, usage, or a termination received during the trial).
        end: X, the latest of D, R and the applied binding end.
        paid_until: the last day of X's month; licence periods are invoiced (or
            credited) up to this day and no further (§12.3).
        billed: ``False`` when the service ends before billing ever starts (a licence
            cancelled during its trial with X before B): nothing is invoiced.
        service_id: the terminated service's id.
    """

    received: date
    requested_end: date | None
    binding_end: date | None
    end: date
    paid_until: date
    billed: bool
    service_id: ServiceId | None = None

    @property
    def rounded_to_month_end(self) -> bool:
        """The end X is not a month's last day: the service is paid to the month's end (§12.3)."""
        return self.paid_until != self.end

    def as_dict(self) -> dict[str, object]:
        """The CLI's JSON form (``service terminate --json``): dates ISO."""
        return {
            "service_id": self.service_id,
            "received": self.received.isoformat(),
            "requested_end": _iso(self.requested_end),
            "binding_end": _iso(self.binding_end),
            "end": self.end.isoformat(),
            "paid_until": self.paid_until.isoformat(),
            "billed": self.billed,
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def resolve_termination(
    service: Service, termination: Termination | None = None
) -> TerminationOutcome | None:
    """Apply the termination rules to a service.

    Uses ``termination`` if given, else the service's own; ``None`` if neither exists.

    X is the latest of D, R and, for a paid licence, its binding end. A termination
    sent during the trial is free only when its end (the later of D and R) lies inside the
    trial (before billing start B): then nothing is ever invoiced. An end on or after B binds
    the 12 months like any order. A termination without ``binding`` (the relationship ended
    under §14) ends at the later of D and R.
    """
    termination = termination if termination is not None else service.termination
    if termination is None:
        return None
    bind = binding_end(service) if termination.binding else None
    billed = True
    if isinstance(service, Licence) and termination.effective_end < service.billing_start:
        # Sent during the trial with its end inside the trial: free, nothing invoiced. An end
        # after billing starts binds the 12 months like any order (§5.1, §12; issue 14).
        bind = None
        billed = False
    end = termination.effective_end
    if bind is not None and bind > end:
        end = bind
    return TerminationOutcome(
        received=termination.received,
        requested_end=termination.requested_end,
        binding_end=bind,
        end=end,
        paid_until=month_end(end),
        billed=billed,
        service_id=service.service_id,
    )


def earliest_end(service: Service, received: date) -> date:
    """X for a termination received on ``received`` with no requested end.

    This is what the UI shows as the earliest possible end, e.g. with ``received=today``.
    """
    outcome = resolve_termination(service, Termination(received))
    assert outcome is not None
    return outcome.end

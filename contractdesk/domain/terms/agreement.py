"""An agreement's life cycle: draft → sent → signed → active → terminated, and the transitions
allowed.

* ``draft``: being prepared for a customer (terms version chosen, fields filled).
* ``sent``: the document went to the customer (PDF by e-mail, paper). It may be called
  back to ``draft`` for a correction, or lapse (``terminated``) when the customer declines.
* ``signed``: the customer accepted it: a paper signature scanned back, or online / e-mail
  acceptance. Straight from ``draft`` when signed on the spot or accepted online.
* ``active``: in force (the customer relationship exists, §2.1, §4.3).
* ``terminated``: ended: termination received (§5), a §14 re-acceptance overdue and
  *confirmed by the owner*, or an offer that lapsed. Final.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from contractdesk.errors import UserFacingError

__all__ = [
    "ALLOWED_TRANSITIONS",
    "AgreementState",
    "InvalidTransitionError",
    "allowed_next_states",
    "can_transition",
    "transition",
]


class AgreementState(StrEnum):
    """The states of an agreement."""

    DRAFT = "draft"
    SENT = "sent"
    SIGNED = "signed"
    ACTIVE = "active"
    TERMINATED = "terminated"


ALLOWED_TRANSITIONS: Mapping[AgreementState, frozenset[AgreementState]] = {
    AgreementState.DRAFT: frozenset({AgreementState.SENT, AgreementState.SIGNED}),
    AgreementState.SENT: frozenset(
        {AgreementState.DRAFT, AgreementState.SIGNED, AgreementState.TERMINATED}
    ),
    AgreementState.SIGNED: frozenset({AgreementState.ACTIVE, AgreementState.TERMINATED}),
    AgreementState.ACTIVE: frozenset({AgreementState.TERMINATED}),
    AgreementState.TERMINATED: frozenset(),
}


class InvalidTransitionError(UserFacingError, ValueError):
    """The agreement cannot go from its current state to the one asked for."""

    def __init__(self, current: AgreementState, target: AgreementState) -> None:
        allowed = (
            ", ".join(sorted(s.value for s in ALLOWED_TRANSITIONS[current])) or "none (final state)"
        )
        super().__init__(
            f"An agreement cannot go from {current.value} to {target.value}; allowed: {allowed}"
        )
        self.current = current
        self.target = target


def allowed_next_states(current: AgreementState | str) -> frozenset[AgreementState]:
    """The states reachable in one step from ``current``."""
    return ALLOWED_TRANSITIONS[AgreementState(current)]


def can_transition(current: AgreementState | str, target: AgreementState | str) -> bool:
    """Whether ``current`` → ``target`` is allowed (staying in the same state is not a
    transition)."""
    return AgreementState(target) in allowed_next_states(current)


def transition(current: AgreementState | str, target: AgreementState | str) -> AgreementState:
    """Return ``target`` when the move is allowed.

    Raises:
        InvalidTransitionError: the move is not allowed (e.g. terminated → active).
        ValueError: a state name is unknown.
    """
    cur, tgt = AgreementState(current), AgreementState(target)
    if tgt not in ALLOWED_TRANSITIONS[cur]:
        raise InvalidTransitionError(cur, tgt)
    return tgt

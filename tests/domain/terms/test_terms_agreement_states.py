"""Agreement states: the ordinary paths work, impossible moves are refused with a clear message."""

from __future__ import annotations

import itertools

import pytest

from contractdesk.domain.terms.agreement import (
    AgreementState as S,
)
from contractdesk.domain.terms.agreement import (
    InvalidTransitionError,
    allowed_next_states,
    can_transition,
    transition,
)

ALLOWED = {
    (S.DRAFT, S.SENT),
    (S.DRAFT, S.SIGNED),
    (S.SENT, S.DRAFT),
    (S.SENT, S.SIGNED),
    (S.SENT, S.TERMINATED),
    (S.SIGNED, S.ACTIVE),
    (S.SIGNED, S.TERMINATED),
    (S.ACTIVE, S.TERMINATED),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_transition_matrix(current: S, target: S) -> None:
    if (current, target) in ALLOWED:
        assert can_transition(current, target)
        assert transition(current, target) is target
    else:
        assert not can_transition(current, target)
        with pytest.raises(InvalidTransitionError):
            transition(current, target)


def test_paper_and_online_paths() -> None:
    state = S.DRAFT
    for nxt in (S.SENT, S.SIGNED, S.ACTIVE, S.TERMINATED):
        state = transition(state, nxt)
    assert state is S.TERMINATED
    assert transition(transition("draft", "signed"), "active") is S.ACTIVE


def test_terminated_is_final_and_the_error_says_so() -> None:
    assert allowed_next_states(S.TERMINATED) == frozenset()
    with pytest.raises(InvalidTransitionError, match="from terminated to active; allowed: none"):
        transition(S.TERMINATED, S.ACTIVE)
    with pytest.raises(InvalidTransitionError, match="allowed: active, terminated"):
        transition(S.SIGNED, S.DRAFT)


def test_unknown_state_name_is_refused() -> None:
    with pytest.raises(ValueError):
        transition("draft", "archived")

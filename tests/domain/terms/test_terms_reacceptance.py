"""§14 re-acceptance: notice and acceptance dates on month ends and leap years, statuses, and proposals only."""

from __future__ import annotations

from datetime import date

import pytest

from contractdesk.domain.terms.reacceptance import (
    CustomerAcceptance,
    ReacceptanceStatus,
    acceptance_deadline,
    add_months,
    last_notice_date,
    plan_reacceptance,
    propose_terminations,
    reacceptance_row,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("effective", "notify_by"),
    [
        ("2021-04-17", "2021-03-17"),
        ("2021-03-31", "2021-02-28"),
        ("2024-03-31", "2024-02-29"),  # leap year
        ("2024-03-30", "2024-02-29"),
        ("2023-03-29", "2023-02-28"),
        ("2024-03-29", "2024-02-29"),
        ("2100-03-31", "2100-02-28"),  # not a leap year (century)
        ("2000-03-31", "2000-02-29"),  # leap year (400)
        ("2021-05-31", "2021-04-30"),
        ("2022-01-15", "2021-12-15"),  # across the year
        ("2022-01-01", "2021-12-01"),
    ],
)
def test_last_day_to_notify_is_one_calendar_month_before(effective: str, notify_by: str) -> None:
    assert last_notice_date(D(effective)) == D(notify_by)


@pytest.mark.parametrize(
    ("notified", "deadline"),
    [
        ("2021-01-31", "2021-02-28"),
        ("2024-01-31", "2024-02-29"),  # leap year
        ("2024-02-29", "2024-03-29"),
        ("2023-01-29", "2023-02-28"),
        ("2021-08-31", "2021-09-30"),
        ("2021-12-15", "2022-01-15"),  # across the year
        ("2021-12-31", "2022-01-31"),
    ],
)
def test_acceptance_deadline_is_one_calendar_month_after_notice(
    notified: str, deadline: str
) -> None:
    assert acceptance_deadline(D(notified)) == D(deadline)


def test_add_months_over_many_months_and_backwards() -> None:
    assert add_months(D("2023-10-31"), 4) == D("2024-02-29")
    assert add_months(D("2024-02-29"), 12) == D("2025-02-28")
    assert add_months(D("2024-02-29"), -24) == D("2022-02-28")
    assert add_months(D("2021-01-01"), -13) == D("2019-12-01")


EFFECTIVE = D("2024-03-31")  # notify by 2024-02-29


@pytest.mark.parametrize(
    ("notified", "accepted", "today", "status", "deadline", "notice_late", "accepted_late"),
    [
        (None, None, "2024-02-01", ReacceptanceStatus.TO_NOTIFY, None, False, False),
        (None, None, "2024-02-29", ReacceptanceStatus.TO_NOTIFY, None, False, False),
        (None, None, "2024-03-01", ReacceptanceStatus.TO_NOTIFY, None, True, False),
        ("2024-01-31", None, "2024-02-15", ReacceptanceStatus.NOTIFIED, "2024-02-29", False, False),
        (
            "2024-01-31",
            None,
            "2024-02-29",
            ReacceptanceStatus.NOTIFIED,
            "2024-02-29",
            False,
            False,
        ),  # last day
        ("2024-01-31", None, "2024-03-01", ReacceptanceStatus.OVERDUE, "2024-02-29", False, False),
        (
            "2024-01-31",
            "2024-02-10",
            "2024-06-01",
            ReacceptanceStatus.ACCEPTED,
            "2024-02-29",
            False,
            False,
        ),
        (
            "2024-01-31",
            "2024-03-05",
            "2024-06-01",
            ReacceptanceStatus.ACCEPTED,
            "2024-02-29",
            False,
            True,
        ),
        ("2024-03-10", None, "2024-03-20", ReacceptanceStatus.NOTIFIED, "2024-04-10", True, False),
        (
            None,
            "2024-01-05",
            "2024-01-06",
            ReacceptanceStatus.ACCEPTED,
            None,
            False,
            False,
        ),  # signed before notice
    ],
)
def test_status_table(
    notified: str | None,
    accepted: str | None,
    today: str,
    status: ReacceptanceStatus,
    deadline: str | None,
    notice_late: bool,
    accepted_late: bool,
) -> None:
    row = reacceptance_row(
        EFFECTIVE,
        CustomerAcceptance(7, D(notified) if notified else None, D(accepted) if accepted else None),
        D(today),
    )
    assert row.last_notice_date == D("2024-02-29")
    assert row.status is status
    assert row.acceptance_deadline == (D(deadline) if deadline else None)
    assert (row.notice_late, row.accepted_late) == (notice_late, accepted_late)


def test_overdue_customers_are_only_proposed_for_termination() -> None:
    customers = [
        CustomerAcceptance("971049669", D("2024-01-31")),
        CustomerAcceptance("912345678", D("2024-01-31"), D("2024-02-20")),
        CustomerAcceptance("998877665"),
        CustomerAcceptance("923456789", D("2024-02-20")),
    ]
    rows = plan_reacceptance(EFFECTIVE, customers, D("2024-03-05"))
    assert [r.status for r in rows] == [
        ReacceptanceStatus.OVERDUE,
        ReacceptanceStatus.ACCEPTED,
        ReacceptanceStatus.TO_NOTIFY,
        ReacceptanceStatus.NOTIFIED,
    ]
    (proposal,) = propose_terminations(rows)
    assert proposal.customer_id == "971049669"
    assert proposal.acceptance_deadline == D("2024-02-29")
    assert "considered terminated" in proposal.reason and "2024-02-29" in proposal.reason

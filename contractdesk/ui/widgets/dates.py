"""Date fields with sense: the range a business date can have, and "not after today" for dates
that record something that happened (a request received, a consent given, a notice sent)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from contractdesk.domain.dates import EARLIEST, LATEST


def _q(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def limit_date(edit: QDateEdit, *, until_today: bool = False, today: date | None = None) -> None:
    """Keep ``edit`` within 2000 to 2099; ``until_today``: no date after today (things that
    happened cannot be in the future)."""
    edit.setMinimumDate(_q(EARLIEST))
    edit.setMaximumDate(_q((today or date.today()) if until_today else LATEST))

"""Optimistic locking: a save is refused when the record changed after the user read it.

Every editable table has a ``version`` column (migration 0012) mapped as SQLAlchemy's
``version_id_col``: each UPDATE says ``WHERE id = … AND version = <read>`` and counts up, so
two sessions that read the same version cannot both write (the second gets ``StaleDataError``,
mapped to :class:`~contractdesk.errors.ConflictError` by :func:`conflict_from_stale`). A use case
that takes the version the user read (the views carry it) calls :func:`expect_version` first,
which detects a stale edit form across sessions and processes too, and names what changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from contractdesk.errors import ConflictError, FieldChange
from contractdesk.i18n import fill, translate

_ENTITIES = {
    "customer": lambda: translate("Conflicts", "customer"),
    "person": lambda: translate("Conflicts", "person"),
    "service": lambda: translate("Conflicts", "service"),
    "agreement": lambda: translate("Conflicts", "agreement"),
    "supplier": lambda: translate("Conflicts", "supplier profile"),
    "terms": lambda: translate("Conflicts", "terms draft"),
    "subprocessor": lambda: translate("Conflicts", "sub-processor"),
}

_FIELDS = {
    "first_name": lambda: translate("Conflicts", "first name"),
    "middle_name": lambda: translate("Conflicts", "middle name"),
    "last_name": lambda: translate("Conflicts", "last name"),
    "title": lambda: translate("Conflicts", "title"),
    "phone": lambda: translate("Conflicts", "phone"),
    "mobile": lambda: translate("Conflicts", "mobile"),
    "emails": lambda: translate("Conflicts", "e-mail addresses"),
    "email": lambda: translate("Conflicts", "e-mail"),
    "name": lambda: translate("Conflicts", "name"),
    "delivery_method": lambda: translate("Conflicts", "delivery method"),
    "invoice_period": lambda: translate("Conflicts", "invoice period"),
    "period": lambda: translate("Conflicts", "invoice period"),
    "annual_price": lambda: translate("Conflicts", "annual price"),
    "amount": lambda: translate("Conflicts", "amount"),
    "unit_price": lambda: translate("Conflicts", "unit price"),
    "start": lambda: translate("Conflicts", "start date"),
    "trial_days": lambda: translate("Conflicts", "trial days"),
    "cost_date": lambda: translate("Conflicts", "date"),
    "state": lambda: translate("Conflicts", "state"),
    "sent_to": lambda: translate("Conflicts", "sent to"),
    "address_lines": lambda: translate("Conflicts", "address"),
    "postcode": lambda: translate("Conflicts", "postcode"),
    "city": lambda: translate("Conflicts", "city"),
    "signer_name": lambda: translate("Conflicts", "signer"),
    "signer_title": lambda: translate("Conflicts", "signer's title"),
    "signers": lambda: translate("Conflicts", "who signs"),
    "purpose": lambda: translate("Conflicts", "purpose"),
    "data_shared": lambda: translate("Conflicts", "data shared"),
    "location": lambda: translate("Conflicts", "location"),
    "kind": lambda: translate("Conflicts", "kind"),
    "source_clause": lambda: translate("Conflicts", "clause"),
    "org_number": lambda: translate("Conflicts", "organisation number"),
    "label": lambda: translate("Conflicts", "label"),
    "effective_date": lambda: translate("Conflicts", "effective date"),
}


def shown(value: Any) -> str:
    """A stored value as the user reads it in a conflict message (``""`` shown as "(empty)")."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, (date, datetime)):
        value = value.isoformat()
    elif isinstance(value, Decimal):
        value = format(value, "f")
    text = "" if value is None else str(value)
    return text if text else translate("Conflicts", "(empty)")


def field_label(field: str) -> str:
    label = _FIELDS.get(field)
    return label() if label is not None else field.replace("_", " ")


def _same(theirs: Any, mine: Any) -> bool:
    if isinstance(theirs, (list, tuple)) and isinstance(mine, (list, tuple)):
        return list(theirs) == list(mine)
    if isinstance(mine, Enum) and not isinstance(theirs, Enum):
        mine = mine.value
    return bool(theirs == mine)


def conflict(
    entity: str, stored: Mapping[str, Any], mine: Mapping[str, Any], version: int | None
) -> ConflictError:
    """The error for a save over a newer change: the fields where the stored value differs from
    the user's, with both values."""
    changes = tuple(
        FieldChange(key, field_label(key), shown(stored[key]), shown(value))
        for key, value in mine.items()
        if key in stored and not _same(stored[key], value)
    )
    what = _ENTITIES[entity]() if entity in _ENTITIES else entity
    if changes:
        details = "; ".join(
            fill(translate("Conflicts", "%1: theirs “%2”, yours “%3”"), c.label, c.theirs, c.mine)
            for c in changes
        )
        message = fill(
            translate(
                "Conflicts",
                "Someone else changed this %1 after you opened it (%2). Nothing was saved: "
                "reload it and make your change again.",
            ),
            what,
            details,
        )
    else:
        message = fill(
            translate(
                "Conflicts",
                "Someone else changed this %1 after you opened it. Nothing was saved: "
                "reload it and make your change again.",
            ),
            what,
        )
    return ConflictError(message, changes, entity=entity, version=version)


def expect_version(
    row: Any, expected: int | None, *, entity: str, mine: Mapping[str, Any] | None = None
) -> None:
    """Refuse the save unless ``row`` is still at the version the user read.

    Args:
        row: the ORM row, loaded in the current unit of work.
        expected: the version the user's form was filled from (``None``: not known, no check;
            scripts that read and write in one step pass none).
        entity: what the row is (``customer``, ``person``, …), for the message.
        mine: the values the user is saving, by column name: the fields where theirs differ are
            listed.

    Raises:
        ConflictError: the row is at another version.
    """
    if expected is None or int(row.version) == int(expected):
        return
    stored = {key: getattr(row, key) for key in (mine or {}) if hasattr(row, key)}
    raise conflict(entity, stored, mine or {}, int(row.version))


def conflict_from_stale(exc: BaseException) -> ConflictError | None:
    """``StaleDataError`` (an UPDATE found its version gone: another connection committed first)
    as a :class:`ConflictError`; None for anything else."""
    from sqlalchemy.orm.exc import StaleDataError

    if not isinstance(exc, StaleDataError):
        return None
    return ConflictError(
        translate(
            "Conflicts",
            "Someone else changed this record while you were saving it. Nothing was saved: "
            "reload it and make your change again.",
        )
    )

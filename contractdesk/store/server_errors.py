"""PostgreSQL errors with names: a refused privilege says what the user's role may not do.

Driver texts are never passed on whole: they may quote the server address or values. Only the
SQLSTATE and the object the server names (a table or function) are read.
"""

from __future__ import annotations

import re
from typing import Any

from contractdesk.i18n import fill, translate
from contractdesk.store.errors import DiskFullError, ReadOnlyError, StoreBusyError, StoreError

INSUFFICIENT_PRIVILEGE = "42501"
_BUSY = frozenset({"40001", "40P01", "55P03", "57014"})  # serialization, deadlock, lock, cancel
_DISK_FULL = frozenset({"53100", "53200", "54000"})
_READ_ONLY = "25006"

_OBJECT = re.compile(r'(?:for|on) (table|function|relation|view|sequence) "?([A-Za-z0-9_]+)"?')

ROLE_LABELS = {"owner": "owner", "staff": "staff", "readonly": "read-only"}


def _actions() -> dict[str, str]:
    """What writing to an object means for a user (for the refusal message)."""
    publish = translate("ServerErrors", "publish terms")
    erase = translate("ServerErrors", "erase personal data")
    return {
        "terms_version": publish,
        "terms_version_subprocessor": publish,
        "subprocessor": translate("ServerErrors", "change the sub-processor register"),
        "subprocessor_transfer": translate("ServerErrors", "change the sub-processor register"),
        "person": erase,
        "retention_mark": erase,
        "contractdesk_erase_audit_payloads": erase,
        "audit_log": translate("ServerErrors", "change the audit log"),
        "contractdesk_add_user": translate("ServerErrors", "manage users"),
        "supplier": translate("ServerErrors", "change the business details"),
        "privacy_document": translate("ServerErrors", "record privacy documents"),
        "breach": translate("ServerErrors", "record breaches"),
        "breach_customer": translate("ServerErrors", "record breaches"),
    }


class ServerUnavailableError(StoreError):
    """The server cannot be reached, or it refused the login (the password is never shown)."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(
            fill(translate("ServerErrors", "Cannot connect to %1: %2."), location, reason)
        )


class PermissionRefusedError(StoreError):
    """The database refused a change the user's role may not make."""

    def __init__(self, role: str | None, action: str) -> None:
        self.role = role
        self.action = action
        if role:
            message = fill(translate("ServerErrors", "Your role (%1) may not %2."), role, action)
        else:
            message = fill(translate("ServerErrors", "Your database user may not %1."), action)
        super().__init__(message)


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a psycopg error (bare or wrapped by SQLAlchemy), else None."""
    driver = getattr(exc, "orig", None) or exc
    state = getattr(driver, "sqlstate", None)
    return str(state) if state else None


def refused_object(exc: BaseException) -> str | None:
    """The table or function a refused privilege names (``permission denied for table x``)."""
    driver = getattr(exc, "orig", None) or exc
    diag = getattr(driver, "diag", None)
    primary = str(getattr(diag, "message_primary", "") or "") if diag is not None else ""
    found = _OBJECT.search(primary or str(driver).split("\n", 1)[0])
    return found.group(2) if found else None


def _connect_reason(text: str) -> str:
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return translate("ServerErrors", "the user name or password is wrong")
    if "does not exist" in lowered and "database" in lowered:
        return translate("ServerErrors", "the database does not exist")
    if "ssl" in lowered or "tls" in lowered:
        return translate("ServerErrors", "the server does not offer a secure (TLS) connection")
    if "permission denied for database" in lowered or "not permitted to log in" in lowered:
        return translate("ServerErrors", "this user may not use the database")
    return translate("ServerErrors", "the server does not answer")


def map_server_error(
    exc: BaseException, store: Any | None, *, location: str | None = None
) -> StoreError | None:
    """A named StoreError for a PostgreSQL error, or None when it is a bug.

    Args:
        store: the ServerStore, asked for the user's team role when a privilege was refused.
        location: the server (password masked) for connection errors.
    """
    if isinstance(exc, StoreError):
        return exc
    import psycopg
    from sqlalchemy.exc import DBAPIError

    driver = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(driver, psycopg.Error):
        return None
    state = sqlstate(driver)
    connecting = state is None or state[:2] in ("08", "28")  # no session, or the login refused
    if connecting and isinstance(driver, psycopg.OperationalError):
        where = location or (store.location if store is not None else "the server")
        return ServerUnavailableError(where, _connect_reason(str(driver)))
    if state == INSUFFICIENT_PRIVILEGE:
        role = team_role_label(store) if store is not None else None
        name = refused_object(driver) or ""
        if role == ROLE_LABELS["readonly"]:
            action = translate("ServerErrors", "change data")
        else:
            action = _actions().get(name, translate("ServerErrors", "do this"))
        return PermissionRefusedError(role, action)
    if state == "42710":  # duplicate object: a login of that name exists
        return StoreError(translate("ServerErrors", "A user of that name exists already."))
    if state in _BUSY:
        return StoreBusyError()
    if state in _DISK_FULL:
        return DiskFullError()
    if state == _READ_ONLY:
        return ReadOnlyError()
    return None


def team_role_label(store: Any) -> str | None:
    """``owner``, ``staff`` or ``read-only`` for the store's user (None when it has none)."""
    try:
        role = store.team_role()
    except Exception:  # the connection is gone too: the refusal itself is the news
        return None
    return ROLE_LABELS.get(role) if role else None

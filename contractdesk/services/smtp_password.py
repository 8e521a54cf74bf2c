"""The SMTP password: kept in the OS keyring, or taken from ``CONTRACTDESK_SMTP_PASSWORD``, or asked
each time.

The password is never written to the store, the settings, a log or an error message. Where the
system offers a *recommended* keyring backend the password lives there (service ``ContractDesk``,
user ``smtp:<user>@<host>``); elsewhere (no backend, the ``fail``/``null`` backends) it comes from
the environment variable or from the person sending, every time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from contractdesk.i18n import fill, translate
from contractdesk.services.errors import UserError

SMTP_PASSWORD_ENV = "CONTRACTDESK_SMTP_PASSWORD"
KEYRING_SERVICE = "ContractDesk"

#: Asks the person for the password (None: they declined).
PasswordPrompt = Callable[[str], "str | None"]


class SmtpPasswordError(UserError):
    """The password could not be kept or read (no keyring, keyring locked, none given)."""


@dataclass(frozen=True)
class PasswordSource:
    """Where the password for an SMTP login will come from: ``keyring``, ``environment``, ``ask`` or
    ``none``.

    ``none``: no login is configured (no user name), so no password is needed.
    """

    kind: str
    keyring_usable: bool

    @property
    def needs_prompt(self) -> bool:
        return self.kind == "ask"


def keyring_username(user: str, host: str) -> str:
    return f"smtp:{user.strip()}@{host.strip().lower()}"


def keyring_usable() -> bool:
    """True when a recommended keyring backend is available (same rule as the store key)."""
    from contractdesk.store.keys import keyring_usable as usable

    return usable()


def _keyring_get(user: str, host: str) -> str | None:
    import keyring
    from keyring.errors import KeyringLocked

    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_username(user, host))
    except KeyringLocked:
        raise SmtpPasswordError(
            translate("SmtpPassword", "The system keyring is locked: unlock it and try again.")
        ) from None
    except Exception as exc:
        raise SmtpPasswordError(
            fill(translate("SmtpPassword", "The system keyring failed (%1)."), type(exc).__name__)
        ) from None


def stored_password(user: str, host: str) -> str | None:
    """The password in the keyring, or None (no recommended keyring, or no entry)."""
    if not user or not keyring_usable():
        return None
    return _keyring_get(user, host)


def save_password(user: str, host: str, password: str) -> None:
    """Keep the password in the OS keyring (read back to prove the backend kept it).

    Raises:
        SmtpPasswordError: no recommended keyring here, or it refused or forgot the password.
    """
    import keyring

    if not user.strip() or not host.strip():
        raise SmtpPasswordError(
            translate("SmtpPassword", "Set the SMTP server and user name before saving a password.")
        )
    if not keyring_usable():
        raise SmtpPasswordError(
            fill(
                translate(
                    "SmtpPassword",
                    "No system keyring is available here, so the password is not saved: set %1 or "
                    "enter the password each time you send.",
                ),
                SMTP_PASSWORD_ENV,
            )
        )
    name = keyring_username(user, host)
    try:
        keyring.set_password(KEYRING_SERVICE, name, password)
        back = keyring.get_password(KEYRING_SERVICE, name)
    except Exception as exc:
        raise SmtpPasswordError(
            fill(
                translate("SmtpPassword", "The system keyring refused the password (%1)."),
                type(exc).__name__,
            )
        ) from None
    if back != password:
        raise SmtpPasswordError(
            translate("SmtpPassword", "The system keyring did not keep the password.")
        )


def forget_password(user: str, host: str) -> bool:
    """Remove the keyring entry; True when there was one."""
    import keyring
    from keyring.errors import PasswordDeleteError

    if not user or not keyring_usable():
        return False
    try:
        keyring.delete_password(KEYRING_SERVICE, keyring_username(user, host))
    except PasswordDeleteError:
        return False
    except Exception as exc:
        raise SmtpPasswordError(
            fill(translate("SmtpPassword", "The system keyring failed (%1)."), type(exc).__name__)
        ) from None
    return True


def password_source(user: str, host: str) -> PasswordSource:
    """Where a send would take the password from, without reading it from the environment twice."""
    usable = keyring_usable()
    if not user:
        return PasswordSource("none", usable)
    if usable and _keyring_get(user, host) is not None:
        return PasswordSource("keyring", usable)
    if os.environ.get(SMTP_PASSWORD_ENV):
        return PasswordSource("environment", usable)
    return PasswordSource("ask", usable)


def resolve_password(
    user: str, host: str, given: str | None = None, prompt: PasswordPrompt | None = None
) -> str | None:
    """The password for a login: the one given, else the keyring's, else the environment's, else
    asked.

    Returns None when no login is configured.

    Raises:
        SmtpPasswordError: a login is configured and no password could be had.
    """
    if not user:
        return None
    if given:
        return given
    stored = stored_password(user, host)
    if stored is not None:
        return stored
    env = os.environ.get(SMTP_PASSWORD_ENV)
    if env:
        return env
    if prompt is not None:
        answer = prompt(fill(translate("SmtpPassword", "Password for %1 at %2:"), user, host))
        if answer:
            return answer
    raise SmtpPasswordError(
        fill(
            translate(
                "SmtpPassword",
                "No SMTP password for %1: save it in the system keyring (E-mail settings, or "
                "'contractdesk smtp set … --password-stdin'), set %2, or enter it when sending.",
            ),
            user,
            SMTP_PASSWORD_ENV,
        )
    )

"""Norwegian organisation numbers: validation (MOD11 via python-stdnum) and display formats."""

from __future__ import annotations

from contractdesk.errors import UserFacingError
from contractdesk.i18n import translate


class InvalidOrgNumber(UserFacingError, ValueError):
    """The text is not a valid Norwegian organisation number."""


def parse_org_number(text: str) -> str:
    """Return the 9-digit org number from user text (spaces, dots, ``NO``/``MVA`` accepted).

    Raises:
        InvalidOrgNumber: wrong length, bad MOD11 checksum, or a first digit other than 8 or 9.
    """
    raw = (text or "").strip().upper()
    if raw.startswith("NO"):
        raw = raw[2:]
    if raw.endswith("MVA"):
        raw = raw[:-3]
    digits = raw.replace(" ", "").replace(".", "").replace("-", "").replace("\u00a0", "")
    if not digits.isdigit() or len(digits) != 9:
        raise InvalidOrgNumber(translate("OrgNumber", "An organisation number has 9 digits"))
    if digits[0] not in "89":
        raise InvalidOrgNumber(translate("OrgNumber", "An organisation number starts with 8 or 9"))
    try:
        _validate_mod11(digits)
    except _validation_error() as exc:
        raise InvalidOrgNumber(
            translate("OrgNumber", "The organisation number's check digit is wrong")
        ) from exc
    return digits


def is_valid_org_number(text: str) -> bool:
    try:
        parse_org_number(text)
    except InvalidOrgNumber:
        return False
    return True


def format_org_number(digits: str) -> str:
    """``971049669`` → ``971 049 669``."""
    return f"{digits[0:3]} {digits[3:6]} {digits[6:9]}"


def format_vat_number(digits: str) -> str:
    """``971049669`` → ``NO 971 049 669 MVA``."""
    return f"NO {format_org_number(digits)} MVA"


def _validate_mod11(digits: str) -> None:
    # python-stdnum is imported on first use: its package pulls in ssl/socket (~35 ms at start-up).
    from stdnum.no import orgnr

    orgnr.validate(digits)


def _validation_error() -> type[Exception]:
    from stdnum.exceptions import ValidationError

    return ValidationError

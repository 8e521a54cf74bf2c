"""Validation of contact data shared by use cases: names, e-mail, phone numbers."""

from __future__ import annotations

import unicodedata

from contractdesk.i18n import fill, translate
from contractdesk.services.errors import UserError


def clean_text(value: str | None, *, field: str, required: bool = False, max_len: int = 500) -> str:
    """Trim, NFC-normalise and refuse control characters (clear message naming the field)."""
    text = unicodedata.normalize("NFC", (value or "").strip())
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise UserError(
            fill(translate("Validation", "%1: control characters are not allowed"), field),
            field=field,
        )
    if required and not text:
        raise UserError(fill(translate("Validation", "%1 is required"), field), field=field)
    if len(text) > max_len:
        raise UserError(
            fill(translate("Validation", "%1 is longer than %2 characters"), field, max_len),
            field=field,
        )
    return text


def normalise_email(value: str, *, field: str | None = None) -> str:
    """Check e-mail syntax (no network look-up) and return the normalised address."""
    from email_validator import EmailNotValidError, validate_email

    field = field or translate("Validation", "E-mail")
    text = clean_text(value, field=field)
    if not text:
        return ""
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise UserError(f"{field}: {exc}", field=field) from None


def normalise_phone(value: str, *, field: str | None = None, region: str = "NO") -> str:
    """Parse a phone number (region NO by default) and return it in E.164."""
    import phonenumbers

    field = field or translate("Validation", "Phone")
    text = clean_text(value, field=field)
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise UserError(
            fill(translate("Validation", "%1: not a phone number"), field), field=field
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise UserError(
            fill(translate("Validation", "%1: not a valid phone number"), field), field=field
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """E.164 → national format for Norwegian numbers, international otherwise."""
    import phonenumbers

    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 47
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)

"""Validation of contact data: names, e-mail addresses and phone numbers."""

from __future__ import annotations

import pytest

from contractdesk.services.errors import UserError
from contractdesk.services.validation import (
    clean_text,
    display_phone,
    normalise_email,
    normalise_phone,
)


def test_clean_text_trims_and_composes() -> None:
    assert clean_text("  Blåbær  ", field="Name") == "Blåbær"
    assert clean_text("Bla\u030abær", field="Name") == "Blåbær"  # NFC: one å, as typed elsewhere
    assert clean_text(None, field="Name") == ""


@pytest.mark.parametrize("bad", ["a\x00b", "a\nb", "tab\there", "bell\x07", "del\x7f"])
def test_clean_text_refuses_control_characters(bad: str) -> None:
    with pytest.raises(UserError, match="Title: control characters") as err:
        clean_text(bad, field="Title")
    assert err.value.field == "Title"


def test_clean_text_required_and_length() -> None:
    with pytest.raises(UserError, match="Name is required"):
        clean_text("   ", field="Name", required=True)
    assert clean_text("x" * 10, field="Name", max_len=10) == "x" * 10
    with pytest.raises(UserError, match="longer than 10"):
        clean_text("x" * 11, field="Name", max_len=10)


def test_email_is_checked_and_normalised_without_network() -> None:
    assert normalise_email("Ola.Nordmann@Kunde.NO") == "Ola.Nordmann@kunde.no"
    assert normalise_email("  ") == ""
    for bad in ("ola", "ola@", "@kunde.no", "ola nordmann@kunde.no", "ola@kunde..no"):
        with pytest.raises(UserError, match="E-mail"):
            normalise_email(bad)
    with pytest.raises(UserError) as err:
        normalise_email("x@", field="Invoice e-mail")
    assert err.value.field == "Invoice e-mail"


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("919 15 980", "+4791915980"),
        ("+47 91915980", "+4791915980"),
        ("0047 22 33 44 55", "+4722334455"),
        ("+46 70 123 45 67", "+46701234567"),
        ("", ""),
    ],
)
def test_phone_numbers_are_stored_in_e164(typed: str, e164: str) -> None:
    assert normalise_phone(typed) == e164


@pytest.mark.parametrize("bad", ["123", "abc", "+47 1234", "9191598099999"])
def test_bad_phone_numbers_are_refused(bad: str) -> None:
    with pytest.raises(UserError, match="Phone"):
        normalise_phone(bad)


def test_phone_display_is_national_for_norway_international_otherwise() -> None:
    assert display_phone("+4791915980") == "91 91 59 80"
    assert display_phone("+46701234567") == "+46 70 123 45 67"
    assert display_phone("") == ""
    assert display_phone("not e164") == "not e164"

"""Org numbers: what a user may type, and what is refused before any registry request."""

from __future__ import annotations

import pytest

from contractdesk.domain.orgnr import (
    InvalidOrgNumber,
    format_org_number,
    format_vat_number,
    parse_org_number,
)


@pytest.mark.parametrize(
    "text", ["971049669", "971 049 669", "971.049.669", "NO 971 049 669 MVA", " 971049669 "]
)
def test_accepts_common_spellings(text: str) -> None:
    assert parse_org_number(text) == "971049669"


@pytest.mark.parametrize(
    "text", ["000000000", "971049668", "12345678", "9710496690", "abc", "", "171049669"]
)
def test_refuses_invalid(text: str) -> None:
    with pytest.raises(InvalidOrgNumber):
        parse_org_number(text)


def test_display_forms() -> None:
    assert format_org_number("971049669") == "971 049 669"
    assert format_vat_number("971049669") == "NO 971 049 669 MVA"

"""Customer statuses, who may receive a new agreement, and sort/search keys for names (pure)."""

from __future__ import annotations

import unicodedata
from typing import Literal

CustomerStatus = Literal[
    "active",
    "deleted",
    "removed",
    "bankrupt",
    "liquidation",
    "forced_dissolution",
    "reconstruction",
    "closed",
    "unverified",
]
"""``active``: in the registry, nothing special; ``deleted``: slettet; ``removed``: gone from the
registry's open data (HTTP 410); ``bankrupt``: konkurs; ``liquidation``: under avvikling
(winding-up); ``forced_dissolution``: under tvangsavvikling or tvangsoppløsning;
``reconstruction``: in reconstruction negotiations; ``closed``: a closed sub-unit
(nedleggelsesdato); ``unverified``: registered by hand while the registry could not be
reached, not yet confirmed by a successful refresh."""

CUSTOMER_STATUSES: tuple[CustomerStatus, ...] = (
    "active",
    "deleted",
    "removed",
    "bankrupt",
    "liquidation",
    "forced_dissolution",
    "reconstruction",
    "closed",
    "unverified",
)

SORT_COLUMNS = ("name", "org_number", "municipality", "status", "main_contact", "agreement_state")
"""The customer list's columns, each also a sort order (GUI columns, ``customer list --sort``)."""

BLOCKED_STATUSES: frozenset[str] = frozenset(
    {"deleted", "removed", "bankrupt", "liquidation", "forced_dissolution", "closed"}
)
"""No new agreement is issued to these (DOMAIN.md; a bankrupt estate is bound by its trustee).
A company in reconstruction negotiations still trades: allowed, with a warning."""

# Norwegian (and Swedish/Danish) letters after z, in the alphabet's order: æ ø å.
_AFTER_Z = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})


def may_issue_agreement(status: str) -> bool:
    """True unless the customer is deleted, removed, bankrupt, winding up or dissolved.

    An ``unverified`` customer may receive one, but the caller should warn: verify it first.
    """
    return status not in BLOCKED_STATUSES


def sort_key(text: str) -> str:
    """A case- and accent-insensitive key that sorts names in Norwegian order (… z æ ø å).

    ``"Ærlig AS"`` → ``"{rlig as"``; ``"Éclair"`` → ``"eclair"``. The same function builds the
    stored keys and the prefix of a search, so both agree.
    """
    folded = unicodedata.normalize("NFC", text or "").casefold().translate(_AFTER_Z)
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string above every string starting with ``prefix`` (for index range scans)."""
    return prefix + "\U0010ffff"


def org_number_digits(text: str) -> str | None:
    """The digits of ``text`` when it looks like (part of) an org number: digits, spaces, dots.

    ``"971 049"`` → ``"971049"``; ``"Heimen"`` → None. Not a validation: any count of digits.
    """
    raw = (text or "").strip()
    if raw.upper().startswith("NO"):
        raw = raw[2:]
    if raw.upper().endswith("MVA"):
        raw = raw[:-3]
    digits = "".join(ch for ch in raw if ch not in " .-\u00a0")
    return digits if digits.isdigit() and len(digits) <= 9 else None

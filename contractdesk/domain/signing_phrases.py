"""The registry's standard signing-rule wordings mapped to the sets of role holders they name.

The signature service words its standard rules in fixed phrases ("Styrets leder alene",
"To styremedlemmer i fellesskap" …), alternatives joined by "eller". Where a rule reaches us
as such a phrase without the persons spelt out, the phrase says who suffices; anything not
fully understood maps to nothing and the user confirms by hand. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations

Sets = tuple[tuple[str, ...], ...]
Holders = Mapping[str, Sequence[str]]
"""Role code → names of the active holders, e.g. ``{"LEDE": ["Kari Nordmann"]}``."""

BOARD = ("LEDE", "NEST", "MEDL")


def _names(holders: Holders, *codes: str) -> list[str]:
    return list(dict.fromkeys(n for c in codes for n in holders.get(c, ())))


def _each(*codes: str) -> Callable[[Holders], Sets]:
    return lambda h: tuple((n,) for n in _names(h, *codes))


def _together(*codes: str) -> Callable[[Holders], Sets]:
    def sets(h: Holders) -> Sets:
        groups = [_names(h, c) for c in codes]
        if not all(groups):
            return ()
        return tuple(tuple(dict.fromkeys(g[0] for g in groups)) for _ in (0,))

    return sets


def _pairs_of_board(h: Holders) -> Sets:
    return tuple(combinations(_names(h, *BOARD), 2))


def _whole_board(h: Holders) -> Sets:
    board = tuple(_names(h, *BOARD))
    return (board,) if board else ()


def _one_with_board_member(code: str) -> Callable[[Holders], Sets]:
    def sets(h: Holders) -> Sets:
        return tuple(
            (lead, member)
            for lead in _names(h, code)
            for member in _names(h, *BOARD)
            if member != lead
        )

    return sets


PHRASES: dict[str, Callable[[Holders], Sets]] = {
    "styrets leder alene": _each("LEDE"),
    "daglig leder alene": _each("DAGL"),
    "innehaver alene": _each("INNH"),
    "hvert styremedlem alene": _each(*BOARD),
    "ett styremedlem alene": _each(*BOARD),
    "styremedlemmene hver for seg": _each(*BOARD),
    "styret i fellesskap": _whole_board,
    "styret samlet": _whole_board,
    "to styremedlemmer i fellesskap": _pairs_of_board,
    "styrets leder og ett styremedlem i fellesskap": _one_with_board_member("LEDE"),
    "daglig leder og ett styremedlem i fellesskap": _one_with_board_member("DAGL"),
    "styrets leder og daglig leder i fellesskap": _together("LEDE", "DAGL"),
    "daglig leder og styrets leder i fellesskap": _together("DAGL", "LEDE"),
}


def _clauses(text: str) -> list[str]:
    cleaned = " ".join(text.casefold().replace(",", " ").split()).rstrip(". ")
    return [c.strip() for c in re.split(r"\beller\b", cleaned) if c.strip()]


def signer_sets_for_phrase(text: str, holders: Holders) -> Sets:
    """The signer sets a standard rule wording names, or ``()`` when any part is not standard.

    ``"Styrets leder alene eller to styremedlemmer i fellesskap"`` with chair A and members B,
    C gives ``(("A",), ("A", "B"), ("A", "C"), ("B", "C"))``.
    """
    clauses = _clauses(text)
    if not clauses or any(c not in PHRASES for c in clauses):
        return ()
    found: list[tuple[str, ...]] = []
    for clause in clauses:
        for names in PHRASES[clause](holders):
            if names and names not in found:
                found.append(names)
    return tuple(found)

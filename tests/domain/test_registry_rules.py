"""Pure registry rules: standard signing-rule wordings → signer sets; what a refresh changed."""

from __future__ import annotations

from contractdesk.domain.registry_snapshot import FieldChange, summarise
from contractdesk.domain.signing_phrases import signer_sets_for_phrase

HOLDERS = {"LEDE": ["Ada"], "MEDL": ["Bo", "Cy"], "DAGL": ["Dag"], "VARA": ["Eva"]}


def test_two_board_members_jointly_are_every_pair_of_the_board() -> None:
    assert signer_sets_for_phrase("To styremedlemmer i fellesskap.", HOLDERS) == (
        ("Ada", "Bo"),
        ("Ada", "Cy"),
        ("Bo", "Cy"),
    )


def test_alternatives_joined_by_or() -> None:
    assert signer_sets_for_phrase(
        "Styrets leder alene eller daglig leder og ett styremedlem i fellesskap", HOLDERS
    ) == (("Ada",), ("Dag", "Ada"), ("Dag", "Bo"), ("Dag", "Cy"))


def test_wording_not_fully_standard_maps_to_nothing() -> None:
    assert signer_sets_for_phrase("Styrets leder alene eller to i fellesskap", HOLDERS) == ()
    assert signer_sets_for_phrase("", HOLDERS) == ()
    assert signer_sets_for_phrase("Styrets leder alene", {}) == ()


def test_summary_counts_customers_by_kind_of_change() -> None:
    changes = [
        [FieldChange("status", "active", "bankrupt"), FieldChange("name", "A", "B")],
        [FieldChange("business_address", {}, {"lines": []}), FieldChange("postal_address", 1, 2)],
        [FieldChange("signing_rule", None, {"text": "x"})],
        [FieldChange("status", "active", "bankrupt")],
    ]
    assert summarise(changes) == {"bankrupt": 2, "signing_rule": 1, "address": 1, "name": 1}

"""The people and terms use cases are small packages over repositories (issue #11)."""

from __future__ import annotations

from pathlib import Path

import pytest

import contractdesk.services.people as people
import contractdesk.services.terms as terms


@pytest.mark.parametrize("package", [people, terms], ids=["people", "terms"])
def test_small_modules_without_sqlalchemy(package: object) -> None:
    folder = Path(package.__file__).parent  # type: ignore[attr-defined]
    for path in folder.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 400, path.name
        assert "import sqlalchemy" not in text and "from sqlalchemy" not in text, path.name


def test_old_import_paths_still_work() -> None:
    from contractdesk.services.people import PeopleService, PersonInput, classify_query, search_keys
    from contractdesk.services.terms import (
        ConfirmationRequired,
        SubProcessorInput,
        TermsService,
        active_customer_ids,
        checklist_to_dict,
    )

    names = [PeopleService, PersonInput, classify_query, search_keys, ConfirmationRequired]
    names += [SubProcessorInput, TermsService, active_customer_ids, checklist_to_dict]
    assert all(names)

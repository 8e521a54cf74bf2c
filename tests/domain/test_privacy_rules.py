"""The pure privacy rules: periods with their sources, when a relationship ended, what falls due,
the 72-hour deadline, transfer bases, and the modern DPA annex against the Art. 28(3) checklist."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from contractdesk.domain.privacy.breach import (
    affected_by_subprocessors,
    countdown,
    datatilsynet_deadline,
)
from contractdesk.domain.privacy.plan import split_people
from contractdesk.domain.privacy.records import transfer_of
from contractdesk.domain.privacy.retention import (
    RuleKey,
    add_months,
    billing_due,
    default_settings,
    due_on,
    relationship_end,
    rules_from_settings,
)

TODAY = date(2027, 6, 15)


def test_rules_are_settings_with_their_sources() -> None:
    rules = {r.key: r for r in rules_from_settings(default_settings())}
    assert [rules[k].period for k in RuleKey] == [3, 5, 5, 2, 30]
    assert rules[RuleKey.CUSTOMER_DATA].setting == "retention_months_after_termination"
    assert "§12.1" in rules[RuleKey.CUSTOMER_DATA].source
    assert "§ 13" in rules[RuleKey.BILLING].source
    assert "seeds/001" in rules[RuleKey.PROSPECTS].source
    assert "seeds/004" in rules[RuleKey.NEWSLETTER_SIGNOFFS].source
    six = {r.key: r for r in rules_from_settings({"retention_months_after_termination": 6})}
    assert six[RuleKey.CUSTOMER_DATA].period == 6
    assert {r.key: r.period for r in rules_from_settings({"case_log_retention_years": "x"})}[
        RuleKey.CASE_LOGS
    ] == 5  # an invalid value falls back to the default


def test_due_dates() -> None:
    rules = {r.key: r for r in rules_from_settings(default_settings())}
    assert due_on(rules[RuleKey.CUSTOMER_DATA], date(2026, 11, 30)) == date(2027, 2, 28)
    assert due_on(rules[RuleKey.NEWSLETTER_SIGNOFFS], date(2027, 1, 1)) == date(2027, 1, 31)
    assert due_on(rules[RuleKey.PROSPECTS], date(2024, 2, 29)) == date(2026, 2, 28)
    # Bokføringsloven § 13: five years after the end of the fiscal year, gone the day after.
    assert billing_due(date(2026, 3, 1), 5) == date(2032, 1, 1)
    assert due_on(rules[RuleKey.BILLING], date(2026, 12, 31)) == date(2032, 1, 1)
    assert add_months(date(2027, 1, 31), -3) == date(2026, 10, 31)


def test_when_a_relationship_ended() -> None:
    ended = date(2027, 1, 10)
    assert (
        relationship_end(ended, [("active", None)], [], TODAY) == ended
    )  # recorded end (§14) wins
    assert relationship_end(None, [], [], TODAY) is None  # never a customer
    assert relationship_end(None, [("draft", None)], [], TODAY) is None
    assert relationship_end(None, [("active", None)], [], TODAY) is None
    agreements = [("terminated", date(2026, 5, 1)), ("terminated", date(2027, 2, 1))]
    assert relationship_end(None, agreements, [], TODAY) == date(2027, 2, 1)
    # A service that still runs keeps the relationship; one that ended later moves the end.
    assert relationship_end(None, agreements, [(None, None)], TODAY) is None
    assert relationship_end(
        None, agreements, [(date(2027, 3, 1), date(2027, 4, 30))], TODAY
    ) == date(2027, 4, 30)
    assert relationship_end(None, agreements, [(date(2027, 6, 1), date(2027, 9, 1))], TODAY) is None


def test_people_shared_with_a_live_customer_are_kept() -> None:
    roles = [(1, 10), (2, 10), (2, 20), (3, 30), (4, 10), (4, 30)]
    assert split_people(roles, {10, 30}) == {10: ((1, 4), (2,)), 30: ((3, 4), ())}


def test_the_72_hour_deadline() -> None:
    oslo = timezone(timedelta(hours=1))
    found = datetime(2027, 3, 1, 14, 30, tzinfo=oslo)
    assert datatilsynet_deadline(found) == datetime(2027, 3, 4, 13, 30, tzinfo=UTC)
    with pytest.raises(ValueError):
        datatilsynet_deadline(datetime(2027, 3, 1, 14, 30))
    left = countdown(datatilsynet_deadline(found), found + timedelta(hours=70, minutes=15))
    assert left.text() == "1 h 45 min left" and not left.overdue
    late = countdown(datatilsynet_deadline(found), found + timedelta(hours=73))
    assert late.overdue and late.text() == "overdue by 1 h 0 min"


def test_affected_customers_from_sub_processors() -> None:
    active = [1, 2, 3]
    assert affected_by_subprocessors(["PowerOffice"], {"PowerOffice": True}, {}, active) == {
        1,
        2,
        3,
    }
    sms = {"LinkMobility AS": [2]}
    assert affected_by_subprocessors(["LinkMobility AS"], {}, sms, active) == {2}
    assert (
        affected_by_subprocessors(["LinkMobility AS"], {}, {"LinkMobility AS": []}, active) == set()
    )


def test_transfer_basis() -> None:
    assert transfer_of(None, "", "") == (
        "Ikke oppgitt",
        "Ikke registrert - må avklares (GDPR kap. V)",
    )
    assert transfer_of("Oslo, Norge", "", "")[1].startswith("Innenfor EU/EØS")
    assert transfer_of(None, "USA", "")[1].startswith("Tredjeland")
    assert transfer_of(None, "USA", "SCC 2021/914") == ("USA", "SCC 2021/914")


def test_modern_dpa_covers_every_point_of_art_28_3_and_keeps_the_structure() -> None:
    from contractdesk.domain.privacy.dpa_draft import modern_dpa
    from contractdesk.domain.terms.dpa_checklist import CoverageStatus, check_dpa, find_dpa_annex
    from contractdesk.store.shipped_terms import load_shipped_versions

    old = load_shipped_versions()[0].document
    new = modern_dpa(old)
    old_annex, new_annex = find_dpa_annex(old), find_dpa_annex(new)
    assert old_annex is not None and new_annex is not None
    before, after = check_dpa(old_annex), check_dpa(new_annex)
    assert before.item("e").status is CoverageStatus.GAP and before.repealed_references
    assert [i.status for i in after.items] == [CoverageStatus.COVERED] * 8
    assert after.repealed_references == () and not after.needs_confirmation
    assert [s.number for s in new_annex.sections] == [s.number for s in old_annex.sections]
    assert new.sections == old.sections  # the terms themselves are untouched

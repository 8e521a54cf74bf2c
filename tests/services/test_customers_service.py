"""Customers against the real local registry replay server: register, show, refresh, bad answers, search."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from brreg_server import FIXTURES, ReplayServer
from sqlalchemy import delete, func, select, text

from contractdesk.registry import (
    Malformed,
    NotFound,
    NotJson,
    RateLimited,
    Redirected,
    RegistryError,
    RegistrySettings,
    Removed,
    ServerError,
    Timeout,
    TooLarge,
    UnexpectedResponse,
    Unreachable,
)
from contractdesk.services.customers import (
    CustomerExistsError,
    CustomerQuery,
    InvalidOrgNumberError,
    OfflineCustomer,
    search_ids,
)
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.store.models import AuditEntry, Customer

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

ENTITY = "/enhetsregisteret/api/enheter/"
HOSTILE_NAME = '<AS> & Søn "Ltd" <script>alert(1)</script> <font color=red>'


def fast(url: str, **overrides: Any) -> RegistrySettings:
    values: dict[str, Any] = {
        "base_url": url,
        "connect_timeout": 1.0,
        "total_timeout": 1.5,
        "max_retries": 2,
        "backoff_initial": 0.01,
        "backoff_max": 0.05,
        "max_retry_after": 1.0,
        "max_body_bytes": 1024 * 1024,
    }
    values.update(overrides)
    return RegistrySettings(**values)


@pytest.fixture
def customers(services: Any, brreg_replay: ReplayServer) -> Iterator[Any]:
    services.customers.configure_registry(fast(brreg_replay.url))
    yield services.customers


def audit_actions(services: Any, org_number: str) -> list[str]:
    with services.store.session() as s:
        return list(
            s.execute(
                select(AuditEntry.action)
                .where(AuditEntry.entity_type == "customer", AuditEntry.entity_id == org_number)
                .order_by(AuditEntry.id)
            ).scalars()
        )


def stored_row(services: Any, org_number: str) -> dict[str, Any]:
    """Every column of the stored customer, as the database holds it."""
    with services.store.session() as s:
        row = (
            s.execute(text("SELECT * FROM customer WHERE org_number = :o"), {"o": org_number})
            .mappings()
            .one()
        )
        return dict(row)


def customer_count(services: Any) -> int:
    with services.store.session() as s:
        return int(s.execute(select(func.count()).select_from(Customer)).scalar() or 0)


def fixture_json(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


# -- registering from the registry ------------------------------------------------------------------


def test_register_takes_everything_the_registry_knows(customers: Any, services: Any) -> None:
    view = customers.register("971 049 669")
    assert view.org_number == "971049669"
    assert view.display_org_number == "971 049 669"
    assert view.name == "WEBMASTER HEIMEN"
    assert (view.organisation_form, view.organisation_form_text) == ("ENK", "Enkeltpersonforetak")
    assert view.business_address.lines == ("Uranusvegen 5",)
    assert (view.business_address.postcode, view.business_address.city) == ("6419", "MOLDE")
    assert (view.business_address.municipality, view.business_address.municipality_number) == (
        "MOLDE",
        "1506",
    )
    assert (view.business_address.country_code, view.business_address.country) == ("NO", "Norge")
    assert view.vat_registered
    assert view.status == "active" and view.verified and view.may_issue_agreement
    assert [(r.role_code, r.name) for r in view.registry_roles] == [("INNH", "Frode Heimen")]
    assert view.signing_rule.signer_sets == (("Frode Heimen",),)
    assert (
        view.signing_rule.basis == "law" and view.needs_manual_confirmation
    )  # owner by law: confirm
    assert [s.name for s in view.signatories] == ["Frode Heimen"]
    assert customers.get("971049669") == view
    assert audit_actions(services, "971049669") == ["customer.registered"]


def test_registered_signing_rule_keeps_the_sets_not_just_names(customers: Any) -> None:
    view = customers.register("990005559")
    rule = view.signing_rule
    assert rule.registered and rule.basis == "registry" and not view.needs_manual_confirmation
    assert rule.text == "To styremedlemmer i fellesskap."
    assert ("Kari Fiktivsen", "Eva Prøvesen") in rule.signer_sets
    assert all(len(s) >= 2 for s in rule.signer_sets)  # nobody signs alone under this rule
    assert "Sivert Stedfortredersen" not in {n for s in rule.signer_sets for n in s}  # deputy
    assert view.procuration_rule is not None
    assert view.procuration_rule.signer_sets == (("Jon Modellsen",), ("Liv Attrapsen",))
    signers = {s.name: s for s in view.signatories}
    assert signers["Jon Modellsen"].may_sign_alone  # procuration each alone
    assert not signers["Kari Fiktivsen"].may_sign_alone


@pytest.mark.parametrize(
    ("org_number", "registered", "basis", "sets"),
    [
        ("990006660", True, "registry", (("Per Eksempelsen", "Anne Påfunnsen"),)),
        ("990007772", False, "law", None),  # ANS: each partner alone, by law
        ("990004447", False, "none", ()),  # association without roles: ask the user
    ],
)
def test_signing_rule_by_organisation(
    customers: Any, org_number: str, registered: bool, basis: str, sets: Any
) -> None:
    view = customers.register(org_number)
    assert view.signing_rule.registered is registered
    assert view.signing_rule.basis == basis
    assert view.needs_manual_confirmation is (not registered)
    if sets is not None:
        assert view.signing_rule.signer_sets == sets
    if org_number == "990007772":
        assert (
            all(len(s) == 1 for s in view.signing_rule.signer_sets)
            and len(view.signing_rule.signer_sets) == 2
        )
    if org_number == "990006660":
        assert view.signing_rule.text == "Per Eksempelsen og Anne Påfunnsen i fellesskap."


def test_deleted_company_is_visible_as_such_and_gets_no_agreement(customers: Any) -> None:
    view = customers.register("990001111")
    assert view.status == "deleted"
    assert view.status_date is not None and view.status_date.isoformat() == "2026-05-29"
    assert not view.may_issue_agreement
    assert not customers.may_issue_agreement("990001111")
    reason = customers.agreement_eligibility("990001111").reason
    assert "deleted" in reason
    assert [r.status for r in customers.list_customers()] == ["deleted"]


def test_bankrupt_company_is_visible_with_its_trustee(customers: Any) -> None:
    view = customers.register("990003335")
    assert view.status == "bankrupt" and view.status_date is not None
    assert not customers.may_issue_agreement("990003335")
    assert view.signing_rule.signer_sets == (("adv. Berit Bostyrersen",),)


def test_hostile_registry_text_is_stored_verbatim_and_gone_holders_skipped(
    customers: Any, services: Any
) -> None:
    view = customers.register("991000003")
    assert view.name == HOSTILE_NAME
    assert '<a href="http://evil.invalid">Gate 1</a> & 2' in view.business_address.lines
    assert "c/o Ŋŧđč Sámi" in view.business_address.lines
    assert view.postal_address.lines == ('Postboks 7 <img src="/etc/passwd">',)
    assert view.details["industry"] == "Programmeringstjenester & <b>rådgivning</b>"
    assert stored_row(services, "991000003")["name"] == HOSTILE_NAME
    roles = fixture_json("extra/991000003.roller.json")
    gone = {
        " ".join(
            x
            for x in (
                p["person"]["navn"].get("fornavn"),
                p["person"]["navn"].get("mellomnavn"),
                p["person"]["navn"].get("etternavn"),
            )
            if x
        )
        for g in roles["rollegrupper"]
        for p in g["roller"]
        if "person" in p
        and (p["person"].get("erDoed") or p.get("avregistrert") or p.get("fratraadt"))
    }
    assert gone  # the fixture has deceased and deregistered holders
    shown = {r.name for r in view.registry_roles} | {s.name for s in view.signatories}
    assert not gone & shown
    assert not gone & {n for s in view.signing_rule.signer_sets for n in s}
    assert gone & {
        n for s in view.signing_rule.lapsed_sets for n in s
    }  # the registry still lists them
    assert customers.list_customers(CustomerQuery('"Ltd" <script>'))[0].name == HOSTILE_NAME


def test_org_number_is_checked_before_any_request(
    customers: Any, brreg_replay: ReplayServer
) -> None:
    for bad in ("971049668", "000000000", "97104966", "12345678X", "", "123456789"):
        with pytest.raises(InvalidOrgNumberError):
            customers.register(bad)
        with pytest.raises(InvalidOrgNumberError):
            customers.fetch(bad)
        with pytest.raises(InvalidOrgNumberError):
            customers.register_offline(OfflineCustomer(bad, "Someone AS"))
    assert brreg_replay.requests == []


def test_one_org_number_one_customer(customers: Any, brreg_replay: ReplayServer) -> None:
    customers.register("971049669")
    brreg_replay.clear_requests()
    with pytest.raises(CustomerExistsError, match="already a customer"):
        customers.register("971.049.669")
    assert brreg_replay.requests == []  # refused before asking the registry
    with pytest.raises(CustomerExistsError):
        customers.register_offline(OfflineCustomer("971049669", "Heimen"))
    with pytest.raises(CustomerExistsError):
        customers.register_lookup(customers.fetch("971049669"))


def test_sub_unit_is_refused_with_its_main_entity_named(customers: Any, services: Any) -> None:
    with pytest.raises(UserError, match="926 511 890"):
        customers.register("990009996")
    assert customer_count(services) == 0


# -- bad answers: clear error, nothing stored or overwritten, manual entry possible -------------------

BAD_ANSWERS = [
    ("990008884", NotFound),
    ("991000011", NotJson),  # HTML maintenance page at 200
    ("991000038", NotJson),  # HTML labelled JSON
    ("991000186", NotJson),  # JSON labelled text/plain
    ("991000046", Malformed),  # truncated JSON
    ("991000054", Malformed),  # required fields missing
    ("991000232", Malformed),  # an array
    ("991000216", Malformed),  # empty body
    ("991000194", Malformed),  # about another org number
    ("991000062", TooLarge),
    ("991000070", TooLarge),
    ("991000089", Timeout),  # answers after 30 s
    ("991000097", Timeout),  # drips
    ("991000127", ServerError),  # 503 always
    ("991000135", RateLimited),  # 429 always
    ("991000143", RateLimited),  # Retry-After: 3600
    ("991000151", Redirected),  # off-host
    ("991000224", UnexpectedResponse),  # 403
]


@pytest.mark.parametrize(("org_number", "error"), BAD_ANSWERS, ids=[n for n, _ in BAD_ANSWERS])
def test_bad_answer_on_add_stores_nothing_and_offers_manual_entry(
    customers: Any, services: Any, org_number: str, error: type[RegistryError]
) -> None:
    with pytest.raises(error) as caught:
        customers.register(org_number)
    assert str(caught.value)  # a short message for the user
    assert caught.value.manual_entry_possible
    assert customer_count(services) == 0
    view = customers.register_offline(
        OfflineCustomer(org_number, "Typed By Hand AS")
    )  # still possible
    assert view.status == "unverified" and not view.verified


@pytest.mark.parametrize(("org_number", "error"), BAD_ANSWERS, ids=[n for n, _ in BAD_ANSWERS])
def test_bad_answer_on_refresh_leaves_the_customer_untouched(
    customers: Any, services: Any, org_number: str, error: type[RegistryError]
) -> None:
    customers.register_offline(OfflineCustomer(org_number, "Kept AS", ("Gate 1",), "0150", "OSLO"))
    before = stored_row(services, org_number)
    actions = audit_actions(services, org_number)
    with pytest.raises(error) as caught:
        customers.refresh(org_number)
    assert caught.value.manual_entry_possible
    assert stored_row(services, org_number) == before
    assert audit_actions(services, org_number) == actions


def test_registry_unreachable_says_manual_entry_is_possible(services: Any) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    services.customers.configure_registry(fast(f"http://127.0.0.1:{port}"))
    with pytest.raises(Unreachable) as caught:
        services.customers.register("971049669")
    assert "by hand" in str(caught.value) and caught.value.manual_entry_possible
    assert customer_count(services) == 0


def test_removed_company_cannot_be_added_from_the_registry(customers: Any, services: Any) -> None:
    with pytest.raises(Removed) as caught:
        customers.register("990002223")
    assert caught.value.manual_entry_possible
    assert customer_count(services) == 0


@pytest.mark.parametrize("org_number", ["990002223", "991000240"])  # 410 with and without a body
def test_410_on_refresh_marks_removed_and_keeps_the_data(
    customers: Any, services: Any, org_number: str
) -> None:
    customers.register_offline(OfflineCustomer(org_number, "Gone AS", ("Gate 1",), "0150", "OSLO"))
    before = stored_row(services, org_number)
    result = customers.refresh(org_number)
    assert result.status == "removed"
    assert [(c.field, c.old, c.new) for c in result.changes] == [
        ("status", "unverified", "removed")
    ]
    assert "removed" in result.message
    after = stored_row(services, org_number)
    assert after["status"] == "removed"
    assert {k: v for k, v in after.items() if k not in ("status", "updated_at", "version")} == {
        k: v for k, v in before.items() if k not in ("status", "updated_at", "version")
    }
    view = customers.get(org_number)
    assert not view.may_issue_agreement
    assert audit_actions(services, org_number) == ["customer.registered", "customer.refreshed"]


@pytest.mark.parametrize("org_number", ["991000100", "991000119", "991000178", "991000208"])
def test_transient_problems_are_retried_and_then_taken(customers: Any, org_number: str) -> None:
    view = customers.register(
        org_number
    )  # 429 then 200; 503, 502 then 200; same-host redirect; dropped
    assert view.name == "WEBMASTER HEIMEN" and view.org_number == org_number


# -- offline, refresh, diff ---------------------------------------------------------------------------


def test_offline_customer_is_not_verified_until_a_refresh_succeeds(
    customers: Any, services: Any
) -> None:
    view = customers.register_offline(
        OfflineCustomer("923 130 969", "Avara", ("Raveien 438",), "3239", "Sandefjord")
    )
    assert view.status == "unverified" and view.verified_at is None and not view.verified
    assert view.business_address.lines == ("Raveien 438",)
    assert customers.agreement_eligibility("923130969").warning  # allowed, with a warning
    assert customers.list_customers()[0].municipality == "Sandefjord"

    result = customers.refresh("923130969")
    fields = {c.field: c for c in result.changes}
    assert fields["name"].old == "Avara" and fields["name"].new == "AVARA AS"  # the registry wins
    assert fields["status"].old == "unverified" and fields["status"].new == "active"
    assert "registry_roles" in fields and "signing_rule" in fields
    view = customers.get("923130969")
    assert view.verified and view.status == "active" and view.name == "AVARA AS"
    assert view.business_address.municipality_number == "3907"
    with services.store.session() as s:
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.action == "customer.refreshed")
        ).scalar_one()
        payload = json.loads(entry.payload)
    assert {c["field"] for c in payload["changes"]} == set(fields)
    # Nothing changed since: a second refresh reports no changes and writes no audit entry.
    assert customers.refresh("923130969").changes == ()
    assert audit_actions(services, "923130969") == ["customer.registered", "customer.refreshed"]


def _without_eva(brreg_replay: ReplayServer) -> None:
    """The registry now says: Eva Prøvesen left the board; the company changed its name."""
    roles = fixture_json("990005559.roller.json")
    for group in roles["rollegrupper"]:
        group["roller"] = [
            r
            for r in group["roller"]
            if not ("person" in r and r["person"]["navn"].get("fornavn") == "Eva")
        ]
    rule = fixture_json("990005559.fullmakt-signatur.json")
    combos = rule["signeringsKombinasjon"]["kombinasjon"]
    rule["signeringsKombinasjon"]["kombinasjon"] = [
        k
        for k in combos
        if not any(p["navn"].startswith("Eva") for p in k["personRolleKombinasjon"])
    ]
    entity = fixture_json("990005559.enhet.json")
    entity["navn"] = "FIKTIV TEGNINGSRETT NY AS"
    vnd = "application/vnd.brreg.enhetsregisteret.{}+json;charset=UTF-8"
    brreg_replay.add_route(
        {
            "path": ENTITY + "990005559",
            "status": 200,
            "content_type": vnd.format("enhet.v2"),
            "text": json.dumps(entity),
        }
    )
    brreg_replay.add_route(
        {
            "path": ENTITY + "990005559/roller",
            "status": 200,
            "content_type": vnd.format("rolle.v1"),
            "text": json.dumps(roles),
        }
    )
    brreg_replay.add_route(
        {
            "path": "/fullmakt/enheter/990005559/signatur",
            "status": 200,
            "content_type": "application/json",
            "text": json.dumps(rule),
        }
    )


def test_refresh_shows_the_diff_takes_it_and_flags_a_signatory_who_left(
    customers: Any, services: Any, brreg_replay: ReplayServer
) -> None:
    customers.register("990005559")
    eva = next(h for h in services.people.registry_holders("990005559") if h.name == "Eva Prøvesen")
    person_id = services.people.add_from_registry("990005559", eva.index)
    _without_eva(brreg_replay)

    result = customers.refresh("990005559")
    fields = {c.field: c for c in result.changes}
    assert fields["name"].new == "FIKTIV TEGNINGSRETT NY AS"
    assert "Styremedlem: Eva Prøvesen" in fields["registry_roles"].old
    assert "Styremedlem: Eva Prøvesen" not in fields["registry_roles"].new
    assert "signing_rule" in fields
    assert [(d.name, d.person_id) for d in result.departed_signatories] == [
        ("Eva Prøvesen", person_id)
    ]

    view = customers.get("990005559")
    assert view.name == "FIKTIV TEGNINGSRETT NY AS"
    assert "Eva Prøvesen" not in {n for s in view.signing_rule.signer_sets for n in s}
    assert [d.name for d in view.departed_signatories] == ["Eva Prøvesen"]
    assert view.departed_signatories[0].noticed_on is not None
    with services.store.session() as s:
        payload = json.loads(
            s.execute(
                select(AuditEntry.payload).where(AuditEntry.action == "customer.refreshed")
            ).scalar_one()
        )
    assert payload["departed_signatories"] == ["Eva Prøvesen"]
    # Searching finds the new name, not the old one (the FTS index follows the row).
    assert [r.org_number for r in customers.list_customers(CustomerQuery("TEGNINGSRETT NY"))] == [
        "990005559"
    ]
    assert customers.count("RETT NY") == 1
    # Flagged once; a later refresh does not flag her again but keeps the note.
    again = customers.refresh("990005559")
    assert again.departed_signatories == ()
    assert [d.name for d in customers.get("990005559").departed_signatories] == ["Eva Prøvesen"]


def test_refresh_of_an_unknown_customer_asks_nothing(
    customers: Any, brreg_replay: ReplayServer
) -> None:
    with pytest.raises(NotFoundError):
        customers.refresh("971049669")
    assert brreg_replay.requests == []


def test_refresh_all_collects_errors_and_reports_progress(customers: Any, services: Any) -> None:
    customers.register("971049669")
    customers.register_offline(OfflineCustomer("923130969", "Avara"))
    customers.register_offline(OfflineCustomer("991000011", "Html AS"))  # the registry answers HTML
    bad_before = stored_row(services, "991000011")
    seen: list[tuple[int, int, str]] = []

    outcome = customers.refresh_all(progress=lambda d, t, n: seen.append((d, t, n)))
    assert outcome.total == 3 and not outcome.cancelled
    assert sorted(r.org_number for r in outcome.results) == ["923130969", "971049669"]
    assert [(f.org_number, f.error) for f in outcome.failures] == [("991000011", "NotJson")]
    assert outcome.failures[0].name == "Html AS" and outcome.failures[0].manual_entry_possible
    assert [r.org_number for r in outcome.changed] == ["923130969"]
    assert stored_row(services, "991000011") == bad_before
    assert [s[0] for s in seen] == [0, 1, 2, 3] and all(s[1] == 3 for s in seen)
    assert customers.get("923130969").status == "active"


def test_refresh_all_stops_when_cancelled(customers: Any) -> None:
    for number in ("971049669", "923130969", "926511890"):
        customers.register_offline(OfflineCustomer(number, f"Offline {number}"))
    cancel = threading.Event()

    def progress(done: int, total: int, number: str) -> None:
        if done == 1:
            cancel.set()

    outcome = customers.refresh_all(progress=progress, cancel=cancel)
    assert outcome.cancelled
    assert len(outcome.results) == 1
    statuses = sorted(r.status for r in customers.list_customers())
    assert statuses == ["active", "unverified", "unverified"]


# -- list and search ------------------------------------------------------------------------------------


@pytest.fixture
def listed(customers: Any, services: Any) -> Any:
    for number in ("971049669", "923130969", "926511890", "990005559", "990001111", "990003335"):
        customers.register(number)
    customers.register_offline(
        OfflineCustomer("928571432", "Ærlig Øl AS", (), "9008", "Tromsø", "TROMSØ")
    )
    person = services.people.add_from_registry(
        "926511890", next(h.index for h in services.people.registry_holders("926511890"))
    )
    services.people.set_main_contact("926511890", person)
    return customers


def names(rows: list[Any]) -> list[str]:
    return [r.name for r in rows]


def test_list_is_sorted_by_name_in_norwegian_order(listed: Any) -> None:
    rows = listed.list_customers()
    assert names(rows) == [
        "AVARA AS",
        "FIKTIV KONKURS BYGG AS",
        "FIKTIV SLETTET HANDEL AS",
        "FIKTIV TEGNINGSRETT AS",
        "INNFRAM AS",
        "WEBMASTER HEIMEN",
        "Ærlig Øl AS",
    ]
    assert names(listed.list_customers(CustomerQuery(descending=True))) == list(
        reversed(names(rows))
    )
    assert listed.count() == 7


@pytest.mark.parametrize(
    "column", ["org_number", "municipality", "status", "main_contact", "agreement_state"]
)
def test_list_sorts_by_every_column(listed: Any, column: str) -> None:
    rows = listed.list_customers(CustomerQuery(sort=column))
    assert len(rows) == 7
    if column == "org_number":
        assert [r.org_number for r in rows] == sorted(r.org_number for r in rows)
    elif column == "status":
        assert [r.status for r in rows] == sorted(r.status for r in rows)
    elif column == "municipality":
        assert (
            rows[0].municipality == "" and rows[-1].municipality == "TROMSØ"
        )  # deleted: none; Ø after Z
    elif column == "main_contact":
        assert rows[0].main_contact and not rows[-1].main_contact  # customers without one come last
    backwards = listed.list_customers(CustomerQuery(sort=column, descending=True))
    assert len(backwards) == 7 and {r.id for r in backwards} == {r.id for r in rows}


def test_list_pages_with_offset_and_limit(listed: Any) -> None:
    everything = listed.list_customers()
    pages = [listed.list_customers(offset=o, limit=3) for o in (0, 3, 6)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [r.id for p in pages for r in p] == [r.id for r in everything]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("a", ["AVARA AS", "Ærlig Øl AS"]),  # 1-2 characters: name prefix (æ folds to ae)
        ("fi", ["FIKTIV KONKURS BYGG AS", "FIKTIV SLETTET HANDEL AS", "FIKTIV TEGNINGSRETT AS"]),
        ("ha", ["INNFRAM AS"]),  # municipality prefix: HAMAR
        ("tegning", ["FIKTIV TEGNINGSRETT AS"]),  # 3+: substring anywhere (trigram)
        ("KTIV kon", ["FIKTIV KONKURS BYGG AS"]),  # every word must match, any case
        ("fiktiv s", ["FIKTIV SLETTET HANDEL AS"]),  # a short word beside a long one: a word start
        ("fiktiv %", []),  # LIKE wildcards are literal
        ("æRL", ["Ærlig Øl AS"]),
        ("ærlig øl", ["Ærlig Øl AS"]),
        ("aerlig ol", ["Ærlig Øl AS"]),  # typed without æ/ø: the same folding rule
        ("molde", ["WEBMASTER HEIMEN"]),  # municipality
        ("9900", ["FIKTIV KONKURS BYGG AS", "FIKTIV SLETTET HANDEL AS", "FIKTIV TEGNINGSRETT AS"]),
        ("971 049", ["WEBMASTER HEIMEN"]),  # org number, typed with spaces
        ("nobody-like-this", []),
        ('"', []),
        ("AND OR NOT * ( ) : ^", []),  # FTS5 syntax is quoted, never parsed
    ],
)
def test_search_by_name_org_number_and_municipality(
    listed: Any, search: str, expected: list[str]
) -> None:
    rows = listed.list_customers(CustomerQuery(search=search))
    assert names(rows) == expected
    assert listed.count(search) == len(expected)


def test_search_finds_a_customer_by_its_contact(listed: Any, services: Any) -> None:
    contact = listed.list_customers(CustomerQuery(search="INNFRAM"))[0].main_contact
    assert contact
    first, last = contact.split()[0], contact.split()[-1]
    for text_ in (first, last[:2], f"{first[:3]} {last[:3]}"):
        assert "INNFRAM AS" in names(listed.list_customers(CustomerQuery(search=text_))), text_


def test_search_uses_the_index_kind_the_text_calls_for() -> None:
    assert search_ids("") == ("", {})
    assert "org_number >=" in search_ids("971 04")[0]
    assert "MATCH" in search_ids("heimen")[0]
    short = search_ids("he")[0]
    assert "MATCH" not in short and "search_name >=" in short


def _valid_org_numbers(count: int) -> list[str]:
    found: list[str] = []
    base = 91_000_000
    while len(found) < count:
        digits = str(base)
        base += 1
        check = (
            11 - sum(int(d) * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        )
        if check != 10:
            found.append(digits + str(0 if check == 11 else check))
    return found


@pytest.mark.parametrize("sort", ["name", "org_number", "municipality", "status", "main_contact"])
@pytest.mark.parametrize("descending", [False, True])
def test_large_result_sets_page_in_the_same_order_as_small_ones(
    services: Any, sort: str, descending: bool
) -> None:
    """Above COLLECT_LIMIT matches the sort index is walked: same rows, same order, every page."""
    from sqlalchemy import insert

    from contractdesk.domain.customers import sort_key
    from contractdesk.domain.search_fold import search_fold
    from contractdesk.services.customers import COLLECT_LIMIT

    count = COLLECT_LIMIT + 300
    rows = []
    for i, number in enumerate(_valid_org_numbers(count)):
        name = f"Firma {(i * 7919) % count:04d} {'Nord' if i % 3 else 'Sør'} AS"
        muni = ("OSLO", "BODØ", "ÅLESUND", "MOLDE")[i % 4]
        rows.append(
            {
                "org_number": number,
                "name": name,
                "organisation_form": "AS",
                "organisation_form_text": "",
                "status": ("active", "bankrupt", "deleted")[i % 3],
                "vat_registered": False,
                "registry_roles": [],
                "sort_name": sort_key(name),
                "municipality": muni,
                "municipality_key": sort_key(muni),
                "search_name": search_fold(name),
                "search_municipality": search_fold(muni),
            }
        )
    with services.store.session() as s:
        s.execute(insert(Customer), rows)
    customers = services.customers
    for search, expected_count in (
        ("firma", count),
        ("nord", count - (count + 2) // 3),
        ("f", count),
    ):
        assert customers.count(search) == expected_count
        query = CustomerQuery(search=search, sort=sort, descending=descending)
        paged = [
            r
            for offset in range(0, expected_count, 250)
            for r in customers.list_customers(query, offset=offset, limit=250)
        ]
        assert len(paged) == expected_count and len({r.id for r in paged}) == expected_count
        everything = customers.list_customers(
            CustomerQuery(sort=sort, descending=descending), limit=5000
        )
        wanted = [r.id for r in everything if r.id in {p.id for p in paged}]
        assert [r.id for r in paged] == wanted  # a search keeps the list's order


@pytest.mark.sqlite_only  # the FTS5 index is SQLite's; PostgreSQL indexes the row itself
def test_deleting_a_customer_row_removes_it_from_the_search_index(
    listed: Any, services: Any
) -> None:
    with services.store.session() as s:
        s.execute(delete(Customer).where(Customer.org_number == "971049669"))
    assert listed.list_customers(CustomerQuery(search="webmaster")) == []
    with services.store.session() as s:
        hits = s.execute(
            text("SELECT count(*) FROM customer_search WHERE customer_search MATCH '\"webmaster\"'")
        )
        assert hits.scalar() == 0


def test_customer_show_document_has_every_key_the_cli_promises(listed: Any) -> None:
    doc = listed.get("990005559").as_dict()
    assert {
        "org_number",
        "name",
        "organisation_form",
        "business_address",
        "postal_address",
        "status",
        "registry_roles",
        "signing_rule",
        "verified_at",
    } <= set(doc)
    address_keys = {
        "lines",
        "postcode",
        "city",
        "municipality",
        "municipality_number",
        "country_code",
    }
    assert address_keys <= set(doc["business_address"]) and address_keys <= set(
        doc["postal_address"]
    )
    assert all({"role_code", "role", "name"} <= set(r) for r in doc["registry_roles"])
    assert {"text", "signer_sets"} <= set(doc["signing_rule"])
    assert all(
        isinstance(s, list) and all(isinstance(n, str) for n in s)
        for s in doc["signing_rule"]["signer_sets"]
    )
    assert doc["status"] in (
        "active",
        "deleted",
        "removed",
        "bankrupt",
        "liquidation",
        "unverified",
    )


def test_services_close_closes_the_registry_client(
    services: Any, brreg_replay: ReplayServer, tmp_path: Path
) -> None:
    services.customers.configure_registry(fast(brreg_replay.url))
    client = services.customers.registry
    services.customers.close()
    with pytest.raises(RuntimeError):
        client.lookup("971049669")


def test_demo_registers_the_shipped_companies_without_the_network(
    services: Any, brreg_replay: ReplayServer
) -> None:
    from contractdesk.registry.demo import demo_org_numbers
    from contractdesk.services.demo import populate_demo

    services.customers.configure_registry(fast(brreg_replay.url))
    populate_demo(services)
    assert brreg_replay.requests == []
    rows = services.customers.list_customers()
    assert sorted(r.org_number for r in rows) == sorted(demo_org_numbers())
    assert all(
        r.status == "active" and r.main_contact for r in rows
    )  # people from the registry roles
    heimen = services.customers.get("971049669")
    assert heimen.verified and heimen.name == "WEBMASTER HEIMEN"
    assert [
        r.org_number for r in services.customers.list_customers(CustomerQuery(search="frode"))
    ] == ["971049669"]

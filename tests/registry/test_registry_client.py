"""The registry client against the local replay server: every manifest case, as a user sees it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from brreg_server import FIXTURES, ReplayServer
from registry_testkit import fast_client

from contractdesk.registry import (
    DEFAULT_BASE_URL,
    BadRequest,
    NotFound,
    RegistryClient,
    RegistrySettings,
    Removed,
    ServerError,
)
from contractdesk.registry.client import MEDIA_ENTITY, MEDIA_JSON, MEDIA_ROLES, MEDIA_SUB_UNIT

ENTITY = "/enhetsregisteret/api/enheter/"


@pytest.fixture
def client(brreg_replay: ReplayServer) -> Iterator[RegistryClient]:
    with fast_client(brreg_replay.url) as registry:
        yield registry


# ------------------------------------------------------------------------------- entities


def test_sole_proprietorship_card_fields(client: RegistryClient) -> None:
    entity = client.get_entity("971 049 669")
    assert entity.org_number == "971049669"
    assert entity.name == "WEBMASTER HEIMEN"
    assert (entity.organisation_form.code, entity.organisation_form.description) == (
        "ENK",
        "Enkeltpersonforetak",
    )
    address = entity.business_address
    assert address is not None
    assert (address.lines, address.postcode, address.city) == (("Uranusvegen 5",), "6419", "MOLDE")
    assert (address.municipality, address.municipality_number) == ("MOLDE", "1506")
    assert (address.country_code, address.country) == ("NO", "Norge")
    assert entity.postal_address is None
    assert entity.vat_registered is True
    assert entity.status == "active" and entity.may_receive_new_agreement
    assert entity.registration_date == date(1995, 3, 6)
    assert entity.in_business_register is False


@pytest.mark.parametrize(
    ("number", "name", "city", "municipality_number"),
    [
        ("923130969", "AVARA AS", "SANDEFJORD", "3907"),
        ("926511890", "INNFRAM AS", "HAMAR", "3403"),
        ("928571432", "PROVISO AS", "OSLO", "0301"),
        ("990005559", "FIKTIV TEGNINGSRETT AS", "BERGEN", "4601"),
        ("990012008", "HEIMEN FIKTIV EIENDOM AS", "MOLDE", "1506"),
        ("990013004", "FIKTIV HEIMEN GRENDELAG", "MOLDE", "1506"),
    ],
)
def test_companies_are_read_with_their_addresses(
    client: RegistryClient, number: str, name: str, city: str, municipality_number: str
) -> None:
    entity = client.get_entity(number)
    assert (entity.name, entity.status) == (name, "active")
    assert entity.business_address is not None
    assert (entity.business_address.city, entity.business_address.municipality_number) == (
        city,
        municipality_number,
    )


def test_avara_contact_details_and_vat(client: RegistryClient) -> None:
    entity = client.get_entity("923130969")
    assert (entity.email, entity.phone, entity.vat_registered) == (
        "post@avara.no",
        "70 31 00 86",
        True,
    )
    assert entity.in_business_register is True


def test_deleted_entity_is_read_as_deleted_with_its_date(client: RegistryClient) -> None:
    entity = client.get_entity("990001111")
    assert entity.status == "deleted"
    assert entity.deletion_date == date(2026, 5, 29)
    assert entity.status_date == date(2026, 5, 29)
    assert entity.name == "FIKTIV SLETTET HANDEL AS"
    assert not entity.may_receive_new_agreement


def test_bankrupt_entity_shows_bankruptcy_date_and_former_name(client: RegistryClient) -> None:
    entity = client.get_entity("990003335")
    assert entity.status == "bankrupt"
    assert entity.bankruptcy_date == date(2026, 4, 15) == entity.status_date
    assert entity.former_names == ("FIKTIV BYGGMESTER AS",)
    assert not entity.may_receive_new_agreement


def test_removed_from_open_data_raises_removed_with_its_date(client: RegistryClient) -> None:
    with pytest.raises(Removed) as caught:
        client.get_entity("990002223")
    assert caught.value.org_number == "990002223"
    assert caught.value.deletion_date == date(2026, 5, 20)
    assert "removed" in str(caught.value)


def test_unknown_number_is_not_found_after_asking_both_registers(
    client: RegistryClient, brreg_replay: ReplayServer
) -> None:
    with pytest.raises(NotFound) as caught:
        client.get_entity("990008884")
    assert "No organisation" in str(caught.value)
    assert [r.path for r in brreg_replay.requests] == [
        ENTITY + "990008884",
        "/enhetsregisteret/api/underenheter/990008884",
    ]


def test_sub_unit_number_falls_back_to_the_sub_unit_register(client: RegistryClient) -> None:
    entity = client.get_entity("990009996")
    assert entity.is_sub_unit and entity.parent_org_number == "926511890"
    assert entity.organisation_form.code == "BEDR"
    assert entity.business_address is not None and entity.business_address.lines == (
        "Kirkebakken 3",
    )


def test_without_fallback_a_sub_unit_number_is_not_found(client: RegistryClient) -> None:
    with pytest.raises(NotFound):
        client.get_entity("990009996", sub_unit_fallback=False)


def test_sub_units_of_an_entity(client: RegistryClient) -> None:
    page = client.get_sub_units("926511890")
    assert [u.org_number for u in page.items] == ["990009996"]
    assert page.items[0].is_sub_unit
    assert client.get_sub_unit("990009996").name == "INNFRAM AS"


def test_several_entities_by_number(client: RegistryClient) -> None:
    found = client.get_entities(["923130969", "926 511 890"])
    assert [e.name for e in found] == ["AVARA AS", "INNFRAM AS"]


# ------------------------------------------------------------------------------- search


def test_name_search_pages_through_all_hits(client: RegistryClient) -> None:
    first = client.search("heimen", page=0, size=2)
    assert (first.page, first.total_pages, first.total, first.size) == (0, 2, 3, 2)
    assert [e.org_number for e in first.items] == ["971049669", "990012008"]
    assert first.has_next
    second = client.search("heimen", page=1, size=2)
    assert [e.name for e in second.items] == ["FIKTIV HEIMEN GRENDELAG"]
    assert not second.has_next
    assert [e.org_number for e in client.iter_search("heimen", size=2)] == [
        "971049669",
        "990012008",
        "990013004",
    ]


def test_name_search_with_default_page_size(client: RegistryClient) -> None:
    page = client.search("  heimen ")
    assert page.total == 3 and len(page.items) == 3 and not page.has_next


def test_name_search_without_hits_is_an_empty_page(client: RegistryClient) -> None:
    page = client.search("finnesikke")
    assert (page.items, page.total, page.total_pages) == ((), 0, 0)


def test_search_paged_too_deep_is_a_bad_request_with_the_registry_message(
    client: RegistryClient,
) -> None:
    with pytest.raises(BadRequest) as caught:
        client.search("as", page=500, size=20)
    assert "10000" in caught.value.detail
    assert caught.value.status == 400


@pytest.mark.parametrize("text", ["", "   ", "x" * 181])
def test_empty_or_overlong_search_text_is_refused_without_a_request(
    client: RegistryClient, brreg_replay: ReplayServer, text: str
) -> None:
    with pytest.raises(ValueError):
        client.search(text)
    assert brreg_replay.requests == []


# ------------------------------------------------------------------------------- roles, rules


def test_roles_of_a_company(client: RegistryClient) -> None:
    roles = client.get_roles("926511890")
    assert [(r.role_code, r.name) for r in roles if r.holder_kind == "person"] == [
        ("DAGL", "Elin Eksempelsen"),
        ("LEDE", "Petter Prøvesen"),
        ("MEDL", "Elin Eksempelsen"),
        ("VARA", "Dina Dummysen"),
    ]
    auditor = next(r for r in roles if r.role_code == "REVI")
    assert (auditor.holder_kind, auditor.name, auditor.entity_org_number) == (
        "entity",
        "FIKTIV REVISJON AS",
        "990010005",
    )


def test_association_without_roles(client: RegistryClient) -> None:
    assert client.get_roles("990004447") == ()


def test_roles_of_a_deleted_entity_are_none(client: RegistryClient) -> None:
    assert client.get_roles("990001111") == ()


def test_roles_server_error_persists_through_retries(
    client: RegistryClient, brreg_replay: ReplayServer
) -> None:
    with pytest.raises(ServerError) as caught:
        client.get_roles("999999999")
    assert caught.value.status == 500
    assert brreg_replay.request_count(ENTITY + "999999999/roller") == 3  # 1 + max_retries


def test_bankruptcy_trustee_is_read(client: RegistryClient) -> None:
    trustee = next(r for r in client.get_roles("990003335") if r.role_code == "BOBE")
    assert (trustee.holder_kind, trustee.name, trustee.active) == (
        "trustee",
        "adv. Berit Bostyrersen",
        True,
    )


def test_signature_rule_two_board_members_jointly(client: RegistryClient) -> None:
    rule = client.get_signing_rule("990005559")
    assert rule is not None
    assert (rule.kind, rule.registered, rule.basis, rule.rule_status) == (
        "signature",
        True,
        "registry",
        "RF",
    )
    assert rule.text == "To styremedlemmer i fellesskap."
    assert {frozenset(s) for s in rule.signer_sets} == {
        frozenset({"Kari Fiktivsen", "Ola Oppdiktet Testesen", "Eva Prøvesen"}),
        frozenset({"Kari Fiktivsen", "Ola Oppdiktet Testesen"}),
        frozenset({"Kari Fiktivsen", "Eva Prøvesen"}),
        frozenset({"Ola Oppdiktet Testesen", "Eva Prøvesen"}),
    }
    assert all("Sivert Stedfortredersen" not in s for s in rule.signer_sets)  # deputy excluded


def test_procuration_each_alone(client: RegistryClient) -> None:
    rule = client.get_signing_rule("990005559", "procuration")
    assert rule is not None and rule.kind == "procuration" and rule.registered
    assert rule.signer_sets == (("Jon Modellsen",), ("Liv Attrapsen",))
    assert {p.birth_date for p in rule.persons} == {date(1977, 7, 7), date(1985, 2, 14)}


def test_named_persons_jointly_with_free_text_rule(client: RegistryClient) -> None:
    signature, *rest = client.get_signing_rules("990006660")
    assert rest == []  # no procuration granted (SI)
    assert signature.registered and signature.rule_status == "RI"
    assert signature.text == "Per Eksempelsen og Anne Påfunnsen i fellesskap."
    assert signature.signer_sets == (("Per Eksempelsen", "Anne Påfunnsen"),)


def test_signing_rule_unknown_to_the_service_is_unregistered(client: RegistryClient) -> None:
    rule = client.get_signing_rule("923130969")
    assert rule is not None and not rule.registered and rule.needs_manual_confirmation
    assert rule.signer_sets == ()
    assert client.get_signing_rule("923130969", "procuration") is None


# ------------------------------------------------------------------------------- lookup


def test_lookup_of_a_registered_joint_rule(
    client: RegistryClient, brreg_replay: ReplayServer
) -> None:
    found = client.lookup("990005559")
    assert found.entity.name == "FIKTIV TEGNINGSRETT AS"
    assert not found.needs_manual_confirmation
    assert (
        found.signature_rule is not None
        and found.signature_rule.text == "To styremedlemmer i fellesskap."
    )
    assert found.procuration_rule is not None
    assert [s.name for s in found.signatories] == [
        "Jon Modellsen",
        "Kari Fiktivsen",
        "Ola Oppdiktet Testesen",
        "Eva Prøvesen",
        "Liv Attrapsen",
    ]
    assert found.retrieved_at is not None
    assert [r.path for r in brreg_replay.requests] == [
        ENTITY + "990005559",
        ENTITY + "990005559/roller",
        "/fullmakt/enheter/990005559/signatur",
        "/fullmakt/enheter/990005559/prokura",
    ]


def test_lookup_of_a_sole_proprietorship_skips_the_signature_service(
    client: RegistryClient, brreg_replay: ReplayServer
) -> None:
    found = client.lookup("971049669")
    rule = found.signature_rule
    assert rule is not None
    assert (rule.basis, rule.registered, rule.signer_sets) == ("law", False, (("Frode Heimen",),))
    assert [(s.name, s.may_sign_alone) for s in found.signatories] == [("Frode Heimen", True)]
    assert brreg_replay.request_count("/fullmakt") == 0


def test_lookup_of_an_association_asks_the_user_to_confirm(client: RegistryClient) -> None:
    found = client.lookup("990004447")
    assert found.needs_manual_confirmation
    assert found.signature_rule is not None and found.signature_rule.basis == "none"
    assert found.signatories == ()


def test_lookup_of_a_deleted_entity_fetches_nothing_more(
    client: RegistryClient, brreg_replay: ReplayServer
) -> None:
    found = client.lookup("990001111")
    assert found.entity.status == "deleted" and found.roles == () and found.signing_rules == ()
    assert brreg_replay.request_count() == 1


# ------------------------------------------------------------------------------- update feeds


def test_entity_update_feed(client: RegistryClient) -> None:
    page = client.get_entity_updates(since=datetime(2026, 4, 1), include_changes=True)
    kinds = [(u.org_number, u.change_type) for u in page.items]
    assert kinds == [
        ("990003335", "changed"),
        ("990002223", "removed"),
        ("990001111", "deleted"),
        ("990012008", "new"),
        ("923130969", "changed"),
    ]
    bankrupt = page.items[0]
    assert [(c.op, c.path, c.value) for c in bankrupt.changes] == [
        ("replace", "/konkurs", True),
        ("add", "/konkursdato", "2026-04-15"),
    ]
    assert page.next_update_id == 24671543
    assert client.get_entity_updates(from_update_id=page.next_update_id).items == ()


def test_role_update_feed_until_caught_up(client: RegistryClient) -> None:
    batch = client.get_role_updates(after_id=0)
    assert [u.org_number for u in batch.items] == ["990003335", "926511890", "990012008"]
    assert batch.caught_up and batch.last_id == 8820011
    assert client.get_role_updates(after_id=8820011).items == ()


# ------------------------------------------------------------------------------- protocol


def test_each_endpoint_is_asked_with_its_versioned_media_type(
    client: RegistryClient, brreg_replay: ReplayServer
) -> None:
    client.lookup("990005559")
    client.get_entity("990009996")
    accept = {r.path: r.accept for r in brreg_replay.requests}
    assert accept[ENTITY + "990005559"] == MEDIA_ENTITY
    assert accept[ENTITY + "990005559/roller"] == MEDIA_ROLES
    assert accept["/fullmakt/enheter/990005559/signatur"] == MEDIA_JSON
    assert accept["/enhetsregisteret/api/underenheter/990009996"] == MEDIA_SUB_UNIT
    assert MEDIA_ENTITY == "application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8"
    assert all(r.headers["user-agent"].startswith("ContractDesk/") for r in brreg_replay.requests)


def test_settings_default_to_the_live_registry_with_bounded_timeouts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CONTRACTDESK_REGISTRY_URL", raising=False)
    settings = RegistrySettings.from_env()
    assert settings.base_url == DEFAULT_BASE_URL == "https://data.brreg.no"
    assert settings.connect_timeout <= 5 and settings.total_timeout <= 10
    with pytest.raises(ValueError):
        RegistrySettings(connect_timeout=6)
    with pytest.raises(ValueError):
        RegistrySettings(total_timeout=11)
    with pytest.raises(ValueError):
        RegistrySettings(base_url="ftp://data.brreg.no")


def test_environment_override_replaces_scheme_and_host_only(brreg_server: str) -> None:
    settings = RegistrySettings.from_env()
    assert settings.base_url == brreg_server
    with RegistryClient() as registry:  # settings from the environment
        assert registry.get_entity("971049669").name == "WEBMASTER HEIMEN"
    assert (
        RegistrySettings.from_env({"CONTRACTDESK_REGISTRY_URL": "http://127.0.0.1:9/"}).base_url
        == "http://127.0.0.1:9"
    )


def test_hostile_text_is_kept_verbatim(client: RegistryClient) -> None:
    raw = json.loads((FIXTURES / "extra" / "991000003.enhet.json").read_text(encoding="utf-8"))
    found = client.lookup("991000003")
    entity = found.entity
    assert (
        entity.name == raw["navn"] == '<AS> & Søn "Ltd" <script>alert(1)</script> <font color=red>'
    )
    assert entity.business_address is not None
    assert entity.business_address.lines == (
        '<a href="http://evil.invalid">Gate 1</a> & 2',
        "c/o Ŋŧđč Sámi",
    )
    assert entity.postal_address is not None
    assert entity.postal_address.lines == ('Postboks 7 <img src="/etc/passwd">',)
    assert entity.website == "www.example.invalid/?a=1&b=<2>"
    assert entity.industry == "Programmeringstjenester & <b>rådgivning</b>"
    assert found.signature_rule is not None
    assert found.signature_rule.text.endswith("<b>&amp;</b>")
    chair = next(r for r in found.roles if r.role_code == "LEDE")
    assert chair.name == "Kari <i> O'Brien & <Sønn>"


def test_the_client_reaches_every_manifest_route(
    client: RegistryClient, brreg_replay: ReplayServer
) -> None:
    """Guard for "every case in the manifest": the client's operations hit each replayable route.

    Not reachable through the client, on purpose: the bulk files (not used by ContractDesk)
    and ``97104966X`` (refused locally; see test_registry_faults.py).
    """
    numbers = [
        "971049669",
        "923130969",
        "926511890",
        "928571432",
        "990003335",
        "990004447",
        "990005559",
        "990006660",
        "990007772",
        "990012008",
        "990013004",
        "990009996",
    ]
    for number in numbers:
        client.lookup(number)
    client.lookup("990001111")
    assert client.get_roles("990001111") == client.get_roles("990008884") == ()
    with pytest.raises(Removed):
        client.lookup("990002223")
    with pytest.raises(NotFound):
        client.lookup("990008884")
    with pytest.raises(ServerError):
        client.get_roles("999999999")
    with pytest.raises(BadRequest):
        client.search("as", page=500, size=20)
    client.get_sub_units("926511890")
    client.get_entities(["923130969", "926511890"])
    client.search("heimen"), client.search("finnesikke"), list(client.iter_search("heimen", size=2))
    updates = client.get_entity_updates(since=datetime(2026, 4, 1), include_changes=True)
    client.get_entity_updates(from_update_id=updates.next_update_id)
    client.get_role_updates(after_id=0), client.get_role_updates(after_id=8820011)

    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    hit = {(r.path, tuple(sorted(r.query.items()))) for r in brreg_replay.requests}
    missed = [
        route["path"]
        for route in manifest["routes"]
        if (route["path"], tuple(sorted(route["query"].items()))) not in hit
    ]
    assert missed == [
        ENTITY + "97104966X",
        ENTITY + "lastned",
        "/enhetsregisteret/api/roller/totalbestand",
    ]

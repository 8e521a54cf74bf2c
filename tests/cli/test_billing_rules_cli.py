"""Issue 14 through the CLI, each test named by the § of the 2021 terms it comes from, with exact
øre figures: §14 ends billing, §13.1 notice deadline, §13 one price cap, §12.3 whole months,
§5.1 trial termination, §5.1 usage after the end, §4.1 ordering without an accepted agreement."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

ORG = "971049669"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def data_dir(passphrase_store) -> Path:  # type: ignore[no-untyped-def]
    def seed(services) -> None:  # type: ignore[no-untyped-def]
        from contractdesk.store.models import Customer

        with services.store.session() as s:
            s.add(Customer(org_number=ORG, name="Testesen AS", status="active"))

    return passphrase_store(seed)


@pytest.fixture
def run(data_dir: Path, cli):  # type: ignore[no-untyped-def]
    return lambda *args: cli(data_dir, *args)


def _licence(run, *extra: str) -> int:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "service", "add", ORG, "--kind", "licence", "--name", "CRM", *extra, "--json"
    )
    assert code == 0, err
    return int(json.loads(out)["id"])


def _plan(run, date_from: str, date_to: str) -> list[tuple[str, str, str, str, str]]:  # type: ignore[no-untyped-def]
    code, out, err = run("invoices", "plan", ORG, "--from", date_from, "--to", date_to, "--json")
    assert code == 0, err
    return [(i["kind"], i["invoice_date"], i["net"], i["vat"], i["total"]) for i in json.loads(out)]


def _end_relationship(run, day: date) -> None:  # type: ignore[no-untyped-def]
    """What ``acceptance confirm-termination`` records (§14): the relationship's end."""
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.store.models import Customer
    from contractdesk.store.profile import unlock_profile

    paths = StorePaths(Path(json.loads(run("info", "--json")[1])["data_dir"]))
    services = Services(unlock_profile(paths, passphrase=PASSPHRASE), paths)
    try:
        with services.store.session() as s:
            customer = s.query(Customer).filter_by(org_number=ORG).one()
            customer.relationship_ended_on = day
    finally:
        services.close()


def test_section_14_relationship_end_stops_invoicing_and_refuses_new_services(run) -> None:  # type: ignore[no-untyped-def]
    _licence(run, "--annual-price", "12000", "--period", "half-yearly", "--start", "2027-01-01")
    _end_relationship(run, date(2027, 3, 15))
    # Paid until 31 March; April-June credited by whole months (3 x 1,000); nothing after.
    assert _plan(run, "2027-01-01", "2028-12-31") == [
        ("invoice", "2027-01-01", "6012.00", "1503.00", "7515.00"),
        ("credit", "2027-03-15", "-3000.00", "-750.00", "-3750.00"),
    ]
    code, _, err = run(
        "service", "add", ORG, "--kind", "one-off", "--name", "Oppsett",
        "--amount", "2500", "--date", "2027-05-01",
    )  # fmt: skip
    assert code == 1 and "ended on 2027-03-15 (§14)" in err


def test_section_13_1_adjustment_is_announced_by_1_october_of_the_year_before(run) -> None:  # type: ignore[no-untyped-def]
    sid = _licence(run, "--annual-price", "12000", "--start", "2027-01-01")
    code, out, err = run(
        "service", "adjust-price", str(sid), "--effective", "2028-10-02",
        "--announced", "2028-10-01", "--price", "12360", "--json",
    )  # fmt: skip
    assert code == 0, err
    [warning] = json.loads(out)["warnings"]
    assert warning["code"] == "announced_too_late" and "by 2027-10-01" in warning["message"]
    code, out, _ = run(
        "service", "adjust-price", str(sid), "--effective", "2029-06-01",
        "--announced", "2028-10-01", "--price", "12700", "--json",
    )  # fmt: skip
    assert json.loads(out)["warnings"] == []


def test_section_13_one_price_cap_for_annual_and_monthly_prices(run) -> None:  # type: ignore[no-untyped-def]
    for flag, price in (("--annual-price", "1000000000"), ("--monthly-price", "999999999.99")):
        code, _, err = run(
            "service", "add", ORG, "--kind", "licence", "--name", "CRM", flag, price,
            "--start", "2027-01-01",
        )  # fmt: skip
        assert code == 1 and "too large" in err
    # 83,333,333.34 a month is 1,000,000,000.08 a year: over the cap; .33 is 999,999,999.96.
    code, _, err = run(
        "service", "add", ORG, "--kind", "licence", "--name", "CRM",
        "--monthly-price", "83333333.34", "--start", "2027-01-01",
    )  # fmt: skip
    assert code == 1 and "too large" in err
    sid = _licence(run, "--monthly-price", "83333333.33", "--start", "2027-01-01")
    code, out, _ = run("service", "show", str(sid), "--json")
    assert json.loads(out)["annual_price"] == "999999999.96"


def test_section_12_3_refund_is_whole_months_after_the_paid_month(run) -> None:  # type: ignore[no-untyped-def]
    # The product owner's example: half-yearly 12,000/yr, terminated 2027-04-10 after the
    # binding: paid until 30 April, credit 2 x 1,000 = 2,000 + 500 VAT.
    sid = _licence(
        run, "--annual-price", "12000", "--period", "half-yearly", "--start", "2026-01-01"
    )
    _, out, _ = run("service", "terminate", str(sid), "--received", "2027-04-10", "--json")
    assert json.loads(out)["paid_until"] == "2027-04-30"
    assert _plan(run, "2027-01-01", "2027-12-31") == [
        ("invoice", "2027-01-02", "6012.00", "1503.00", "7515.00"),
        ("credit", "2027-04-10", "-2000.00", "-500.00", "-2500.00"),
    ]


def test_section_12_3_first_period_from_the_1st_is_whole_months(run) -> None:  # type: ignore[no-untyped-def]
    _licence(run, "--annual-price", "10000", "--period", "yearly", "--start", "2027-07-01")
    assert _plan(run, "2027-01-01", "2027-12-31") == [
        ("invoice", "2027-07-01", "5012.00", "1253.00", "6265.00"),  # 6 x 10,000 / 12 + fee 12
    ]


def test_section_5_1_trial_termination_is_free_only_inside_the_trial(run) -> None:  # type: ignore[no-untyped-def]
    free = _licence(run, "--annual-price", "12000", "--start", "2027-03-01", "--trial-days", "30")
    _, out, _ = run(
        "service", "terminate", str(free), "--received", "2027-03-15",
        "--requested-end", "2027-03-20", "--json",
    )  # fmt: skip
    assert json.loads(out)["billed"] is False
    bound = _licence(run, "--annual-price", "12000", "--start", "2027-03-01", "--trial-days", "30")
    _, out, _ = run(
        "service", "terminate", str(bound), "--received", "2027-03-15",
        "--requested-end", "2027-05-10", "--json",
    )  # fmt: skip
    outcome = json.loads(out)
    assert (outcome["billed"], outcome["binding_end"], outcome["paid_until"]) == (
        True,
        "2028-03-30",
        "2028-03-31",
    )
    assert _plan(run, "2027-01-01", "2028-12-31") == [
        ("invoice", "2027-03-31", "3061.72", "765.43", "3827.15"),  # 6,000 x 92/181 + 12
        ("invoice", "2027-07-02", "6012.00", "1503.00", "7515.00"),
        ("invoice", "2028-01-02", "3012.00", "753.00", "3765.00"),  # Jan-Mar, whole months
    ]


def test_section_5_1_usage_after_the_service_end_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        "service", "add", ORG, "--kind", "usage", "--name", "SMS", "--unit-price", "0.59", "--json"
    )
    sid = json.loads(out)["id"]
    run("service", "terminate", str(sid), "--received", "2027-05-10")
    code, out, err = run("usage", "record", str(sid), "--month", "2027-05", "--quantity", "1000")
    assert code == 0, err and "590.00" in out
    code, _, err = run("usage", "record", str(sid), "--month", "2027-06", "--quantity", "1000")
    assert code == 1 and "ended on 2027-05-10" in err


def test_section_4_1_ordering_without_an_accepted_agreement_is_warned(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "service", "add", ORG, "--kind", "one-off", "--name", "Oppsett",
        "--amount", "2500", "--date", "2027-05-01", "--json",
    )  # fmt: skip
    assert code == 0 and list(json.loads(out)) == ["id"]
    assert "warning: Testesen AS has not accepted the terms" in err


def _fees(run, date_from: str, date_to: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    code, out, err = run("invoices", "plan", ORG, "--from", date_from, "--to", date_to, "--json")
    assert code == 0, err
    return [(i["invoice_date"], i["fee"]) for i in json.loads(out)]


def test_section_10_1_delivery_change_applies_from_its_date_and_keeps_past_fees(run) -> None:  # type: ignore[no-untyped-def]
    _licence(run, "--annual-price", "12000", "--period", "quarterly", "--start", "2027-01-01")
    run("customer", "set", ORG, "--delivery", "paper", "--effective", "2027-01-01")
    code, _out, err = run("customer", "set", ORG, "--delivery", "ehf", "--effective", "2027-07-01")
    assert code == 0, err
    # Paper (45) on the invoices dated before 1 July stays; EHF (0) from then on.
    assert _fees(run, "2027-01-01", "2027-12-31") == [
        ("2027-01-01", "45.00"),
        ("2027-04-03", "45.00"),
        ("2027-07-03", "0.00"),
        ("2027-10-03", "0.00"),
    ]


def test_section_10_period_change_keeps_sent_invoices_and_bridges_the_rest(run) -> None:  # type: ignore[no-untyped-def]
    sid = _licence(
        run, "--annual-price", "12000", "--period", "half-yearly", "--start", "2027-01-01"
    )
    code, out, err = run(
        "service", "edit", str(sid), "--period", "monthly", "--effective", "2027-03-01", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["period"] == "monthly"
    code, out, _ = run(
        "invoices", "plan", ORG, "--from", "2027-01-01", "--to", "2027-09-30", "--json"
    )
    lines = [
        (i["invoice_date"], ln["period_start"], ln["period_end"], ln["amount"])
        for i in json.loads(out)
        for ln in i["lines"]
    ]
    # The half-year invoiced on 1 January stays; monthly invoicing takes over in July.
    assert lines == [
        ("2027-01-01", "2027-01-01", "2027-06-30", "6000.00"),
        ("2027-07-05", "2027-07-01", "2027-07-31", "1000.00"),
        ("2027-08-05", "2027-08-01", "2027-08-31", "1000.00"),
        ("2027-09-05", "2027-09-01", "2027-09-30", "1000.00"),
    ]


def test_section_13_price_edit_applies_from_its_date_without_rewriting_the_past(run) -> None:  # type: ignore[no-untyped-def]
    sid = _licence(
        run, "--annual-price", "12000", "--period", "half-yearly", "--start", "2027-01-01"
    )
    code, out, err = run(
        "service",
        "edit",
        str(sid),
        "--annual-price",
        "18000",
        "--effective",
        "2027-07-01",
        "--json",
    )
    assert code == 0, err
    adjustments = json.loads(out)["price_adjustments"]
    assert [(a["effective"], a["new_price"], a["kind"]) for a in adjustments] == [
        ("2027-07-01", "18000.00", "change")
    ]
    code, out, _ = run(
        "invoices", "plan", ORG, "--from", "2027-01-01", "--to", "2027-12-31", "--json"
    )
    assert [(i["invoice_date"], i["lines"][0]["amount"], i["total"]) for i in json.loads(out)] == [
        ("2027-01-01", "6000.00", "7515.00"),
        ("2027-07-02", "9000.00", "11265.00"),  # (9,000 + 12) x 1.25
    ]


def _seed_second_customer_and_supplier(run) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.store.models import Customer, Person, PersonRole, Supplier
    from contractdesk.store.profile import unlock_profile

    paths = StorePaths(Path(json.loads(run("info", "--json")[1])["data_dir"]))
    services = Services(unlock_profile(paths, passphrase=PASSPHRASE), paths)
    try:
        with services.store.session() as s:
            if s.query(Supplier).first() is None:
                s.add(
                    Supplier(
                        org_number="923609016", name="Webmaster Heimen", email="post@heimen.no"
                    )
                )
            else:
                s.query(Supplier).update({"name": "Webmaster Heimen", "email": "post@heimen.no"})
            customer = s.query(Customer).filter_by(org_number=ORG).one()
            customer.postal_address = {
                "adresse": ["Storgata 1"],
                "postnummer": "6400",
                "poststed": "MOLDE",
            }
            person = Person(first_name="Kari", last_name="Nordmann", emails=["kari@testesen.no"])
            s.add(person)
            s.flush()
            s.add(
                PersonRole(
                    person_id=person.id,
                    customer_id=customer.id,
                    role="main_contact",
                    since=date(2027, 1, 1),
                )
            )
    finally:
        services.close()


def test_section_13_1_yearly_adjustment_by_the_index_previewed_then_saved(run) -> None:  # type: ignore[no-untyped-def]
    sid = _licence(run, "--annual-price", "12000", "--period", "yearly", "--start", "2024-01-01")
    code, out, err = run("prices", "index", "--json")
    assert {"year": 2024, "index": "133.6"} in json.loads(out)
    code, out, err = run(
        "prices", "adjust-all", "--effective", "2025-01-01", "--announced", "2024-09-15", "--json"
    )
    assert code == 0, err
    plan = json.loads(out)
    # KPI 2023 -> 2024: 133.6 / 129.6 - 1 = 3.09 %; 12,000 x 1.0309 = 12,370.80.
    assert (plan["index_year"], plan["index_change_percent"], plan["saved"]) == (
        2024,
        "3.09",
        False,
    )
    [line] = plan["proposals"]
    assert (line["service_id"], line["old_price"], line["new_price"], line["warnings"]) == (
        sid,
        "12000.00",
        "12370.80",
        [],
    )
    code, out, _ = run(
        "invoices", "plan", ORG, "--from", "2025-01-01", "--to", "2025-01-01", "--json"
    )
    assert json.loads(out)[0]["lines"][0]["amount"] == "12000.00"  # a preview saves nothing
    code, out, err = run(
        "prices", "adjust-all", ORG, "--effective", "2025-01-01", "--announced", "2024-09-15",
        "--apply", "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["saved"] is True
    code, out, _ = run(
        "invoices", "plan", ORG, "--from", "2025-01-01", "--to", "2025-01-01", "--json"
    )
    assert json.loads(out)[0]["lines"][0]["amount"] == "12370.80"


def test_section_13_1_above_index_needs_12_months_and_phasing(run) -> None:  # type: ignore[no-untyped-def]
    _licence(run, "--annual-price", "12000", "--period", "yearly", "--start", "2024-01-01")
    code, out, err = run(
        "prices", "adjust-all", "--effective", "2025-01-01", "--announced", "2024-09-15",
        "--percent", "15", "--json",
    )  # fmt: skip
    assert code == 0, err
    [line] = json.loads(out)["proposals"]
    assert line["new_price"] == "13800.00"
    assert [w["code"] for w in line["warnings"]] == [
        "above_index",
        "model_change_notice",
        "not_phased",
    ]
    code, out, err = run("prices", "index-add", "2025", "137.6", "--source", "SSB 03014")
    assert code == 0, err
    code, out, _ = run(
        "prices", "adjust-all", "--effective", "2026-01-01", "--announced", "2025-09-01", "--json"
    )
    assert json.loads(out)["index_change_percent"] == "2.99"  # 137.6 / 133.6 - 1


def test_section_13_1_letters_are_produced_and_sending_proves_the_announcement(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    _seed_second_customer_and_supplier(run)
    _licence(run, "--annual-price", "12000", "--period", "yearly", "--start", "2024-01-01")
    code, out, err = run(
        "prices", "notices", "--effective", "2025-01-01", "--out", str(tmp_path), "--json"
    )
    assert code == 0, err
    [files] = json.loads(out)
    assert Path(files["pdf"]).name == f"Prisjustering-{ORG}-2025-01-01.pdf"
    text = subprocess.run(
        ["pdftotext", files["pdf"], "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Varsel om prisjustering fra 01.01.2025" in text
    assert "12 370,80" in text and "3,1 %" in text and "Storgata 1" in text
    eml = Path(files["eml"]).read_bytes()
    assert b"kari@testesen.no" in eml and b"X-Unsent: 1" in eml
    code, _, err = run(
        "prices", "notice-sent", ORG, "--effective", "2025-01-01", "--sent", "2024-09-20"
    )
    assert code == 0, err
    code, out, _ = run("prices", "adjust-all", "--effective", "2025-01-01", "--json")
    [line] = json.loads(out)["proposals"]
    assert (line["announced"], line["announcement_proved"]) == ("2024-09-20", True)


def test_section_10_the_plan_shows_a_change_where_it_starts(run) -> None:  # type: ignore[no-untyped-def]
    _licence(run, "--annual-price", "12000", "--period", "quarterly", "--start", "2027-01-01")
    run("customer", "set", ORG, "--delivery", "paper", "--effective", "2027-07-01")
    code, out, err = run("invoices", "plan", ORG, "--from", "2027-01-01", "--to", "2027-12-31")
    assert code == 0, err
    assert f"From 2027-07-01: {ORG} delivery method email → paper" in out


@pytest.fixture
def terms_run(passphrase_store, cli):  # type: ignore[no-untyped-def]
    """A store whose customer accepted the 2021 terms, ready for a §14 round."""

    def seed(services) -> None:  # type: ignore[no-untyped-def]
        from contractdesk.store.models import Customer, Person

        with services.store.session() as s:
            s.add(Customer(org_number=ORG, name="Testesen AS", status="active"))
            s.add(Person(first_name="Kari", last_name="Nordmann"))

    data_dir = passphrase_store(seed)
    return lambda *args: cli(data_dir, *args)


def test_section_14_confirmed_termination_ends_invoicing_through_the_real_flow(terms_run) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.store.profile import unlock_profile

    run = terms_run
    code, _, err = run(
        "acceptance", "record", ORG, "--terms", "2021-04-17", "--method", "online",
        "--signed-by", "1", "--date", "2022-03-01",
    )  # fmt: skip
    assert code == 0, err
    _licence(run, "--annual-price", "12000", "--period", "quarterly", "--start", "2024-01-01")
    run("terms", "copy", "2021-04-17", "v2")
    draft_text = run("terms", "show", "v2", "--text")[1].replace("Romsdal", "Molde")
    paths = StorePaths(Path(json.loads(run("info", "--json")[1])["data_dir"]))
    services = Services(unlock_profile(paths, passphrase=PASSPHRASE), paths)
    try:
        services.terms.update_draft("v2", text=draft_text)
        services.terms.publish("v2", date(2025, 1, 1), confirm_gaps=True, today=date(2024, 11, 1))
        services.agreements.mark_notified("v2", [ORG], date(2024, 11, 15), today=date(2024, 11, 15))
    finally:
        services.close()
    code, out, err = run("acceptance", "proposals", "--json")
    [proposal] = json.loads(out)
    code, out, err = run("acceptance", "confirm-termination", str(proposal["notice_id"]), "--yes")
    assert code == 0, err
    # Ended the day after the acceptance deadline (2024-12-16): the quarter invoiced on 3 October
    # runs to 31 December, so nothing is credited and nothing is invoiced after it.
    assert _plan(run, "2024-10-01", "2025-12-31") == [
        ("invoice", "2024-10-03", "3012.00", "753.00", "3765.00"),
    ]
    code, _, err = run(
        "service", "add", ORG, "--kind", "usage", "--name", "SMS", "--unit-price", "0.59"
    )
    assert code == 1 and "(§14)" in err


def test_section_10_1_a_change_put_before_a_later_one_keeps_both(run) -> None:  # type: ignore[no-untyped-def]
    _licence(run, "--annual-price", "12000", "--period", "quarterly", "--start", "2027-01-01")
    run("customer", "set", ORG, "--delivery", "paper", "--effective", "2027-07-01")
    run("customer", "set", ORG, "--delivery", "ehf", "--effective", "2027-04-01")
    assert _fees(run, "2027-01-01", "2027-12-31") == [
        ("2027-01-01", "12.00"),  # e-mail, as it was
        ("2027-04-03", "0.00"),  # EHF from 1 April
        ("2027-07-03", "45.00"),  # paper from 1 July
        ("2027-10-03", "45.00"),
    ]

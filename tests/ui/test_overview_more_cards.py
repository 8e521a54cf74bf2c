"""The Overview's cards for invoice runs, retention, breaches and ordering without accepted terms,
and the Overview and Privacy pages following the change notification (only what it concerns)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from overview_testkit import TODAY, seed_attention
from PySide6.QtCore import Qt
from sqlalchemy import select

from contractdesk.services.overview import CardKey
from contractdesk.store.models import Customer
from contractdesk.ui.main_window import MainWindow
from contractdesk.ui.pages.privacy import PrivacyPage
from contractdesk.ui.tasks import SyncPool

NOW = datetime(2027, 9, 1, 12, 0, tzinfo=UTC)


def seed_more(services: Any) -> Any:
    """The overview seed, plus a breach discovered 3 hours ago and a customer whose
    relationship ended long ago (its data is due for deletion)."""
    seed_attention(services)
    services.privacy.breaches.add(
        discovered_at=datetime.now(UTC) - timedelta(hours=3), summary="Lost USB stick", actor="t"
    )
    with services.store.session() as s:
        zeta = s.execute(select(Customer).where(Customer.org_number == "985399077")).scalar_one()
        zeta.relationship_ended_on = date.today() - timedelta(days=200)
    services.invoice_runs.set_runs_from(date(2026, 1, 1), actor="t")
    return services


def _window(qtbot: Any, services: Any) -> MainWindow:
    seed_more(services)
    window = MainWindow()
    qtbot.addWidget(window)
    page = window.page("overview")
    page.pool = SyncPool()  # today: the real day (the breach's 72 hours run on the real clock)
    window.set_services(services)
    window.resize(1280, 800)
    window.show()
    return window


def test_the_new_cards_count_in_the_service(services: Any) -> None:
    seed_more(services)
    view = services.overview.overview(TODAY, now=NOW)
    ordering = view.card(CardKey.ORDERING)  # Alfa, Beta and Gamma have services, no acceptance
    assert ordering.count == 3 and {i.name for i in ordering.items} == {
        "Alfa AS",
        "Beta AS",
        "Gamma AS",
    }
    assert {i.what for i in ordering.items if i.name == "Alfa AS"} == {"2"}  # two services
    breaches = view.card(CardKey.BREACHES)
    assert breaches.count == 1 and breaches.items[0].name == "Lost USB stick"
    retention = view.card(CardKey.RETENTION)
    assert retention.count >= 1
    assert any("Zeta" in i.name for i in retention.items)
    assert all(i.what == "customer_data" for i in retention.items if "Zeta" in i.name)
    runs = view.card(CardKey.RUNS)  # every planned invoice since "runs from" waits for a run
    assert runs.count >= 1 and runs.amount is not None and runs.amount > 0
    assert all(i.day is not None and date(2026, 1, 1) <= i.day <= TODAY for i in runs.items)
    from invoice_runs_testkit import ACCOUNT

    services.invoice_runs.set_account_number(ACCOUNT, actor="t")
    services.invoice_runs.run(TODAY, actor="t")  # after a run, nothing up to its day waits
    assert services.overview.cards([CardKey.RUNS], TODAY)[0].count == 0
    # one card at a time, for a view that reloads only what a change concerns
    only = services.overview.cards([CardKey.BREACHES, CardKey.ORDERING], TODAY, now=NOW)
    assert [c.key for c in only] == [CardKey.ORDERING, CardKey.BREACHES]


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_new_cards_show_their_counts_and_lead_to_their_pages(
    qtbot: Any, qapp: Any, services: Any, tmp_path: Path, language: str
) -> None:
    from contractdesk.ui.i18n import install_language

    window = _window(qtbot, services)
    try:
        install_language(qapp, language)
        window.retranslate()
        page = window.page("overview")
        cards = page.cards
        nb = language == "nb"
        assert cards[CardKey.ORDERING].count_label.text() == "3"
        assert cards[CardKey.ORDERING].title_label.text() == (
            "Bestilt uten godtatte vilkår" if nb else "Ordering without accepted terms"
        )
        breach = cards[CardKey.BREACHES]
        assert breach.count_label.text() == "1"
        assert breach.title_label.text() == (
            "Brudd: meld innen 72 timer" if nb else "Breaches: report within 72 hours"
        )
        # the countdown: about 69 hours left of 72
        assert ("68 t" if nb else "68 h") in breach.detail_label.text()
        assert cards[CardKey.RETENTION].title_label.text() == (
            "Klart til sletting" if nb else "Due for deletion"
        )
        assert cards[CardKey.RUNS].title_label.text() == (
            "Fakturaer som venter på en kjøring" if nb else "Invoices waiting for a run"
        )
        assert int(cards[CardKey.RUNS].count_label.text()) >= 1
        qtbot.mouseClick(cards[CardKey.RETENTION], Qt.MouseButton.LeftButton)
        rules = {page.model.index(r, 2).data() for r in range(page.model.rowCount())}
        assert (
            "Kundedata etter avsluttet kundeforhold"
            if nb
            else "Customer data after the relationship ends"
        ) in rules
        page.grab().save(str(tmp_path / f"overview-cards-{language}.png"))
        window.grab().save(str(Path("/tmp") / f"overview-12-cards-{language}.png"))
        # click-through to the page behind each new card
        qtbot.mouseClick(cards[CardKey.BREACHES], Qt.MouseButton.LeftButton)
        assert page.go_button.text() == ("Åpne Personvern" if nb else "Open Privacy")
        qtbot.mouseClick(page.go_button, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.page("privacy")
        window.go_to("overview")
        qtbot.mouseClick(cards[CardKey.RUNS], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.go_button, Qt.MouseButton.LeftButton)
        billing = window.page("billing")
        assert window.stack.currentWidget() is billing and billing.tabs.currentIndex() == 4
        window.go_to("overview")
        qtbot.mouseClick(cards[CardKey.ORDERING], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.go_button, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is billing and billing.tabs.currentIndex() == 3
    finally:
        install_language(qapp, "en")
        window.retranslate()


def test_the_overview_reloads_only_the_cards_a_change_concerns(qtbot: Any, services: Any) -> None:
    window = _window(qtbot, services)
    page = window.page("overview")
    asked: list[list[CardKey]] = []
    service = services.overview
    real = service.cards

    def spy(keys: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(list(keys))
        return real(keys, *args, **kwargs)

    service.cards = spy
    assert page.cards[CardKey.REQUESTS].count_label.text() == "2"
    services.people.log_request(None, "access", received_on=date.today(), actor="test")
    qtbot.waitUntil(lambda: page.cards[CardKey.REQUESTS].count_label.text() == "3")
    # the cards that read people (requests, departed signatories, retention), nothing else
    assert asked == [[CardKey.REQUESTS, CardKey.REGISTRY, CardKey.RETENTION]]
    asked.clear()
    breach = services.privacy.breaches.list_all()[0]
    services.privacy.breaches.mark_reported(breach.id)
    qtbot.waitUntil(lambda: page.cards[CardKey.BREACHES].count_label.text() == "0")
    assert asked == [[CardKey.BREACHES, CardKey.RETENTION]]
    asked.clear()
    services.settings.set("supplier.note", "x", actor="test")  # no card reads it alone
    assert all(CardKey.DRAFTS not in keys for keys in asked)


def test_the_privacy_page_follows_breaches_and_retention_changes(qtbot: Any, services: Any) -> None:
    seed_more(services)
    page = PrivacyPage()
    qtbot.addWidget(page)
    page.pool = SyncPool()
    page.resize(1280, 800)
    page.set_services(services)
    page.show()
    assert page.breaches_model.rowCount() == 1
    services.privacy.breaches.add(
        discovered_at=datetime.now(UTC) - timedelta(hours=1), summary="Phishing", actor="t"
    )
    qtbot.waitUntil(lambda: page.breaches_model.rowCount() == 2)
    due_before = page.due_model.rowCount()
    # a shorter period makes more due: the page recomputes without a click on Refresh
    services.privacy.retention.set_period("customer_data", 1)
    with services.store.session() as s:
        alfa = s.execute(select(Customer).where(Customer.org_number == "923130969")).scalar_one()
        alfa.relationship_ended_on = date.today() - timedelta(days=70)
    services.customers.refresh  # noqa: B018  (the next write is announced as customers)
    services.privacy.retention.set_period("customer_data", 2)
    qtbot.waitUntil(lambda: page.due_model.rowCount() == due_before + 1)
    page.hide()
    services.privacy.breaches.add(
        discovered_at=datetime.now(UTC) - timedelta(hours=2), summary="Stolen phone", actor="t"
    )
    assert page.breaches_model.rowCount() == 2  # hidden: nothing read
    page.show()
    qtbot.waitUntil(lambda: page.breaches_model.rowCount() == 3)

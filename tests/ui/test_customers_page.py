"""The Customers page: lazy SQL-backed list (qtmodeltester), search as you type, card, add, refresh."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from brreg_server import ReplayServer
from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from PySide6.QtWidgets import QLabel

from contractdesk.ui.customers.list_model import CustomerListModel
from contractdesk.ui.pages.customers import CustomersPage
from contractdesk.ui.tasks import SyncPool

HOSTILE_NAME = '<AS> & Søn "Ltd" <script>alert(1)</script> <font color=red>'


def fast(url: str, **overrides: Any) -> Any:
    from contractdesk.registry import RegistrySettings

    values: dict[str, Any] = {
        "base_url": url,
        "connect_timeout": 1.0,
        "total_timeout": 1.0,
        "max_retries": 1,
        "backoff_initial": 0.01,
        "backoff_max": 0.05,
        "max_retry_after": 1.0,
        "max_body_bytes": 1024 * 1024,
    }
    values.update(overrides)
    return RegistrySettings(**values)


@pytest.fixture
def svc(services: Any, brreg_replay: ReplayServer) -> Iterator[Any]:
    services.customers.configure_registry(fast(brreg_replay.url))
    yield services
    QThreadPool.globalInstance().waitForDone(5000)  # no worker outlives the test


def insert_customers(services: Any, count: int, start: int = 0) -> None:
    """Many customers at once (bulk SQL insert; the FTS triggers still run)."""
    from sqlalchemy import insert

    from contractdesk.domain.customers import sort_key
    from contractdesk.domain.search_fold import search_fold
    from contractdesk.store.models import Customer

    municipalities = ("OSLO", "BERGEN", "MOLDE", "HAMAR", "TROMSØ")
    rows = []
    for i in range(start, start + count):
        number = org_number_for(i)
        name = f"TESTFIRMA {i:05d} AS"
        municipality = municipalities[i % len(municipalities)]
        rows.append(
            {
                "org_number": number,
                "name": name,
                "organisation_form": "AS",
                "organisation_form_text": "",
                "business_address": {"lines": [], "municipality": municipality},
                "status": "active",
                "vat_registered": False,
                "registry_roles": [],
                "sort_name": sort_key(name),
                "municipality": municipality,
                "municipality_key": sort_key(municipality),
                "search_name": search_fold(name),
                "search_municipality": search_fold(municipality),
            }
        )
    with services.store.session() as s:
        s.execute(insert(Customer), rows)


def org_number_for(i: int) -> str:
    """The i-th valid 9-digit org number starting with 9 (MOD11)."""
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    n = 0
    found = -1
    while True:
        base = f"9{(n % 10_000_000):07d}"
        n += 1
        rest = 11 - sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11
        if rest == 10:
            continue
        found += 1
        if found == i:
            return base + str(0 if rest == 11 else rest)


@pytest.fixture
def page(qtbot: Any, svc: Any) -> CustomersPage:
    widget = CustomersPage()
    widget.pool = SyncPool()
    qtbot.addWidget(widget)
    widget.set_services(svc)
    widget.resize(1000, 600)
    return widget


# -- the model --------------------------------------------------------------------------------------


def test_list_model_passes_the_model_tester_while_fetching_lazily(
    qtmodeltester: Any, svc: Any
) -> None:
    insert_customers(svc, 7)
    model = CustomerListModel(page_size=3)
    model.set_services(svc)
    assert model.rowCount() == 3 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 7 and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    model.set_search("00003")
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_model_roles_give_id_org_number_status_and_sort_keys(svc: Any) -> None:
    insert_customers(svc, 2)
    model = CustomerListModel.for_services(svc)
    first = model.index(0, 0)
    row = model.row_at(0)
    assert first.data(CustomerListModel.IdRole) == row.id
    assert (
        model.index(0, 1).data()
        == f"{row.org_number[:3]} {row.org_number[3:6]} {row.org_number[6:]}"
    )
    assert model.index(0, 1).data(CustomerListModel.OrgNumberRole) == row.org_number
    assert (
        model.index(0, 3).data() == "Active"
        and model.index(0, 3).data(CustomerListModel.StatusRole) == "active"
    )
    assert model.index(0, 0).data(CustomerListModel.SortRole) == row.name.casefold()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Name",
        "Org number",
        "Municipality",
        "Status",
        "Main contact",
        "Agreement",
    ]


def test_list_fetches_pages_of_200_as_the_user_scrolls(
    page: CustomersPage, svc: Any, qtbot: Any
) -> None:
    insert_customers(svc, 450)
    page.reload()
    assert page.model.rowCount() == 200
    assert "200+" in page.count_label.text()
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 400, timeout=2000)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 450, timeout=2000)
    assert not page.model.canFetchMore(QModelIndex())
    assert page.count_label.text() == "450 customers"


def test_header_click_sorts_in_sql_over_every_row(
    page: CustomersPage, svc: Any, qtbot: Any
) -> None:
    insert_customers(svc, 450)
    page.reload()
    header = page.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft() + _section_centre(header, 1),
    )
    assert page.model.sort_column == "org_number"
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft() + _section_centre(header, 1),
    )
    assert page.model.descending
    assert page.model.row_at(0).org_number == org_number_for(
        449
    )  # the last of all 450, not of the first 200
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert page.model.row_at(0).name == "TESTFIRMA 00000 AS"


def _section_centre(header: Any, section: int) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(
        header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
        header.height() // 2,
    )


def test_columns_are_sized_from_a_sample_not_every_row(page: CustomersPage, svc: Any) -> None:
    insert_customers(svc, 300)
    page._sized = False
    page.reload()
    widths = [page.table.horizontalHeader().sectionSize(c) for c in range(5)]
    name_width = page.table.fontMetrics().horizontalAdvance("TESTFIRMA 00000 AS")
    assert widths[0] >= name_width and widths[0] < name_width + 80


# -- search as you type -----------------------------------------------------------------------------


def test_search_filters_in_sql_as_you_type_after_a_short_pause(
    page: CustomersPage, svc: Any, qtbot: Any
) -> None:
    insert_customers(svc, 300)
    page.reload()
    loads: list[str] = []
    page.model.loaded.connect(lambda: loads.append(page.model.search))
    qtbot.keyClicks(page.search, "00042")
    assert loads == []  # debounced: nothing yet
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert loads == ["00042"]  # one query for five keystrokes
    assert page.model.row_at(0).name == "TESTFIRMA 00042 AS"
    assert page.count_label.text() == "1 customer matches"
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 200, timeout=2000)
    qtbot.keyClicks(page.search, "tromsø")
    qtbot.waitUntil(lambda: page.model.search == "tromsø", timeout=2000)
    assert (
        all(r.municipality == "TROMSØ" for r in page.model.rows()) and page.model.rowCount() == 60
    )
    qtbot.keyClicks(page.search, " nobody")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2000)
    assert page.empty_label.isVisible() or not page.isVisible()
    assert "No customer matches" in page.empty_label.text()


def test_keyboard_search_down_to_the_list_and_enter_opens_the_card(
    page: CustomersPage, svc: Any, qtbot: Any
) -> None:
    svc.customers.register("971049669")
    page.reload()
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "webm")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.model.rowCount() == 1
    with qtbot.waitSignal(page.customer_opened) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == ["971049669"]
    assert page.card_dialog.card.name_label.text() == "WEBMASTER HEIMEN"
    page.card_dialog.close()


# -- adding ----------------------------------------------------------------------------------------


def test_type_a_number_see_the_card_save_and_it_appears_in_the_list(
    page: CustomersPage, qtbot: Any
) -> None:
    dialog = page.add_customer()
    qtbot.keyClicks(dialog.query, "971 049 669")
    qtbot.waitUntil(lambda: dialog.lookup is not None, timeout=3000)
    assert dialog.card.name_label.text() == "WEBMASTER HEIMEN"
    assert dialog.card.org_label.text() == "Org number 971 049 669"
    assert "Frode Heimen" in dialog.card.sets_label.text()
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert [r.name for r in page.model.rows()] == ["WEBMASTER HEIMEN"]
    assert page.selected_org_number() == "971049669"
    assert page.services.customers.get("971049669").verified


def test_add_by_name_lists_registry_hits_and_saves_the_chosen_one(
    page: CustomersPage, qtbot: Any
) -> None:
    dialog = page.add_customer()
    qtbot.keyClicks(dialog.query, "heimen")
    qtbot.waitUntil(lambda: dialog.hits_model.rowCount() == 3, timeout=3000)
    assert "3 hits" in dialog.message.text()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)  # to the hits, first one chosen
    qtbot.waitUntil(lambda: dialog.lookup is not None, timeout=3000)
    assert dialog.lookup.entity.org_number == "971049669"
    qtbot.keyClick(dialog.hits, Qt.Key.Key_Return)
    dialog.save()
    assert page.model.row_of("971049669") == 0


def test_invalid_number_is_explained_without_asking_the_registry(
    page: CustomersPage, qtbot: Any, brreg_replay: ReplayServer
) -> None:
    dialog = page.add_customer()
    qtbot.keyClicks(dialog.query, "971 049 668")
    qtbot.waitUntil(lambda: "check digit" in dialog.message.text(), timeout=2000)
    assert not dialog.save_button.isEnabled()
    assert brreg_replay.requests == []


def test_an_existing_customer_is_not_added_twice(page: CustomersPage, qtbot: Any) -> None:
    page.services.customers.register("971049669")
    dialog = page.add_customer()
    qtbot.keyClicks(dialog.query, "971049669")
    qtbot.waitUntil(lambda: "already a customer" in dialog.message.text(), timeout=2000)
    assert not dialog.save_button.isEnabled()


def test_registry_offline_offers_registering_by_hand(page: CustomersPage, qtbot: Any) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    page.services.customers.configure_registry(fast(f"http://127.0.0.1:{port}"))
    dialog = page.add_customer()
    qtbot.keyClicks(dialog.query, "923 130 969")
    qtbot.waitUntil(lambda: "by hand" in dialog.message.text(), timeout=3000)
    assert dialog.manual_button.isVisible() or not dialog.isVisible()
    qtbot.mouseClick(dialog.manual_button, Qt.MouseButton.LeftButton)
    assert dialog.manual_mode
    assert dialog.manual.org_number.text() == "923130969"
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.manual.name, "Avara")
    qtbot.keyClicks(dialog.manual.address1, "Raveien 438")
    qtbot.keyClicks(dialog.manual.city, "Sandefjord")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    row = page.model.row_at(page.model.row_of("923130969"))
    assert row.status == "unverified"
    assert page.model.index(page.model.row_of("923130969"), 3).data() == "Not verified"


@pytest.mark.parametrize(
    ("org_number", "words"), [("990002223", "removed"), ("991000011", "unexpected answer")]
)
def test_bad_registry_answers_are_explained_and_manual_entry_offered(
    page: CustomersPage, qtbot: Any, org_number: str, words: str
) -> None:
    dialog = page.add_customer()
    qtbot.keyClicks(dialog.query, org_number)
    qtbot.waitUntil(lambda: "by hand" in dialog.message.text(), timeout=3000)
    assert words in dialog.message.text()
    assert dialog.lookup is None and not dialog.save_button.isEnabled()


def test_slow_registry_never_blocks_and_a_newer_number_wins(svc: Any, qtbot: Any) -> None:
    from contractdesk.ui.customers.add_dialog import AddCustomerDialog

    dialog = AddCustomerDialog(svc, debounce_ms=10)  # the real thread pool
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.query, "991000089")  # answers after 30 s (the client gives up after 1 s)
    qtbot.waitUntil(lambda: "Asking the registry" in dialog.message.text(), timeout=2000)
    ticks: list[int] = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    # The event loop keeps turning while the registry is still being asked (the client gives up
    # after 1 s): no fixed wall-clock budget, so a busy machine cannot make this fail.
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)
    assert "Asking the registry" in dialog.message.text()
    timer.stop()
    dialog.query.clear()
    qtbot.keyClicks(dialog.query, "990005559")
    qtbot.waitUntil(lambda: dialog.lookup is not None, timeout=3000)
    assert dialog.lookup.entity.org_number == "990005559"
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(20)
    assert (
        dialog.lookup.entity.org_number == "990005559"
    )  # the late failure of the old one was dropped
    assert "in time" not in dialog.message.text()


# -- the card ---------------------------------------------------------------------------------------


def test_card_shows_registry_text_literally_and_the_signing_rule(
    page: CustomersPage, qtbot: Any
) -> None:
    page.services.customers.register("991000003")
    dialog = page.open_customer("991000003")
    card = dialog.card
    assert card.name_label.text() == HOSTILE_NAME
    assert card.name_label.textFormat() == Qt.TextFormat.PlainText
    for label in card.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert "Styrets leder alene" in card.rule_label.text()
    assert "no longer apply" in card.sets_label.text()  # sets naming the deceased lapsed
    assert card.people_panel is not None  # the people of the customer, on its card
    dialog.close()


@pytest.mark.parametrize(
    ("org_number", "badge", "notice"),
    [
        ("990001111", "Deleted 29/05/2026", "deleted"),  # English (en_NO): day/month/year
        ("990003335", "Bankrupt", "bankrupt"),
    ],
)
def test_card_and_list_show_a_blocked_status(
    page: CustomersPage, qtbot: Any, org_number: str, badge: str, notice: str
) -> None:
    page.services.customers.register(org_number)
    page.reload()
    status_cell = page.model.index(page.model.row_of(org_number), 3).data()
    assert status_cell == badge.split()[0]
    dialog = page.open_customer(org_number)
    assert dialog.card.status_badge.text().startswith(badge)
    assert (
        notice in dialog.card.notice_label.text()
        and "no new agreement" in dialog.card.notice_label.text()
    )
    dialog.close()


def test_card_says_confirm_by_hand_where_no_rule_is_registered(page: CustomersPage) -> None:
    page.services.customers.register("990004447")
    dialog = page.open_customer("990004447")
    assert not dialog.card.confirm_label.isHidden()
    assert "confirm it by hand" in dialog.card.confirm_label.text()
    dialog.close()


# -- refreshing ---------------------------------------------------------------------------------------


def test_refresh_selected_shows_the_diff_and_updates_the_list(
    page: CustomersPage, qtbot: Any
) -> None:
    from contractdesk.services.customers import OfflineCustomer

    page.services.customers.register_offline(OfflineCustomer("923130969", "Avara"))
    page.reload("923130969")
    assert page.refresh_button.isEnabled()
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    text = page.property("lastRefreshText")
    assert "Name: Avara → AVARA AS" in text
    assert page.model.row_at(0).name == "AVARA AS" and page.model.row_at(0).status == "active"


def test_refresh_failure_says_nothing_was_changed(page: CustomersPage, qtbot: Any) -> None:
    from contractdesk.services.customers import OfflineCustomer

    page.services.customers.register_offline(OfflineCustomer("991000011", "Html AS"))
    page.reload("991000011")
    page.refresh_selected()
    assert "Nothing was changed" in page.property("lastMessage")
    assert page.model.row_at(0).name == "Html AS"


def test_refresh_all_reports_progress_failures_and_changes(page: CustomersPage, qtbot: Any) -> None:
    from contractdesk.services.customers import OfflineCustomer

    page.services.customers.register_offline(OfflineCustomer("923130969", "Avara"))
    page.services.customers.register_offline(OfflineCustomer("991000011", "Html AS"))
    page.reload()
    qtbot.keyClick(
        page, Qt.Key.Key_F5, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    text = page.property("lastRefreshText") or ""
    if not text:  # the shortcut needs an active window; drive the button instead
        qtbot.mouseClick(page.refresh_all_button, Qt.MouseButton.LeftButton)
        text = page.property("lastRefreshText")
    assert "Refreshed 1 of 2 customers; 1 changed." in text
    assert "Html AS (991 000 011)" in text and "Nothing was changed" in text
    assert "Name: Avara → AVARA AS" in text
    statuses = {r.org_number: r.status for r in page.model.rows()}
    assert statuses == {"923130969": "active", "991000011": "unverified"}


def test_refresh_all_can_be_cancelled_from_the_progress_dialog(svc: Any, qtbot: Any) -> None:
    from contractdesk.services.customers import OfflineCustomer

    svc.customers.register_offline(
        OfflineCustomer("991000089", "A Slow AS")
    )  # first by name; answers late
    for number in ("971049669", "923130969", "926511890"):
        svc.customers.register_offline(OfflineCustomer(number, f"Offline {number}"))
    page = CustomersPage()  # the real thread pool
    qtbot.addWidget(page)
    page.set_services(svc)
    page.refresh_all()
    qtbot.waitUntil(
        lambda: _progress_of(page) is not None and _progress_of(page).maximum() == 4, timeout=3000
    )
    from PySide6.QtWidgets import QPushButton

    _progress_of(page).findChild(
        QPushButton
    ).click()  # Cancel, while the first customer is being asked
    qtbot.waitUntil(lambda: page.property("lastRefreshText") is not None, timeout=8000)
    assert "Cancelled" in page.property("lastRefreshText")
    assert {r.status for r in page.model.rows()} == {
        "unverified"
    }  # nobody after the cancel was touched


def _progress_of(page: CustomersPage) -> Any:
    states = getattr(page, "_refresh_states", [])
    return states[-1]["progress"] if states else None


def test_pages_are_read_on_a_pool_thread(svc: Any, qtbot: Any) -> None:
    """The page's model asks for rows in the background: fetchMore returns at once."""
    insert_customers(svc, 450)
    model = CustomerListModel(page_size=200)
    model.use_background()  # Qt's global pool, as on the page
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_services(svc)
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200 and not model.canFetchMore(QModelIndex())  # one at a time
    qtbot.waitUntil(lambda: model.rowCount() == 400, timeout=5000)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_search("00449")
    assert [r.name for r in model.rows()] == ["TESTFIRMA 00449 AS"]
    QThreadPool.globalInstance().waitForDone(5000)

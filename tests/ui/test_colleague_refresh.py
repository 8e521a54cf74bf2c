"""Team mode in the window: the customer list shows a customer a colleague just registered,
without any click (LISTEN/NOTIFY → the change bus → the page's reload). Real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contractdesk.paths import StorePaths
from contractdesk.services.context import Services
from contractdesk.services.customers.views import OfflineCustomer


@pytest.fixture
def team(pg_url: str, tmp_path: Path) -> Iterator[tuple[Services, Services]]:
    from contractdesk.store.server import migrate_server, open_server_store

    migrate_server(pg_url)
    kari = Services(open_server_store(pg_url), StorePaths(tmp_path / "kari"))
    ola = Services(open_server_store(pg_url), StorePaths(tmp_path / "ola"))
    try:
        yield kari, ola
    finally:
        kari.close()
        ola.close()


def test_the_customer_list_shows_a_colleagues_new_customer(
    qtbot: Any, team: tuple[Services, Services]
) -> None:
    from PySide6.QtCore import QThreadPool

    from contractdesk.ui.pages.customers import CustomersPage

    kari, ola = team
    page = CustomersPage()
    qtbot.addWidget(page)
    page.set_services(kari)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and page.model._fetch is not None)
    assert kari.colleagues.listen() and kari.colleagues.wait_until_listening()
    ola.customers.register_offline(OfflineCustomer("974760673", "Nordvik Regnskap AS"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.index(0, 0).data() == "Nordvik Regnskap AS"
    page.grab().save("/tmp/teammove-shots/colleague-refresh.png")
    QThreadPool.globalInstance().waitForDone(5000)


def test_the_overview_counts_follow_the_change_bus(qtbot: Any, services: Services) -> None:
    """The overview reads its counts again on any change while shown (its own, another page's,
    or — through the same bus — a colleague's on the server)."""
    from PySide6.QtCore import QThreadPool

    from contractdesk.ui.pages.overview import OverviewPage
    from contractdesk.ui.tasks import SyncPool

    page = OverviewPage()
    page.pool = SyncPool()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.set_services(services)
    assert page.view is not None and page.view.getting_started.customers == 0
    services.customers.register_offline(OfflineCustomer("974760673", "Nordvik Regnskap AS"))
    qtbot.waitUntil(
        lambda: page.view is not None and page.view.getting_started.customers == 1, timeout=3000
    )
    QThreadPool.globalInstance().waitForDone(5000)


def test_the_overview_follows_a_colleague_on_the_server(
    qtbot: Any, team: tuple[Services, Services]
) -> None:
    from PySide6.QtCore import QThreadPool

    from contractdesk.ui.pages.overview import OverviewPage
    from contractdesk.ui.tasks import SyncPool

    kari, ola = team
    page = OverviewPage()
    page.pool = SyncPool()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.set_services(kari)
    assert page.view is not None and page.view.getting_started.customers == 0
    assert kari.colleagues.listen() and kari.colleagues.wait_until_listening()
    ola.customers.register_offline(OfflineCustomer("974760673", "Nordvik Regnskap AS"))
    qtbot.waitUntil(
        lambda: page.view is not None and page.view.getting_started.customers == 1, timeout=3000
    )
    page.grab().save("/tmp/teammove-shots/colleague-overview.png")
    QThreadPool.globalInstance().waitForDone(5000)

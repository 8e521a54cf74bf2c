"""The card and the Customers page for issue 17: statuses, remarks, paper address, role facts,
confirming signers by hand, importing a list, the refresh summary (English and Norwegian)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from brreg_server import FIXTURES, ReplayServer
from PySide6.QtCore import QThreadPool

from contractdesk.ui.customers.card import CustomerCard
from contractdesk.ui.pages.customers import CustomersPage
from contractdesk.ui.tasks import SyncPool

N: dict[str, str] = json.loads((FIXTURES / "shapes/routes.json").read_text(encoding="utf-8"))[
    "numbers"
]
SHOTS = Path(os.environ.get("CONTRACTDESK_SHOTS", "/nonexistent"))
"""Where to save screenshots for a look (set the variable to a folder); unset: none saved."""


@pytest.fixture
def svc(services: Any, brreg_replay: ReplayServer) -> Iterator[Any]:
    from contractdesk.registry import RegistrySettings

    services.customers.configure_registry(
        RegistrySettings(base_url=brreg_replay.url, total_timeout=3.0, backoff_initial=0.01)
    )
    yield services
    QThreadPool.globalInstance().waitForDone(5000)


@pytest.fixture
def norwegian(qapp: Any) -> Iterator[None]:
    from contractdesk.i18n import install_translator
    from contractdesk.ui.i18n import install_language

    install_language(qapp, "nb")
    yield
    install_language(qapp, "en")
    install_translator(None)


def card_for(qtbot: Any, services: Any, number: str) -> CustomerCard:
    card = CustomerCard(services, with_people=False)
    qtbot.addWidget(card)
    card.resize(1280, 800)
    card.show_customer(services.customers.register(number))
    return card


def shot(widget: Any, name: str) -> None:
    if SHOTS.is_dir():
        widget.grab().save(str(SHOTS / name))


def test_card_shows_reconstruction_remark_and_where_paper_goes(qtbot: Any, svc: Any) -> None:
    card = card_for(qtbot, svc, N["recon"])
    assert card.status_badge.text().startswith("In reconstruction")
    assert "reconstruction negotiations" in card.notice_label.text()
    assert card.remarks_value.text() == "Forretningsadressen er trolig feil (FADR)"
    assert card.invoice_value.text().splitlines()[0] == "c/o Regnskapsbyrå Fiktiv AS"
    shot(card, "card-reconstruction.png")


def test_card_marks_who_cannot_sign_alone_and_who_elected_whom(qtbot: Any, svc: Any) -> None:
    card = card_for(qtbot, svc, N["asa"])
    roles = card.roles_label.text()
    assert "Frida Fullmaktsen  ✓ (⚠ cannot sign alone — check)" in roles
    assert "elected by: Representant for de ansatte" in roles
    assert not card.confirm_label.isVisibleTo(card)


def test_free_text_rule_is_confirmed_by_hand_from_the_card(qtbot: Any, svc: Any) -> None:
    from contractdesk.ui.customers.signers_dialog import ConfirmSignersDialog

    card = card_for(qtbot, svc, N["freetext"])
    assert "only as text" in card.confirm_label.text()
    assert card.confirm_button.isVisibleTo(card)
    card.confirm_signers()
    dialog = card._signers_dialog
    assert isinstance(dialog, ConfirmSignersDialog)
    dialog.pool = SyncPool()
    dialog.sets_edit.setPlainText("Fri Tekstesen + Ola Styremedlemsen")
    dialog.by_edit.setText("Kari på telefon")
    dialog.save()
    assert card.confirmed_label.text().startswith("Confirmed by hand by Kari på telefon")
    assert not card.confirm_label.isVisibleTo(card)
    stored = svc.customers.get(N["freetext"]).signing_rule
    assert stored.confirmed_sets == (("Fri Tekstesen", "Ola Styremedlemsen"),)
    shot(card, "card-confirmed-signers.png")


def test_card_in_norwegian(qtbot: Any, svc: Any, norwegian: None) -> None:
    card = card_for(qtbot, svc, N["forced"])
    assert card.status_badge.text().startswith("Tvangsoppløst")
    assert "tvangsoppløsning" in card.notice_label.text()
    shot(card, "card-forced-nb.png")


def test_page_imports_a_list_and_refresh_all_tells_what_changed(
    qtbot: Any, svc: Any, tmp_path: Path
) -> None:
    page = CustomersPage()
    page.pool = SyncPool()
    qtbot.addWidget(page)
    page.set_services(svc)
    page.resize(1280, 800)
    path = tmp_path / "kunder.csv"
    path.write_text("Orgnr;Kontaktperson\n971049669;Frode Heimen\n923130969;\n", encoding="utf-8")
    page.import_list(str(path))
    assert page.property("lastImportText").startswith("Imported 2 customers; 0 were")
    assert page.model.rowCount() == 2

    from sqlalchemy import text

    with svc.store.session() as s:
        s.execute(text("UPDATE customer SET name = 'Avara' WHERE org_number = '923130969'"))
    page.refresh_all()
    report = page.property("lastRefreshText")
    assert "Changes: 1 new name." in report
    assert "Each customer asked; 6 registry requests." in report  # ENK 2 + AS 4
    shot(page, "customers-page-import.png")

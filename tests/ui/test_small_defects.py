"""Small visible defects, fixed: no internal ids or hashes in the user's face, registry codes as
words, status lines that keep their place, file dialogs (print to file, batch save) that start
in Documents; in English and Norwegian where the text matters."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from documents_testkit import ORG_A, seed
from PySide6.QtCore import QPoint

from contractdesk.services.agreements.views import ScanFile
from contractdesk.ui.files import documents_folder

V1 = "2021-04-17"
TODAY = date(2026, 3, 2)


@pytest.fixture
def language(qapp: Any, request: Any) -> Any:
    from contractdesk.ui.i18n import install_language

    install_language(qapp, request.param)
    yield request.param
    install_language(qapp, "en")


@pytest.mark.parametrize("language", ["en", "nb"], indirect=True)
def test_an_erased_person_is_named_without_an_internal_id(language: str) -> None:
    from contractdesk.ui.widgets.person_dialogs import erased_person_text

    text = erased_person_text()
    assert text == ("Slettet person" if language == "nb" else "Erased person")
    assert not any(ch.isdigit() for ch in text) and "#" not in text


@pytest.mark.parametrize("language", ["en", "nb"], indirect=True)
def test_the_registry_status_warning_uses_words_not_codes(services: Any, language: str) -> None:
    from contractdesk.store.models import Customer

    people = seed(services)
    with services.store.session() as s:
        customer = s.query(Customer).filter_by(org_number=ORG_A).one()
        customer.status = "bankrupt"
    result = services.agreements.record_acceptance(
        ORG_A, V1, method="online", signed_by_person_id=people["kari"], accepted_on=TODAY
    )
    [warning] = [w for w in result.warnings if "Konkurs" in w or "ankrupt" in w]
    word = "Konkurs" if language == "nb" else "Bankrupt"
    assert word in warning and "bankrupt" not in warning, warning


def test_the_scan_viewer_keeps_the_hash_under_details(qtbot: Any, tmp_path: Path) -> None:
    from contractdesk.ui.terms.acceptance_dialogs import ScanViewer

    data = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    sha = hashlib.sha256(data).hexdigest()
    viewer = ScanViewer(ScanFile(1, "signert.png", "image/png", data, sha))
    qtbot.addWidget(viewer)
    viewer.show()
    assert "SHA" not in viewer.info.text() and sha not in viewer.info.text()
    assert "image/png" not in viewer.info.text() and "image (PNG)" in viewer.info.text()
    assert viewer.details.isVisible() and not viewer.details.text.isVisible()
    viewer.details.toggle.click()
    assert viewer.details.text.isVisible() and sha in viewer.details.text.text()


def test_a_status_line_appearing_moves_no_button(qtbot: Any, services: Any) -> None:
    from contractdesk.ui.pages.agreements import AgreementsPage
    from contractdesk.ui.tasks import SyncPool

    seed(services)
    page = AgreementsPage()
    qtbot.addWidget(page)
    page.pool = SyncPool()
    page.resize(1280, 800)
    page.set_services(services)
    page.show()
    page.tabs.setCurrentWidget(page.agreements_tab)
    qtbot.waitExposed(page)

    def where() -> QPoint:
        return page.new_agreement_button.mapTo(page, QPoint(0, 0))

    before = where()
    page._say("A message long enough to wrap onto a second line in the status area. " * 2)
    qtbot.wait(10)
    assert where() == before
    page._say("")
    qtbot.wait(10)
    assert where() == before


def test_print_to_file_and_the_batch_folder_start_in_documents(
    qtbot: Any, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

    from contractdesk.ui.documents.printing import PrintFlow, PrintJob

    documents_folder().mkdir(parents=True, exist_ok=True)  # in the test's own home
    parent = QWidget()
    qtbot.addWidget(parent)
    flow = PrintFlow(parent)
    dialog = flow.ask(PrintJob((b"%PDF-1.4",), "Avtale 923130969/2021", 1))
    field = dialog.findChild(QLineEdit, "filename")
    assert field is not None
    assert Path(field.text()) == documents_folder() / "Avtale 923130969-2021.pdf"
    dialog.reject()

    from contractdesk.ui.documents.batch_dialog import BatchDialog

    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *args: asked.append(args[2]) or ""
    )
    seed(services)
    batch = BatchDialog(services, parent)
    qtbot.addWidget(batch)
    batch.folder.setText("")
    batch.browse()
    assert asked == [str(documents_folder())]

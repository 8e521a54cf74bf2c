"""The "Check document" (drag and drop) and "Import signed pages" dialogs on the Agreements page."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from documents_testkit import ORG_A, seed
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from contractdesk.ui.pages.agreements import AgreementsPage
from contractdesk.ui.tasks import SyncPool

TODAY = date(2026, 3, 2)
SHOTS = os.environ.get("CONTRACTDESK_SCREENSHOTS")  # a folder: save screenshots there to look at


@pytest.fixture
def page(qtbot, services):  # type: ignore[no-untyped-def]
    seed(services)
    widget = AgreementsPage()
    qtbot.addWidget(widget)
    widget.today = TODAY
    widget.set_services(services)
    widget.resize(1280, 800)
    widget.show()
    return widget


def _drop(widget, path: Path) -> None:  # type: ignore[no-untyped-def]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.layout().activate()
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_a_dropped_issued_pdf_is_checked_and_a_blank_scan_is_not(page, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf, ref = services.documents.signature_sheet(ORG_A, today=TODAY)
    file = tmp_path / "signert.pdf"
    file.write_bytes(pdf)
    dialog = page.verify_document()
    dialog.pool = SyncPool()
    _drop(dialog, file)
    text = dialog.answer.text()
    assert text.startswith("✔ Exactly as issued") and ref.document_id in text
    assert ref.fingerprint in text and "923130969" in text
    _shot(dialog, "verify-match-en")
    blank = tmp_path / "blank.png"
    Image.new("L", (600, 800), 255).save(blank)
    dialog.check(str(blank))
    assert dialog.answer.text().startswith("✖ Not an issued document")
    assert not dialog.result_value.match


def test_import_signed_pages_files_the_sheet_and_lists_the_blank_page(
    page, services, tmp_path, qapp
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    pdf, ref = services.documents.signature_sheet(ORG_A, today=TODAY)
    sheet = tmp_path / "signert.pdf"
    sheet.write_bytes(pdf)
    blank = tmp_path / "tom.png"
    Image.new("L", (600, 800), 255).save(blank)
    dialog = page.import_scans()
    dialog.pool = SyncPool()
    assert not dialog.import_button.isEnabled()
    dialog.set_files([str(sheet), str(blank)])
    dialog.start()
    assert [dialog.filed.item(i).text() for i in range(dialog.filed.count())] == [
        f"signert.pdf, page 1 → {ref.document_id}"
    ]
    assert dialog.unmatched.count() == 1 and dialog.unmatched.item(0).text().startswith(
        "tom.png, page 1: "
    )
    _shot(dialog, "import-en")
    try:
        install_language(qapp, "nb")
        dialog.retranslate()
        dialog.start()  # the same scan again: filed before, nothing recorded twice
        assert dialog.windowTitle() == "Importer signerte sider"
        assert dialog.filed.item(0).text().endswith("(arkivert før)")
        _shot(dialog, "import-nb")
    finally:
        install_language(qapp, "en")
    assert len(services.agreements.acceptances(ORG_A)) == 1


def test_problems_before_issuing_are_shown_and_issuing_waits_for_the_user(page, services) -> None:  # type: ignore[no-untyped-def]
    from documents_testkit import ORG_B

    from contractdesk.ui.documents.issue_check_dialog import confirm_issue

    issued: list[str] = []
    dialog = confirm_issue(page, services, ORG_B, lambda: issued.append("yes"), today=TODAY)
    assert dialog is not None and issued == []
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("no data on who may sign" in t for t in texts)
    _shot(dialog, "issue-check-en")
    dialog.issue_button.click()
    assert issued == ["yes"]

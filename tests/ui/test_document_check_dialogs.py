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
    assert dialog.import_button.text() == "&Read pages"
    dialog.start()  # reads the pages: the signatory is chosen next
    box = dialog.signer_boxes[ref.document_id]
    assert [box.itemText(i) for i in range(box.count())] == [
        "Kari Nordmann (a signatory by the registry)",
        "Ola Nordmann (not a signatory by the registry)",
    ]
    assert box.currentText().startswith("Kari Nordmann")  # the registry's signer, as issued
    assert dialog.import_button.text() == "&Record" and dialog.filed.count() == 0
    _shot(dialog, "import-signatory-en")
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
        dialog.start()  # the same scan again: filed before, nothing to choose, nothing twice
        assert dialog.windowTitle() == "Importer signerte sider"
        assert dialog.filed.item(0).text().endswith("(arkivert før)")
        _shot(dialog, "import-nb")
    finally:
        install_language(qapp, "en")
    [acceptance] = services.agreements.acceptances(ORG_A)
    assert acceptance.signed_by_name == "Kari Nordmann"


def test_the_signatory_chosen_for_imported_pages_is_recorded(
    page, services, tmp_path, qapp
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    pdf, ref = services.documents.signature_sheet(ORG_A, today=TODAY)
    sheet = tmp_path / "signert.pdf"
    sheet.write_bytes(pdf)
    try:
        install_language(qapp, "nb")
        dialog = page.import_scans()
        dialog.pool = SyncPool()
        dialog.set_files([str(sheet)])
        assert dialog.import_button.text() == "&Les sidene"
        dialog.start()
        box = dialog.signer_boxes[ref.document_id]
        assert box.itemText(0) == "Kari Nordmann (signaturberettiget ifølge Enhetsregisteret)"
        box.setCurrentIndex(box.findText("Ola Nordmann", Qt.MatchFlag.MatchStartsWith))
        _shot(dialog, "import-signatory-nb")
        dialog.start()
        assert dialog.filed.count() == 1
    finally:
        install_language(qapp, "en")
    [acceptance] = services.agreements.acceptances(ORG_A)
    assert acceptance.signed_by_name == "Ola Nordmann"
    assert acceptance.accepted_on == TODAY  # the date asked once, default today


def test_problems_before_issuing_are_shown_and_issuing_waits_for_the_user(page, services) -> None:  # type: ignore[no-untyped-def]
    from documents_testkit import ORG_B

    from contractdesk.ui.documents.issue_check_dialog import confirm_issue

    issued: list[str] = []
    dialog = confirm_issue(
        page, services, ORG_B, lambda: issued.append("yes"), today=TODAY, pool=SyncPool()
    )
    assert dialog is not None and issued == []
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("no data on who may sign" in t for t in texts)
    assert dialog.draft_box is None  # the terms name the supplier profile's business
    dialog.issue_button.click()
    assert issued == ["yes"]


@pytest.fixture
def card_b(qtbot, services):  # type: ignore[no-untyped-def]
    """The document buttons for ORG_B (no registry data on who may sign), tasks synchronous."""
    from documents_testkit import ORG_B

    from contractdesk.ui.documents.actions import DocumentActions, DocumentTarget

    seed(services)
    actions = DocumentActions(lambda: DocumentTarget(ORG_B), with_batch=False)
    qtbot.addWidget(actions)
    actions.set_services(services)
    actions.resize(1280, 100)
    actions.show()
    actions.pool = SyncPool()
    actions.today = TODAY
    return actions


@pytest.mark.parametrize("language", ["en", "nb"])
def test_preview_asks_first_cancel_issues_nothing_and_confirm_issues(
    card_b, services, qapp, language
) -> None:  # type: ignore[no-untyped-def]
    from documents_testkit import ORG_B

    from contractdesk.ui.documents.issue_check_dialog import IssueCheckDialog
    from contractdesk.ui.documents.preview import PdfPreviewDialog
    from contractdesk.ui.i18n import install_language

    actions = card_b
    try:
        install_language(qapp, language)
        actions.preview()
        dialog = actions.gate.dialog
        assert isinstance(dialog, IssueCheckDialog) and dialog.isVisible()
        texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        if language == "nb":
            assert dialog.windowTitle() == "Før utstedelse"
            assert dialog.issue_button.text() == "&Utsted likevel"
            assert any("Enhetsregisteret har ingen opplysninger" in t for t in texts), texts
        else:
            assert dialog.windowTitle() == "Before issuing"
            assert any("no data on who may sign for Fjordkraft Prøve AS" in t for t in texts)
        _shot(dialog, f"issue-check-{language}")
        dialog.reject()  # Cancel: nothing is issued
        assert services.agreements.agreements(ORG_B) == []
        assert not isinstance(actions.dialog, PdfPreviewDialog)
        actions.preview()  # not confirmed: asked again
        dialog = actions.gate.dialog
        assert isinstance(dialog, IssueCheckDialog)
        dialog.issue_button.click()
        assert isinstance(actions.dialog, PdfPreviewDialog)
        [agreement] = services.agreements.agreements(ORG_B)
        assert len(services.agreements.issued_versions(agreement.document_id)) == 1
        actions.dialog.close()
        actions.preview_sheet()  # the same problems, confirmed already: not asked again
        assert actions.gate.dialog is None and isinstance(actions.dialog, PdfPreviewDialog)
        actions.dialog.close()
    finally:
        install_language(qapp, "en")


def test_a_customer_without_problems_is_issued_without_a_dialog(card_b, services) -> None:  # type: ignore[no-untyped-def]
    from documents_testkit import ORG_A

    from contractdesk.ui.documents.actions import DocumentTarget
    from contractdesk.ui.documents.preview import PdfPreviewDialog

    actions = card_b
    actions.gate.pool = SyncPool()
    actions.gate.check(services, [ORG_A], lambda: None, today=TODAY)
    actions.gate.dialog.issue_button.click()  # the sample terms' sub-processor locations
    actions.target = lambda: DocumentTarget(ORG_A)
    actions.preview()  # nothing new to confirm: no dialog
    assert actions.gate.dialog is None and isinstance(actions.dialog, PdfPreviewDialog)
    actions.dialog.close()


def test_another_supplier_is_offered_the_draft_in_the_dialog(card_b, services, qapp) -> None:  # type: ignore[no-untyped-def]
    from documents_testkit import ORG_B, V1

    from contractdesk.services.supplier import SupplierProfile
    from contractdesk.ui.i18n import install_language

    services.supplier.save(
        SupplierProfile(
            "900000057",
            "Fjelltopp Data AS",
            ("Fjellvegen 1",),
            "6400",
            "MOLDE",
            email="post@fjelltopp.no",
            signer_name="Siri Fjell",
        ),
        actor="test",
    )
    actions = card_b
    actions.save_as("/nonexistent/never.pdf")
    dialog = actions.gate.dialog
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("names Webmaster Heimen as the supplier, not Fjelltopp Data AS" in t for t in texts)
    box = dialog.draft_box
    assert box is not None and box.label_edit.text() == TODAY.isoformat()
    _shot(dialog, "issue-check-supplier-en")
    try:
        install_language(qapp, "nb")
        dialog.retranslate()
        assert box.title() == "En annen leverandør"
        _shot(dialog, "issue-check-supplier-nb")
    finally:
        install_language(qapp, "en")
        dialog.retranslate()
    box.label_edit.setText("2026-06-01")
    box.make_button.click()
    assert box.result_label.text().startswith("Draft 2026-06-01 made")
    draft = services.terms.get("2026-06-01")
    assert draft.row.state == "draft" and draft.copied_from == V1
    dialog.reject()
    assert services.agreements.agreements(ORG_B) == []


def test_a_deleted_customer_is_shown_why_and_cannot_be_issued_anyway(card_b, services) -> None:  # type: ignore[no-untyped-def]
    from documents_testkit import ORG_DELETED

    from contractdesk.ui.documents.actions import DocumentTarget

    actions = card_b
    actions.target = lambda: DocumentTarget(ORG_DELETED)
    actions.print_pack()
    dialog = actions.gate.dialog
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0].startswith("Slettet Selskap AS (926 511 890): ")
    assert dialog.refused and not dialog.issue_button.isVisible()
    assert dialog.intro.text().startswith("The agreement cannot be issued")
    _shot(dialog, "issue-check-refused-en")
    dialog.reject()
    assert services.agreements.agreements(ORG_DELETED) == [] and actions.print_flow is None

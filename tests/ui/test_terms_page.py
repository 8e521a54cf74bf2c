"""The Terms page: read the shipped version by sections, copy/edit/publish a draft (DPA checklist), compare, register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from contractdesk.store.shipped_terms import shipped_terms_dir, shipped_version
from contractdesk.ui.pages.terms import TermsPage
from contractdesk.ui.terms.models import (
    RED,
    ChecklistModel,
    DiffPartsModel,
    SubProcessorModel,
    VersionsModel,
)

# Background tasks run synchronously here; the journeys on the real pool are in test_journey.py.
pytestmark = pytest.mark.usefixtures("sync_tasks")

SHIPPED = shipped_version("2021-04-17")


@pytest.fixture
def page(qtbot, services):  # type: ignore[no-untyped-def]
    widget = TermsPage()
    qtbot.addWidget(widget)
    widget.set_services(services)
    widget.resize(1200, 800)
    widget.show()
    return widget


def click_ok(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_terms_models_pass_the_model_tester(qtmodeltester, services) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.services.terms import checklist_to_dict

    services.terms.copy_to_draft("2021-04-17", "draft")
    versions = VersionsModel()
    versions.set_rows(services.terms.list_versions())
    qtmodeltester.check(versions)
    subs = SubProcessorModel()
    subs.set_rows(services.terms.subprocessors())
    qtmodeltester.check(subs)
    checklist = ChecklistModel()
    checklist.set_rows(checklist_to_dict(services.terms.checklist("2021-04-17"))["items"])
    qtmodeltester.check(checklist)
    parts = DiffPartsModel()
    parts.set_rows(list(services.terms.diff("2021-04-17", "draft").parts))
    qtmodeltester.check(parts)
    assert versions.rowCount() == 2 and subs.rowCount() == 7 and checklist.rowCount() == 8
    assert versions.data(versions.index(0, 3), Qt.ItemDataRole.ToolTipRole) == SHIPPED.sha256


def test_the_shipped_version_reads_by_sections_and_cannot_be_edited(page) -> None:  # type: ignore[no-untyped-def]
    assert page.selected_label() == "2021-04-17"
    labels = page.reader.section_labels()
    assert "8.1.1 Hovedkontakt/Nøkkelkontakt" in labels and "17.14 Signering" in labels
    assert any(label.startswith("Vedlegg 1") for label in labels)
    # the fingerprint is a technical detail: under "Details", not in the header
    assert SHIPPED.sha256 not in page.info.text()
    assert SHIPPED.sha256 in page.details.text.text()
    assert "Romsdal tingrett" in page.reader.text.toPlainText()
    assert page.reader.select_label("10.1 Fakturagebyr")
    page.tabs.setCurrentWidget(page.dpa_tab)
    dpa = page.dpa_model
    statuses = {dpa.data(dpa.index(r, 0)): dpa.data(dpa.index(r, 2)) for r in range(dpa.rowCount())}
    assert statuses == {
        "(a)": "Partial",
        "(b)": "Covered",
        "(c)": "Covered",
        "(d)": "Partial",
        "(e)": "Gap",
        "(f)": "Partial",
        "(g)": "Covered",
        "(h)": "Covered",
    }
    assert "Lov av 14. april 2000 nr. 31" in page.dpa_findings.text()
    assert page.copy_button.isEnabled()
    assert not page.edit_button.isEnabled() and not page.publish_button.isEnabled()
    assert not page.delete_button.isEnabled()


def test_copy_edit_compare_and_publish_a_draft_with_confirmed_gaps(qtbot, page, services) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    page.dialog.label.setText("2027-01-01")
    click_ok(qtbot, page.dialog)
    assert page.selected_label() == "2027-01-01"
    assert page.edit_button.isEnabled() and page.publish_button.isEnabled()

    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    editor = page.dialog
    cursor = editor.text.document().find("Romsdal tingrett")  # typed over, as a user would
    cursor.insertText("Oslo tingrett")
    click_ok(qtbot, editor)
    assert "Draft 2027-01-01 saved" in page.status.text()
    assert services.terms.get("2027-01-01").row.content_sha256 != SHIPPED.sha256

    page.tabs.setCurrentWidget(page.diff)
    page.diff.old_combo.setCurrentText("2021-04-17")
    page.diff.new_combo.setCurrentText("2027-01-01")
    model = page.diff.model
    assert [
        (model.data(model.index(r, 0)), model.data(model.index(r, 2)))
        for r in range(model.rowCount())
    ] == [("15", "Changed")]
    html = page.diff.text.toHtml()
    assert "Romsdal" in html and "Oslo" in html and "line-through" in html
    page.diff.changed_only.setChecked(False)
    assert model.rowCount() == len(services.terms.diff("2021-04-17", "2027-01-01").parts)

    qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.effective.setDate(dialog.effective.date().fromString("2027-01-01", "yyyy-MM-dd"))
    checklist = dialog.checklist_model
    e_row = checklist.row_of("e")
    assert checklist.data(checklist.index(e_row, 2)) == "Gap"
    assert checklist.data(checklist.index(e_row, 2), Qt.ItemDataRole.BackgroundRole).color() == RED
    assert "repealed" in dialog.findings.toPlainText()
    assert dialog.confirm.isVisible() and not dialog.ok_button.isEnabled()
    qtbot.mouseClick(
        dialog.confirm, Qt.MouseButton.LeftButton, pos=QPoint(6, dialog.confirm.height() // 2)
    )
    assert dialog.ok_button.isEnabled()
    click_ok(qtbot, dialog)
    row = page.selected_row()
    assert (row.label, row.state, row.effective_date) == (
        "2027-01-01",
        "published",
        date(2027, 1, 1),
    )
    assert row.sha256 in page.status.text()
    assert not page.edit_button.isEnabled()
    assert "published with confirmation" in page.info.text()


def test_import_shows_errors_inline_and_tells_when_the_text_is_already_published(
    qtbot, page, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.file.edit.setText(str(shipped_terms_dir() / "2021-04-17" / "source.txt"))
    dialog.label.setText("2021-04-17")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and "exists already" in dialog.error_label.text()
    dialog.label.setText("reimport")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert page.selected_label() == "reimport"
    assert "identical to the published version 2021-04-17" in page.status.text()


def test_subprocessor_register_is_edited_in_a_dialog(qtbot, page, services) -> None:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentWidget(page.subs_tab)
    assert page.subs_model.rowCount() == 7
    qtbot.mouseClick(page.sub_add, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.name.setText("Fiken AS")
    dialog.org_number.setText("123")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_label.text()
    dialog.org_number.setText("923 609 016")
    dialog.purpose.setText("Regnskap")
    click_ok(qtbot, dialog)
    assert page.subs_model.rowCount() == 8
    row = page.subs_model.row_of(services.terms.subprocessors()[-1].id)
    assert page.subs_model.data(page.subs_model.index(row, 1)) == "923 609 016"


def test_keyboard_reaches_versions_and_the_copy_dialog(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitActive(page):
        page.activateWindow()
    page.versions.setFocus()
    qtbot.keyClick(page.versions, Qt.Key.Key_Down)
    qtbot.keyClick(
        page.versions, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier
    )  # the button's mnemonic
    qtbot.waitUntil(
        lambda: page.dialog is not None and page.dialog.isVisible()
    )  # (an animated click)
    qtbot.keyClicks(page.dialog.label, "via-keyboard")
    qtbot.keyClick(page.dialog.label, Qt.Key.Key_Return)
    assert page.selected_label() == "via-keyboard"


def _word_file(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Avtalevilkår fra Word", style="Title")
    d.add_paragraph("Dato for gjeldende avtalevilkår er: 01.06.2026")
    d.add_heading("Avtalens formål", level=1)  # numbered by Word, not in the text
    d.add_paragraph("Avtalen gjelder leveranse av tjenester.")
    d.add_paragraph("Kunde: virksomheten som kjøper.", style="List Bullet")
    d.add_heading("Betaling", level=1)
    d.add_paragraph("Faktura sendes på papir.")
    d.save(str(path))


SHOTS = __import__("os").environ.get("CONTRACTDESK_SCREENSHOTS")


@pytest.mark.parametrize("language", ["en", "nb"])
def test_import_from_word_makes_a_draft_with_its_headings(
    qtbot, page, services, tmp_path: Path, qapp, language
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    file = tmp_path / "vilkar.docx"
    _word_file(file)
    try:
        install_language(qapp, language)
        page.retranslate()
        qtbot.mouseClick(page.word_button, Qt.MouseButton.LeftButton)
        dialog = page.dialog
        title = {"en": "Import terms from Word", "nb": "Importer vilkår fra Word"}[language]
        assert dialog.windowTitle() == title
        assert dialog.file.filters.startswith(
            {"en": "Word documents", "nb": "Word-dokumenter"}[language]
        )
        dialog.file.edit.setText(str(file))
        dialog.label.setText("word-2026")
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / f"terms-word-{language}.png"))
        click_ok(qtbot, dialog)
        assert not dialog.isVisible() and page.selected_label() == "word-2026"
    finally:
        install_language(qapp, "en")
    sections = services.terms.get("word-2026").document.sections
    assert [(s.number, s.title) for s in sections] == [("1", "Avtalens formål"), ("2", "Betaling")]


def test_a_file_that_is_not_word_is_refused_in_the_dialog(qtbot, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "fake.docx"
    file.write_text("not a zip", encoding="utf-8")
    page.import_terms(word=True)
    dialog = page.dialog
    dialog.file.edit.setText(str(file))
    dialog.label.setText("fake")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and "fake.docx is not a Word (.docx) document." in (
        dialog.error_label.text()
    )


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_draft_for_another_supplier_is_made_from_the_terms_page(
    page, services, qapp, language
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.domain.terms.fields import field_names
    from contractdesk.services.supplier import SupplierProfile
    from contractdesk.ui.i18n import install_language

    services.supplier.save(
        SupplierProfile("900000057", "Fjelltopp Data AS", ("Fjellvegen 1",), "6400", "MOLDE"),
        actor="test",
    )
    page.select_label("2021-04-17")
    assert page.supplier_button.isEnabled()
    if SHOTS:
        page.retranslate()
        page.grab().save(str(Path(SHOTS) / f"terms-page-{language}.png"))
    try:
        install_language(qapp, language)
        dialog = page.supplier_draft()
        dialog.box.retranslate()
        assert "Fjelltopp Data AS" in dialog.fit.text()
        assert (
            dialog.windowTitle()
            == {
                "en": "Draft for another supplier",
                "nb": "Utkast for en annen leverandør",
            }[language]
        )
        dialog.box.label_edit.setText("2026-09-01")
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / f"terms-supplier-draft-{language}.png"))
        dialog.box.make_button.click()
    finally:
        install_language(qapp, "en")
    assert page.selected_label() == "2026-09-01"
    draft = services.terms.get("2026-09-01")
    assert {"supplier.name", "supplier.email"} <= field_names(draft.document)
    assert "2026-09-01" in page.status.text() and "2021-04-17" in page.status.text()

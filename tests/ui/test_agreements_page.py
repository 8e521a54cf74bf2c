"""The Agreements page: record an acceptance with its scan, view the scan, the §14 list, confirm terminations."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from agreements_testkit import ORG_A, ORG_B, seed_two_customers
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox

from contractdesk.domain.terms.importer import to_plain_text
from contractdesk.ui.pages.agreements import AgreementsPage
from contractdesk.ui.terms.acceptance_dialogs import ScanViewer
from contractdesk.ui.terms.models import (
    AMBER,
    RED,
    AcceptanceModel,
    AgreementModel,
    ReacceptanceModel,
)

# Background tasks run synchronously here; journeys on the real pool are in test_journey.py.
pytestmark = pytest.mark.usefixtures("sync_tasks")


def real_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawString(72, 720, "Signert: Kari Nordmann")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def real_png() -> bytes:
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture
def customers(services):  # type: ignore[no-untyped-def]
    return seed_two_customers(services)


@pytest.fixture
def page(qtbot, customers):  # type: ignore[no-untyped-def]
    widget = AgreementsPage()
    qtbot.addWidget(widget)
    widget.today = date(2026, 11, 2)
    widget.set_services(customers)
    widget.resize(1200, 800)
    widget.show()
    return widget


def click_ok(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def select_rows(view, rows: list[int]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.setCurrentIndex(view.model().index(rows[0], 0))
    for row in rows[1:]:
        view.selectionModel().select(view.model().index(row, 0), flags)


def publish_v2(services, effective: date, today: date) -> None:  # type: ignore[no-untyped-def]
    draft = services.terms.copy_to_draft("2021-04-17", "v2")
    services.terms.update_draft(
        "v2", text=to_plain_text(draft.document).replace("Romsdal", "Molde")
    )
    services.terms.publish("v2", effective, confirm_gaps=True, today=today)


def test_agreement_models_pass_the_model_tester(qtmodeltester, customers) -> None:  # type: ignore[no-untyped-def]
    services = customers
    services.agreements.record_acceptance(
        ORG_A,
        "2021-04-17",
        method="paper",
        signed_by_person_id=2,
        accepted_on=date(2022, 1, 3),
        scan_bytes=real_png(),
        scan_filename="s.png",
        today=date(2022, 1, 3),
    )
    services.agreements.create_agreement(ORG_B)
    publish_v2(services, date(2027, 3, 1), date(2027, 1, 1))
    ledger = AcceptanceModel()
    ledger.set_rows(services.agreements.acceptances())
    qtmodeltester.check(ledger)
    agreements = AgreementModel()
    agreements.set_rows(services.agreements.agreements())
    qtmodeltester.check(agreements)
    notices = ReacceptanceModel()
    notices.set_rows(services.agreements.reacceptance_list("v2", today=date(2027, 1, 1)))
    qtmodeltester.check(notices)
    assert (ledger.rowCount(), agreements.rowCount(), notices.rowCount()) == (1, 2, 2)


def test_record_an_acceptance_by_a_non_signatory_with_its_scan_and_view_it(
    qtbot, page, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "signert.pdf"
    pdf = real_pdf()
    scan.write_bytes(pdf)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.customer.setCurrentIndex(dialog.customer.findData(ORG_A))
    dialog.select_signer(1)
    assert dialog.signer_check.text().startswith("✓")
    dialog.select_signer(2)
    assert "Ola Nordmann is not a signatory of Testesen AS" in dialog.signer_check.text()
    dialog.scan.edit.setText(str(tmp_path / "missing.pdf"))
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and "Cannot read" in dialog.error_label.text()
    dialog.scan.edit.setText(str(scan))
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert "⚠ Ola Nordmann is not a signatory" in page.status.text()
    model = page.ledger_model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 5)) == "Ola Nordmann"
    assert model.data(model.index(0, 6), Qt.ItemDataRole.BackgroundRole).color() == AMBER
    assert model.data(model.index(0, 7)) == "signert.pdf"

    page.ledger.setCurrentIndex(page.ledger_proxy.index(0, 0))
    assert page.view_scan_button.isEnabled() and not page.attach_scan_button.isEnabled()
    qtbot.mouseClick(page.view_scan_button, Qt.MouseButton.LeftButton)
    viewer = page.dialog
    assert isinstance(viewer, ScanViewer) and viewer.isVisible()
    assert viewer.page_count() == 1
    assert viewer.scan.data == pdf
    copy = viewer.save_copy(str(tmp_path / "copy.pdf"))
    assert Path(copy).read_bytes() == pdf  # byte-identical out of the encrypted store
    viewer.close()
    page.tabs.setCurrentWidget(page.agreements_tab)
    assert page.agreements_model.data(page.agreements_model.index(0, 4)) == "Active"


def test_a_scan_that_came_later_is_attached_and_shown_as_an_image(
    qtbot, page, customers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    customers.agreements.record_acceptance(
        ORG_B,
        "2021-04-17",
        method="paper",
        signed_by_person_id=2,
        accepted_on=date(2022, 1, 3),
        today=date(2022, 1, 3),
    )
    page.refresh()
    page.ledger.setCurrentIndex(page.ledger_proxy.index(0, 0))
    assert page.attach_scan_button.isEnabled() and not page.view_scan_button.isEnabled()
    bad = tmp_path / "notes.txt"
    bad.write_text("not a scan", encoding="utf-8")
    page.attach_scan(str(bad))
    assert "PDF or an image" in page.status.text()
    png = tmp_path / "scan.png"
    png.write_bytes(real_png())
    page.attach_scan(str(png))
    page.ledger.setCurrentIndex(page.ledger_proxy.index(0, 0))
    assert page.view_scan_button.isEnabled()
    page.view_scan()
    assert page.dialog.page_count() == 1 and page.dialog.image_label.pixmap().width() == 40


def test_reacceptance_list_notify_then_confirm_termination_explicitly(
    qtbot, page, customers
) -> None:  # type: ignore[no-untyped-def]
    services = customers
    for org, person in ((ORG_A, 1), (ORG_B, 2)):
        services.agreements.record_acceptance(
            org,
            "2021-04-17",
            method="online",
            signed_by_person_id=person,
            accepted_on=date(2022, 1, 3),
            today=date(2022, 1, 3),
        )
    publish_v2(services, date(2027, 3, 1), date(2026, 11, 2))
    page.refresh()
    page.tabs.setCurrentWidget(page.reaccept_tab)
    model = page.reaccept_model
    assert [model.data(model.index(r, 7)) for r in range(2)] == ["To notify", "To notify"]
    assert model.data(model.index(0, 3)) != ""  # last day to notify shown
    select_rows(page.reaccept, [0, 1])
    assert page.notify_button.isEnabled() and not page.terminate_button.isEnabled()
    qtbot.mouseClick(page.notify_button, Qt.MouseButton.LeftButton)
    page.dialog.how.setText("e-post til hovedkontakt")
    click_ok(qtbot, page.dialog)
    assert "2 customers marked notified." in page.status.text()

    services.agreements.record_acceptance(
        ORG_B,
        "v2",
        method="online",
        signed_by_person_id=2,
        accepted_on=date(2026, 11, 20),
        today=date(2026, 11, 20),
    )
    page.today = date(2026, 12, 3)  # a day after the deadline (notified 2 November)
    page.refresh()
    statuses = {
        model.row_at(r).org_number: model.data(model.index(r, 7)) for r in range(model.rowCount())
    }
    assert statuses == {ORG_A: "Overdue: termination proposed", ORG_B: "Accepted"}
    overdue = next(r for r in range(model.rowCount()) if model.row_at(r).org_number == ORG_A)
    assert model.data(model.index(overdue, 0), Qt.ItemDataRole.BackgroundRole).color() == RED
    assert "nothing ends until you confirm" in page.reaccept_summary.text()
    row = page.reaccept_proxy.mapFromSource(model.index(overdue, 0)).row()
    select_rows(page.reaccept, [row])
    assert page.terminate_button.isEnabled()
    qtbot.mouseClick(page.terminate_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert "Testesen AS" in dialog.details.toPlainText() and not dialog.ok_button.isEnabled()
    qtbot.mouseClick(
        dialog.confirm, Qt.MouseButton.LeftButton, pos=QPoint(6, dialog.confirm.height() // 2)
    )
    assert dialog.ok_button.isEnabled()
    click_ok(qtbot, dialog)
    assert "Terminated: Testesen AS" in page.status.text()
    states = {
        a.org_number: a.state
        for a in services.agreements.agreements()
        if a.terms_label == "2021-04-17"
    }
    assert states[ORG_A] == "terminated"
    statuses = {model.row_at(r).org_number: model.row_at(r).status for r in range(model.rowCount())}
    assert statuses[ORG_A] == "terminated"


def test_new_agreement_and_mark_sent(qtbot, page, customers) -> None:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentWidget(page.agreements_tab)
    qtbot.mouseClick(page.new_agreement_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.customer.setCurrentIndex(dialog.customer.findData(ORG_B))
    click_ok(qtbot, dialog)
    model = page.agreements_model
    assert model.rowCount() == 1 and model.data(model.index(0, 4)) == "Draft"
    page.agreements.setCurrentIndex(page.agreements_proxy.index(0, 0))
    assert page.selected_agreement_id() == model.row_at(0).id
    qtbot.mouseClick(page.mark_sent_button, Qt.MouseButton.LeftButton)
    page.dialog.label.setText("post@heimen.no")
    click_ok(qtbot, page.dialog)
    assert model.data(model.index(0, 4)) == "Sent"
    assert model.data(model.index(0, 5), Qt.ItemDataRole.ToolTipRole) == "Sent to post@heimen.no"


def test_publishing_terms_updates_the_reacceptance_counts_on_an_open_page(
    qtbot, page, customers
) -> None:  # type: ignore[no-untyped-def]
    for org, person in ((ORG_A, 1), (ORG_B, 2)):
        customers.agreements.record_acceptance(
            org,
            "2021-04-17",
            method="online",
            signed_by_person_id=person,
            accepted_on=date(2022, 1, 3),
            today=date(2022, 1, 3),
        )
    page.tabs.setCurrentWidget(page.reaccept_tab)
    assert page.reaccept_summary.text().startswith("0 to notify")
    publish_v2(customers, date(2027, 3, 1), date(2026, 11, 2))  # e.g. from the Terms page
    qtbot.waitUntil(lambda: page.reaccept_summary.text().startswith("2 to notify"))
    assert page.version_filter.findData("v2") > 0  # the new version is offered at once

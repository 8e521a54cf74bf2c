"""Settings → Agreement documents: the initials field ("Parafering") switch, in both languages."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from documents_testkit import ORG_A, seed

pytestmark = pytest.mark.usefixtures("sync_tasks")
SHOTS = os.environ.get("CONTRACTDESK_SCREENSHOTS")  # a folder: save screenshots there to look at


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_initials_switch_is_saved_and_new_documents_carry_the_field(
    qtbot, services, qapp, tmp_path, language
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language
    from contractdesk.ui.pages.settings import SettingsPage

    seed(services)
    try:
        install_language(qapp, language)
        page = SettingsPage()
        qtbot.addWidget(page)
        page.set_services(services)
        page.resize(1280, 800)
        page.show()
        box = page.documents_box
        assert not box.initials.isChecked()
        names = {
            "en": ("Agreement documents", "Initials field in the footer of every page"),
            "nb": ("Avtaledokumenter", "Parafering i bunnteksten på hver side"),
        }[language]
        assert (box.title(), box.initials.accessibleName()) == names
        box.initials.click()
        assert services.documents.initials_field() is True
        assert box.message.text().startswith("Saved" if language == "en" else "Lagret")
        if SHOTS:
            box.grab().save(str(Path(SHOTS) / f"document-settings-{language}.png"))
        again = SettingsPage()
        qtbot.addWidget(again)
        again.set_services(services)
        assert again.documents_box.initials.isChecked()  # read back from the store
    finally:
        install_language(qapp, "en")
    pdf, _ref = services.documents.agreement_pdf(ORG_A, today=date(2026, 3, 2))
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert all("Parafering:" in p for p in text.split("\f")[:-1])
    box.initials.click()
    assert services.documents.initials_field() is False

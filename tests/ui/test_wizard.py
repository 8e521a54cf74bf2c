"""First run: the wizard takes the supplier profile and a passphrase, and refuses bad input."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from contractdesk.ui.wizard import FirstRunWizard


def _fill_profile(wizard: FirstRunWizard, org: str = "971049669") -> None:
    form = wizard.profile_page.form
    form.org_number.setText(org)
    form.name.setText("Webmaster Heimen")
    form.address.setPlainText("Uranusvegen 5")
    form.postcode.setText("6419")
    form.city.setText("MOLDE")
    form.email.setText("frode@example.no")
    form.phone.setText("91 91 59 80")


def test_invalid_org_number_keeps_next_disabled(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(keyring_available=False)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_profile(wizard, org="971 049 668")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Not a valid" in wizard.profile_page.form.org_number_hint.text()
    wizard.profile_page.form.org_number.setText("971 049 669")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_without_keyring_a_matching_passphrase_is_required(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(keyring_available=False)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_profile(wizard)
    wizard.next()
    page = wizard.protection_page
    assert wizard.currentPage() is page
    assert page.use_passphrase.isChecked() and not page.use_passphrase.isEnabled()
    page.passphrase.setText("correct horse")
    page.repeat.setText("correct hors")
    assert not page.isComplete()
    assert "differ" in page.hint.text()
    page.repeat.setText("correct horse")
    assert page.isComplete()
    result = wizard.result_value()
    assert result.passphrase == "correct horse"
    assert result.profile.org_number == "971049669"
    assert result.profile.phone == "+4791915980"


def test_with_keyring_no_passphrase_is_needed(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(keyring_available=True)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_profile(wizard)
    wizard.next()
    assert wizard.protection_page.isComplete()
    assert wizard.result_value().passphrase is None


def test_bad_email_is_reported_on_the_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(keyring_available=False)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_profile(wizard)
    wizard.profile_page.form.email.setText("not an address")
    wizard.next()
    assert wizard.currentPage() is wizard.profile_page
    assert "E-mail" in wizard.profile_page.error.text()

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
    wizard.next()  # past "where do you keep your data?" (this computer: the default)
    _fill_profile(wizard, org="971 049 668")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Not a valid" in wizard.profile_page.form.org_number_hint.text()
    wizard.profile_page.form.org_number.setText("971 049 669")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_without_keyring_a_matching_passphrase_is_required(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(keyring_available=False)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()  # past "where do you keep your data?" (this computer: the default)
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
    wizard.next()  # past "where do you keep your data?" (this computer: the default)
    _fill_profile(wizard)
    wizard.next()
    assert wizard.protection_page.isComplete()
    assert wizard.result_value().passphrase is None


def test_bad_email_is_reported_on_the_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(keyring_available=False)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()  # past "where do you keep your data?" (this computer: the default)
    _fill_profile(wizard)
    wizard.profile_page.form.email.setText("not an address")
    wizard.next()
    assert wizard.currentPage() is wizard.profile_page
    assert "E-mail" in wizard.profile_page.error.text()


def test_the_first_page_offers_this_computer_or_the_team(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(keyring_available=True)
    qtbot.addWidget(wizard)
    wizard.resize(1280, 800)
    wizard.show()
    page = wizard.mode_page
    assert wizard.currentPage() is page
    assert page.local.isChecked() and not page.team.isChecked()  # alone: the default
    page.team.setChecked(True)
    wizard.next()
    server = wizard.server_page
    assert wizard.currentPage() is server
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert server.tls.isChecked()  # TLS required unless turned off explicitly
    server.host.setText("db.example.no")
    server.user.setText("kari")
    server.password.setText("s3cret pw")
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    # turning TLS off for a server elsewhere is allowed, with a warning
    server.tls.setChecked(False)
    assert "TLS" in server.hint.text()
    server.host.setText("localhost")
    assert server.hint.text() == ""
    result = wizard.result_value()
    assert result.profile is None and result.restore is None
    assert result.server is not None
    assert (result.server.host, result.server.port, result.server.database) == (
        "localhost",
        5432,
        "contractdesk",
    )
    assert result.server.password == "s3cret pw" and not result.server.require_tls
    assert "s3cret" not in repr(result.server)


def test_every_control_of_the_set_up_choice_has_an_accessible_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QSpinBox

    wizard = FirstRunWizard(keyring_available=True)
    qtbot.addWidget(wizard)
    for page in (wizard.mode_page, wizard.server_page):
        controls = page.findChildren(QAbstractButton) + page.findChildren(QLineEdit)
        controls += page.findChildren(QSpinBox)
        controls = [c for c in controls if c.parent() is page or c.parent().parent() is page]
        assert controls
        for control in controls:
            if isinstance(control, QLineEdit) and isinstance(control.parent(), QSpinBox):
                continue  # the spin box's own editor: the spin box carries the name
            assert control.accessibleName(), control


def test_set_up_choice_in_both_languages(qtbot, qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from contractdesk.ui.i18n import install_language

    shots = Path("/tmp/teammove-shots")
    shots.mkdir(exist_ok=True)
    try:
        for language, choice, tls in (
            ("nb", "Delt med teamet", "Krev kryptert tilkobling (TLS)"),
            ("en", "Shared with the team", "Require an encrypted connection (TLS)"),
        ):
            install_language(qapp, language)
            wizard = FirstRunWizard(keyring_available=True)
            qtbot.addWidget(wizard)
            wizard.resize(1280, 800)
            wizard.show()
            assert wizard.mode_page.team.accessibleName() == choice
            wizard.grab().save(str(shots / f"setup-choice-{language}.png"))
            wizard.mode_page.team.setChecked(True)
            wizard.next()
            assert wizard.server_page.tls.accessibleName() == tls
            wizard.server_page.host.setText("db.example.no")
            wizard.server_page.user.setText("kari")
            wizard.grab().save(str(shots / f"setup-server-{language}.png"))
    finally:
        install_language(qapp, "en")

"""Norwegian is complete: every user-visible string has a Bokmål text; the language switches."""

from __future__ import annotations

import filecmp
from pathlib import Path

from contractdesk.devtools import translations


def test_every_translatable_string_has_a_norwegian_text(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    translations.update(fresh)
    wanted = set(translations.messages(fresh))
    have = translations.messages(translations.TS)
    absent = sorted(wanted - set(have))
    assert absent == [], (
        f"run `uv run python -m contractdesk.devtools.translations update`: {absent[:5]}"
    )
    untranslated = sorted(k for k in wanted if not have[k][0] or have[k][1] == "unfinished")
    assert untranslated == [], (
        f"{len(untranslated)} strings lack Norwegian, e.g. {untranslated[:5]}"
    )


def test_compiled_qm_matches_the_ts_file(tmp_path: Path) -> None:
    qm = tmp_path / "check.qm"
    translations.release(translations.TS, qm)
    assert filecmp.cmp(qm, translations.QM, shallow=False), (
        "run `... translations release` and commit the .qm"
    )
    en_qm = tmp_path / "check_en.qm"
    translations.release(translations.EN_TS, en_qm)
    assert filecmp.cmp(en_qm, translations.EN_QM, shallow=False), (
        "run `... translations release` and commit the .qm"
    )


def test_every_count_has_its_plural_forms_in_both_languages(tmp_path: Path) -> None:
    """A ``%n`` text is a plural message (lupdate marks it only for ``self.tr(…, n)``), with forms
    in nb and en."""
    import xml.etree.ElementTree as ET

    fresh = tmp_path / "fresh.ts"
    translations.update(fresh)
    counted = []
    for ctx in ET.parse(fresh).getroot().iter("context"):
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            if "%n" in source or "%Ln" in source:
                counted.append((ctx.findtext("name"), source))
                assert msg.get("numerus") == "yes", (
                    f"not extracted as a plural (use self.tr(..., n)): {source!r}"
                )
    assert len(counted) >= 15
    norwegian = translations.messages(translations.TS)
    english = translations.messages(translations.EN_TS)
    for key in counted:
        assert len(norwegian[key][0].split("|")) == 2 and norwegian[key][1] != "unfinished", key
        assert len(english[key][0].split("|")) == 2 and english[key][1] != "unfinished", key
    assert translations.missing(translations.EN_TS) == []


def test_switching_to_norwegian_retranslates_the_main_window(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.i18n import translate
    from contractdesk.ui.i18n import install_language
    from contractdesk.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    try:
        install_language(qapp, "nb")
        window.retranslate()
        titles = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert titles[:2] == ["Oversikt", "Kunder"]
        assert titles[-1] == "Innstillinger"
        assert window.file_menu.title() == "&Fil"
        assert translate("SettingsPage", "Settings") == "Innstillinger"
    finally:
        install_language(qapp, "en")
    window.retranslate()
    assert window.nav.item(1).text() == "Customers"


def test_qts_own_buttons_read_norwegian(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from contractdesk.ui.i18n import install_language

    try:
        install_language(qapp, "nb")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
        assert QCoreApplication.translate("AgreementTexts", "Paper signature") == "Papirsignatur"
    finally:
        install_language(qapp, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"

"""Language: Norwegian Bokmål or English through Qt translation files in resources/translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from contractdesk.resources import resource_path

SUPPORTED = ("nb", "en")
_installed: list[QTranslator] = []


def system_language() -> str:
    """``nb`` for a Norwegian system locale (nb, nn, no), else ``en``."""
    name = QLocale.system().name().lower()
    return "nb" if name.startswith(("nb", "nn", "no")) else "en"


def chosen_language(settings: QSettings | None = None) -> str:
    settings = settings or QSettings()
    value = str(settings.value("language", "") or "")
    return value if value in SUPPORTED else system_language()


def install_language(app: QCoreApplication, language: str) -> str:
    """Install the translator for ``language`` (English: its plural forms only). Returns the
    language in force."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language not in SUPPORTED:
        language = "en"
    if language == "en":
        # English needs only the plural forms ("1 invoice", "2 invoices"); every other text is the
        # source.
        plurals = QTranslator(app)
        if plurals.load(str(resource_path("translations", "contractdesk_en.qm"))):
            app.installTranslator(plurals)
            _installed.append(plurals)
    else:
        translator = QTranslator(app)
        qm = resource_path("translations", f"contractdesk_{language}.qm")
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
        qt_translator = QTranslator(app)
        from PySide6.QtCore import QLibraryInfo

        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        # Qt ships no qtbase_nb: ours (resources/translations) covers Qt's own buttons and dialogs.
        if qt_translator.load(f"qtbase_{language}", qt_dir) or qt_translator.load(
            str(resource_path("translations", f"qtbase_{language}.qm"))
        ):
            app.installTranslator(qt_translator)
            _installed.append(qt_translator)
    from contractdesk.i18n import install_translator

    install_translator(QCoreApplication.translate)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.NorwegianBokmal if language == "nb" else QLocale.Language.English,
            QLocale.Country.Norway,
        )
    )
    return language

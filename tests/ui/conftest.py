"""GUI test settings: QSettings in a temp folder, one session-wide QApplication (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    qapp.setOrganizationName("ContractDeskTests")
    qapp.setApplicationName("ContractDeskTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    QSettings().clear()


@pytest.fixture(autouse=True, scope="session")
def _english_as_at_start_up(qapp) -> None:  # type: ignore[no-untyped-def]
    """The language the app installs at start-up: English texts with their plural forms ("1 page", "17 pages")."""
    from contractdesk.ui.i18n import install_language

    install_language(qapp, "en")

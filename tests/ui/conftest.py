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
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings().clear()

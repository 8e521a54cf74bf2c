"""Where file dialogs start: the user's Documents folder, never the program's working folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """The user's Documents folder (the home folder when the system names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def in_documents(name: str = "") -> str:
    """A file dialog's starting path: ``name`` in the Documents folder (or the folder itself)."""
    return str(documents_folder() / name) if name else str(documents_folder())

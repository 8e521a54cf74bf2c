"""The application icon, from the PNG sizes shipped in resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from contractdesk.resources import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"contractdesk-{size}.png")))
    return icon

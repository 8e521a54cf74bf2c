"""Icons: the application icon (PNG sizes in resources/icons) and one consistent set for the rest.

Every icon in the window comes from one family, Material Design Icons 6 (Pictogrammers, Apache
2.0; see resources/icons/ui/LICENSE.md), named by meaning so a page asks for ``icon("customers")``,
never for a glyph name. They are PNGs rendered once with ``qtawesome`` (a development tool:
``uv run python -m contractdesk.ui.render_icons``), so start-up loads no icon font.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from contractdesk.resources import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# meaning -> Material Design Icons 6 glyph
GLYPHS: dict[str, str] = {
    "overview": "mdi6.view-dashboard-outline",
    "customers": "mdi6.domain",
    "agreements": "mdi6.file-sign",
    "terms": "mdi6.text-box-outline",
    "billing": "mdi6.cash-multiple",
    "privacy": "mdi6.shield-account-outline",
    "settings": "mdi6.cog-outline",
    "drafts": "mdi6.file-edit-outline",
    "unreturned": "mdi6.email-alert-outline",
    "notices": "mdi6.bell-ring-outline",
    "binding": "mdi6.calendar-lock-outline",
    "price_notice": "mdi6.tag-arrow-up-outline",
    "requests": "mdi6.account-lock-outline",
    "registry": "mdi6.alert-octagon-outline",
    "invoices": "mdi6.receipt-text-outline",
    "ordering": "mdi6.file-document-alert-outline",
    "breaches": "mdi6.shield-alert-outline",
    "retention": "mdi6.delete-clock-outline",
    "runs": "mdi6.receipt-text-clock-outline",
    "add": "mdi6.plus",
    "refresh": "mdi6.refresh",
    "help": "mdi6.help-circle-outline",
    "done": "mdi6.check-circle",
    "todo": "mdi6.checkbox-blank-circle-outline",
    "open": "mdi6.arrow-right",
    "print": "mdi6.printer-outline",
    "save": "mdi6.content-save-outline",
    "email": "mdi6.email-outline",
    "details": "mdi6.information-outline",
}

ICON_COLOR = "#37474f"
# (name, colour) drawn in a colour other than ICON_COLOR somewhere in the window
VARIANTS: tuple[tuple[str, str], ...] = (("done", "#2e7d32"), ("todo", "#757575"))


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"contractdesk-{size}.png")))
    return icon


def file_stem(name: str, color: str = ICON_COLOR) -> str:
    """The PNG's name without size suffix: ``customers``, ``done-2e7d32``."""
    return name if color == ICON_COLOR else f"{name}-{color.lstrip('#').lower()}"


@cache
def icon(name: str, color: str = ICON_COLOR) -> QIcon:
    """The icon for ``name`` (a key of :data:`GLYPHS`), in ``color`` (ICON_COLOR or a VARIANT).

    Loaded from the PNGs ``contractdesk.ui.render_icons`` renders into resources/icons/ui.
    """
    stem = file_stem(name, color)
    result = QIcon()
    for suffix in ("", "@2x"):
        result.addFile(str(resource_path("icons", "ui", f"{stem}{suffix}.png")))
    return result

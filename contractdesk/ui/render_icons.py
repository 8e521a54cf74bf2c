"""Render the window's icons into resources/icons/ui (PNG, 32 and 64 px) from qtawesome.

    uv run python -m contractdesk.ui.render_icons

The app itself never imports qtawesome (its import and font loading cost start-up time): it
loads these PNGs. Add an icon: name it in ``contractdesk.ui.icons.GLYPHS`` (and a colour variant
in ``VARIANTS`` if a page draws it in another colour), then run this module.
"""

from __future__ import annotations

import os
import sys

from contractdesk.resources import resource_path


def render() -> list[str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qtawesome
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from contractdesk.ui.icons import GLYPHS, ICON_COLOR, VARIANTS, file_stem

    _app = QApplication.instance() or QApplication([])
    folder = resource_path("icons", "ui")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    jobs = [(name, ICON_COLOR) for name in GLYPHS] + list(VARIANTS)
    for name, color in jobs:
        drawn = qtawesome.icon(GLYPHS[name], color=QColor(color))
        for size, suffix in ((32, ""), (64, "@2x")):
            path = folder / f"{file_stem(name, color)}{suffix}.png"
            drawn.pixmap(size, size).save(str(path))
            written.append(path.name)
    del _app
    return written


if __name__ == "__main__":
    names = render()
    print(f"{len(names)} icons written", file=sys.stderr)

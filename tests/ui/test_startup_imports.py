"""The window paints before SQLAlchemy and the store load: UI modules import them lazily."""

from __future__ import annotations

import subprocess
import sys


def test_main_window_module_does_not_import_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "import contractdesk.app, contractdesk.ui.main_window\n"
        # the first page is built before the first paint too
        "import contractdesk.ui.pages.overview\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'reportlab', 'httpx'))\n"
        "print(','.join(heavy) or 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none", (
        "UI modules must import services/store/reportlab/httpx inside functions (or under TYPE_CHECKING): "
        + result.stdout
    )

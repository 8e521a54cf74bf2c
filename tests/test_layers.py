"""The core (domain, store, services, registry, output, cli) imports without PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import contractdesk

CORE_PACKAGES = ("domain", "store", "services", "registry", "output", "scanning", "cli")


def _core_modules() -> list[str]:
    root = Path(contractdesk.__file__).parent
    names = []
    for pkg in CORE_PACKAGES:
        if not (root / pkg).is_dir():
            continue
        names.append(f"contractdesk.{pkg}")
        for info in pkgutil.walk_packages([str(root / pkg)], prefix=f"contractdesk.{pkg}."):
            # Alembic's env.py and revision scripts run only inside Alembic, never as imports.
            if not info.name.startswith("contractdesk.store.migrations."):
                names.append(info.name)
    return names


def test_core_imports_without_pyside6() -> None:
    modules = _core_modules()
    assert "contractdesk.domain.orgnr" in modules
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
        "            raise ImportError('PySide6 is blocked in the core')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "assert not any(k.startswith('PySide6') for k in sys.modules)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_domain_imports_neither_qt_nor_sqlalchemy() -> None:
    root = Path(contractdesk.__file__).parent / "domain"
    offenders = []
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("import PySide6", "from PySide6", "import sqlalchemy", "from sqlalchemy"):
            if banned in text:
                offenders.append(f"{path.name}: {banned}")
    assert offenders == []

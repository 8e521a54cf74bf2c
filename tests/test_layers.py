"""The core (domain, store, services, registry, output, cli) imports without PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

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


# --- One direction of layers, proved on the source (AST), not by convention -----------------------
import ast  # noqa: E402  (the section's own imports)

PACKAGE = Path(contractdesk.__file__).parent

# Modules that still break a rule while their area is being reshaped (issue 11). The lists may
# only shrink: an entry that no longer breaks the rule fails too, so it gets removed.
KNOWN_SQLALCHEMY_OUTSIDE_STORE: set[str] = set()
KNOWN_DOMAIN_FILE_ACCESS: set[str] = set()
FILE_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "open", "touch", "unlink"}


def _sources(under: str = "") -> list[tuple[str, ast.Module]]:
    root = PACKAGE / under if under else PACKAGE
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        found.append((rel, ast.parse(path.read_text(encoding="utf-8"), rel)))
    return found


def _imported(tree: ast.Module) -> set[str]:
    """Every module imported anywhere in the file (also inside functions)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _offenders(rule, skip: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {rel for rel, tree in _sources() if not rel.startswith(skip) and rule(tree)}


def _imports(tree: ast.Module, package: str) -> bool:
    return any(n == package or n.startswith(package + ".") for n in _imported(tree))


def _check(found: set[str], known: set[str], what: str) -> None:
    new = sorted(found - known)
    fixed = sorted(known - found)
    assert not new, f"{what}: {new}"
    assert not fixed, f"no longer {what} (remove from the known list): {fixed}"


def test_only_the_store_imports_sqlalchemy() -> None:
    found = _offenders(lambda t: _imports(t, "sqlalchemy"), "store/")
    _check(found, KNOWN_SQLALCHEMY_OUTSIDE_STORE, "import sqlalchemy outside contractdesk/store/")


def test_only_the_ui_imports_pyside6() -> None:
    found = _offenders(lambda t: _imports(t, "PySide6") or _imports(t, "shiboken6"), "ui/")
    _check(found, set(), "import PySide6 outside contractdesk/ui/")


# What each lower layer must never import (the layers point one way: domain <- store <- services
# <- ui/cli; registry and output are adapters beside the store, never below it).
NEVER_IMPORTS: dict[str, tuple[str, ...]] = {
    "domain/": ("store", "services", "output", "registry", "ui", "cli"),
    "store/": ("output", "services", "registry", "ui", "cli"),
}


@pytest.mark.parametrize("layer", sorted(NEVER_IMPORTS))
def test_lower_layers_never_import_higher_ones(layer: str) -> None:
    found = {
        f"{rel}: contractdesk.{banned}"
        for rel, tree in _sources(layer.rstrip("/"))
        for banned in NEVER_IMPORTS[layer]
        if _imports(tree, f"contractdesk.{banned}")
    }
    assert found == set(), f"contractdesk/{layer} imports a higher layer"


def test_the_layer_rule_sees_a_store_module_importing_output() -> None:
    tree = ast.parse("def f():\n    from contractdesk.output.atomic import save_atomic")
    assert _imports(tree, "contractdesk.output")


def _opens_files(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        fn = node.func
        if isinstance(fn, ast.Name) and fn.id == "open":
            return True
        if isinstance(fn, ast.Attribute) and fn.attr in FILE_METHODS:
            return True
        if (
            isinstance(fn, ast.Attribute)
            and isinstance(fn.value, ast.Name)
            and fn.value.id == "os"
            and fn.attr in {"replace", "fsync", "mkdir"}
        ):
            return True
    return _imports(tree, "tempfile") or _imports(tree, "shutil")


def test_the_domain_opens_no_files() -> None:
    found = {rel for rel, tree in _sources("domain") if _opens_files(tree)}
    _check(found, KNOWN_DOMAIN_FILE_ACCESS, "file access in contractdesk/domain/")


def test_the_file_rule_sees_path_and_builtin_open() -> None:
    assert _opens_files(ast.parse("from pathlib import Path\nPath('x').read_text()"))
    assert _opens_files(ast.parse("def f():\n    with open('x') as fh:\n        pass"))
    assert _opens_files(ast.parse("import os\nos.replace('a', 'b')"))
    assert not _opens_files(ast.parse("text = 'open'.upper()"))
    assert _imports(ast.parse("def f():\n    from sqlalchemy.orm import Session"), "sqlalchemy")

"""AT-SPI probe (runs under the SYSTEM python3 with pyatspi, inside a dbus session and an X server).

Starts the app (the command after ``--``), waits for it on the accessibility bus, walks every
page the way a screen reader does (clicking the sidebar with real mouse clicks through xdotool),
and prints one JSON object: the pages reached and every interactive control without a name.

    dbus-run-session -- python3 tests/ui/atspi_probe.py -- .venv/bin/python -m contractdesk --demo
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pyatspi  # type: ignore[import-not-found]  # system package python3-pyatspi

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_TABLE,
    pyatspi.ROLE_TREE,
    pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_PAGE_TAB,
}


def find_app(name: str, timeout: float = 30.0) -> object | None:
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and (app.name or "").lower().startswith(name.lower()):
                return app
        time.sleep(0.5)
    return None


def walk(node: object, depth: int = 0) -> list[object]:
    out = [node]
    if depth > 40:
        return out
    try:
        children = list(node)
    except Exception:
        return out
    for child in children:
        if child is None:
            continue
        try:
            states = child.getState()
            if not states.contains(pyatspi.STATE_SHOWING):
                continue
        except Exception:
            continue
        out.extend(walk(child, depth + 1))
    return out


def unnamed(app: object) -> tuple[list[str], int]:
    """Interactive controls shown without a name, and how many interactive controls were seen."""
    found = []
    seen = 0
    for node in walk(app):
        try:
            role = node.getRole()
            if role not in INTERACTIVE:
                continue
            if role == pyatspi.ROLE_TEXT and not node.getState().contains(pyatspi.STATE_EDITABLE):
                continue  # read-only text is a label, named by its content
            seen += 1
            if not (node.name or "").strip():
                parent = node.parent
                found.append(f"{node.getRoleName()} in {parent.getRoleName() if parent else '?'}")
        except Exception:
            continue
    return found, seen


def click(node: object) -> None:
    """A real mouse click in the middle of ``node`` (screen coordinates from AT-SPI)."""
    box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    x, y = box.x + box.width // 2, box.y + box.height // 2
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True)


def nav_items(app: object) -> list[object]:
    for node in walk(app):
        try:
            if node.getRole() == pyatspi.ROLE_LIST and node.name in ("Pages", "Sider"):
                return [c for c in node if c is not None]
        except Exception:
            continue
    return []


def main() -> int:
    command = sys.argv[sys.argv.index("--") + 1 :]
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    app_process = subprocess.Popen(command, env=env)
    result: dict[str, object] = {"pages": [], "unnamed": {}, "error": None}
    try:
        app = find_app("contractdesk")
        if app is None:
            result["error"] = "the app did not appear on the accessibility bus"
            return 0
        time.sleep(2)
        items = nav_items(app)
        if not items:
            result["error"] = "no sidebar list named 'Pages' found"
            return 0
        for index in range(len(items)):
            item = nav_items(app)[index]
            name = item.name
            click(item)
            time.sleep(1.0)
            selected = item.getState().contains(pyatspi.STATE_SELECTED)
            result["pages"].append({"name": name, "selected_after_click": selected})  # type: ignore[union-attr]
            missing, seen = unnamed(app)
            result["unnamed"][name] = sorted(set(missing))  # type: ignore[index]
            result["pages"][-1]["controls"] = seen  # type: ignore[index]
    finally:
        app_process.terminate()
        try:
            app_process.wait(10)
        except subprocess.TimeoutExpired:
            app_process.kill()
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Locate the shipped `resources/` folder, from a source checkout, a wheel or a frozen bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """Return the folder holding fonts, terms, translations, icons and demo data."""
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    here = Path(__file__).resolve().parent
    candidates.append(here.parent / "resources")  # source checkout / editable install
    candidates.append(here / "_resources")  # installed wheel
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "ContractDesk resources folder not found; tried " + ", ".join(map(str, candidates))
    )


def resource_path(*parts: str) -> Path:
    """Return the path of one shipped resource, e.g. ``resource_path("fonts",
    "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)

"""Benchmark: how long background work stalls the GUI thread (Python's GIL), and what fixes it.

Records figures only (``uv run pytest tests/bench -m bench -s``): a heartbeat thread stands in for
the GUI thread while a worker (here: the calling thread) prints an agreement at 300 dpi, page by
page and in bands, and renders the first document of a session with and without the start-up heap
frozen. The longest heartbeat gap is the longest the GUI would have been frozen.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from documents_testkit import ORG_A, seed

pytestmark = pytest.mark.bench
TODAY = date(2026, 3, 2)


def longest_gap_ms(work: Callable[[], Any]) -> tuple[float, float]:
    """(wall ms of ``work``, the longest ms a 5 ms heartbeat thread waited meanwhile)."""
    gaps: list[float] = []
    stop = threading.Event()

    def beat() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    thread = threading.Thread(target=beat)
    thread.start()
    started = time.perf_counter()
    work()
    wall = time.perf_counter() - started
    stop.set()
    thread.join()
    return wall * 1000, max(gaps, default=0.0) * 1000


def test_gui_stalls_while_printing_and_rendering(qapp: Any, services: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtPrintSupport import QPrinter

    import contractdesk.ui.documents.printing as printing

    seed(services)
    wall, gap = longest_gap_ms(lambda: services.documents.agreement_pdf(ORG_A, today=TODAY))
    print(f"\nfirst document of the session: {wall:.0f} ms, longest GUI stall {gap:.0f} ms")
    gc.freeze()
    try:
        wall, gap = longest_gap_ms(lambda: services.paper.print_pack(ORG_A, today=TODAY))
        print(f"print pack, heap frozen: {wall:.0f} ms, longest GUI stall {gap:.0f} ms")
    finally:
        gc.unfreeze()
    sheet = services.paper.print_pack(ORG_A, today=TODAY).sheet

    def printer(name: str) -> QPrinter:
        made = QPrinter(QPrinter.PrinterMode.HighResolution)
        made.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        made.setOutputFileName(str(tmp_path / name))
        return made

    wall, gap = longest_gap_ms(lambda: printing.print_pdfs([sheet], printer("bands.pdf")))
    print(f"one page at 300 dpi in bands: {wall:.0f} ms, longest GUI stall {gap:.0f} ms")
    document, _buffer = printing._load(sheet)
    points = document.pagePointSize(0)  # type: ignore[attr-defined]  # QPdfDocument
    full = QSize(round(points.width() * 300 / 72), round(points.height() * 300 / 72))
    wall, gap = longest_gap_ms(lambda: document.render(0, full))  # type: ignore[attr-defined]
    print(f"one whole page rendered at 300 dpi: {wall:.0f} ms, GUI stall {gap:.0f} ms")
    print(f"load average {os.getloadavg()[0]:.1f}")

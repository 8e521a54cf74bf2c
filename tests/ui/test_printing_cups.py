"""Printing to a real CUPS queue: the Agreements page's Print button code path (print dialog
accepted as a user would, pages rendered and spooled in the background) sends the agreement to a
CUPS-PDF queue, and the PDF that CUPS-PDF writes is the agreement (title, pages, first page).

Needs the Debian packages ``cups`` and ``printer-driver-cups-pdf`` (.ci/run installs them);
without ``lpstat``/``cupsd`` it is skipped with the reason. A scheduler that is not running is
started for the test (as root) and stopped again; every wait has a deadline, so a CUPS that
does not answer fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from documents_testkit import ORG_A, V1, seed
from PySide6.QtPrintSupport import QPrinter
from test_printing import difference, page_png, pdf_pages

from contractdesk.ui.documents.printing import PrintFlow
from contractdesk.ui.pages.agreements import AgreementsPage

QUEUE = f"ContractDeskTest{os.getpid()}"  # its own queue: parallel runs never share one
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPSD = shutil.which("cupsd") or "/usr/sbin/cupsd"
SECONDS = 10  # to start the scheduler, and for each CUPS command


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=SECONDS, check=False)


def _scheduler_running() -> bool:
    return "is running" in _run("lpstat", "-r").stdout


def _out_dir() -> Path:
    """Where CUPS-PDF writes a job of this user (its ``Out`` setting, ``${HOME}`` the user's)."""
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
            if re.match(r"^\s*Out\s+", line):
                out = line.split(None, 1)[1].strip()
    home = pwd.getpwuid(os.getuid()).pw_dir  # CUPS-PDF's ${HOME}, not the test's isolated one
    return Path(out.replace("${HOME}", home))


@pytest.fixture(scope="module")
def cups_queue() -> Iterator[tuple[str, Path]]:
    """A CUPS-PDF queue on a running scheduler (started here when needed, stopped after)."""
    if shutil.which("lpstat") is None or not Path(CUPSD).exists():
        pytest.skip("CUPS is not installed (no lpstat/cupsd): apt-get install cups")
    if not BACKEND.exists() or not PPD.exists():
        pytest.skip("CUPS-PDF is not installed: apt-get install printer-driver-cups-pdf")
    started: subprocess.Popen[bytes] | None = None
    if not _scheduler_running():
        if os.geteuid() != 0:
            pytest.skip("the CUPS scheduler is not running, and only root may start it")
        started = subprocess.Popen(
            [CUPSD, "-f"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + SECONDS
        while not _scheduler_running():
            if time.monotonic() > deadline:
                started.kill()
                pytest.fail(f"cupsd did not start within {SECONDS} s")
            time.sleep(0.1)
        if started.poll() is not None:  # another run's scheduler won the socket: use that one
            started = None
    # 150 dpi (the driver's lowest): the filters' work is quick, the pages still comparable
    added = _run(
        *("lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(PPD)),
        *("-o", "Resolution=150dpi"),
    )
    try:
        if added.returncode != 0:
            pytest.fail(f"could not add the CUPS-PDF queue: {added.stderr.strip()}")
        yield QUEUE, _out_dir()
    finally:
        _run("lpadmin", "-x", QUEUE)
        if started is not None:
            started.terminate()
            try:
                started.wait(SECONDS)
            except subprocess.TimeoutExpired:
                started.kill()


def _new_pdf(queue: str, folder: Path, before: set[Path], timeout: float) -> Path:
    """The PDF CUPS-PDF writes after ``before`` was listed, once its job is done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(set(folder.glob("*.pdf")) - before) if folder.exists() else []
        if found and not _run("lpstat", "-o", queue).stdout.strip():  # no job left on the queue
            return found[-1]
        time.sleep(0.2)
    raise AssertionError(f"no PDF from CUPS-PDF in {folder} within {timeout} s")


def test_the_print_button_prints_the_agreement_on_a_real_cups_queue(
    qtbot: Any,
    services: Any,
    cups_queue: tuple[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    queue, folder = cups_queue

    def on_the_queue() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(queue)
        return printer

    monkeypatch.setattr(PrintFlow, "printer_factory", staticmethod(on_the_queue))
    monkeypatch.setattr(PrintFlow, "max_dpi", 60)  # enough to compare the pages; quick
    seed(services)
    agreement = services.agreements.create_agreement(ORG_A, V1)
    page = AgreementsPage()
    qtbot.addWidget(page)
    page.set_services(services)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: page.agreements_model.rowCount() > 0, timeout=SECONDS * 1000)
    page.tabs.setCurrentIndex(2)
    model = page.agreements_model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == agreement.id)
    page.agreements.setCurrentIndex(page.agreements_proxy.mapFromSource(model.index(row, 0)))
    before = set(folder.glob("*.pdf")) if folder.exists() else set()

    flow = page.document_actions.print_agreement()  # what the Print button calls
    assert flow is not None
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=20000)
    assert flow.printer is not None and flow.printer.printerName() == queue
    with qtbot.waitSignal(flow.printed, timeout=SECONDS * 1000) as printed:
        flow.dialog.accept()
    assert flow.printer.outputFormat() == QPrinter.OutputFormat.NativeFormat  # not to a file

    out = _new_pdf(queue, folder, before, timeout=15)
    source = services.documents.agreement_pdf(ORG_A)[0]
    work = tmp_path  # compare there; CUPS-PDF's folder is left as it was
    try:
        copy = work / "printed.pdf"
        shutil.copyfile(out, copy)
        original = work / "agreement.pdf"
        original.write_bytes(source)
        result = _run("pdfinfo", str(copy))
        info = result.stdout + result.stderr
        assert f"Agreement {agreement.document_id}" in info  # the job's title is the PDF's
        assert pdf_pages(copy) == pdf_pages(original) == printed.args[0]
        # the printed first page is the agreement's first page, not a blank or another page
        blank = work / "blank.png"
        shot, first = page_png(copy, 1, work), page_png(original, 1, work)
        from PySide6.QtGui import QColor, QImage

        image = QImage(first)
        image.fill(QColor("white"))
        image.save(str(blank))
        same = difference(shot, first)
        assert same < difference(shot, blank) * 0.75  # ~4 against ~9 for an empty page
        if pdf_pages(original) > 1:
            assert same < difference(shot, page_png(original, 2, work)) * 0.75
    finally:
        out.unlink(missing_ok=True)

"""PDF inspection with the real tools (poppler's pdftotext/pdffonts, qpdf) for the output tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

TOOLS = ("pdftotext", "pdffonts", "pdfinfo", "qpdf")


@dataclass
class PdfTools:
    """Runs poppler and qpdf on PDF bytes written to a temp folder."""

    folder: Path
    _n: int = 0

    @staticmethod
    def normalise(text: str) -> str:
        """Collapse white space (pdftotext breaks lines where the PDF wraps)."""
        return re.sub(r"\s+", " ", text).strip()

    def write(self, pdf: bytes) -> Path:
        self._n += 1
        path = self.folder / f"doc{self._n}.pdf"
        path.write_bytes(pdf)
        return path

    def _run(self, *args: str) -> str:
        result = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"
        return result.stdout

    @staticmethod
    def squeeze(text: str) -> str:
        """Remove all white space (compare text that may wrap anywhere, even inside words)."""
        return re.sub(r"\s+", "", text)

    def text(
        self, pdf: bytes, page: int | None = None, *, layout: bool = False, raw: bool = False
    ) -> str:
        """Extracted text (all pages, or one), no-break spaces made plain.

        ``raw`` keeps the drawing order (a table cell's lines stay together).
        """
        path = self.write(pdf)
        args = ["pdftotext", "-enc", "UTF-8"]
        if layout:
            args.append("-layout")
        if raw:
            args.append("-raw")
        if page is not None:
            args += ["-f", str(page), "-l", str(page)]
        return self._run(*args, str(path), "-").replace("\u00a0", " ")

    def pages(self, pdf: bytes) -> list[str]:
        """The text of each page (pdftotext separates pages with form feeds)."""
        path = self.write(pdf)
        out = self._run("pdftotext", "-enc", "UTF-8", str(path), "-").replace("\u00a0", " ")
        parts = out.split("\f")
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        return parts

    def info(self, pdf: bytes) -> dict[str, str]:
        path = self.write(pdf)
        out = self._run("pdfinfo", "-enc", "UTF-8", str(path))
        info = {}
        for line in out.splitlines():
            key, _, value = line.partition(":")
            info[key.strip()] = value.strip()
        return info

    def page_count(self, pdf: bytes) -> int:
        return int(self.info(pdf)["Pages"])

    def fonts(self, pdf: bytes) -> list[dict[str, str]]:
        """``pdffonts`` rows: name, type, emb, sub, uni."""
        path = self.write(pdf)
        lines = self._run("pdffonts", str(path)).splitlines()[2:]
        rows = []
        for line in lines:
            cols = line.split()
            # name type(may be 2 words) encoding emb sub uni object ID
            rows.append({"name": cols[0], "emb": cols[-5], "sub": cols[-4], "uni": cols[-3]})
        return rows

    def qpdf_check(self, pdf: bytes) -> str:
        path = self.write(pdf)
        result = subprocess.run(
            ["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    def objects(self, pdf: bytes) -> str:
        """All objects uncompressed (qpdf QDF form), as text, to scan for annotations/images."""
        path = self.write(pdf)
        out = path.with_suffix(".qdf.pdf")
        subprocess.run(
            [
                "qpdf",
                "--qdf",
                "--object-streams=disable",
                "--stream-data=uncompress",
                str(path),
                str(out),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return out.read_bytes().decode("latin-1")


@pytest.fixture(scope="session")
def _tools_present() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.fail(
            f"install poppler-utils and qpdf for the PDF tests (missing: {', '.join(missing)})"
        )


@pytest.fixture
def pdf_tools(tmp_path: Path, _tools_present: None) -> PdfTools:
    return PdfTools(tmp_path)

"""Agreement PDF benchmarks: one agreement warm, 1,000 in a batch, and LibreOffice for comparison.

Run: ``uv run pytest tests/bench/test_bench_pdf.py -m bench -s``. Figures are printed (and
never asserted against a time: the machine may be busy). Targets (issue 7): one agreement
within 50 ms in a warm process; 1,000 agreements within 20 s on 2 cores.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from contractdesk.domain.terms import document as td
from contractdesk.output.pdf import render_agreement
from contractdesk.output.pdf.batch import render_batch
from contractdesk.output.pdf.sample import SAMPLE_TERMS, sample_input

pytestmark = pytest.mark.bench


def _report(name: str, **figures: object) -> None:
    parts = ", ".join(f"{k}={v}" for k, v in figures.items())
    print(f"\n[bench] {name}: {parts}")


def _inputs(n: int):
    return [
        sample_input(org_number=f"9{i:08d}", name=f"Kunde {i} AS", document_id=f"AVT-{i:05d}")
        for i in range(n)
    ]


def _warm_single() -> dict[str, float]:
    inputs = _inputs(62)
    render_agreement(inputs[0])
    render_agreement(inputs[1])
    wall, cpu = [], []
    for inp in inputs[2:]:
        t, c = time.perf_counter(), time.process_time()
        render_agreement(inp)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return {
        "wall_median_ms": round(statistics.median(wall), 1),
        "wall_min_ms": round(min(wall), 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "cpu_min_ms": round(min(cpu), 1),
    }


def test_one_agreement_warm() -> None:
    figures = _warm_single()
    pdf = render_agreement(sample_input())
    _report(
        "one agreement, warm process (sample terms)",
        pages=len(re.findall(rb"/Type /Page[^s]", pdf)),
        size_kb=len(pdf) // 1024,
        load=os.getloadavg()[0],
        **figures,
    )
    assert pdf.startswith(b"%PDF-")


def test_first_agreement_in_a_fresh_process() -> None:
    code = (
        "import time; t=time.perf_counter()\n"
        "from contractdesk.output.pdf import render_agreement\n"
        "from contractdesk.output.pdf.sample import sample_input\n"
        "i=time.perf_counter(); render_agreement(sample_input()); r=time.perf_counter()\n"
        "print(round((i-t)*1000), round((r-i)*1000))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    import_ms, first_ms = map(int, out.stdout.split())
    _report("fresh process", import_ms=import_ms, first_agreement_ms=first_ms)


def test_thousand_agreements_batch(tmp_path: Path) -> None:
    inputs = _inputs(1000)
    result = render_batch(inputs, tmp_path, workers=2)
    assert result.ok
    files = list(tmp_path.iterdir())
    assert len(files) == 1000
    _report(
        "1,000 agreements, 2 worker processes",
        wall_s=round(result.seconds, 2),
        per_agreement_ms=round(result.seconds * 1000 / len(inputs), 1),
        worker_cpu_s=round(result.cpu_seconds, 1),
        cpu_per_agreement_ms=round(result.cpu_seconds * 1000 / len(inputs), 1),
        cpu_bound_estimate_on_2_idle_cores_s=round(result.cpu_seconds / 2, 1),
        load=os.getloadavg()[0],
        total_mb=round(sum(f.stat().st_size for f in files) / 1e6, 1),
    )


# --------------------------------------------------------------------------- LibreOffice


def _html(inp) -> str:
    """The same agreement as HTML (first page, contents, terms, signature blocks) for LibreOffice."""
    e = html.escape
    out = [
        (
            "<html><head><meta charset='utf-8'><style>body{font-family:'DejaVu Sans';font-size:9.5pt}"
            "table{border-collapse:collapse}td,th{border:1px solid #999;padding:3px}</style></head><body>"
        ),
        f"<h1>{e(inp.terms.title)}</h1><p>Avtale mellom <b>{e(inp.supplier.name)}</b> og <b>{e(inp.customer.name)}</b></p>",
        "<table><tr><th>Tjeneste</th><th>Pris</th><th>Periode</th><th>Binding</th><th>Gebyr</th></tr>",
    ]
    for s in inp.services:
        out.append(
            f"<tr><td>{e(s.name)}</td><td>kr {s.price}</td><td>{e(s.invoice_period)}</td>"
            f"<td>{e(s.binding)}</td><td>kr {s.invoice_fee}</td></tr>"
        )
    out.append("</table><h2>Innhold</h2><ul>")
    out.extend(f"<li>{e(s.number)} {e(s.title)}</li>" for s in inp.terms.all_sections())
    out.append("</ul>")

    def blocks(bs):
        for b in bs:
            if isinstance(b, td.Paragraph):
                out.append(f"<p>{e(b.text)}</p>")
            elif isinstance(b, td.BulletList):
                out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in b.items) + "</ul>")
            elif isinstance(b, td.Table):
                out.append(
                    "<table>"
                    + "".join(
                        "<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in b.rows
                    )
                    + "</table>"
                )
            elif isinstance(b, td.SignatureBlock):
                out.append(
                    "<p>Sted: ________ Dato: ________</p><table><tr><td>For kunden</td>"
                    f"<td>For {e(inp.supplier.name)}</td></tr></table>"
                )

    for sec in inp.terms.sections:
        out.append(
            f"<h{min(sec.level + 1, 4)}>{e(sec.number)} {e(sec.title)}</h{min(sec.level + 1, 4)}>"
        )
        blocks(sec.blocks)
    for annex in inp.terms.annexes:
        out.append(f"<h1 style='page-break-before:always'>{e(annex.label)} {e(annex.title)}</h1>")
        for sec in annex.sections:
            out.append(f"<h3>{e(sec.number)} {e(sec.title)}</h3>")
            blocks(sec.blocks)
    out.append("</body></html>")
    return "\n".join(out)


def test_ratio_against_libreoffice_headless(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    assert SAMPLE_TERMS.sections
    docs = []
    for i, inp in enumerate(_inputs(11)):
        path = tmp_path / f"avtale{i}.html"
        path.write_text(_html(inp), encoding="utf-8")
        docs.append(path)
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    base = [
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf:writer_web_pdf_Export",
        "--outdir",
        str(tmp_path / "out"),
    ]
    subprocess.run(
        [*base, str(docs[0])], capture_output=True, timeout=300, check=True
    )  # first start: profile
    t = time.perf_counter()
    subprocess.run([*base, str(docs[0])], capture_output=True, timeout=300, check=True)
    one = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run(base + [str(d) for d in docs[1:]], capture_output=True, timeout=600, check=True)
    ten = time.perf_counter() - t
    marginal = max(ten - one, 0.0) / 9
    shutil.rmtree(profile, ignore_errors=True)
    ours = _warm_single()["wall_median_ms"] / 1000
    pdfs = list((tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) == 11
    _report(
        "LibreOffice headless, same agreement as HTML",
        one_document_incl_start_s=round(one, 2),
        per_document_in_a_batch_of_10_s=round(ten / 10, 3),
        marginal_per_document_s=round(marginal, 3),
        reportlab_warm_s=round(ours, 3),
        ratio_batch=round((ten / 10) / ours, 1),
        ratio_single_incl_start=round(one / ours, 1),
    )

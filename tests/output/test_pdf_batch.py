"""Batch rendering: processes, ORGNR-<label>.pdf names, progress, cancel, failures reported."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from contractdesk.output.pdf.batch import batch_filename, render_batch
from contractdesk.output.pdf.sample import sample_input

ORGS = ["912345674", "987654325", "971049669", "923609016", "916791429", "985399077"]


def _inputs(n: int):
    return [
        sample_input(ORGS[i % len(ORGS)], f"Kunde {i} AS", document_id=f"AVT-{i}") for i in range(n)
    ]


def _is_pdf(path: Path) -> bool:
    data = path.read_bytes()
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_batch_in_two_processes_writes_one_named_pdf_per_customer(
    tmp_path: Path, pdf_tools
) -> None:
    calls: list[tuple[int, int]] = []
    result = render_batch(
        _inputs(6),
        tmp_path / "ut",
        progress=lambda d, t: calls.append((d, t)),
        workers=2,
        chunk_size=1,
    )
    assert result.ok and result.total == 6 and not result.failed
    names = sorted(p.name for p in (tmp_path / "ut").iterdir())
    assert names == sorted(f"{org}-17.04.2021.pdf" for org in ORGS)  # no temp files left
    for path in result.written:
        assert _is_pdf(path)
    text = pdf_tools.normalise(
        pdf_tools.text((tmp_path / "ut" / "987654325-17.04.2021.pdf").read_bytes())
    )
    assert "Kunde 1 AS" in text and "Org.nr. 987 654 325" in text and "AVT-1" in text
    assert calls[0] == (0, 6) and calls[-1] == (6, 6)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_cancel_stops_the_batch_and_keeps_only_complete_files(tmp_path: Path) -> None:
    seen: list[int] = []
    inputs = [
        replace(inp, customer=replace(inp.customer, org_number=f"9{i:08d}"))
        for i, inp in enumerate(_inputs(40))
    ]
    result = render_batch(
        inputs,
        tmp_path,
        progress=lambda d, t: seen.append(d),
        cancel=lambda: bool(seen) and seen[-1] >= 2,
        workers=2,
        chunk_size=1,
    )
    assert result.cancelled
    assert not result.ok
    assert 2 <= len(result.written) < 40
    files = list(tmp_path.iterdir())
    assert sorted(files) == sorted(result.written)  # nothing half-written, no temp files
    assert all(_is_pdf(p) for p in files)


def test_in_process_batch_names_duplicates_and_reports_failures(tmp_path: Path) -> None:
    inputs = _inputs(3)
    inputs.append(inputs[0])  # same customer and version twice
    blocked = tmp_path / batch_filename(inputs[2])
    blocked.mkdir()  # a folder where the file should go: that agreement fails, the rest go on
    result = render_batch(inputs, tmp_path, workers=1)
    assert not result.ok and not result.cancelled
    assert [f.org_number for f in result.failed] == [ORGS[2]]
    assert "Could not save" in result.failed[0].message
    names = sorted(p.name for p in result.written)
    assert names == sorted(
        [f"{ORGS[0]}-17.04.2021.pdf", f"{ORGS[0]}-17.04.2021-2.pdf", f"{ORGS[1]}-17.04.2021.pdf"]
    )
    assert blocked.is_dir()


def test_batch_file_names_are_safe() -> None:
    inp = sample_input()
    hostile = replace(inp, terms_label="../../etc/x y")
    assert batch_filename(hostile) == "912345674-etc_x_y.pdf"

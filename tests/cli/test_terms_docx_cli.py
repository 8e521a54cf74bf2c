"""``terms import FILE.docx``: terms written in Word keep their headings, numbering and lists."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest


@pytest.fixture
def run(passphrase_store, cli):  # type: ignore[no-untyped-def]
    data_dir = passphrase_store(lambda services: None)
    return lambda *args: cli(data_dir, *args)


def _word_terms(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Avtalevilkår for testkunder", style="Title")
    d.add_paragraph("Dato for gjeldende avtalevilkår er: 01.06.2026")
    d.add_heading("Avtalens formål", level=1)  # numbered by Word, not in the text
    d.add_paragraph("Avtalen gjelder leveranse av tjenester fra {supplier.name}.")
    d.add_heading("Definisjoner", level=2)
    d.add_paragraph("Kunde: virksomheten som kjøper.", style="List Bullet")
    d.add_paragraph("Leverandør: {supplier.name}.", style="List Bullet")
    d.add_heading("Betaling", level=1)
    d.add_paragraph("Faktura sendes slik:")
    d.add_paragraph("Papir", style="List Number")
    d.add_paragraph("E-post", style="List Number")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Metode", (0, 1): "Gebyr", (1, 0): "Papir", (1, 1): "45"}.items():
        table.cell(r, c).text = text
    d.add_heading("3 Signering", level=1)  # numbered in the text: kept
    d.add_paragraph("Signeres på papir.")
    d.add_heading("Vedlegg 1: Databehandleravtale", level=1)
    d.add_heading("Parter", level=1)
    d.add_paragraph("Behandlingsansvarlig er kunden.")
    d.save(str(path))


def test_a_word_file_imports_with_headings_numbering_lists_and_tables(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "vilkar.docx"
    _word_terms(file)
    code, out, err = run("terms", "import", str(file), "--label", "2026-06-01", "--json")
    assert code == 0, err
    assert json.loads(out)["notes"] == []
    code, out, err = run("terms", "show", "2026-06-01", "--json")
    assert code == 0, err
    shown = json.dumps(json.loads(out), ensure_ascii=False)
    for expected in (
        '"1"',
        "Avtalens formål",
        '"1.1"',
        "Definisjoner",
        '"2"',
        "Betaling",
        '"3"',
        "Signering",
        '"4"',
        "Parter",
        "Vedlegg 1",
        "Databehandleravtale",
        "Kunde: virksomheten som kjøper.",
        "Metode",
        "{supplier.name}",
    ):
        assert expected in shown, expected
    code, diff, _ = run("terms", "diff", "2021-04-17", "2026-06-01")
    assert code == 0 and "Avtalens formål" in diff


def test_a_file_named_docx_that_is_not_word_is_refused(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "falsk.docx"
    file.write_text("bare tekst", encoding="utf-8")
    code, _, err = run("terms", "import", str(file), "--label", "x1")
    assert code == 1 and "not a Word (.docx) document" in err

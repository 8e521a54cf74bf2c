"""Side-by-side, section-aware diff between two terms versions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from contractdesk.domain.terms.diff import (
    ChangeStatus,
    PartKind,
    Segment,
    diff_terms,
    format_terms_diff,
    word_diff,
)
from contractdesk.domain.terms.document import Annex, Paragraph, Section, TermsDocument
from contractdesk.store.shipped_terms import shipped_version


@pytest.fixture(scope="module")
def v2021() -> TermsDocument:
    return shipped_version("2021-04-17").document


def _with_sections(doc: TermsDocument, sections: list[Section]) -> TermsDocument:
    return replace(doc, sections=tuple(sections))


def test_identical_versions_have_no_changes(v2021: TermsDocument) -> None:
    diff = diff_terms(v2021, v2021)
    assert not diff.has_changes
    assert diff.counts()[ChangeStatus.UNCHANGED] == len(diff.parts) == 1 + 49 + 1 + 19
    assert format_terms_diff(diff) == ""


def test_changed_paragraph_gets_a_word_level_diff(v2021: TermsDocument) -> None:
    sections = list(v2021.sections)
    i = [s.number for s in sections].index("14")
    blocks = list(sections[i].blocks)
    blocks[1] = Paragraph(
        "Varsling om generell endring vil skje senest 2 måneder før iverksettelse."
    )
    sections[i] = replace(sections[i], blocks=tuple(blocks))
    diff = diff_terms(v2021, _with_sections(v2021, sections))
    (changed,) = diff.changed_parts()
    assert (changed.number, changed.title, changed.status) == (
        "14",
        "Endring av avtalevilkår",
        ChangeStatus.CHANGED,
    )
    assert [r.kind for r in changed.rows] == ["equal", "replace"]
    row = changed.rows[1]
    assert [s.text for s in row.left_segments if s.changed] == ["1", "måned"]
    assert [s.text for s in row.right_segments if s.changed] == ["2", "måneder"]
    assert "".join(s.text for s in row.right_segments) == row.right
    assert "senest [-1-]{+2+} [-måned-]{+måneder+} før" in format_terms_diff(diff)


def test_inserted_section_shifts_numbers_without_false_changes(v2021: TermsDocument) -> None:
    sections = list(v2021.sections)
    i = [s.number for s in sections].index("4.2")
    renumbered = [replace(sections[i], number="4.3"), replace(sections[i + 1], number="4.4")]
    sections[i : i + 2] = [
        Section("4.2", "Elektronisk signatur", (Paragraph("BankID godtas."),)),
        *renumbered,
    ]
    diff = diff_terms(v2021, _with_sections(v2021, sections))
    changed = diff.changed_parts()
    assert [(p.number, p.status) for p in changed] == [
        ("4.2", ChangeStatus.ADDED),
        ("4.3", ChangeStatus.CHANGED),
        ("4.4", ChangeStatus.CHANGED),
    ]
    assert changed[1].renumbered and not changed[1].retitled
    assert (changed[1].old_number, changed[1].title) == ("4.2", "Berettiget signatur")
    assert all(r.kind == "equal" for r in changed[1].rows)


def test_removed_section_is_listed_where_it_stood(v2021: TermsDocument) -> None:
    sections = [s for s in v2021.sections if s.number != "6"]
    diff = diff_terms(v2021, _with_sections(v2021, sections))
    numbers = [p.number for p in diff.parts if p.kind is PartKind.SECTION]
    assert numbers[numbers.index("5.1") + 1 : numbers.index("5.1") + 3] == ["6", "7"]
    removed = next(p for p in diff.parts if p.number == "6")
    assert removed.status is ChangeStatus.REMOVED and removed.new_title is None
    assert all(r.kind == "delete" and r.right is None for r in removed.rows)


def test_retitled_section_is_matched_by_number(v2021: TermsDocument) -> None:
    sections = [
        replace(s, title="Ingen oppsigelsestid") if s.number == "5.1" else s for s in v2021.sections
    ]
    (changed,) = diff_terms(v2021, _with_sections(v2021, sections)).changed_parts()
    assert changed.retitled and not changed.renumbered
    assert (changed.old_title, changed.new_title) == ("oppsigelsestid", "Ingen oppsigelsestid")


def test_annex_sections_and_heading_are_compared(v2021: TermsDocument) -> None:
    (annex,) = v2021.annexes
    new_sections = tuple(s for s in annex.sections if s.number != "17.9")
    new = replace(
        v2021, annexes=(Annex(annex.label, "Databehandleravtale", annex.blocks, new_sections),)
    )
    diff = diff_terms(v2021, new)
    assert [(p.kind, p.number, p.status) for p in diff.changed_parts()] == [
        (PartKind.ANNEX, "Vedlegg 1", ChangeStatus.CHANGED),
        (PartKind.SECTION, "17.9", ChangeStatus.REMOVED),
    ]


def test_heading_flag_change_is_formatting_only() -> None:
    old = TermsDocument(
        "T", sections=(Section("1", "A", (Paragraph("Faktura"), Paragraph("Tekst."))),)
    )
    new = TermsDocument(
        "T",
        sections=(Section("1", "A", (Paragraph("Faktura", heading=True), Paragraph("Tekst."))),),
    )
    (part,) = diff_terms(old, new).changed_parts()
    assert part.formatting_only


def test_word_diff_joins_back_to_both_lines() -> None:
    left, right = word_diff("Forfall 14 dager", "Forfall 7 dager.")
    assert left == (Segment("Forfall "), Segment("14", True), Segment(" dager"))
    assert right == (Segment("Forfall "), Segment("7", True), Segment(" dager"), Segment(".", True))

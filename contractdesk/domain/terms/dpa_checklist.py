"""DPA checklist: GDPR Art. 28(3)(a)–(h) coverage of a DPA annex; citations of the 2000 act.

How coverage is decided (a heuristic to help a human, not legal advice):

* Each Art. 28(3) item is split into *elements* (e.g. (d) = the controller's authorisation of
  sub-processors + the same obligations passed on to them). Each element has keyword
  groups: a *unit* of text matches when every group has at least one hit. Keywords are
  Norwegian and English regular expressions over case-folded text (see `ART_28_3_ITEMS`).
* A unit is one block of an annex section (a paragraph, a bullet item, a table row),
  prefixed with the section's title, so ``17.10 Taushetsplikt`` counts for its paragraphs.
* An element is covered by every unit that matches; an item is *covered* when all its
  elements are, *partial* when some are, a *gap* when none is. Each hit records the clause
  (section number and title) and the words that matched, so the user can check it.

Repealed-act references: citations of the Personal Data Act of 14 April 2000 no. 31 and
its regulations of 15 December 2000 no. 1265 (both repealed on 20 July 2018 when the GDPR
took effect in Norway through the Personal Data Act 2018) are *certain*. Section numbers
that only make sense in the 2000 act (``personopplysningsloven § 2 nr. 4``, ``§§ 13–15``,
``kapittel 2``, ``lovens § 13``) and a bare ``personopplysningsforskriften`` are *likely*.
The bare name ``personopplysningsloven`` is not flagged: the 2018 act has the same short name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from contractdesk.domain.terms.document import (
    Annex,
    Block,
    BulletList,
    Paragraph,
    Section,
    Table,
    TermsDocument,
)

__all__ = [
    "ART_28_3_ITEMS",
    "Art28Item",
    "ChecklistItem",
    "ClauseMatch",
    "CoverageStatus",
    "DpaChecklist",
    "Element",
    "ElementResult",
    "RepealedReference",
    "check_dpa",
    "find_dpa_annex",
    "find_repealed_references",
]


@dataclass(frozen=True)
class Element:
    """One thing an Art. 28(3) item asks for, and the keyword groups that show it (all must hit)."""

    key: str
    description: str
    groups: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Art28Item:
    """One of GDPR Art. 28(3) (a)–(h)."""

    letter: str
    title: str
    elements: tuple[Element, ...]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation in ``context``; the GUI translates it when it shows it."""
    return text


_PROCESSOR = (r"databehandler", r"\bprocessor")
_CONTROLLER = (r"behandlingsansvarlig", r"\bcontroller")
_SUBPROCESSOR = (r"underleverandør", r"underdatabehandler", r"sub-?processor")
_ASSIST = (r"\bbistå", r"\bbistand", r"\bassist", r"\bhjelpe")
_DELETE = (r"\bslett", r"makuler", r"destruks", r"destruer", r"\bdelet", r"\berase")

ART_28_3_ITEMS: tuple[Art28Item, ...] = (
    Art28Item(
        "a",
        QT_TRANSLATE_NOOP(
            "DpaChecklist", "Processing only on documented instructions from the controller"
        ),
        (
            Element(
                "a1",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "the processor acts only on the controller's documented instructions",
                ),
                (
                    (r"instruks", r"\binstruction", r"bestemt av (den )?behandlingsansvarlig"),
                    _CONTROLLER,
                ),
            ),
            Element(
                "a2",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "transfers to third countries or international organisations only on "
                    "instructions",
                ),
                (
                    (
                        r"tredjeland",
                        r"third countr",
                        r"internasjonale? organisasjon",
                        r"international organi[sz]ation",
                        r"utenfor (eu|eøs)",
                        r"outside the (eu|eea)",
                    ),
                ),
            ),
        ),
    ),
    Art28Item(
        "b",
        QT_TRANSLATE_NOOP(
            "DpaChecklist", "Persons authorised to process are committed to confidentiality"
        ),
        (
            Element(
                "b1",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "staff and others processing the data are bound to confidentiality",
                ),
                (
                    (r"taushet", r"konfidensiel", r"konfidensialitet", r"confidential"),
                    (
                        r"ansatte",
                        r"\bpersoner",
                        r"databehandler",
                        r"employee",
                        r"\bstaff",
                        r"\bpersons",
                        r"authori[sz]ed",
                    ),
                ),
            ),
        ),
    ),
    Art28Item(
        "c",
        QT_TRANSLATE_NOOP("DpaChecklist", "Security of processing (Art. 32)"),
        (
            Element(
                "c1",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist", "the processor takes the security measures of Art. 32"
                ),
                (
                    (
                        r"sikkerhetstiltak",
                        r"informasjonssikkerhet",
                        r"art(ikkel|icle|\.)\s*32",
                        r"security measure",
                        r"tekniske og organisatoriske tiltak",
                        r"technical and organi[sz]ational measure",
                    ),
                    _PROCESSOR,
                ),
            ),
        ),
    ),
    Art28Item(
        "d",
        QT_TRANSLATE_NOOP("DpaChecklist", "Conditions for engaging sub-processors"),
        (
            Element(
                "d1",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "sub-processors only with the controller's prior authorisation; changes "
                    "notified with a right to object",
                ),
                (
                    _SUBPROCESSOR,
                    (
                        r"godkjen",
                        r"godkjent",
                        r"samtykke",
                        r"authori[sz]",
                        r"innsigelse",
                        r"protestere",
                        r"\bobject",
                        r"(varsl|informer)\w*\b.{0,60}\bendring",
                        r"notif\w*\b.{0,60}\bchange",
                    ),
                ),
            ),
            Element(
                "d2",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "the same data-protection obligations are imposed on sub-processors",
                ),
                (
                    _SUBPROCESSOR,
                    (
                        r"forplikte",
                        r"samme (plikter|forpliktelser|krav)",
                        r"databehandleravtale",
                        r"same (data protection )?obligations",
                        r"bound by",
                    ),
                ),
            ),
        ),
    ),
    Art28Item(
        "e",
        QT_TRANSLATE_NOOP(
            "DpaChecklist", "Assisting the controller with data subjects' rights (Chapter III)"
        ),
        (
            Element(
                "e1",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "the processor assists with requests from data subjects (access, "
                    "rectification, erasure …)",
                ),
                (
                    (r"\b(de|den) registrerte\b", r"\bregistrertes\b", r"data subject"),
                    (
                        r"rettighet",
                        r"innsyn",
                        r"retting",
                        r"sletting",
                        r"dataportabilitet",
                        r"\brights?\b",
                        r"request",
                    ),
                    _ASSIST,
                ),
            ),
        ),
    ),
    Art28Item(
        "f",
        QT_TRANSLATE_NOOP(
            "DpaChecklist",
            "Assisting the controller with Arts. 32–36 (security, breaches, DPIA, prior "
            "consultation)",
        ),
        (
            Element(
                "f1",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist", "assistance with the security of processing (Art. 32)"
                ),
                (_ASSIST, (r"sikkerhet", r"security")),
            ),
            Element(
                "f2",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "personal data breaches notified to the controller (Arts. 33–34)",
                ),
                (
                    (
                        r"avvik",
                        r"sikkerhetsbrudd",
                        r"brudd på personopplysningssikkerheten",
                        r"\bbreach",
                    ),
                    (r"\bmeld", r"\bvarsl", r"\bnotif"),
                ),
            ),
            Element(
                "f3",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist", "assistance with data protection impact assessments (Art. 35)"
                ),
                (
                    (
                        r"konsekvensvurdering",
                        r"vurdering av personvernkonsekvens",
                        r"impact assessment",
                        r"\bdpia\b",
                    ),
                ),
            ),
            Element(
                "f4",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "assistance with prior consultation of the supervisory authority (Art. 36)",
                ),
                ((r"forhåndsdrøft", r"prior consultation", r"art(ikkel|icle|\.)\s*36"),),
            ),
        ),
    ),
    Art28Item(
        "g",
        QT_TRANSLATE_NOOP(
            "DpaChecklist", "Deletion or return of all personal data at the end of the services"
        ),
        (
            Element(
                "g1",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "at the end, the data are deleted or returned, as the controller chooses",
                ),
                (
                    (*_DELETE, r"tilbakelever", r"utlever", r"\breturn"),
                    (r"opphør", r"utløp", r"avslutt", r"\bend of\b", r"terminat", r"expir"),
                ),
            ),
            Element(
                "g2",
                QT_TRANSLATE_NOOP("DpaChecklist", "existing copies (backups) are deleted too"),
                ((r"sikkerhetskopi", r"\bkopier\b", r"\bcopies\b", r"backup"), _DELETE),
            ),
        ),
    ),
    Art28Item(
        "h",
        QT_TRANSLATE_NOOP("DpaChecklist", "Information to demonstrate compliance, and audits"),
        (
            Element(
                "h1",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist",
                    "the processor makes available the information needed to demonstrate "
                    "compliance",
                ),
                (
                    (r"dokumentasjon", r"\binformasjon\b", r"\binformation\b", r"documentation"),
                    (
                        r"\btilgjengelig\b",
                        r"\btilgang\b",
                        r"\bavailable\b",
                        r"forespørsel",
                        r"\brequest",
                    ),
                    _CONTROLLER,
                ),
            ),
            Element(
                "h2",
                QT_TRANSLATE_NOOP(
                    "DpaChecklist", "the processor allows and contributes to audits and inspections"
                ),
                ((r"revisjon", r"kontrolltiltak", r"inspeksjon", r"\baudit", r"inspection"),),
            ),
        ),
    ),
)


class CoverageStatus(StrEnum):
    """How well the DPA covers an Art. 28(3) item."""

    COVERED = "covered"
    PARTIAL = "partial"
    GAP = "gap"


@dataclass(frozen=True)
class ClauseMatch:
    """A clause (one block of a section) that matched, and the words that made it match."""

    section_number: str
    section_title: str
    text: str
    matched: tuple[str, ...]


@dataclass(frozen=True)
class ElementResult:
    element: Element
    clauses: tuple[ClauseMatch, ...]

    @property
    def covered(self) -> bool:
        return bool(self.clauses)


@dataclass(frozen=True)
class ChecklistItem:
    """An Art. 28(3) item with its elements' results."""

    item: Art28Item
    elements: tuple[ElementResult, ...]

    @property
    def letter(self) -> str:
        return self.item.letter

    @property
    def status(self) -> CoverageStatus:
        covered = sum(e.covered for e in self.elements)
        if covered == len(self.elements):
            return CoverageStatus.COVERED
        return CoverageStatus.PARTIAL if covered else CoverageStatus.GAP

    @property
    def clause_numbers(self) -> tuple[str, ...]:
        """The sections covering this item, in document order, each once."""
        return tuple(dict.fromkeys(c.section_number for e in self.elements for c in e.clauses))

    @property
    def missing(self) -> tuple[Element, ...]:
        return tuple(e.element for e in self.elements if not e.covered)

    def __repr__(self) -> str:
        clauses = list(self.clause_numbers)
        return f"ChecklistItem(({self.letter}) {self.status.value}, clauses={clauses})"


@dataclass(frozen=True)
class RepealedReference:
    """A citation of the repealed 2000 Personal Data Act or its regulations."""

    section_number: str
    section_title: str
    quote: str
    reason: str
    certain: bool


@dataclass(frozen=True)
class DpaChecklist:
    """The checklist for one DPA: the eight items and the repealed-act references."""

    items: tuple[ChecklistItem, ...]
    repealed_references: tuple[RepealedReference, ...]

    @property
    def gaps(self) -> tuple[ChecklistItem, ...]:
        """Items not fully covered (partial or gap)."""
        return tuple(i for i in self.items if i.status is not CoverageStatus.COVERED)

    @property
    def needs_confirmation(self) -> bool:
        """Publishing this DPA should ask the user to confirm (gaps or repealed references)."""
        return bool(self.gaps or self.repealed_references)

    def item(self, letter: str) -> ChecklistItem:
        return next(i for i in self.items if i.letter == letter)


def _block_units(block: Block) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield block.text
    elif isinstance(block, BulletList):
        yield from block.items
    elif isinstance(block, Table):
        yield from (" | ".join(row) for row in block.rows)


def _units(sections: Iterable[Section]) -> Iterator[tuple[Section, str]]:
    for section in sections:
        for block in section.blocks:
            for text in _block_units(block):
                yield section, text


def _match_element(element: Element, title: str, text: str) -> tuple[str, ...] | None:
    haystack = f"{title}\n{text}".casefold()
    hits: list[str] = []
    for group in element.groups:
        found = None
        for pattern in group:
            m = re.search(pattern, haystack)
            if m:
                found = m[0].strip()
                break
        if found is None:
            return None
        hits.append(found)
    return tuple(hits)


def _sections_of(dpa: Annex | Sequence[Section]) -> tuple[Section, ...]:
    return dpa.sections if isinstance(dpa, Annex) else tuple(dpa)


def check_dpa(dpa: Annex | Sequence[Section]) -> DpaChecklist:
    """The Art. 28(3) checklist and repealed-act references of a DPA (an annex or its sections)."""
    sections = _sections_of(dpa)
    units = list(_units(sections))
    items = []
    for item in ART_28_3_ITEMS:
        results = []
        for element in item.elements:
            clauses = []
            for section, text in units:
                matched = _match_element(element, section.title, text)
                if matched is not None:
                    clauses.append(ClauseMatch(section.number, section.title, text, matched))
            results.append(ElementResult(element, tuple(clauses)))
        items.append(ChecklistItem(item, tuple(results)))
    return DpaChecklist(tuple(items), find_repealed_references(sections))


def find_dpa_annex(doc: TermsDocument) -> Annex | None:
    """The annex holding the DPA (``Databehandleravtale`` in its title or first section), if any."""
    for annex in doc.annexes:
        names = [annex.title] + [s.title for s in annex.sections[:1]]
        if any(
            re.search(r"databehandl\w*avtale|data processing agreement", n, re.IGNORECASE)
            for n in names
        ):
            return annex
    return None


_ACT_2000 = QT_TRANSLATE_NOOP(
    "DpaChecklist",
    "the Personal Data Act of 14 April 2000 no. 31, repealed on 20 July 2018 (now the GDPR and "
    "the 2018 act)",
)
_REGS_2000 = QT_TRANSLATE_NOOP(
    "DpaChecklist", "the Personal Data Regulations of 15 December 2000 no. 1265, repealed in 2018"
)
_REGS_2000_PROBABLY = QT_TRANSLATE_NOOP(
    "DpaChecklist",
    "probably the Personal Data Regulations of 15 December 2000 no. 1265, repealed in 2018",
)
_NAME = r"personopplysningsloven"

# (pattern, reason, certain); matched on the original text, case-insensitively.
_REPEALED_PATTERNS: tuple[tuple[str, str, bool], ...] = (
    (
        r"lov av 14\.? april 2000(?: nr\.? ?31)?(?: om behandling av personopplysninger)?"
        r"(?: \(personopplysningsloven\))?",
        _ACT_2000,
        True,
    ),
    (r"LOV-2000-04-14-31", _ACT_2000, True),
    (
        r"forskrift av 15\.? desember 2000(?: nr\.? ?1265)?(?: \(personopplysningsforskriften\))?",
        _REGS_2000,
        True,
    ),
    (r"FOR-2000-12-15-1265", _REGS_2000, True),
    (
        r"personopplysningsforskrift(?:en|ens)?\s+§+\s*2-\d+",
        QT_TRANSLATE_NOOP(
            "DpaChecklist",
            "chapter 2 of the 2000 regulations (security, breaches), repealed in 2018; see GDPR "
            "Arts. 32–34",
        ),
        True,
    ),
    (
        rf"(?:{_NAME}\)?,?|\bloven|\blovens)\s+§§?\s*"
        r"(?:2 nr\.? ?\d+|1[345](?:\s*(?:-|–|og)\s*1[345])?)\b",
        QT_TRANSLATE_NOOP(
            "DpaChecklist",
            "section numbering of the 2000 act (§ 2 definitions, § 13 security, § 15 processors); "
            "now GDPR Arts. 4, 28 and 32",
        ),
        False,
    ),
    (
        rf"{_NAME}(?: kapittel| kap\.) 2\b",
        QT_TRANSLATE_NOOP("DpaChecklist", "chapter 2 of the 2000 act; now the GDPR"),
        False,
    ),
    (r"personopplysningsforskrift(?:en|ens)?\b", _REGS_2000_PROBABLY, False),
)


def find_repealed_references(sections: Iterable[Section]) -> tuple[RepealedReference, ...]:
    """Citations of the repealed 2000 act and regulations in section titles and texts, in order."""
    found: list[RepealedReference] = []
    for section in sections:
        texts = [section.title] + [t for b in section.blocks for t in _block_units(b)]
        for text in texts:
            spans: list[tuple[int, int, str, bool]] = []
            for pattern, reason, certain in _REPEALED_PATTERNS:
                for m in re.finditer(pattern, text, re.IGNORECASE):
                    spans.append((m.start(), m.end(), reason, certain))
            spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
            end = -1
            for start, stop, reason, certain in spans:
                if start < end:
                    continue
                end = stop
                found.append(
                    RepealedReference(
                        section.number, section.title, text[start:stop], reason, certain
                    )
                )
    return tuple(found)

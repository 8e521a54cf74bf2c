"""Sub-processor register: the parties named in the 2021 terms (§8.3, §17.6.2), and reading them
from a version.

Texts are kept in Norwegian as the terms word them (they are what customers signed); org
numbers and locations are ``None`` where the terms do not state them: never guessed.
``kind`` tells the two lists of the terms apart:

* ``data_shared`` (§8.3, "Kontaktpersoner og bedriftsinformasjon vil utveksles med:"):
  external services that receive data: PowerOffice (accounting/invoicing), Admento AS
  (accounting), BankID (identification for contract signatures), LinkMobility AS (SMS,
  mobile numbers only), Creditsafe AS (credit information);
* ``access`` (§17.6.2, "… som har tilgang til de opplysninger …"): people who can see the
  data in the system: the supplier's support staff and ITEA AS (developer).

§17.7 (the DPA's sub-processor clause) names no one: it says the list is kept in the product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from contractdesk.domain.terms.document import BulletList, Paragraph, Section, TermsDocument

__all__ = [
    "SEED_SUBPROCESSORS",
    "SubProcessor",
    "SubProcessorKind",
    "extract_subprocessors",
    "seed_subprocessors",
]


class SubProcessorKind(StrEnum):
    """Whether the party receives data (§8.3) or has access to the data in the system (§17.6.2)."""

    DATA_SHARED = "data_shared"
    ACCESS = "access"


@dataclass(frozen=True)
class SubProcessor:
    """One register entry: who, why, which data, where; and the clause of the terms that names
    it."""

    name: str
    purpose: str
    data_shared: str
    kind: SubProcessorKind
    source_clause: str
    org_number: str | None = None
    location: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``subprocessor list --json``)."""
        return {
            "name": self.name,
            "org_number": self.org_number,
            "purpose": self.purpose,
            "data_shared": self.data_shared,
            "location": self.location,
            "kind": self.kind.value,
            "source_clause": self.source_clause,
        }


_SHARED = "Kontaktpersoner og bedriftsinformasjon"
_ACCESS = "Tilgang til de opplysninger som gjøres tilgjengelig i Adventor CRM"

#: The register as the 17.04.2021 terms state it (§8.3 and §17.6.2), texts verbatim.
SEED_SUBPROCESSORS: tuple[SubProcessor, ...] = (
    SubProcessor(
        "PowerOffice", "Regnskap/Fakturering", _SHARED, SubProcessorKind.DATA_SHARED, "8.3"
    ),
    SubProcessor("Admento AS", "Regnskap", _SHARED, SubProcessorKind.DATA_SHARED, "8.3"),
    SubProcessor(
        "BankID",
        "Identifisering for konktraktsignaturer",
        _SHARED,
        SubProcessorKind.DATA_SHARED,
        "8.3",
    ),
    SubProcessor(
        "LinkMobility AS",
        "Tjenesteleverandør av mobil.",
        "Kun mobilnummer",
        SubProcessorKind.DATA_SHARED,
        "8.3",
    ),
    SubProcessor(
        "Creditsafe AS",
        "Tjenesteleverandør av Kredittopplysninger",
        _SHARED,
        SubProcessorKind.DATA_SHARED,
        "8.3",
    ),
    SubProcessor("Webmaster Heimen", "Supportansvar", _ACCESS, SubProcessorKind.ACCESS, "17.6.2"),
    SubProcessor("ITEA AS", "Supportansvar (Utvikler)", _ACCESS, SubProcessorKind.ACCESS, "17.6.2"),
)


def seed_subprocessors() -> tuple[SubProcessor, ...]:
    """The seed register (the 2021 terms' parties); the store copies it on first run."""
    return SEED_SUBPROCESSORS


_SHARED_INTRO_RE = re.compile(r"^(?P<data>.+?)\s+vil\s+utveksles\s+med:\s*$", re.IGNORECASE)
_ACCESS_INTRO_RE = re.compile(r"har\s+tilgang\s+til\s+(?P<what>.+?):\s*$", re.IGNORECASE)
_SHARED_ITEM_RE = re.compile(
    r"^(?P<name>.+?)\s+[–-]\s+(?P<purpose>.+?)(?:\s*\((?P<note>[^)]*)\))?$"
)
_ACCESS_ITEM_RE = re.compile(
    r"^Ansatte\s+hos\s+(?P<name>.+?)\s+med\s+(?P<role>\w+)\.?(?:\s*\((?P<note>[^)]*)\))?\.?$",
    re.IGNORECASE,
)


def _after_intro(section: Section) -> list[tuple[str, BulletList]]:
    """(intro paragraph text, the bullet list right after it) pairs of a section."""
    out = []
    for before, block in zip(section.blocks, section.blocks[1:], strict=False):
        if isinstance(before, Paragraph) and isinstance(block, BulletList):
            out.append((before.text, block))
    return out


def extract_subprocessors(doc: TermsDocument) -> tuple[SubProcessor, ...]:
    """Read the parties a terms version names, in the 2021 wording.

    Recognised: a bullet list after "<data> vil utveksles med:" (items "Name – purpose
    (note)"; a note replaces the data shared, e.g. "Kun mobilnummer") and a bullet list after
    "… har tilgang til <what>:" (items "Ansatte hos Name med role. (note)"). Other wordings
    give nothing: the register is then kept by hand.
    """
    found: list[SubProcessor] = []
    for section in doc.all_sections():
        for intro, bullets in _after_intro(section):
            shared = _SHARED_INTRO_RE.match(intro)
            access = _ACCESS_INTRO_RE.search(intro)
            for item in bullets.items:
                if shared:
                    m = _SHARED_ITEM_RE.match(item)
                    if m:
                        found.append(
                            SubProcessor(
                                m["name"].strip(),
                                m["purpose"].strip(),
                                (m["note"] or shared["data"]).strip(),
                                SubProcessorKind.DATA_SHARED,
                                section.number,
                            )
                        )
                elif access:
                    m = _ACCESS_ITEM_RE.match(item)
                    if m:
                        role = m["role"].strip().capitalize()
                        purpose = f"{role} ({m['note'].strip()})" if m["note"] else role
                        what = access["what"].strip()
                        found.append(
                            SubProcessor(
                                m["name"].strip(),
                                purpose,
                                f"Tilgang til {what}",
                                SubProcessorKind.ACCESS,
                                section.number,
                            )
                        )
    return tuple(found)

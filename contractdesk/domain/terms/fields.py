"""Fields in terms texts, such as ``{supplier.name}`` or ``{customer.org_number}``: list, find,
fill.

A field is ``{namespace.name}`` in lower case (letters, digits, ``_``; no spaces), anywhere in a
title,
paragraph, bullet item, table cell, annex label/title or signature label. Anything that looks
like a field but is not in `SUPPORTED_FIELDS` (e.g. ``{Supplier.Name}`` or ``{customer.orgnr}``)
is an unknown field: `find_fields` marks it, `fill_fields` refuses it with the closest
supported names. Values are plain text and are inserted verbatim in a single pass (a value
that itself contains ``{…}`` is not expanded again); formatting (``971 049 669``, dates as
``17.04.2021``) is the caller's job, escaping for PDF is the renderer's.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from contractdesk.domain.terms.document import (
    Annex,
    Block,
    BulletList,
    Paragraph,
    Section,
    SignatureBlock,
    Table,
    TermsDocument,
)
from contractdesk.errors import UserFacingError

__all__ = [
    "SUPPORTED_FIELDS",
    "FieldError",
    "FieldOccurrence",
    "MissingFieldValueError",
    "UnknownFieldError",
    "field_names",
    "fill_fields",
    "fill_text",
    "find_fields",
    "unknown_fields",
]

#: Every field a terms text may contain, with what the caller fills in. The PDF renderer
#: (``contractdesk/output/pdf/fields.py``) fills all of them from an agreement's data except
#: those marked "extra", which the service passes as extra values.
SUPPORTED_FIELDS: Mapping[str, str] = {
    "supplier.name": "supplier's name, e.g. Webmaster Heimen",
    "supplier.org_number": "supplier's org number, display form (971 049 669)",
    "supplier.vat_number": "supplier's VAT form (NO 971 049 669 MVA)",
    "supplier.address": "supplier's address on one line",
    "supplier.postcode": "supplier's postcode",
    "supplier.city": "supplier's postal town",
    "supplier.email": "supplier's e-mail address",
    "supplier.phone": "supplier's phone number",
    "supplier.website": "extra: supplier's web address (§16, §17.14)",
    "supplier.venue": "extra: agreed court of first instance, e.g. Romsdal tingrett (§15, §17.13)",
    "customer.name": "customer's registered name",
    "customer.org_number": "customer's org number, display form (971 049 669)",
    "customer.vat_number": "customer's VAT form (NO 971 049 669 MVA)",
    "customer.address": "customer's business address on one line",
    "customer.postcode": "customer's postcode",
    "customer.city": "customer's postal town",
    "customer.email": "customer's e-mail address",
    "customer.phone": "customer's phone number",
    "supplier_signatory.name": "person signing for the supplier (also the DPA contact, §17.2)",
    "supplier_signatory.role": "that person's role, e.g. Daglig leder",
    "customer_signatory.name": "person signing for the customer",
    "customer_signatory.role": "that person's role, e.g. Daglig leder",
    "terms.label": "label of the terms version, e.g. 2021-04-17",
    "terms.sha256": "SHA-256 of the published terms version",
    "terms.sha256_short": "its first 12 hex digits",
    "terms.effective_date": "extra: effective date of the terms version, e.g. 17.04.2021",
    "document.id": "identifier of the agreement document",
    "agreement.date": "extra: date the agreement document is made",
}

# Anything field-shaped, whatever its case: known ones and mistakes alike.
_FIELD_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)\}")


class FieldError(UserFacingError, ValueError):
    """A field problem; ``names`` lists the fields concerned."""

    def __init__(self, message: str, names: tuple[str, ...]) -> None:
        super().__init__(message)
        self.names = names


class UnknownFieldError(FieldError):
    """A field (in the document or among the values) is not in `SUPPORTED_FIELDS`."""


class MissingFieldValueError(FieldError):
    """The document uses a field for which no value was given."""


@dataclass(frozen=True)
class FieldOccurrence:
    """A field found in a document: its name as written, where it is, and whether it is
    supported."""

    name: str
    location: str
    known: bool


def _unknown_message(names: tuple[str, ...], where: str) -> str:
    parts = []
    for name in names:
        close = difflib.get_close_matches(name.lower(), list(SUPPORTED_FIELDS), n=2)
        hint = f" (did you mean {' or '.join('{' + c + '}' for c in close)}?)" if close else ""
        parts.append("{" + name + "}" + hint)
    return f"Unknown field{'s' if len(names) > 1 else ''} {where}: " + ", ".join(parts)


def _texts_of_block(block: Block) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield block.text
    elif isinstance(block, BulletList):
        yield from block.items
    elif isinstance(block, Table):
        for row in block.rows:
            yield from row
    elif isinstance(block, SignatureBlock):
        yield from (
            block.intro,
            block.place_label,
            block.date_label,
            block.customer_label,
            block.supplier_label,
        )


def _located_texts(doc: TermsDocument) -> Iterator[tuple[str, str]]:
    yield "title", doc.title
    for block in doc.front_matter:
        for text in _texts_of_block(block):
            yield "front matter", text

    def section_texts(section: Section) -> Iterator[tuple[str, str]]:
        where = f"section {section.number}" if section.number else f"section {section.title!r}"
        yield where, section.title
        for block in section.blocks:
            for text in _texts_of_block(block):
                yield where, text

    for section in doc.sections:
        yield from section_texts(section)
    for annex in doc.annexes:
        yield f"annex {annex.label}", annex.label
        yield f"annex {annex.label}", annex.title
        for block in annex.blocks:
            for text in _texts_of_block(block):
                yield f"annex {annex.label}", text
        for section in annex.sections:
            yield from section_texts(section)


def find_fields(doc: TermsDocument) -> tuple[FieldOccurrence, ...]:
    """Every field occurrence in reading order (title, front matter, sections, annexes)."""
    out = []
    for where, text in _located_texts(doc):
        for match in _FIELD_RE.finditer(text):
            out.append(FieldOccurrence(match[1], where, match[1] in SUPPORTED_FIELDS))
    return tuple(out)


def field_names(doc: TermsDocument) -> frozenset[str]:
    """The distinct field names used in the document."""
    return frozenset(o.name for o in find_fields(doc))


def unknown_fields(doc: TermsDocument) -> tuple[str, ...]:
    """Field-like names in the document that are not supported (sorted, distinct); empty = fine."""
    return tuple(sorted({o.name for o in find_fields(doc) if not o.known}))


def fill_text(text: str, values: Mapping[str, str], *, allow_missing: bool = False) -> str:
    """Fill the fields of one text; see `fill_fields` for the rules and errors."""
    return _filler(values, allow_missing)(text)


def _filler(values: Mapping[str, str], allow_missing: bool) -> Callable[[str], str]:
    bad_keys = tuple(sorted(k for k in values if k not in SUPPORTED_FIELDS))
    if bad_keys:
        raise UnknownFieldError(_unknown_message(bad_keys, "among the values"), bad_keys)
    for key, value in values.items():
        if not isinstance(value, str):
            raise TypeError(
                f"value of {{{key}}} must be plain text (str), not {type(value).__name__}"
            )

    def fill(text: str) -> str:
        unknown: list[str] = []
        missing: list[str] = []

        def one(match: re.Match[str]) -> str:
            name = match[1]
            if name not in SUPPORTED_FIELDS:
                unknown.append(name)
                return match[0]
            if name in values:
                return values[name]
            if not allow_missing:
                missing.append(name)
            return match[0]

        result = _FIELD_RE.sub(one, text)
        if unknown:
            names = tuple(dict.fromkeys(unknown))
            raise UnknownFieldError(_unknown_message(names, "in the document"), names)
        if missing:
            names = tuple(dict.fromkeys(missing))
            raise MissingFieldValueError(
                "No value for " + ", ".join("{" + n + "}" for n in names), names
            )
        return result

    return fill


def fill_fields(
    doc: TermsDocument, values: Mapping[str, str], *, allow_missing: bool = False
) -> TermsDocument:
    """A copy of ``doc`` with its fields replaced by ``values`` (field name → plain text).

    Section numbers and ``meta`` are left alone. With ``allow_missing`` (previews), fields
    without a value stay as written.

    Raises:
        UnknownFieldError: the document or ``values`` names a field not in `SUPPORTED_FIELDS`
            (the message suggests the closest supported names). Checked over the whole
            document before anything is filled.
        MissingFieldValueError: a field in the document has no value (unless ``allow_missing``).
        TypeError: a value is not a ``str``.
    """
    unknown = unknown_fields(doc)
    if unknown:
        raise UnknownFieldError(_unknown_message(unknown, "in the document"), unknown)
    fill = _filler(values, allow_missing)
    missing = sorted({o.name for o in find_fields(doc) if o.name not in values})
    if missing and not allow_missing:
        raise MissingFieldValueError(
            "No value for " + ", ".join("{" + n + "}" for n in missing), tuple(missing)
        )

    def block(b: Block) -> Block:
        if isinstance(b, Paragraph):
            return replace(b, text=fill(b.text))
        if isinstance(b, BulletList):
            return BulletList(tuple(fill(i) for i in b.items))
        if isinstance(b, Table):
            return replace(b, rows=tuple(tuple(fill(c) for c in row) for row in b.rows))
        if isinstance(b, SignatureBlock):
            return SignatureBlock(
                fill(b.intro),
                fill(b.place_label),
                fill(b.date_label),
                fill(b.customer_label),
                fill(b.supplier_label),
            )
        raise TypeError(f"unknown block {type(b).__name__}")

    def section(s: Section) -> Section:
        return Section(s.number, fill(s.title), tuple(block(b) for b in s.blocks))

    return TermsDocument(
        title=fill(doc.title),
        front_matter=tuple(block(b) for b in doc.front_matter),
        sections=tuple(section(s) for s in doc.sections),
        annexes=tuple(
            Annex(
                fill(a.label),
                fill(a.title),
                tuple(block(b) for b in a.blocks),
                tuple(section(s) for s in a.sections),
            )
            for a in doc.annexes
        ),
        meta=doc.meta,
    )

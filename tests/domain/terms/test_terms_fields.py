"""Fields such as {supplier.name} in terms drafts: found where they are, filled everywhere, mistakes refused clearly."""

from __future__ import annotations

import pytest

from contractdesk.domain.terms.document import (
    Annex,
    BulletList,
    Paragraph,
    Section,
    SignatureBlock,
    Table,
    TermsDocument,
)
from contractdesk.domain.terms.fields import (
    SUPPORTED_FIELDS,
    FieldOccurrence,
    MissingFieldValueError,
    UnknownFieldError,
    field_names,
    fill_fields,
    fill_text,
    find_fields,
    unknown_fields,
)
from contractdesk.store.shipped_terms import shipped_version

VALUES = {
    "supplier.name": "Webmaster Heimen",
    "customer.name": "Eksempel AS",
    "customer.org_number": "971 049 669",
    "terms.label": "2025-01-01",
}


def _draft() -> TermsDocument:
    return TermsDocument(
        title="Avtalevilkår for {customer.name}",
        front_matter=(Paragraph("Leverandør: {supplier.name}"),),
        sections=(
            Section(
                "2",
                "Avtalens formål",
                (Paragraph("Mellom {supplier.name} og {customer.name} ({customer.org_number})."),),
            ),
            Section(
                "10",
                "Betaling",
                (
                    Table((("Kunde", "{customer.org_number}"),)),
                    BulletList(("Versjon {terms.label}",)),
                    SignatureBlock(),
                ),
            ),
        ),
        annexes=(
            Annex(
                "Vedlegg 1",
                "Databehandleravtale",
                (),
                (Section("17", "Parter", (Paragraph("{supplier.name}"),)),),
            ),
        ),
        meta=(("contents_heading", "1 Innhold"),),
    )


def test_the_supported_fields_include_the_issue_examples() -> None:
    assert "supplier.name" in SUPPORTED_FIELDS
    assert "customer.org_number" in SUPPORTED_FIELDS
    assert all(SUPPORTED_FIELDS.values())


def test_find_fields_in_reading_order_with_locations() -> None:
    found = find_fields(_draft())
    assert found[0] == FieldOccurrence("customer.name", "title", True)
    assert FieldOccurrence("terms.label", "section 10", True) in found
    assert FieldOccurrence("supplier.name", "section 17", True) in found
    # the signature block's default supplier label is a field too
    assert [o.location for o in found if o.name == "supplier.name"] == [
        "front matter",
        "section 2",
        "section 10",
        "section 17",
    ]
    assert field_names(_draft()) == {
        "customer.name",
        "supplier.name",
        "customer.org_number",
        "terms.label",
    }
    assert unknown_fields(_draft()) == ()


def test_fill_fields_replaces_everywhere_and_keeps_structure() -> None:
    filled = fill_fields(_draft(), VALUES)
    assert filled.title == "Avtalevilkår for Eksempel AS"
    assert filled.sections[0].blocks[0] == Paragraph(
        "Mellom Webmaster Heimen og Eksempel AS (971 049 669)."
    )
    assert filled.sections[1].blocks[0] == Table((("Kunde", "971 049 669"),))
    assert filled.sections[1].blocks[1] == BulletList(("Versjon 2025-01-01",))
    assert filled.sections[1].blocks[2] == SignatureBlock(supplier_label="For Webmaster Heimen")
    assert filled.annexes[0].sections[0].blocks == (Paragraph("Webmaster Heimen"),)
    assert filled.meta == _draft().meta
    assert find_fields(filled) == ()


def test_unknown_field_in_document_is_refused_with_a_suggestion() -> None:
    doc = TermsDocument(
        "T", sections=(Section("1", "A", (Paragraph("Org.nr. {customer.orgnumber}"),)),)
    )
    assert unknown_fields(doc) == ("customer.orgnumber",)
    with pytest.raises(
        UnknownFieldError, match=r"\{customer\.orgnumber\}.*did you mean \{customer\.org_number\}"
    ) as err:
        fill_fields(doc, VALUES)
    assert err.value.names == ("customer.orgnumber",)


def test_unknown_value_key_is_refused() -> None:
    with pytest.raises(UnknownFieldError, match=r"supplier\.nmae"):
        fill_fields(_draft(), {**VALUES, "supplier.nmae": "X"})


def test_missing_value_is_refused_unless_allowed() -> None:
    values = {k: v for k, v in VALUES.items() if k != "terms.label"}
    with pytest.raises(MissingFieldValueError, match=r"\{terms\.label\}") as err:
        fill_fields(_draft(), values)
    assert err.value.names == ("terms.label",)
    preview = fill_fields(_draft(), values, allow_missing=True)
    assert preview.sections[1].blocks[1] == BulletList(("Versjon {terms.label}",))


def test_values_are_inserted_verbatim_once() -> None:
    assert (
        fill_text("For {supplier.name}", {"supplier.name": "A & B <{customer.name}>"})
        == "For A & B <{customer.name}>"
    )
    with pytest.raises(TypeError):
        fill_text("{supplier.name}", {"supplier.name": 42})  # type: ignore[dict-item]


def test_braces_that_are_not_fields_are_left_alone() -> None:
    assert (
        fill_text("{ikke et felt} {a} {supplier.name}", {"supplier.name": "X"})
        == "{ikke et felt} {a} X"
    )


def test_the_2021_terms_have_no_fields() -> None:
    doc = shipped_version("2021-04-17").document
    assert find_fields(doc) == ()
    assert fill_fields(doc, {}) == doc

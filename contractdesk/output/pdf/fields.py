"""The ``{name}`` fields a terms text may use, and their values for one agreement.

Fields (values are plain text; the renderer escapes them):

- ``supplier.name``, ``supplier.org_number`` (``971 049 669``), ``supplier.vat_number``
  (``NO 971 049 669 MVA``), ``supplier.address`` (one line), ``supplier.postcode``,
  ``supplier.city``, ``supplier.email``, ``supplier.phone``;
- the same for ``customer.*``;
- ``supplier_signatory.name``/``.role``, ``customer_signatory.name``/``.role``;
- ``terms.label``, ``terms.sha256``, ``terms.sha256_short`` (12 hex digits);
- ``document.id``;
- anything given in ``AgreementInput.extra_fields``.

Fields of the *static* namespaces (``supplier``, ``supplier_signatory``, ``terms``) are the
same for every customer of a terms version, so texts using only those can be laid out
once per version and reused (see ``story.py``).
"""

from __future__ import annotations

from .formatting import display_org_number, one_line_address
from .model import AgreementInput, Party, SignatoryInfo

STATIC_NAMESPACES = frozenset({"supplier", "supplier_signatory", "terms"})


def _party_fields(prefix: str, party: Party) -> dict[str, str]:
    org = display_org_number(party.org_number)
    digits = org.replace(" ", "")
    vat = f"NO {org} MVA" if len(digits) == 9 and digits.isdigit() else org
    return {
        f"{prefix}.name": party.name,
        f"{prefix}.org_number": org,
        f"{prefix}.vat_number": vat,
        f"{prefix}.address": one_line_address(party),
        f"{prefix}.postcode": party.postcode,
        f"{prefix}.city": party.city,
        f"{prefix}.email": party.email,
        f"{prefix}.phone": party.phone,
    }


def _signatory_fields(prefix: str, person: SignatoryInfo | None) -> dict[str, str]:
    return {
        f"{prefix}.name": person.name if person else "",
        f"{prefix}.role": person.role if person else "",
    }


def field_values(inp: AgreementInput) -> dict[str, str]:
    """All field values for one agreement (see the module docstring for the names)."""
    values: dict[str, str] = {}
    values.update(_party_fields("supplier", inp.supplier))
    values.update(_party_fields("customer", inp.customer))
    values.update(_signatory_fields("supplier_signatory", inp.supplier_signatory))
    values.update(_signatory_fields("customer_signatory", inp.customer_signatory))
    values["terms.label"] = inp.terms_label
    values["terms.sha256"] = inp.terms_sha256
    values["terms.sha256_short"] = inp.terms_sha256[:12]
    values["document.id"] = inp.document_id
    for key, value in inp.extra_fields:
        values[key] = value
    return values


def is_static_field(name: str) -> bool:
    """True for fields whose value is the same for every customer of a version."""
    return name.split(".", 1)[0] in STATIC_NAMESPACES


def static_values(values: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The static part of ``values``, as a hashable cache key."""
    return tuple(sorted((k, v) for k, v in values.items() if is_static_field(k)))

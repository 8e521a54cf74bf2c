"""Signing authority: does the registry data make a person a signatory of a customer (§2.1, §4.2)?

Pure rules over the registry's roles, signing rule and procuration rule as stored with the
customer (plain mappings): no I/O. Messages are translated in the ``AgreementService`` context
(where they were first written), so the ledger, the forms and the PDF warnings share them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from contractdesk.domain.people import fold, full_name
from contractdesk.i18n import render_stored, stored_message, translate

__all__ = [
    "JOINT_SIGNER_CODES",
    "SOLE_SIGNER_CODES",
    "SignatoryCheck",
    "check_signatory",
    "has_signing_data",
    "sole_signer_candidates",
]

# Registry role codes whose holder may sign alone (the general manager has a signatory's
# rights, §8.1.1), and those who sign only together with others (the board jointly, joint
# signature/procuration).
SOLE_SIGNER_CODES = frozenset(
    {"DAGL", "INNH", "SIHV", "POHV", "SIGN", "PROK", "DTSO", "DTPR", "KOMP", "BOBE"}
)
JOINT_SIGNER_CODES = frozenset({"SIFE", "POFE", "LEDE", "NEST", "MEDL"})


@dataclass(frozen=True)
class SignatoryCheck:
    """Whether the registry data makes a person a signatory: ``warning`` is None when it does."""

    signatory: bool
    warning: str | None
    roles: tuple[str, ...] = ()
    # the warning as a stored message (``i18n.stored_message``): kept in the ledger, translated
    # whenever it is shown
    warning_code: str | None = None


def _name_keys(name: str) -> set[str]:
    """The folded full name, and first + last only (a middle name may be missing on one side)."""
    words = fold(name).replace(",", " ").split()
    keys = {" ".join(words)} if words else set()
    if len(words) > 2:
        keys.add(f"{words[0]} {words[-1]}")
    return keys


def _entry_name(entry: Mapping[str, Any]) -> str:
    first = str(entry.get("first_name") or "").strip()
    last = str(entry.get("last_name") or "").strip()
    if first or last:
        return full_name(first, str(entry.get("middle_name") or "").strip(), last)
    return str(entry.get("name") or "")


def _sets(rule: Mapping[str, Any] | None) -> list[tuple[str, ...]]:
    groups = (rule or {}).get("signer_sets") if isinstance(rule, Mapping) else None
    return [tuple(str(n) for n in g) for g in (groups or []) if isinstance(g, (list, tuple))]


def check_signatory(
    name: str,
    registry_roles: Sequence[Mapping[str, Any]] | None,
    signing_rule: Mapping[str, Any] | None,
    *,
    procuration_rule: Mapping[str, Any] | None = None,
    signatories: Sequence[Mapping[str, Any]] | None = None,
    customer_name: str = "",
) -> SignatoryCheck:
    """Is ``name`` a signatory by the customer's registry data (roles, signing, procuration rules)?

    Names are compared folded (case, accents, spaces), with and without middle names. A person
    in a one-name signer set, a signatory who ``may_sign_alone``, or the holder of a role that
    signs alone (general manager, owner, signature, procuration …) is a signatory. One who
    appears only in joint sets or joint roles (the board, joint signature) gets a warning that
    others must sign too; anyone else gets a warning too.
    """
    keys = _name_keys(name)
    who = customer_name or translate("AgreementService", "the customer")
    roles = [r for r in (registry_roles or []) if isinstance(r, Mapping)]
    sets = _sets(signing_rule) + _sets(procuration_rule)
    listed = [x for x in (signatories or []) if isinstance(x, Mapping)]
    if not roles and not sets and not listed:
        return _warned(
            (
                "AgreementService",
                QT_TRANSLATE_NOOP(
                    "AgreementService",
                    "No registry data on who may sign for %1: check the signing authority "
                    "by hand (fetch the customer from the registry).",
                ),
                (who,),
            ),
        )
    held, sole, joint = _role_authority(keys, roles)
    for entry in listed:
        if keys & _name_keys(str(entry.get("name") or "")):
            sole = sole or bool(entry.get("may_sign_alone"))
            joint = joint or not entry.get("may_sign_alone")
    partners: list[str] = []
    for group in sets:
        if any(keys & _name_keys(member) for member in group):
            sole = sole or len(group) == 1
            joint = joint or len(group) > 1
            partners += [m for m in group if not keys & _name_keys(m)]
    if sole:
        return SignatoryCheck(True, None, tuple(held))
    rule = str((signing_rule or {}).get("text") or "").strip()
    return _joint_or_not(name, who, rule, joint, partners, tuple(held))


def _joint_or_not(
    name: str, who: str, rule: str, joint: bool, partners: list[str], held: tuple[str, ...]
) -> SignatoryCheck:
    """The failed check: signs only jointly (with whom), or is no signatory; the rule after."""
    parts: list[tuple[str, str, tuple[object, ...]] | str]
    if joint:
        others = ", ".join(dict.fromkeys(partners))
        parts = [
            (
                "AgreementService",
                QT_TRANSLATE_NOOP(
                    "AgreementService",
                    "%1 may sign for %2 only together with others by the registry data",
                ),
                (name, who),
            )
        ]
        if others:
            parts.append(
                (
                    "AgreementService",
                    QT_TRANSLATE_NOOP("AgreementService", " (with %1)"),
                    (others,),
                )
            )
    else:
        parts = [
            (
                "AgreementService",
                QT_TRANSLATE_NOOP(
                    "AgreementService", "%1 is not a signatory of %2 by the registry data"
                ),
                (name, who),
            )
        ]
    if rule:
        parts.append(
            (
                "AgreementService",
                QT_TRANSLATE_NOOP("AgreementService", "; signing rule: %1"),
                (rule,),
            )
        )
    if not rule.endswith((".", "!", "?")) or not rule:
        parts.append(".")
    return _warned(*parts, roles=held)


def _warned(
    *parts: tuple[str, str, tuple[object, ...]] | str, roles: tuple[str, ...] = ()
) -> SignatoryCheck:
    """A failed check whose warning is kept as a stored message (translated when shown)."""
    code = stored_message(*parts)
    return SignatoryCheck(False, render_stored(code), roles, warning_code=code)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # Qt's name: lupdate knows it
    """Marks ``text`` for lupdate; it is translated when the stored message is shown."""
    return text


def _role_authority(
    keys: set[str], roles: Sequence[Mapping[str, Any]]
) -> tuple[list[str], bool, bool]:
    """(roles held, signs alone, signs jointly) of the person with these name keys."""
    held: list[str] = []
    sole = joint = False
    for entry in roles:
        if (
            entry.get("deceased")
            or entry.get("deregistered")
            or str(entry.get("holder_kind") or "person") != "person"
            or not keys & _name_keys(_entry_name(entry))
        ):
            continue
        code = str(entry.get("role_code") or "").upper()
        held.append(str(entry.get("role") or code))
        sole = sole or code in SOLE_SIGNER_CODES
        joint = joint or code in JOINT_SIGNER_CODES
    return held, sole, joint


def has_signing_data(
    registry_roles: Sequence[Mapping[str, Any]] | None,
    signing_rule: Mapping[str, Any] | None,
    procuration_rule: Mapping[str, Any] | None = None,
    signatories: Sequence[Mapping[str, Any]] | None = None,
) -> bool:
    """True when the registry said anything about who may sign (roles, signer sets, signatories)."""
    return bool(registry_roles or _sets(signing_rule) or _sets(procuration_rule) or signatories)


def sole_signer_candidates(
    registry_roles: Sequence[Mapping[str, Any]] | None,
    signing_rule: Mapping[str, Any] | None,
    signatories: Sequence[Mapping[str, Any]] | None = None,
) -> list[tuple[str, str]]:
    """(name, role) of people the registry may make sole signatories, in the order to try them.

    Listed signatories who may sign alone, then the general manager, then one-name signer sets;
    the caller confirms each with `check_signatory`.
    """
    names: list[tuple[str, str]] = [
        (str(x.get("name") or ""), ", ".join(str(r) for r in x.get("roles") or ()))
        for x in signatories or ()
        if isinstance(x, Mapping) and x.get("may_sign_alone")
    ]
    names += [
        (str(r.get("name") or ""), str(r.get("role") or "Daglig leder"))
        for r in registry_roles or ()
        if isinstance(r, Mapping)
        and str(r.get("role_code") or "").upper() == "DAGL"
        and not r.get("deceased")
        and not r.get("deregistered")
        and str(r.get("holder_kind") or "person") == "person"
    ]
    names += [(group[0], "") for group in _sets(signing_rule) if len(group) == 1]
    return [(name, role) for name, role in names if name]

"""Pure parsers from registry JSON (already decoded) to the frozen models; no I/O.

Every parser raises :class:`~contractdesk.registry.errors.Malformed` when a field the registry
always sends is missing or has the wrong type. Optional fields of the wrong type are treated
as absent. Text is kept verbatim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from contractdesk.registry.errors import Malformed
from contractdesk.registry.models import (
    SUB_UNIT_FORMS,
    ChangeType,
    EntityChange,
    EntityStatus,
    EntityUpdate,
    EntityUpdatePage,
    OrganisationForm,
    RegistryAddress,
    RegistryEntity,
    RegistryRole,
    Remark,
    RoleUpdate,
    RoleUpdateBatch,
    RulePerson,
    SearchPage,
    SigningKind,
    SigningRule,
)

JOINT_GRANT_CODES = frozenset({"SIFE", "POFE"})
"""Signature/procuration granted to named persons jointly (i fellesskap)."""
SOLE_GRANT_CODES = frozenset({"SIGN", "SIHV", "PROK", "POHV"})
"""Signature/procuration granted to named persons each alone (hver for seg)."""

_FORCED_DATE_FIELDS = (
    "tvangsavvikletPgaManglendeSlettingDato",
    "tvangsopplostPgaManglendeDagligLederDato",
    "tvangsopplostPgaManglendeRevisorDato",
    "tvangsopplostPgaManglendeRegnskapDato",
    "tvangsopplostPgaMangelfulltStyreDato",
)

_CHANGE_TYPES: dict[str, ChangeType] = {
    "Ukjent": "unknown",
    "Ny": "new",
    "Endring": "changed",
    "Sletting": "deleted",
    "Fjernet": "removed",
}


# ----------------------------------------------------------------------------- small readers


def _obj(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise Malformed(detail=f"{what}: expected a JSON object, got {type(value).__name__}")
    return value


def _req_str(data: Mapping[str, Any], key: str, what: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise Malformed(detail=f"{what}: missing or empty field {key!r}")
    return value


def _req_bool(data: Mapping[str, Any], key: str, what: str) -> bool:
    value = _opt_bool(data.get(key))
    if value is None:
        raise Malformed(detail=f"{what}: missing or non-boolean field {key!r}")
    return value


def _opt_bool(value: Any) -> bool | None:
    """Booleans; the signature service sends them as strings ``"true"``/``"false"``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _opt_date(value: Any) -> date | None:
    """``yyyy-MM-dd`` (optionally followed by a time) or ``dd.MM.yyyy``; anything else → None."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    try:
        if len(text) >= 10 and text[4] == "-":
            return date.fromisoformat(text[:10])
        if len(text) == 10 and text[2] == "." and text[5] == ".":
            return date(int(text[6:10]), int(text[3:5]), int(text[0:2]))
    except ValueError:
        return None
    return None


def _opt_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _opt_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _code_object(value: Any) -> tuple[str, str]:
    if isinstance(value, Mapping):
        return _str(value.get("kode")), _str(
            value.get("beskrivelse") or value.get("tekstforklaring")
        )
    return "", ""


# ----------------------------------------------------------------------------- entities


def parse_address(value: Any) -> RegistryAddress | None:
    """An address object; ``adresse`` lines that are null or empty strings are dropped."""
    if not isinstance(value, Mapping):
        return None
    raw_lines = value.get("adresse")
    lines: tuple[str, ...] = ()
    if isinstance(raw_lines, list):
        lines = tuple(line for line in raw_lines if isinstance(line, str) and line != "")
    address = RegistryAddress(
        lines=lines,
        postcode=_str(value.get("postnummer")),
        city=_str(value.get("poststed")),
        municipality=_str(value.get("kommune")),
        municipality_number=_str(value.get("kommunenummer")),
        country_code=_str(value.get("landkode")),
        country=_str(value.get("land")),
    )
    return None if address.is_empty and not address.municipality else address


def _organisation_form(value: Any, what: str) -> OrganisationForm:
    form = _obj(value, f"{what}.organisasjonsform")
    return OrganisationForm(
        code=_req_str(form, "kode", f"{what}.organisasjonsform"),
        description=_str(form.get("beskrivelse")),
    )


def _is_sub_unit(body: Mapping[str, Any], klass: str, form: str, endpoint: str | None) -> bool:
    """Main unit or sub-unit: by the endpoint that answered, the response class and the form.

    Never by the ``overordnetEnhet`` key: public-sector main units (ORGL, KOMM …) carry it too
    (sometimes as null), naming the unit above them in the public sector.
    """
    if endpoint is not None:
        return endpoint == "underenheter"
    if klass:
        return klass in ("Underenhet", "SlettetUnderEnhet")
    return form in SUB_UNIT_FORMS or "beliggenhetsadresse" in body


def parse_remarks(value: Any) -> tuple[Remark, ...]:
    """``paategninger`` → remarks (entries without text are dropped)."""
    if not isinstance(value, list):
        return ()
    return tuple(
        Remark(
            info_type=_str(item.get("infotype")),
            text=_str(item.get("tekst")),
            entered_on=_opt_date(item.get("innfoertDato")),
        )
        for item in value
        if isinstance(item, Mapping) and _str(item.get("tekst"))
    )


def _first_date(body: Mapping[str, Any], fields: Iterable[str]) -> date | None:
    return next((d for d in (_opt_date(body.get(f)) for f in fields) if d is not None), None)


def _entity_status(
    body: Mapping[str, Any], flags: tuple[bool, bool, bool], is_sub_unit: bool
) -> EntityStatus:
    bankrupt, winding_up, forced = flags
    if bankrupt:
        return "bankrupt"
    if forced:
        return "forced_dissolution"
    if winding_up:
        return "liquidation"
    if _opt_date(body.get("underRekonstruksjonsforhandlingDato")) is not None:
        return "reconstruction"
    if is_sub_unit and _opt_date(body.get("nedleggelsesdato")) is not None:
        return "closed"
    return "active"


def parse_entity(data: Any, *, endpoint: str | None = None) -> RegistryEntity:
    """An ``Enhet``, ``SlettetEnhet``, ``Underenhet`` or ``SlettetUnderEnhet`` object.

    Args:
        endpoint: ``enheter`` or ``underenheter``, the register that answered (None: decide by
            the response class and the organisation form).
    """
    body = _obj(data, "entity")
    klass = _str(body.get("respons_klasse"))
    org_number = _req_str(body, "organisasjonsnummer", "entity")
    what = f"entity {org_number}"
    if not (len(org_number) == 9 and org_number.isdigit()):
        raise Malformed(detail=f"{what}: organisasjonsnummer is not 9 digits")
    name = _req_str(body, "navn", what)
    form = _organisation_form(body.get("organisasjonsform"), what)
    is_sub_unit = _is_sub_unit(body, klass, form.code, endpoint)
    deleted = klass in ("SlettetEnhet", "SlettetUnderEnhet") or (
        not klass and bool(body.get("slettedato")) and "konkurs" not in body
    )
    parent = body.get("overordnetEnhet")
    parent_org = parent if isinstance(parent, str) and parent else None
    former = body.get("historiskeNavn")
    former_names = (
        tuple(
            n["navn"] for n in former if isinstance(n, Mapping) and isinstance(n.get("navn"), str)
        )
        if isinstance(former, list)
        else ()
    )

    if deleted:
        deletion_date = _opt_date(body.get("slettedato") or body.get("nedleggelsesdato"))
        if deletion_date is None:
            raise Malformed(detail=f"{what}: deleted entity without slettedato")
        return RegistryEntity(
            org_number=org_number,
            name=name,
            organisation_form=form,
            business_address=None,
            postal_address=None,
            vat_registered=False,
            status="deleted",
            deletion_date=deletion_date,
            is_sub_unit=is_sub_unit,
            parent_org_number=parent_org,
            former_names=former_names,
        )

    vat = _req_bool(body, "registrertIMvaregisteret", what)
    if is_sub_unit:
        bankrupt = bool(_opt_bool(body.get("konkurs")))
        winding_up = bool(_opt_bool(body.get("underAvvikling")))
        forced = bool(_opt_bool(body.get("underTvangsavviklingEllerTvangsopplosning")))
    else:
        bankrupt = _req_bool(body, "konkurs", what)
        winding_up = _req_bool(body, "underAvvikling", what)
        forced = _req_bool(body, "underTvangsavviklingEllerTvangsopplosning", what)
    status = _entity_status(body, (bankrupt, winding_up, forced), is_sub_unit)
    liquidation_date = _opt_date(body.get("underAvviklingDato"))
    industry_code, industry = _code_object(body.get("naeringskode1"))
    return RegistryEntity(
        org_number=org_number,
        name=name,
        organisation_form=form,
        business_address=parse_address(
            body.get("forretningsadresse") or body.get("beliggenhetsadresse")
        ),
        postal_address=parse_address(body.get("postadresse")),
        vat_registered=vat,
        status=status,
        deletion_date=_opt_date(body.get("slettedato")),
        bankruptcy_date=_opt_date(body.get("konkursdato")),
        liquidation_date=liquidation_date,
        registration_date=_opt_date(body.get("registreringsdatoEnhetsregisteret")),
        business_register_date=_opt_date(body.get("registreringsdatoForetaksregisteret")),
        vat_registration_date=_opt_date(body.get("registreringsdatoMerverdiavgiftsregisteret")),
        founded_date=_opt_date(body.get("stiftelsesdato") or body.get("oppstartsdato")),
        in_business_register=bool(_opt_bool(body.get("registrertIForetaksregisteret"))),
        is_sub_unit=is_sub_unit,
        parent_org_number=parent_org,
        industry_code=industry_code,
        industry=industry,
        employees=_opt_int(body.get("antallAnsatte")),
        website=_str(body.get("hjemmeside")),
        email=_str(body.get("epostadresse")),
        phone=_str(body.get("telefon")),
        mobile=_str(body.get("mobil")),
        former_names=former_names,
        forced_dissolution_date=_first_date(body, _FORCED_DATE_FIELDS),
        reconstruction_date=_opt_date(body.get("underRekonstruksjonsforhandlingDato")),
        closed_date=_opt_date(body.get("nedleggelsesdato")) if is_sub_unit else None,
        remarks=parse_remarks(body.get("paategninger")),
    )


def parse_search_page(data: Any, *, embedded_key: str = "enheter") -> SearchPage:
    """A HAL search page; with zero hits the registry omits ``_embedded`` entirely."""
    body = _obj(data, "search page")
    page = _obj(body.get("page"), "search page.page")
    number = _opt_int(page.get("number"))
    total = _opt_int(page.get("totalElements"))
    total_pages = _opt_int(page.get("totalPages"))
    size = _opt_int(page.get("size"))
    if number is None or total is None or total_pages is None or size is None:
        raise Malformed(detail="search page: incomplete 'page' object")
    embedded = body.get("_embedded")
    items: tuple[RegistryEntity, ...] = ()
    if embedded is not None:
        raw = _obj(embedded, "search page._embedded").get(embedded_key, [])
        if not isinstance(raw, list):
            raise Malformed(detail=f"search page: _embedded.{embedded_key} is not a list")
        endpoint = "underenheter" if embedded_key == "underenheter" else "enheter"
        items = tuple(parse_entity(item, endpoint=endpoint) for item in raw)
    return SearchPage(items=items, page=number, total_pages=total_pages, total=total, size=size)


# ----------------------------------------------------------------------------- roles


def _person_name(navn: Any) -> tuple[str, str, str, str]:
    if isinstance(navn, str):
        return navn, "", "", ""
    if not isinstance(navn, Mapping):
        return "", "", "", ""
    first, middle, last = (
        _str(navn.get("fornavn")),
        _str(navn.get("mellomnavn")),
        _str(navn.get("etternavn")),
    )
    full = " ".join(part for part in (first, middle, last) if part)
    return full, first, middle, last


def _role_facts(role: Mapping[str, Any]) -> dict[str, Any]:
    """Election, liability share and the capacity facts of one ``Rolle``."""
    elected_code, elected = _code_object(role.get("valgtAv"))
    share = role.get("ansvarsandel")
    return {
        "elected_by": elected,
        "elected_by_code": elected_code,
        "liability_share": share.strip() if isinstance(share, str) else "",
        "restricted_capacity": bool(_opt_bool(role.get("begrensetRettsligHandleevne"))),
        "lasting_power_of_attorney": bool(_opt_bool(role.get("stadfestetFremtidsfullmakt"))),
    }


def parse_roles(data: Any) -> tuple[RegistryRole, ...]:
    """A ``Roller`` object → every role, in the registry's order (inactive ones included).

    Roles whose holder is of an unknown kind are skipped (forward compatibility).
    """
    body = _obj(data, "roles")
    groups = body.get("rollegrupper")
    if not isinstance(groups, list):
        raise Malformed(detail="roles: missing 'rollegrupper' list")
    result: list[RegistryRole] = []
    for group in groups:
        group_obj = _obj(group, "roles.rollegruppe")
        group_code, group_desc = _code_object(group_obj.get("type"))
        roles = group_obj.get("roller")
        if not isinstance(roles, list):
            raise Malformed(detail=f"roles: group {group_code!r} without 'roller' list")
        for raw in roles:
            role = _obj(raw, "roles.rolle")
            code, description = _code_object(role.get("type"))
            if not code:
                raise Malformed(detail=f"roles: role without type code in group {group_code!r}")
            deregistered = bool(_opt_bool(role.get("avregistrert"))) or bool(
                _opt_bool(role.get("fratraadt"))
            )
            order = _opt_int(role.get("rekkefolge")) or 0
            facts = _role_facts(role)
            person, entity, trustee = role.get("person"), role.get("enhet"), role.get("bostyrer")
            if isinstance(person, Mapping) or isinstance(trustee, Mapping):
                holder = person if isinstance(person, Mapping) else trustee
                assert isinstance(holder, Mapping)
                full, first, middle, last = _person_name(holder.get("navn"))
                result.append(
                    RegistryRole(
                        role_code=code,
                        role=description,
                        group_code=group_code,
                        group=group_desc,
                        holder_kind="person" if holder is person else "trustee",
                        name=full,
                        first_name=first,
                        middle_name=middle,
                        last_name=last,
                        birth_date=_opt_date(holder.get("fodselsdato")),
                        deceased=bool(_opt_bool(holder.get("erDoed"))),
                        deregistered=deregistered,
                        order=order,
                        **facts,
                    )
                )
            elif isinstance(entity, Mapping):
                names = entity.get("navn")
                if isinstance(names, list):
                    name = " ".join(n for n in names if isinstance(n, str) and n)
                else:
                    name = _str(names)
                result.append(
                    RegistryRole(
                        role_code=code,
                        role=description,
                        group_code=group_code,
                        group=group_desc,
                        holder_kind="entity",
                        name=name,
                        entity_org_number=_str(entity.get("organisasjonsnummer")) or None,
                        entity_deleted=bool(_opt_bool(entity.get("erSlettet"))),
                        deregistered=deregistered,
                        order=order,
                        elected_by=facts["elected_by"],
                        elected_by_code=facts["elected_by_code"],
                        liability_share=facts["liability_share"],
                    )
                )
    return tuple(result)


# ----------------------------------------------------------------------------- signing rules


def _rule_person(value: Any) -> RulePerson | None:
    if not isinstance(value, Mapping):
        return None
    name = value.get("navn")
    if isinstance(name, Mapping):
        name = _person_name(name)[0]
    if not isinstance(name, str) or not name:
        return None
    code, description = _code_object(value.get("rolle"))
    return RulePerson(
        name=name, birth_date=_opt_date(value.get("fodselsdato")), role_code=code, role=description
    )


def _people(value: Any) -> list[RulePerson]:
    if not isinstance(value, list):
        return []
    return [p for p in (_rule_person(v) for v in value) if p is not None]


def dedupe_sets(sets: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Drop empty and repeated signer sets (same names in any order), keeping the first order."""
    seen: set[frozenset[str]] = set()
    out: list[tuple[str, ...]] = []
    for names in sets:
        key = frozenset(n.casefold() for n in names)
        if names and key not in seen:
            seen.add(key)
            out.append(tuple(dict.fromkeys(names)))
    return tuple(out)


def unregistered_rule(kind: SigningKind, text: str = "", rule_status: str = "") -> SigningRule:
    """A rule saying: nothing registered, confirm by hand."""
    return SigningRule(
        kind=kind,
        text=text,
        signer_sets=(),
        registered=False,
        basis="none",
        rule_status=rule_status,
    )


def parse_signing_rule(data: Any, kind: SigningKind) -> SigningRule | None:
    """A Fullmakttjenesten answer (``/signatur`` or ``/prokura``) → a rule.

    Returns None for procuration when none is granted (``SI``). For signature without a
    registered basis (routine not available, ``SI``, or ``RI`` with neither free text nor
    named persons) the rule has ``registered=False``.

    With ``RF`` the combinations are the registered rule. With ``RI`` the service's
    combinations are only the statutory default (the board jointly); the real rule is the free
    text, and persons granted signature/procuration by name add their own sets: jointly
    (``SIFE``/``POFE``) as one set, individually (``SIHV``/``POHV``) one set each.
    """
    body = _obj(data, f"{kind} rule")
    status = _obj(body.get("status"), f"{kind} rule.status")
    routine = _code_object(status.get("rutineStatus"))[0]
    rule_status = _code_object(status.get("regelStatus"))[0]
    basis_obj = body.get("signeringsGrunnlag")
    basis_code = _code_object(basis_obj)[0] if isinstance(basis_obj, Mapping) else ""
    if routine and routine != "OK":
        return unregistered_rule(kind, rule_status=rule_status) if kind == "signature" else None
    if basis_code != "SF":
        return unregistered_rule(kind, rule_status=rule_status) if kind == "signature" else None

    assert isinstance(basis_obj, Mapping)
    grants = basis_obj.get("signaturProkuraRoller")
    grants = grants if isinstance(grants, Mapping) else {}
    free_text = _str(grants.get("signaturProkuraFritekst"))
    named = _people(grants.get("personRolleGrunnlag"))

    combos_obj = body.get("signeringsKombinasjon")
    combos = combos_obj.get("kombinasjon") if isinstance(combos_obj, Mapping) else None
    combo_sets: list[tuple[str, ...]] = []
    combo_texts: list[str] = []
    combo_people: list[RulePerson] = []
    if isinstance(combos, list):
        for combo in combos:
            if not isinstance(combo, Mapping):
                continue
            people = _people(combo.get("personRolleKombinasjon"))
            combo_people.extend(people)
            combo_sets.append(tuple(p.name for p in people))
            text = _str(combo.get("tekstforklaring"))
            if text and text not in combo_texts:
                combo_texts.append(text)

    grant_sets: list[tuple[str, ...]] = []
    if rule_status != "RF":
        joint = tuple(p.name for p in named if p.role_code in JOINT_GRANT_CODES)
        if joint:
            grant_sets.append(joint)
        grant_sets.extend((p.name,) for p in named if p.role_code in SOLE_GRANT_CODES)
    signer_sets = dedupe_sets([*combo_sets, *grant_sets])

    registered = rule_status == "RF" or bool(free_text) or bool(named)
    text = free_text or "; ".join(combo_texts)
    persons: dict[tuple[str, date | None], RulePerson] = {}
    for person in [*named, *combo_people]:
        persons.setdefault((person.name.casefold(), person.birth_date), person)
    if not registered and not signer_sets:
        return (
            unregistered_rule(kind, text=text, rule_status=rule_status)
            if kind == "signature"
            else None
        )
    return SigningRule(
        kind=kind,
        text=text,
        signer_sets=signer_sets,
        registered=registered,
        basis="registry" if registered else "law",
        persons=tuple(persons.values()),
        rule_status=rule_status,
    )


def signing_rule_org_number(data: Any) -> str:
    """The org number a signature-service answer is about (``enhet.organisasjonsnummer``), or ""."""
    if isinstance(data, Mapping) and isinstance(data.get("enhet"), Mapping):
        return _str(data["enhet"].get("organisasjonsnummer"))
    return ""


# ----------------------------------------------------------------------------- update feeds


def parse_entity_updates(data: Any, *, embedded_key: str = "oppdaterteEnheter") -> EntityUpdatePage:
    """A page of ``/oppdateringer/enheter`` (``oppdaterteEnheter``) or ``/underenheter``
    (``embedded_key="oppdaterteUnderenheter"``); ``endringer`` is optional."""
    body = _obj(data, "entity updates")
    page_value = body.get("page")
    page: Mapping[str, Any] = page_value if isinstance(page_value, Mapping) else {}
    embedded = body.get("_embedded")
    raw = (
        _obj(embedded, "entity updates._embedded").get(embedded_key, [])
        if embedded is not None
        else []
    )
    if not isinstance(raw, list):
        raise Malformed(detail=f"entity updates: {embedded_key} is not a list")
    items = []
    for value in raw:
        item = _obj(value, "entity update")
        update_id = _opt_int(item.get("oppdateringsid"))
        if update_id is None:
            raise Malformed(detail="entity update without oppdateringsid")
        changes = item.get("endringer")
        items.append(
            EntityUpdate(
                update_id=update_id,
                time=_opt_datetime(item.get("dato")),
                org_number=_req_str(item, "organisasjonsnummer", "entity update"),
                change_type=_CHANGE_TYPES.get(_str(item.get("endringstype")), "unknown"),
                changes=tuple(
                    EntityChange(
                        op=_str(c.get("op")), path=_str(c.get("path")), value=c.get("value")
                    )
                    for c in changes
                    if isinstance(c, Mapping)
                )
                if isinstance(changes, list)
                else (),
            )
        )
    return EntityUpdatePage(
        items=tuple(items),
        page=_opt_int(page.get("number")) or 0,
        total_pages=_opt_int(page.get("totalPages")) or 0,
        total=_opt_int(page.get("totalElements")) or 0,
    )


def parse_role_updates(data: Any, *, requested_size: int) -> RoleUpdateBatch:
    if not isinstance(data, list):
        raise Malformed(detail="role updates: expected a JSON array of CloudEvents")
    items = []
    for value in data:
        event = _obj(value, "role update")
        event_id = _opt_int(event.get("id"))
        payload = _obj(event.get("data"), "role update.data")
        if event_id is None:
            raise Malformed(detail="role update without numeric id")
        items.append(
            RoleUpdate(
                event_id=event_id,
                time=_opt_datetime(event.get("time")),
                org_number=_req_str(payload, "organisasjonsnummer", "role update.data"),
            )
        )
    return RoleUpdateBatch(items=tuple(items), requested_size=requested_size)


def parse_gone(data: Any) -> tuple[str, date | None]:
    """A 410 ``GoneEnhet`` body → (org number, deletion date); tolerant of an empty body."""
    if isinstance(data, Mapping):
        return _str(data.get("organisasjonsnummer")), _opt_date(data.get("slettedato"))
    return "", None


def parse_bad_request(data: Any) -> str:
    """A 400 body → the registry's own messages joined (Norwegian; for the log and detail)."""
    if not isinstance(data, Mapping):
        return ""
    messages = [_str(data.get("feilmelding"))]
    errors = data.get("valideringsfeil")
    if isinstance(errors, list):
        messages.extend(_str(e.get("feilmelding")) for e in errors if isinstance(e, Mapping))
    return ": ".join(m for m in messages if m)

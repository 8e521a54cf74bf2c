"""Mapping the store into the renderer's inputs: supplier, customers, services, version, signatory.

Reads happen in read sessions (``loading.py``) and through the other services' public use
cases; the only write is the agreements a document is for (new drafts), in one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractdesk.domain.customers import BLOCKED_STATUSES
from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.domain.people import fold
from contractdesk.domain.terms.fields import (
    SUPPORTED_FIELDS,
    UnknownFieldError,
    field_names,
    fill_fields,
)
from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, translate
from contractdesk.output.wording import binding_text, nb_date, period_text, start_text
from contractdesk.services.agreements.service import own_org_message
from contractdesk.store.engine import Store

from .loading import DocCustomer, choose_signatory, load_customers, phone_text
from .views import AgreementRef, PreparedAgreement

if TYPE_CHECKING:
    from contractdesk.output.pdf import AgreementInput, Party, ServiceLine, SignatoryInfo
    from contractdesk.services.agreements import AgreementService, AgreementView
    from contractdesk.services.billing import BillingService, ServiceView
    from contractdesk.services.customers import CustomerService
    from contractdesk.services.supplier import SupplierService
    from contractdesk.services.terms import TermsService, TermsVersionRow


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


@dataclass(frozen=True)
class DocVersion:
    """A published version ready for documents (cached per label, hash and field values)."""

    label: str
    sha256: str
    effective_date: date | None
    document: Any  # TermsDocument, fields of the version filled
    subprocessors: tuple[Any, ...]  # SubProcessor
    extra_fields: tuple[tuple[str, str], ...]
    missing_fields: tuple[str, ...]
    title_fields: bool = False
    subprocessor_orgs: tuple[str, ...] = ()
    """The register's org number of each sub-processor ("" when unknown), in the same order."""
    """The title still holds per-document fields (e.g. ``{customer.name}``): filled per customer."""


class Preparation:
    """Inputs of documents (part of `DocumentService`)."""

    _store: Store
    _supplier: SupplierService
    _customers: CustomerService
    _terms: TermsService
    _agreements: AgreementService
    _billing: BillingService
    _lock: threading.Lock
    _versions: dict[tuple[Any, ...], DocVersion]

    if TYPE_CHECKING:  # provided by the other parts of DocumentService

        def document_fields(self) -> dict[str, str]: ...

        def initials_field(self) -> bool: ...

        def supplier_mismatch(
            self, terms: str | None = None, *, today: date | None = None
        ) -> str: ...

    def _prepare_many(
        self,
        orgs: Sequence[str],
        version: DocVersion,
        signatory: int | None,
        day: date,
        actor: str,
        *,
        existing: AgreementView | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> tuple[list[PreparedAgreement], list[tuple[str, str]]]:
        """Inputs for several customers in a few queries and one write (new drafts); (prepared,
        skipped).

        Skipped: customers no agreement may be issued to, with the reason.
        """
        from contractdesk.output.pdf import AgreementInput

        supplier, supplier_signatory = self._supplier_party()
        initials = self.initials_field()
        mismatch = self.supplier_mismatch(version.label)
        loaded, chosen = load_customers(self._store, orgs, signatory)
        skipped = [
            (org, self._blocked_reason(loaded[org]))
            for org in orgs
            if loaded[org].status in BLOCKED_STATUSES
        ]
        skipped += [
            (org, own_org_message(loaded[org].name))
            for org in orgs
            if org == supplier.org_number and loaded[org].status not in BLOCKED_STATUSES
        ]
        eligible = [
            org
            for org in orgs
            if loaded[org].status not in BLOCKED_STATUSES and org != supplier.org_number
        ]
        if not eligible or (cancel and cancel()):
            return [], skipped
        services = self._billing.services_by_customer(eligible, today=day)
        if existing is not None:
            rows = {existing.org_number: (existing, False)}
        else:
            rows = self._agreements.document_agreements(eligible, version.label, actor=actor)
        prepared: list[PreparedAgreement] = []
        for org in eligible:
            customer = loaded[org]
            agreement, created = rows[org]
            info, person_id, warnings = choose_signatory(customer, chosen)
            warnings[:0] = customer.warnings()
            if version.missing_fields:
                warnings.append(
                    _t(
                        translate(
                            "DocumentService",
                            "The terms use %1 with no value: set it in the settings.",
                        ),
                        ", ".join("{" + n + "}" for n in version.missing_fields),
                    )
                )
            if mismatch:
                warnings.append(mismatch)
            inp = AgreementInput(
                document_id=agreement.document_id,
                supplier=supplier,
                customer=customer.party(),
                services=service_lines(services.get(org, []), customer.fee, day),
                terms=version.document,
                terms_label=version.label,
                terms_sha256=version.sha256,
                customer_signatory=info,
                supplier_signatory=supplier_signatory,
                subprocessors=_without_supplier(version, supplier),
                extra_fields=(*version.extra_fields, ("agreement.date", nb_date(day))),
                initials=initials,
            )
            if version.title_fields:
                inp = fill_title(inp)
            ref = AgreementRef(
                agreement.id,
                agreement.document_id,
                org,
                customer.name,
                version.label,
                version.sha256,
                agreement.state,
                created,
                info.name if info else None,
                person_id,
                tuple(warnings),
            )
            prepared.append(PreparedAgreement(inp, ref))
        return prepared, skipped

    def _blocked_reason(self, customer: DocCustomer) -> str:
        reason = (
            self._customers.agreement_eligibility(customer.org_number).reason or customer.status
        )
        return _t(
            translate("DocumentService", "%1 (%2): %3"),
            customer.name,
            format_org_number(customer.org_number),
            reason,
        )

    def _supplier_party(self) -> tuple[Party, SignatoryInfo | None]:
        from contractdesk.output.pdf import Party, SignatoryInfo

        profile = self._supplier.get()
        if profile is None or not profile.name:
            raise UserError(
                translate(
                    "DocumentService",
                    "Fill in the supplier profile in Settings before making agreements.",
                )
            )
        party = Party(
            name=profile.name,
            org_number=profile.org_number,
            address_lines=profile.address_lines,
            postcode=profile.postcode,
            city=profile.city,
            email=profile.email,
            phone=phone_text(profile.phone),
        )
        signer = (
            SignatoryInfo(profile.signer_name, profile.signer_title)
            if profile.signer_name
            else None
        )
        return party, signer

    def _version(self, label: str | None, day: date) -> DocVersion:
        """A published version with its version-level fields filled (cached: one object per
        version)."""
        rows = self._terms.list_versions()
        row: TermsVersionRow | None
        if label:
            row = next((r for r in rows if r.label == label.strip()), None)
            if row is None:
                raise NotFoundError(
                    _t(translate("DocumentService", "No terms version %1."), repr(label)),
                    field="terms",
                )
            if not row.published:
                raise UserError(
                    _t(
                        translate(
                            "DocumentService", "Terms version %1 is a draft: publish it first."
                        ),
                        repr(row.label),
                    ),
                    field="terms",
                )
        else:
            published = [r for r in rows if r.published]
            in_effect = [r for r in published if r.effective_date and r.effective_date <= day]
            candidates = in_effect or published
            row = candidates[-1] if candidates else None
            if row is None:
                raise UserError(
                    translate("DocumentService", "No terms version is published yet."),
                    field="terms",
                )
        settings_values = self.document_fields()
        values = {k: v for k, v in settings_values.items() if v}
        if row.effective_date is not None:
            values["terms.effective_date"] = nb_date(row.effective_date)
        key = (row.label, row.sha256, tuple(sorted(values.items())))
        with self._lock:
            cached = self._versions.get(key)
        if cached is not None:
            return cached
        from contractdesk.output.pdf import SubProcessor
        from contractdesk.output.text import field_names as text_field_names

        view = self._terms.get(row.label)
        document = view.document
        try:
            used = field_names(document)
            if used:
                document = fill_fields(document, values, allow_missing=True)
        except UnknownFieldError as exc:
            raise UserError(
                _t(
                    translate("DocumentService", "Terms version %1 has unknown fields: %2."),
                    row.label,
                    exc,
                )
            ) from None
        extra_names = {n for n, what in SUPPORTED_FIELDS.items() if what.startswith("extra:")} - {
            "agreement.date"
        }
        missing = tuple(sorted(n for n in field_names(document) if n in extra_names))
        version = DocVersion(
            label=row.label,
            sha256=row.sha256 or "",
            effective_date=row.effective_date,
            document=document,
            subprocessors=tuple(
                SubProcessor(
                    s.name,
                    s.purpose,
                    s.location or "",
                    s.data_shared if s.data_shared.strip().lower().startswith("kun ") else "",
                )
                for s in view.subprocessors
            ),
            subprocessor_orgs=tuple(s.org_number or "" for s in view.subprocessors),
            extra_fields=tuple(sorted(values.items())),
            missing_fields=missing,
            title_fields=bool(text_field_names(document.title)),
        )
        with self._lock:
            if len(self._versions) >= 4:
                self._versions.clear()
            self._versions[key] = version
        return version


def parse_org(text: str) -> str:
    try:
        return parse_org_number(text)
    except InvalidOrgNumber as exc:
        raise UserError(str(exc), field="org_number") from None


def render_pdf(fn: Callable[[AgreementInput], bytes], inp: AgreementInput) -> bytes:
    from contractdesk.output.pdf import RenderError

    try:
        return fn(inp)
    except RenderError as exc:
        raise UserError(
            _t(translate("DocumentService", "The PDF could not be made: %1"), exc)
        ) from None


def service_lines(services: Sequence[ServiceView], fee: Any, day: date) -> tuple[ServiceLine, ...]:
    """The services table: each service still running, with price, period, binding and the
    invoice fee."""
    from contractdesk.output.pdf import ServiceLine

    return tuple(
        ServiceLine(
            s.name,
            s.price,
            _period_text(s),
            _binding_text(s, day),
            fee if s.price != 0 else Decimal(0),
            start_text(s.start or s.cost_date, s.trial_days),
        )
        for s in services
        if s.termination is None or s.termination.end >= day
    )


def fill_title(inp: AgreementInput) -> AgreementInput:
    """Fill the per-customer fields of the title (the renderer fills fields in the text, not in the
    title).

    The document then differs per customer, so the renderer lays out its terms again for each one.
    """
    from dataclasses import replace

    from contractdesk.domain.terms.fields import fill_text
    from contractdesk.output.pdf.fields import field_values

    values = {k: v for k, v in field_values(inp).items() if k in SUPPORTED_FIELDS}
    return replace(
        inp, terms=replace(inp.terms, title=fill_text(inp.terms.title, values, allow_missing=True))
    )


def _without_supplier(version: DocVersion, supplier: Party) -> tuple[Any, ...]:
    """The version's sub-processors less the supplier itself (by org number or name)."""
    return without_business(version, supplier.name, supplier.org_number)


def without_business(version: DocVersion, name: str, org_number: str) -> tuple[Any, ...]:
    """The version's sub-processors less the business ``name``/``org_number``."""
    folded = fold(name)
    return tuple(
        sp
        for sp, org in zip(
            version.subprocessors,
            version.subprocessor_orgs or ("",) * len(version.subprocessors),
            strict=True,
        )
        if not (org and org == org_number) and fold(sp.name) != folded
    )


def _period_text(service: ServiceView) -> str:
    return period_text(service.kind.value, service.period.value if service.period else None)


def _binding_text(service: ServiceView, day: date) -> str:
    end = service.termination.end if service.termination is not None else None
    return binding_text(end, service.binding_end, day)

"""The yearly price adjustment (§13.1) as one action, its index table and announcement letters.

"Raise every licence by the index from 1 January": previewed customer by customer, then saved
in one transaction. The index is Statistics Norway's consumer price index (KPI), shipped in
``resources/kpi/consumer_price_index.json`` and extended by the user (``price_index`` table).
An adjustment's announcement date is the day its letter was recorded as sent, when it was
(``announcement_proved``), so "announced by 1 October" is proved, not typed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from contractdesk.domain.invoicing import PriceAdjustment, ServiceKind, resolve_termination
from contractdesk.domain.invoicing.amounts import UNIT_PRICE_PLACES, checked_amount
from contractdesk.domain.invoicing.yearly import index_change, raised, yearly_warnings
from contractdesk.domain.orgnr import parse_org_number
from contractdesk.errors import UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.output.atomic import save_atomic
from contractdesk.output.email.draft import save_eml
from contractdesk.output.price_notice import (
    NoticeLine,
    PriceNoticeLetter,
    notice_email,
    notice_file_stem,
    render_notice_pdf,
)
from contractdesk.resources import resource_path
from contractdesk.services.billing.mapping import (
    adjustment_views,
    base_price,
    price_in_effect,
    service_to_domain,
)
from contractdesk.services.billing.views import YearlyPlan, YearlyProposal
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import (
    Customer,
    PriceChange,
    PriceIndexYear,
    PriceNotice,
    ServiceRecord,
    Supplier,
)
from contractdesk.store.queries import billing as queries
from contractdesk.store.queries.billing import Session
from contractdesk.store.queries.customers import customer_by_org_number

_DAY = timedelta(days=1)


@lru_cache(maxsize=1)
def shipped_price_index() -> dict[int, Decimal]:
    """The consumer price index years shipped with the app (annual averages, 2015 = 100)."""
    data = json.loads(resource_path("kpi", "consumer_price_index.json").read_text("utf-8"))
    return {int(year): Decimal(value) for year, value in data["years"].items()}


class YearlyUseCases:
    """The yearly §13.1 part of :class:`BillingService`."""

    store: Store

    def price_index(self) -> dict[int, Decimal]:
        """Year -> index: the shipped table with the user's years over it."""
        table = dict(shipped_price_index())
        with self.store.read_session() as s:
            table.update((row.year, row.value) for row in queries.user_price_index(s))
        return dict(sorted(table.items()))

    def add_price_index(
        self, year: int, value: Decimal | str, *, source: str = "", actor: str = "owner"
    ) -> None:
        """Add (or correct) one year's index figure (annual average, 2015 = 100)."""
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
            raise UserError(translate("BillingService", "Year: a year such as 2025."), field="year")
        figure = checked_amount(value, translate("BillingService", "Index"), "value", places=3)
        if figure == 0:
            raise UserError(translate("BillingService", "Index: must be above 0."), field="value")
        with self.store.session() as s:
            row = s.get(PriceIndexYear, year)
            before = None if row is None else str(row.value)
            if row is None:
                s.add(PriceIndexYear(year=year, value=figure, source=source[:200]))
            else:
                row.value, row.source = figure, source[:200]
            audit.append(
                s,
                actor=actor,
                action="price_index.set",
                entity_type="price_index",
                entity_id=str(year),
                payload={"before": before, "after": str(figure), "source": source[:200]},
            )

    def preview_yearly_adjustment(
        self,
        effective: date,
        announced: date | None = None,
        *,
        org_numbers: Sequence[str] | None = None,
        percent: Decimal | str | None = None,
    ) -> YearlyPlan:
        """Every licence and usage service (of the chosen customers) raised by the index change
        (or ``percent``) from ``effective``, with the §13.1 warnings; nothing is saved."""
        year, index, change = self._change(effective, percent)
        wanted = None if org_numbers is None else [parse_org_number(o) for o in org_numbers]
        with self.store.read_session() as s:
            proposals = _proposals(s, wanted, effective, announced, index, change)
        return YearlyPlan(year, index, change, tuple(proposals))

    def apply_yearly_adjustment(
        self,
        effective: date,
        announced: date | None = None,
        *,
        org_numbers: Sequence[str] | None = None,
        percent: Decimal | str | None = None,
        actor: str = "owner",
    ) -> YearlyPlan:
        """Save the previewed adjustment: one price adjustment per service, one transaction.

        Raises:
            UserError: a service already has an adjustment effective that day.
        """
        year, index, change = self._change(effective, percent)
        wanted = None if org_numbers is None else [parse_org_number(o) for o in org_numbers]
        with self.store.session() as s:
            proposals = _proposals(s, wanted, effective, announced, index, change)
            for p in proposals:
                s.add(
                    PriceChange(
                        service_id=p.service_id,
                        effective=p.effective,
                        announced=p.announced,
                        old_price=p.old_price,
                        new_price=p.new_price,
                    )
                )
                audit.append(
                    s,
                    actor=actor,
                    action="service.price_adjusted",
                    entity_type="service",
                    entity_id=p.service_id,
                    payload={**p.as_dict(), "index_year": year},
                )
            s.flush()
        return YearlyPlan(year, index, change, tuple(proposals))

    def price_notices(
        self,
        effective: date,
        out_dir: str | Path,
        *,
        org_numbers: Sequence[str] | None = None,
        percent: Decimal | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> list[NoticeFile]:
        """The announcement letters of the yearly adjustment effective ``effective``: one PDF
        per customer (and an ``.eml`` draft when its main contact has an e-mail address), in
        Norwegian; each letter produced is recorded (``record_notice_sent`` records sending)."""
        day = today or date.today()
        plan = self.preview_yearly_adjustment(
            effective, day, org_numbers=org_numbers, percent=percent
        )
        folder = Path(out_dir)
        if not folder.is_dir():
            raise UserError(
                fill(translate("BillingService", "No folder %1."), folder), field="out_dir"
            )
        out: list[NoticeFile] = []
        with self.store.session() as s:
            sender = queries.supplier(s)
            for org, lines in _by_customer(plan.proposals).items():
                customer = customer_by_org_number(s, org)
                letter = _letter(sender, customer, lines, plan, day)
                out.append(_write_notice(s, customer, letter, folder, actor))
        return out

    def record_notice_sent(
        self,
        org_number: str,
        effective: date,
        sent_on: date,
        method: str = "email",
        *,
        actor: str = "owner",
    ) -> None:
        """Record that the customer's letter for the adjustment effective ``effective`` was sent
        on ``sent_on`` (by ``letter`` or ``email``): the proof of "announced by 1 October"."""
        if method not in ("letter", "email"):
            raise UserError(translate("BillingService", "Method: letter or email."), field="method")
        with self.store.session() as s:
            customer = customer_by_org_number(s, org_number)
            notice = queries.price_notice(s, customer.id, effective)
            if notice is None:
                notice = PriceNotice(
                    customer_id=customer.id, effective=effective, produced_on=sent_on
                )
                s.add(notice)
            notice.sent_on, notice.method = sent_on, method
            audit.append(
                s,
                actor=actor,
                action="price_notice.sent",
                entity_type="customer",
                entity_id=customer.org_number,
                payload={
                    "effective": effective.isoformat(),
                    "sent_on": sent_on.isoformat(),
                    "method": method,
                },
            )

    def _change(
        self, effective: date, percent: Decimal | str | None
    ) -> tuple[int, Decimal, Decimal]:
        if not isinstance(effective, date):
            raise UserError(translate("BillingService", "Give the effective date."))
        year, index = index_change(self.price_index(), effective)
        if percent is None:
            return year, index, index
        label = translate("BillingService", "Change in percent")
        value = checked_amount(percent, label, "percent", places=3, cap=Decimal(1000))
        return year, index, value / 100


def _proposals(
    s: Session,
    org_numbers: list[str] | None,
    effective: date,
    announced: date | None,
    index: Decimal,
    change: Decimal,
) -> list[YearlyProposal]:
    pairs = [
        (c, r) for c, r in queries.priced_services(s, org_numbers) if _runs_on(c, r, effective)
    ]
    adjustments = adjustment_views(s, [r.id for _, r in pairs])
    sent = queries.sent_notices(s, effective)
    out = []
    for customer, row in pairs:
        own = adjustments.get(row.id, [])
        if any(a.effective == effective for a in own):
            raise_duplicate(row, effective)
        old = price_in_effect(base_price(row), own, effective - _DAY)
        if old == 0:
            continue
        places = UNIT_PRICE_PLACES if row.kind == ServiceKind.USAGE.value else 2
        new = raised(old, change, places)
        day = sent.get(customer.id) or announced or date.today()
        planned = PriceAdjustment(effective, day, old, new)
        others = [a.as_domain() for a in own if a.is_adjustment]
        warnings, flags = yearly_warnings(planned, others, index)
        out.append(
            YearlyProposal(
                customer.org_number,
                customer.name,
                row.id,
                row.name,
                ServiceKind(row.kind),
                old,
                new,
                effective,
                day,
                customer.id in sent,
                tuple((w.code.value, w.message) for w in warnings)
                + tuple((f.code.value, f.message) for f in flags),
            )
        )
    return out


def _runs_on(customer: Customer, row: ServiceRecord, effective: date) -> bool:
    """Whether the service still runs on ``effective`` (not ended, relationship not ended)."""
    outcome = resolve_termination(service_to_domain(row, (), customer.relationship_ended_on))
    return outcome is None or outcome.end >= effective


def raise_duplicate(row: ServiceRecord, effective: date) -> None:
    raise UserError(
        fill(
            translate("BillingService", "Service %1 already has a price adjustment effective %2."),
            row.id,
            format_day(effective),
        )
    )


@dataclass(frozen=True)
class NoticeFile:
    """One customer's announcement letter: the PDF, and the e-mail draft when there is one."""

    org_number: str
    pdf: Path
    eml: Path | None


def _by_customer(proposals: Sequence[YearlyProposal]) -> dict[str, list[YearlyProposal]]:
    out: dict[str, list[YearlyProposal]] = {}
    for p in proposals:
        out.setdefault(p.org_number, []).append(p)
    return out


def _address(customer: Customer) -> tuple[str, ...]:
    """The customer's postal (else business) address as lines."""
    address = customer.postal_address or customer.business_address or {}
    lines = [str(x) for x in address.get("adresse") or address.get("lines") or []]
    place = " ".join(
        str(address.get(k) or "") for k in ("postnummer", "poststed") if address.get(k)
    )
    return tuple(x for x in [*lines, place] if x)


def _letter(
    sender: Supplier | None,
    customer: Customer,
    lines: list[YearlyProposal],
    plan: YearlyPlan,
    day: date,
) -> PriceNoticeLetter:
    return PriceNoticeLetter(
        supplier_name=sender.name if sender else "",
        supplier_org_number=sender.org_number if sender else "",
        supplier_email=sender.email if sender else "",
        customer_name=customer.name,
        customer_org_number=customer.org_number,
        address_lines=_address(customer),
        letter_date=day,
        effective=lines[0].effective,
        index_year=plan.index_year,
        index_change=plan.index_change,
        lines=tuple(
            NoticeLine(p.service_name, p.old_price, p.new_price, p.kind is ServiceKind.USAGE)
            for p in lines
        ),
    )


def _write_notice(
    s: Session, customer: Customer, letter: PriceNoticeLetter, folder: Path, actor: str
) -> NoticeFile:
    stem = notice_file_stem(letter)
    pdf = render_notice_pdf(letter)
    pdf_path = save_atomic(folder / f"{stem}.pdf", pdf)
    eml_path = None
    recipient = queries.main_contact_email(s, customer.id)
    if recipient and letter.supplier_email:
        eml_path = save_eml(folder / f"{stem}.eml", notice_email(letter, pdf, recipient))
    s.add(
        PriceNotice(
            customer_id=customer.id,
            effective=letter.effective,
            index_year=letter.index_year,
            produced_on=letter.letter_date,
            file_name=pdf_path.name,
        )
    )
    audit.append(
        s,
        actor=actor,
        action="price_notice.produced",
        entity_type="customer",
        entity_id=customer.org_number,
        payload={"effective": letter.effective.isoformat(), "file": pdf_path.name},
    )
    return NoticeFile(customer.org_number, pdf_path, eml_path)

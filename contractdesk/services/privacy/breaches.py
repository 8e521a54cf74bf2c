"""Breach use cases (§17.9, GDPR Arts. 33-34): record, list with the deadline, notify."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from contractdesk.domain.orgnr import format_org_number
from contractdesk.domain.privacy.breach import (
    affected_by_subprocessors,
    datatilsynet_deadline,
    notice_text,
)
from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.privacy.ports import SupplierPort
from contractdesk.services.privacy.views import BreachCustomerView, BreachView, NoticeResult
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Breach
from contractdesk.store.queries import privacy as q
from contractdesk.store.queries.customers import customer_by_org_number
from contractdesk.store.types import utcnow

# A sub-processor that sends SMS (its name, purpose or data says so) sees only the customers with an
# SMS service; the 2021 register words LinkMobility "Tjenesteleverandør av mobil." (mobile numbers).
_SMS_PROVIDER_WORDS = ("sms", "mobil")
_SMS_SERVICE_WORDS = ("sms",)
_CLOCK_SKEW = timedelta(minutes=5)


def parse_discovered(text: str) -> datetime:
    """An ISO date-time (``2027-03-01T14:30``, with or without offset; local time when none).

    Raises:
        UserError: not a date and time.
    """
    try:
        value = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise UserError(
            fill(
                translate("Breaches", "Not a date and time: %1 (use e.g. 2027-03-01T14:30)."),
                text,
            ),
            field="discovered",
        ) from None
    if value.tzinfo is None:
        value = value.astimezone()  # the user's local time
    return value.astimezone(UTC)


class BreachUseCases:
    """Record breaches, show the countdown, write the notices to affected customers."""

    def __init__(self, store: Store, *, supplier: SupplierPort) -> None:
        self._store = store
        self._supplier = supplier

    def __repr__(self) -> str:
        return f"BreachUseCases({self._store!r})"

    def add(
        self,
        *,
        discovered_at: datetime,
        summary: str,
        systems: Sequence[str] = (),
        subprocessors: Sequence[str] = (),
        customers: Sequence[str] = (),
        actor: str = "owner",
    ) -> BreachView:
        """Record a breach with its affected customers.

        Affected are the customers named, plus those whose data went through the named
        sub-processors (SMS: customers with an SMS service; others: every active customer).

        Raises:
            UserError: no summary, discovery in the future, an unknown sub-processor or customer.
        """
        text = " ".join((summary or "").split())
        if not text:
            raise UserError(translate("Breaches", "Describe what happened."), field="summary")
        if discovered_at.tzinfo is None:
            discovered_at = discovered_at.astimezone()
        if discovered_at - _CLOCK_SKEW > utcnow():
            raise UserError(
                translate("Breaches", "The time of discovery lies in the future."),
                field="discovered",
            )
        clean_systems = [" ".join(x.split()) for x in systems if x.strip()]
        with self._store.session() as s:
            affected = self._affected(s, subprocessors, customers)
            breach = q.add_breach(
                s,
                discovered_at=discovered_at,
                deadline_at=datatilsynet_deadline(discovered_at),
                summary=text,
                systems=clean_systems,
                subprocessors=list(subprocessors),
                customers=affected,
            )
            audit.append(
                s,
                actor=actor,
                action="breach.recorded",
                entity_type="breach",
                entity_id=breach.id,
                payload={
                    "discovered_at": breach.discovered_at,
                    "deadline_at": breach.deadline_at,
                    "customers": len(affected),
                    "subprocessors": list(subprocessors),
                },
            )
            return self._view(s, breach)

    def _affected(
        self, s: Any, subprocessors: Sequence[str], customers: Sequence[str]
    ) -> dict[int, str]:
        register = q.subprocessor_names(s)
        unknown = [n for n in subprocessors if n not in register]
        if unknown:
            raise UserError(
                fill(
                    translate("Breaches", "Not in the sub-processor register: %1."),
                    ", ".join(unknown),
                ),
                field="subprocessor",
            )
        reasons: dict[int, str] = {}
        for org in customers:
            reasons[customer_by_org_number(s, org).id] = "named"
        active = q.active_customer_ids(s)
        for name in subprocessors:
            entry = register[name]
            text = f"{entry.name} {entry.purpose} {entry.data_shared}".lower()
            via_services = (
                {name: q.customers_with_service_named(s, _SMS_SERVICE_WORDS)}
                if any(w in text for w in _SMS_PROVIDER_WORDS)
                else {}
            )
            for customer_id in affected_by_subprocessors(
                [name], {name: True}, via_services, active
            ):
                reasons.setdefault(customer_id, f"sub-processor {name}"[:200])
        return reasons

    def list_all(self) -> list[BreachView]:
        """Every breach with its stored deadline and affected customers, oldest first."""
        with self._store.read_session() as s:
            return [self._view(s, b) for b in q.breaches(s)]

    def get(self, breach_id: int) -> BreachView:
        with self._store.read_session() as s:
            return self._view(s, self._breach(s, breach_id))

    def mark_reported(self, breach_id: int, *, actor: str = "owner") -> BreachView:
        """Record that Datatilsynet was notified (the countdown stops)."""
        with self._store.session() as s:
            breach = self._breach(s, breach_id)
            if breach.authority_notified_at is None:
                breach.authority_notified_at = utcnow()
                audit.append(
                    s,
                    actor=actor,
                    action="breach.reported",
                    entity_type="breach",
                    entity_id=breach.id,
                    payload={"at": breach.authority_notified_at},
                )
            return self._view(s, breach)

    def notify(
        self, breach_id: int, folder: Path | str, *, actor: str = "owner"
    ) -> list[NoticeResult]:
        """Write a Norwegian notice (.eml) to each affected customer's main contact; record it.

        A customer whose main contact has no e-mail address is reported as skipped.
        """
        from contractdesk.output.atomic import save_atomic
        from contractdesk.output.email import eml_bytes

        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        results: list[NoticeResult] = []
        done: list[int] = []
        for link_id, org, message, skipped in self._notices(breach_id, sender=None, unsent=True):
            if message is None:
                results.append(NoticeResult(org, None, skipped))
                continue
            path = save_atomic(target / f"avvik-{breach_id}-{org}.eml", eml_bytes(message))
            results.append(NoticeResult(org, path))
            done.append(link_id)
        self._record(breach_id, done, "eml", results, actor)
        return results

    def send(
        self,
        breach_id: int,
        *,
        smtp: Any,
        password: str | None = None,
        prompt: Any = None,
        actor: str = "owner",
    ) -> list[NoticeResult]:
        """Send the notices over SMTP (the agreements' mail server settings); record each one sent.

        Raises:
            UserError: no mail server set up, or no password for its login.
        """
        from contractdesk.output.email import SmtpError, send_smtp
        from contractdesk.services.smtp_password import resolve_password

        if not smtp.configured:
            raise UserError(
                translate("Breaches", "Set up the mail server (SMTP) first, or save .eml files."),
                field="smtp",
            )
        secret = resolve_password(smtp.user, smtp.host, password, prompt)
        results: list[NoticeResult] = []
        done: list[int] = []
        notices = self._notices(breach_id, sender=smtp.sender_email or None, unsent=False)
        for link_id, org, message, skipped in notices:
            if message is None:
                results.append(NoticeResult(org, None, skipped))
                continue
            try:
                send_smtp(
                    message,
                    smtp.host,
                    smtp.port,
                    smtp.security,
                    smtp.user or None,
                    secret,
                    smtp.timeout,
                )
            except SmtpError as exc:
                results.append(NoticeResult(org, None, str(exc)))
                continue
            results.append(NoticeResult(org, None, sent=True))
            done.append(link_id)
        self._record(breach_id, done, "smtp", results, actor)
        return results

    def _notices(
        self, breach_id: int, *, sender: str | None, unsent: bool
    ) -> list[tuple[int, str, Any, str]]:
        """(link id, org number, message or None, why skipped) per affected customer; reads only."""
        from contractdesk.output.email import build_message, make_address

        profile = self._supplier.get()
        if profile is None or not profile.email:
            raise UserError(
                translate("Breaches", "Enter the supplier's e-mail address in Settings first."),
                field="email",
            )
        out: list[tuple[int, str, Any, str]] = []
        with self._store.read_session() as s:
            breach = self._breach(s, breach_id)
            for link, customer in q.breach_customers(s, breach.id):
                contact = q.main_contact(s, customer.id)
                email = (contact.emails or [""])[0] if contact is not None else ""
                if contact is None or not email:
                    skipped = translate("Breaches", "no main contact with an e-mail address")
                    out.append((link.id, customer.org_number, None, skipped))
                    continue
                subject, body = notice_text(
                    customer_name=customer.name,
                    supplier_name=profile.name,
                    supplier_email=profile.email,
                    supplier_phone=profile.phone,
                    summary=breach.summary,
                    systems=breach.systems or (),
                    discovered_at=breach.discovered_at,
                    breach_id=breach.id,
                )
                name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
                message = build_message(
                    sender=make_address(sender or profile.email, profile.name),
                    recipients=[make_address(email, name)],
                    subject=subject,
                    body=body,
                    unsent=unsent,
                )
                out.append((link.id, customer.org_number, message, ""))
        return out

    def _record(
        self, breach_id: int, link_ids: list[int], how: str, results: list[NoticeResult], actor: str
    ) -> None:
        with self._store.session() as s:
            q.mark_notified(s, link_ids, how)
            audit.append(
                s,
                actor=actor,
                action="breach.customers_notified",
                entity_type="breach",
                entity_id=breach_id,
                payload={
                    "how": how,
                    "done": len(link_ids),
                    "skipped": len(results) - len(link_ids),
                },
            )

    @staticmethod
    def _breach(s: Any, breach_id: int) -> Breach:
        breach = q.breach(s, breach_id)
        if breach is None:
            raise NotFoundError(
                fill(translate("Breaches", "No breach with number %1."), breach_id), field="id"
            )
        return breach

    @staticmethod
    def _view(s: Any, b: Breach) -> BreachView:
        return BreachView(
            b.id,
            b.discovered_at,
            b.deadline_at,
            b.summary,
            tuple(b.systems or ()),
            tuple(b.subprocessors or ()),
            tuple(
                BreachCustomerView(
                    format_org_number(c.org_number),
                    c.name,
                    link.reason,
                    link.notified_at,
                    link.notified_how,
                )
                for link, c in q.breach_customers(s, b.id)
            ),
            b.authority_notified_at,
        )

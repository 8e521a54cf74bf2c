"""Changes between colleagues on a PostgreSQL store: NOTIFY at commit, a LISTEN thread to receive.

Sending: :func:`install_notifier` hooks the store's write sessions. Each unit of work records
which tables its flushes and statements touched (and which customers); just before it commits it
calls ``pg_notify('contractdesk_changes', '<json>')`` *inside* the transaction, so PostgreSQL
delivers the notification exactly when — and only if — the transaction commits. The payload
holds the areas (``customers``, ``people``…), the org numbers when known and the sender's session
token; never personal data (an org number is a public registry number).

Receiving: :class:`ChangeListener` is a thread with its own psycopg connection that runs
``LISTEN contractdesk_changes`` and waits for notifications with a timeout (so it can stop), and
hands each one from ANOTHER session to a callback (the services turn it into a ``Change`` on the
same bus the GUI already follows). A lost connection is retried; after a reconnect the callback
gets one "anything may have changed" payload, since notifications sent meanwhile are gone.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

CHANNEL = "contractdesk_changes"
MAX_PAYLOAD = 7000  # PostgreSQL's limit is 8000 bytes
_INFO = "contractdesk_changed"

# The change areas of services.changes (kept as plain strings: the store knows no services).
CUSTOMERS, PEOPLE, AGREEMENTS, ACCEPTANCES = "customers", "people", "agreements", "acceptances"
TERMS, SERVICES, SUPPLIER = "terms", "services", "supplier"
ALL_AREAS = frozenset({CUSTOMERS, PEOPLE, AGREEMENTS, ACCEPTANCES, TERMS, SERVICES, SUPPLIER})

# Which areas a write to each table changes; () for tables no view shows (audit, settings…).
TABLE_AREAS: dict[str, frozenset[str]] = {
    "customer": frozenset({CUSTOMERS}),
    "invoice_recipient": frozenset({CUSTOMERS, SERVICES}),
    "person": frozenset({PEOPLE, CUSTOMERS}),
    "person_role": frozenset({PEOPLE, CUSTOMERS}),
    "person_consent": frozenset({PEOPLE}),
    "person_search_key": frozenset(),  # derived from the person, whose own row is recorded
    "data_subject_request": frozenset({PEOPLE}),
    "agreement": frozenset({AGREEMENTS, CUSTOMERS}),
    "agreement_document": frozenset({AGREEMENTS, CUSTOMERS}),
    "acceptance": frozenset({ACCEPTANCES, AGREEMENTS, CUSTOMERS}),
    "acceptance_scan": frozenset({ACCEPTANCES}),
    "scan_import_page": frozenset({ACCEPTANCES}),
    "reacceptance_notice": frozenset({ACCEPTANCES, AGREEMENTS}),
    "terms_version": frozenset({TERMS}),
    "terms_version_subprocessor": frozenset({TERMS}),
    "subprocessor": frozenset({TERMS}),
    "subprocessor_transfer": frozenset({TERMS}),
    "privacy_document": frozenset({TERMS}),
    "service": frozenset({SERVICES}),
    "usage_record": frozenset({SERVICES}),
    "price_adjustment": frozenset({SERVICES}),
    "billing_change": frozenset({SERVICES}),
    "price_notice": frozenset({SERVICES}),
    "price_index": frozenset({SERVICES}),
    "invoice_run": frozenset({SERVICES}),
    "invoice_document": frozenset({SERVICES}),
    "invoice_document_line": frozenset({SERVICES}),
    "invoice_export": frozenset({SERVICES}),
    "supplier": frozenset({SUPPLIER}),
    "breach": frozenset({CUSTOMERS}),
    "breach_customer": frozenset({CUSTOMERS}),
    "retention_mark": frozenset({PEOPLE, CUSTOMERS}),
    "audit_log": frozenset(),
    "app_setting": frozenset(),
}


def new_session_token() -> str:
    """Names this process's store connection in its payloads (its own changes are ignored)."""
    return secrets.token_hex(8)


class _Touched:
    """What one unit of work changed so far."""

    def __init__(self) -> None:
        self.areas: set[str] = set()
        self.orgs: set[str] = set()
        self.customer_ids: set[int] = set()
        self.person_ids: set[int] = set()
        self.any_customer = False

    def table(self, name: str) -> None:
        self.areas |= TABLE_AREAS.get(name, ALL_AREAS)

    def unknown(self) -> None:
        self.areas |= ALL_AREAS
        self.any_customer = True

    def row(self, obj: Any) -> None:
        table = getattr(obj, "__tablename__", None)
        if not isinstance(table, str):
            return
        self.table(table)
        if not TABLE_AREAS.get(table, ALL_AREAS):
            return
        org = getattr(obj, "org_number", None) if table == "customer" else None
        customer_id = getattr(obj, "customer_id", None)
        person_id = getattr(obj, "id" if table == "person" else "person_id", None)
        if isinstance(org, str):
            self.orgs.add(org)
        elif isinstance(customer_id, int):
            self.customer_ids.add(customer_id)
        elif isinstance(person_id, int):
            self.person_ids.add(person_id)  # the customers the person has a role at
        else:
            self.any_customer = True  # unknown: any customer may show it


def _touched(session: Session) -> _Touched:
    found = session.info.get(_INFO)
    if not isinstance(found, _Touched):
        found = _Touched()
        session.info[_INFO] = found
    return found


def payload(token: str, touched: _Touched, orgs: set[str]) -> str:
    """The NOTIFY text: session token, areas, org numbers (none: any customer)."""
    data: dict[str, Any] = {
        "v": 1,
        "session": token,
        "areas": sorted(touched.areas),
        "orgs": [] if touched.any_customer else sorted(orgs),
    }
    body = json.dumps(data, separators=(",", ":"))
    if len(body) > MAX_PAYLOAD:
        data["orgs"] = []
        body = json.dumps(data, separators=(",", ":"))
    return body


def install_notifier(sessions: sessionmaker[Session], token: str) -> None:
    """Make every unit of work of ``sessions`` send one NOTIFY, inside its transaction."""

    @event.listens_for(sessions, "after_flush")
    def _after_flush(session: Session, _ctx: Any) -> None:
        touched = _touched(session)
        for obj in (*session.new, *session.dirty, *session.deleted):
            touched.row(obj)

    @event.listens_for(sessions, "do_orm_execute")
    def _statement(state: Any) -> None:
        if state.is_select:
            return
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if state.is_insert or state.is_update or state.is_delete:
            if isinstance(name, str):
                touched = _touched(state.session)
                touched.table(name)
                if TABLE_AREAS.get(name, ALL_AREAS):  # rows not known: any customer may show it
                    touched.any_customer = True
            else:
                _touched(state.session).unknown()
        elif _is_text_write(state.statement):
            _touched(state.session).unknown()

    @event.listens_for(sessions, "before_commit")
    def _before_commit(session: Session) -> None:
        if _aborted(session):  # a statement failed: the commit rolls back, nothing to announce
            session.info.pop(_INFO, None)
            return
        session.flush()  # the commit's own flush comes after this event: record it first
        touched = session.info.pop(_INFO, None)
        if not isinstance(touched, _Touched) or not touched.areas:
            return
        orgs = set(touched.orgs) if touched.any_customer else _org_numbers(session, touched)
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": CHANNEL, "payload": payload(token, touched, orgs)},
        )

    @event.listens_for(sessions, "after_rollback")
    def _after_rollback(session: Session) -> None:
        session.info.pop(_INFO, None)


def _aborted(session: Session) -> bool:
    """True when the server has aborted the session's transaction (an error inside it)."""
    from psycopg.pq import TransactionStatus

    driver = session.connection().connection.driver_connection
    status = getattr(getattr(driver, "info", None), "transaction_status", None)
    return bool(status == TransactionStatus.INERROR)


def _org_numbers(session: Session, touched: _Touched) -> set[str]:
    """The org numbers of the customers a unit of work touched (read inside its transaction)."""
    from contractdesk.store.models import Customer, PersonRole

    ids = set(touched.customer_ids)
    if touched.person_ids:
        ids |= {
            int(r[0])
            for r in session.execute(
                select(PersonRole.customer_id)
                .where(PersonRole.person_id.in_(sorted(touched.person_ids)))
                .distinct()
            )
        }
    orgs = set(touched.orgs)
    if ids:
        rows = session.execute(select(Customer.org_number).where(Customer.id.in_(sorted(ids))))
        orgs |= {str(r[0]) for r in rows}
    return orgs


def _is_text_write(statement: Any) -> bool:
    sql = getattr(statement, "text", None)
    if not isinstance(sql, str):
        return False
    return sql.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")


Received = Callable[[dict[str, Any]], None]


class ChangeListener(threading.Thread):
    """Waits for colleagues' changes on its own connection; ``stop()`` ends it within a second.

    Args:
        connect: opens a new psycopg connection (the store's connection parameters).
        token: this process's session token; payloads carrying it are skipped.
        received: called (on this thread) with each decoded payload of another session.
    """

    def __init__(
        self,
        connect: Callable[[], Any],
        token: str,
        received: Received,
        *,
        timeout: float = 0.5,
        retry: float = 2.0,
    ) -> None:
        super().__init__(name="contractdesk-listen", daemon=True)
        self._connect = connect
        self._token = token
        self._received = received
        self._timeout = timeout
        self._retry = retry
        self._stop_event = threading.Event()
        self.listening = threading.Event()  # set once LISTEN is active (tests wait for it)
        self._conn: Any = None

    def stop(self, wait: float = 3.0) -> None:
        self._stop_event.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(wait)

    def run(self) -> None:
        reconnected = False
        while not self._stop_event.is_set():
            try:
                self._conn = self._connect()
                self._conn.autocommit = True
                self._conn.execute(f"LISTEN {CHANNEL}")
                self.listening.set()
                if reconnected:  # notifications sent while we were away are lost
                    self._deliver({"session": "", "areas": sorted(ALL_AREAS), "orgs": []})
                self._wait_loop()
            except Exception as exc:  # the connection dropped or the server is away: retry
                if self._stop_event.is_set():
                    break
                log.warning(
                    "change listener lost its connection (%s); retrying", type(exc).__name__
                )
                self.listening.clear()
                reconnected = True
                self._stop_event.wait(self._retry)
            finally:
                self._close()

    def _wait_loop(self) -> None:
        while not self._stop_event.is_set():
            for note in self._conn.notifies(timeout=self._timeout):
                if note.channel != CHANNEL:
                    continue
                try:
                    data = json.loads(note.payload)
                except ValueError:
                    log.warning("ignored a change notification that is not JSON")
                    continue
                if isinstance(data, dict) and data.get("session") != self._token:
                    self._deliver(data)

    def _deliver(self, data: dict[str, Any]) -> None:
        try:
            self._received(data)
        except Exception:  # a broken receiver must not end the listening
            log.exception("a change receiver failed")

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:
                log.debug("closing the listener connection failed")

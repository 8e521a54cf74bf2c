"""People and their roles at customers; "who is this?"; data-subject requests (export, correct,
erase).

Modules: ``service`` (the use cases, `PeopleService`), ``views`` (the DTOs), ``roles`` (steps
shared inside a session), ``reading`` (DTOs from repository rows), ``registry``, ``whois``,
``rights`` (requests, erasure) and ``export``. The SQL is in ``store/queries/people.py``.
Every change is audited in the same transaction; audit details about roles name people by id
only; details that hold personal values are recorded against the person (``person:ID``), so an
erasure can blank them and the hash chain still verifies. Nothing here logs personal data.
"""

from contractdesk.services.people.export import EXPORT_SCHEMA, EXPORT_SCHEMA_VERSION
from contractdesk.services.people.registry import REGISTRY_SIGNATORY_CODES
from contractdesk.services.people.service import PeopleService
from contractdesk.services.people.views import (
    MAX_EMAILS,
    ConsentState,
    ErasureResult,
    Membership,
    PersonInput,
    PersonRow,
    PersonView,
    RegistryHolder,
    RequestView,
    WhoisMatch,
    WhoisResult,
)
from contractdesk.services.people.whois import WHOIS_LIMIT, classify_query
from contractdesk.store.queries.people import search_keys

__all__ = [
    "EXPORT_SCHEMA",
    "EXPORT_SCHEMA_VERSION",
    "MAX_EMAILS",
    "REGISTRY_SIGNATORY_CODES",
    "WHOIS_LIMIT",
    "ConsentState",
    "ErasureResult",
    "Membership",
    "PeopleService",
    "PersonInput",
    "PersonRow",
    "PersonView",
    "RegistryHolder",
    "RequestView",
    "WhoisMatch",
    "WhoisResult",
    "classify_query",
    "search_keys",
]

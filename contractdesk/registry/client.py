"""HTTP client for Brønnøysundregistrene (Enhetsregisteret and Fullmakttjenesten), built on httpx.

One :class:`RegistryClient` per application (or per worker); it is safe to share between
threads. Every public operation:

* validates org numbers locally first (:class:`~contractdesk.registry.errors.InvalidOrgNumber`,
  no request made);
* sends the versioned ``Accept`` header of its endpoint and a ``User-Agent`` naming ContractDesk;
* keeps within ``connect_timeout`` for connecting and ``total_timeout`` for the whole operation,
  retries included (:class:`~contractdesk.registry.errors.Timeout`);
* retries 429 and 5xx a bounded number of times with exponential backoff, honouring
  ``Retry-After`` up to ``max_retry_after`` (then :class:`RateLimited` / :class:`ServerError`);
* streams bodies and stops at ``max_body_bytes`` (:class:`TooLarge`);
* follows redirects only on the same scheme, host and port (:class:`Redirected` otherwise);
* checks ``cancel`` (a :class:`threading.Event` or a callable returning True) before each
  attempt, while waiting to retry and between received chunks (:class:`Cancelled`);
* maps every failure to a named :class:`~contractdesk.registry.errors.RegistryError`.

The base URL defaults to ``https://data.brreg.no``; the environment variable
``CONTRACTDESK_REGISTRY_URL`` replaces scheme and host (the ``/enhetsregisteret/api/…`` and
``/fullmakt/…`` paths stay), e.g. ``http://127.0.0.1:8765`` for a local replay server.
"""

from __future__ import annotations

import json
import logging
import os
import random
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from types import TracebackType
from typing import Any, BinaryIO, Self
from urllib.parse import urlsplit

import certifi
import httpx

from contractdesk import __version__
from contractdesk.domain.orgnr import InvalidOrgNumber as _DomainInvalidOrgNumber
from contractdesk.domain.orgnr import parse_org_number
from contractdesk.registry import errors as err
from contractdesk.registry import parse
from contractdesk.registry.models import (
    EntityUpdatePage,
    RegistryEntity,
    RegistryLookup,
    RegistryRole,
    RoleUpdateBatch,
    SearchPage,
    SigningKind,
    SigningRule,
)
from contractdesk.registry.signing import complete_rules

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://data.brreg.no"
ENV_BASE_URL = "CONTRACTDESK_REGISTRY_URL"

ENTITY_API = "/enhetsregisteret/api"
FULLMAKT_API = "/fullmakt"

MEDIA_ENTITY = "application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8"
MEDIA_SUB_UNIT = "application/vnd.brreg.enhetsregisteret.underenhet.v2+json;charset=UTF-8"
MEDIA_ROLES = "application/vnd.brreg.enhetsregisteret.rolle.v1+json;charset=UTF-8"
MEDIA_ENTITY_UPDATES = (
    "application/vnd.brreg.enhetsregisteret.oppdatering.enhet.v1+json;charset=UTF-8"
)
MEDIA_SUB_UNIT_UPDATES = (
    "application/vnd.brreg.enhetsregisteret.oppdatering.underenhet.v1+json;charset=UTF-8"
)
MEDIA_ROLE_UPDATES = "application/cloudevents-batch+json"
MEDIA_BULK = "application/vnd.brreg.enhetsregisteret.enhet.v2+gzip;charset=UTF-8, application/gzip"
MEDIA_JSON = "application/json"

MAX_CONNECT_TIMEOUT = 5.0
MAX_TOTAL_TIMEOUT = 10.0
SEARCH_TEXT_MAX = 180
SEARCH_DEPTH_MAX = 10_000
ORG_NUMBERS_PER_REQUEST = 20
"""The registry's default page size: more numbers are split into requests of this size."""

CancelCheck = threading.Event | Callable[[], bool] | None
"""Cancellation: an Event (set it to cancel) or a callable returning True to cancel."""

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


@dataclass(frozen=True)
class RegistrySettings:
    """Connection settings; every limit is injectable (tests use short ones).

    Args:
        base_url: scheme and host (optionally a path prefix) the API paths are appended to.
        connect_timeout: seconds to establish a connection (at most 5).
        total_timeout: seconds for one whole operation, retries and redirects included (at most 10).
        max_retries: further attempts after a 429/5xx/dropped connection (0 = no retry).
        backoff_initial: first retry wait in seconds; doubles per attempt (with jitter) …
        backoff_max: … up to this.
        max_retry_after: the longest ``Retry-After`` honoured; a longer one fails at once.
        max_body_bytes: body size cap for single answers; reading stops beyond it.
        max_feed_body_bytes: the cap for update-feed pages (a full page of 10,000 updates with
            their changes is tens of MiB); streamed like every body.
        bulk_timeout: seconds for downloading a bulk file (written to disk as it arrives).
        max_redirects: same-origin redirects followed per request.
        user_agent: the ``User-Agent`` header.
        trust_env: use proxy settings from the environment (never for a loopback base URL).
    """

    base_url: str = DEFAULT_BASE_URL
    connect_timeout: float = MAX_CONNECT_TIMEOUT
    total_timeout: float = MAX_TOTAL_TIMEOUT
    max_retries: int = 2
    backoff_initial: float = 0.5
    backoff_max: float = 4.0
    max_retry_after: float = 5.0
    max_body_bytes: int = 4 * 1024 * 1024
    max_feed_body_bytes: int = 64 * 1024 * 1024
    bulk_timeout: float = 900.0
    max_redirects: int = 3
    user_agent: str = f"ContractDesk/{__version__} (customer register; python-httpx)"
    trust_env: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_url", normalise_base_url(self.base_url))
        if not 0 < self.connect_timeout <= MAX_CONNECT_TIMEOUT:
            raise ValueError(f"connect_timeout must be in (0, {MAX_CONNECT_TIMEOUT}] seconds")
        if not 0 < self.total_timeout <= MAX_TOTAL_TIMEOUT:
            raise ValueError(f"total_timeout must be in (0, {MAX_TOTAL_TIMEOUT}] seconds")
        if self.max_retries < 0 or self.max_redirects < 0 or self.max_body_bytes <= 0:
            raise ValueError("max_retries and max_redirects must be >= 0, max_body_bytes > 0")
        if self.backoff_initial < 0 or self.backoff_max < 0 or self.max_retry_after < 0:
            raise ValueError("backoff and retry-after limits must be >= 0")

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: Any
    ) -> RegistrySettings:
        """Settings with ``CONTRACTDESK_REGISTRY_URL`` applied (if set and not empty).

        An explicit ``base_url`` in ``overrides`` wins over the environment.
        """
        env = os.environ if environ is None else environ
        url = (env.get(ENV_BASE_URL) or "").strip()
        if url and "base_url" not in overrides:
            overrides["base_url"] = url
        return cls(**overrides)

    @property
    def origin(self) -> tuple[str, str, int]:
        return _origin(httpx.URL(self.base_url))


def normalise_base_url(url: str) -> str:
    """``http://host:port[/prefix]`` without trailing slash; rejects other schemes and queries."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"registry base URL must be http(s)://host[:port], got {url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"registry base URL must not have a query or fragment: {url!r}")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


@cache
def _tls_context() -> ssl.SSLContext:
    """One certificate-verifying TLS context per process (building one costs ~30 ms)."""
    return ssl.create_default_context(cafile=certifi.where())


def _origin(url: httpx.URL) -> tuple[str, str, int]:
    port = url.port or (443 if url.scheme == "https" else 80)
    return (url.scheme, url.host.lower(), port)


def validate_org_number(text: str) -> str:
    """The 9-digit org number, or :class:`~contractdesk.registry.errors.InvalidOrgNumber`."""
    try:
        return parse_org_number(text)
    except _DomainInvalidOrgNumber as exc:
        raise err.InvalidOrgNumber(str(exc), text=text, detail=str(exc)) from exc


@dataclass
class _Call:
    """One public operation: its deadline and cancellation check."""

    deadline: float
    cancel: CancelCheck

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def cancelled(self) -> bool:
        if self.cancel is None:
            return False
        if isinstance(self.cancel, threading.Event):
            return self.cancel.is_set()
        return bool(self.cancel())

    def check(self) -> None:
        if self.cancelled():
            raise err.Cancelled()
        if self.remaining() <= 0:
            raise err.Timeout(detail="total time limit reached")

    def sleep(self, seconds: float) -> None:
        """Wait, waking early (and raising) on cancellation."""
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                break
            if isinstance(self.cancel, threading.Event):
                if self.cancel.wait(left):
                    raise err.Cancelled()
            else:
                time.sleep(min(left, 0.05))
                if self.cancelled():
                    raise err.Cancelled()
        self.check()


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes
    url: str


class RegistryClient:
    """Typed operations on the registry; see the module docstring for the guarantees.

    Usage::

        with RegistryClient(RegistrySettings.from_env()) as registry:
            found = registry.lookup("971 049 669")
            found.entity.name, found.signatories, found.needs_manual_confirmation
    """

    def __init__(
        self,
        settings: RegistrySettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings or RegistrySettings.from_env()
        host = httpx.URL(self.settings.base_url).host
        self._http = httpx.Client(
            follow_redirects=False,
            verify=_tls_context(),
            trust_env=self.settings.trust_env and host not in _LOOPBACK_HOSTS,
            headers={"User-Agent": self.settings.user_agent},
            transport=transport,
        )
        self._closed = False
        self._requests = 0
        self._count_lock = threading.Lock()

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far (retries and redirects included)."""
        with self._count_lock:
            return self._requests

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RegistryClient(base_url={self.settings.base_url!r})"

    # ------------------------------------------------------------------ entities

    def get_entity(
        self, org_number: str, *, sub_unit_fallback: bool = True, cancel: CancelCheck = None
    ) -> RegistryEntity:
        """One organisation by org number (``/enheter/{orgnr}``).

        A deleted organisation comes back with ``status="deleted"`` and its deletion date.
        Where the number is no main entity and ``sub_unit_fallback`` is set, the sub-unit
        register is asked (``/underenheter/{orgnr}``).

        Raises:
            InvalidOrgNumber: before any request. NotFound: neither register knows it.
            Removed: 410, removed from open data (purge any stored copy). And the transport
            errors listed in the module docstring.
        """
        number = validate_org_number(org_number)
        return self._get_entity(number, sub_unit_fallback, self._call(cancel))

    def get_sub_unit(self, org_number: str, *, cancel: CancelCheck = None) -> RegistryEntity:
        """One sub-unit (underenhet, e.g. a branch) by org number."""
        number = validate_org_number(org_number)
        call = self._call(cancel)
        return self._entity_from(
            self._get_json(f"{ENTITY_API}/underenheter/{number}", MEDIA_SUB_UNIT, call),
            number,
            "underenheter",
        )

    def get_entities(
        self,
        org_numbers: Sequence[str],
        *,
        per_request: int = ORG_NUMBERS_PER_REQUEST,
        cancel: CancelCheck = None,
    ) -> tuple[RegistryEntity, ...]:
        """Several main entities at once (search by ``organisasjonsnummer``), e.g. to refresh all.

        Numbers unknown to the registry are simply absent from the result. Every number is
        validated before the first request. Requests carry at most
        :data:`ORG_NUMBERS_PER_REQUEST` numbers each; the time limit applies per request.
        """
        numbers = list(dict.fromkeys(validate_org_number(n) for n in org_numbers))
        found: list[RegistryEntity] = []
        for start in range(0, len(numbers), per_request):
            batch = numbers[start : start + per_request]
            params = {"organisasjonsnummer": ",".join(batch)}
            if per_request != ORG_NUMBERS_PER_REQUEST:
                params["size"] = str(per_request)
            data = self._get_json(
                f"{ENTITY_API}/enheter", MEDIA_ENTITY, self._call(cancel), params=params
            )
            found.extend(parse.parse_search_page(data).items)
        return tuple(found)

    def get_sub_units(self, parent_org_number: str, *, cancel: CancelCheck = None) -> SearchPage:
        """The first page of sub-units of a main entity (``/underenheter?overordnetEnhet=…``)."""
        number = validate_org_number(parent_org_number)
        data = self._get_json(
            f"{ENTITY_API}/underenheter",
            MEDIA_SUB_UNIT,
            self._call(cancel),
            params={"overordnetEnhet": number},
        )
        return parse.parse_search_page(data, embedded_key="underenheter")

    def search(
        self, name: str, *, page: int = 0, size: int | None = None, cancel: CancelCheck = None
    ) -> SearchPage:
        """Search main entities by name (scored free text), one page at a time.

        Args:
            name: 1 to 180 characters (surrounding spaces ignored).
            page: from 0. The registry refuses ``(page + 1) * size > 10000`` (BadRequest).
            size: items per page (registry default 20 when None).

        Raises:
            ValueError: empty or too long text, negative page, size < 1 (no request made).
            BadRequest: the registry refused (e.g. paged too deep).
        """
        text = name.strip()
        if not text or len(text) > SEARCH_TEXT_MAX:
            raise ValueError(f"search text must have 1 to {SEARCH_TEXT_MAX} characters")
        if page < 0 or (size is not None and size < 1):
            raise ValueError("page must be >= 0 and size >= 1")
        params: dict[str, str] = {"navn": text}
        if page or size is not None:
            params["page"] = str(page)
            params["size"] = str(size if size is not None else 20)
        data = self._get_json(
            f"{ENTITY_API}/enheter", MEDIA_ENTITY, self._call(cancel), params=params
        )
        return parse.parse_search_page(data)

    def iter_search(
        self, name: str, *, size: int = 20, max_items: int = 200, cancel: CancelCheck = None
    ) -> Iterator[RegistryEntity]:
        """All hits of a name search, page by page, up to ``max_items``."""
        page, yielded = 0, 0
        while yielded < max_items and (page + 1) * size <= SEARCH_DEPTH_MAX:
            result = self.search(name, page=page, size=size, cancel=cancel)
            for item in result.items:
                if yielded >= max_items:
                    return
                yielded += 1
                yield item
            if not result.has_next:
                return
            page += 1

    # ------------------------------------------------------------------ roles and signing

    def get_roles(self, org_number: str, *, cancel: CancelCheck = None) -> tuple[RegistryRole, ...]:
        """Every role of the organisation, inactive ones included (filter on ``role.active``).

        404 is read as "no roles" (a deleted or unknown entity); call :meth:`get_entity` first
        to tell those apart.
        """
        number = validate_org_number(org_number)
        return self._get_roles(number, self._call(cancel))

    def get_signing_rule(
        self, org_number: str, kind: SigningKind = "signature", *, cancel: CancelCheck = None
    ) -> SigningRule | None:
        """The signature (or procuration) rule from Fullmakttjenesten.

        Signature: always a rule; ``registered=False`` where the service holds none (or does
        not know the organisation: 404). Procuration: None where no procuration is granted.
        """
        number = validate_org_number(org_number)
        return self._get_rule(number, kind, self._call(cancel))

    def get_signing_rules(
        self, org_number: str, *, cancel: CancelCheck = None
    ) -> tuple[SigningRule, ...]:
        """The signature rule, followed by the procuration rule if any is granted."""
        number = validate_org_number(org_number)
        call = self._call(cancel)
        return self._get_rules(number, call)

    def lookup(self, org_number: str, *, cancel: CancelCheck = None) -> RegistryLookup:
        """Entity, roles and signing rules in one operation (one ``total_timeout`` for all).

        Follows the registry's advice: deleted entities get neither roles nor rules; the
        signature service is asked only for organisations in the Register of Business
        Enterprises; where it holds no rule, the rule the law gives by organisation form is
        used (``registered=False``, ``basis="law"``, or ``"none"`` for associations and
        foreign branches: confirm by hand).
        """
        number = validate_org_number(org_number)
        call = self._call(cancel)
        entity = self._get_entity(number, True, call)
        retrieved = datetime.now(UTC)
        if entity.status == "deleted" or entity.is_sub_unit:
            return RegistryLookup(entity=entity, retrieved_at=retrieved)
        roles = self._get_roles(number, call)
        rules: list[SigningRule] = []
        if entity.in_business_register:
            rules.extend(self._get_rules(number, call))
        return RegistryLookup(
            entity=entity,
            roles=roles,
            signing_rules=complete_rules(entity, roles, rules),
            retrieved_at=retrieved,
        )

    # ------------------------------------------------------------------ update feeds

    def get_entity_updates(
        self,
        *,
        since: datetime | None = None,
        from_update_id: int | None = None,
        include_changes: bool = False,
        page: int | None = None,
        size: int | None = None,
        cancel: CancelCheck = None,
    ) -> EntityUpdatePage:
        """Changes to main entities (``/oppdateringer/enheter``).

        First call with ``since``, then continue with ``from_update_id=page.next_update_id``.
        A naive ``since`` is taken as UTC.
        """
        params = _update_params(since, from_update_id, include_changes, page, size)
        data = self._get_json(
            f"{ENTITY_API}/oppdateringer/enheter",
            MEDIA_ENTITY_UPDATES,
            self._call(cancel),
            params=params,
            cap=self.settings.max_feed_body_bytes,
        )
        return parse.parse_entity_updates(data)

    def get_sub_unit_updates(
        self,
        *,
        since: datetime | None = None,
        from_update_id: int | None = None,
        include_changes: bool = False,
        page: int | None = None,
        size: int | None = None,
        cancel: CancelCheck = None,
    ) -> EntityUpdatePage:
        """Changes to sub-units (``/oppdateringer/underenheter``; items under
        ``_embedded.oppdaterteUnderenheter``). Paged like :meth:`get_entity_updates`."""
        params = _update_params(since, from_update_id, include_changes, page, size)
        data = self._get_json(
            f"{ENTITY_API}/oppdateringer/underenheter",
            MEDIA_SUB_UNIT_UPDATES,
            self._call(cancel),
            params=params,
            cap=self.settings.max_feed_body_bytes,
        )
        return parse.parse_entity_updates(data, embedded_key="oppdaterteUnderenheter")

    def get_role_updates(
        self,
        *,
        after_id: int = 0,
        size: int = 100,
        after_time: datetime | None = None,
        cancel: CancelCheck = None,
    ) -> RoleUpdateBatch:
        """Which organisations' roles changed after event ``after_id`` (or, with ``after_time``,
        after that moment; refetch their roles)."""
        params = {"afterId": str(after_id), "size": str(size)}
        if after_time is not None:
            params = {"afterTime": _update_params(after_time, None, False, None, None)["dato"]}
            params["size"] = str(size)
        data = self._get_json(
            f"{ENTITY_API}/oppdateringer/roller",
            MEDIA_ROLE_UPDATES,
            self._call(cancel),
            params=params,
            cap=self.settings.max_feed_body_bytes,
        )
        return parse.parse_role_updates(data, requested_size=size)

    # ------------------------------------------------------------------ bulk files

    def download_bulk(self, kind: str, sink: BinaryIO, *, cancel: CancelCheck = None) -> None:
        """Write a bulk file (gzip JSON) to ``sink`` as it arrives: ``kind`` is ``entities``
        (``/enheter/lastned``) or ``roles`` (``/roller/totalbestand``).

        One attempt within ``bulk_timeout``; cancellation is checked between received chunks.
        """
        path = {"entities": "/enheter/lastned", "roles": "/roller/totalbestand"}[kind]
        if self._closed:
            raise RuntimeError("RegistryClient is closed")
        call = _Call(time.monotonic() + self.settings.bulk_timeout, cancel)
        call.check()
        url = self.settings.base_url + ENTITY_API + path
        answer = self._attempt(url, {}, MEDIA_BULK, call, sink=sink)
        if answer.status == 404:
            raise err.NotFound(detail=f"HTTP 404 from {answer.url}", status=404)
        if answer.status != 200:
            raise err.UnexpectedResponse(
                detail=f"HTTP {answer.status} from {answer.url}", status=answer.status
            )

    # ------------------------------------------------------------------ internals: operations

    def _call(self, cancel: CancelCheck) -> _Call:
        if self._closed:
            raise RuntimeError("RegistryClient is closed")
        call = _Call(time.monotonic() + self.settings.total_timeout, cancel)
        if call.cancelled():
            raise err.Cancelled()
        return call

    def _get_entity(self, number: str, sub_unit_fallback: bool, call: _Call) -> RegistryEntity:
        endpoint = "enheter"
        try:
            data = self._get_json(f"{ENTITY_API}/enheter/{number}", MEDIA_ENTITY, call)
        except err.NotFound:
            if not sub_unit_fallback:
                raise
            endpoint = "underenheter"
            try:
                data = self._get_json(f"{ENTITY_API}/underenheter/{number}", MEDIA_SUB_UNIT, call)
            except err.NotFound:
                raise err.NotFound(
                    detail=f"{number}: neither entity nor sub-unit", status=404
                ) from None
        return self._entity_from(data, number, endpoint)

    @staticmethod
    def _entity_from(data: Any, number: str, endpoint: str) -> RegistryEntity:
        entity = parse.parse_entity(data, endpoint=endpoint)
        if entity.org_number != number:
            raise err.Malformed(
                detail=f"asked for {number}, the registry answered about {entity.org_number}"
            )
        return entity

    def _get_roles(self, number: str, call: _Call) -> tuple[RegistryRole, ...]:
        try:
            data = self._get_json(f"{ENTITY_API}/enheter/{number}/roller", MEDIA_ROLES, call)
        except err.NotFound:
            return ()
        return parse.parse_roles(data)

    def _get_rule(self, number: str, kind: SigningKind, call: _Call) -> SigningRule | None:
        endpoint = "signatur" if kind == "signature" else "prokura"
        try:
            data = self._get_json(f"{FULLMAKT_API}/enheter/{number}/{endpoint}", MEDIA_JSON, call)
        except err.NotFound:
            return parse.unregistered_rule(kind) if kind == "signature" else None
        about = parse.signing_rule_org_number(data)
        if about and about != number:
            raise err.Malformed(detail=f"asked for the {endpoint} of {number}, got {about}")
        return parse.parse_signing_rule(data, kind)

    def _get_rules(self, number: str, call: _Call) -> tuple[SigningRule, ...]:
        rules = [
            self._get_rule(number, "signature", call),
            self._get_rule(number, "procuration", call),
        ]
        return tuple(r for r in rules if r is not None)

    # ------------------------------------------------------------------ internals: HTTP

    def _get_json(
        self,
        path: str,
        accept: str,
        call: _Call,
        *,
        params: Mapping[str, str] | None = None,
        cap: int | None = None,
    ) -> Any:
        answer = self._get_with_retries(path, accept, call, params or {}, cap)
        status = answer.status
        if status == 200:
            return _decode_json(answer)
        detail = f"HTTP {status} from {answer.url}"
        if status == 404:
            raise err.NotFound(detail=detail, status=404)
        if status == 410:
            number, deleted = parse.parse_gone(_try_json(answer.body))
            raise err.Removed(org_number=number, deletion_date=deleted, detail=detail)
        if status == 400:
            message = parse.parse_bad_request(_try_json(answer.body))
            raise err.BadRequest(detail=f"{detail}: {message}" if message else detail, status=400)
        raise err.UnexpectedResponse(detail=detail, status=status)

    def _get_with_retries(
        self,
        path: str,
        accept: str,
        call: _Call,
        params: Mapping[str, str],
        cap: int | None = None,
    ) -> _Answer:
        settings = self.settings
        url = settings.base_url + path
        attempt = 0
        while True:
            call.check()
            try:
                answer = self._attempt(url, params, accept, call, cap)
            except _Dropped as dropped:
                status, retry_after, detail = 0, None, f"connection dropped: {dropped}"
            else:
                if answer.status != 429 and not 500 <= answer.status <= 599:
                    return answer
                status = answer.status
                retry_after = _retry_after(answer.headers.get("Retry-After"))
                detail = f"HTTP {status} from {answer.url}"

            failure: err.RegistryError
            if status == 429:
                failure = err.RateLimited(retry_after=retry_after, detail=detail)
            else:
                failure = err.ServerError(detail=detail, status=status or None)
            if attempt >= settings.max_retries:
                raise failure
            if retry_after is not None and retry_after > settings.max_retry_after:
                raise failure
            wait = retry_after if retry_after is not None else _backoff(attempt, settings)
            if wait >= call.remaining():
                failure.detail += f"; no time left to wait {wait:.2f} s"
                raise failure
            log.info("registry: %s, retry %d in %.2f s", detail, attempt + 1, wait)
            call.sleep(wait)
            attempt += 1

    def _attempt(
        self,
        url: str,
        params: Mapping[str, str],
        accept: str,
        call: _Call,
        cap: int | None = None,
        sink: BinaryIO | None = None,
    ) -> _Answer:
        settings = self.settings
        target = httpx.URL(url, params=dict(params)) if params else httpx.URL(url)
        for _hop in range(settings.max_redirects + 1):
            call.check()
            remaining = call.remaining()
            timeout = httpx.Timeout(remaining, connect=min(settings.connect_timeout, remaining))
            with self._count_lock:
                self._requests += 1
            try:
                with self._http.stream(
                    "GET", target, headers={"Accept": accept}, timeout=timeout
                ) as response:
                    if (
                        response.status_code in _REDIRECT_STATUSES
                        and "Location" in response.headers
                    ):
                        location = response.url.join(response.headers["Location"])
                        if _origin(location) != settings.origin:
                            raise err.Redirected(
                                detail=f"{response.url} redirected off-host to {location}",
                                status=response.status_code,
                            )
                        target = location
                        continue
                    if sink is not None and response.status_code == 200:
                        self._copy_to(response, sink, call)
                        body = b""
                    else:
                        body = self._read_capped(response, call, cap)
                    return _Answer(response.status_code, response.headers, body, str(response.url))
            except httpx.ConnectTimeout as exc:
                raise err.Timeout(detail=f"connecting to {target.host}: {exc}") from exc
            except httpx.TimeoutException as exc:
                raise err.Timeout(detail=f"{target}: {type(exc).__name__}") from exc
            except httpx.ConnectError as exc:
                raise err.Unreachable(detail=f"{target.host}: {exc}") from exc
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                raise _Dropped(f"{type(exc).__name__}: {exc}") from exc
            except httpx.DecodingError as exc:
                raise err.Malformed(detail=f"content decoding failed: {exc}") from exc
            except httpx.HTTPError as exc:
                raise err.Unreachable(detail=f"{target}: {type(exc).__name__}: {exc}") from exc
        raise err.Redirected(
            "The registry redirected too many times.",
            detail=f"more than {settings.max_redirects} redirects",
        )

    def _copy_to(self, response: httpx.Response, sink: BinaryIO, call: _Call) -> None:
        """Stream a (bulk) body to ``sink``, checking cancellation between chunks."""
        for chunk in response.iter_raw():
            sink.write(chunk)
            call.check()

    def _read_capped(self, response: httpx.Response, call: _Call, cap: int | None = None) -> bytes:
        cap = cap or self.settings.max_body_bytes
        declared = response.headers.get("Content-Length")
        if declared is not None and declared.strip().isdigit() and int(declared) > cap:
            raise err.TooLarge(detail=f"Content-Length {declared} > cap {cap}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise err.TooLarge(detail=f"body exceeded {cap} bytes")
            chunks.append(chunk)
            call.check()
        return b"".join(chunks)


def _update_params(
    since: datetime | None,
    from_update_id: int | None,
    include_changes: bool,
    page: int | None,
    size: int | None,
) -> dict[str, str]:
    params: dict[str, str] = {}
    if since is not None:
        moment = since.replace(tzinfo=UTC) if since.tzinfo is None else since.astimezone(UTC)
        params["dato"] = (
            moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
        )
    if from_update_id is not None:
        params["oppdateringsid"] = str(from_update_id)
    if include_changes:
        params["includeChanges"] = "true"
    if page is not None:
        params["page"] = str(page)
    if size is not None:
        params["size"] = str(size)
    return params


class _Dropped(Exception):
    """The connection broke mid-exchange: retried like a 5xx."""


def _backoff(attempt: int, settings: RegistrySettings) -> float:
    base = min(settings.backoff_max, settings.backoff_initial * (2.0**attempt))
    return base * random.uniform(0.5, 1.0)


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds (delta-seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _media_type(headers: httpx.Headers) -> str:
    return str(headers.get("Content-Type", "")).split(";", 1)[0].strip().lower()


def _decode_json(answer: _Answer) -> Any:
    media = _media_type(answer.headers)
    body = answer.body.lstrip()
    if media and media != "application/json" and not media.endswith("+json"):
        raise err.NotJson(detail=f"content type {media!r} from {answer.url}")
    if body[:1] == b"<":
        raise err.NotJson(detail=f"markup labelled {media!r} from {answer.url}")
    if not body:
        raise err.Malformed(detail=f"empty body from {answer.url}")
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise err.Malformed(detail=f"invalid JSON from {answer.url}: {exc}") from exc


def _try_json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8-sig")) if body.strip() else None
    except (UnicodeDecodeError, ValueError):
        return None

"""The registry client a customer service shares between threads; look-ups that store nothing."""

from __future__ import annotations

import threading

from contractdesk.domain.orgnr import InvalidOrgNumber, parse_org_number
from contractdesk.errors import UserError
from contractdesk.i18n import translate
from contractdesk.registry import (
    RegistryClient,
    RegistryError,
    RegistryLookup,
    RegistrySettings,
    SearchPage,
)
from contractdesk.registry.client import CancelCheck
from contractdesk.services.customers.errors import InvalidOrgNumberError, org_reason
from contractdesk.services.customers.records import preview
from contractdesk.services.customers.views import CustomerView


class RegistryAccess:
    """The shared registry client (created on first use) and the look-ups of the add dialog."""

    def __init__(self, registry_settings: RegistrySettings | None = None) -> None:
        self._settings = registry_settings
        self._client: RegistryClient | None = None
        self._lock = threading.Lock()

    @staticmethod
    def parse_org_number(text_: str) -> str:
        """The 9 digits of an org number typed by the user.

        Raises:
            InvalidOrgNumberError: wrong length, checksum or first digit (no request is made).
        """
        try:
            return parse_org_number(text_)
        except InvalidOrgNumber as exc:
            raise InvalidOrgNumberError(text_, org_reason(str(exc))) from None

    # -- the registry client ------------------------------------------------------------------

    def configure_registry(self, settings: RegistrySettings | None) -> None:
        """Use other registry settings from now on (None: from the environment on next use)."""
        with self._lock:
            old, self._client, self._settings = self._client, None, settings
        if old is not None:
            old.close()

    @property
    def registry(self) -> RegistryClient:
        """The shared registry client (thread-safe), created on first use."""
        with self._lock:
            if self._client is None:
                self._client = RegistryClient(self._settings or RegistrySettings.from_env())
            return self._client

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    # -- registry look-ups (no store change) ---------------------------------------------------

    def fetch(self, org_number: str, *, cancel: CancelCheck = None) -> RegistryLookup:
        """Everything the registry knows about one organisation (entity, roles, signing rules).

        Raises:
            InvalidOrgNumberError: before any request.
            RegistryError: a named registry problem (``manual_entry_possible`` says whether to
                offer registering by hand).
        """
        return self.registry.lookup(self.parse_org_number(org_number), cancel=cancel)

    def search_registry(
        self, name: str, *, page: int = 0, size: int | None = None, cancel: CancelCheck = None
    ) -> SearchPage:
        """One page of the registry's name search (``page`` from 0; ``size`` None: 20).

        Raises:
            UserError: empty or too long text. RegistryError: as :meth:`fetch`.
        """
        try:
            return self.registry.search(name, page=page, size=size, cancel=cancel)
        except ValueError as exc:
            if isinstance(exc, RegistryError):
                raise
            raise UserError(
                translate("CustomerService", "Type 1 to 180 characters of the name to search for."),
                field="name",
            ) from None

    def preview(self, lookup: RegistryLookup) -> CustomerView:
        """The card of a registry answer before it is saved (not stored)."""
        return preview(lookup)

"""The privacy area's entry point: retention, documents (Art. 30, statement, DPA), breaches."""

from __future__ import annotations

from contractdesk.paths import StorePaths
from contractdesk.services.privacy.breaches import BreachUseCases
from contractdesk.services.privacy.documents import DocumentUseCases
from contractdesk.services.privacy.ports import PeoplePort, SettingsPort, SupplierPort, TermsPort
from contractdesk.services.privacy.retention import RetentionUseCases
from contractdesk.store.engine import Store


class PrivacyService:
    """Issue 18 as one service with three parts:

    - ``retention``: the rules with their sources, what is due, the run;
    - ``documents``: records of processing (Art. 30), the privacy statement, the modern DPA draft;
    - ``breaches``: breaches with the persisted 72-hour deadline and the customer notices.

    It uses the other areas only through their public services: the people erasure use case,
    the terms service (drafts), the supplier and settings services.
    """

    def __init__(
        self,
        store: Store,
        paths: StorePaths,
        *,
        settings: SettingsPort,
        supplier: SupplierPort,
        people: PeoplePort,
        terms: TermsPort,
    ) -> None:
        self.retention = RetentionUseCases(store, paths, settings=settings, people=people)
        self.documents = DocumentUseCases(
            store, supplier=supplier, terms=terms, rules=self.retention.rules
        )
        self.breaches = BreachUseCases(store, supplier=supplier)

    def __repr__(self) -> str:
        return "PrivacyService()"

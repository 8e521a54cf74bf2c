"""The services container: one object per open store, handed to the UI and the CLI."""

from __future__ import annotations

from contractdesk.paths import StorePaths
from contractdesk.services.agreements import AgreementService
from contractdesk.services.backups import BackupService
from contractdesk.services.billing import BillingService
from contractdesk.services.changes import ChangeBus, announce
from contractdesk.services.colleagues import ColleagueChanges
from contractdesk.services.customers import CustomerService
from contractdesk.services.documents import DocumentService
from contractdesk.services.invoice_runs import InvoiceRunService
from contractdesk.services.overview import OverviewService
from contractdesk.services.paper import PaperService
from contractdesk.services.people import PeopleService
from contractdesk.services.privacy import PrivacyService
from contractdesk.services.safety.service import SafetyService
from contractdesk.services.settings import SettingsService
from contractdesk.services.supplier import SupplierService
from contractdesk.services.terms import TermsService
from contractdesk.store.engine import Store


class Services:
    """Every use case, built on one open store. Later subsystems add their service here.

    ``changes`` is the one change notification: every write use case listed in
    ``services.changes.WRITES`` publishes on it after it has committed.
    """

    def __init__(self, store: Store, paths: StorePaths) -> None:
        self.store = store
        self.paths = paths
        self.changes = ChangeBus()
        # On a server store: every write notifies the team; ``colleagues.listen()`` receives.
        self.colleagues = ColleagueChanges(store, self.changes)
        self.safety = SafetyService(store, paths)
        self.supplier = SupplierService(store)
        self.settings = SettingsService(store)
        self.backups = BackupService(store, paths)
        self.people = PeopleService(store)
        self.terms = TermsService(store)
        self.agreements = AgreementService(store)
        self.billing = BillingService(store)
        self.customers = CustomerService(store)
        self.invoice_runs = InvoiceRunService(
            store, billing=self.billing, settings=self.settings, supplier=self.supplier
        )
        self.overview = OverviewService(
            store,
            self.billing.plan,
            runs_due=self.invoice_runs.due,
            retention_due=lambda day: self.privacy.retention.due(day),
        )
        self.documents = DocumentService(
            store,
            supplier=self.supplier,
            settings=self.settings,
            customers=self.customers,
            people=self.people,
            terms=self.terms,
            agreements=self.agreements,
            billing=self.billing,
        )
        self.privacy = PrivacyService(
            store,
            paths,
            settings=self.settings,
            supplier=self.supplier,
            people=self.people,
            terms=self.terms,
        )
        self.paper = PaperService(self.documents)
        announce(self, self.changes)

    def close(self) -> None:
        self.colleagues.close()
        self.customers.close()
        self.store.close()

"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from contractdesk.store.models.agreements import (
    Acceptance,
    AcceptanceScan,
    Agreement,
    ReacceptanceNotice,
)
from contractdesk.store.models.audit import AuditEntry
from contractdesk.store.models.base import Base
from contractdesk.store.models.billing import (
    BillingChange,
    PriceChange,
    PriceIndexYear,
    PriceNotice,
    ServiceRecord,
    UsageEntry,
)
from contractdesk.store.models.customers import Customer
from contractdesk.store.models.people import (
    Consent,
    DataSubjectRequest,
    Person,
    PersonRole,
    PersonSearchKey,
)
from contractdesk.store.models.privacy import (
    Breach,
    BreachCustomer,
    PrivacyDocumentVersion,
    RetentionMark,
    SubProcessorTransfer,
)
from contractdesk.store.models.settings import AppSetting, Supplier
from contractdesk.store.models.terms import (
    SubProcessorEntry,
    TermsVersion,
    TermsVersionSubProcessor,
)

__all__ = ["AppSetting", "AuditEntry", "Base", "Customer", "Person", "Supplier"]
__all__ += ["Consent", "DataSubjectRequest", "PersonRole", "PersonSearchKey"]  # people (issue 4)
__all__ += ["PriceChange", "ServiceRecord", "UsageEntry"]  # services and invoicing (issue 6)
__all__ += ["BillingChange", "PriceIndexYear", "PriceNotice"]  # billing history, §13.1 (issue 14)
__all__ += [
    "Acceptance",
    "AcceptanceScan",
    "Agreement",
    "ReacceptanceNotice",
]  # agreements (issue 5)
__all__ += ["SubProcessorEntry", "TermsVersion", "TermsVersionSubProcessor"]  # terms (issue 5)
__all__ += [
    "Breach",
    "BreachCustomer",
    "PrivacyDocumentVersion",
    "RetentionMark",
    "SubProcessorTransfer",
]  # privacy (issue 18)

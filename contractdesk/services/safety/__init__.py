"""The store's safety: how it is unlocked, the passphrase, backups, the audit log, opening it."""

from contractdesk.services.safety.opening import (
    create_services,
    demo_services,
    keyring_usable,
    open_services,
    store_exists,
)
from contractdesk.services.safety.service import MIN_PASSPHRASE, SafetyService
from contractdesk.services.safety.views import AuditCheck, AuditEntryView, StoreInfo

__all__ = [
    "MIN_PASSPHRASE",
    "AuditCheck",
    "AuditEntryView",
    "SafetyService",
    "StoreInfo",
    "create_services",
    "demo_services",
    "keyring_usable",
    "open_services",
    "store_exists",
]

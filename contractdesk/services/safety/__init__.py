"""The store's safety: how it is unlocked, its audit log, and opening it for the GUI."""

from contractdesk.services.safety.opening import (
    create_services,
    demo_services,
    keyring_usable,
    open_services,
    store_exists,
)
from contractdesk.services.safety.service import SafetyService
from contractdesk.services.safety.views import AuditCheck, AuditEntryView, StoreInfo

__all__ = [
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

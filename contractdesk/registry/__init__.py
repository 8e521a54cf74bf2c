"""Brønnøysund registry adapter: typed client, frozen models, named errors, signatory rules.

Typical use (a service or a GUI worker)::

    from contractdesk.registry import RegistryClient, RegistrySettings, RegistryError

    with RegistryClient(RegistrySettings.from_env()) as registry:
        try:
            found = registry.lookup(text, cancel=cancel_event)
        except RegistryError as exc:
            show(str(exc))  # short English message; offer manual entry if exc.manual_entry_possible
"""

from contractdesk.registry.client import (
    DEFAULT_BASE_URL,
    ENV_BASE_URL,
    CancelCheck,
    RegistryClient,
    RegistrySettings,
    validate_org_number,
)
from contractdesk.registry.errors import (
    BadRequest,
    Cancelled,
    InvalidOrgNumber,
    Malformed,
    NotFound,
    NotJson,
    RateLimited,
    Redirected,
    RegistryError,
    Removed,
    ServerError,
    Timeout,
    TooLarge,
    UnexpectedResponse,
    Unreachable,
)
from contractdesk.registry.models import (
    EntityStatus,
    EntityUpdate,
    EntityUpdatePage,
    OrganisationForm,
    RegistryAddress,
    RegistryEntity,
    RegistryLookup,
    RegistryRole,
    RoleUpdate,
    RoleUpdateBatch,
    RulePerson,
    SearchPage,
    Signatory,
    SigningKind,
    SigningRule,
)
from contractdesk.registry.signing import (
    complete_rules,
    signatories,
    statutory_rule,
    usable_signer_sets,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "ENV_BASE_URL",
    "BadRequest",
    "CancelCheck",
    "Cancelled",
    "EntityStatus",
    "EntityUpdate",
    "EntityUpdatePage",
    "InvalidOrgNumber",
    "Malformed",
    "NotFound",
    "NotJson",
    "OrganisationForm",
    "RateLimited",
    "Redirected",
    "RegistryAddress",
    "RegistryClient",
    "RegistryEntity",
    "RegistryError",
    "RegistryLookup",
    "RegistryRole",
    "RegistrySettings",
    "Removed",
    "RoleUpdate",
    "RoleUpdateBatch",
    "RulePerson",
    "SearchPage",
    "ServerError",
    "Signatory",
    "SigningKind",
    "SigningRule",
    "Timeout",
    "TooLarge",
    "UnexpectedResponse",
    "Unreachable",
    "complete_rules",
    "signatories",
    "statutory_rule",
    "usable_signer_sets",
    "validate_org_number",
]

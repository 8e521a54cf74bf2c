"""What the privacy area uses of the other areas' services (their public methods, nothing more).

Typed as protocols so this package depends on the shape, not on the modules: the people,
terms, settings and supplier services may be reorganised into packages without touching it.
"""

from __future__ import annotations

from typing import Any, Protocol

from contractdesk.domain.terms.document import TermsDocument


class SettingsPort(Protocol):
    def all(self) -> dict[str, Any]: ...

    def set(self, key: str, value: Any, *, actor: str = ...) -> None: ...


class PeoplePort(Protocol):
    def get(self, person_id: int) -> Any: ...

    def erase(self, person_id: int, *, actor: str = ...) -> Any: ...


class SupplierPort(Protocol):
    def get(self) -> Any: ...


class TermsPort(Protocol):
    def latest_published(self) -> Any: ...

    def document(self, label: str) -> TermsDocument: ...

    def copy_to_draft(self, source_label: str, new_label: str, *, actor: str = ...) -> Any: ...

    def update_draft(
        self, label: str, *, document: TermsDocument | None = ..., actor: str = ...
    ) -> Any: ...

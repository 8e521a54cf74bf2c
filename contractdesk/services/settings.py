"""Settings kept inside the encrypted store (language, retention rules, registry URL)."""

from __future__ import annotations

from typing import Any

from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import AppSetting

DEFAULTS: dict[str, Any] = {
    "language": "",  # "" = follow the system locale; "nb" or "en"
    "retention_months_after_termination": 3,  # terms §12.1; the Adventor policy says 6
    "case_log_retention_years": 5,
    "prospect_retention_years": 2,
    "registry_url": "https://data.brreg.no",
}


class SettingsService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str) -> Any:
        with self._store.read_session() as s:
            row = s.get(AppSetting, key)
            return row.value if row is not None else DEFAULTS.get(key)

    def all(self) -> dict[str, Any]:
        values = dict(DEFAULTS)
        with self._store.read_session() as s:
            for row in s.query(AppSetting).all():
                values[row.key] = row.value
        return values

    def set(self, key: str, value: Any, *, actor: str = "owner") -> None:
        with self._store.session() as s:
            row = s.get(AppSetting, key)
            before = row.value if row is not None else DEFAULTS.get(key)
            if row is None:
                s.add(AppSetting(key=key, value=value))
            else:
                row.value = value
            audit.append(
                s,
                actor=actor,
                action="settings.changed",
                entity_type="settings",
                entity_id=key,
                payload={"before": before, "after": value},
            )

"""The recovery key: one secret, printed on the recovery sheet, that opens every automatic backup.

It is made once per store and kept inside the encrypted database (so a restored store keeps the
same key and the same sheet stays valid). Automatic backups are encrypted with it, and the
erasure ledger is authenticated with a key derived from it. Written as eight groups of four
letters and digits (Crockford-style base32 without look-alikes), e.g. ``K7QD-…``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from contractdesk.store.engine import Store
from contractdesk.store.models import AppSetting

SETTING_KEY = "_recovery_key"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_GROUPS = 8


def new_recovery_key() -> str:
    """A fresh key: 32 symbols of 5 bits (160 bits), grouped by four."""
    symbols = "".join(secrets.choice(_ALPHABET) for _ in range(_GROUPS * 4))
    return "-".join(symbols[i : i + 4] for i in range(0, len(symbols), 4))


def normalise_recovery_key(text: str) -> str | None:
    """The key as written on the sheet, from what a user typed (any case, spaces, dashes, O/0,
    I/L/1 look-alikes); None when it is not a recovery key."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    raw = raw.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(raw) != _GROUPS * 4 or any(ch not in _ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def read_recovery_key(store: Store) -> str | None:
    with store.read_session() as s:
        row = s.get(AppSetting, SETTING_KEY)
        value = row.value if row is not None else None
    return value if isinstance(value, str) and value else None


def ensure_recovery_key(store: Store) -> str:
    """The store's recovery key, made (and saved inside the store) on first use."""
    existing = read_recovery_key(store)
    if existing:
        return existing
    key = new_recovery_key()
    with store.session() as s:
        row = s.get(AppSetting, SETTING_KEY)
        if row is not None and isinstance(row.value, str) and row.value:
            return row.value
        s.add(AppSetting(key=SETTING_KEY, value=key))
    return key


def ledger_mac_key(recovery_key: str) -> bytes:
    """The erasure ledger's HMAC key, derived from the recovery key."""
    return hmac.new(
        recovery_key.encode("ascii"), b"contractdesk erasure ledger v1", hashlib.sha256
    ).digest()

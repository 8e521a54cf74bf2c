"""The store key: a random 256-bit raw SQLCipher key, in the OS keyring or wrapped by a passphrase.

The key never appears in logs, exceptions, settings or temp files. Beside the database lives a
small JSON *key file* (``store.json``) that holds no secret in keyring mode, and only the
passphrase-wrapped key (Argon2id + AES-256-GCM) in passphrase mode.

Keyring answers are never confused (RELIABILITY.md): no backend (``NoKeyringError`` or a
non-recommended backend), locked (``KeyringLocked``), and no entry (``None``) are distinct
errors; a new key is only ever made by ``create_key_file`` for a store that does not exist yet.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from contractdesk.fsutil import save_atomic
from contractdesk.store.errors import KeyUnavailableError, StoreError, WrongPassphraseError

KEY_FILE_NAME = "store.json"
KEYRING_SERVICE = "ContractDesk"
KeySourceName = Literal["keyring", "passphrase", "memory"]

# Argon2id parameters for wrapping the key (OWASP: m=46 MiB, t=1 or m=19 MiB, t=2 as minimums).
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 2


class Key:
    """A 32-byte raw store key. Its repr and str never show the bytes."""

    __slots__ = ("_raw",)

    def __init__(self, raw: bytes) -> None:
        if len(raw) != 32:
            raise ValueError("a store key has 32 bytes")
        self._raw = bytes(raw)

    @classmethod
    def generate(cls) -> Key:
        return cls(secrets.token_bytes(32))

    def pragma_value(self) -> str:
        """The value for ``PRAGMA key``: ``"x'…64 hex…'"`` (a raw key: no KDF on open)."""
        return f"\"x'{self._raw.hex()}'\""

    def raw(self) -> bytes:
        return self._raw

    def __repr__(self) -> str:
        return "Key(***)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Key) and secrets.compare_digest(self._raw, other._raw)

    def __hash__(self) -> int:  # keys are not meant for sets; stable but reveals nothing
        return 0


@dataclass(frozen=True)
class KeyFile:
    """What ``store.json`` says about how the store is unlocked."""

    store_id: str
    source: KeySourceName
    wrapped: dict[str, Any] | None = None

    @property
    def keyring_username(self) -> str:
        return f"store-{self.store_id}"

    def to_json(self) -> str:
        data: dict[str, Any] = {"format": 1, "store_id": self.store_id, "key_source": self.source}
        if self.source == "keyring":
            data["keyring_service"] = KEYRING_SERVICE
            data["keyring_username"] = self.keyring_username
        if self.wrapped is not None:
            data["wrapped_key"] = self.wrapped
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(str(data["store_id"]), data["key_source"], data.get("wrapped_key"))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"The key file {path} is missing or damaged.", path) from exc

    def save(self, path: Path) -> None:
        write_private_file(path, self.to_json().encode("utf-8"))


def write_private_file(path: Path, data: bytes) -> None:
    """Write a file readable by the owner only, atomically (the one atomic-save helper)."""
    save_atomic(path, data, mode=0o600)


# --- passphrase wrapping -----------------------------------------------------------------


def _derive(passphrase: str, salt: bytes, t: int, m: int, p: int) -> bytes:
    try:
        secret = passphrase.encode("utf-8")
    except UnicodeEncodeError:  # e.g. non-UTF-8 bytes from the environment
        raise StoreError("The passphrase is not valid text (UTF-8); use another.") from None
    return _derive_bytes(secret, salt, t, m, p)


def derive_key(passphrase: str, salt: bytes, t: int, m: int, p: int) -> bytes:
    """A 32-byte key from a passphrase (Argon2id), as the key file's wrapping uses."""
    return _derive(passphrase, salt, t, m, p)


def _derive_bytes(secret: bytes, salt: bytes, t: int, m: int, p: int) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(secret, salt, t, m, p, 32, Type.ID)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def wrap_key(key: Key, passphrase: str, store_id: str) -> dict[str, Any]:
    """Wrap the raw key with a key derived from the passphrase (Argon2id, AES-256-GCM)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise StoreError("The passphrase must not be empty.")
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = _derive(passphrase, salt, ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM)
    sealed = AESGCM(kek).encrypt(nonce, key.raw(), store_id.encode("ascii"))
    wrapped: dict[str, Any] = {
        "kdf": "argon2id",
        "time_cost": ARGON2_TIME_COST,
        "memory_kib": ARGON2_MEMORY_KIB,
        "parallelism": ARGON2_PARALLELISM,
        "salt": _b64(salt),
        "cipher": "aes-256-gcm",
        "nonce": _b64(nonce),
        "sealed_key": _b64(sealed),
    }
    wrapped["check"] = _wrapped_check(wrapped)
    return wrapped


def _wrapped_check(wrapped: dict[str, Any]) -> str:
    """A plain SHA-256 over the wrapped fields: tells a damaged key file from a wrong passphrase."""
    import hashlib

    fields = ("kdf", "time_cost", "memory_kib", "parallelism", "salt", "cipher", "nonce")
    text = "|".join(str(wrapped.get(k)) for k in (*fields, "sealed_key"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class KeyFileDamagedError(StoreError):
    """The wrapped key in the key file is damaged (not a wrong passphrase)."""

    def __init__(self) -> None:
        from contractdesk.i18n import translate

        super().__init__(
            translate(
                "StoreErrors",
                "The key file (store.json) is damaged, so the store cannot be unlocked; the data "
                "was not touched. Put back a copy of store.json, or restore from a backup with "
                "the recovery key.",
            )
        )


def unwrap_key(wrapped: dict[str, Any], passphrase: str, store_id: str) -> Key:
    """Recover the raw key; a wrong passphrase raises ``WrongPassphraseError``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        salt = base64.b64decode(wrapped["salt"], validate=True)
        nonce = base64.b64decode(wrapped["nonce"], validate=True)
        sealed = base64.b64decode(wrapped["sealed_key"], validate=True)
        t, m, p = int(wrapped["time_cost"]), int(wrapped["memory_kib"]), int(wrapped["parallelism"])
        ok = (
            len(salt) >= 8
            and len(nonce) == 12
            and len(sealed) == 48
            and 1 <= t <= 64
            and 8 * p <= m <= 4 * 1024 * 1024
            and 1 <= p <= 64
        )
        if not ok or ("check" in wrapped and wrapped["check"] != _wrapped_check(wrapped)):
            raise ValueError("wrapped key fields out of range or changed")
        store_id.encode("ascii")
    except (KeyError, ValueError, TypeError, AttributeError):
        raise KeyFileDamagedError() from None
    try:
        secret = passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise WrongPassphraseError() from None
    kek = _derive_bytes(secret, salt, t, m, p)
    try:
        return Key(AESGCM(kek).decrypt(nonce, sealed, store_id.encode("ascii")))
    except InvalidTag:
        raise WrongPassphraseError() from None


# --- keyring ------------------------------------------------------------------------------


def keyring_usable() -> bool:
    """True when keyring offers a *recommended* backend (priority >= 1, not fail/null)."""
    try:
        import keyring
        import keyring.core
        from keyring.backends import fail, null
    except Exception:  # pragma: no cover - keyring is a dependency
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    try:
        return bool(keyring.core.recommended(backend))
    except Exception:
        return False


def keyring_backend_name() -> str:
    import keyring

    backend = keyring.get_keyring()
    return getattr(backend, "name", type(backend).__name__)


def store_key_in_keyring(keyfile: KeyFile, key: Key) -> None:
    """Save the key (hex) in the OS keyring; read it back to prove the backend kept it."""
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, keyfile.keyring_username, key.raw().hex())
        back = keyring.get_password(KEYRING_SERVICE, keyfile.keyring_username)
    except Exception as exc:  # KeyringError, or a backend's own (D-Bus, …): an environment error
        raise KeyUnavailableError(
            f"The system keyring refused to store the key ({type(exc).__name__})."
        ) from None
    if back is None or back != key.raw().hex():
        raise KeyUnavailableError(
            "The system keyring did not keep the key; use a passphrase instead."
        )


def load_key_from_keyring(keyfile: KeyFile, store_path: Path) -> Key:
    """Read the key from the keyring, telling apart no backend, locked and missing entry."""
    import keyring
    from keyring.errors import KeyringLocked, NoKeyringError

    try:
        if not keyring_usable():
            raise NoKeyringError()
        value = keyring.get_password(KEYRING_SERVICE, keyfile.keyring_username)
    except NoKeyringError:
        raise KeyUnavailableError(
            f"The key for {store_path} is kept in the system keyring, but no keyring is available "
            "now. Start ContractDesk in your desktop session, or restore from a backup.",
            store_path,
        ) from None
    except KeyringLocked:
        raise KeyUnavailableError(
            "The system keyring is locked: unlock it (log in to your desktop keyring) and try "
            "again.",
            store_path,
        ) from None
    except Exception as exc:  # KeyringError, or a backend's own (D-Bus, …): an environment error
        raise KeyUnavailableError(
            f"The system keyring failed ({type(exc).__name__}).", store_path
        ) from None
    if value is None:
        raise KeyUnavailableError(
            f"The key for {store_path} is missing from the system keyring. The data was not "
            "touched; restore the keyring entry or restore from a backup.",
            store_path,
        )
    try:
        return Key(bytes.fromhex(value))
    except ValueError:
        raise KeyUnavailableError(
            "The keyring entry for this store is damaged.", store_path
        ) from None


def new_store_id() -> str:
    return uuid.uuid4().hex

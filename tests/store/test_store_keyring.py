"""Where the store key lives: each keyring answer (none, null, locked, no entry) handled apart.

Only "no entry and no database yet" may make a new key; every other case leaves the store
byte-identical and says what happened.
"""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null
from store_testkit import ForgetfulKeyring, LockedKeyring, MemoryKeyring, fingerprint, installed

from contractdesk.paths import StorePaths
from contractdesk.store.errors import (
    KeyUnavailableError,
    PassphraseRequiredError,
    StoreError,
    StoreExistsError,
    WrongPassphraseError,
)
from contractdesk.store.keys import KEYRING_SERVICE, Key, KeyFile, keyring_usable
from contractdesk.store.profile import (
    change_to_keyring,
    change_to_passphrase,
    create_profile,
    key_source_of,
    unlock_profile,
)


@pytest.fixture
def paths(tmp_path: Path) -> StorePaths:
    return StorePaths(tmp_path / "data")


def _keyring_profile(paths: StorePaths, backend: MemoryKeyring) -> Key:
    """Create a keyring-mode store with one setting in it; return its key (store closed)."""
    store = create_profile(paths)
    assert store.key_source == "keyring"
    from contractdesk.services.settings import SettingsService

    SettingsService(store).set("language", "nb")
    key = store.key_for_backup()
    store.close()
    return key


def test_recommended_keyring_keeps_the_key_and_the_key_file_holds_no_secret(
    paths: StorePaths, memory_keyring: MemoryKeyring
) -> None:
    key = _keyring_profile(paths, memory_keyring)

    ((entry_name, stored),) = memory_keyring.entries.items()
    assert entry_name[0] == KEYRING_SERVICE
    assert stored == key.raw().hex()
    key_file = paths.key_file.read_text(encoding="utf-8")
    assert key.raw().hex() not in key_file
    assert "wrapped_key" not in key_file
    assert key_source_of(paths) == "keyring"

    store = unlock_profile(paths)
    try:
        assert store.key_source == "keyring"
        assert store.key_for_backup() == key
    finally:
        store.close()


def test_fail_backend_is_no_keyring_and_a_passphrase_is_asked_for(paths: StorePaths) -> None:
    # tests/conftest.py makes keyring's fail backend the default for every test
    assert isinstance(keyring.get_keyring(), fail.Keyring)
    assert not keyring_usable()

    with pytest.raises(PassphraseRequiredError, match="passphrase"):
        create_profile(paths)
    with pytest.raises(KeyUnavailableError, match="No system keyring"):
        create_profile(paths, use_keyring=True)
    assert not paths.db.exists() and not paths.key_file.exists()

    store = create_profile(paths, passphrase="correct horse")
    store.close()
    assert key_source_of(paths) == "passphrase"


def test_null_backend_is_not_recommended_so_not_used(paths: StorePaths) -> None:
    with installed(null.Keyring()):
        assert not keyring_usable()
        with pytest.raises(KeyUnavailableError):
            create_profile(paths, use_keyring=True)
        assert not paths.db.exists()
        store = create_profile(paths, passphrase="correct horse")
        store.close()
    assert key_source_of(paths) == "passphrase"


def test_keyring_gone_later_gives_a_clear_error_and_touches_nothing(
    paths: StorePaths, memory_keyring: MemoryKeyring
) -> None:
    _keyring_profile(paths, memory_keyring)
    before = fingerprint(paths.data_dir)

    for backend in (fail.Keyring(), null.Keyring()):
        with installed(backend):
            with pytest.raises(KeyUnavailableError, match="no keyring is available") as err:
                unlock_profile(paths)
            assert str(paths.db) in str(err.value)
    assert fingerprint(paths.data_dir) == before


def test_locked_keyring_says_locked_and_touches_nothing(
    paths: StorePaths, memory_keyring: MemoryKeyring
) -> None:
    _keyring_profile(paths, memory_keyring)
    before = fingerprint(paths.data_dir)

    with (
        installed(LockedKeyring(memory_keyring.entries)),
        pytest.raises(KeyUnavailableError, match="locked"),
    ):
        unlock_profile(paths)
    assert fingerprint(paths.data_dir) == before


def test_locked_keyring_at_creation_creates_nothing(paths: StorePaths) -> None:
    with installed(LockedKeyring()), pytest.raises(KeyUnavailableError, match="KeyringLocked"):
        create_profile(paths)
    assert not paths.db.exists() and not paths.key_file.exists()


def test_entry_deleted_while_the_store_exists_never_makes_a_new_key(
    paths: StorePaths, memory_keyring: MemoryKeyring
) -> None:
    _keyring_profile(paths, memory_keyring)
    memory_keyring.entries.clear()  # someone removed the entry in the desktop's password manager
    before = fingerprint(paths.data_dir)

    with pytest.raises(KeyUnavailableError, match="missing from the system keyring") as err:
        unlock_profile(paths)
    assert str(paths.db) in str(err.value)
    with pytest.raises(StoreExistsError):
        create_profile(paths)
    with pytest.raises(StoreExistsError):
        create_profile(paths, passphrase="a new start")

    assert memory_keyring.entries == {}  # no new key was made
    assert fingerprint(paths.data_dir) == before


def test_a_backend_that_does_not_keep_the_key_is_refused_before_any_file_exists(
    paths: StorePaths,
) -> None:
    with (
        installed(ForgetfulKeyring()),
        pytest.raises(KeyUnavailableError, match="did not keep the key"),
    ):
        create_profile(paths)
    assert not paths.db.exists() and not paths.key_file.exists()


def test_missing_key_file_is_reported_and_the_store_left_alone(
    paths: StorePaths, memory_keyring: MemoryKeyring
) -> None:
    _keyring_profile(paths, memory_keyring)
    paths.key_file.unlink()
    before = fingerprint(paths.data_dir)

    with pytest.raises(StoreError, match="key file") as err:
        unlock_profile(paths)
    assert str(paths.key_file) in str(err.value)
    with pytest.raises(StoreExistsError):
        create_profile(paths)
    assert fingerprint(paths.data_dir) == before


def test_switch_keyring_to_passphrase_and_back(
    paths: StorePaths, memory_keyring: MemoryKeyring
) -> None:
    key = _keyring_profile(paths, memory_keyring)

    change_to_passphrase(paths, key, "long enough passphrase")
    assert memory_keyring.entries == {}  # the keyring copy is removed
    keyfile = KeyFile.load(paths.key_file)
    assert keyfile.source == "passphrase"
    assert key.raw().hex() not in paths.key_file.read_text(encoding="utf-8")
    with pytest.raises(PassphraseRequiredError):
        unlock_profile(paths)
    with pytest.raises(WrongPassphraseError):
        unlock_profile(paths, passphrase="not it")
    store = unlock_profile(paths, prompt=lambda: "long enough passphrase")
    assert store.key_source == "passphrase"
    store.close()

    change_to_keyring(paths, key)
    assert KeyFile.load(paths.key_file).source == "keyring"
    assert "wrapped_key" not in paths.key_file.read_text(encoding="utf-8")
    store = unlock_profile(paths)
    assert store.key_for_backup() == key
    store.close()


def test_key_never_shows_in_repr_or_str() -> None:
    key = Key.generate()
    assert key.raw().hex() not in repr(key)
    assert key.raw().hex() not in str(key)
    assert key.raw().hex() not in repr([key])


def test_a_leftover_wal_without_its_file_is_not_overwritten_by_a_new_store(
    paths: StorePaths, memory_keyring: MemoryKeyring
) -> None:
    """The -wal of a store whose main file went missing holds data: no new key may be made over it."""
    store = create_profile(paths)
    from contractdesk.services.settings import SettingsService

    SettingsService(store).set("language", "nb")
    wal = paths.data_dir / f"{paths.db.name}-wal"
    saved = wal.read_bytes()
    store.close()
    paths.db.unlink()
    wal.write_bytes(saved)  # e.g. the user deleted only contractdesk.db
    before = fingerprint(paths.data_dir)

    with pytest.raises(StoreExistsError, match="-wal"):
        create_profile(paths)
    assert fingerprint(paths.data_dir) == before


def test_a_new_store_keeps_the_earlier_key_file_for_its_snapshots(
    paths: StorePaths, memory_keyring: MemoryKeyring
) -> None:
    """The main file is lost but same-key snapshots remain: a new store must not orphan them."""
    from contractdesk.store.backup import snapshot
    from contractdesk.store.engine import connect_raw

    store = create_profile(paths)
    with store.raw_connection() as conn:
        snap = snapshot(conn, paths.db, store.key_for_backup(), reason="before-restore")
    store.close()
    old_key_file = paths.key_file.read_bytes()
    paths.db.unlink()  # lost

    create_profile(paths).close()  # the user starts again

    (kept,) = paths.backups.glob("store-*.json")
    assert kept.read_bytes() == old_key_file
    old = KeyFile.load(kept)
    key = Key(bytes.fromhex(memory_keyring.entries[(KEYRING_SERVICE, old.keyring_username)]))
    conn = connect_raw(snap, key, mode="ro")  # the snapshot still opens with the earlier key
    conn.close()

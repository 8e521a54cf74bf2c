"""Create and unlock the store in a data folder: where the key comes from; never a new key on data.

Only "no database file yet" may make a new key. A key file without a database (a crash during
creation) is stale and may be replaced; a database without its key file is never touched.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from contractdesk.paths import StorePaths
from contractdesk.store.autobackup import remove_partials
from contractdesk.store.engine import Store, create_store, open_store
from contractdesk.store.errors import (
    KeyUnavailableError,
    PassphraseRequiredError,
    StoreError,
    StoreExistsError,
    StoreNotFoundError,
)
from contractdesk.store.health import recorded_damage
from contractdesk.store.keys import (
    Key,
    KeyFile,
    keyring_usable,
    load_key_from_keyring,
    new_store_id,
    store_key_in_keyring,
    unwrap_key,
    wrap_key,
)
from contractdesk.store.lock import StoreLock
from contractdesk.store.walcheck import check_wal_before_open

log = logging.getLogger(__name__)

PassphrasePrompt = Callable[[], "str | None"]


def key_source_of(paths: StorePaths) -> str | None:
    """``keyring`` or ``passphrase`` as the key file says, or None when there is no store."""
    if not paths.key_file.exists():
        return None
    return KeyFile.load(paths.key_file).source


def create_profile(
    paths: StorePaths, *, passphrase: str | None = None, use_keyring: bool | None = None
) -> Store:
    """Create a new store with a fresh random key.

    Args:
        passphrase: wrap the key with this passphrase (passphrase mode).
        use_keyring: True to require the keyring, False to refuse it, None to prefer it when a
            recommended backend exists and no passphrase was given.

    Raises:
        StoreExistsError: a database already exists in the folder.
        PassphraseRequiredError: no usable keyring and no passphrase.
    """
    paths.ensure_dir()
    if paths.db.exists() and paths.db.stat().st_size > 0:
        raise StoreExistsError(f"A store already exists in {paths.data_dir}.", paths.db)
    wal = Path(f"{paths.db}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreExistsError(
            f"{wal} is left from an earlier store: move it away (it may hold data) "
            "before creating one.",
            wal,
        )
    if paths.db.exists():
        paths.db.unlink()  # an empty file from an interrupted creation holds no data
    if paths.key_file.exists():
        _keep_old_key_file(paths)
    key = Key.generate()
    store_id = new_store_id()
    want_keyring = (
        use_keyring if use_keyring is not None else (passphrase is None and keyring_usable())
    )
    if want_keyring:
        if not keyring_usable():
            raise KeyUnavailableError(
                "No system keyring is available; choose a passphrase instead."
            )
        keyfile = KeyFile(store_id, "keyring")
        store_key_in_keyring(keyfile, key)
    else:
        if not passphrase:
            raise PassphraseRequiredError(paths.db)
        keyfile = KeyFile(store_id, "passphrase", wrap_key(key, passphrase, store_id))
    keyfile.save(paths.key_file)
    lock = lock_for_use(paths)
    try:
        store = create_store(paths.db, key, key_source=keyfile.source)
    except BaseException:
        lock.release()
        raise
    return _attach(store, lock, paths)


def _keep_old_key_file(paths: StorePaths) -> Path:
    """Move an earlier key file into ``backups/`` instead of overwriting it.

    Snapshots in ``backups/`` are encrypted with the key of the store that made them; with its
    key file (and its keyring entry, which is never deleted here) they can still be opened.
    """
    from contractdesk.store.engine import utc_stamp

    paths.backups.mkdir(parents=True, exist_ok=True, mode=0o700)
    kept = paths.backups / f"store-{utc_stamp()}.json"
    n = 1
    while kept.exists():
        n += 1
        kept = paths.backups / f"store-{utc_stamp()}-{n}.json"
    os.replace(paths.key_file, kept)
    log.info("earlier key file kept as %s", kept.name)
    return kept


def unlock_profile(
    paths: StorePaths,
    *,
    passphrase: str | None = None,
    prompt: PassphrasePrompt | None = None,
    migrate: bool = True,
) -> Store:
    """Open the existing store, the key read from the keyring or unwrapped with a passphrase."""
    if not paths.db.exists() or paths.db.stat().st_size == 0:
        raise StoreNotFoundError(f"There is no store in {paths.data_dir} yet.", paths.db)
    if not paths.key_file.exists():
        raise StoreError(
            f"The key file {paths.key_file} is missing, so {paths.db} cannot be opened. "
            "Restore the key file or restore from a backup; the data was not touched.",
            paths.key_file,
        )
    keyfile = KeyFile.load(paths.key_file)
    key = load_key(paths, keyfile, passphrase=passphrase, prompt=prompt)
    lock = lock_for_use(paths)
    try:
        store = open_store(paths.db, key, key_source=keyfile.source, migrate=migrate)
    except BaseException:
        lock.release()
        raise
    return _attach(store, lock, paths)


def lock_for_use(paths: StorePaths, *, wait: float = 10.0) -> StoreLock:
    """Take the store lock shared; as the first user, check the ``-wal`` and tidy up first.

    Only while nobody else has the store open can SQLite's recovery drop frames, so only then is
    the ``-wal`` checked (a damaged one is refused before SQLite sees it), and only then are
    ``.partial`` leftovers of an interrupted backup removed.

    Raises:
        StoreInUseError: a restore held the store longer than ``wait`` seconds.
        WalDamagedError: the ``-wal`` would lose committed transactions (copies kept).
    """
    lock = StoreLock(paths.data_dir)
    try:
        if lock.try_exclusive():
            check_wal_before_open(paths.db, paths.backups)
            removed = remove_partials(paths.data_dir, paths.backups, *_backup_folders(paths))
            if removed:
                log.info("removed %d leftover(s) of interrupted backups", removed)
            lock.downgrade()
        else:
            lock.shared(wait=wait)
    except BaseException:
        lock.release()
        raise
    return lock


def _backup_folders(paths: StorePaths) -> list[Path]:
    from contractdesk.store.autobackup import load_config
    from contractdesk.store.backup import recorded_backup_folders

    folders = recorded_backup_folders(paths.data_dir)
    auto = load_config(paths.data_dir).folder
    if auto is not None:
        folders.append(auto)
    return folders


def _attach(store: Store, lock: StoreLock, paths: StorePaths) -> Store:
    store.lock = lock
    store.damage = recorded_damage(paths.db)
    return store


def load_key(
    paths: StorePaths,
    keyfile: KeyFile,
    *,
    passphrase: str | None = None,
    prompt: PassphrasePrompt | None = None,
) -> Key:
    if keyfile.source == "keyring":
        return load_key_from_keyring(keyfile, paths.db)
    if keyfile.source == "passphrase":
        if not passphrase and prompt is not None:
            passphrase = prompt()
        if not passphrase:
            raise PassphraseRequiredError(paths.db)
        if keyfile.wrapped is None:
            raise StoreError(f"The key file {paths.key_file} is damaged.", paths.key_file)
        return unwrap_key(keyfile.wrapped, passphrase, keyfile.store_id)
    raise StoreError(f"Unknown key source {keyfile.source!r} in {paths.key_file}.", paths.key_file)


def change_to_passphrase(paths: StorePaths, key: Key, passphrase: str) -> None:
    """Switch the store to passphrase mode (or change the passphrase); the database is unchanged."""
    old = KeyFile.load(paths.key_file)
    new = KeyFile(old.store_id, "passphrase", wrap_key(key, passphrase, old.store_id))
    new.save(paths.key_file)
    if old.source == "keyring":
        try:
            import keyring

            keyring.delete_password("ContractDesk", old.keyring_username)
        except Exception:  # the entry may already be gone; the new key file is what counts
            log.info("keyring entry could not be removed")


def change_to_keyring(paths: StorePaths, key: Key) -> None:
    """Move the key into the system keyring (proved by reading it back); drop the wrapped copy."""
    old = KeyFile.load(paths.key_file)
    new = KeyFile(old.store_id, "keyring")
    store_key_in_keyring(new, key)
    new.save(paths.key_file)


def describe_key_source(source: str) -> str:
    return {
        "keyring": "system keyring",
        "passphrase": "passphrase",
        "memory": "temporary (demo)",
    }.get(source, source)


def demo_profile(folder: Path) -> Store:
    """A throwaway store whose key lives only in memory (``--demo``)."""
    paths = StorePaths(folder)
    paths.ensure_dir()
    return create_store(paths.db, Key.generate(), key_source="memory")

"""Backup use cases: make, restore (also into an empty folder on a new machine), automatic daily
backups, the recovery key, and the on-demand integrity check.

A restore takes the store lock exclusively (nobody else may have the store open), keeps a copy
of the current store, replaces it with the verified backup, erases again every person the
erasure ledger lists, and only then lets the store be opened for use.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.paths import StorePaths
from contractdesk.store import autobackup, ledger
from contractdesk.store.backup import (
    BackupInfo,
    create_backup,
    data_folder_in_use,
    inspect_backup,
    restore_backup,
)
from contractdesk.store.engine import Store, connect_raw, open_store
from contractdesk.store.errors import (
    KeyUnavailableError,
    PassphraseRequiredError,
    StoreError,
    WrongKeyOrDamagedError,
)
from contractdesk.store.health import clear_damage
from contractdesk.store.keys import (
    Key,
    KeyFile,
    KeyFileDamagedError,
    keyring_usable,
    new_store_id,
    store_key_in_keyring,
    wrap_key,
)
from contractdesk.store.lock import StoreInUseError, exclusively
from contractdesk.store.recovery import (
    SETTING_KEY,
    ensure_recovery_key,
    ledger_mac_key,
    normalise_recovery_key,
)
from contractdesk.store.walcheck import WalDamagedError, check_wal_before_open

log = logging.getLogger(__name__)

Prompt = Callable[[], "str | None"]


@dataclass(frozen=True)
class RestoreOutcome:
    """What a restore did: the copy of the previous store, rows, erasures applied again."""

    restored_from: Path
    previous_store_copy: Path | None
    counts: dict[str, int]
    erasures_reapplied: int
    ledger_lines_rejected: int
    new_key_source: str | None
    """``keyring``/``passphrase`` when a new key was made (no usable key file before), else None."""


def open_backup_info(src: Path, secret: str) -> tuple[BackupInfo, str]:
    """Inspect a backup with a recovery key or a backup passphrase; returns the info and the
    secret that opened it.

    Raises:
        WrongKeyOrDamagedError: neither form of the secret opens it.
    """
    candidates = [c for c in (normalise_recovery_key(secret), secret) if c]
    last: Exception | None = None
    for candidate in dict.fromkeys(candidates):
        try:
            return inspect_backup(Path(src), candidate), candidate
        except WrongKeyOrDamagedError as exc:
            last = exc
    raise last or WrongKeyOrDamagedError(src)


def restore_from_backup(
    paths: StorePaths,
    src: Path,
    secret: str,
    *,
    live_passphrase: str | None = None,
    prompt: Prompt | None = None,
    new_passphrase: str | None = None,
    wait: float = 10.0,
    check_app_lock: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> RestoreOutcome:
    """Replace the store in ``paths`` (or create it, in an empty or missing folder) from a backup.

    Args:
        secret: the recovery key or the backup's passphrase.
        live_passphrase / prompt: unlock the current store's key (passphrase mode).
        new_passphrase: wraps a new key when there is no usable key (no key file, damaged, or
            the keyring unavailable) and no usable keyring.
        wait: seconds to wait for other processes to close the store (``on_wait`` is called
            once when it has to wait, to tell the user).
        check_app_lock: refuse while a ContractDesk window holds the folder (False: the caller
            is that window and has closed its store).

    Raises:
        StoreInUseError: the store stayed open elsewhere; nothing was changed.
        WrongKeyOrDamagedError / IntegrityError: the backup does not open or is damaged.
        PassphraseRequiredError: a new key is needed and no passphrase was given.
    """
    info, opened_with = open_backup_info(src, secret)
    if info.problems:
        raise UserError(
            fill(translate("Backups", "The backup %1 is damaged; nothing was restored."), src)
        )
    existed = paths.data_dir.exists()
    try:
        return _restore_locked(
            paths,
            Path(src),
            info,
            opened_with,
            live_passphrase,
            prompt,
            new_passphrase,
            wait,
            check_app_lock,
            on_wait,
        )
    except BaseException:
        if not existed and not paths.db.exists():  # a failed restore leaves no empty folder
            import shutil

            shutil.rmtree(paths.data_dir, ignore_errors=True)
        raise


def _restore_locked(
    paths: StorePaths,
    src: Path,
    info: BackupInfo,
    opened_with: str,
    live_passphrase: str | None,
    prompt: Prompt | None,
    new_passphrase: str | None,
    wait: float,
    check_app_lock: bool,
    on_wait: Callable[[], None] | None,
) -> RestoreOutcome:
    paths.ensure_dir()
    with exclusively(paths.data_dir, wait=wait, on_wait=on_wait):
        # A ContractDesk window holds the folder (e.g. in its first-run wizard).
        if check_app_lock and data_folder_in_use(paths.lock):
            raise StoreInUseError(paths.data_dir)
        try:
            check_wal_before_open(paths.db, paths.backups)
        except WalDamagedError:
            log.warning("restore: the current -wal is damaged; copies were kept in backups/")
        key, new_keyfile = _live_key(paths, live_passphrase, prompt, new_passphrase)
        old_recovery = _recovery_key_of(paths.db, key) if new_keyfile is None else None
        safety = restore_backup(Path(src), opened_with, paths.db, key)
        if new_keyfile is not None:
            if paths.key_file.exists():
                from contractdesk.store.profile import _keep_old_key_file

                _keep_old_key_file(paths)
            new_keyfile.save(paths.key_file)
        clear_damage(paths.db)
        for suffix in ("-wal", "-shm"):
            Path(f"{paths.db}{suffix}").unlink(missing_ok=True)
        source = new_keyfile.source if new_keyfile else KeyFile.load(paths.key_file).source
        store = open_store(paths.db, key, key_source=source)
        try:
            reapplied, rejected = _reapply_erasures(store, paths, Path(src), old_recovery)
            problems = store.integrity_check()
        finally:
            store.close()
    if problems:
        raise StoreError(
            fill(
                translate(
                    "Backups",
                    "The restored store failed its check; the previous store is kept at %1.",
                ),
                safety or "-",
            ),
            paths.db,
        )
    return RestoreOutcome(
        Path(src),
        safety,
        info.counts,
        reapplied,
        rejected,
        new_keyfile.source if new_keyfile else None,
    )


def _live_key(
    paths: StorePaths, passphrase: str | None, prompt: Prompt | None, new_passphrase: str | None
) -> tuple[Key, KeyFile | None]:
    """The current store key, or a new key (and its key file) when none can be had.

    A wrong passphrase is the user's to correct: it is raised, never answered with a new key.
    """
    from contractdesk.store.profile import load_key

    if paths.key_file.exists():
        try:
            keyfile = KeyFile.load(paths.key_file)
            return load_key(paths, keyfile, passphrase=passphrase, prompt=prompt), None
        except (KeyUnavailableError, KeyFileDamagedError):
            log.warning("restore: the current key cannot be read; a new key is made")
        except PassphraseRequiredError:
            raise
        except StoreError as exc:
            if type(exc) is not StoreError:
                raise
            log.warning("restore: the key file is damaged; a new key is made")
    key = Key.generate()
    store_id = new_store_id()
    if keyring_usable() and not new_passphrase:
        keyfile = KeyFile(store_id, "keyring")
        store_key_in_keyring(keyfile, key)
        return key, keyfile
    if not new_passphrase:
        raise PassphraseRequiredError(paths.db)
    return key, KeyFile(store_id, "passphrase", wrap_key(key, new_passphrase, store_id))


def _recovery_key_of(db: Path, key: Key) -> str | None:
    """The recovery key kept in the current store, read before it is replaced (best effort)."""
    if not db.exists() or db.stat().st_size == 0:
        return None
    try:
        conn = connect_raw(db, key, mode="ro")
    except StoreError:
        return None
    try:
        row = conn.execute("SELECT value FROM app_setting WHERE key = ?", (SETTING_KEY,)).fetchone()
    except Exception:  # an old or damaged store: no recovery key to be had
        return None
    finally:
        conn.close()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, str) else None


def _reapply_erasures(
    store: Store, paths: StorePaths, src: Path, old_recovery: str | None
) -> tuple[int, int]:
    """Erase again every person the ledgers beside the store and beside the backup list."""
    from contractdesk.services.people import PeopleService

    files = [paths.data_dir / ledger.LEDGER_NAME, src.parent / ledger.LEDGER_NAME]
    keys = [k for k in (_stored_recovery(store), old_recovery) if k]
    if not keys:
        return 0, 0
    entries: dict[int, ledger.LedgerEntry] = {}
    rejected = 0
    for recovery in dict.fromkeys(keys):
        found = ledger.read(files, ledger_mac_key(recovery))
        rejected = found.rejected if not entries else min(rejected, found.rejected)
        for entry in found.entries:
            entries.setdefault(entry.person_id, entry)
    people = PeopleService(store)
    reapplied = sum(1 for pid in sorted(entries) if people.reapply_erasure(pid))
    if src.parent.resolve() != paths.data_dir.resolve():
        ledger.copy_beside(src.parent, paths.data_dir)
    return reapplied, rejected


def _stored_recovery(store: Store) -> str | None:
    from contractdesk.store.recovery import read_recovery_key

    return read_recovery_key(store)


class BackupService:
    """Backups of the open store: manual, automatic, the recovery key and the check."""

    def __init__(self, store: Store, paths: StorePaths) -> None:
        self._store = store
        self._paths = paths

    def __repr__(self) -> str:
        return f"BackupService({self._store!r})"

    def create(self, dest: Path, passphrase: str | None = None) -> BackupInfo:
        """A verified backup at ``dest``, encrypted with ``passphrase`` (default: the recovery
        key, so the recovery sheet opens it)."""
        if self.on_server:
            return self._create_on_server(Path(dest), passphrase)
        secret = passphrase or ensure_recovery_key(self._store)
        written = create_backup(self._store, Path(dest), secret)
        ledger.copy_beside(self._paths.data_dir, written.parent)
        return inspect_backup(written, secret)

    def _create_on_server(self, dest: Path, passphrase: str | None) -> BackupInfo:
        """``pg_dump`` into an encrypted file (owners only: the issue's role table)."""
        from contractdesk.store.server import ServerStore
        from contractdesk.store.server_backup import dump_encrypted

        store = self._store
        assert isinstance(store, ServerStore)
        if store.team_role() in ("staff", "readonly"):
            raise UserError(
                translate("Backups", "Only an owner makes backups of the team's server.")
            )
        secret = passphrase or ensure_recovery_key(store)
        dumped = dump_encrypted(store.engine, dest, secret)
        return BackupInfo(dumped.path, dumped.revision, [], dumped.counts)

    @property
    def on_server(self) -> bool:
        """True for a team (PostgreSQL) store: backups are pg_dump archives, encrypted."""
        return getattr(self._store, "engine_name", "") == "postgresql"

    def recovery_key(self) -> str:
        return ensure_recovery_key(self._store)

    def check(self) -> list[str]:
        """Run the integrity checks now; damage turns the store read-only."""
        return self._store.verify()

    def change_passphrase(self, passphrase: str) -> None:
        """Unlock with this passphrase from now on (Argon2: run it in a worker)."""
        from contractdesk.store.profile import change_to_passphrase

        if len(passphrase) < 8:
            raise UserError(translate("Backups", "Use a passphrase of at least 8 characters."))
        change_to_passphrase(self._paths, self._store.key_for_backup(), passphrase)
        self._store.key_source = "passphrase"

    def use_keyring(self) -> None:
        """Keep the key in the system keyring from now on (no passphrase asked at start-up)."""
        from contractdesk.store.profile import change_to_keyring

        if not keyring_usable():
            raise UserError(translate("Backups", "No system keyring is available here."))
        change_to_keyring(self._paths, self._store.key_for_backup())
        self._store.key_source = "keyring"

    def write_recovery_sheet(self, dest: Path, business: str = "") -> Path:
        """The recovery sheet as a PDF at ``dest`` (owner-only)."""
        from contractdesk.output.atomic import save_atomic
        from contractdesk.output.pdf.recovery_sheet import render_recovery_sheet

        pdf = render_recovery_sheet(
            self.recovery_key(), business=business, data_dir=str(self._paths.data_dir)
        )
        return save_atomic(Path(dest), pdf, mode=0o600)

    def set_auto_folder(self, folder: Path) -> autobackup.AutoBackupConfig:
        return autobackup.set_folder(self._paths.data_dir, Path(folder))

    def auto_config(self) -> autobackup.AutoBackupConfig:
        return autobackup.load_config(self._paths.data_dir)

    def run_auto_if_due(self) -> Path | None:
        """The daily automatic backup, when one is due (run it in a worker)."""
        if self.on_server:  # the server's own backups (backup create, pg_dump) serve the team
            return None
        return autobackup.run_if_due(self._store, self._paths.data_dir)

    def run_auto_now(self) -> Path:
        return autobackup.backup_now(self._store, self._paths.data_dir)

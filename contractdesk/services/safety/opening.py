"""Opening a store and building its services: the GUI's way in (the CLI has its own context).

These take Argon2id time with a passphrase (~0.3 s): the GUI calls them off its thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from contractdesk.paths import StorePaths

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.supplier import SupplierProfile


def store_exists(paths: StorePaths) -> bool:
    """True when the data folder holds a store (else the first-run wizard makes one)."""
    return paths.exists()


def keyring_usable() -> bool:
    """True when a recommended system keyring can hold the store's key."""
    from contractdesk.store.keys import keyring_usable as usable

    return usable()


def open_services(paths: StorePaths, passphrase: str | None = None) -> Services:
    """Unlock the existing store (keyring, or ``passphrase``) and build its services.

    Raises:
        PassphraseRequiredError: the store is unlocked by a passphrase and none was given.
        WrongPassphraseError: the passphrase does not unwrap the key.
        StoreError: any other reason the store cannot be opened (the file is left untouched).
    """
    from contractdesk.services.context import Services
    from contractdesk.store.profile import unlock_profile

    return Services(unlock_profile(paths, passphrase=passphrase), paths)


def create_services(
    paths: StorePaths, profile: SupplierProfile, passphrase: str | None = None
) -> Services:
    """Create a new store (key in the keyring, or wrapped by ``passphrase``) with the supplier."""
    from contractdesk.services.context import Services
    from contractdesk.store.profile import create_profile

    store = create_profile(paths, passphrase=passphrase, use_keyring=None if passphrase else True)
    services = Services(store, paths)
    services.supplier.save(profile)
    return services


def demo_services(folder: Path) -> Services:
    """A throwaway store (key only in memory) filled with the demo data."""
    from contractdesk.services.context import Services
    from contractdesk.services.demo import populate_demo
    from contractdesk.store.profile import demo_profile

    services = Services(demo_profile(folder), StorePaths(folder))
    populate_demo(services)
    return services

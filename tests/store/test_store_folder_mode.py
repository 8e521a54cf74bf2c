"""The data folder is owner-only, even when it existed before with looser permissions."""

from __future__ import annotations

import stat
from pathlib import Path

from contractdesk.paths import StorePaths
from contractdesk.store.profile import create_profile


def test_an_existing_world_readable_data_folder_is_made_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    create_profile(StorePaths(folder), passphrase="a long passphrase").close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700

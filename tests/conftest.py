"""Session-wide test settings: Qt offscreen, no real keyring, no user data touched."""

from __future__ import annotations

import os

# Before anything imports Qt: render offscreen, never talk to a real desktop.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may reach the user's real keyring: the fail backend unless a test installs one.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.pop("CONTRACTDESK_PASSPHRASE", None)
os.environ.pop("CONTRACTDESK_DATA_DIR", None)
os.environ.pop("CONTRACTDESK_REGISTRY_URL", None)
os.environ.setdefault("LC_ALL", "C.UTF-8")

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point XDG/home folders at a temp dir so no test touches the real user profile."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))


@pytest.fixture
def store_paths(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The files of a store in a fresh temp data folder (nothing created yet)."""
    from contractdesk.paths import StorePaths

    return StorePaths(tmp_path / "data")


@pytest.fixture
def store_engine(request: pytest.FixtureRequest) -> str:
    """``sqlite`` (the default) or ``postgresql``: tests marked ``both_engines`` run on each."""
    return str(getattr(request, "param", "sqlite"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests (or modules) marked ``both_engines`` run once per engine."""
    if metafunc.definition.get_closest_marker("both_engines") and (
        "store_engine" in metafunc.fixturenames
    ):
        engines = (
            ["sqlite"]
            if metafunc.definition.get_closest_marker("sqlite_only")
            else [
                "sqlite",
                "postgresql",
            ]
        )
        metafunc.parametrize("store_engine", engines, indirect=True)


@pytest.fixture
def any_store(store_engine: str, request: pytest.FixtureRequest, store_paths):  # type: ignore[no-untyped-def]
    """A fresh, migrated store on the engine of ``store_engine``: the local encrypted file, or
    a database on the session's PostgreSQL server (cloned from a migrated template: fast)."""
    if store_engine == "postgresql":
        from contractdesk.store.server import open_server_store

        store = open_server_store(request.getfixturevalue("pg_store_url"))
    else:
        from contractdesk.store.profile import demo_profile

        store = demo_profile(store_paths.data_dir)
    yield store
    store.close()


@pytest.fixture
def services(any_store, store_paths):  # type: ignore[no-untyped-def]
    """A real store (encrypted file with its raw key in memory, no KDF: fast; or a PostgreSQL
    database for ``both_engines`` tests) with a supplier profile, and its services."""
    from contractdesk.services.context import Services
    from contractdesk.services.demo import DEMO_SUPPLIER

    store = any_store
    svc = Services(store, store_paths)
    svc.supplier.save(DEMO_SUPPLIER, actor="test")
    yield svc
    svc.close()


# --- Registry replay server (tests/brreg_server.py; routes in tests/fixtures/brreg) ---------
from collections.abc import Iterator  # noqa: E402

from brreg_server import ReplayServer  # noqa: E402  (tests/ is on sys.path: rootdir conftest)


@pytest.fixture
def brreg_replay() -> Iterator[ReplayServer]:
    """A fresh local Brønnøysund replay server for this test (``.url``, ``.requests``, ``.add_route``)."""
    with ReplayServer() as server:
        yield server


@pytest.fixture
def brreg_server(brreg_replay: ReplayServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """Base URL of the replay server, e.g. ``http://127.0.0.1:54321``; also set as
    ``CONTRACTDESK_REGISTRY_URL`` for this test, so clients built from the environment use it."""
    monkeypatch.setenv("CONTRACTDESK_REGISTRY_URL", brreg_replay.url)
    return brreg_replay.url


# --- PostgreSQL (tests/pg_testkit.py): one real server per session, a fresh database per test -
from pg_testkit import PgServer, binaries_missing, running_server  # noqa: E402


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A real PostgreSQL 15 server for the whole session (skipped only when not installed)."""
    reason = binaries_missing()
    if reason is not None:
        pytest.skip(reason)
    with running_server() as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """``postgresql+psycopg://…`` of a fresh, empty database (superuser), dropped afterwards."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database migrated to the current schema once per session: the template of ``pg_store_url``."""
    from contractdesk.store.server import migrate_server

    name = pg_server.create_database()
    migrate_server(pg_server.url(name))
    return name


@pytest.fixture
def pg_store_url(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    """``postgresql+psycopg://…`` (superuser) of a fresh database at the current schema."""
    name = pg_server.create_database(template=pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)

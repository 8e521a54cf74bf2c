"""A real PostgreSQL 15 server for the test session: no mocks, no shared server.

``PgServer`` runs Debian's ``initdb`` + ``pg_ctl`` in a temporary directory and starts ``postgres``
on a free 127.0.0.1 port (TCP with password authentication, SCRAM-SHA-256, like a real server;
the Unix socket lives in the same temporary directory). PostgreSQL refuses to run as root, so when
the tests run as root the server runs as the ``postgres`` system user (``runuser``) in a directory
that user owns.

The server is tuned for tests only (``fsync=off``: a crash of the test server loses nothing
anyone needs). The fixtures in ``tests/conftest.py``:

- ``pg_server`` (session): the running server, or a skip when the binaries are absent;
- ``pg_url`` (function): ``postgresql+psycopg://…`` (superuser) of a fresh, empty database;
  ``pg_server.connect(dbname_of(pg_url), user=…, password=…)`` opens a raw psycopg connection to it
  as any role (the role tests).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PG_BIN = Path(os.environ.get("CONTRACTDESK_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "pg-test-superuser-7Xq"  # a throwaway cluster on 127.0.0.1, gone after the run
RUN_AS = "postgres"  # the system user that runs the server when the tests run as root


def binaries_missing() -> str | None:
    """Why a server cannot be started here (a skip reason), or None."""
    for name in ("initdb", "pg_ctl", "postgres"):
        if not (PG_BIN / name).is_file():
            return f"PostgreSQL 15 is not installed ({PG_BIN / name} is missing; apt install postgresql-15)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(RUN_AS)
        except KeyError:
            return f"running as root and there is no {RUN_AS!r} system user to run PostgreSQL"
        if shutil.which("runuser") is None:
            return "running as root and `runuser` is missing"
    return None


def dbname_of(url: str) -> str:
    """The database name at the end of a URL made by ``PgServer.url``."""
    return url.rsplit("/", 1)[1].split("?", 1)[0]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """One throwaway PostgreSQL cluster: ``start()``, ``create_database()``, ``stop()``."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="contractdesk-pg-"))
        self.data = self.base / "data"
        self.socket_dir = self.base / "run"
        self.log = self.base / "server.log"
        self.port = 0
        self.startup_seconds = 0.0
        self._as_root = os.geteuid() == 0
        self._names = itertools.count(1)
        if self._as_root:
            user = pwd.getpwnam(RUN_AS)
            os.chown(self.base, user.pw_uid, user.pw_gid)
        self.base.chmod(0o700)

    # --- running the binaries ------------------------------------------------------------
    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(a) for a in argv]
        if self._as_root:
            cmd = ["runuser", "-u", RUN_AS, "--", *cmd]
        return subprocess.run(
            cmd, capture_output=True, text=True, check=False, cwd=self.base, timeout=60
        )

    def _check(self, proc: subprocess.CompletedProcess[str], what: str) -> None:
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{what} failed ({proc.returncode}): {proc.stderr}\n{log}")

    def start(self) -> None:
        pwfile = self.base / "pwfile"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n", encoding="utf-8")
        if self._as_root:
            user = pwd.getpwnam(RUN_AS)
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        pwfile.chmod(0o600)
        self._check(
            self._run(
                str(PG_BIN / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                f"--pwfile={pwfile}",
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
                "--no-instructions",
            ),
            "initdb",
        )
        pwfile.unlink()
        self.socket_dir.mkdir()
        if self._as_root:
            user = pwd.getpwnam(RUN_AS)
            os.chown(self.socket_dir, user.pw_uid, user.pw_gid)
        for attempt in range(5):
            self.port = free_port()
            options = " ".join(
                [
                    "-c listen_addresses=127.0.0.1",
                    f"-c port={self.port}",
                    f"-c unix_socket_directories={self.socket_dir}",
                    "-c fsync=off",
                    "-c synchronous_commit=off",
                    "-c full_page_writes=off",
                    "-c max_connections=100",
                    "-c shared_buffers=64MB",
                    "-c log_min_messages=warning",
                ]
            )
            proc = self._run(
                str(PG_BIN / "pg_ctl"),
                "start",
                "-w",
                "-t",
                "30",
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-o",
                options,
            )
            if proc.returncode == 0:
                return
            if attempt == 4:
                self._check(proc, "pg_ctl start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(PG_BIN / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate")
        shutil.rmtree(self.base, ignore_errors=True)

    # --- using it ----------------------------------------------------------------------
    def url(
        self,
        dbname: str = "postgres",
        *,
        user: str = SUPERUSER,
        password: str | None = SUPERUSER_PASSWORD,
        driver: str = "postgresql+psycopg",
    ) -> str:
        """A SQLAlchemy URL (``driver="postgresql"`` for the plain libpq form)."""
        from urllib.parse import quote

        auth = quote(user, safe="")
        if password is not None:
            auth += ":" + quote(password, safe="")
        return f"{driver}://{auth}@127.0.0.1:{self.port}/{dbname}"

    def connect(
        self,
        dbname: str = "postgres",
        *,
        user: str = SUPERUSER,
        password: str | None = SUPERUSER_PASSWORD,
        autocommit: bool = True,
    ) -> Any:
        """A raw psycopg connection over TCP as ``user`` (password authentication)."""
        import psycopg

        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            dbname=dbname,
            user=user,
            password=password,
            autocommit=autocommit,
            connect_timeout=10,
        )

    def create_database(self, *, template: str = "template0") -> str:
        """A new empty database; returns its name."""
        name = f"cd_test_{os.getpid()}_{next(self._names)}"
        with self.connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return name

    def drop_database(self, name: str) -> None:
        with self.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """Start a throwaway server and stop it (and remove its files) afterwards."""
    server = PgServer()
    try:
        started = time.perf_counter()
        server.start()
        server.startup_seconds = time.perf_counter() - started
        yield server
    finally:
        server.stop()

"""Helpers for the registry tests: fast client settings and a port nobody listens on."""

from __future__ import annotations

import socket
from typing import Any

from contractdesk.registry import RegistryClient, RegistrySettings


def fast_settings(base_url: str, **overrides: Any) -> RegistrySettings:
    """Short timeouts and backoff so fault tests take milliseconds, not seconds."""
    values: dict[str, Any] = dict(
        base_url=base_url,
        connect_timeout=1.0,
        total_timeout=3.0,
        max_retries=2,
        backoff_initial=0.01,
        backoff_max=0.05,
        max_retry_after=1.0,
        max_body_bytes=1024 * 1024,
    )
    values.update(overrides)
    return RegistrySettings(**values)


def fast_client(base_url: str, **overrides: Any) -> RegistryClient:
    return RegistryClient(fast_settings(base_url, **overrides))


def closed_port() -> int:
    """A local port that was free a moment ago: connecting to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])

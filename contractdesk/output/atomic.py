"""Atomic file saves, under their old name: the helper lives in :mod:`contractdesk.fsutil` (a
neutral place every layer may use; the store must not import the output adapters)."""

from __future__ import annotations

from contractdesk.fsutil import SaveError, save_atomic, write_atomic

__all__ = ["SaveError", "save_atomic", "write_atomic"]

"""The session type a use case holds while it works, so services need not import SQLAlchemy."""

from __future__ import annotations

from sqlalchemy.orm import Session as Session

__all__ = ["Session"]

"""A postal or business address as the registry gives it (the one address value of the app)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Address:
    """A business, postal or location address: the registry's fields, kept as given.

    Foreign addresses may lack a postcode and city; they are shown as the registry gives them.
    """

    lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    municipality: str = ""
    municipality_number: str = ""
    country_code: str = ""
    country: str = ""

    @property
    def is_empty(self) -> bool:
        return not (
            self.lines or self.postcode or self.city or self.municipality or self.country_code
        )

    @property
    def has_street_or_place(self) -> bool:
        """Lines, postcode, city or country: enough to write on an envelope."""
        return bool(self.lines or self.postcode or self.city or self.country_code)

    @property
    def is_foreign(self) -> bool:
        return self.country_code not in ("", "NO")

    def as_dict(self) -> dict[str, Any]:
        return {
            "lines": list(self.lines),
            "postcode": self.postcode,
            "city": self.city,
            "municipality": self.municipality,
            "municipality_number": self.municipality_number,
            "country_code": self.country_code,
            "country": self.country,
        }

    @classmethod
    def from_data(cls, data: object) -> Address:
        """An address from its stored JSON (``as_dict``); anything else gives an empty one."""
        if not isinstance(data, Mapping):
            return cls()
        lines = data.get("lines") or ()
        return cls(
            lines=tuple(str(x) for x in lines if x is not None)
            if isinstance(lines, (list, tuple))
            else (),
            postcode=str(data.get("postcode") or ""),
            city=str(data.get("city") or ""),
            municipality=str(data.get("municipality") or ""),
            municipality_number=str(data.get("municipality_number") or ""),
            country_code=str(data.get("country_code") or ""),
            country=str(data.get("country") or ""),
        )

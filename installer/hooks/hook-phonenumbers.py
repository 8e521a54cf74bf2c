"""PyInstaller hook: phonenumbers' lazily loaded metadata, without the geocoder, carrier and
time-zone data the app never uses (replaces the contrib hook, which collects everything)."""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("geocoder", "geodata", "carrier", "carrierdata", "timezone", "tzdata")


def _used(name: str) -> bool:
    parts = name.split(".")
    return len(parts) < 2 or parts[1] not in UNUSED


hiddenimports = collect_submodules("phonenumbers", filter=_used)

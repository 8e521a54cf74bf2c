"""Reading the registry's bulk files (gzip JSON arrays) one item at a time; no network here.

``/enheter/lastned`` holds every main entity (``Enhet`` objects, ~1 GiB unpacked) and
``/roller/totalbestand`` every entity's roles (``{organisasjonsnummer, rollegrupper}``). Neither
fits comfortably in memory: items are decoded as the gzip stream is read, and those not wanted
are dropped before they are parsed into models.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any, Protocol

from contractdesk.registry.errors import Cancelled, Malformed
from contractdesk.registry.models import RegistryEntity, RegistryRole
from contractdesk.registry.parse import parse_entity, parse_roles

_CHUNK = 1024 * 1024


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


_DECODER = json.JSONDecoder()


def iter_json_array(
    stream: Readable, *, cancelled: Callable[[], bool] | None = None
) -> Iterator[Any]:
    """The items of a JSON array read from a UTF-8 byte stream, without loading it whole."""
    buffer = ""
    started = False
    eof = False
    pos = 0
    while True:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if not eof and len(buffer) - pos < _CHUNK:
            data = stream.read(_CHUNK)
            eof = not data
            buffer = buffer[pos:] + data.decode("utf-8-sig" if not started else "utf-8")
            pos = 0
        pos = _skip(buffer, pos)
        if not started:
            if pos >= len(buffer):
                if eof:
                    raise Malformed(detail="bulk file: empty")
                continue
            if buffer[pos] != "[":
                raise Malformed(detail="bulk file: not a JSON array")
            started, pos = True, pos + 1
            continue
        pos = _skip(buffer, pos)
        if pos < len(buffer) and buffer[pos] == ",":
            pos = _skip(buffer, pos + 1)
        if pos < len(buffer) and buffer[pos] == "]":
            return
        if pos >= len(buffer):
            if eof:
                raise Malformed(detail="bulk file: truncated")
            continue
        try:
            item, end = _DECODER.raw_decode(buffer, pos)
        except json.JSONDecodeError:
            if eof:
                raise Malformed(detail="bulk file: invalid JSON") from None
            data = stream.read(_CHUNK)  # the item runs past the buffer: read more
            eof = not data
            buffer = buffer[pos:] + data.decode("utf-8")
            pos = 0
            continue
        pos = end
        yield item


def _skip(buffer: str, pos: int) -> int:
    while pos < len(buffer) and buffer[pos] in " \t\r\n":
        pos += 1
    return pos


def iter_bulk_entities(
    path: Path,
    wanted: Collection[str] | None = None,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[RegistryEntity]:
    """Main entities of a ``/enheter/lastned`` file (gzip), only those in ``wanted`` if given."""
    with gzip.open(path, "rb") as stream:
        for item in iter_json_array(stream, cancelled=cancelled):
            if wanted is not None and _org(item) not in wanted:
                continue
            yield parse_entity(item, endpoint="enheter")


def iter_bulk_roles(
    path: Path,
    wanted: Collection[str] | None = None,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[tuple[str, tuple[RegistryRole, ...]]]:
    """(org number, roles) of a ``/roller/totalbestand`` file (gzip), only ``wanted`` if given."""
    with gzip.open(path, "rb") as stream:
        for item in iter_json_array(stream, cancelled=cancelled):
            number = _org(item)
            if wanted is not None and number not in wanted:
                continue
            yield number, parse_roles(item)


def _org(item: Any) -> str:
    if isinstance(item, dict):
        value = item.get("organisasjonsnummer")
        return value if isinstance(value, str) else ""
    return ""

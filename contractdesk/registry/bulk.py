"""Reading the registry's bulk files (gzip JSON arrays) one item at a time; no network here.

``/enheter/lastned`` holds every main entity (``Enhet`` objects, ~1 GiB unpacked) and
``/roller/totalbestand`` every entity's roles (``{organisasjonsnummer, rollegrupper}``). Neither
fits comfortably in memory: items are decoded as the gzip stream is read, and those not wanted
are dropped before they are parsed into models.
"""

from __future__ import annotations

import codecs
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
    reader = _Reader(stream)
    pos = reader.skip(0)
    if pos >= len(reader.text):
        raise Malformed(detail="bulk file: empty")
    if reader.text[pos] != "[":
        raise Malformed(detail="bulk file: not a JSON array")
    pos += 1
    while True:
        if cancelled is not None and cancelled():
            raise Cancelled()
        pos = reader.skip(pos)
        if pos < len(reader.text) and reader.text[pos] == ",":
            pos = reader.skip(pos + 1)
        if pos >= len(reader.text):
            raise Malformed(detail="bulk file: truncated")
        if reader.text[pos] == "]":
            return
        while True:
            try:
                item, end = _DECODER.raw_decode(reader.text, pos)
                break
            except json.JSONDecodeError:
                pos = reader.more(pos)  # the item runs past what was read
        yield item
        pos = end


class _Reader:
    """Decoded text read on demand; consumed text is dropped as reading goes on."""

    def __init__(self, stream: Readable) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.eof = False

    def more(self, pos: int) -> int:
        """Read another chunk, keeping the text from ``pos``; returns where ``pos`` is now."""
        if self.eof:
            raise Malformed(detail="bulk file: invalid or truncated JSON")
        data = self.stream.read(_CHUNK)
        self.eof = not data
        self.text = self.text[pos:] + self.decoder.decode(data, final=self.eof)
        return 0

    def skip(self, pos: int) -> int:
        """The first position from ``pos`` that is not white space (reading more as needed)."""
        while True:
            pos = _skip(self.text, pos)
            if pos < len(self.text) or self.eof:
                return pos
            pos = self.more(pos)


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

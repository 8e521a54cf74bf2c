"""Process-level speed helpers shared by every layer (no I/O, no state kept)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small acyclic objects are built.

    Building a large plan or loading many rows allocates hundreds of thousands of small objects,
    none in a reference cycle; the collector's repeated full passes over them cost a third of the
    run time and free nothing. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

"""The invoice plan as a CSV file for the accounting system, written atomically.

The text comes from :mod:`contractdesk.domain.invoicing.csv_export` (columns, number format,
formula-injection defusing); this adapter only puts it into a file through
:func:`contractdesk.output.atomic.write_atomic`: complete, or the old file left untouched.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import BinaryIO

from contractdesk.domain.invoicing.csv_export import plan_csv_chunks
from contractdesk.domain.invoicing.plan import PlannedInvoice
from contractdesk.output.atomic import write_atomic


def write_plan_csv(
    path: str | os.PathLike[str],
    invoices: Iterable[PlannedInvoice],
    *,
    decimal_separator: str = ".",
    bom: bool = False,
) -> int:
    """Write the plan as CSV to ``path`` atomically; return the number of line rows written.

    Args:
        path: the target file; its folder must exist.
        invoices: e.g. the result of ``plan_invoices``.
        decimal_separator: ``"."`` (default, machine form) or ``","``.
        bom: start with a UTF-8 byte-order mark (helps Excel recognise UTF-8).

    Raises:
        ValueError: an unknown decimal separator (nothing is written).
        SaveError: the file could not be written (disk full, no permission, no folder…);
            the target is untouched and no temp file is left.
    """
    count = [0]
    chunks = plan_csv_chunks(invoices, count, decimal_separator=decimal_separator, bom=bom)

    def write(fh: BinaryIO) -> None:
        for text in chunks:
            fh.write(text.encode("utf-8"))

    write_atomic(path, write)
    return count[0]

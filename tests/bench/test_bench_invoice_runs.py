"""Benchmark: invoice runs for 10,000 customers x 3 services, frozen and exported to EHF + CSV.

Records figures only (``uv run pytest tests/bench/test_bench_invoice_runs.py -m bench -s``); target
under 20 s on 2 cores for a run frozen and exported to EHF and CSV. Two runs are measured:
the first run (every planned document since the services started, up to 2026-12-31) and the
following month's run (January 2027), each frozen, then written as EHF files and the CSV.
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest
from test_bench_billing_service import CUSTOMERS, _fill  # tests/bench is on sys.path

pytestmark = pytest.mark.bench


def _timed_run(services, date_to: date, out: Path) -> str:  # type: ignore[no-untyped-def]
    runs = services.invoice_runs
    began, cpu = time.perf_counter(), time.process_time()
    result = runs.run(date_to, actor="bench")
    frozen = time.perf_counter() - began
    began = time.perf_counter()
    ehf = runs.export(result.run_id, "ehf", out / f"ehf-{result.run_id}")
    ehf_s = time.perf_counter() - began
    began = time.perf_counter()
    runs.export(result.run_id, "csv", out / f"run-{result.run_id}.csv")
    csv_s = time.perf_counter() - began
    total = frozen + ehf_s + csv_s
    cpu_s = time.process_time() - cpu
    return (
        f"run to {date_to}: {result.invoices} invoices + {result.credit_notes} credit notes; "
        f"freeze {frozen:.2f} s, EHF {ehf_s:.2f} s ({ehf.files} files), CSV {csv_s:.2f} s; "
        f"total {total:.2f} s (CPU {cpu_s:.2f} s)"
    )


def test_bench_invoice_run_10000_customers(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill(services)
    services.invoice_runs.set_account_number("8601.11.17947", actor="bench")
    load_before = os.getloadavg()[0]
    first = _timed_run(services, date(2026, 12, 31), tmp_path)
    second = _timed_run(services, date(2027, 1, 31), tmp_path)
    load_after = os.getloadavg()[0]
    print(
        f"\ninvoice runs, {CUSTOMERS} customers x 3 services:\n  first {first}\n  next  {second}\n"
        f"  load average {load_before:.2f} -> {load_after:.2f} on {os.cpu_count()} CPUs"
    )
    assert len(services.invoice_runs.runs()) == 2

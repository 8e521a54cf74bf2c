"""Benchmark: a 12-month invoice plan for 10,000 customers with 3 services each (target < 2 s)."""

from __future__ import annotations

import os
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from bench_data import org_numbers

from contractdesk.domain.invoicing import (
    BillingCustomer,
    DeliveryMethod,
    InvoiceKind,
    InvoicePeriod,
    Licence,
    OneOffCost,
    Termination,
    UsageRecord,
    UsageService,
    plan_invoices,
)

pytestmark = pytest.mark.bench

CUSTOMERS = 10_000
TARGET_SECONDS = 2.0


def _customers() -> list[BillingCustomer]:
    periods = list(InvoicePeriod)
    methods = list(DeliveryMethod)
    customers = []
    for i, org in enumerate(org_numbers(CUSTOMERS)):
        start = date(2025, 1, 1) + timedelta(days=(i * 37) % 900)
        termination = (
            Termination(date(2027, 5, 1) + timedelta(days=i % 120)) if i % 10 == 0 else None
        )
        licence = Licence(
            3 * i,
            "Licence",
            Decimal(1200 + (i % 50) * 100),
            start,
            trial_days=(i % 4) * 15,
            period=periods[i % len(periods)],
            termination=termination,
        )
        usage = UsageService(
            3 * i + 1,
            "SMS",
            Decimal("0.395"),
            tuple(UsageRecord(date(2026, m, 1), Decimal(100 + i % 400)) for m in range(1, 13))
            + tuple(UsageRecord(date(2027, m, 1), Decimal(100 + i % 400)) for m in range(1, 13)),
        )
        one_off = OneOffCost(
            3 * i + 2, "Setup", Decimal("2500.00"), date(2027, 1, 1) + timedelta(days=i % 365)
        )
        customers.append(BillingCustomer(org, methods[i % len(methods)], (licence, usage, one_off)))
    return customers


def test_bench_twelve_month_plan_for_10000_customers() -> None:
    customers = _customers()
    load_before = os.getloadavg()[0]
    runs = []
    cpu = []
    for _ in range(3):
        began, cpu_began = time.perf_counter(), time.process_time()
        plan = plan_invoices(customers, date(2027, 1, 1), date(2027, 12, 31))
        runs.append(time.perf_counter() - began)
        cpu.append(time.process_time() - cpu_began)
    best = min(runs)
    lines = sum(len(inv.lines) for inv in plan)
    credits = sum(1 for inv in plan if inv.kind is InvoiceKind.CREDIT)
    print(
        f"\nplan 2027 for {CUSTOMERS} customers x 3 services: {len(plan)} documents "
        f"({credits} credit notes), {lines} lines; runs "
        f"{', '.join(f'{r:.3f}' for r in runs)} s, best {best:.3f} s, CPU best {min(cpu):.3f} s "
        f"(target < {TARGET_SECONDS} s); load average {load_before:.2f} -> "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    assert len(plan) > CUSTOMERS

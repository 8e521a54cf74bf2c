"""Issuing benchmark: one agreement with its snapshot, fingerprint and QR codes, warm.

Run: ``uv run pytest tests/bench/test_bench_issue.py -m bench -s``. Target (issue 13): issuing
with fingerprint and QR keeps one agreement under 30 ms in a warm process. Figures are printed,
never asserted against a time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import statistics
import time
from datetime import date

import pytest

from contractdesk.domain.fingerprint import fingerprint
from contractdesk.output.pdf import render_agreement
from contractdesk.output.pdf.sample import sample_input
from contractdesk.services.documents.issuing import content_of

pytestmark = pytest.mark.bench


def _issue(i: int) -> bytes:
    """What issuing does besides the store: snapshot, fingerprint, reproducible render, PDF hash."""
    inp = sample_input(org_number=f"9{i:08d}", name=f"Kunde {i} AS", document_id=f"CD-2027-{i:06d}")
    snapshot = {
        **content_of(inp, None),
        "document_id": inp.document_id,
        "version": 1,
        "issued_on": date(2027, 3, 1),
    }
    issued = dataclasses.replace(
        inp, issue_date=date(2027, 3, 1), fingerprint=fingerprint(snapshot), document_version=1
    )
    pdf = render_agreement(issued, reproducible=True)
    hashlib.sha256(pdf).hexdigest()
    return pdf


def test_issue_one_agreement_warm() -> None:
    for i in range(3):
        _issue(i)
    wall, cpu = [], []
    for i in range(3, 63):
        t, c = time.perf_counter(), time.process_time()
        _issue(i)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    plain = []
    for i in range(63, 123):
        inp = sample_input(org_number=f"9{i:08d}", name=f"Kunde {i} AS", document_id=f"AVT-{i}")
        c = time.process_time()
        render_agreement(inp)
        plain.append((time.process_time() - c) * 1000)
    print(
        "\n[bench] issue one agreement (snapshot + fingerprint + QR + reproducible render + hash), "
        f"warm: wall median {statistics.median(wall):.1f} ms (min {min(wall):.1f}), "
        f"CPU median {statistics.median(cpu):.1f} ms; the same render without fingerprint/QR: "
        f"CPU median {statistics.median(plain):.1f} ms; load {os.getloadavg()[0]:.1f}"
    )


def test_issue_from_the_store_warm(services) -> None:  # type: ignore[no-untyped-def]
    """The whole use case: prepare from the store, freeze in the store, render, keep the hash."""
    from documents_testkit import ORG_A, seed

    seed(services)
    day = date(2026, 3, 2)
    for _ in range(3):
        services.documents.agreement_pdf(ORG_A, today=day)
    wall, cpu = [], []
    for _ in range(20):
        t, c = time.perf_counter(), time.process_time()
        services.documents.agreement_pdf(ORG_A, today=day)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    print(
        f"\n[bench] issue from the store (same content again), warm: median "
        f"{statistics.median(wall):.1f} ms, min {min(wall):.1f} ms (CPU median "
        f"{statistics.median(cpu):.1f} ms); load {os.getloadavg()[0]:.1f}"
    )

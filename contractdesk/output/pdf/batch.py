"""Render many agreements into a folder, on all cores, with progress and cancel.

``render_batch`` spreads the inputs over worker processes (ReportLab holds the GIL, so
threads would not help). Each worker keeps its own per-version cache of the terms story, so
after its first agreement it renders every further one in a single pass, and writes the
file itself (atomically) so no PDF bytes travel back. Progress and cancel are handled in
the calling thread: call it from a background thread of the GUI and forward progress
through a signal. Files are renamed into place atomically; the batch flushes them to disk
once at the end (``os.sync``) rather than once per file.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from ..atomic import save_atomic
from ..text import safe_filename_part
from .agreement import render_agreement
from .model import AgreementInput, as_inputs

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class BatchFailure:
    """One agreement that could not be made, and why."""

    index: int
    org_number: str
    document_id: str
    message: str


@dataclass(frozen=True)
class BatchResult:
    """What a batch did: files written, failures, whether it was cancelled, and how long it took.

    ``seconds`` is the wall-clock time; ``cpu_seconds`` the CPU time the renderers used
    (summed over the worker processes).
    """

    total: int
    written: tuple[Path, ...]
    failed: tuple[BatchFailure, ...]
    cancelled: bool
    seconds: float
    cpu_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Every input was written."""
        return not self.failed and not self.cancelled and len(self.written) == self.total


def batch_filename(inp: AgreementInput) -> str:
    """``ORGNR-<label>.pdf``, e.g. ``912345674-17.04.2021.pdf`` (only safe file-name characters)."""
    org = "".join(ch for ch in inp.customer.org_number if ch.isdigit()) or safe_filename_part(
        inp.customer.org_number
    )
    return f"{safe_filename_part(org, 40)}-{safe_filename_part(inp.terms_label, 60)}.pdf"


def _unique_names(items: list[AgreementInput]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for inp in items:
        name = batch_filename(inp)
        count = seen.get(name, 0) + 1
        seen[name] = count
        if count > 1:
            stem = name[: -len(".pdf")]
            name = f"{stem}-{count}.pdf"
        names.append(name)
    return names


Task = tuple[int, AgreementInput, str]
Outcome = tuple[int, str | None, str | None]  # index, written path, error message


def _render_chunk(tasks: list[Task]) -> tuple[list[Outcome], float]:
    """Render and save a chunk; return the outcomes and the CPU seconds it took."""
    started = time.process_time()
    out: list[Outcome] = []
    for index, inp, path in tasks:
        try:
            pdf = render_agreement(inp, reproducible=inp.issue_date is not None)
            save_atomic(path, pdf, durable=False)
        except Exception as exc:
            out.append((index, None, f"{type(exc).__name__}: {exc}"))
        else:
            out.append((index, path, None))
    return out, time.process_time() - started


def _init_worker() -> None:
    from .styles import get_styles

    get_styles()  # registers the fonts once per worker


def _context() -> multiprocessing.context.BaseContext:
    # Never fork the caller (a Qt app has threads); forkserver forks from a clean server.
    if getattr(sys, "frozen", False) or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("forkserver")


def render_batch(  # noqa: C901  listed in the shrink-only budget of tests/test_code_health.py
    inputs: Iterable[AgreementInput],
    out_dir: str | os.PathLike[str],
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    workers: int | None = None,
    *,
    chunk_size: int | None = None,
) -> BatchResult:
    """Render every input to ``out_dir/ORGNR-<label>.pdf`` (atomic writes); return what happened.

    Args:
        inputs: the agreements to make.
        out_dir: target folder (created if missing). Existing files of the same name are
            replaced atomically; a second input with the same name gets ``-2``, ``-3`` ….
        progress: called as ``progress(done, total)`` in the calling thread after each
            finished chunk (and once with ``(0, total)`` at the start).
        cancel: polled between chunks; when it returns true, pending work is dropped,
            running chunks finish, and the result says ``cancelled``. Files already written
            stay (each is a complete agreement).
        workers: processes to use; default ``os.cpu_count()``. ``1`` renders in this
            process (no pool).
        chunk_size: agreements per task; default a size giving smooth progress.
    """
    started = time.perf_counter()
    items = as_inputs(inputs)
    total = len(items)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    names = _unique_names(items)
    tasks: list[Task] = [(i, inp, str(folder / names[i])) for i, inp in enumerate(items)]
    n_workers = max(1, workers or os.cpu_count() or 1)
    size = chunk_size or max(1, min(16, total // (n_workers * 8) or 1))
    chunks = [tasks[i : i + size] for i in range(0, total, size)]
    outcomes: list[Outcome] = []
    cpu = [0.0]
    cancelled = False
    if progress:
        progress(0, total)

    def collect(results: list[Outcome], seconds: float = 0.0) -> None:
        outcomes.extend(results)
        cpu[0] += seconds
        if progress:
            progress(len(outcomes), total)

    if n_workers == 1 or total <= 1:
        for chunk in chunks:
            if cancel and cancel():
                cancelled = True
                break
            collect(*_render_chunk(chunk))
    else:
        pool = ProcessPoolExecutor(
            max_workers=min(n_workers, len(chunks)), mp_context=_context(), initializer=_init_worker
        )
        try:
            pending: dict[Future[tuple[list[Outcome], float]], list[Task]] = {}
            queue = list(reversed(chunks))
            # Keep a few chunks per worker in flight: cancel takes effect quickly.
            in_flight = 2 * n_workers

            def harvest(futures: set[Future[tuple[list[Outcome], float]]]) -> None:
                for fut in futures:
                    chunk = pending.pop(fut)
                    if fut.cancelled():
                        continue
                    try:
                        collect(*fut.result())
                    except Exception as exc:
                        collect([(i, None, f"{type(exc).__name__}: {exc}") for i, _, _ in chunk])

            while queue or pending:
                if cancel and cancel():
                    cancelled = True
                    break
                while queue and len(pending) < in_flight:
                    chunk = queue.pop()
                    pending[pool.submit(_render_chunk, chunk)] = chunk
                done, _ = wait(set(pending), timeout=0.1, return_when=FIRST_COMPLETED)
                harvest(done)
            if cancelled:
                for fut in pending:
                    fut.cancel()
                harvest(wait(set(pending)).done)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    if hasattr(os, "sync") and any(path for _, path, _ in outcomes):
        os.sync()  # one flush for the whole batch instead of one per file
    outcomes.sort(key=lambda o: o[0])
    written = tuple(Path(path) for _, path, _ in outcomes if path)
    failed = tuple(
        BatchFailure(i, items[i].customer.org_number, items[i].document_id, err or "")
        for i, path, err in outcomes
        if path is None
    )
    return BatchResult(total, written, failed, cancelled, time.perf_counter() - started, cpu[0])

"""Background work for the GUI: one small typed helper over QThreadPool.

``run_task(fn, on_success=..., on_failure=..., on_progress=...)`` runs ``fn(progress, cancel)`` on a
pool thread; callbacks are delivered on the GUI thread. ``fn`` receives a ``progress(done, total,
text)`` callable and a ``cancel`` event it should check. Pass ``pool=None`` in tests via
``SyncPool`` to run synchronously. Only ids and frozen dataclasses should cross threads.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[int, int, str], None]


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)
    finished = Signal()


class Task(QRunnable, Generic[T]):
    """A unit of background work with success/failure/progress signals and cooperative cancel."""

    def __init__(self, fn: Callable[[Progress, threading.Event], T]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.cancel_event = threading.Event()
        self.signals = _Signals()

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    @Slot()
    def run(self) -> None:
        def progress(done: int, total: int, text: str = "") -> None:
            self.signals.progressed.emit(done, total, text)

        try:
            result = self.fn(progress, self.cancel_event)
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            if not _is_user_error(exc):
                log.error("background task failed:\n%s", "".join(traceback.format_exception(exc)))
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


def _is_user_error(exc: BaseException) -> bool:
    return type(exc).__module__.startswith(
        ("contractdesk.services", "contractdesk.store", "contractdesk.registry")
    )


class SyncPool:
    """A stand-in for QThreadPool that runs tasks at once on the calling thread (tests)."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()

    def waitForDone(self, msecs: int = -1) -> bool:
        return True


_live_tasks: set[Task[Any]] = set()


def run_task(
    fn: Callable[[Progress, threading.Event], T],
    *,
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    pool: QThreadPool | SyncPool | None = None,
) -> Task[T]:
    """Start ``fn`` in the background and return the task (call ``task.cancel()`` to stop it)."""
    task: Task[T] = Task(fn)
    if on_success is not None:
        task.signals.succeeded.connect(on_success)
    if on_failure is not None:
        task.signals.failed.connect(on_failure)
    if on_progress is not None:
        task.signals.progressed.connect(on_progress)
    if on_finished is not None:
        task.signals.finished.connect(on_finished)
    _live_tasks.add(task)
    task.signals.finished.connect(lambda: _live_tasks.discard(task))
    (pool or QThreadPool.globalInstance()).start(task)
    return task

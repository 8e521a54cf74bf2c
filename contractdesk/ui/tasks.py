"""Background work for the GUI: the one helper, modelled on Anki's ``CollectionOp``/``QueryOp``.

Every service call that may take longer than a frame runs through it::

    op(self, lambda: services.customers.refresh(org)) \
        .success(self._refreshed) \
        .with_progress(self.tr("Asking the registry…")) \
        .run_in_background()

``fn`` runs on a pool thread; ``success``/``failure``/``finished`` are delivered on the GUI thread.
Without ``.failure(...)`` a failure goes to the one ``present_error`` (a message box for problems
the user can act on, "something went wrong" plus the log for bugs). ``task_op`` gives ``fn`` a
:class:`TaskContext` to report progress and check for cancel. Tests inject a :class:`SyncPool`
(per call, or for the whole test with :func:`set_default_pool`) to run synchronously.

The older ``run_task(fn, on_success=…)`` stays as a thin wrapper. Only ids and frozen dataclasses
should cross threads.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from contractdesk.errors import UserFacingError

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[int, int, str], None]


class TaskCancelled(Exception):
    """Raised inside a task by :meth:`TaskContext.check_cancelled` once cancel was asked for."""


class Pool(Protocol):
    """What a task needs of a pool: ``QThreadPool`` or the synchronous :class:`SyncPool`."""

    def start(self, runnable: QRunnable) -> None: ...


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)
    finished = Signal()


class TaskContext:
    """Handed to a ``task_op`` function: progress reports and the cancel flag."""

    def __init__(self, signals: _Signals, cancel_event: threading.Event) -> None:
        self._signals = signals
        self.cancel_event = cancel_event

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report ``done`` of ``total`` (delivered to the GUI thread)."""
        self._signals.progressed.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check_cancelled(self) -> None:
        """Raise :class:`TaskCancelled` when the user asked to cancel."""
        if self.cancel_event.is_set():
            raise TaskCancelled


class Task(QRunnable, Generic[T]):
    """A unit of background work with success/failure/progress signals and cooperative cancel."""

    def __init__(self, fn: Callable[[Progress, threading.Event], T]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.cancel_event = threading.Event()
        self.signals = _Signals()
        self.done = False

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
            if not isinstance(exc, (UserFacingError, TaskCancelled)):
                log.error("background task failed:\n%s", "".join(traceback.format_exception(exc)))
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.succeeded, result)
        finally:
            self.done = True
            self._emit(self.signals.finished)

    @staticmethod
    def _emit(signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the application is shutting down: nobody is left to tell
            log.info("a background task finished after the application closed")


class SyncPool:
    """A stand-in for QThreadPool that runs tasks at once on the calling thread (tests)."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()

    def waitForDone(self, msecs: int = -1) -> bool:
        return True


_default_pool: Pool | None = None
_live_tasks: set[Task[Any]] = set()


def set_default_pool(pool: Pool | None) -> None:
    """Use ``pool`` for every task started without one (``None``: Qt's global thread pool)."""
    global _default_pool
    _default_pool = pool


def default_pool() -> Pool:
    return _default_pool if _default_pool is not None else QThreadPool.globalInstance()


def _alive(widget: QObject | None) -> bool:
    if widget is None:
        return True
    import shiboken6

    return bool(shiboken6.isValid(widget))


class Op(Generic[T]):
    """A background operation: build with :func:`op`/:func:`task_op`, then ``run_in_background``."""

    def __init__(self, parent: QObject | None, fn: Callable[[TaskContext], T]) -> None:
        self._parent = parent
        self._fn = fn
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._finished: Callable[[], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self._progress: Callable[[int, int, str], None] | None = None
        self._label: str | None = None
        self._cancellable = False
        self._delay_ms = 400
        self._pool: Pool | None = None
        self._every_failure = False  # run_task: cancels go to the failure callback as before

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        """Called on the GUI thread with ``fn``'s result."""
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op[T]:
        """Called on the GUI thread with the exception (default: ``present_error``)."""
        self._failure = callback
        return self

    def finished(self, callback: Callable[[], None]) -> Op[T]:
        """Called on the GUI thread after success, failure or cancel."""
        self._finished = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Op[T]:
        """Called on the GUI thread when the task stopped because cancel was asked for."""
        self._cancelled = callback
        return self

    def on_progress(self, callback: Callable[[int, int, str], None]) -> Op[T]:
        """Called on the GUI thread for each progress report."""
        self._progress = callback
        return self

    def with_progress(
        self, label: str | None = None, *, cancellable: bool = False, delay_ms: int = 400
    ) -> Op[T]:
        """Show a progress dialog over the parent when the work takes longer than ``delay_ms``."""
        self._label = label if label is not None else ""
        self._cancellable = cancellable
        self._delay_ms = delay_ms
        return self

    def with_pool(self, pool: Pool | None) -> Op[T]:
        """Run on ``pool`` (``None``: the default pool)."""
        self._pool = pool
        return self

    def run_in_background(self) -> Task[T]:
        """Start the work; returns the task (``task.cancel()`` asks it to stop)."""
        fn = self._fn
        task: Task[T] = Task(lambda _progress, _cancel: fn(context))
        context = TaskContext(task.signals, task.cancel_event)
        dialog = self._progress_dialog(task) if self._label is not None else None
        parent = self._parent

        def succeeded(result: object) -> None:
            if self._success is not None and _alive(parent):
                self._success(result)  # type: ignore[arg-type]  # the signal carries object

        def failed(exc: object) -> None:
            assert isinstance(exc, BaseException)
            cancel = isinstance(exc, TaskCancelled) or (task.cancelled and _is_cancel(exc))
            if cancel and not (self._every_failure and self._failure is not None):
                if self._cancelled is not None and _alive(parent):
                    self._cancelled()
                return
            if not _alive(parent):
                return
            if self._failure is not None:
                self._failure(exc)
            else:
                from contractdesk.ui.errors import present_error

                present_error(parent if isinstance(parent, QWidget) else None, exc)

        def finished() -> None:
            _live_tasks.discard(task)
            if dialog is not None and _alive(dialog.widget):
                dialog.widget.close()
                dialog.widget.deleteLater()
            if self._finished is not None and _alive(parent):
                self._finished()

        task.signals.succeeded.connect(succeeded)
        task.signals.failed.connect(failed)
        task.signals.finished.connect(finished)
        if self._progress is not None:
            task.signals.progressed.connect(self._progress)
        _live_tasks.add(task)
        (self._pool or default_pool()).start(task)
        return task

    def _progress_dialog(self, task: Task[T]) -> _ProgressDialog:
        parent = self._parent if isinstance(self._parent, QWidget) else None
        return _ProgressDialog(parent, self._label or "", task, self._cancellable, self._delay_ms)


def _is_cancel(exc: BaseException) -> bool:
    from contractdesk.registry.errors import Cancelled

    return isinstance(exc, Cancelled)


class _ProgressDialog:
    """A progress dialog shown after a delay, updated by the task's progress, with Cancel."""

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        task: Task[Any],
        cancellable: bool,
        delay_ms: int,
    ) -> None:
        self.widget = QProgressDialog(parent)
        self.widget.setObjectName("taskProgress")
        self.widget.setWindowModality(Qt.WindowModality.WindowModal)
        self.widget.setLabelText(label)
        self.widget.setRange(0, 0)
        self.widget.setAutoClose(False)
        self.widget.setAutoReset(False)
        self.widget.setMinimumDuration(delay_ms)  # Qt shows it once the work takes this long
        if cancellable:
            self.widget.canceled.connect(task.cancel)
        else:
            self.widget.setCancelButton(None)  # type: ignore[arg-type]  # None hides the button
        self.label = label
        task.signals.progressed.connect(self._progressed)

    def _progressed(self, done: int, total: int, text: str) -> None:
        if not _alive(self.widget):
            return
        if total > 0:
            self.widget.setRange(0, total)
            self.widget.setValue(min(done, total))
        if text:
            self.widget.setLabelText(f"{self.label}\n{text}" if self.label else text)


def op(parent: QObject | None, fn: Callable[[], T]) -> Op[T]:
    """A background operation running ``fn()`` (no progress, no cancel inside ``fn``)."""
    return Op(parent, lambda _context: fn())


def task_op(parent: QObject | None, fn: Callable[[TaskContext], T]) -> Op[T]:
    """A background operation whose ``fn`` reports progress and checks for cancel."""
    return Op(parent, fn)


def run_task(
    fn: Callable[[Progress, threading.Event], T],
    *,
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    pool: Pool | None = None,
) -> Task[T]:
    """The older API: start ``fn(progress, cancel)`` in the background and return the task.

    A thin wrapper over :class:`Op`: without ``on_failure`` the failure goes to ``present_error``.
    """
    built: Op[T] = Op(None, lambda ctx: fn(ctx.progress, ctx.cancel_event))
    built._every_failure = True
    if on_success is not None:
        built.success(on_success)
    if on_failure is not None:
        built.failure(on_failure)
    if on_progress is not None:
        built.on_progress(on_progress)
    if on_finished is not None:
        built.finished(on_finished)
    return built.with_pool(pool).run_in_background()

"""The services' change notification as one Qt signal on the GUI thread.

``changes_of(services).changed`` carries a :class:`~contractdesk.services.changes.Change`. Changes
published on worker threads arrive on the GUI thread, and those of one event-loop turn are merged
into one, so a use case that touches several records repaints each view once; a change made on
the GUI thread itself is delivered at once.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal

if TYPE_CHECKING:
    from contractdesk.services.changes import Change
    from contractdesk.services.context import Services


class ChangeBridge(QObject):
    """Signals:
    changed(Change): something changed in the store (merged per event-loop turn).
    """

    changed = Signal(object)
    _arrived = Signal(object)  # from any thread; queued to this object's (the GUI) thread

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._pending: Change | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._queue)
        self._unsubscribe = services.changes.subscribe(self._publish)

    def _publish(self, change: Change) -> None:
        if QThread.currentThread() is self.thread():  # a change made on the GUI thread: at once
            self.changed.emit(change)
        else:  # from a worker: queued to the GUI thread, merged per event-loop turn
            self._arrived.emit(change)

    def _queue(self, change: Change) -> None:
        self._pending = change if self._pending is None else self._pending.merged(change)
        self._timer.start()

    def _flush(self) -> None:
        change, self._pending = self._pending, None
        if change is not None:
            self.changed.emit(change)

    def close(self) -> None:
        self._unsubscribe()


_bridges: weakref.WeakKeyDictionary[Services, ChangeBridge] = weakref.WeakKeyDictionary()


def changes_of(services: Services) -> ChangeBridge:
    """The one bridge of ``services`` (made on first use, on the GUI thread)."""
    bridge = _bridges.get(services)
    if bridge is None:
        bridge = ChangeBridge(services)
        _bridges[services] = bridge
    return bridge

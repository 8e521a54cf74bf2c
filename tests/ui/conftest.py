"""GUI test settings: QSettings in a temp folder, one session-wide QApplication (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    qapp.setOrganizationName("ContractDeskTests")
    qapp.setApplicationName("ContractDeskTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    QSettings().clear()


@pytest.fixture(autouse=True, scope="session")
def _english_as_at_start_up(qapp) -> None:  # type: ignore[no-untyped-def]
    """The language installed at start-up: English, with plural forms ("1 page", "17 pages")."""
    from contractdesk.ui.i18n import install_language

    install_language(qapp, "en")


class EventLoopWatchdog:
    """Fails a GUI journey in which the GUI thread was blocked longer than ``limit_ms``.

    A precise 10 ms ``QTimer`` on the GUI thread notes the time between its ticks; a gap is time
    in which the event loop did not run (app code blocking the thread, e.g. in a click handler).
    Test code that is not the app's (filling a store through the services) runs inside
    ``with watchdog.paused():``.
    """

    def __init__(self, limit_ms: float = 200.0) -> None:
        import time

        from PySide6.QtCore import Qt, QTimer

        self.limit_ms = limit_ms
        self.gaps: list[tuple[float, str]] = []
        self.label = ""
        self._clock = time.perf_counter
        self._last = self._clock()
        self._paused = 0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = self._clock()
        if not self._paused:
            gap = (now - self._last) * 1000
            if gap > self.limit_ms / 4:
                self.gaps.append((gap, self.label))
        self._last = now

    def step(self, label: str) -> None:
        """Name what the journey does next (shown with any long gap)."""
        self.label = label

    def paused(self):  # type: ignore[no-untyped-def]
        import contextlib

        @contextlib.contextmanager
        def pause():  # type: ignore[no-untyped-def]
            self._paused += 1
            try:
                yield
            finally:
                self._paused -= 1
                self._last = self._clock()

        return pause()

    @property
    def longest_ms(self) -> float:
        return max((g for g, _ in self.gaps), default=0.0)

    def blocked(self) -> list[tuple[float, str]]:
        return sorted((g for g in self.gaps if g[0] > self.limit_ms), reverse=True)

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def event_loop_watchdog(qtbot):  # type: ignore[no-untyped-def]
    """An :class:`EventLoopWatchdog` for a GUI journey: the test fails if the GUI thread blocked
    longer than 200 ms at any point of it."""
    import gc

    gc.freeze()  # as the app does once its store is open (ui/app.py: settle_heap)
    watchdog = EventLoopWatchdog()
    yield watchdog
    qtbot.wait(30)  # one more tick: a block at the very end counts too
    watchdog.stop()
    gc.unfreeze()
    blocked = watchdog.blocked()
    assert not blocked, "the GUI thread was blocked: " + ", ".join(
        f"{gap:.0f} ms during {label or 'the journey'}" for gap, label in blocked[:5]
    )


@pytest.fixture
def sync_tasks():  # type: ignore[no-untyped-def]
    """Background tasks run at once on the calling thread (``SyncPool``) for this test."""
    from contractdesk.ui.tasks import SyncPool, set_default_pool

    set_default_pool(SyncPool())
    yield
    set_default_pool(None)

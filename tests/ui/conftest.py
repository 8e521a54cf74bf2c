"""GUI test settings: QSettings in a temp folder, one session-wide QApplication (pytest-qt)."""

from __future__ import annotations

import os
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
    A gap counts as blocked when the GUI thread itself was busy for longer than the limit (its
    CPU time in the gap): on a shared 2-core machine under load the wall clock alone also counts
    time in which the process simply was not scheduled. ``CONTRACTDESK_WATCHDOG_WALL=1`` judges
    by the wall clock instead (a quiet machine), which also catches waits on locks and the GIL.
    Each long gap is named with the step and where the GUI thread was (a sampling thread).
    Test code that is not the app's (filling a store through the services) runs inside
    ``with watchdog.paused():``.
    """

    def __init__(self, limit_ms: float = 200.0) -> None:
        import collections
        import threading
        import time

        from PySide6.QtCore import Qt, QTimer

        self.limit_ms = limit_ms
        self.wall = os.environ.get("CONTRACTDESK_WATCHDOG_WALL") == "1"
        self.gaps: list[tuple[float, float, str]] = []  # (wall ms, GUI-thread CPU ms, label)
        self.label = ""
        self._clock = time.perf_counter
        self._cpu = time.thread_time  # called on the GUI thread: its own CPU time
        self._last = self._clock()
        self._last_cpu = self._cpu()
        self._paused = 0
        # Where the GUI thread was: sampled by a thread, named with any long gap.
        self._samples: collections.deque[tuple[float, str]] = collections.deque(maxlen=4000)
        self._gui = threading.get_ident()
        self._running = True
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _sample(self) -> None:
        import sys
        import time

        while self._running:
            frame = sys._current_frames().get(self._gui)
            where = []
            while frame is not None and len(where) < 6:
                name = frame.f_code.co_filename
                if "contractdesk" in name and "/tests/" not in name:
                    short = name.rsplit("contractdesk/", 1)[-1]
                    where.append(f"{short}:{frame.f_lineno} {frame.f_code.co_name}")
                frame = frame.f_back
            self._samples.append((self._clock(), " < ".join(where)))
            time.sleep(0.01)

    def _where(self, start: float, end: float) -> str:
        import collections

        seen = collections.Counter(w for t, w in list(self._samples) if start <= t <= end and w)
        return seen.most_common(1)[0][0] if seen else "outside ContractDesk code"

    def _tick(self) -> None:
        now, cpu = self._clock(), self._cpu()
        if not self._paused:
            gap, busy = (now - self._last) * 1000, (cpu - self._last_cpu) * 1000
            if gap > self.limit_ms / 4:
                label = self.label
                if gap > self.limit_ms:
                    label += f" [{self._where(self._last, now)}]"
                self.gaps.append((gap, busy, label))
        self._last, self._last_cpu = now, cpu

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
                self._last, self._last_cpu = self._clock(), self._cpu()

        return pause()

    @property
    def longest_ms(self) -> float:
        """The longest wall-clock gap between ticks."""
        return max((g[0] for g in self.gaps), default=0.0)

    def blocked(self) -> list[tuple[float, float, str]]:
        """The gaps over the limit, longest first (by wall clock or by GUI-thread CPU time)."""
        over = [g for g in self.gaps if (g[0] if self.wall else g[1]) > self.limit_ms]
        return sorted(over, key=lambda g: g[0 if self.wall else 1], reverse=True)

    def stop(self) -> None:
        self.timer.stop()
        self._running = False


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
        f"{wall:.0f} ms ({busy:.0f} ms busy) during {label or 'the journey'}"
        for wall, busy, label in blocked[:5]
    )


@pytest.fixture
def sync_tasks():  # type: ignore[no-untyped-def]
    """Background tasks run at once on the calling thread (``SyncPool``) for this test."""
    from contractdesk.ui.tasks import SyncPool, set_default_pool

    set_default_pool(SyncPool())
    yield
    set_default_pool(None)

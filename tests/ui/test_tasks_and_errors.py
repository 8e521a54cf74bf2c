"""The one background-task helper, the one ``present_error``, the CLI printer, the watchdog."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from contractdesk.errors import BugError, UserError
from contractdesk.registry.errors import Timeout
from contractdesk.ui.errors import present_error
from contractdesk.ui.tasks import SyncPool, TaskCancelled, op, run_task, task_op


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_work_runs_off_the_gui_thread_and_success_comes_back_on_it(
    qtbot: Any, parent: QWidget
) -> None:
    gui = QThread.currentThread()
    seen: dict[str, Any] = {}

    def work() -> int:
        seen["worker"] = QThread.currentThread() is not gui
        return 42

    def done(value: int) -> None:
        seen["value"], seen["gui"] = value, QThread.currentThread() is gui

    op(parent, work).success(done).run_in_background()
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen == {"worker": True, "value": 42, "gui": True}


def test_a_failure_goes_to_present_error_by_default(qtbot: Any, parent: QWidget) -> None:
    def fail() -> None:
        raise UserError("The organisation number is missing.")

    op(parent, fail).run_in_background()
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "errorMessage") is not None)
    box = parent.findChild(QMessageBox, "errorMessage")
    assert box.text() == "The organisation number is missing."
    assert box.icon() == QMessageBox.Icon.Warning and box.detailedText() == ""


def test_a_bug_says_something_went_wrong_and_logs_the_traceback(
    qtbot: Any, parent: QWidget, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)

    def fail() -> None:
        raise KeyError("internal")

    seen: list[BaseException] = []
    op(parent, fail).failure(seen.append).with_pool(SyncPool()).run_in_background()
    assert isinstance(seen[0], KeyError)
    box = present_error(parent, seen[0])
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text().startswith("Something went wrong.") and "KeyError" in box.detailedText()
    assert "KeyError" in caplog.text
    for exc, expected in (
        (BugError("broken"), QMessageBox.Icon.Critical),
        (Timeout(), QMessageBox.Icon.Warning),
    ):
        assert present_error(parent, exc).icon() == expected
    assert present_error(parent, Timeout()).text().startswith("The registry did not answer")


def test_cancel_stops_a_task_and_no_callback_reaches_a_closed_window(qtbot: Any) -> None:
    widget = QWidget()
    seen: list[str] = []
    started = threading.Event()

    def work(context: Any) -> None:
        started.set()
        while True:
            context.check_cancelled()
            time.sleep(0.005)

    task = (
        task_op(widget, work)
        .success(lambda _r: seen.append("success"))
        .cancelled(lambda: seen.append("cancelled"))
        .run_in_background()
    )
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: task.done)
    qtbot.waitUntil(lambda: seen == ["cancelled"])

    late = QWidget()
    op(late, lambda: time.sleep(0.05) or 1).success(
        lambda _r: seen.append("late")
    ).run_in_background()
    late.deleteLater()
    qtbot.wait(10)
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)
    assert seen == ["cancelled"]


def test_run_task_still_works_for_the_older_callers() -> None:
    seen: list[Any] = []
    run_task(
        lambda progress, cancel: (progress(1, 2, "half"), "done")[1],
        on_success=seen.append,
        on_progress=lambda d, t, s: seen.append((d, t, s)),
        pool=SyncPool(),
    )

    def cancelled(_progress: Any, cancel: threading.Event) -> None:
        cancel.set()
        raise TaskCancelled

    run_task(cancelled, on_failure=lambda exc: seen.append(type(exc).__name__), pool=SyncPool())
    assert seen == [(1, 2, "half"), "done", "TaskCancelled"]


def test_the_watchdog_catches_a_click_that_blocks_the_gui_thread(qtbot: Any) -> None:
    from conftest import EventLoopWatchdog

    button = QPushButton()
    qtbot.addWidget(button)

    def busy() -> None:  # 300 ms of CPU work on the calling thread, as a slow use case does
        end = time.thread_time() + 0.3
        while time.thread_time() < end:
            pass

    button.clicked.connect(busy)
    watchdog = EventLoopWatchdog()
    watchdog.step("the blocking click")
    qtbot.wait(30)
    button.click()
    qtbot.wait(30)
    watchdog.stop()
    blocked = watchdog.blocked()
    assert blocked and blocked[0][1] > 200 and blocked[0][2].startswith("the blocking click")
    assert "test_tasks_and_errors" not in blocked[0][2]  # tests are not named as the culprit

    button.clicked.disconnect(busy)
    button.clicked.connect(lambda: op(button, busy).run_in_background())
    watchdog = EventLoopWatchdog()
    qtbot.wait(30)
    button.click()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(30)
    watchdog.stop()
    assert watchdog.blocked() == []


def test_the_cli_prints_user_errors_in_one_line_and_reraises_bugs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from contractdesk.cli.errors import print_error

    assert print_error(UserError("No customer with organisation number 923130969.\nX")) == 1
    assert capsys.readouterr().err == (
        "contractdesk: No customer with organisation number 923130969. X\n"
    )
    assert print_error(Timeout()) == 1
    with pytest.raises(KeyError):
        print_error(KeyError("bug"))

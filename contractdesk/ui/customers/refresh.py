"""Refreshing customers from the registry on a worker: progress, cancel, the diff shown after.

``refresh_one`` and ``refresh_all`` start the work and return the task at once; the window stays
responsive, and a bad answer is a message saying nothing was changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.orgnr import format_org_number
from contractdesk.ui.customers.messages import registry_error_text
from contractdesk.ui.tasks import run_task

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.customers import FieldChange, RefreshAllResult, RefreshResult


class CustomerRefresh(QObject):
    """Counted texts of the refresh; the class name is their translation context.

    lupdate marks a message as plural only for ``self.tr(…, n)`` (``QCoreApplication.translate``
    with a count that is not a literal comes out as a plain message), hence a class for these.
    """

    def refreshed(self, done: int, total: int, changed: int) -> str:
        """ "Refreshed 3 of 4 customers; 1 changed." with the plural of the total."""
        return (
            self.tr("Refreshed %1 of %n customer(s); %2 changed.", "", total)
            .replace("%1", str(done))
            .replace("%2", str(changed))
        )


class RefreshResultDialog(QDialog):
    """What a refresh took from the registry: field, before → after; who left; failures."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        self.text.setAccessibleName(title)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(680, 420)


def value_text(value: object) -> str:
    """A changed value as plain text (addresses, role lists, rules, yes/no)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("CustomerRefresh", "Yes")
            if value
            else QCoreApplication.translate("CustomerRefresh", "No")
        )
    if isinstance(value, list):
        return "; ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        if "signer_sets" in value:
            sets = " | ".join(" + ".join(str(n) for n in s) for s in value.get("signer_sets") or [])
            return f"{value.get('text') or ''} [{sets}]".strip()
        if "lines" in value:
            parts = [
                *value.get("lines", []),
                f"{value.get('postcode', '')} {value.get('city', '')}".strip(),
                str(value.get("municipality_number") or ""),
            ]
            return ", ".join(str(p) for p in parts if p)
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def change_line(change: FieldChange) -> str:
    return f"  {change.label}: {value_text(change.old)} → {value_text(change.new)}"


def result_text(result: RefreshResult) -> str:
    head = f"{result.name} ({format_org_number(result.org_number)})"
    lines = [head]
    if result.message:
        lines.append("  " + result.message)
    if not result.changes and not result.departed_signatories:
        lines.append(
            "  "
            + QCoreApplication.translate(
                "CustomerRefresh", "No changes: the stored data matches the registry."
            )
        )
    lines += [change_line(c) for c in result.changes]
    for d in result.departed_signatories:
        lines.append(
            "  ! "
            + QCoreApplication.translate(
                "CustomerRefresh",
                "%1 no longer holds a signing role in the registry: check who signs.",
            ).replace("%1", d.name)
        )
    return "\n".join(lines)


def _progress(parent: QWidget, text: str) -> QProgressDialog:
    progress = QProgressDialog(parent)
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # registry names are shown, never interpreted
    progress.setLabel(label)
    progress.setLabelText(text)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setRange(0, 0)
    progress.setAutoReset(False)
    progress.setAutoClose(False)
    return progress


def _message(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()
    parent.setProperty("lastMessage", text)
    return box


def refresh_one(
    parent: QWidget,
    services: Services,
    org_number: str,
    *,
    pool: Any = None,
    on_done: Callable[[bool], None] | None = None,
) -> Any:
    """Refresh one customer on a worker; then show the diff (or why nothing changed)."""
    progress = _progress(
        parent,
        QCoreApplication.translate("CustomerRefresh", "Asking the registry about %1…").replace(
            "%1", format_org_number(org_number)
        ),
    )
    state: dict[str, Any] = {}

    def work(_progress: Any, cancel: Any) -> RefreshResult:
        result: RefreshResult = services.customers.refresh(org_number, cancel=cancel)
        return result

    def succeeded(result: RefreshResult) -> None:
        progress.close()
        dialog = RefreshResultDialog(
            QCoreApplication.translate("CustomerRefresh", "Refreshed from the registry"),
            result_text(result),
            parent,
        )
        state["dialog"] = dialog
        parent.setProperty("lastRefreshText", dialog.text.toPlainText())
        dialog.open()
        if on_done is not None:
            on_done(bool(result.changes or result.departed_signatories))

    def failed(exc: BaseException) -> None:
        progress.close()
        from contractdesk.registry import Cancelled

        if isinstance(exc, Cancelled):
            return
        text = (
            registry_error_text(exc, offer_manual_entry=False)
            + " "
            + QCoreApplication.translate("CustomerRefresh", "Nothing was changed.")
        )
        state["message"] = _message(
            parent, QCoreApplication.translate("CustomerRefresh", "Refresh failed"), text
        )

    task = run_task(work, on_success=succeeded, on_failure=failed, pool=pool)
    progress.canceled.connect(task.cancel)
    state["progress"] = progress
    _keep(parent, state)
    return task


def refresh_all(
    parent: QWidget,
    services: Services,
    *,
    pool: Any = None,
    on_done: Callable[[RefreshAllResult], None] | None = None,
) -> Any:
    """Refresh every customer on a worker, with a progress dialog whose Cancel stops it."""
    progress = _progress(
        parent,
        QCoreApplication.translate("CustomerRefresh", "Refreshing customers from the registry…"),
    )
    progress.setCancelButtonText(QCoreApplication.translate("CustomerRefresh", "&Cancel"))
    state: dict[str, Any] = {"progress": progress}

    def work(report: Callable[[int, int, str], None], cancel: Any) -> RefreshAllResult:
        outcome: RefreshAllResult = services.customers.refresh_all(progress=report, cancel=cancel)
        return outcome

    def progressed(done: int, total: int, text: str) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, max(total, 1)))
        if text:
            progress.setLabelText(
                QCoreApplication.translate("CustomerRefresh", "%1 of %2: %3")
                .replace("%1", str(done + 1))
                .replace("%2", str(total))
                .replace("%3", text)
            )

    def succeeded(outcome: RefreshAllResult) -> None:
        progress.close()
        lines = [
            CustomerRefresh().refreshed(len(outcome.results), outcome.total, len(outcome.changed))
        ]
        if outcome.summary_text:
            lines.append(
                QCoreApplication.translate("CustomerRefresh", "Changes: %1.").replace(
                    "%1", outcome.summary_text
                )
            )
        lines.append(_how_text(outcome))
        if outcome.cancelled:
            lines.append(
                QCoreApplication.translate(
                    "CustomerRefresh",
                    "Cancelled: the customers not reached were left as they were; the next "
                    "refresh continues where this one stopped.",
                )
            )
        for failure in outcome.failures:
            reason = failure.message
            lines.append(
                f"{failure.name} ({format_org_number(failure.org_number)}): {reason} "
                + QCoreApplication.translate("CustomerRefresh", "Nothing was changed.")
            )
        for result in outcome.changed:
            lines.append("")
            lines.append(result_text(result))
        dialog = RefreshResultDialog(
            QCoreApplication.translate("CustomerRefresh", "Refresh all"), "\n".join(lines), parent
        )
        state["dialog"] = dialog
        parent.setProperty("lastRefreshText", dialog.text.toPlainText())
        dialog.open()
        if on_done is not None:
            on_done(outcome)

    def failed(exc: BaseException) -> None:
        progress.close()
        state["message"] = _message(
            parent, QCoreApplication.translate("CustomerRefresh", "Refresh failed"), str(exc)
        )

    task = run_task(
        work, on_success=succeeded, on_failure=failed, on_progress=progressed, pool=pool
    )
    progress.canceled.connect(task.cancel)
    _keep(parent, state)
    return task


def _how_text(outcome: RefreshAllResult) -> str:
    """How the registry was asked: which way, and how many requests."""
    ways = {
        "feeds": QCoreApplication.translate(
            "CustomerRefresh", "Only customers changed in the registry since the last refresh"
        ),
        "bulk": QCoreApplication.translate("CustomerRefresh", "From the registry's bulk file"),
        "per-customer": QCoreApplication.translate("CustomerRefresh", "Each customer asked"),
    }
    return (
        QCoreApplication.translate("CustomerRefresh", "%1; %2 registry requests.")
        .replace("%1", ways.get(outcome.mode, outcome.mode))
        .replace("%2", str(outcome.requests))
    )


def _keep(parent: QWidget, state: dict[str, Any]) -> None:
    """Keep the dialogs of the latest refresh alive as long as their parent (Python owns them)."""
    kept: list[dict[str, Any]] = getattr(parent, "_refresh_states", [])
    kept = [*kept[-4:], state]
    parent._refresh_states = kept  # type: ignore[attr-defined]  # an ad-hoc attribute on the parent

"""Importing a customer list (CSV or XLSX) from the Customers page, on a worker, with a report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from contractdesk.domain.orgnr import format_org_number
from contractdesk.ui.customers.refresh import RefreshResultDialog, _keep, _message, _progress
from contractdesk.ui.files import in_documents
from contractdesk.ui.tasks import run_task

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.customers import ImportReport


def report_text(report: ImportReport) -> str:
    """The import's outcome for the user: what was imported, or every row to fix."""
    if report.cancelled:
        return QCoreApplication.translate("CustomerImport", "Cancelled: nothing was imported.")
    if report.problems:
        lines = [
            QCoreApplication.translate(
                "CustomerImport", "Nothing was imported: fix these rows and import the file again."
            ).replace("%1", str(len(report.problems))),
            "",
        ]
        for problem in report.problems:
            where = (
                QCoreApplication.translate("CustomerImport", "Line %1").replace(
                    "%1", str(problem.line)
                )
                if problem.line
                else ""
            )
            value = f" {problem.value}" if problem.value else ""
            lines.append(f"{where}{value}: {problem.message}".strip())
        return "\n".join(lines)
    lines = [
        QCoreApplication.translate(
            "CustomerImport", "Imported %1 customers; %2 were customers already."
        )
        .replace("%1", str(len(report.imported)))
        .replace("%2", str(len(report.existing))),
        QCoreApplication.translate("CustomerImport", "%1 registry requests.").replace(
            "%1", str(report.requests)
        ),
    ]
    for problem in report.contact_problems:
        lines.append(
            QCoreApplication.translate("CustomerImport", "%1: the contact was not added: %2")
            .replace("%1", problem.value)
            .replace("%2", problem.message)
        )
    lines += ["", *(format_org_number(n) for n in report.imported)]
    return "\n".join(lines)


def choose_and_import(
    parent: QWidget,
    services: Services,
    *,
    path: str | None = None,
    pool: Any = None,
    on_done: Callable[[ImportReport], None] | None = None,
) -> Any:
    """Ask for the file (unless ``path`` is given) and import it on a worker; returns the task."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("CustomerImport", "Import a customer list"),
            in_documents(),
            QCoreApplication.translate(
                "CustomerImport", "Customer lists (*.csv *.xlsx *.txt);;All files (*)"
            ),
        )
        if not path:
            return None
    progress = _progress(
        parent,
        QCoreApplication.translate("CustomerImport", "Importing %1…").replace(
            "%1", Path(path).name
        ),
    )
    progress.setCancelButtonText(QCoreApplication.translate("CustomerImport", "&Cancel"))
    state: dict[str, Any] = {"progress": progress}

    def work(report: Callable[[int, int, str], None], cancel: Any) -> ImportReport:
        result: ImportReport = services.customers.import_customers(
            path, people=services.people, progress=report, cancel=cancel
        )
        return result

    def progressed(done: int, total: int, text: str) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, max(total, 1)))
        if text:
            progress.setLabelText(
                QCoreApplication.translate("CustomerImport", "%1 of %2: %3")
                .replace("%1", str(done + 1))
                .replace("%2", str(total))
                .replace("%3", text)
            )

    def succeeded(result: ImportReport) -> None:
        progress.close()
        dialog = RefreshResultDialog(
            QCoreApplication.translate("CustomerImport", "Import a customer list"),
            report_text(result),
            parent,
        )
        state["dialog"] = dialog
        parent.setProperty("lastImportText", dialog.text.toPlainText())
        dialog.open()
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException) -> None:
        progress.close()
        state["message"] = _message(
            parent, QCoreApplication.translate("CustomerImport", "Import failed"), str(exc)
        )

    task = run_task(
        work, on_success=succeeded, on_failure=failed, on_progress=progressed, pool=pool
    )
    progress.canceled.connect(task.cancel)
    _keep(parent, state)
    return task

"""The Privacy page (Personvern): what the retention rules make due and deleting it, the Art. 30
records, breaches with the 72-hour countdown, the privacy statement and the modern DPA draft.

Slow work (computing what is due, the run, the PDF exports, writing notices) runs through
``contractdesk.ui.tasks.run_task``; ``pool``, ``confirm``, ``ask_save`` and ``ask_folder`` are
attributes so tests run it synchronously and answer the dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contractdesk.errors import UserFacingError
from contractdesk.services.changes import (
    ACCEPTANCES,
    AGREEMENTS,
    CUSTOMERS,
    PEOPLE,
    PRIVACY,
    SERVICES,
    SETTINGS,
    Change,
)
from contractdesk.ui.files import in_documents
from contractdesk.ui.pages.base import Page
from contractdesk.ui.privacy.models import SORT_ROLE, BreachesModel, DueItemsModel
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.context import Services


# What the retention rules read: a change to any of these may change what is due.
RETENTION_AREAS = (PRIVACY, SETTINGS, CUSTOMERS, PEOPLE, SERVICES, AGREEMENTS, ACCEPTANCES)


def _table(model: Any) -> QTableView:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    view.setMinimumHeight(150)
    return view


class PrivacyPage(Page):
    """Retention, records of processing, breaches and the privacy statement (issue 18)."""

    page_id = "privacy"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool: Any = None  # None: the global QThreadPool; tests pass a SyncPool
        self.confirm: Callable[[str, str], bool] = self._confirm_box
        self.ask_save: Callable[[str, str, str], str] = self._save_dialog
        self.ask_folder: Callable[[str], str] = self._folder_dialog
        self._plan: Any = None
        self._stale_due = self._stale_breaches = False
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        layout = QVBoxLayout(inner)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        self.status = QLabel()
        reserve_lines(self.status)  # a message never moves the buttons
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        layout.addWidget(self._build_retention())
        layout.addWidget(self._build_breaches())
        layout.addWidget(self._build_documents())
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setInterval(30_000)
        self.timer.timeout.connect(self.breaches_model.tick)
        self.timer.start()
        self.retranslate()

    # -- layout ----------------------------------------------------------------------------------

    def _build_retention(self) -> QGroupBox:
        self.retention_box = QGroupBox()
        box = QVBoxLayout(self.retention_box)
        self.rules_label = QLabel()
        self.rules_label.setWordWrap(True)
        self.rules_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.rules_label)
        self.due_model = DueItemsModel(self)
        self.due_view = _table(self.due_model)
        box.addWidget(self.due_view)
        row = QHBoxLayout()
        self.due_summary = QLabel()
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.rules_button = QPushButton()
        self.rules_button.clicked.connect(self.edit_rules)
        self.run_button = QPushButton()
        self.run_button.setObjectName("runRetention")
        self.run_button.clicked.connect(self.run_due)
        row.addWidget(self.due_summary, 1)
        row.addWidget(self.rules_button)
        row.addWidget(self.refresh_button)
        row.addWidget(self.run_button)
        box.addLayout(row)
        return self.retention_box

    def _build_breaches(self) -> QGroupBox:
        self.breach_box = QGroupBox()
        box = QVBoxLayout(self.breach_box)
        self.breaches_model = BreachesModel(self)
        self.breach_view = _table(self.breaches_model)
        box.addWidget(self.breach_view)
        row = QHBoxLayout()
        self.add_breach_button = QPushButton()
        self.add_breach_button.clicked.connect(self.add_breach)
        self.notify_button = QPushButton()
        self.notify_button.clicked.connect(self.notify_customers)
        self.reported_button = QPushButton()
        self.reported_button.clicked.connect(self.mark_reported)
        row.addStretch(1)
        for button in (self.add_breach_button, self.notify_button, self.reported_button):
            row.addWidget(button)
        box.addLayout(row)
        return self.breach_box

    def _build_documents(self) -> QGroupBox:
        self.documents_box = QGroupBox()
        row = QHBoxLayout(self.documents_box)
        self.art30_button = QPushButton()
        self.art30_button.clicked.connect(self.export_art30)
        self.language = QComboBox()
        self.language.addItem("Norsk (bokmål)", "nb")
        self.language.addItem("English", "en")
        self.statement_button = QPushButton()
        self.statement_button.clicked.connect(self.export_statement)
        self.dpa_button = QPushButton()
        self.dpa_button.clicked.connect(self.create_dpa_draft)
        row.addWidget(self.art30_button)
        row.addSpacing(16)
        row.addWidget(self.language)
        row.addWidget(self.statement_button)
        row.addSpacing(16)
        row.addWidget(self.dpa_button)
        row.addStretch(1)
        return self.documents_box

    def title(self) -> str:
        return self.tr("Privacy")

    def retranslate(self) -> None:
        self.heading.setText(f"<h2>{self.tr('Privacy')}</h2>")
        self.retention_box.setTitle(self.tr("Retention: what is due for deletion"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.rules_button.setText(self.tr("Change &periods…"))
        self.run_button.setText(self.tr("&Delete what is due…"))
        self.breach_box.setTitle(self.tr("Breaches (§17.9, GDPR Art. 33)"))
        self.add_breach_button.setText(self.tr("Record a &breach…"))
        self.notify_button.setText(self.tr("Write &notices to customers…"))
        self.reported_button.setText(self.tr("Datatilsynet &notified"))
        self.documents_box.setTitle(self.tr("Documents"))
        self.art30_button.setText(self.tr("Export &records (Art. 30)…"))
        self.statement_button.setText(self.tr("Export privacy &statement…"))
        self.dpa_button.setText(self.tr("New DPA draft (Art. 28)…"))
        self._show_plan()
        if self.services is not None:
            self.refresh()  # the plan's texts are in the language it was made in

    def set_services(self, services: Services) -> None:
        super().set_services(services)
        self.refresh()

    def on_change(self, change: Change) -> None:
        """Reload, off the GUI thread, what ``change`` concerns: what is due for deletion when
        the records or rules it reads changed, the breaches when breaches or customers did.
        A hidden page does it when it is shown again."""
        due = change.touches(*RETENTION_AREAS)
        breaches = change.touches(PRIVACY, CUSTOMERS)
        if not due and not breaches:
            return
        if not self.isVisible():
            self._stale_due = self._stale_due or due
            self._stale_breaches = self._stale_breaches or breaches
            return
        self._reload(due=due, breaches=breaches)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale_due or self._stale_breaches:
            self._reload(due=self._stale_due, breaches=self._stale_breaches)

    def _reload(self, *, due: bool, breaches: bool) -> None:
        self._stale_due = self._stale_breaches = False
        if due:
            self.refresh()
        elif breaches:
            self.reload_breaches()

    # -- retention ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute what is due (in the background) and reload the breaches."""
        if self.services is None:
            return
        self.reload_breaches()
        retention = self.services.privacy.retention
        from contractdesk.ui.tasks import run_task

        self.refresh_button.setEnabled(False)
        run_task(
            lambda _p, _c: retention.due(),
            on_success=self._plan_ready,
            on_failure=self._failed,
            on_finished=lambda: self.refresh_button.setEnabled(True),
            pool=self.pool,
        )

    def edit_rules(self) -> None:
        """Change the rules' periods (settings); what is due is computed again."""
        from contractdesk.ui.privacy.rules_dialog import RulesDialog

        if self.services is None:
            return
        if RulesDialog(self.services, self).exec() == RulesDialog.DialogCode.Accepted:
            self.refresh()

    def _plan_ready(self, plan: Any) -> None:
        self._plan = plan
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self._plan
        if plan is None:
            self.due_summary.setText("")
            self.run_button.setEnabled(False)
            return
        titles = {r.key.value: r.title for r in plan.rules}
        self.rules_label.setText(
            "\n".join(f"• {r.title}: {r.period_text} — {r.source}" for r in plan.rules)
        )
        self.due_model.set_items(list(plan.items), titles)
        self.due_summary.setText(
            self.tr("%n item(s) due", "", len(plan.items))
            + "; "
            + self.tr("%n old backup(s)", "", len(plan.backups))
        )
        self.run_button.setEnabled(not plan.empty)

    def run_due(self) -> None:
        """Show exactly what will be deleted or anonymised; do it after confirmation."""
        plan = self._plan
        if self.services is None or plan is None or plan.empty:
            return
        lines = []
        for item in plan.items:
            lines.append(f"{item.label} ({item.rule.value})")
            lines += [f"  - {op.text()}" for op in item.operations]
            lines += [f"  ✓ {kept}" for kept in item.kept]
        lines += [self.tr("Delete backup %1").replace("%1", name) for name in plan.backups]
        question = self.tr(
            "Delete or anonymise what is listed? This cannot be undone. "
            "Records kept as accounting evidence stay."
        )
        if not self.confirm(question, "\n".join(lines)):
            return
        retention = self.services.privacy.retention
        keys = plan.keys
        from contractdesk.ui.tasks import run_task

        self.run_button.setEnabled(False)
        run_task(
            lambda _p, _c: retention.run(expected=keys),
            on_success=self._run_done,
            on_failure=self._failed,
            pool=self.pool,
        )

    def _run_done(self, result: Any) -> None:
        self.status.setText(
            self.tr("Deleted what was due: %1 item(s), %2 person(s) anonymised, %3 backup(s).")
            .replace("%1", str(result.items))
            .replace("%2", str(result.persons_erased))
            .replace("%3", str(len(result.backups_pruned)))
        )
        self.refresh()

    # -- breaches ----------------------------------------------------------------------------------

    def reload_breaches(self) -> None:
        """Reload the breaches (off the GUI thread), keeping the selected one selected."""
        if self.services is None:
            return
        breaches = self.services.privacy.breaches
        from contractdesk.ui.tasks import op

        # op: nothing is delivered to a page that was closed meanwhile
        op(self, breaches.list_all).success(self._show_breaches).failure(self._failed).with_pool(
            self.pool
        ).run_in_background()

    def _show_breaches(self, rows: list[Any]) -> None:
        chosen = self.selected_breach()
        self.breaches_model.set_breaches(rows)
        for row in range(self.breaches_model.rowCount()):
            if self.breaches_model.breach_id(row) == chosen:
                proxy = self.breach_view.model()
                index = proxy.mapFromSource(self.breaches_model.index(row, 0))  # type: ignore[attr-defined]  # the view's model is a proxy
                self.breach_view.selectRow(index.row())

    def selected_breach(self) -> int | None:
        rows = self.breach_view.selectionModel().selectedRows()
        if not rows:
            return None
        proxy = self.breach_view.model()
        source = proxy.mapToSource(rows[0])  # type: ignore[attr-defined]  # the view's model is a proxy
        return self.breaches_model.breach_id(source.row())

    def add_breach(self) -> None:
        from contractdesk.ui.privacy.breach_dialog import BreachDialog

        if self.services is None:
            return
        dialog = BreachDialog(self.services, self)
        if dialog.exec() == BreachDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.reload_breaches()
            self.status.setText(
                self.tr("Breach %1 recorded: notify Datatilsynet within 72 hours.").replace(
                    "%1", str(dialog.result_value.id)
                )
            )

    def notify_customers(self, folder: str | None = None) -> None:
        breach = self.selected_breach()
        if self.services is None or breach is None:
            return
        target = folder or self.ask_folder(self.tr("Folder for the notices (.eml)"))
        if not target:
            return
        breaches = self.services.privacy.breaches
        from contractdesk.ui.tasks import run_task

        def done(results: Any) -> None:
            written = sum(1 for r in results if r.done)
            skipped = [r.org_number for r in results if not r.done]
            text = self.tr("%n notice(s) written.", "", written)
            if skipped:
                text += " " + self.tr("No e-mail address for: %1").replace("%1", ", ".join(skipped))
            self.status.setText(text)
            self.reload_breaches()

        run_task(
            lambda _p, _c: breaches.notify(breach, target),
            on_success=done,
            on_failure=self._failed,
            pool=self.pool,
        )

    def mark_reported(self) -> None:
        breach = self.selected_breach()
        if self.services is None or breach is None:
            return
        breaches = self.services.privacy.breaches
        from contractdesk.ui.tasks import run_task

        run_task(
            lambda _p, _c: breaches.mark_reported(breach),
            on_success=lambda _view: self.reload_breaches(),
            on_failure=self._failed,
            pool=self.pool,
        )

    # -- documents ---------------------------------------------------------------------------------

    def export_art30(self, path: str | None = None) -> None:
        if self.services is None:
            return
        target = path or self.ask_save(
            self.tr("Export records of processing"), "protokoll-art30.pdf", self.tr("PDF (*.pdf)")
        )
        if not target:
            return
        pdf = Path(target)
        documents = self.services.privacy.documents
        from contractdesk.ui.tasks import run_task

        run_task(
            lambda _p, _c: documents.export_art30(pdf, csv=pdf.with_suffix(".csv")),
            on_success=self._exported,
            on_failure=self._failed,
            pool=self.pool,
        )

    def export_statement(self, path: str | None = None) -> None:
        if self.services is None:
            return
        lang = str(self.language.currentData())
        target = path or self.ask_save(
            self.tr("Export privacy statement"), f"personvern-{lang}.pdf", self.tr("PDF (*.pdf)")
        )
        if not target:
            return
        pdf = Path(target)
        documents = self.services.privacy.documents
        from contractdesk.ui.tasks import run_task

        run_task(
            lambda _p, _c: documents.export_statement(lang, pdf, html=pdf.with_suffix(".html")),
            on_success=self._exported,
            on_failure=self._failed,
            pool=self.pool,
        )

    def _exported(self, result: Any) -> None:
        self.status.setText(
            self.tr("Version %1 saved: %2")
            .replace("%1", str(result.version))
            .replace("%2", ", ".join(str(f) for f in result.files))
        )

    def create_dpa_draft(self, label: str | None = None) -> None:
        if self.services is None:
            return
        if label is None:
            label, ok = QInputDialog.getText(
                self, self.tr("New DPA draft"), self.tr("Label of the new terms draft:")
            )
            if not ok or not label.strip():
                return
        documents, chosen = self.services.privacy.documents, label
        from contractdesk.ui.tasks import run_task

        run_task(
            lambda _p, _c: documents.create_dpa_draft(chosen),
            on_success=self._dpa_drafted,
            on_failure=self._failed,
            pool=self.pool,
        )

    def _dpa_drafted(self, result: Any) -> None:
        gaps = ", ".join(result.gaps) or self.tr("none")
        self.status.setText(
            self.tr(
                "Draft %1 created (DPA checklist gaps: %2). Edit and publish it on the Terms page."
            )
            .replace("%1", result.label)
            .replace("%2", gaps)
        )

    # -- helpers -----------------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.status.setText(str(exc))
        else:
            self.status.setText(self.tr("Something went wrong: %1").replace("%1", str(exc)))
        self.run_button.setEnabled(self._plan is not None and not self._plan.empty)

    def _confirm_box(self, question: str, details: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete what is due"))
        box.setText(question)
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _save_dialog(self, title: str, name: str, filters: str) -> str:
        settings = QSettings()
        folder = str(settings.value("privacy/export_dir", "") or in_documents())
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), filters)
        if path:
            settings.setValue("privacy/export_dir", str(Path(path).parent))
        return path

    def _folder_dialog(self, title: str) -> str:
        return QFileDialog.getExistingDirectory(self, title, in_documents())

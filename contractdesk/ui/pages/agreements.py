"""The Agreements page: the acceptance ledger, the §14 re-acceptance list, and the agreements.

* Ledger: who accepted which terms version, when, how, signed by whom (with the registry warning),
  and the signed scan (view, or attach one that came later).
* Re-acceptance: for each new version, every active customer with the last day to notify, the
  deadline and the status. Overdue customers are *proposed* as terminated; only "Confirm
  termination…" (an explicit confirmation) ends their agreements.
* Agreements: document id, customer, version, state. ``agreement_actions`` is the row of buttons
  other subsystems extend (PDF preview, print, e-mail); ``selected_agreement_id()`` tells them
  which.
* "Check document" and "Import signed pages" (issue 13) open their dialogs from the ledger tab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.orgnr import format_org_number
from contractdesk.services.changes import ACCEPTANCES, AGREEMENTS, CUSTOMERS, TERMS
from contractdesk.ui.documents.actions import DocumentActions, DocumentTarget
from contractdesk.ui.files import in_documents
from contractdesk.ui.pages.base import Page
from contractdesk.ui.pages.terms import make_table
from contractdesk.ui.tasks import Pool, Task, op
from contractdesk.ui.terms.models import (
    AcceptanceModel,
    AgreementModel,
    ReacceptanceModel,
    agreement_state_text,
)

if TYPE_CHECKING:
    from contractdesk.services.agreements import AcceptanceView, AgreementView, ReacceptanceView
    from contractdesk.services.changes import Change
    from contractdesk.services.context import Services


@dataclass(frozen=True)
class _Snapshot:
    """Everything the page shows, read in the background in one go."""

    choices: list[tuple[str, str, str]]
    versions: list[str]
    ledger: list[AcceptanceView]
    reacceptance: list[ReacceptanceView]
    agreements: list[AgreementView]


class AgreementsPage(Page):
    """Acceptance ledger, §14 re-acceptance list with confirmation of terminations, agreements.

    Signals:
        loaded(): the page has shown freshly read data (after ``refresh``).
    """

    page_id = "agreements"
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today: date | None = None  # None: the real today (tests set a day)
        self.pool: Pool | None = None  # None: the default pool (tests: a SyncPool)
        self._generation = 0
        self.dialog: Any = None
        self._stale = False
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.tabs = QTabWidget()

        # Ledger
        self.ledger_tab = QWidget()
        self.customer_filter = QComboBox()
        self.customer_filter_label = QLabel()
        self.customer_filter_label.setBuddy(self.customer_filter)
        self.ledger_model = AcceptanceModel(self)
        self.ledger, self.ledger_proxy = make_table(self.ledger_model, "acceptanceLedger")
        self.record_button = QPushButton()
        self.view_scan_button = QPushButton()
        self.attach_scan_button = QPushButton()
        self.verify_button = QPushButton()
        self.import_scans_button = QPushButton()
        self.verify_button.clicked.connect(lambda: self.verify_document())
        self.import_scans_button.clicked.connect(lambda: self.import_scans())
        self.record_button.clicked.connect(lambda: self.record_acceptance())
        self.view_scan_button.clicked.connect(lambda: self.view_scan())
        self.attach_scan_button.clicked.connect(lambda: self.attach_scan())
        self.ledger.activated.connect(lambda _index: self.view_scan())
        self.ledger.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.customer_filter.currentIndexChanged.connect(lambda _i: self._load_ledger())
        top = QHBoxLayout()
        top.addWidget(self.customer_filter_label)
        top.addWidget(self.customer_filter, 1)
        ledger_buttons = QHBoxLayout()
        for button in (self.record_button, self.view_scan_button, self.attach_scan_button):
            ledger_buttons.addWidget(button)
        ledger_buttons.addStretch(1)
        ledger_buttons.addWidget(self.verify_button)
        ledger_buttons.addWidget(self.import_scans_button)
        ledger_layout = QVBoxLayout(self.ledger_tab)
        ledger_layout.addLayout(top)
        ledger_layout.addWidget(self.ledger, 1)
        ledger_layout.addLayout(ledger_buttons)

        # Re-acceptance
        self.reaccept_tab = QWidget()
        self.version_filter = QComboBox()
        self.version_filter_label = QLabel()
        self.version_filter_label.setBuddy(self.version_filter)
        self.reaccept_model = ReacceptanceModel(self)
        self.reaccept, self.reaccept_proxy = make_table(self.reaccept_model, "reacceptanceList")
        self.reaccept.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.reaccept.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reaccept_summary = QLabel()
        self.reaccept_summary.setObjectName("reacceptanceSummary")
        self.reaccept_summary.setWordWrap(True)
        self.reaccept_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.notify_button = QPushButton()
        self.terminate_button = QPushButton()
        self.notify_button.clicked.connect(lambda: self.mark_notified())
        self.terminate_button.clicked.connect(lambda: self.confirm_termination())
        self.version_filter.currentIndexChanged.connect(lambda _i: self._load_reacceptance())
        vtop = QHBoxLayout()
        vtop.addWidget(self.version_filter_label)
        vtop.addWidget(self.version_filter, 1)
        reaccept_buttons = QHBoxLayout()
        reaccept_buttons.addWidget(self.notify_button)
        reaccept_buttons.addWidget(self.terminate_button)
        reaccept_buttons.addStretch(1)
        reaccept_layout = QVBoxLayout(self.reaccept_tab)
        reaccept_layout.addLayout(vtop)
        reaccept_layout.addWidget(self.reaccept_summary)
        reaccept_layout.addWidget(self.reaccept, 1)
        reaccept_layout.addLayout(reaccept_buttons)

        # Agreements
        self.agreements_tab = QWidget()
        self.agreements_model = AgreementModel(self)
        self.agreements, self.agreements_proxy = make_table(self.agreements_model, "agreements")
        self.agreements.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.new_agreement_button = QPushButton()
        self.mark_sent_button = QPushButton()
        self.new_agreement_button.clicked.connect(lambda: self.new_agreement())
        self.mark_sent_button.clicked.connect(lambda: self.mark_sent())
        self.agreement_actions = QHBoxLayout()
        self.agreement_actions.addWidget(self.new_agreement_button)
        self.agreement_actions.addWidget(self.mark_sent_button)
        # Issue 7: preview, print, save as, e-mail and batch for the selected agreement.
        self.document_actions = DocumentActions(self._document_target, self)
        # Agreements made or sent by the buttons arrive as change notifications (on_change).
        self.document_actions.message.connect(lambda text: self._say(text))
        self.agreement_actions.addWidget(self.document_actions)
        self.agreement_actions.addStretch(1)
        agreements_layout = QVBoxLayout(self.agreements_tab)
        agreements_layout.addWidget(self.agreements, 1)
        agreements_layout.addLayout(self.agreement_actions)

        self.tabs.addTab(self.ledger_tab, "")
        self.tabs.addTab(self.reaccept_tab, "")
        self.tabs.addTab(self.agreements_tab, "")
        self.status = QLabel()
        self.status.setObjectName("agreementsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Agreements")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.ledger.setAccessibleName(self.tr("Acceptance ledger"))
        self.reaccept.setAccessibleName(self.tr("Customers to re-accept the terms"))
        self.agreements.setAccessibleName(self.tr("Agreements"))
        self.tabs.setTabText(0, self.tr("Acceptance &ledger"))
        self.tabs.setTabText(1, self.tr("Re-&acceptance (§14)"))
        self.tabs.setTabText(2, self.tr("A&greements"))
        self.customer_filter_label.setText(self.tr("C&ustomer:"))
        self.version_filter_label.setText(self.tr("&Version:"))
        self.record_button.setText(self.tr("&Record acceptance…"))
        self.view_scan_button.setText(self.tr("&View scan…"))
        self.attach_scan_button.setText(self.tr("A&ttach scan…"))
        self.verify_button.setText(self.tr("Chec&k document…"))
        self.import_scans_button.setText(self.tr("&Import signed pages…"))
        self.notify_button.setText(self.tr("Mark &notified…"))
        self.terminate_button.setText(self.tr("&Confirm termination…"))
        self.new_agreement_button.setText(self.tr("N&ew agreement…"))
        self.mark_sent_button.setText(self.tr("&Mark sent…"))
        self.document_actions.retranslate()
        if self.customer_filter.count():
            self.customer_filter.setItemText(0, self.tr("All customers"))
        if self.version_filter.count():
            self.version_filter.setItemText(0, self.tr("All versions"))
        self._show_reaccept_summary()

    def set_services(self, services: Services) -> None:
        super().set_services(services)
        self.document_actions.set_services(services)
        self._stale = True
        if self.isVisible():  # otherwise loaded when first shown: start-up stays quick
            self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # -- loading -----------------------------------------------------------------------------------

    def refresh(self) -> Task[_Snapshot] | None:
        """Reload everything in the background; signed agreements whose version took effect
        become active first, and first termination proposals are stamped (audited)."""
        if self.services is None:
            return None
        self._stale = False
        self._generation += 1
        generation, service, today = self._generation, self.services.agreements, self.today
        org, label = self.customer_filter.currentData(), self.version_filter.currentData()

        def load() -> _Snapshot:
            service.activate_due(today=today)
            service.termination_proposals(today=today)
            return _Snapshot(
                choices=service.customer_choices(),
                versions=service.reacceptance_versions(),
                ledger=service.acceptances(org),
                reacceptance=service.reacceptance_list(label, today=today),
                agreements=service.agreements(),
            )

        def loaded(snapshot: _Snapshot) -> None:
            if generation == self._generation:
                self._apply(snapshot)

        return op(self, load).success(loaded).with_pool(self.pool).run_in_background()

    def on_change(self, change: Change) -> None:
        if not change.touches(AGREEMENTS, ACCEPTANCES, TERMS, CUSTOMERS):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _apply(self, snapshot: _Snapshot) -> None:
        self._fill_filters(snapshot.choices, snapshot.versions)
        self._show_ledger(snapshot.ledger)
        self._show_reacceptance(snapshot.reacceptance)
        self.agreements_model.set_rows(snapshot.agreements)
        self.agreements.resizeColumnsToContents()
        self._update_buttons()
        self.loaded.emit()

    def _fill_filters(self, choices: list[tuple[str, str, str]], versions: list[str]) -> None:
        keep_org = self.customer_filter.currentData()
        self.customer_filter.blockSignals(True)
        self.customer_filter.clear()
        self.customer_filter.addItem(self.tr("All customers"), None)
        for org, name, _status in choices:
            self.customer_filter.addItem(f"{name} ({format_org_number(org)})", org)
        self.customer_filter.setCurrentIndex(
            max(0, self.customer_filter.findData(keep_org)) if keep_org else 0
        )
        self.customer_filter.blockSignals(False)
        keep_label = self.version_filter.currentData()
        self.version_filter.blockSignals(True)
        self.version_filter.clear()
        self.version_filter.addItem(self.tr("All versions"), None)
        for label in versions:
            self.version_filter.addItem(label, label)
        self.version_filter.setCurrentIndex(
            max(0, self.version_filter.findData(keep_label)) if keep_label else 0
        )
        self.version_filter.blockSignals(False)

    def _load_ledger(self) -> None:
        if self.services is None:
            return
        service, org = self.services.agreements, self.customer_filter.currentData()
        (
            op(self, lambda: service.acceptances(org))
            .success(self._show_ledger)
            .with_pool(self.pool)
            .run_in_background()
        )

    def _show_ledger(self, rows: list[AcceptanceView]) -> None:
        self.ledger_model.set_rows(rows)
        self.ledger.resizeColumnsToContents()
        self._update_buttons()

    def _load_reacceptance(self) -> None:
        if self.services is None:
            return
        service, label, today = (
            self.services.agreements,
            self.version_filter.currentData(),
            self.today,
        )
        (
            op(self, lambda: service.reacceptance_list(label, today=today))
            .success(self._show_reacceptance)
            .with_pool(self.pool)
            .run_in_background()
        )

    def _show_reacceptance(self, rows: list[ReacceptanceView]) -> None:
        self.reaccept_model.set_rows(rows)
        self.reaccept.resizeColumnsToContents()
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        self._reaccept_counts = counts
        self._show_reaccept_summary()
        self._update_buttons()

    def _show_reaccept_summary(self) -> None:
        counts = getattr(self, "_reaccept_counts", None)
        if counts is None:
            return
        text = (
            self.tr("%1 to notify, %2 notified, %3 accepted, %4 overdue, %5 terminated.")
            .replace("%1", str(counts.get("to_notify", 0)))
            .replace("%2", str(counts.get("notified", 0)))
            .replace("%3", str(counts.get("accepted", 0)))
            .replace("%4", str(counts.get("overdue", 0)))
            .replace("%5", str(counts.get("terminated", 0)))
        )
        if counts.get("overdue"):
            text += " " + self.tr(
                "Overdue customers are proposed as terminated; nothing ends until you confirm."
            )
        self.reaccept_summary.setText(text)

    # -- selection ---------------------------------------------------------------------------------

    def selected_acceptance(self) -> Any:
        index = self.ledger.currentIndex()
        if not index.isValid():
            return None
        return self.ledger_model.row_at(self.ledger_proxy.mapToSource(index).row())

    def selected_reacceptance(self) -> list[Any]:
        rows = sorted(
            {
                self.reaccept_proxy.mapToSource(i).row()
                for i in self.reaccept.selectionModel().selectedRows()
            }
        )
        return [self.reaccept_model.row_at(r) for r in rows]

    def selected_agreement_id(self) -> int | None:
        index = self.agreements.currentIndex()
        return int(index.data(AgreementModel.IdRole)) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self.services is not None
        acceptance = self.selected_acceptance()
        self.record_button.setEnabled(has)
        self.verify_button.setEnabled(has)
        self.import_scans_button.setEnabled(has)
        self.view_scan_button.setEnabled(acceptance is not None and acceptance.has_scan)
        self.attach_scan_button.setEnabled(acceptance is not None and not acceptance.has_scan)
        chosen = self.selected_reacceptance()
        self.notify_button.setEnabled(bool(chosen) and all(r.status == "to_notify" for r in chosen))
        self.terminate_button.setEnabled(
            bool(chosen) and all(r.status == "overdue" for r in chosen)
        )
        self.new_agreement_button.setEnabled(has)
        agreement = self.selected_agreement_id()
        state = None
        if agreement is not None:
            state = self.agreements_model.row_at(self.agreements_model.row_of(agreement)).state
        self.mark_sent_button.setEnabled(state == "draft")
        self.document_actions.today = self.today
        self.document_actions.update_enabled()

    def _document_target(self) -> DocumentTarget | None:
        agreement = self.selected_agreement_id()
        if agreement is None:
            return None
        row = self.agreements_model.row_at(self.agreements_model.row_of(agreement))
        return DocumentTarget(row.org_number, row.id, row.terms_label, row.state)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _open(self, dialog: Any, done: Any) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: done(dialog))
        dialog.open()

    # -- actions -----------------------------------------------------------------------------------

    def record_acceptance(self) -> None:
        from contractdesk.ui.terms.acceptance_dialogs import RecordAcceptanceDialog

        if self.services is None:
            return

        def done(dialog: RecordAcceptanceDialog) -> None:
            result = dialog.result_value
            # (the change notification reloads the page)
            lines = [
                self.tr("Recorded: %1 accepted %2; agreement %3 is %4.")
                .replace("%1", result.acceptance.customer_name)
                .replace("%2", result.acceptance.terms_label)
                .replace("%3", result.agreement.document_id)
                .replace("%4", agreement_state_text(self, result.agreement.state).lower())
            ]
            lines += ["⚠ " + w for w in result.warnings]
            self._say("\n".join(lines))

        self._open(
            RecordAcceptanceDialog(
                self.services,
                org_number=self.customer_filter.currentData(),
                today=self.today,
                parent=self,
            ),
            done,
        )

    def verify_document(self) -> Any:
        """Open "Check document" (drop a PDF or scan to see which issued agreement it is)."""
        from contractdesk.ui.documents.verify_dialog import VerifyDocumentDialog

        if self.services is None:
            return None
        dialog = VerifyDocumentDialog(self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def import_scans(self) -> Any:
        """Open "Import signed pages"; the ledger is reloaded when it closes."""
        from contractdesk.ui.documents.import_scans_dialog import ImportScansDialog

        if self.services is None:
            return None
        dialog = ImportScansDialog(self.services, self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self.refresh())
        self.dialog = dialog
        dialog.open()
        return dialog

    def view_scan(self) -> None:
        from contractdesk.ui.terms.acceptance_dialogs import ScanViewer

        acceptance = self.selected_acceptance()
        if self.services is None or acceptance is None or not acceptance.has_scan:
            return
        viewer = ScanViewer(self.services.agreements.scan(acceptance.id), self)
        self.dialog = viewer
        viewer.open()

    def attach_scan(self, path: str | None = None) -> None:
        from PySide6.QtWidgets import QFileDialog

        acceptance = self.selected_acceptance()
        if self.services is None or acceptance is None or acceptance.has_scan:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Signed scan"),
                in_documents(),
                self.tr(
                    "PDF or image (*.pdf *.png *.jpg *.jpeg *.tif *.tiff "
                    "*.gif *.webp);;All files (*)"
                ),
            )
        if not path:
            return
        service, file = self.services.agreements, path
        (
            op(self, lambda: service.attach_scan(acceptance.id, path=file))
            .success(
                lambda view: self._say(
                    self.tr("Scan %1 attached.").replace("%1", view.scan_filename or "")
                )
            )
            .failure(self._failed)
            .with_pool(self.pool)
            .run_in_background()
        )

    def _failed(self, exc: BaseException) -> None:
        from contractdesk.ui.errors import present_error, user_message

        self._say(user_message(exc))
        self.dialog = present_error(self, exc)

    def mark_notified(self) -> None:
        from contractdesk.ui.terms.acceptance_dialogs import NotifyDialog

        rows = [r for r in self.selected_reacceptance() if r.status == "to_notify"]
        if self.services is None or not rows:
            return

        def done(dialog: NotifyDialog) -> None:
            # (the change notification reloads the page)
            self._say(self.tr("%n customer(s) marked notified.", "", int(dialog.result_value)))

        self._open(NotifyDialog(self.services, rows, today=self.today, parent=self), done)

    def confirm_termination(self) -> None:
        from contractdesk.ui.terms.acceptance_dialogs import ConfirmTerminationDialog

        rows = self.selected_reacceptance()
        if self.services is None or not rows or any(r.status != "overdue" for r in rows):
            return

        def done(dialog: ConfirmTerminationDialog) -> None:
            # (the change notification reloads the page)
            self._say(
                self.tr("Terminated: %1.").replace(
                    "%1", ", ".join(p.customer_name for p in dialog.result_value)
                )
            )

        self._open(
            ConfirmTerminationDialog(self.services, rows, today=self.today, parent=self), done
        )

    def new_agreement(self) -> None:
        from contractdesk.ui.terms.acceptance_dialogs import NewAgreementDialog

        if self.services is None:
            return

        def done(dialog: NewAgreementDialog) -> None:
            # (the change notification reloads the page)
            self._say(
                self.tr("Agreement %1 created as a draft.").replace(
                    "%1", dialog.result_value.document_id
                )
            )

        self._open(NewAgreementDialog(self.services, today=self.today, parent=self), done)

    def mark_sent(self) -> None:
        from contractdesk.ui.terms.dialogs import LabelDialog

        agreement = self.selected_agreement_id()
        if self.services is None or agreement is None:
            return
        service = self.services.agreements
        index = self.agreements_proxy.mapToSource(self.agreements.currentIndex())
        version = self.agreements_model.row_at(index.row()).version  # the version shown

        def done(dialog: LabelDialog) -> None:
            # (the change notification reloads the page)
            self._say(
                self.tr("Agreement %1 marked sent.").replace("%1", dialog.result_value.document_id)
            )

        dialog = LabelDialog(
            self.tr("Mark sent"),
            self.tr("&Sent to (e-mail address, or 'post'):"),
            lambda to: service.mark_sent(agreement, to, expected_version=version),
            parent=self,
        )

        def reload() -> None:  # a colleague changed it: drop this edit, show theirs
            dialog.reject()
            self.refresh()

        dialog.reload = reload
        self._open(dialog, done)

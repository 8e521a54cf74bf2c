"""The Terms page: versions, reading a version by its sections, drafts, publishing, comparing,
sub-processors.

Published versions are read-only (the service and the database refuse changes); a new version
starts as a copy of an old one (or an imported text), is edited as a draft, and is published
with an effective date after the DPA checklist was shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contractdesk.services.changes import TERMS
from contractdesk.ui.formatting import format_date
from contractdesk.ui.pages.base import Page
from contractdesk.ui.terms.diff_view import DiffView
from contractdesk.ui.terms.models import (
    ChecklistModel,
    RowTableModel,
    SubProcessorModel,
    VersionsModel,
    dpa_text,
)
from contractdesk.ui.terms.reader import DocumentReader
from contractdesk.ui.widgets.details import DetailsBox
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.changes import Change
    from contractdesk.services.context import Services


def make_table(model: RowTableModel, name: str) -> tuple[QTableView, QSortFilterProxyModel]:
    """A sortable, row-selecting table over a model (sorted by the model's ``SortRole``)."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(RowTableModel.SortRole)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setTabKeyNavigation(False)

    def fit(*_args: object) -> None:
        """Columns as wide as their header and content (never clipped headers), at most 420 px."""
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column), 420))

    model.modelReset.connect(fit)
    model.headerDataChanged.connect(fit)
    return view, proxy


class TermsPage(Page):
    """Terms versions (list, read, copy, edit, publish), the side-by-side diff and the
    sub-processor register."""

    page_id = "terms"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialog: Any = None
        self._stale = False
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.import_button = QPushButton()
        self.word_button = QPushButton()
        self.word_button.setObjectName("importWord")
        self.supplier_button = QPushButton()
        self.supplier_button.setObjectName("supplierDraft")
        self.copy_button = QPushButton()
        self.edit_button = QPushButton()
        self.publish_button = QPushButton()
        self.delete_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (
            self.import_button,
            self.word_button,
            self.copy_button,
            self.edit_button,
            self.publish_button,
            self.delete_button,
            self.supplier_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.import_button.clicked.connect(lambda: self.import_terms())
        self.word_button.clicked.connect(lambda: self.import_terms(word=True))
        self.supplier_button.clicked.connect(lambda: self.supplier_draft())
        self.copy_button.clicked.connect(self.copy_version)
        self.edit_button.clicked.connect(self.edit_draft)
        self.publish_button.clicked.connect(self.publish_draft)
        self.delete_button.clicked.connect(self.delete_draft)

        self.versions_model = VersionsModel(self)
        self.versions, self.versions_proxy = make_table(self.versions_model, "termsVersions")
        self.versions.setColumnHidden(3, True)  # SHA-256: a technical detail (under "Details")
        self.versions.selectionModel().currentRowChanged.connect(self._version_chosen)
        self.versions.activated.connect(self._focus_reader)

        self.tabs = QTabWidget()
        self.reader_tab = QWidget()
        self.info = QLabel()
        self.info.setObjectName("versionInfo")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reader = DocumentReader()
        reader_layout = QVBoxLayout(self.reader_tab)
        reader_layout.addWidget(self.info)
        self.details = DetailsBox()
        reader_layout.addWidget(self.details)
        reader_layout.addWidget(self.reader, 1)
        self.diff = DiffView()
        self.subs_tab = QWidget()
        self.subs_model = SubProcessorModel(self)
        self.subs, self.subs_proxy = make_table(self.subs_model, "subprocessors")
        self.sub_add = QPushButton()
        self.sub_edit = QPushButton()
        self.sub_remove = QPushButton()
        self.sub_add.clicked.connect(self.add_subprocessor)
        self.sub_edit.clicked.connect(self.edit_subprocessor)
        self.sub_remove.clicked.connect(self.remove_subprocessor)
        self.subs.activated.connect(lambda _index: self.edit_subprocessor())
        self.subs.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.subs_note = QLabel()
        self.subs_note.setWordWrap(True)
        sub_buttons = QHBoxLayout()
        for button in (self.sub_add, self.sub_edit, self.sub_remove):
            sub_buttons.addWidget(button)
        sub_buttons.addStretch(1)
        subs_layout = QVBoxLayout(self.subs_tab)
        subs_layout.addWidget(self.subs_note)
        subs_layout.addWidget(self.subs, 1)
        subs_layout.addLayout(sub_buttons)
        self.dpa_tab = QWidget()
        self.dpa_model = ChecklistModel(self)
        self.dpa_table, self.dpa_proxy = make_table(self.dpa_model, "dpaChecklistView")
        self.dpa_table.setWordWrap(True)
        self.dpa_findings = QLabel()
        self.dpa_findings.setObjectName("dpaFindings")
        self.dpa_findings.setWordWrap(True)
        self.dpa_findings.setTextFormat(Qt.TextFormat.PlainText)
        self.dpa_findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dpa_layout = QVBoxLayout(self.dpa_tab)
        dpa_layout.addWidget(self.dpa_table, 1)
        dpa_layout.addWidget(self.dpa_findings)
        self.tabs.addTab(self.reader_tab, "")
        self.tabs.addTab(self.dpa_tab, "")
        self.tabs.addTab(self.diff, "")
        self.tabs.addTab(self.subs_tab, "")

        splitter = QSplitter()
        splitter.addWidget(self.versions)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 3)
        self.status = QLabel()
        reserve_lines(self.status)  # a message never moves the buttons
        self.status.setObjectName("termsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.setTabOrder(self.versions, self.tabs)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Terms")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.versions.setAccessibleName(self.tr("Terms versions"))
        self.subs.setAccessibleName(self.tr("Sub-processors"))
        self.dpa_table.setAccessibleName(self.tr("DPA checklist"))
        self.import_button.setText(self.tr("&Import…"))
        self.word_button.setText(self.tr("Import from &Word…"))
        self.word_button.setToolTip(
            self.tr("A new draft from a Word document (.docx): headings, numbering and lists kept")
        )
        self.supplier_button.setText(self.tr("Dra&ft for another supplier…"))
        self.supplier_button.setToolTip(
            self.tr(
                "A draft of the next version in which the supplier's name, address, e-mail and "
                "signer are fields filled from your supplier profile"
            )
        )
        self.copy_button.setText(self.tr("&Copy to draft…"))
        self.edit_button.setText(self.tr("&Edit draft…"))
        self.publish_button.setText(self.tr("&Publish…"))
        self.delete_button.setText(self.tr("&Delete draft"))
        self.tabs.setTabText(0, self.tr("&Read"))
        self.tabs.setTabText(1, self.tr("DPA chec&klist"))
        self.tabs.setTabText(2, self.tr("Co&mpare"))
        self.tabs.setTabText(3, self.tr("&Sub-processors"))
        self.sub_add.setText(self.tr("&Add…"))
        self.sub_edit.setText(self.tr("C&hange…"))
        self.sub_remove.setText(self.tr("Remo&ve from register"))
        self.subs_note.setText(
            self.tr(
                "The register (§8.3, §17.7). Publishing a version records the register as it "
                "is then; later changes do not alter published versions."
            )
        )
        self.diff.retranslate()
        self.details.retranslate()
        if self.services is not None and self.selected_label() is not None:
            self._show(self.selected_label())  # the header and checklist in the new language

    def set_services(self, services: Services) -> None:
        super().set_services(services)
        self.diff.source = services.terms.diff
        self._stale = True
        if self.isVisible():  # otherwise loaded when first shown: start-up stays quick
            self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def on_change(self, change: Change) -> None:
        """Versions or sub-processors changed (here or elsewhere): reload, or when next shown."""
        if not change.touches(TERMS):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    # -- state -------------------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """Reload versions and the register; keep (or move to) the selected label."""
        if self.services is None:
            return
        self._stale = False
        keep = select or self.selected_label()
        rows = self.services.terms.list_versions()
        self.versions_model.set_rows(rows)
        self.versions.resizeColumnsToContents()
        self.subs_model.set_rows(self.services.terms.subprocessors())
        self.diff.set_versions([r.label for r in rows])
        labels = [r.label for r in rows]
        self.select_label(keep if keep in labels else (labels[-1] if labels else None))
        self._update_buttons()

    def selected_label(self) -> str | None:
        index = self.versions.currentIndex()
        return str(index.data(VersionsModel.IdRole)) if index.isValid() else None

    def selected_row(self) -> Any:
        index = self.versions.currentIndex()
        if not index.isValid():
            return None
        return self.versions_model.row_at(self.versions_proxy.mapToSource(index).row())

    def select_label(self, label: str | None) -> None:
        row = self.versions_model.row_of(label) if label else -1
        if row < 0:
            self.reader.set_document(None)
            self.info.clear()
            return
        index = self.versions_proxy.mapFromSource(self.versions_model.index(row, 0))
        self.versions.setCurrentIndex(index)
        self._show(label)

    def _focus_reader(self, _index: QModelIndex) -> None:
        self.tabs.setCurrentWidget(self.reader_tab)
        self.reader.setFocus()

    def _version_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show(str(current.data(VersionsModel.IdRole)))
        self._update_buttons()

    def _show(self, label: str | None) -> None:
        if self.services is None or label is None:
            return
        view = self.services.terms.get(label)
        self.reader.set_document(view.document)
        row = view.row
        lines = [f"{row.label} — {row.title}"]
        if row.published:
            lines.append(
                self.tr("Published, effective %1.").replace("%1", format_date(row.effective_date))
            )
            self.details.set_text(self.tr("SHA-256: %1").replace("%1", row.sha256 or ""))
        else:
            planned = format_date(row.effective_date) or self.tr("not set")
            lines.append(self.tr("Draft (planned effective date: %1).").replace("%1", planned))
            self.details.set_text(
                self.tr("Content SHA-256 now: %1").replace("%1", row.content_sha256)
            )
        if view.copied_from:
            lines.append(self.tr("Copied from %1.").replace("%1", view.copied_from))
        checklist = view.dpa_checklist
        if checklist is not None and checklist.get("has_dpa"):
            status_text = {"partial": self.tr("partial"), "gap": self.tr("gap")}
            open_items = [
                f"({i['letter']}) {status_text.get(i['status'], i['status'])}"
                for i in checklist["items"]
                if i["status"] != "covered"
            ]
            text = self.tr("DPA checklist at publication: %1").replace(
                "%1", ", ".join(open_items) or self.tr("all items covered")
            )
            if view.gaps_confirmed:
                text += " " + self.tr("(published with confirmation)")
            lines.append(text)
        if view.subprocessors:
            lines.append(
                self.tr("Sub-processors listed: %1").replace(
                    "%1", ", ".join(s.name for s in view.subprocessors)
                )
            )
        self.info.setText("\n".join(lines))
        self._show_checklist(label)

    def _show_checklist(self, label: str) -> None:
        """The DPA checklist of the version as the current rules read it (items (a)–(h), repealed
        act)."""
        from contractdesk.services.terms import checklist_to_dict

        data = checklist_to_dict(self.services.terms.checklist(label))
        self.dpa_model.set_rows(data["items"])
        self.dpa_table.resizeRowsToContents()
        if not data["has_dpa"]:
            self.dpa_findings.setText(
                self.tr("This version has no DPA annex (Databehandleravtale).")
            )
            return
        lines = [
            self.tr("Cites the repealed 2000 act in %1: “%2” — %3")
            .replace("%1", r["section_number"])
            .replace("%2", r["quote"])
            .replace("%3", dpa_text(r["reason"]))
            for r in data["repealed_references"]
        ]
        self.dpa_findings.setText(
            "\n".join(lines) or self.tr("No references to the repealed 2000 act.")
        )

    def _update_buttons(self) -> None:
        row = self.selected_row()
        has_services = self.services is not None
        draft = row is not None and not row.published
        self.import_button.setEnabled(has_services)
        self.word_button.setEnabled(has_services)
        self.supplier_button.setEnabled(row is not None)
        self.copy_button.setEnabled(row is not None)
        self.edit_button.setEnabled(draft)
        self.publish_button.setEnabled(draft)
        self.delete_button.setEnabled(draft)
        sub = self.subs.currentIndex().isValid()
        self.sub_add.setEnabled(has_services)
        self.sub_edit.setEnabled(sub)
        self.sub_remove.setEnabled(sub)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _open(self, dialog: Any, done: Any) -> None:
        """Show a dialog window-modal without blocking; ``done(dialog)`` runs after a successful
        OK."""
        self.dialog = dialog
        dialog.accepted.connect(lambda: done(dialog))
        dialog.open()

    # -- actions -----------------------------------------------------------------------------------

    def import_terms(self, *, word: bool = False) -> None:
        """Import a terms file (``word``: from Word) as a new draft."""
        from contractdesk.ui.terms.dialogs import ImportDialog

        if self.services is None:
            return

        def done(dialog: ImportDialog) -> None:
            outcome = dialog.result_value
            self.refresh(select=outcome.version.label)
            notes = [self.tr("Imported %1 as a draft.").replace("%1", outcome.version.label)]
            if outcome.same_as_published:
                notes.append(
                    self.tr("Its content is identical to the published version %1.").replace(
                        "%1", outcome.same_as_published
                    )
                )
            notes += list(outcome.notes)
            self._say("\n".join(notes))

        self._open(ImportDialog(self.services.terms, self, word=word), done)

    def supplier_draft(self) -> Any:
        """The selected version with the business it names as supplier turned into fields."""
        from contractdesk.ui.terms.dialogs import SupplierDraftDialog

        source = self.selected_label()
        if self.services is None or source is None:
            return None
        dialog = SupplierDraftDialog(self.services, source, self)

        def drafted(label: str) -> None:
            self.refresh(select=label)
            self._say(self.tr("Draft %1 made from %2.").replace("%1", label).replace("%2", source))

        dialog.box.drafted.connect(drafted)
        self.dialog = dialog
        dialog.open()
        return dialog

    def copy_version(self) -> None:
        from contractdesk.ui.terms.dialogs import LabelDialog

        source = self.selected_label()
        if self.services is None or source is None:
            return
        terms = self.services.terms

        def done(dialog: LabelDialog) -> None:
            self.refresh(select=dialog.result_value.label)
            self._say(
                self.tr("Draft %1 made from %2.")
                .replace("%1", dialog.result_value.label)
                .replace("%2", source)
            )

        self._open(
            LabelDialog(
                self.tr("Copy to draft"),
                self.tr("&Label of the new draft:"),
                lambda label: terms.copy_to_draft(source, label),
                parent=self,
            ),
            done,
        )

    def edit_draft(self) -> None:
        from contractdesk.ui.terms.dialogs import EditDraftDialog

        label = self.selected_label()
        if self.services is None or label is None:
            return
        view = self.services.terms.get(label)
        if view.row.published:
            return

        def done(dialog: EditDraftDialog) -> None:
            self.refresh(select=dialog.result_value.label)
            self._say(self.tr("Draft %1 saved.").replace("%1", dialog.result_value.label))

        self._open(EditDraftDialog(self.services.terms, view, self), done)

    def publish_draft(self, *, today: Any = None) -> None:
        from contractdesk.ui.terms.dialogs import PublishDialog

        row = self.selected_row()
        if self.services is None or row is None or row.published:
            return

        def done(dialog: PublishDialog) -> None:
            result = dialog.result_value
            self.refresh(select=result.version.label)
            self._say(
                self.tr(
                    "Published %1 (SHA-256 %2). %n customer(s) must be notified by %3.",
                    "",
                    result.notices_created,
                )
                .replace("%1", result.version.label)
                .replace("%2", result.version.sha256 or "")
                .replace("%3", format_date(result.preview.last_notice_date))
            )

        self._open(
            PublishDialog(
                self.services.terms,
                row.label,
                effective=row.effective_date,
                today=today,
                parent=self,
            ),
            done,
        )

    def delete_draft(self) -> None:
        from contractdesk.services.errors import UserError

        row = self.selected_row()
        if self.services is None or row is None or row.published:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete draft"),
            self.tr("Delete the draft %1? This cannot be undone.").replace("%1", row.label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.dialog = box

        def answered(button: int) -> None:
            if button != QMessageBox.StandardButton.Yes.value:
                return
            try:
                self.services.terms.delete_draft(row.label)
            except UserError as exc:
                self._say(str(exc))
                return
            self.refresh()
            self._say(self.tr("Draft %1 deleted.").replace("%1", row.label))

        box.finished.connect(answered)
        box.open()

    def add_subprocessor(self) -> None:
        from contractdesk.ui.terms.dialogs import SubProcessorDialog

        if self.services is None:
            return
        self._open(SubProcessorDialog(self.services.terms, parent=self), lambda _d: self.refresh())

    def edit_subprocessor(self) -> None:
        from contractdesk.ui.terms.dialogs import SubProcessorDialog

        index = self.subs.currentIndex()
        if self.services is None or not index.isValid():
            return
        entry = self.subs_model.row_at(self.subs_proxy.mapToSource(index).row())
        self._open(
            SubProcessorDialog(self.services.terms, entry, parent=self), lambda _d: self.refresh()
        )

    def remove_subprocessor(self) -> None:
        index = self.subs.currentIndex()
        if self.services is None or not index.isValid():
            return
        entry = self.subs_model.row_at(self.subs_proxy.mapToSource(index).row())
        self.services.terms.retire_subprocessor(int(entry.id))
        self.refresh()
        self._say(
            self.tr("%1 taken off the register; published versions keep it.").replace(
                "%1", entry.name
            )
        )

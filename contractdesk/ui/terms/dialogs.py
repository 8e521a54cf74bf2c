"""Dialogs of the Terms page: import a text, name a draft, edit a draft, publish (DPA checklist),
a sub-processor.

Each dialog's OK runs the use case and shows a ``UserError`` inline instead of closing, so the
user can correct the input. Services are passed in; nothing here imports them at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contractdesk.errors import ConflictError
from contractdesk.ui.files import in_documents
from contractdesk.ui.formatting import date_edit_format, format_date
from contractdesk.ui.terms.models import ChecklistModel, dpa_text
from contractdesk.ui.widgets.dates import limit_date
from contractdesk.ui.widgets.details import DetailsBox

if TYPE_CHECKING:
    from contractdesk.services.terms import (
        PublishPreview,
        SubProcessorView,
        TermsService,
        TermsVersionView,
    )


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def raw_text(edit: QPlainTextEdit) -> str:
    """The editor's text exactly as typed (``toPlainText`` turns no-break spaces into spaces)."""
    return edit.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_edit_format())
    limit_date(edit)
    edit.setDate(qdate(day or date.today()))
    return edit


class SubmitDialog(QDialog):
    """OK runs ``submit()``; a ``UserError`` is shown in ``error_label`` and the dialog stays open.

    A dialog whose use case may be slow returns it from ``background()`` instead: a callable of
    plain values (the fields are read on the GUI thread first) that then runs on a pool thread.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result_value: Any = None
        # Reload after a conflict (a colleague saved first); None: Reload closes the dialog.
        self.reload: Callable[[], None] | None = None
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def submit(self) -> Any:
        raise NotImplementedError

    def background(self) -> Callable[[], Any] | None:
        """The slow use case to run off the GUI thread, or None to call ``submit()`` here."""
        return None

    def accept(self) -> None:
        from contractdesk.services.errors import UserError

        try:
            job = self.background()
            if job is None:
                self.result_value = self.submit()
        except UserError as exc:
            self.error_label.setText(str(exc))
            return
        except ConflictError as exc:
            self._conflict(exc)
            return
        if job is None:
            super().accept()
            return
        from contractdesk.ui.tasks import op

        self.ok_button.setEnabled(False)
        (
            op(self, job)
            .success(self._done)
            .failure(self._failed)
            .finished(lambda: self.ok_button.setEnabled(True))
            .run_in_background()
        )

    def _done(self, result: Any) -> None:
        self.result_value = result
        super().accept()

    def _conflict(self, exc: ConflictError) -> None:
        """A colleague saved first: say what changed; Reload drops this edit for theirs."""
        from contractdesk.ui.errors import present_error

        self.error_label.setText(str(exc))
        present_error(self, exc, reload=self._reload)

    def _reload(self) -> None:
        self.error_label.clear()
        if self.reload is not None:
            self.reload()
        else:
            self.reject()

    def _failed(self, exc: BaseException) -> None:
        from contractdesk.errors import UserFacingError

        if isinstance(exc, ConflictError):
            self._conflict(exc)
            return
        if isinstance(exc, UserFacingError):
            self.error_label.setText(str(exc))
            return
        from contractdesk.ui.errors import present_error

        present_error(self, exc)


class FileField(QWidget):
    """A path line edit with a Browse button."""

    def __init__(self, caption: str, filters: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.filters = filters
        self.edit = QLineEdit()
        self.edit.setAccessibleName(caption)
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)
        self.setFocusProxy(self.edit)

    def path(self) -> str:
        return self.edit.text().strip()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.caption, self.edit.text() or in_documents(), self.filters
        )
        if path:
            self.edit.setText(path)


class ImportDialog(SubmitDialog):
    """Import a plain-text terms file as a new draft."""

    def __init__(self, terms: TermsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.terms = terms
        self.setWindowTitle(self.tr("Import terms"))
        self.file = FileField(self.tr("Terms text"), self.tr("Text files (*.txt);;All files (*)"))
        self.label = QLineEdit()
        self.use_date = QCheckBox(self.tr("&Planned effective date:"))
        self.effective = date_edit()
        self.effective.setEnabled(False)
        self.use_date.toggled.connect(self.effective.setEnabled)
        self.hint = QLabel(self.tr("Without a date, the date the text states is used."))
        self.hint.setWordWrap(True)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.file.edit)
        label_label = QLabel(self.tr("&Label:"))
        label_label.setBuddy(self.label)
        form.addRow(file_label, self.file)
        form.addRow(label_label, self.label)
        form.addRow(self.use_date, self.effective)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def submit(self) -> Any:
        from contractdesk.services.errors import UserError

        if not self.file.path():
            raise UserError(self.tr("Choose the file to import."))
        effective = pydate(self.effective.date()) if self.use_date.isChecked() else None
        return self.terms.import_file(self.file.path(), self.label.text(), effective_date=effective)


class LabelDialog(SubmitDialog):
    """Ask for a label and run ``action(label)`` (copy a version into a new draft)."""

    def __init__(
        self,
        title: str,
        prompt: str,
        action: Callable[[str], Any],
        *,
        text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(title)
        self.label = QLineEdit(text)
        prompt_label = QLabel(prompt)
        prompt_label.setBuddy(self.label)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt_label)
        layout.addWidget(self.label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def submit(self) -> Any:
        return self.action(self.label.text())


class EditDraftDialog(SubmitDialog):
    """Edit a draft as plain text (re-imported on save), with its label and planned date."""

    def __init__(
        self, terms: TermsService, view: TermsVersionView, parent: QWidget | None = None
    ) -> None:
        from contractdesk.domain.terms.importer import to_plain_text

        super().__init__(parent)
        self.terms = terms
        self.view = view
        self.setWindowTitle(self.tr("Edit draft %1").replace("%1", view.label))
        self.resize(900, 700)
        self.label = QLineEdit(view.label)
        self.use_date = QCheckBox(self.tr("&Planned effective date:"))
        self.effective = date_edit(view.row.effective_date)
        self.use_date.setChecked(view.row.effective_date is not None)
        self.effective.setEnabled(self.use_date.isChecked())
        self.use_date.toggled.connect(self.effective.setEnabled)
        self.original_text = to_plain_text(view.document)
        self.text = QPlainTextEdit(self.original_text)
        self.text.setObjectName("draftText")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.hint = QLabel(
            self.tr(
                "Numbered headings (8.1.1 Title), • bullets and 'Vedlegg 1' start sections, "
                "lists and annexes. The customer's details are filled in for each customer."
            )
        )
        self.hint.setWordWrap(True)
        # the field codes are a technical detail: under "Details"
        self.fields_details = DetailsBox()
        self.fields_details.set_text(
            self.tr("Field codes in the text, e.g. {customer.name}, are replaced per customer.")
        )
        form = QFormLayout()
        label_label = QLabel(self.tr("&Label:"))
        label_label.setBuddy(self.label)
        form.addRow(label_label, self.label)
        form.addRow(self.use_date, self.effective)
        text_label = QLabel(self.tr("&Text:"))
        text_label.setBuddy(self.text)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(text_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.fields_details)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.reload = self.load_stored

    def load_stored(self) -> None:
        """After a conflict: the draft as a colleague saved it (the edits here are dropped)."""
        from contractdesk.domain.terms.importer import to_plain_text

        fresh = self.terms.get(self.view.label)
        self.view = fresh
        self.label.setText(fresh.label)
        self.use_date.setChecked(fresh.row.effective_date is not None)
        if fresh.row.effective_date is not None:
            self.effective.setDate(fresh.row.effective_date)
        self.original_text = to_plain_text(fresh.document)
        self.text.setPlainText(self.original_text)

    def submit(self) -> Any:
        text = raw_text(self.text)
        effective = pydate(self.effective.date()) if self.use_date.isChecked() else None
        return self.terms.update_draft(
            self.view.label,
            text=text if text != self.original_text else None,
            effective_date=effective,
            new_label=self.label.text(),
            expected_version=self.view.row.version,
        )


class PublishDialog(SubmitDialog):
    """Publish a draft: the effective date, the DPA checklist with gaps highlighted, a confirmation
    that is required when the checklist found gaps or references to the repealed 2000 act."""

    def __init__(
        self,
        terms: TermsService,
        label: str,
        *,
        effective: date | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.terms = terms
        self.label = label
        self.today = today
        self.preview: PublishPreview | None = None
        self.setWindowTitle(self.tr("Publish %1").replace("%1", label))
        self.resize(900, 640)
        self.effective = date_edit(effective or date.today())
        date_label = QLabel(self.tr("&Effective date:"))
        date_label.setBuddy(self.effective)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.sha_details = DetailsBox()  # the fingerprint: a technical detail
        self.sha_details.set_text("")
        self.checklist_model = ChecklistModel(self)
        self.checklist = QTableView()
        self.checklist.setObjectName("dpaChecklist")
        self.checklist.setAccessibleName(self.tr("DPA checklist"))
        self.checklist.setModel(self.checklist_model)
        self.checklist.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist.verticalHeader().hide()
        self.checklist.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.checklist.setWordWrap(True)
        checklist_label = QLabel(self.tr("DPA &checklist (GDPR Art. 28(3)):"))
        checklist_label.setBuddy(self.checklist)
        self.findings = QPlainTextEdit()
        self.findings.setObjectName("publishFindings")
        self.findings.setReadOnly(True)
        self.findings.setMaximumHeight(160)
        self.confirm = QCheckBox(
            self.tr("I have read the checklist and want to &publish this version anyway")
        )
        self.confirm.toggled.connect(self._update_ok)
        form = QFormLayout()
        form.addRow(date_label, self.effective)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.sha_details)
        layout.addWidget(checklist_label)
        layout.addWidget(self.checklist, 1)
        layout.addWidget(self.findings)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.effective.dateChanged.connect(self.check)
        self.check()

    def check(self) -> None:
        """Run the checks for the chosen date (nothing changes until OK)."""
        from contractdesk.services.errors import UserError
        from contractdesk.services.terms import checklist_to_dict

        self.error_label.clear()
        try:
            self.preview = self.terms.publish_preview(
                self.label, pydate(self.effective.date()), today=self.today
            )
        except UserError as exc:
            self.preview = None
            self.checklist_model.set_rows([])
            self.findings.clear()
            self.notice.clear()
            self.error_label.setText(str(exc))
            self._update_ok()
            return
        preview = self.preview
        self.checklist_model.set_rows(checklist_to_dict(preview.checklist)["items"])
        self.checklist.resizeRowsToContents()
        self.notice.setText(
            self.tr(
                "%n customer(s) will be put on the re-acceptance list; notify them by %1 (§14).",
                "",
                preview.customers_to_notify,
            ).replace("%1", format_date(preview.last_notice_date))
        )
        self.sha_details.set_text(
            self.tr("Content SHA-256: %1").replace("%1", preview.content_sha256)
        )
        lines = [
            self.tr("Needs confirmation: %1").replace("%1", r) for r in preview.confirmation_reasons
        ]
        if preview.checklist is not None:
            lines += [
                self.tr("Repealed act in %1: “%2” — %3")
                .replace("%1", r.section_number)
                .replace("%2", r.quote)
                .replace("%3", dpa_text(r.reason))
                for r in preview.checklist.repealed_references
            ]
        lines += [self.tr("Note: %1").replace("%1", w) for w in preview.warnings]
        lines.append(
            self.tr("Sub-processors listed with this version: %1").replace(
                "%1", ", ".join(s.name for s in preview.subprocessors) or "—"
            )
        )
        self.findings.setPlainText("\n".join(lines))
        self.confirm.setVisible(preview.needs_confirmation)
        if not preview.needs_confirmation:
            self.confirm.setChecked(False)
        self._update_ok()

    def _update_ok(self) -> None:
        ready = self.preview is not None and (
            not self.preview.needs_confirmation or self.confirm.isChecked()
        )
        self.ok_button.setEnabled(ready)

    def submit(self) -> Any:
        return self.background()()

    def background(self) -> Callable[[], Any]:
        """Publishing makes the §14 notices for every customer: off the GUI thread."""
        terms, label, today = self.terms, self.label, self.today
        effective, confirm = pydate(self.effective.date()), self.confirm.isChecked()
        return lambda: terms.publish(label, effective, confirm_gaps=confirm, today=today)


class SubProcessorDialog(SubmitDialog):
    """Add or change a sub-processor register entry."""

    def __init__(
        self,
        terms: TermsService,
        entry: SubProcessorView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.terms = terms
        self.entry = entry
        self.setWindowTitle(self.tr("Sub-processor") if entry is None else entry.name)
        self.name = QLineEdit(entry.name if entry else "")
        self.org_number = QLineEdit(entry.org_number or "" if entry else "")
        self.purpose = QLineEdit(entry.purpose if entry else "")
        self.data_shared = QLineEdit(entry.data_shared if entry else "")
        self.location = QLineEdit(entry.location or "" if entry else "")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Receives data"), "data_shared")
        self.kind.addItem(self.tr("Has access to the data"), "access")
        if entry is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind)))
        self.clause = QLineEdit(entry.source_clause if entry else "")
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Name:"), self.name),
            (self.tr("&Org number:"), self.org_number),
            (self.tr("P&urpose:"), self.purpose),
            (self.tr("&Data shared:"), self.data_shared),
            (self.tr("&Location:"), self.location),
            (self.tr("&Kind:"), self.kind),
            (self.tr("&Clause:"), self.clause),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def submit(self) -> Any:
        from contractdesk.services.terms import SubProcessorInput

        data = SubProcessorInput(
            name=self.name.text(),
            purpose=self.purpose.text(),
            data_shared=self.data_shared.text(),
            kind=str(self.kind.currentData()),
            org_number=self.org_number.text() or None,
            location=self.location.text() or None,
            source_clause=self.clause.text(),
        )
        if self.entry is None:
            return self.terms.add_subprocessor(data)
        return self.terms.update_subprocessor(
            int(self.entry.id or 0), data, expected_version=self.entry.version
        )

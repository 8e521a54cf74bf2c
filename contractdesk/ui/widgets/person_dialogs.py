"""Dialogs for people at a customer: person form, who asked, registry holders, consent, erasure.

Each dialog that changes data takes a ``submit`` callable; ``accept()`` calls it and stays open with
the message shown when it raises ``UserError``, so the user can correct the input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.people import ROLE_ORDER, ConsentKind, Role
from contractdesk.services.errors import ConflictError, UserError
from contractdesk.ui.formatting import date_edit_format
from contractdesk.ui.widgets.dates import limit_date

if TYPE_CHECKING:  # the services load SQLAlchemy: imported when first used, not at start-up
    from contractdesk.services.people import PersonInput, PersonRow, RegistryHolder


def role_label(widget: Any, role: Role) -> str:
    """The translated name of a role (one translation context for every widget that shows roles)."""
    return {
        Role.MAIN_CONTACT: QCoreApplication.translate("PeopleRoles", "Main contact"),
        Role.CONTACT: QCoreApplication.translate("PeopleRoles", "Contact person"),
        Role.SIGNATORY: QCoreApplication.translate("PeopleRoles", "Signatory"),
        Role.GENERAL_MANAGER: QCoreApplication.translate("PeopleRoles", "General manager"),
    }[role]


def person_label(widget: Any, row: PersonRow) -> str:
    """The person's name, or "Erased person #id" for an anonymised record."""
    return row.full_name or QCoreApplication.translate("PeopleRoles", "Erased person #%1").replace(
        "%1", str(row.id)
    )


class SubmitDialog(QDialog):
    """A dialog whose OK runs ``submit`` and shows a ``UserError`` inline instead of closing.

    For a slow use case set ``background`` instead: it reads the fields (on the GUI thread) and
    returns the work, which runs on a pool thread; ``saved`` then gets its result.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit: Callable[[], None] | None = None
        self.background: Callable[[], Callable[[], Any]] | None = None
        self.saved: Callable[[Any], None] | None = None
        # Reload after a conflict (a colleague saved first): refill the fields from the store.
        self.reload: Callable[[], None] | None = None
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        try:
            if self.background is not None:
                self._run(self.background())
                return
            if self.submit is not None:
                self.submit()
        except UserError as exc:
            self.error_label.setText(str(exc))
            return
        except ConflictError as exc:
            self._conflict(exc)
            return
        super().accept()

    def _conflict(self, exc: ConflictError) -> None:
        from contractdesk.ui.errors import present_error

        self.error_label.setText(str(exc))
        present_error(self, exc, reload=self._reload)

    def _reload(self) -> None:
        if self.reload is not None:
            self.reload()
        self.error_label.clear()

    def _run(self, work: Callable[[], Any]) -> None:
        from contractdesk.ui.tasks import op

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        (
            op(self, work)
            .success(self._finished_ok)
            .failure(self._failed)
            .finished(lambda: ok.setEnabled(True))
            .run_in_background()
        )

    def _finished_ok(self, result: Any) -> None:
        if self.saved is not None:
            self.saved(result)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.error_label.setText(str(exc))
            return
        if isinstance(exc, ConflictError):
            self._conflict(exc)
            return
        from contractdesk.ui.errors import present_error

        present_error(self, exc)


class RequesterCombo(QComboBox):
    """Who at the customer asked: the people who may (main contact, signatories, general
    manager)."""

    def __init__(
        self,
        rows: Sequence[PersonRow],
        *,
        allow_nobody: bool,
        extra: Sequence[PersonRow] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if allow_nobody:
            self.addItem(self.tr("Nobody yet (the customer's first people)"), None)
        seen: set[int] = set()
        for row in [*rows, *extra]:
            if row.id in seen or row.erased:
                continue
            seen.add(row.id)
            roles = ", ".join(role_label(self, r) for r in row.roles)
            self.addItem(
                f"{person_label(self, row)} ({roles})" if roles else person_label(self, row), row.id
            )

    def person_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None


def managers(rows: Sequence[PersonRow]) -> list[PersonRow]:
    return [r for r in rows if r.rights.may_manage_contacts and not r.erased]


class PersonDialog(SubmitDialog):
    """Add a person at a customer (with role and who asked) or correct a person's fields."""

    def __init__(
        self,
        rows: Sequence[PersonRow] = (),
        *,
        person: PersonInput | None = None,
        with_role: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Correct person") if person is not None else self.tr("Add person")
        )
        form = QFormLayout()
        self.first = QLineEdit()
        self.middle = QLineEdit()
        self.last = QLineEdit()
        self.title_edit = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("22 22 22 22")
        self.mobile = QLineEdit()
        self.mobile.setPlaceholderText("912 34 567")
        self.emails = QPlainTextEdit()
        self.emails.setTabChangesFocus(True)
        self.emails.setFixedHeight(60)
        self.emails.setPlaceholderText(self.tr("One address per line"))
        for label, field in (
            (self.tr("&First name"), self.first),
            (self.tr("&Middle name"), self.middle),
            (self.tr("&Last name"), self.last),
            (self.tr("&Title"), self.title_edit),
            (self.tr("&Phone"), self.phone),
            (self.tr("M&obile"), self.mobile),
            (self.tr("&E-mail"), self.emails),
        ):
            form.addRow(label, field)
        self.role: QComboBox | None = None
        self.requested_by: RequesterCombo | None = None
        if with_role:
            self.role = QComboBox()
            for role in ROLE_ORDER:
                self.role.addItem(role_label(self, role), role.value)
            has_main = any(r.is_main_contact for r in rows)
            self.role.setCurrentIndex(
                self.role.findData(Role.CONTACT.value if has_main else Role.MAIN_CONTACT.value)
            )
            self.requested_by = RequesterCombo(managers(rows), allow_nobody=True)
            if managers(rows):
                self.requested_by.setCurrentIndex(1)
            form.addRow(self.tr("&Role"), self.role)
            form.addRow(self.tr("Re&quested by"), self.requested_by)
        if person is not None:
            self.set_person(person)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def set_person(self, person: PersonInput) -> None:
        self.first.setText(person.first_name)
        self.middle.setText(person.middle_name)
        self.last.setText(person.last_name)
        self.title_edit.setText(person.title)
        self.phone.setText(_national(person.phone))
        self.mobile.setText(_national(person.mobile))
        self.emails.setPlainText("\n".join(person.emails))

    def person(self) -> PersonInput:
        from contractdesk.services.people import PersonInput

        emails = tuple(
            e.strip()
            for e in self.emails.toPlainText().replace(",", "\n").splitlines()
            if e.strip()
        )
        return PersonInput(
            self.first.text(),
            self.last.text(),
            self.middle.text(),
            self.title_edit.text(),
            self.phone.text(),
            self.mobile.text(),
            emails,
        )

    def chosen_role(self) -> Role:
        return Role(self.role.currentData()) if self.role is not None else Role.CONTACT

    def requester(self) -> int | None:
        return self.requested_by.person_id() if self.requested_by is not None else None


def _national(e164: str) -> str:
    from contractdesk.services.validation import display_phone

    return display_phone(e164)


class RequestedByDialog(SubmitDialog):
    """Ask who at the customer requested a change, and when (§8.1.1)."""

    def __init__(
        self,
        question: str,
        candidates: Sequence[PersonRow],
        *,
        allow_nobody: bool = False,
        extra: Sequence[PersonRow] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who asked?"))
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.requested_by = RequesterCombo(candidates, allow_nobody=allow_nobody, extra=extra)
        self.asked_on = QDateEdit(QDate.currentDate())
        self.asked_on.setDisplayFormat(date_edit_format())
        self.asked_on.setCalendarPopup(True)
        limit_date(self.asked_on, until_today=True)
        self.keep_previous = QCheckBox(
            self.tr("Keep the previous main contact as a contact person")
        )
        self.keep_previous.setChecked(True)
        self.keep_previous.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Re&quested by"), self.requested_by)
        form.addRow(self.tr("&Asked on"), self.asked_on)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.keep_previous)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def requester(self) -> int | None:
        return self.requested_by.person_id()

    def asked_date(self) -> Any:
        return self.asked_on.date().toPython()


class RegistryHolderDialog(SubmitDialog):
    """Pick a person from the customer's registry roles; they are created with a suggested role in
    one go."""

    def __init__(
        self,
        holders: Sequence[RegistryHolder],
        rows: Sequence[PersonRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add from the registry"))
        self.holders = list(holders)
        self.model = QStandardItemModel(self)
        for holder in self.holders:
            text = f"{holder.name} — {holder.role or holder.role_code}"
            if holder.person_id is not None:
                text += " " + self.tr("(registered)")
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(holder.index, Qt.ItemDataRole.UserRole)
            self.model.appendRow(item)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName(self.tr("Role holders in the registry"))
        self.role = QComboBox()
        for role in ROLE_ORDER:
            self.role.addItem(role_label(self, role), role.value)
        self.requested_by = RequesterCombo(managers(rows), allow_nobody=True)
        if managers(rows):
            self.requested_by.setCurrentIndex(1)
        self.view.selectionModel().currentChanged.connect(self._suggest)
        self.empty = QLabel(
            self.tr(
                "The registry lists no persons for this customer. Refresh the customer "
                "from the registry, or add the person by hand."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.holders)
        form = QFormLayout()
        form.addRow(self.tr("&Role"), self.role)
        form.addRow(self.tr("Re&quested by"), self.requested_by)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        if self.holders:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _suggest(self) -> None:
        holder = self.current_holder()
        if holder is not None:
            self.role.setCurrentIndex(self.role.findData(holder.suggested_role.value))

    def current_holder(self) -> RegistryHolder | None:
        index = self.view.currentIndex()
        return self.holders[index.row()] if index.isValid() else None

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())

    def requester(self) -> int | None:
        return self.requested_by.person_id()


class ConsentDialog(SubmitDialog):
    """Record consent given or withdrawn, with date and source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record consent"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Marketing e-mail"), ConsentKind.MARKETING_EMAIL.value)
        self.kind.addItem(self.tr("Newsletter"), ConsentKind.NEWSLETTER.value)
        self.given = QRadioButton(self.tr("&Given"))
        self.withdrawn = QRadioButton(self.tr("&Withdrawn"))
        self.given.setChecked(True)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setDisplayFormat(date_edit_format())
        self.on.setCalendarPopup(True)
        limit_date(self.on, until_today=True)
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("e.g. web form, e-mail of 3 May, phone call"))
        form = QFormLayout()
        form.addRow(self.tr("&Consent to"), self.kind)
        form.addRow("", self.given)
        form.addRow("", self.withdrawn)
        form.addRow(self.tr("&Date"), self.on)
        form.addRow(self.tr("&Source"), self.source)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)


class EraseDialog(SubmitDialog):
    """Confirm an erasure; where the person is a main contact, choose who takes over."""

    def __init__(
        self,
        name: str,
        successors: dict[str, tuple[str, Sequence[PersonRow]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Erase person"))
        text = QLabel(
            self.tr(
                "Erase %1? Names, title, phone numbers and e-mail addresses are removed for good, "
                "also from the audit log's details. The id and the history of changes are kept "
                "(terms §8.2.3)."
            ).replace("%1", name)
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        self.successor_boxes: dict[str, QComboBox] = {}
        for org, (customer_name, rows) in successors.items():
            box = QComboBox()
            box.addItem(self.tr("Decide later (the customer has no main contact until then)"), None)
            for row in rows:
                if not row.erased:
                    box.addItem(person_label(self, row), row.id)
            if box.count() > 1:
                box.setCurrentIndex(1)
            form.addRow(self.tr("Next main contact of %1").replace("%1", customer_name), box)
            self.successor_boxes[org] = box
        self.confirm = QCheckBox(self.tr("I understand this cannot be undone"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Erase"))
        ok.setEnabled(False)
        self.confirm.toggled.connect(ok.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def successors(self) -> dict[str, int]:
        return {
            org: int(box.currentData())
            for org, box in self.successor_boxes.items()
            if box.currentData() is not None
        }

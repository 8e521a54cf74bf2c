"""The people of one customer: roles and rights, add/correct/remove, main contact, data-subject
requests.

Embed it in the customer card: ``panel = PeoplePanel(services); panel.set_customer("923130969")``.
Every action is also a public method (``add_person``, ``set_main_contact``, ``erase_person`` …) so
the
card, shortcuts and tests can drive it without the dialogs. Errors from the rules are shown in the
panel's message line, never swallowed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.people import Role
from contractdesk.services.errors import UserError
from contractdesk.services.validation import display_phone
from contractdesk.ui.files import in_documents
from contractdesk.ui.formatting import format_date
from contractdesk.ui.widgets.person_dialogs import (
    ConsentDialog,
    EraseDialog,
    PersonDialog,
    RegistryHolderDialog,
    RequestedByDialog,
    managers,
    person_label,
    role_label,
)

# The services load SQLAlchemy: not at start-up (the customer card embeds this panel).
if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.people import PersonInput, PersonRow

Index = QModelIndex | QPersistentModelIndex


class PeopleTableModel(QAbstractTableModel):
    """People at one customer over ``PersonRow`` values: name, roles, rights, e-mail, phone.

    ``IdRole`` gives the person id, ``SortRole`` a sort key (the main contact first).
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    NAME, ROLES, RIGHTS, EMAIL, PHONE = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonRow] = []

    def set_rows(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> PersonRow:
        return self._rows[row]

    def rows(self) -> list[PersonRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            (
                self.tr("Name"),
                self.tr("Roles"),
                self.tr("May"),
                self.tr("E-mail"),
                self.tr("Phone"),
            )[section]
            if 0 <= section < 5
            else None
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == self.IdRole:
            return row.id
        if role == self.SortRole:
            keys = (
                f"{0 if row.is_main_contact else 1}{row.full_name.casefold()}",
                ",".join(r.value for r in row.roles),
                self._rights_text(row),
                ",".join(row.emails),
                row.phone,
            )
            return keys[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                text = person_label(self, row)
                return f"{text}, {row.title}" if row.title else text
            if col == self.ROLES:
                return ", ".join(role_label(self, r) for r in row.roles)
            if col == self.RIGHTS:
                return self._rights_text(row)
            if col == self.EMAIL:
                return ", ".join(row.emails)
            if col == self.PHONE:
                return " / ".join(display_phone(p) for p in (row.phone, row.mobile) if p)
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and col == self.NAME
            and row.requested_by_person_id is not None
        ):
            return (
                self.tr("Since %1, requested by person %2")
                .replace("%1", format_date(row.since))
                .replace("%2", str(row.requested_by_person_id))
            )
        if role == Qt.ItemDataRole.FontRole and row.is_main_contact and col == self.NAME:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def _rights_text(self, row: PersonRow) -> str:
        parts = []
        if row.rights.approved_contact:
            parts.append(self.tr("contact"))
        if row.rights.may_order:
            parts.append(self.tr("order"))
        if row.rights.may_sign:
            parts.append(self.tr("sign"))
        if row.rights.may_manage_contacts:
            parts.append(self.tr("manage contacts"))
        return ", ".join(parts)


class PeoplePanel(QWidget):
    """The people of one customer, with their roles and rights.

    Signals:
        changed(): people or roles at the customer changed (the card may refresh its summary).
    """

    changed = Signal()
    loaded = Signal()  # the panel shows freshly read data

    def __init__(self, services: Services | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self.services = services
        self.edit_dialog: PersonDialog | None = None  # the person being edited (tests read it)
        self.org_number: str | None = None
        self.model = PeopleTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("peopleTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.doubleClicked.connect(lambda _: self._edit_clicked())
        self.heading = QLabel()
        self.heading.setObjectName("panelHeading")
        self.warning = QLabel()
        self.warning.setObjectName("peopleWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setObjectName("peopleMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.add_button = QPushButton()
        self.registry_button = QPushButton()
        self.edit_button = QPushButton()
        self.remove_button = QPushButton()
        self.main_button = QPushButton()
        self.consent_button = QPushButton()
        self.export_button = QPushButton()
        self.erase_button = QPushButton()
        self.requests_button = QPushButton()
        self.add_button.clicked.connect(self._add_clicked)
        self.registry_button.clicked.connect(self._registry_clicked)
        self.edit_button.clicked.connect(self._edit_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        self.main_button.clicked.connect(self._main_clicked)
        self.consent_button.clicked.connect(self._consent_clicked)
        self.export_button.clicked.connect(self._export_clicked)
        self.erase_button.clicked.connect(self._erase_clicked)
        self.requests_button.clicked.connect(self._requests_clicked)
        top = QHBoxLayout()
        for button in (
            self.add_button,
            self.registry_button,
            self.edit_button,
            self.remove_button,
            self.main_button,
        ):
            top.addWidget(button)
        top.addStretch(1)
        rights = QHBoxLayout()
        for button in (self.consent_button, self.export_button, self.erase_button):
            rights.addWidget(button)
        rights.addStretch(1)
        rights.addWidget(self.requests_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.warning)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(rights)
        layout.addWidget(self.message)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.retranslate()

    # -- public API -----------------------------------------------------------------------------

    def set_services(self, services: Services) -> None:
        self.services = services
        self.refresh()

    def set_customer(self, org_number: str | None) -> None:
        """Show the people of this customer (``None``: nothing)."""
        self.org_number = org_number
        self.message.clear()
        self.refresh()

    def refresh(self) -> None:
        """Reload the list in the background, keeping the selected person selected."""
        from contractdesk.ui.tasks import op

        if self.services is None or self.org_number is None:
            self.model.set_rows([])
            self.warning.setVisible(False)
            self._update_buttons()
            return
        people, org = self.services.people, self.org_number
        self._generation += 1
        generation = self._generation

        def load() -> tuple[list[PersonRow], list[str]]:
            return people.list_people(org), people.problems(org)

        def shown(result: tuple[list[PersonRow], list[str]]) -> None:
            if generation == self._generation:
                self._show(*result)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserError):
                from contractdesk.ui.errors import present_error

                present_error(self, exc)
                return
            self.message.setText(str(exc))
            self._show([], [])

        op(self, load).success(shown).failure(failed).run_in_background()

    def _show(self, rows: list[PersonRow], problems: list[str]) -> None:
        selected = self.selected_person_id()
        self.model.set_rows(rows)
        self.warning.setText("\n".join(problems))
        self.warning.setVisible(bool(problems))
        if selected is not None:
            self.select_person(selected)
        self._update_buttons()
        self.loaded.emit()

    def rows(self) -> list[PersonRow]:
        return self.model.rows()

    def selected_person_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return int(self.model.data(index, PeopleTableModel.IdRole))

    def select_person(self, person_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == person_id:
                self.view.selectRow(row)
                return True
        return False

    def add_person(
        self, data: PersonInput, role: Role | str, requested_by: int | None = None
    ) -> int:
        """Register a person with a role here; raises ``UserError`` (shown by the dialog)."""
        person_id = int(
            self.services.people.add_person_at(self._org(), data, role, requested_by=requested_by)
        )
        self._done(self.tr("Added %1.").replace("%1", data.full_name), person_id)
        return person_id

    def add_from_registry(
        self, index: int, role: Role | str | None = None, requested_by: int | None = None
    ) -> int:
        person_id = int(
            self.services.people.add_from_registry(
                self._org(), index, role=role, requested_by=requested_by
            )
        )
        self._done(self.tr("Added from the registry."), person_id)
        return person_id

    def correct_person(
        self, person_id: int, data: PersonInput, expected_version: int | None = None
    ) -> None:
        """Save a correction; ``expected_version``: the version the form was filled from (a
        colleague's newer save raises ``ConflictError``)."""
        self.services.people.correct(person_id, data, expected_version=expected_version)
        self._done(self.tr("Saved."), person_id)

    def remove_person(self, person_id: int, requested_by: int | None) -> None:
        """Take all of the person's roles here away (the main contact must be replaced first)."""
        self.services.people.remove_from_customer(self._org(), person_id, requested_by=requested_by)
        self._done(self.tr("Removed from this customer."))

    def set_main_contact(
        self,
        person_id: int,
        requested_by: int | None,
        asked_on: date | None = None,
        keep_previous: bool = True,
    ) -> None:
        self.services.people.set_main_contact(
            self._org(),
            person_id,
            requested_by=requested_by,
            requested_on=asked_on,
            keep_previous_as_contact=keep_previous,
        )
        self._done(self.tr("Main contact changed."), person_id)

    def record_consent(self, person_id: int, kind: str, given: bool, on: date, source: str) -> None:
        self.services.people.record_consent(person_id, kind, given, on=on, source=source)
        self.message.setText(self.tr("Consent recorded."))

    def export_person(self, person_id: int, path: str | Path) -> Path:
        """Write everything held about the person to a JSON file (access / portability request)."""
        written = Path(self.services.people.export_to_file(person_id, path))
        self.message.setText(self.tr("Exported to %1.").replace("%1", str(written)))
        return written

    def erase_person(self, person_id: int, successors: dict[str, int] | None = None) -> Any:
        result = self.services.people.erase(person_id, next_main_contacts=successors or {})
        self._done(
            self.tr(
                "Erased. The id and history are kept. Backups made before now still hold the "
                "data until they are deleted on schedule; restoring one erases the person again."
            )
        )
        return result

    # -- buttons ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("People"))
        self.heading.setText(self.tr("People"))
        self.add_button.setText(self.tr("&Add person…"))
        self.registry_button.setText(self.tr("From the &registry…"))
        self.edit_button.setText(self.tr("&Correct…"))
        self.remove_button.setText(self.tr("Re&move…"))
        self.main_button.setText(self.tr("Make &main contact…"))
        self.consent_button.setText(self.tr("C&onsent…"))
        self.export_button.setText(self.tr("E&xport data…"))
        self.erase_button.setText(self.tr("&Erase…"))
        self.erase_button.setToolTip(
            self.tr("Erase this person's personal data (data-subject request)")
        )
        self.requests_button.setText(self.tr("Re&quests…"))
        self.requests_button.setToolTip(
            self.tr("Data-subject requests (the selected person's, or all) and their deadlines")
        )

    def _update_buttons(self) -> None:
        has_customer = self.services is not None and self.org_number is not None
        pid = self.selected_person_id()
        row = self._row(pid) if pid is not None else None
        live = row is not None and not row.erased
        for button in (self.add_button, self.registry_button):
            button.setEnabled(has_customer)
        for button in (self.edit_button, self.consent_button, self.erase_button):
            button.setEnabled(live)
        self.export_button.setEnabled(row is not None)
        self.requests_button.setEnabled(self.services is not None)
        self.remove_button.setEnabled(row is not None and not row.is_main_contact)
        self.main_button.setEnabled(live and row is not None and not row.is_main_contact)

    def _add_clicked(self) -> None:
        dialog = PersonDialog(self.rows(), parent=self)
        dialog.submit = lambda: self.add_person(
            dialog.person(), dialog.chosen_role(), dialog.requester()
        )
        dialog.exec()

    def _registry_clicked(self) -> None:
        try:
            holders = self.services.people.registry_holders(self._org())
        except UserError as exc:
            self.message.setText(str(exc))
            return
        dialog = RegistryHolderDialog(holders, self.rows(), parent=self)

        def submit() -> None:
            holder = dialog.current_holder()
            if holder is None:
                raise UserError(self.tr("Choose a person from the list."))
            self.add_from_registry(holder.index, dialog.chosen_role(), dialog.requester())

        dialog.submit = submit
        dialog.exec()

    def _edit_clicked(self) -> None:
        pid = self.selected_person_id()
        if pid is None:
            return
        view = self.services.people.get(pid)
        if view.erased:
            return
        dialog = PersonDialog(person=view.as_input(), with_role=False, parent=self)
        read = {"version": view.version}  # the version the form shows

        def reload() -> None:  # after a conflict: the colleague's values, their version
            fresh = self.services.people.get(pid)
            read["version"] = fresh.version
            dialog.set_person(fresh.as_input())
            self.refresh()

        dialog.submit = lambda: self.correct_person(pid, dialog.person(), read["version"])
        dialog.reload = reload
        self.edit_dialog = dialog
        dialog.exec()

    def _remove_clicked(self) -> None:
        row = self._row(self.selected_person_id())
        if row is None:
            return
        dialog = RequestedByDialog(
            self.tr(
                "Who asked to remove %1 from this customer? Only the main contact, a signatory or "
                "the general manager may (§8.1.1); a person may always ask to be removed "
                "themselves."
            ).replace("%1", person_label(self, row)),
            managers(self.rows()),
            allow_nobody=not managers(self.rows()),
            extra=[row],
            parent=self,
        )
        dialog.submit = lambda: self.remove_person(row.id, dialog.requester())
        dialog.exec()

    def _main_clicked(self) -> None:
        row = self._row(self.selected_person_id())
        if row is None:
            return
        has_main = any(r.is_main_contact for r in self.rows())
        dialog = RequestedByDialog(
            self.tr(
                "Who asked to make %1 the main contact? Once the customer has a main contact, only "
                "the main contact, a signatory or the general manager may change it (§7.2, §8.1.1)."
            ).replace("%1", person_label(self, row)),
            managers(self.rows()),
            allow_nobody=not managers(self.rows()),
            parent=self,
        )
        dialog.keep_previous.setVisible(has_main)
        dialog.submit = lambda: self.set_main_contact(
            row.id, dialog.requester(), dialog.asked_date(), dialog.keep_previous.isChecked()
        )
        dialog.exec()

    def _consent_clicked(self) -> None:
        pid = self.selected_person_id()
        if pid is None:
            return
        dialog = ConsentDialog(self)
        dialog.submit = lambda: self.record_consent(
            pid,
            str(dialog.kind.currentData()),
            dialog.given.isChecked(),
            dialog.on.date().toPython(),
            dialog.source.text(),
        )
        dialog.exec()

    def _export_clicked(self) -> None:
        pid = self.selected_person_id()
        if pid is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export personal data"),
            in_documents(f"person-{pid}.json"),
            self.tr("JSON (*.json)"),
        )
        if not path:
            return
        try:
            self.export_person(pid, path)
        except (UserError, OSError) as exc:
            self.message.setText(self.tr("Not exported: %1").replace("%1", str(exc)))

    def _erase_clicked(self) -> None:
        row = self._row(self.selected_person_id())
        if row is None or row.erased:
            return
        view = self.services.people.get(row.id)
        successors: dict[str, tuple[str, list[PersonRow]]] = {}
        for m in view.memberships:
            if Role.MAIN_CONTACT in m.roles:
                others = [
                    r for r in self.services.people.list_people(m.org_number) if r.id != row.id
                ]
                successors[m.org_number] = (m.customer_name, others)
        dialog = EraseDialog(person_label(self, row), successors, parent=self)
        people, person = self.services.people, row.id

        def erasure() -> Callable[[], Any]:
            chosen = dialog.successors()  # read here, on the GUI thread
            return lambda: people.erase(person, next_main_contacts=chosen)

        dialog.background = erasure  # anonymising and secure_delete take time: off the GUI thread
        dialog.saved = lambda _result: self._done(self.tr("Erased. The id and history are kept."))
        dialog.exec()

    def _requests_clicked(self) -> None:
        from contractdesk.ui.widgets.request_log import RequestLogDialog

        RequestLogDialog(self.services, self.selected_person_id(), parent=self).exec()

    # -- helpers ----------------------------------------------------------------------------------

    def _org(self) -> str:
        if self.org_number is None:
            raise UserError(self.tr("Choose a customer first."))
        return self.org_number

    def _row(self, person_id: int | None) -> PersonRow | None:
        return (
            next((r for r in self.rows() if r.id == person_id), None)
            if person_id is not None
            else None
        )

    def _done(self, text: str, person_id: int | None = None) -> None:
        self.refresh()
        if person_id is not None:
            self.select_person(person_id)
        self.message.setText(text)
        self.changed.emit()

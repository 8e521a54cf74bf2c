""" "Who is this?" (Ctrl+K): type a name, e-mail or phone number; see customers and rights, or "not
approved".

The answer comes as the user types (a short pause, then one indexed look-up of a few milliseconds).
Data-subject actions for the chosen person sit beside it: export their data, erase them, see
requests.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.customers import status_label
from contractdesk.domain.orgnr import format_org_number
from contractdesk.services.errors import UserError
from contractdesk.services.validation import display_phone
from contractdesk.ui.files import in_documents
from contractdesk.ui.widgets.person_dialogs import EraseDialog, role_label
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.people import WhoisMatch, WhoisResult

Index = QModelIndex | QPersistentModelIndex
DEBOUNCE_MS = 150


class WhoisModel(QAbstractListModel):
    """The matches of one query. ``IdRole``: person id."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matches: list[WhoisMatch] = []

    def set_matches(self, matches: list[WhoisMatch]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self.endResetModel()

    def match_at(self, row: int) -> WhoisMatch:
        return self._matches[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else len(self._matches)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        m = self._matches[index.row()]
        if role == self.IdRole:
            return m.person_id
        if role == Qt.ItemDataRole.DisplayRole:
            customers = ", ".join(c.customer_name for c in m.memberships)
            state = customers if m.approved else self.tr("not approved")
            return f"{m.full_name} — {state}"
        return None


class WhoisDialog(QDialog):
    """The "Who is this?" window. ``lookup(text)`` answers at once (tests, pasted text)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.result: WhoisResult | None = None
        self.setObjectName("whoisDialog")
        self.resize(720, 440)
        self.query = QLineEdit()
        self.query.setObjectName("whoisQuery")
        self.query.setClearButtonEnabled(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("whoisVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.model = WhoisModel(self)
        self.matches = QListView()
        self.matches.setModel(self.model)
        self.matches.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.details = QLabel()
        self.details.setObjectName("whoisDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        splitter = QSplitter()
        splitter.addWidget(self.matches)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(1, 1)
        self.export_button = QPushButton()
        self.erase_button = QPushButton()
        self.requests_button = QPushButton()
        self.export_button.clicked.connect(self._export_clicked)
        self.erase_button.clicked.connect(self._erase_clicked)
        self.requests_button.clicked.connect(self._requests_clicked)
        self.message = QLabel()
        reserve_lines(self.message)  # a message never moves the buttons
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.erase_button)
        buttons.addStretch(1)
        buttons.addWidget(self.requests_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.verdict)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(lambda: self.search(self.query.text()))
        self.query.textChanged.connect(lambda _: self.timer.start())
        self.query.returnPressed.connect(lambda: self.search(self.query.text()))
        self._asked = 0  # the newest search: an older answer arriving late is dropped
        self.matches.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        self.retranslate()
        self.search("")

    def retranslate(self) -> None:
        self.query.setAccessibleName(self.tr("Name, e-mail or phone number"))
        self.matches.setAccessibleName(self.tr("People found"))
        self.setWindowTitle(self.tr("Who is this?"))
        self.query.setPlaceholderText(self.tr("Name, e-mail address or phone number"))
        self.export_button.setText(self.tr("E&xport data…"))
        self.erase_button.setText(self.tr("&Erase…"))
        self.requests_button.setText(self.tr("&Requests…"))

    # -- answering --------------------------------------------------------------------------------

    def lookup(self, text: str) -> WhoisResult:
        """Answer for ``text`` now and show it (tests, pasted text)."""
        self._take(text)
        return self._show(self.services.people.whois(text))

    def search(self, text: str) -> None:
        """Answer for ``text`` off the GUI thread (typing) and show it when it comes."""
        from contractdesk.ui.tasks import op

        self._take(text)
        self._asked += 1
        asked, people = self._asked, self.services.people

        def shown(result: WhoisResult) -> None:
            if asked == self._asked:
                self._show(result)

        op(self, lambda: people.whois(text)).success(shown).run_in_background()

    def _take(self, text: str) -> None:
        self.timer.stop()
        if self.query.text() != text:
            self.query.blockSignals(True)
            self.query.setText(text)
            self.query.blockSignals(False)

    def _show(self, result: WhoisResult) -> WhoisResult:
        self.result = result
        self.model.set_matches(list(result.matches))
        if result.kind == "empty":
            self.verdict.setText(self.tr("Type a name, e-mail address or phone number."))
        elif not result.matches:
            verdict = html.escape(
                self.tr(
                    "Not registered: NOT APPROVED. Persons not registered are turned away (terms §8)."  # noqa: E501  one translatable literal
                )
            )
            self.verdict.setText(f'<b style="color:#b00020">{verdict}</b>')
        elif result.approved:
            verdict = html.escape(
                self.tr("Registered: %n person(s) found.", "", len(result.matches))
            )
            self.verdict.setText(f'<b style="color:#1b5e20">{verdict}</b>')
        else:
            verdict = html.escape(
                self.tr("Registered, but without a role at any customer: NOT APPROVED.")
            )
            self.verdict.setText(f'<b style="color:#b00020">{verdict}</b>')
        if result.matches:
            self.matches.setCurrentIndex(self.model.index(0, 0))
        self._show_selected()
        return result

    def selected_match(self) -> WhoisMatch | None:
        index = self.matches.currentIndex()
        return self.model.match_at(index.row()) if index.isValid() else None

    def _show_selected(self) -> None:
        m = self.selected_match()
        self.export_button.setEnabled(m is not None)
        self.erase_button.setEnabled(m is not None)
        if m is None:
            self.details.setText("")
            return
        esc = html.escape
        lines = [f"<h3>{esc(m.full_name)}</h3>"]
        if m.title:
            lines.append(f"<p>{esc(m.title)}</p>")
        contact = [esc(e) for e in m.emails] + [
            esc(display_phone(p)) for p in (m.phone, m.mobile) if p
        ]
        if contact:
            lines.append("<p>" + "<br>".join(contact) + "</p>")
        if not m.memberships:
            no_role = esc(self.tr("No role at any customer: not approved."))
            lines.append(f"<p><b>{no_role}</b></p>")
        for c in m.memberships:
            roles = ", ".join(role_label(self, r) for r in c.roles)
            yes, no = "✔", "✘"
            rights = " · ".join(
                f"{yes if ok else no} {esc(label)}"
                for ok, label in (
                    (c.rights.approved_contact, self.tr("approved contact")),
                    (c.rights.may_order, self.tr("may order")),
                    (c.rights.may_sign, self.tr("may sign")),
                    (c.rights.may_manage_contacts, self.tr("may add or remove contacts")),
                )
            )
            status = (
                ""
                if c.customer_status == "active"
                else f" <i>({esc(status_label(c.customer_status))})</i>"
            )
            lines.append(
                f"<p><b>{esc(c.customer_name)}</b> "
                f"{esc(format_org_number(c.org_number))}{status}<br>"
                f"{esc(roles)}<br>{rights}</p>"
            )
        self.details.setText("".join(lines))

    # -- data-subject actions ----------------------------------------------------------------------

    def export_selected(self, path: str | Path) -> Path:
        m = self.selected_match()
        if m is None:
            raise UserError(self.tr("Choose a person first."))
        written = Path(self.services.people.export_to_file(m.person_id, path))
        self.message.setText(self.tr("Exported to %1.").replace("%1", str(written)))
        return written

    def _export_clicked(self) -> None:
        m = self.selected_match()
        if m is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export personal data"),
            in_documents(f"person-{m.person_id}.json"),
            self.tr("JSON (*.json)"),
        )
        if path:
            try:
                self.export_selected(path)
            except (UserError, OSError) as exc:
                self.message.setText(self.tr("Not exported: %1").replace("%1", str(exc)))

    def _erase_clicked(self) -> None:
        m = self.selected_match()
        if m is None:
            return
        successors = {}
        for c in m.memberships:
            if c.main_contact_person_id == m.person_id:
                others = [
                    r for r in self.services.people.list_people(c.org_number) if r.id != m.person_id
                ]
                successors[c.org_number] = (c.customer_name, others)
        dialog = EraseDialog(m.full_name, successors, parent=self)

        people, person = self.services.people, m.person_id

        def erasure() -> Callable[[], object]:
            chosen = dialog.successors()  # read here, on the GUI thread
            return lambda: people.erase(person, next_main_contacts=chosen)

        dialog.background = erasure  # off the GUI thread
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.setText(self.tr("Erased. The id and history are kept."))
            self.lookup(self.query.text())

    def _requests_clicked(self) -> None:
        from contractdesk.ui.widgets.request_log import RequestLogDialog

        m = self.selected_match()
        RequestLogDialog(self.services, m.person_id if m is not None else None, parent=self).exec()


def show_whois(window: QMainWindow) -> WhoisDialog | None:
    """Open (or bring forward) the window's one "Who is this?" dialog; None while no store is open.

    ``MainWindow`` binds this to Ctrl+K (application-wide) and imports this module only then, so
    start-up does not load the services.
    """
    services = getattr(window, "services", None)
    if services is None:
        return None
    dialog = getattr(window, "whois_dialog", None)
    if not isinstance(dialog, WhoisDialog) or dialog.services is not services:
        dialog = WhoisDialog(services, window)
        window.whois_dialog = dialog  # type: ignore[attr-defined]  # kept alive on the window
    dialog.show()
    dialog.activateWindow()  # brings it forward on desktops (raise_() is refused by some platforms)
    dialog.query.setFocus()
    dialog.query.selectAll()
    return dialog

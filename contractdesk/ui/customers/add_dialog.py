"""Add customer: type an org number or a name; the registry is asked on a worker as you type.

A valid org number shows the company card; a name lists the registry's hits, page by page, and
the chosen hit's card. Save registers the customer. When the registry cannot answer, the
dialog says why and offers "Register by hand" (the customer is then "not verified").
Requests never block the window, and an answer to an older text is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.customers import org_number_digits
from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.ui.customers.card import CustomerCard, plain_label
from contractdesk.ui.customers.list_model import status_text
from contractdesk.ui.customers.messages import registry_error_text
from contractdesk.ui.tasks import run_task

if TYPE_CHECKING:
    from contractdesk.registry import RegistryEntity, RegistryLookup, SearchPage
    from contractdesk.services.context import Services
    from contractdesk.services.customers import CustomerView

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
SEARCH_DEBOUNCE_MS = 200
MIN_NAME_CHARS = 2


class RegistryHitsModel(QAbstractListModel):
    """The registry's search hits (``RegistryEntity`` values); ``OrgNumberRole`` gives the
    number."""

    OrgNumberRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[RegistryEntity] = []

    def set_items(self, items: list[RegistryEntity]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def append(self, items: list[RegistryEntity]) -> None:
        if not items:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._items.extend(items)
        self.endInsertRows()

    def item(self, row: int) -> RegistryEntity:
        return self._items[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        entity = self._items[index.row()]
        if role == self.OrgNumberRole:
            return entity.org_number
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            address = entity.business_address or entity.postal_address
            parts = [entity.name, format_org_number(entity.org_number)]
            if entity.organisation_form is not None:
                parts.append(entity.organisation_form.code)
            if address is not None and address.municipality:
                parts.append(address.municipality)
            if entity.status != "active":
                parts.append(status_text(entity.status))
            return " — ".join(parts)
        return None


class ManualEntryForm(QWidget):
    """Register by hand: org number (checked as typed), name, address.

    Signals:
        validity_changed(bool)
    """

    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = plain_label()
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.org_number = QLineEdit()
        self.org_number.setPlaceholderText("971 049 669")
        self.org_hint = plain_label()
        self.name = QLineEdit()
        self.address1 = QLineEdit()
        self.address2 = QLineEdit()
        self.postcode = QLineEdit()
        self.city = QLineEdit()
        self._labels = [QLabel() for _ in range(6)]
        fields = [
            self.org_number,
            self.name,
            self.address1,
            self.address2,
            self.postcode,
            self.city,
        ]
        for label, field in zip(self._labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
            if field is self.org_number:
                form.addRow("", self.org_hint)
        layout.addLayout(form)
        layout.addStretch(1)
        self.org_number.textChanged.connect(self._check)
        self.name.textChanged.connect(self._check)
        self.retranslate()
        self._check()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "The customer is saved as \u201cnot verified\u201d. Refresh it when the registry "
                "can be reached: the registry's data then replaces what is typed here."
            )
        )
        for label, text in zip(
            self._labels,
            (
                self.tr("&Organisation number"),
                self.tr("&Name"),
                self.tr("&Address"),
                self.tr("Address line &2"),
                self.tr("&Postcode"),
                self.tr("&City"),
            ),
            strict=True,
        ):
            label.setText(text)
        self._check()

    def is_valid(self) -> bool:
        try:
            parse_org_number(self.org_number.text())
        except InvalidOrgNumber:
            return False
        return bool(self.name.text().strip())

    def _check(self) -> None:
        text = self.org_number.text()
        hint = ""
        if text.strip():
            try:
                parse_org_number(text)
            except InvalidOrgNumber as exc:
                hint = _org_hint(str(exc))
        self.org_hint.setText(hint)
        self.org_hint.setVisible(bool(hint))
        self.validity_changed.emit(self.is_valid())

    def value(self) -> Any:
        from contractdesk.services.customers import OfflineCustomer

        return OfflineCustomer(
            org_number=self.org_number.text(),
            name=self.name.text(),
            address_lines=tuple(
                x.text() for x in (self.address1, self.address2) if x.text().strip()
            ),
            postcode=self.postcode.text(),
            city=self.city.text(),
        )


def _org_hint(message: str) -> str:
    hints = {
        "An organisation number has 9 digits": QCoreApplication.translate(
            "OrgNumberHint", "An organisation number has 9 digits."
        ),
        "An organisation number starts with 8 or 9": QCoreApplication.translate(
            "OrgNumberHint", "An organisation number starts with 8 or 9."
        ),
        "The organisation number's check digit is wrong": QCoreApplication.translate(
            "OrgNumberHint", "The check digit is wrong: check the number."
        ),
    }
    return str(hints.get(message, message))


class AddCustomerDialog(QDialog):
    """Find a company in the registry by number or name, see its card, save it as a customer.

    Signals:
        registered(str): a customer was saved (org number).
    """

    registered = Signal(str)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        pool: Any = None,
        debounce_ms: int = SEARCH_DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.pool = pool
        self.lookup: RegistryLookup | None = None
        self.task: Any = None
        self._generation = 0
        self._page: SearchPage | None = None
        self._search_text = ""
        self._manual_possible = False

        layout = QVBoxLayout(self)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)

        find = QWidget()
        find_layout = QVBoxLayout(find)
        row = QHBoxLayout()
        self.query_label = QLabel()
        self.query = QLineEdit()
        self.query.setClearButtonEnabled(True)
        self.query_label.setBuddy(self.query)
        row.addWidget(self.query_label)
        row.addWidget(self.query, 1)
        find_layout.addLayout(row)
        self.message = plain_label()
        self.message.setObjectName("addCustomerMessage")
        find_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.hits_model = RegistryHitsModel(self)
        self.hits = QListView()
        self.hits.setModel(self.hits_model)
        self.hits.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.hits.setAccessibleName(self.tr("Companies found in the registry"))
        left_layout.addWidget(self.hits)
        self.more_button = QPushButton()
        self.more_button.clicked.connect(self.load_more)
        left_layout.addWidget(self.more_button)
        splitter.addWidget(left)
        self.card = CustomerCard(with_people=False)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(1, 2)
        find_layout.addWidget(splitter, 1)
        self.stack.addWidget(find)

        self.manual = ManualEntryForm()
        self.stack.addWidget(self.manual)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.manual_button = QPushButton()
        self.buttons.addButton(self.manual_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.back_button = QPushButton()
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.manual_button.clicked.connect(self.show_manual_entry)
        self.back_button.clicked.connect(self.show_search)
        layout.addWidget(self.buttons)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self._run_query)
        self.query.textChanged.connect(lambda _t: self.timer.start())
        self.query.returnPressed.connect(self._query_return)
        self.query.installEventFilter(self)
        self.hits.selectionModel().currentChanged.connect(self._hit_chosen)
        self.hits.activated.connect(self._hit_activated)
        self.manual.validity_changed.connect(self._update_buttons)

        self.resize(980, 680)
        self.retranslate()
        self.show_search()
        self.query.setFocus()

    # -- modes -------------------------------------------------------------------------------------

    def show_search(self) -> None:
        self.stack.setCurrentIndex(0)
        self._update_buttons()
        self.query.setFocus()

    def show_manual_entry(self) -> None:
        """Switch to "Register by hand", prefilled from what was typed."""
        text = self.query.text().strip()
        digits = org_number_digits(text)
        if digits and not self.manual.org_number.text():
            self.manual.org_number.setText(digits)
        elif text and not digits and not self.manual.name.text():
            self.manual.name.setText(text)
        if self.lookup is not None and not self.manual.org_number.text():
            self.manual.org_number.setText(self.lookup.entity.org_number)
        self.stack.setCurrentIndex(1)
        self._update_buttons()
        (self.manual.name if self.manual.org_number.text() else self.manual.org_number).setFocus()

    @property
    def manual_mode(self) -> bool:
        return self.stack.currentIndex() == 1

    # -- asking the registry -----------------------------------------------------------------------

    def _cancel_running(self) -> None:
        self._generation += 1
        if self.task is not None:
            self.task.cancel()
            self.task = None

    def _run_query(self) -> None:
        text = " ".join(self.query.text().split())
        self._cancel_running()
        self._set_lookup(None)
        self._manual_possible = False
        digits = org_number_digits(text)
        if not text:
            self.hits_model.set_items([])
            self._page = None
            self._say("")
        elif digits is not None and len(digits) < 9:
            self._say(self.tr("Type all 9 digits of the organisation number."))
        elif digits is not None:
            try:
                number = parse_org_number(digits)
            except InvalidOrgNumber as exc:
                self._say(_org_hint(str(exc)))
                return
            self.fetch(number)
        elif len(text) < MIN_NAME_CHARS:
            self._say(self.tr("Type at least 2 letters of the name."))
        else:
            self.search(text)
        self._update_buttons()

    def search(self, text: str, page: int = 0) -> None:
        """Ask the registry for one page of hits for a name (on a worker)."""
        generation = self._generation
        customers = self.services.customers
        self._search_text = text
        self._say(self.tr("Searching the registry…"))

        def work(_p: Any, cancel: Any) -> SearchPage:
            result: SearchPage = customers.search_registry(
                text, page=page, size=None if page == 0 else 20, cancel=cancel
            )
            return result

        def done(result: SearchPage) -> None:
            if generation != self._generation:
                return
            self._page = result
            if page == 0:
                self.hits_model.set_items(list(result.items))
            else:
                self.hits_model.append(list(result.items))
            if result.total == 0:
                self._say(self.tr("The registry has no organisation with this name."))
            else:
                self._say(
                    self.tr(
                        "%Ln hit(s) in the registry. Choose one to see its card.", "", result.total
                    )
                )
            self._update_buttons()

        self.task = run_task(
            work,
            on_success=done,
            on_failure=lambda exc: self._failed(exc, generation),
            pool=self.pool,
        )

    def load_more(self) -> None:
        if self._page is not None and self._page.has_next:
            self._cancel_running()
            self.search(self._search_text, self._page.page + 1)

    def fetch(self, org_number: str) -> None:
        """Ask the registry for one organisation (on a worker) and show its card."""
        generation = self._generation
        customers = self.services.customers
        if customers.exists(org_number):
            self._say(
                self.tr("%1 is already a customer.").replace("%1", format_org_number(org_number))
            )
            self._update_buttons()
            return
        self._say(
            self.tr("Asking the registry about %1…").replace("%1", format_org_number(org_number))
        )

        def work(_p: Any, cancel: Any) -> RegistryLookup:
            lookup: RegistryLookup = customers.fetch(org_number, cancel=cancel)
            return lookup

        def done(lookup: RegistryLookup) -> None:
            if generation != self._generation:
                return
            self._set_lookup(lookup)
            if lookup.entity.is_sub_unit:
                self._say(
                    self.tr("This is a sub-unit (a branch): register its main entity instead.")
                )
            else:
                self._say(self.tr("Check the card, then save."))
            self._update_buttons()

        self.task = run_task(
            work,
            on_success=done,
            on_failure=lambda exc: self._failed(exc, generation),
            pool=self.pool,
        )

    def _failed(self, exc: BaseException, generation: int) -> None:
        if generation != self._generation:
            return
        from contractdesk.registry import Cancelled, RegistryError

        if isinstance(exc, Cancelled):
            return
        self._manual_possible = (
            bool(getattr(exc, "manual_entry_possible", False))
            if isinstance(exc, RegistryError)
            else False
        )
        self._say(registry_error_text(exc) if isinstance(exc, RegistryError) else str(exc))
        self._update_buttons()
        if self._manual_possible:
            self.manual_button.setDefault(True)

    def _hit_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        number = str(current.data(RegistryHitsModel.OrgNumberRole))
        self._cancel_running()
        self._set_lookup(None)
        self.fetch(number)

    def _hit_activated(self, index: QModelIndex) -> None:
        if self.lookup is not None and self.lookup.entity.org_number == index.data(
            RegistryHitsModel.OrgNumberRole
        ):
            self.save_button.setFocus()

    def _query_return(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self._run_query()
        elif self.save_button.isEnabled():
            self.save()
        elif self.hits_model.rowCount():
            self.hits.setFocus()
            self.hits.setCurrentIndex(self.hits_model.index(0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.query
            and event.type() == QEvent.Type.KeyPress
            and self.hits_model.rowCount()
            and event.key() == Qt.Key.Key_Down
        ):  # type: ignore[attr-defined]  # a KeyPress event is a QKeyEvent
            self.hits.setFocus()
            if not self.hits.currentIndex().isValid():
                self.hits.setCurrentIndex(self.hits_model.index(0))
            return True
        return super().eventFilter(watched, event)

    # -- saving ------------------------------------------------------------------------------------

    def save(self) -> None:
        """Register the customer in the background; the dialog closes when it is stored."""
        from contractdesk.ui.tasks import op

        customers, lookup = self.services.customers, self.lookup
        offline = self.manual.value() if self.manual_mode and self.manual.is_valid() else None

        def work() -> CustomerView:
            if offline is not None:
                return customers.register_offline(offline)
            assert lookup is not None
            return customers.register_lookup(lookup)

        if offline is None and (self.manual_mode or lookup is None):
            return
        self.save_button.setEnabled(False)
        (
            op(self, work)
            .success(self._saved)
            .failure(self._not_saved)
            .finished(lambda: self.save_button.setEnabled(True))
            .with_pool(self.pool)
            .run_in_background()
        )

    def _saved(self, view: CustomerView) -> None:
        self.registered.emit(view.org_number)
        self.accept()

    def _not_saved(self, exc: BaseException) -> None:
        from contractdesk.errors import UserFacingError
        from contractdesk.ui.errors import present_error

        if not isinstance(exc, UserFacingError):
            present_error(self, exc)
            return
        self._say(str(exc))
        if self.manual_mode:
            self.manual.org_hint.setText(str(exc))
            self.manual.org_hint.setVisible(True)

    def reject(self) -> None:
        self._cancel_running()
        self.timer.stop()
        super().reject()

    # -- helpers -----------------------------------------------------------------------------------

    def _set_lookup(self, lookup: RegistryLookup | None) -> None:
        self.lookup = lookup
        if lookup is None:
            self.card.show_customer(None)
            self.card.setVisible(False)
            return
        from contractdesk.services.customers import preview

        self.card.show_customer(preview(lookup))
        self.card.setVisible(True)

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _update_buttons(self) -> None:
        if self.manual_mode:
            self.save_button.setEnabled(self.manual.is_valid())
            self.manual_button.setVisible(False)
            self.back_button.setVisible(True)
            self.more_button.setVisible(False)
            return
        self.back_button.setVisible(False)
        self.manual_button.setVisible(True)
        self.save_button.setEnabled(self.lookup is not None and not self.lookup.entity.is_sub_unit)
        self.more_button.setVisible(self._page is not None and self._page.has_next)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add customer"))
        self.query_label.setText(self.tr("&Org number or name:"))
        self.query.setPlaceholderText(self.tr("e.g. 971 049 669 or Heimen"))
        self.more_button.setText(self.tr("&More results"))
        self.manual_button.setText(self.tr("Register by &hand…"))
        self.back_button.setText(self.tr("&Back to the registry"))
        self.save_button.setText(self.tr("&Save"))

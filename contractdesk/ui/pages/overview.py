"""The Overview page (first page): what needs the owner's attention today.

One card per kind of attention with its count; a click shows the list behind it below the
cards, a double-click on a line opens that customer, and "Open …" goes to the page where it is
handled. The view is read off the GUI thread (``ui/tasks.run_task``); ``pool`` and ``today`` are
attributes so tests run it synchronously on a fixed day. Until the first agreement is sent a
"Getting started" panel lists the steps.

Signals:
    open_page(str): go to the page with this id.
    open_customer(str): open the customer card of this org number.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.orgnr import format_org_number
from contractdesk.domain.privacy.breach import countdown
from contractdesk.domain.privacy.retention import rule_title
from contractdesk.services.changes import (
    ACCEPTANCES,
    AGREEMENTS,
    CUSTOMERS,
    INVOICE_RUNS,
    PEOPLE,
    PRIVACY,
    SERVICES,
    SETTINGS,
    TERMS,
    Change,
)
from contractdesk.services.overview import (
    SLOW_CARDS,
    AttentionCard,
    AttentionItem,
    CardKey,
    GettingStarted,
    Overview,
)
from contractdesk.ui.formatting import format_date, format_datetime, format_money
from contractdesk.ui.icons import icon
from contractdesk.ui.pages.base import Page
from contractdesk.ui.tasks import op, run_task

if TYPE_CHECKING:
    from contractdesk.services.changes import Change
    from contractdesk.services.context import Services

Index = QModelIndex | QPersistentModelIndex

# The page (and its tab) where each card's list is handled.
CARD_PAGE: dict[CardKey, str] = {
    CardKey.DRAFTS: "agreements",
    CardKey.UNRETURNED: "agreements",
    CardKey.NOTICES: "agreements",
    CardKey.BINDING: "billing",
    CardKey.PRICE_NOTICE: "billing",
    CardKey.REQUESTS: "customers",
    CardKey.REGISTRY: "customers",
    CardKey.INVOICES: "billing",
    CardKey.ORDERING: "billing",
    CardKey.BREACHES: "privacy",
    CardKey.RETENTION: "privacy",
    CardKey.RUNS: "billing",
}
CARD_TAB: dict[CardKey, int] = {
    CardKey.DRAFTS: 2,  # Agreements: the agreements themselves
    CardKey.UNRETURNED: 2,
    CardKey.NOTICES: 1,  # Agreements: re-acceptance (§14)
    CardKey.BINDING: 3,  # Services & invoicing: the services
    CardKey.PRICE_NOTICE: 3,
    CardKey.INVOICES: 0,  # Services & invoicing: the invoice plan
    CardKey.ORDERING: 3,
    CardKey.RUNS: 4,  # Services & invoicing: invoice runs
}

# What each card reads: a change to any of these areas reloads the card (and only those cards).
CARD_AREAS: dict[CardKey, frozenset[str]] = {
    CardKey.DRAFTS: frozenset({AGREEMENTS, CUSTOMERS}),
    CardKey.UNRETURNED: frozenset({AGREEMENTS, CUSTOMERS}),
    CardKey.NOTICES: frozenset({AGREEMENTS, ACCEPTANCES, TERMS, CUSTOMERS}),
    CardKey.BINDING: frozenset({SERVICES, CUSTOMERS}),
    CardKey.PRICE_NOTICE: frozenset({SERVICES, CUSTOMERS}),
    CardKey.REQUESTS: frozenset({PEOPLE}),
    CardKey.REGISTRY: frozenset({CUSTOMERS, PEOPLE}),
    CardKey.INVOICES: frozenset({SERVICES, CUSTOMERS, SETTINGS}),
    CardKey.ORDERING: frozenset({SERVICES, ACCEPTANCES, AGREEMENTS, CUSTOMERS}),
    CardKey.BREACHES: frozenset({PRIVACY}),
    CardKey.RETENTION: frozenset({PRIVACY, SETTINGS, CUSTOMERS, PEOPLE, SERVICES, AGREEMENTS}),
    CardKey.RUNS: frozenset({INVOICE_RUNS, SERVICES, CUSTOMERS, SETTINGS}),
}
STARTED_AREAS = frozenset({CUSTOMERS, PEOPLE, SERVICES, AGREEMENTS, ACCEPTANCES})


def cards_concerned(change: Change) -> list[CardKey]:
    """The cards whose numbers ``change`` may alter."""
    return [key for key in CardKey if change.touches(*CARD_AREAS[key])]


def card_title(key: CardKey) -> str:
    return {
        CardKey.DRAFTS: QCoreApplication.translate("OverviewPage", "Drafted, not sent"),
        CardKey.UNRETURNED: QCoreApplication.translate(
            "OverviewPage", "Sent, not returned after 14 days"
        ),
        CardKey.NOTICES: QCoreApplication.translate("OverviewPage", "New terms: notices (§14)"),
        CardKey.BINDING: QCoreApplication.translate(
            "OverviewPage", "Binding periods ending within 60 days"
        ),
        CardKey.PRICE_NOTICE: QCoreApplication.translate(
            "OverviewPage", "Price changes to announce by 1 October"
        ),
        CardKey.REQUESTS: QCoreApplication.translate("OverviewPage", "Data-subject requests"),
        CardKey.REGISTRY: QCoreApplication.translate("OverviewPage", "Registry warnings"),
        CardKey.INVOICES: QCoreApplication.translate(
            "OverviewPage", "Invoices in the next 30 days"
        ),
        CardKey.ORDERING: QCoreApplication.translate(
            "OverviewPage", "Ordering without accepted terms"
        ),
        CardKey.BREACHES: QCoreApplication.translate(
            "OverviewPage", "Breaches: report within 72 hours"
        ),
        CardKey.RETENTION: QCoreApplication.translate("OverviewPage", "Due for deletion"),
        CardKey.RUNS: QCoreApplication.translate("OverviewPage", "Invoices waiting for a run"),
    }[key]


def item_status(item: AttentionItem) -> str:
    """What a line's code means, in the user's language."""
    texts = {
        "draft": QCoreApplication.translate("OverviewPage", "Draft"),
        "sent": QCoreApplication.translate("OverviewPage", "Waiting for signature"),
        "to_notify": QCoreApplication.translate("OverviewPage", "Notify by"),
        "notified": QCoreApplication.translate("OverviewPage", "Accept by"),
        "overdue": QCoreApplication.translate("OverviewPage", "Deadline passed"),
        "binding": QCoreApplication.translate("OverviewPage", "Binding ends"),
        "price": QCoreApplication.translate("OverviewPage", "Announce by"),
        "request": QCoreApplication.translate("OverviewPage", "Answer by"),
        "deleted": QCoreApplication.translate("OverviewPage", "Deleted in the registry"),
        "removed": QCoreApplication.translate("OverviewPage", "Removed from the registry"),
        "bankrupt": QCoreApplication.translate("OverviewPage", "Bankrupt"),
        "liquidation": QCoreApplication.translate("OverviewPage", "Being dissolved"),
        "departed": QCoreApplication.translate("OverviewPage", "A signatory has left"),
        "invoice": QCoreApplication.translate("OverviewPage", "Invoice"),
        "credit": QCoreApplication.translate("OverviewPage", "Credit note"),
        "ordering": QCoreApplication.translate("OverviewPage", "Terms not accepted"),
        "breach": QCoreApplication.translate("OverviewPage", "Report by"),
        "retention": QCoreApplication.translate("OverviewPage", "Due since"),
    }
    text = texts.get(item.code, item.code)
    if item.overdue and item.code not in ("overdue",):
        text = QCoreApplication.translate("OverviewPage", "%1 (too late)").replace("%1", text)
    return text


def request_kind_text(kind: str) -> str:
    return {
        "access": QCoreApplication.translate("RequestKinds", "Access"),
        "correction": QCoreApplication.translate("RequestKinds", "Correction"),
        "erasure": QCoreApplication.translate("RequestKinds", "Erasure"),
        "restriction": QCoreApplication.translate("RequestKinds", "Restriction"),
        "portability": QCoreApplication.translate("RequestKinds", "Portability"),
        "objection": QCoreApplication.translate("RequestKinds", "Objection"),
    }.get(kind, kind)


class AttentionModel(QAbstractTableModel):
    """The lines behind one card: name, org number, what, status, date, amount."""

    COLUMNS = ("name", "org_number", "what", "status", "day", "amount")
    OrgRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: tuple[AttentionItem, ...] = ()
        self.key: CardKey | None = None

    def set_card(self, card: AttentionCard | None) -> None:
        self.beginResetModel()
        self.items = card.items if card is not None else ()
        self.key = card.key if card is not None else None
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        what = {
            CardKey.DRAFTS: self.tr("Agreement"),
            CardKey.UNRETURNED: self.tr("Agreement"),
            CardKey.NOTICES: self.tr("Terms version"),
            CardKey.BINDING: self.tr("Service"),
            CardKey.PRICE_NOTICE: self.tr("Service"),
            CardKey.REQUESTS: self.tr("Request"),
            CardKey.REGISTRY: self.tr("Signers gone"),
            CardKey.INVOICES: self.tr("Document"),
            CardKey.ORDERING: self.tr("Services"),
            CardKey.BREACHES: self.tr("Breach no."),
            CardKey.RETENTION: self.tr("Rule"),
            CardKey.RUNS: self.tr("Document"),
        }
        return (
            self.tr("Name"),
            self.tr("Org number"),
            what.get(self.key, self.tr("What")) if self.key is not None else self.tr("What"),
            self.tr("Status"),
            self.tr("Date"),
            self.tr("Amount incl. VAT"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == self.OrgRole:
            return item.org_number
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and item.overdue and column in ("status", "day"):
            from PySide6.QtGui import QColor

            return QColor("#b71c1c")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(item, column)

    def _text(self, item: AttentionItem, column: str) -> str:
        if column == "name":
            return item.name or (self.tr("(erased person)") if item.code == "request" else "")
        if column == "org_number":
            return format_org_number(item.org_number) if item.org_number else ""
        if column == "what":
            return self._what(item)
        if column == "status":
            return "" if item.code in ("invoice", "credit") else item_status(item)
        if column == "day":
            if item.moment is not None:
                return format_datetime(item.moment)
            return format_date(item.day) if item.day else ""
        if column == "amount":
            return format_money(item.amount) if item.amount is not None else ""
        return ""

    @staticmethod
    def _what(item: AttentionItem) -> str:
        if item.code == "request":
            return request_kind_text(item.what)
        if item.code in ("invoice", "credit"):
            return item_status(item)
        if item.code == "retention":
            return rule_title(item.what)
        return item.what


class AttentionCardButton(QPushButton):
    """One card: icon, title, a big count and one line of detail; checkable (its list is shown)."""

    def __init__(self, key: CardKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"card_{key.value}")
        self.setCheckable(True)
        self.setAutoDefault(False)
        self.setProperty("card", True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.icon_label = QLabel()
        self.icon_label.setPixmap(icon(key.value).pixmap(24, 24))
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setObjectName("cardTitle")
        self.count_label = QLabel("\u2013")
        self.count_label.setObjectName("cardCount")
        font = QFont(self.count_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.count_label.setFont(font)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("cardDetail")
        self.detail_label.setWordWrap(True)
        for label in (self.icon_label, self.title_label, self.count_label, self.detail_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # room for two lines of title and of detail, whatever the language: cards never clip
        line = self.fontMetrics().lineSpacing()
        self.title_label.setMinimumHeight(2 * line + 2)
        self.detail_label.setMinimumHeight(2 * line + 2)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        count_line = QFontMetrics(font).lineSpacing()
        self.setFixedHeight(20 + 2 * (2 * line + 2) + count_line + 3 * 6 + 4)
        top = QHBoxLayout()
        top.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)

    def show_card(self, card: AttentionCard | None, now: datetime | None = None) -> None:
        self.title_label.setText(card_title(self.key))
        if card is None:
            self.count_label.setText("\u2013")
            self.detail_label.setText("")
        else:
            self.count_label.setText(str(card.count))
            self.detail_label.setText(self.detail_text(card, now))
        urgent = card is not None and card.overdue > 0
        self.setProperty("urgent", urgent)
        self.style().unpolish(self)
        self.style().polish(self)
        parts = [self.title_label.text(), self.count_label.text(), self.detail_label.text()]
        self.setAccessibleName(" — ".join(p for p in parts if p))
        self.setToolTip(self.tr("Show the list behind this card"))

    def detail_text(self, card: AttentionCard, now: datetime | None = None) -> str:
        """The card's line under the count: overdue, next deadline, or the sum."""
        if card.key in (CardKey.INVOICES, CardKey.RUNS):
            if card.amount is None or (card.key == CardKey.RUNS and not card.count):
                return self.tr("Nothing to do") if card.amount is not None else ""
            return self.tr("NOK %1 incl. VAT").replace("%1", format_money(card.amount))
        parts = []
        if card.overdue:
            parts.append(self.tr("%n overdue", "", card.overdue))
        if card.next_moment is not None:  # the 72-hour countdown of the next breach
            parts.append(countdown(card.next_moment, now or datetime.now(UTC)).text())
        elif card.next_day is not None:
            label = {
                CardKey.DRAFTS: self.tr("oldest from %1"),
                CardKey.UNRETURNED: self.tr("oldest sent %1"),
                CardKey.BINDING: self.tr("first ends %1"),
                CardKey.ORDERING: self.tr("first service from %1"),
                CardKey.RETENTION: self.tr("due since %1"),
            }.get(card.key, self.tr("next deadline %1"))
            parts.append(label.replace("%1", format_date(card.next_day)))
        if not parts and card.count == 0:
            parts.append(self.tr("Nothing to do"))
        return " · ".join(parts)


class GettingStartedPanel(QFrame):
    """ "Getting started": the five steps to the first sent agreement, each ticked when done.

    Signals:
        open_page(str): a step's button was clicked (the page id).
    """

    open_page = Signal(str)

    STEPS = (
        ("settings", "business"),
        ("customers", "customers"),
        ("customers", "people"),
        ("billing", "services"),
        ("agreements", "agreements"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gettingStarted")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel()
        self.heading.setObjectName("gettingStartedHeading")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        grid = QGridLayout()
        self.marks: list[QLabel] = []
        self.labels: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        for row, (page_id, _step) in enumerate(self.STEPS):
            mark, label, button = QLabel(), QLabel(), QPushButton()
            label.setWordWrap(True)
            button.setIcon(icon("open"))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, p=page_id: self.open_page.emit(p))
            grid.addWidget(mark, row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            self.marks.append(mark)
            self.labels.append(label)
            self.buttons.append(button)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(grid)
        self.done = [True, False, False, False, False]
        self.retranslate()

    def set_progress(self, customers: int, people: int, services: int, agreements: int) -> None:
        self.done = [True, customers > 0, people > 0, services > 0, agreements > 0]
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Getting started"))
        self.intro.setText(
            self.tr(
                "Five steps to your first signed agreement. This panel goes away once the "
                "first agreement has been sent."
            )
        )
        texts = (
            (self.tr("1. Your business details"), self.tr("Settings")),
            (self.tr("2. Add a customer from the registry"), self.tr("Customers")),
            (self.tr("3. Add its main contact (on the customer card)"), self.tr("Customers")),
            (self.tr("4. Add the services the customer buys"), self.tr("Services")),
            (self.tr("5. Make the agreement, print or e-mail it"), self.tr("Agreements")),
        )
        for i, (text, button) in enumerate(texts):
            done = self.done[i]
            self.marks[i].setPixmap(
                icon("done" if done else "todo", "#2e7d32" if done else "#757575").pixmap(18, 18)
            )
            self.marks[i].setAccessibleName(self.tr("Done") if done else self.tr("Not done"))
            self.labels[i].setText(text)
            self.buttons[i].setText(self.tr("Open %1").replace("%1", button))
            self.buttons[i].setAccessibleName(
                self.tr("Open %1").replace("%1", button) + " — " + text
            )


class OverviewPage(Page):
    """What needs attention today, with the list behind each card."""

    page_id = "overview"
    open_page = Signal(str)
    open_customer = Signal(str)
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool: Any = None  # None: the global QThreadPool; tests pass a SyncPool
        self.today: date | None = None  # None: the real today
        self.view: Overview | None = None
        self.now: datetime | None = None  # None: the real time (the breach countdown)
        self.task: Any = None
        self.invoice_task: Any = None
        self.change_task: Any = None
        self.selected: CardKey | None = None

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.subheading = QLabel()
        self.subheading.setObjectName("pageSubheading")
        self.refresh_button = QPushButton()
        self.refresh_button.setIcon(icon("refresh"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(lambda: self.reload())
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        head.addLayout(titles, 1)
        head.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)

        self.getting_started = GettingStartedPanel()
        self.getting_started.open_page.connect(self.open_page)
        self.getting_started.hide()

        self.cards: dict[CardKey, AttentionCardButton] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for n, key in enumerate(CardKey):
            button = AttentionCardButton(key)
            button.clicked.connect(lambda _=False, k=key: self.show_list(k))
            grid.addWidget(button, n // 4, n % 4)
            self.cards[key] = button
        for column in range(4):
            grid.setColumnStretch(column, 1)

        self.list_heading = QLabel()
        self.list_heading.setObjectName("listHeading")
        self.go_button = QPushButton()
        self.go_button.setIcon(icon("open"))
        self.go_button.setAutoDefault(False)
        self.go_button.clicked.connect(self._go)
        list_head = QHBoxLayout()
        list_head.addWidget(self.list_heading, 1)
        list_head.addWidget(self.go_button)
        self.model = AttentionModel(self)
        self.table = QTableView()
        self.table.setObjectName("attentionList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.more_label = QLabel()
        self.clock = QTimer(self)  # the breach countdown on its card moves on
        self.clock.setInterval(60_000)
        self.clock.timeout.connect(self._show_cards)
        self.clock.start()

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.getting_started)
        layout.addLayout(grid)
        layout.addLayout(list_head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more_label)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Overview")

    # -- data --------------------------------------------------------------------------------

    def set_services(self, services: Services) -> None:
        super().set_services(services)
        self.reload()

    def reload(self) -> None:
        """Read the overview again, off the GUI thread: every card but the slow ones first, then
        those (``SLOW_CARDS``: the billing plan and the retention rules, slowest at 100,000
        customers)."""
        if self.services is None:
            return
        for task in (self.task, self.invoice_task, self.change_task):
            if task is not None:
                task.cancel()
        overview_service = self.services.overview
        today = self.today
        self.refresh_button.setEnabled(False)
        self.task = run_task(
            lambda _progress, _cancel: overview_service.overview(today, include_invoices=False),
            on_success=self._loaded,
            on_failure=self._failed,
            on_finished=lambda: self.refresh_button.setEnabled(True),
            pool=self.pool,
        )

    def _load_invoices(self) -> None:
        """The slow cards (invoices, invoice runs, retention), after the others are shown."""
        self.invoice_task = self._load_cards(sorted(SLOW_CARDS, key=list(CardKey).index), False)

    def on_change(self, change: Change) -> None:
        """Something changed: read again, off the GUI thread, only the cards it concerns (and the
        getting-started steps when they may have moved). A hidden page reloads when shown."""
        keys = cards_concerned(change)
        started = change.touches(*STARTED_AREAS)
        if (not keys and not started) or self.view is None or not self.isVisible():
            return
        self.change_task = self._load_cards(keys, started)

    def _load_cards(self, keys: list[CardKey], started: bool) -> Any:
        overview_service = self.services.overview if self.services is not None else None
        if overview_service is None:
            return None
        today = self.view.today if self.view is not None else self.today

        def load() -> tuple[tuple[AttentionCard, ...], Any]:
            cards = overview_service.cards(keys, today)
            return cards, (overview_service.getting_started() if started else None)

        # op: nothing is delivered to a page that was closed meanwhile
        return (
            op(self, load)
            .success(self._cards_loaded)
            .failure(self._failed)
            .with_pool(self.pool)
            .run_in_background()
        )

    def _cards_loaded(
        self, result: tuple[tuple[AttentionCard, ...], GettingStarted | None]
    ) -> None:
        if self.view is None:
            return
        cards, started = result
        self.view = self.view.with_cards(cards, started)
        if started is not None:
            self._show_started(started)
        self.retranslate()
        self.loaded.emit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.view is not None:
            self.reload()  # counts change as work is done on other pages

    def _loaded(self, view: Overview) -> None:
        self.view = view
        self._show_started(view.getting_started)
        if self.selected is None:
            first = next((c.key for c in view.cards if c.count), None)
            self.selected = first or CardKey.DRAFTS
        self.retranslate()
        self._load_invoices()

    def _show_started(self, started: GettingStarted) -> None:
        self.getting_started.set_progress(
            started.customers, started.people, started.services, started.agreements
        )
        self.getting_started.setVisible(not started.done)

    def _failed(self, exc: BaseException) -> None:
        self.subheading.setText(self.tr("Could not read the overview: %1").replace("%1", str(exc)))

    def show_list(self, key: CardKey) -> None:
        """Show the lines behind the card ``key`` below the cards."""
        self.selected = key
        self._show_selected()
        self.table.setFocus()

    def _show_selected(self) -> None:
        for key, button in self.cards.items():
            button.setChecked(key == self.selected)
        card = self.view.card(self.selected) if self.view and self.selected else None
        self.model.set_card(card)
        if self.selected is None:
            self.list_heading.setText("")
            self.go_button.setText(self.tr("Open"))
            self.more_label.setText("")
            return
        self.list_heading.setText(card_title(self.selected))
        self.go_button.setText(
            self.tr("Open %1").replace("%1", self._page_title(CARD_PAGE[self.selected]))
        )
        if card is not None and card.count > len(card.items):
            self.more_label.setText(
                self.tr("Showing the first %1 of %2.")
                .replace("%1", str(len(card.items)))
                .replace("%2", str(card.count))
            )
        elif card is not None and card.count == 0:
            self.more_label.setText(self.tr("Nothing here needs your attention."))
        else:
            self.more_label.setText("")

    def _show_cards(self) -> None:
        for key, button in self.cards.items():
            button.show_card(self.view.card(key) if self.view is not None else None, self.now)

    def _page_title(self, page_id: str) -> str:
        return {
            "agreements": self.tr("Agreements"),
            "billing": self.tr("Services & invoicing"),
            "customers": self.tr("Customers"),
            "settings": self.tr("Settings"),
            "privacy": self.tr("Privacy"),
        }[page_id]

    def _go(self) -> None:
        if self.selected is not None:
            tab = CARD_TAB.get(self.selected)
            page = CARD_PAGE[self.selected]
            self.open_page.emit(page if tab is None else f"{page}:{tab}")

    def _activated(self, index: QModelIndex) -> None:
        org = self.model.data(index, AttentionModel.OrgRole)
        if org:
            self.open_customer.emit(str(org))

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        day = self.view.today if self.view is not None else (self.today or date.today())
        self.subheading.setText(
            self.tr("What needs your attention today, %1").replace("%1", format_date(day))
        )
        self.refresh_button.setText(self.tr("&Update"))
        self.refresh_button.setToolTip(self.tr("Read the counts again"))
        self.table.setAccessibleName(self.tr("The list behind the chosen card"))
        self._show_cards()
        self.getting_started.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self._show_selected()

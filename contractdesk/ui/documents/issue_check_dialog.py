"""Before issuing: the problems the app found, shown for the user to confirm (never printed).

`IssueCheckDialog` lists `DocumentService.issue_check` (no registry signing data, a signer the
registry does not confirm, an unverified or deleted customer, an incomplete supplier profile,
terms that name another business …). "Issue anyway" accepts; Cancel rejects. When the terms
version names another business than the supplier profile, the dialog offers the draft of a next
version with the supplier's details as fields (`SupplierDraftBox`, also on the Terms page).

`IssueGate` runs the check off the GUI thread, opens the dialog only when there is something to
confirm and calls ``proceed`` once the user agreed (at once when there is nothing). Problems the
user confirmed for the same customers and version are not asked again by the same gate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contractdesk.ui.tasks import op

if TYPE_CHECKING:
    from contractdesk.services.documents import IssueCheck


class SupplierDraftBox(QGroupBox):
    """Make the next terms version's draft with the supplier's details as fields.

    Signals:
        drafted(str): the label of the draft made.
    """

    drafted = Signal(str)

    def __init__(
        self,
        services: Any,
        source_label: str,
        parent: QWidget | None = None,
        *,
        pool: Any = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.source_label = source_label
        self.pool = pool
        self.task: Any = None
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        self.label_edit = QLineEdit((today or date.today()).isoformat())
        self.label_edit.setObjectName("supplierDraftLabel")
        self.label_label = QLabel()
        self.label_label.setBuddy(self.label_edit)
        self.make_button = QPushButton()
        self.make_button.setObjectName("supplierDraftButton")
        self.make_button.clicked.connect(lambda: self.make())
        self.result_label = QLabel()
        self.result_label.setObjectName("supplierDraftResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.label_edit, 1)
        row.addWidget(self.make_button)
        form = QFormLayout()
        form.addRow(self.label_label, row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Another supplier"))
        self.explain.setText(
            self.tr(
                "Make a draft of the next terms version from %1 in which the supplier's name, "
                "address, e-mail and signer are fields filled from the supplier profile. Review "
                "and publish it on the Terms page."
            ).replace("%1", self.source_label)
        )
        self.label_label.setText(self.tr("&Label of the draft:"))
        self.label_edit.setAccessibleName(self.tr("Label of the draft"))
        self.make_button.setText(self.tr("&Make the draft"))

    def make(self) -> Any:
        """Make the draft in the background; the result (or why not) is shown in the box."""
        label = self.label_edit.text().strip()
        documents, source = self.services.documents, self.source_label
        self.make_button.setEnabled(False)

        def done(view: Any) -> None:
            self.result_label.setText(
                self.tr("Draft %1 made: review it on the Terms page and publish it.").replace(
                    "%1", view.row.label
                )
            )
            self.drafted.emit(view.row.label)

        def failed(exc: BaseException) -> None:
            from contractdesk.ui.errors import user_message

            self.result_label.setText(user_message(exc))

        self.task = (
            op(self, lambda: documents.draft_with_supplier_fields(source, label))
            .success(done)
            .failure(failed)
            .finished(lambda: self.make_button.setEnabled(True))
            .with_pool(self.pool)
            .run_in_background()
        )
        return self.task


class IssueCheckDialog(QDialog):
    """The problems found before issuing; accept means "issue anyway"."""

    def __init__(
        self,
        problems: Sequence[str],
        parent: QWidget | None = None,
        *,
        supplier_mismatch: str = "",
        terms_label: str = "",
        services: Any = None,
        pool: Any = None,
        today: date | None = None,
        refused: bool = False,
    ) -> None:
        super().__init__(parent)
        self.problems = list(problems)
        self.refused = refused
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setObjectName("issueProblems")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.addItems(self.problems)
        self.draft_box: SupplierDraftBox | None = None
        if supplier_mismatch and services is not None and terms_label:
            self.draft_box = SupplierDraftBox(services, terms_label, self, pool=pool, today=today)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.issue_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter issues nothing: issuing needs the click
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        if self.draft_box is not None:
            layout.addWidget(self.draft_box)
        layout.addWidget(self.buttons)
        self.resize(640, 420 if self.draft_box is not None else 320)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Before issuing"))
        self.intro.setText(
            self.tr(
                "Check these before the agreement is issued. They are for you: the customer's "
                "document does not mention them."
            )
        )
        self.list.setAccessibleName(self.tr("Problems found"))
        self.issue_button.setText(self.tr("&Issue anyway"))
        self.issue_button.setVisible(not self.refused)
        if self.refused:
            self.intro.setText(
                self.tr("The agreement cannot be issued as things are: put right what is listed.")
            )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("&Close") if self.refused else self.tr("&Cancel: issue nothing")
        )
        if self.draft_box is not None:
            self.draft_box.retranslate()


class IssueGate(QObject):
    """The check before issuing: in the background, then the dialog when there is a problem.

    Args:
        parent: the widget the dialog opens over.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = parent
        self.pool: Any = None
        self.dialog: IssueCheckDialog | None = None
        self.task: Any = None
        self._confirmed: dict[tuple[tuple[str, ...] | None, str], frozenset[str]] = {}

    def check(
        self,
        services: Any,
        org_numbers: Sequence[str] | None,
        proceed: Callable[[], Any],
        *,
        terms: str | None = None,
        signatory: int | None = None,
        today: date | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Any:
        """Check, then ``proceed()`` (at once, or once the user confirmed the problems).

        ``org_numbers`` None: every active customer. Returns ``proceed``'s result when it ran
        before this returns (a synchronous pool, no problems), else the check's task.
        """
        docs = services.documents
        orgs = tuple(org_numbers) if org_numbers is not None else None
        ran: list[Any] = []

        def go() -> None:
            ran.append(proceed())

        def checked(result: IssueCheck) -> None:
            key = (orgs, result.terms_label)
            known = self._confirmed.get(key, set())
            if not result.refused and (not result.problems or set(result.problems) <= known):
                go()
                return

            def confirmed() -> None:
                self._confirmed[key] = frozenset(result.problems)
                go()

            dialog = IssueCheckDialog(
                result.problems,
                self.widget,
                supplier_mismatch=result.supplier_mismatch,
                terms_label=result.terms_label,
                services=services,
                pool=self.pool,
                today=today,
                refused=result.refused,
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _result: self._closed(dialog))
            dialog.accepted.connect(confirmed)
            self.dialog = dialog
            dialog.open()

        built = op(self, lambda: docs.issue_check(orgs, terms, signatory, today=today)).success(
            checked
        )
        if failed is not None:
            built.failure(failed)
        self.task = built.with_pool(self.pool).run_in_background()
        return ran[0] if ran else self.task

    def _closed(self, dialog: IssueCheckDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None  # deleted on close


def confirm_issue(
    parent: QWidget,
    services: Any,
    org_number: str,
    proceed: Callable[[], Any],
    *,
    terms: str | None = None,
    signatory: int | None = None,
    today: date | None = None,
    pool: Any = None,
) -> IssueCheckDialog | None:
    """Check one customer in the background; the dialog when there is a problem (else None).

    ``proceed`` is called at once when there is nothing to confirm, else once confirmed.
    """
    gate = IssueGate(parent)
    gate.pool = pool
    gate.check(services, [org_number], proceed, terms=terms, signatory=signatory, today=today)
    return gate.dialog

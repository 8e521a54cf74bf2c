"""Settings → Agreement documents: the initials field ("Parafering") in every page's footer.

The switch is read and saved in the background; documents issued from then on follow it (an
issued document keeps what it was issued with).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from contractdesk.ui.tasks import op

if TYPE_CHECKING:
    from contractdesk.services.context import Services


class DocumentSettingsBox(QGroupBox):
    """The agreement-document settings of the open store; a change is saved at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.pool: Any = None  # tests: a SyncPool
        self.initials = QCheckBox()
        self.initials.setObjectName("initialsField")
        self.initials.toggled.connect(self._toggled)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.initials)
        layout.addWidget(self.message)
        self._loading = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Agreement documents"))
        self.initials.setText(
            self.tr("&Initials field (\u201cParafering\u201d) in the footer of every page")
        )
        self.initials.setAccessibleName(self.tr("Initials field in the footer of every page"))
        self.initials.setToolTip(
            self.tr(
                "Both parties initial each page of the printed agreement. Applies to documents "
                "issued from now on."
            )
        )

    def set_services(self, services: Services) -> None:
        self.services = services
        docs = services.documents
        op(self, docs.initials_field).success(self._show).with_pool(self.pool).run_in_background()

    def _show(self, on: bool) -> None:
        self._loading = True
        try:
            self.initials.setChecked(on)
        finally:
            self._loading = False

    def _toggled(self, on: bool) -> None:
        if self._loading or self.services is None:
            return
        docs = self.services.documents

        def saved(value: bool) -> None:
            self.message.setText(
                self.tr("Saved: new documents have the initials field.")
                if value
                else self.tr("Saved: new documents have no initials field.")
            )

        def failed(exc: BaseException) -> None:
            from contractdesk.ui.errors import user_message

            self._show(not on)
            self.message.setText(user_message(exc))

        (
            op(self, lambda: docs.set_initials_field(on))
            .success(saved)
            .failure(failed)
            .with_pool(self.pool)
            .run_in_background()
        )

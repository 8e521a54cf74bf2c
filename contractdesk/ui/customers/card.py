"""The customer card: registry data, a status badge, who may sign and by which rule, the people.

Every registry value is shown as plain text (``Qt.PlainText``): a name such as
``<b>AS</b>`` or ``<a href=…>`` appears literally, never as markup or a link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.orgnr import format_org_number, format_vat_number
from contractdesk.services.changes import (
    ACCEPTANCES,
    AGREEMENTS,
    CUSTOMERS,
    PEOPLE,
    SERVICES,
)
from contractdesk.ui.customers.list_model import status_text
from contractdesk.ui.formatting import format_date, format_datetime

if TYPE_CHECKING:
    from contractdesk.services.agreements import AgreementView
    from contractdesk.services.changes import Change
    from contractdesk.services.context import Services
    from contractdesk.services.customers import (
        Address,
        CustomerView,
        RoleEntry,
        SigningRuleView,
    )

BADGE_COLOURS = {
    "active": ("#1e6b34", "#e3f4e8"),
    "unverified": ("#7a4d00", "#fff1d6"),
    "liquidation": ("#7a4d00", "#fff1d6"),
    "reconstruction": ("#7a4d00", "#fff1d6"),
    "forced_dissolution": ("#8a1c1c", "#fbe3e3"),
    "closed": ("#8a1c1c", "#fbe3e3"),
    "bankrupt": ("#8a1c1c", "#fbe3e3"),
    "deleted": ("#8a1c1c", "#fbe3e3"),
    "removed": ("#8a1c1c", "#fbe3e3"),
}


def plain_label(text: str = "", *, wrap: bool = True, selectable: bool = True) -> QLabel:
    """A label that never interprets markup, selectable by mouse and keyboard."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
    label.setText(text)
    return label


def address_text(address: Address) -> str:
    lines = [line for line in address.lines if line]
    place = " ".join(x for x in (address.postcode, address.city) if x)
    if place:
        lines.append(place)
    if address.country and address.country_code not in ("", "NO"):
        lines.append(address.country)
    return "\n".join(lines)


class CustomerCard(QWidget):
    """Shows one ``CustomerView`` (stored, or a registry answer before it is saved).

    Args:
        services: for the people panel of a stored customer (None: no people panel).
    """

    def __init__(
        self,
        services: Services | None = None,
        parent: QWidget | None = None,
        *,
        with_people: bool = True,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.view: CustomerView | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        layout = QVBoxLayout(inner)

        head = QHBoxLayout()
        self.name_label = plain_label()
        self.name_label.setObjectName("customerName")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name_label.setFont(font)
        self.status_badge = plain_label(wrap=False, selectable=False)
        self.status_badge.setObjectName("statusBadge")
        head.addWidget(self.name_label, 1)
        head.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.org_label = plain_label()
        layout.addWidget(self.org_label)
        self.notice_label = plain_label()
        self.notice_label.setObjectName("customerNotice")
        self.notice_label.setStyleSheet(
            "QLabel#customerNotice { color: #8a1c1c; font-weight: bold; }"
        )
        layout.addWidget(self.notice_label)

        self.registry_box = QGroupBox()
        form = QFormLayout(self.registry_box)
        self.form_value = plain_label()
        self.business_value = plain_label()
        self.postal_value = plain_label()
        self.invoice_value = plain_label()
        self.invoice_value.setObjectName("invoiceAddress")
        self.remarks_value = plain_label()
        self.remarks_value.setObjectName("registryRemarks")
        self.remarks_value.setStyleSheet("QLabel#registryRemarks { color: #7a4d00; }")
        self.municipality_value = plain_label()
        self.country_value = plain_label()
        self.vat_value = plain_label()
        self.industry_value = plain_label()
        self.verified_value = plain_label()
        self.form_labels: list[QLabel] = []
        for value in (
            self.form_value,
            self.business_value,
            self.postal_value,
            self.invoice_value,
            self.remarks_value,
            self.municipality_value,
            self.country_value,
            self.vat_value,
            self.industry_value,
            self.verified_value,
        ):
            caption = QLabel()
            caption.setBuddy(value)
            self.form_labels.append(caption)
            form.addRow(caption, value)
        layout.addWidget(self.registry_box)

        self.signing_box = QGroupBox()
        signing = QVBoxLayout(self.signing_box)
        self.rule_label = plain_label()
        self.rule_label.setObjectName("signingRule")
        self.sets_label = plain_label()
        self.confirm_label = plain_label()
        self.confirm_label.setObjectName("confirmByHand")
        self.confirm_label.setStyleSheet(
            "QLabel#confirmByHand { color: #7a4d00; font-weight: bold; }"
        )
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmSigners")
        self.confirm_button.clicked.connect(self.confirm_signers)
        self.confirmed_label = plain_label()
        self.confirmed_label.setObjectName("confirmedSigners")
        self.procuration_label = plain_label()
        self.departed_label = plain_label()
        self.departed_label.setObjectName("departedSignatories")
        self.departed_label.setStyleSheet("QLabel#departedSignatories { color: #8a1c1c; }")
        for w in (
            self.rule_label,
            self.sets_label,
            self.confirm_label,
            self.confirm_button,
            self.confirmed_label,
            self.procuration_label,
            self.departed_label,
        ):
            signing.addWidget(w)
        signing.setAlignment(self.confirm_button, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.signing_box)

        self.roles_box = QGroupBox()
        roles = QVBoxLayout(self.roles_box)
        self.roles_label = plain_label()
        roles.addWidget(self.roles_label)
        layout.addWidget(self.roles_box)

        self.people_box = QGroupBox()
        self.people_layout = QVBoxLayout(self.people_box)
        self.people_panel: Any = None
        self.services_panel: Any = None
        self.people_placeholder = plain_label()
        self.people_layout.addWidget(self.people_placeholder)
        layout.addWidget(self.people_box)
        self.people_box.setVisible(with_people)
        self._with_people = with_people

        # Hooks (issues 5-7): the agreements and services of the customer take these places.
        self.agreements_box = QGroupBox()
        self.agreements_label = plain_label()
        QVBoxLayout(self.agreements_box).addWidget(self.agreements_label)
        self.documents_panel: Any = (
            None  # issue 7: the agreement document buttons for this customer
        )
        layout.addWidget(self.agreements_box)
        self.services_box = QGroupBox()
        self.services_label = plain_label()
        QVBoxLayout(self.services_box).addWidget(self.services_label)
        layout.addWidget(self.services_box)
        self.agreements_box.setVisible(with_people)
        self.services_box.setVisible(with_people)
        layout.addStretch(1)
        self.retranslate()

    # -- content ----------------------------------------------------------------------------------

    def show_customer(self, view: CustomerView | None) -> None:
        self.view = view
        self._fill()
        if self._with_people:
            self._show_people()
            self._show_documents()
            self._show_services()
            self._show_agreements()

    def _fill(self) -> None:
        view = self.view
        if view is None:
            for label in (self.name_label, self.org_label, self.notice_label, self.status_badge):
                label.setText("")
            return
        self.name_label.setText(view.name)
        self.org_label.setText(
            self.tr("Org number %1").replace("%1", format_org_number(view.org_number))
        )
        status = status_text(view.status)
        if view.status_date is not None:
            status = f"{status} {format_date(view.status_date)}"
        self.status_badge.setText(status)
        self.status_badge.setAccessibleName(self.tr("Status: %1").replace("%1", status))
        fg, bg = BADGE_COLOURS.get(view.status, ("#333333", "#eeeeee"))
        self.status_badge.setStyleSheet(
            f"QLabel#statusBadge {{ color: {fg}; background: {bg}; border: 1px solid {fg}; "
            "border-radius: 4px; padding: 2px 8px; font-weight: bold; }"
        )
        self.notice_label.setText(self._notice(view))
        self.notice_label.setVisible(bool(self.notice_label.text()))

        form = view.organisation_form
        self.form_value.setText(
            f"{form} \u2013 {view.organisation_form_text}" if view.organisation_form_text else form
        )
        self.business_value.setText(address_text(view.business_address) or "—")
        self.postal_value.setText(address_text(view.postal_address) or "—")
        self.invoice_value.setText(address_text(view.invoice_address) or "—")
        self.remarks_value.setText(
            "\n".join(f"{r.text} ({r.info_type})" if r.info_type else r.text for r in view.remarks)
            or "—"
        )
        muni = view.business_address if view.business_address.municipality else view.postal_address
        self.municipality_value.setText(
            f"{muni.municipality} ({muni.municipality_number})"
            if muni.municipality_number
            else (muni.municipality or "—")
        )
        address = (
            view.business_address if not view.business_address.is_empty else view.postal_address
        )
        self.country_value.setText(
            " ".join(
                x
                for x in (
                    address.country,
                    f"({address.country_code})" if address.country_code else "",
                )
                if x
            )
            or "—"
        )
        self.vat_value.setText(
            self.tr("Yes: %1").replace("%1", format_vat_number(view.org_number))
            if view.vat_registered
            else self.tr("No")
        )
        industry = str(view.details.get("industry") or "")
        code = str(view.details.get("industry_code") or "")
        self.industry_value.setText(f"{code} {industry}".strip() or "—")
        if view.verified_at is not None and view.status != "unverified":
            self.verified_value.setText(format_datetime(view.verified_at))
        else:
            self.verified_value.setText(self.tr("Not verified against the registry"))

        rule = view.signing_rule
        self.rule_label.setText(
            self.tr("Signing rule: %1").replace(
                "%1", rule.display_text or self.tr("none registered")
            )
        )
        self.sets_label.setText(self._sets_text(rule))
        self.sets_label.setVisible(bool(rule.signer_sets or rule.lapsed_sets))
        self._fill_confirmation(view)
        if view.procuration_rule is not None and (
            view.procuration_rule.text or view.procuration_rule.signer_sets
        ):
            self.procuration_label.setText(
                self.tr("Procuration: %1").replace("%1", view.procuration_rule.text)
                + "\n"
                + self._sets_text(view.procuration_rule)
            )
        else:
            self.procuration_label.setText("")
        self.procuration_label.setVisible(bool(self.procuration_label.text()))
        if view.departed_signatories:
            lines = [
                self.tr("No longer a signatory in the registry (check agreements they signed):")
            ]
            for d in view.departed_signatories:
                noticed = f" \u2013 {format_date(d.noticed_on)}" if d.noticed_on else ""
                lines.append(f"• {d.name}{noticed}")
            self.departed_label.setText("\n".join(lines))
        else:
            self.departed_label.setText("")
        self.departed_label.setVisible(bool(view.departed_signatories))

        role_lines = [self._role_line(r) for r in view.registry_roles]
        self.roles_label.setText(
            "\n".join(role_lines) if role_lines else self.tr("The registry lists no roles.")
        )

    def _role_line(self, role: RoleEntry) -> str:
        notes = []
        if role.elected_by:
            notes.append(self.tr("elected by: %1").replace("%1", role.elected_by))
        if role.liability_share:
            notes.append(self.tr("liability share %1").replace("%1", role.liability_share))
        if role.capacity_limited:
            notes.append(self.tr("⚠ cannot sign alone — check"))
        line = f"{role.role}: {role.name}" + ("  ✓" if role.may_sign else "")
        return line + (f" ({'; '.join(notes)})" if notes else "")

    def _fill_confirmation(self, view: CustomerView) -> None:
        rule = view.signing_rule
        if not rule.needs_manual_confirmation:
            self.confirm_label.setText("")
        elif rule.registered and not rule.standardised:
            self.confirm_label.setText(
                self.tr(
                    "The registry gives this rule only as text it cannot interpret: ask the "
                    "customer who may sign, and confirm it by hand."
                )
            )
        elif rule.basis != "law":
            self.confirm_label.setText(
                self.tr(
                    "No signing rule is registered for this organisation: ask the customer who "
                    "may sign, and confirm it by hand."
                )
            )
        else:
            self.confirm_label.setText(
                self.tr(
                    "No signing rule is registered; the rule above follows from the organisation "
                    "form. Confirm by hand who signs."
                )
            )
        self.confirm_label.setVisible(rule.needs_manual_confirmation)
        self.confirm_button.setVisible(
            view.stored
            and self.services is not None
            and (rule.needs_manual_confirmation or rule.confirmed)
        )
        if rule.confirmed:
            when = format_datetime(rule.confirmed_at) if rule.confirmed_at else ""
            sets = "\n".join("• " + " + ".join(names) for names in rule.confirmed_sets)
            self.confirmed_label.setText(
                self.tr("Confirmed by hand by %1 %2:")
                .replace("%1", rule.confirmed_by)
                .replace("%2", when)
                + "\n"
                + sets
            )
        else:
            self.confirmed_label.setText("")
        self.confirmed_label.setVisible(rule.confirmed)

    def confirm_signers(self) -> None:
        """Ask who may sign and who confirmed it; record it on a worker; show the card again."""
        from contractdesk.ui.customers.signers_dialog import ConfirmSignersDialog

        view = self.view
        if view is None or self.services is None:
            return
        dialog = ConfirmSignersDialog(self.services, view, self)
        dialog.confirmed.connect(self.show_customer)
        self._signers_dialog = dialog
        dialog.open()

    def _sets_text(self, rule: SigningRuleView) -> str:
        lines = []
        for names in rule.signer_sets:
            if len(names) == 1:
                lines.append("• " + self.tr("%1 alone").replace("%1", names[0]))
            else:
                lines.append("• " + self.tr("%1 together").replace("%1", ", ".join(names)))
        if rule.lapsed_sets:
            lines.append(
                self.tr(
                    "Combinations naming a person who died or left no longer apply: %1."
                ).replace("%1", str(len(rule.lapsed_sets)))
            )
        return "\n".join(lines)

    def _notice(self, view: CustomerView) -> str:
        if view.status == "deleted":
            return self.tr(
                "The company is deleted in the registry: no new agreement can be issued."
            )
        if view.status == "removed":
            return self.tr(
                "The company was removed from the registry's open data: no new agreement can be issued."  # noqa: E501 - one translatable literal
            )
        if view.status == "bankrupt":
            return self.tr(
                "The company is bankrupt: the estate is bound by its trustee; no new agreement is issued."  # noqa: E501 - one translatable literal
            )
        if view.status == "liquidation":
            return self.tr("The company is under liquidation: no new agreement is issued.")
        if view.status == "forced_dissolution":
            return self.tr("The company is being forcibly dissolved: no new agreement is issued.")
        if view.status == "closed":
            return self.tr("The unit is closed down in the registry: no new agreement is issued.")
        if view.status == "reconstruction":
            return self.tr(
                "The company is in reconstruction negotiations: check with the reconstructor "
                "before a new agreement."
            )
        if view.status == "unverified":
            return self.tr(
                "Registered by hand and not verified against the registry: refresh it when the "
                "registry can be reached."
            )
        return ""

    def _show_documents(self) -> None:
        view = self.view
        stored = view is not None and view.stored and self.services is not None
        if stored and self.documents_panel is None:
            from contractdesk.ui.documents.customer_panel import CustomerDocumentsPanel

            self.documents_panel = CustomerDocumentsPanel(self.services)
            self.documents_panel.document_actions.changed.connect(self._show_agreements)
            self.agreements_box.layout().addWidget(self.documents_panel)
        if self.documents_panel is not None:
            self.documents_panel.setVisible(stored)
            self.documents_panel.set_customer(
                view.org_number if stored and view is not None else None,
                view is not None and view.may_issue_agreement,
            )

    def _show_people(self) -> None:
        view = self.view
        stored = view is not None and view.stored and self.services is not None
        if stored and self.people_panel is None:
            from contractdesk.ui.widgets.people_panel import (
                PeoplePanel,  # issue 4, loaded with the card
            )

            self.people_panel = PeoplePanel(self.services)
            self.people_layout.addWidget(self.people_panel)
            self.people_box.setTitle("")  # the panel has its own heading
        if self.people_panel is not None:
            self.people_panel.setVisible(stored)
            self.people_panel.set_customer(view.org_number if stored and view is not None else None)
        self.people_placeholder.setVisible(self.people_panel is None or not stored)

    def _show_services(self) -> None:
        view = self.view
        stored = view is not None and view.stored and self.services is not None
        if stored and self.services_panel is None and hasattr(self.services, "billing"):
            from contractdesk.ui.widgets.services_panel import (
                ServicesPanel,
            )  # issue 6, loaded with the card

            self.services_panel = ServicesPanel(self.services)
            self.services_box.layout().addWidget(self.services_panel)
        panel = self.services_panel
        if panel is not None:
            panel.setVisible(stored)
            if stored and view is not None:
                panel.set_customer(view.org_number)
        self.services_label.setVisible(panel is None or not stored)

    def _show_agreements(self) -> None:
        view = self.view
        if (
            view is None
            or not view.stored
            or self.services is None
            or not hasattr(self.services, "agreements")
        ):
            self.agreements_label.setText(self.tr("Agreements will be shown here."))
            return
        from contractdesk.ui.tasks import op

        service, org = self.services.agreements, view.org_number
        op(self, lambda: service.agreements(org)).success(self._list_agreements).run_in_background()

    def _list_agreements(self, rows: list[AgreementView]) -> None:
        if not rows:
            self.agreements_label.setText(
                self.tr("No agreement yet. Make one on the Agreements page.")
            )
            return
        from contractdesk.ui.terms.models import agreement_state_text

        lines = [
            self.tr("%1 — terms %2 — %3")
            .replace("%1", a.document_id)
            .replace("%2", a.terms_label)
            .replace("%3", agreement_state_text(self, a.state).lower())
            for a in rows
        ]
        self.agreements_label.setText("\n".join(lines))

    def retranslate(self) -> None:
        self.registry_box.setTitle(self.tr("Registry data"))
        captions = (
            self.tr("Organisation form"),
            self.tr("Business address"),
            self.tr("Postal address"),
            self.tr("Paper goes to"),
            self.tr("Registry remarks"),
            self.tr("Municipality"),
            self.tr("Country"),
            self.tr("VAT registered"),
            self.tr("Industry"),
            self.tr("Verified"),
        )
        for label, caption in zip(self.form_labels, captions, strict=True):
            label.setText(caption + ":")
        self.signing_box.setTitle(self.tr("Who may sign"))
        self.roles_box.setTitle(self.tr("Roles in the registry"))
        self.confirm_button.setText(self.tr("Confirm &signers…"))
        if self.people_panel is None:
            self.people_box.setTitle(self.tr("People"))
        self.people_placeholder.setText(self.tr("People can be added once the customer is saved."))
        self.agreements_box.setTitle(self.tr("Agreements"))
        self.agreements_label.setText(self.tr("Agreements will be shown here."))
        self.services_box.setTitle(self.tr("Services"))
        self.services_label.setText(self.tr("Services can be added once the customer is saved."))
        self._fill()
        if self._with_people and self.view is not None:
            self._show_agreements()


class CustomerCardDialog(QDialog):
    """A stored customer's card in a window, with Refresh (from the registry) and Close.

    Signals:
        changed(str): the customer was refreshed (org number).
        loaded(): the card shows freshly read data.
    """

    changed = Signal(str)
    loaded = Signal()

    def __init__(
        self,
        services: Services,
        org_number: str,
        parent: QWidget | None = None,
        *,
        pool: Any = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.org_number = org_number
        self.pool = pool
        self.task: Any = None
        self.card = CustomerCard(services)
        layout = QVBoxLayout(self)
        layout.addWidget(self.card)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = QPushButton()
        self.buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.clicked.connect(self.refresh)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        self.resize(1040, 740)  # fits a 1280x800 screen with room for the taskbar
        self.retranslate()
        self.setWindowTitle(
            self.tr("Customer %1").replace("%1", format_org_number(self.org_number))
        )
        from contractdesk.ui.changes import changes_of

        changes_of(services).changed.connect(self._on_change)
        self.reload()

    def reload(self) -> None:
        """Read the customer in the background and show it (``loaded`` tells when)."""
        from contractdesk.ui.tasks import op

        customers, org = self.services.customers, self.org_number
        (
            op(self, lambda: customers.get(org))
            .success(self._show)
            .with_pool(self.pool)
            .run_in_background()
        )

    def _show(self, view: CustomerView) -> None:
        self.card.show_customer(view)
        self.loaded.emit()

    def _on_change(self, change: Change) -> None:
        if change.concerns(self.org_number) and change.touches(
            CUSTOMERS, PEOPLE, AGREEMENTS, ACCEPTANCES, SERVICES
        ):
            self.reload()

    def refresh(self) -> None:
        """Fetch the customer from the registry on a worker; show what changed."""
        from contractdesk.ui.customers.refresh import refresh_one

        self.task = refresh_one(
            self, self.services, self.org_number, pool=self.pool, on_done=self._refreshed
        )

    def _refreshed(self, changed: bool) -> None:
        if changed:  # the change notification reloads the card
            self.changed.emit(self.org_number)

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("&Refresh from the registry"))

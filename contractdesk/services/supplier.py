"""The supplier profile (the app's user): read and save, validated and audited."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from contractdesk.domain.orgnr import InvalidOrgNumber, parse_org_number
from contractdesk.i18n import fill, translate
from contractdesk.services.errors import UserError
from contractdesk.services.validation import clean_text, normalise_email, normalise_phone
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Supplier
from contractdesk.store.versions import expect_version


@dataclass(frozen=True)
class SupplierProfile:
    org_number: str
    name: str
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    signer_name: str = ""
    signer_title: str = ""
    version: int | None = field(default=None, compare=False)
    """The record's version when read (optimistic locking): pass it back when saving an edit."""

    def validated(self) -> SupplierProfile:
        """Return a cleaned copy, or raise UserError naming the first bad field."""
        try:
            org = parse_org_number(self.org_number)
        except InvalidOrgNumber as exc:
            raise UserError(
                fill(translate("SupplierService", "Organisation number: %1"), exc),
                field="org_number",
            ) from None
        return SupplierProfile(
            org_number=org,
            name=clean_text(
                self.name, field=translate("SupplierService", "Name"), required=True, max_len=200
            ),
            address_lines=tuple(
                line
                for line in (
                    clean_text(x, field=translate("SupplierService", "Address"), max_len=200)
                    for x in self.address_lines
                )
                if line
            ),
            postcode=clean_text(
                self.postcode, field=translate("SupplierService", "Postcode"), max_len=20
            ),
            city=clean_text(self.city, field=translate("SupplierService", "City"), max_len=100),
            email=normalise_email(self.email),
            phone=normalise_phone(self.phone),
            signer_name=clean_text(
                self.signer_name, field=translate("SupplierService", "Signer"), max_len=200
            ),
            signer_title=clean_text(
                self.signer_title, field=translate("SupplierService", "Signer's title"), max_len=200
            ),
            version=self.version,
        )


class SupplierService:
    """Use cases for the supplier profile (one row)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self) -> SupplierProfile | None:
        with self._store.read_session() as s:
            row = s.get(Supplier, 1)
            if row is None:
                return None
            return SupplierProfile(
                row.org_number,
                row.name,
                tuple(row.address_lines or ()),
                row.postcode,
                row.city,
                row.email,
                row.phone,
                row.signer_name,
                row.signer_title,
                version=row.version,
            )

    def save(self, profile: SupplierProfile, *, actor: str = "owner") -> SupplierProfile:
        clean = profile.validated()
        with self._store.session() as s:
            row = s.get(Supplier, 1)
            before = None
            if row is None:
                row = Supplier(id=1)
                s.add(row)
            else:
                before = {"org_number": row.org_number, "name": row.name}
            data = asdict(clean)
            data.pop("version")
            data["address_lines"] = list(clean.address_lines)
            if before is not None:
                expect_version(row, profile.version, entity="supplier", mine=data)
            for key, value in data.items():
                setattr(row, key, value)
            audit.append(
                s,
                actor=actor,
                action="supplier.saved",
                entity_type="settings",
                entity_id="supplier",
                payload={
                    "before": before,
                    "after": {"org_number": clean.org_number, "name": clean.name},
                },
            )
            s.flush()
            return replace(clean, version=row.version)

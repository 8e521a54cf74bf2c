"""Terms versions, sub-processors, agreements, acceptances with scans, §14 re-acceptance notices (issue 5).

Seeds the shipped first version (``resources/terms/2021-04-17``) as *published*, read from its
canonical JSON file and checked against the recorded SHA-256, and the sub-processor register of
the 2021 terms (a copy of ``contractdesk.domain.terms.subprocessors.SEED_SUBPROCESSORS`` as of
this revision: migrations import no live code that may change), listed by that version.

What the database enforces itself:

* a published terms version never changes and is never deleted; the sub-processor list of a
  published version never changes (triggers);
* at most one active agreement per customer (partial unique index); a terminated agreement
  stays terminated (trigger);
* acceptances and their scans are never deleted; their facts never change; a scan's bytes
  never change (triggers). Only the signer's name snapshot may be blanked (erasure).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

from contractdesk.store.migrations.portable import is_postgresql, pg_drop_guard, pg_guard

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SHIPPED_LABEL = "2021-04-17"

_SHARED = "Kontaktpersoner og bedriftsinformasjon"
_ACCESS = "Tilgang til de opplysninger som gjøres tilgjengelig i Adventor CRM"

# (name, purpose, data_shared, kind, source_clause): the 2021 terms §8.3 and §17.6.2, verbatim.
SEED_SUBPROCESSORS: tuple[tuple[str, str, str, str, str], ...] = (
    ("PowerOffice", "Regnskap/Fakturering", _SHARED, "data_shared", "8.3"),
    ("Admento AS", "Regnskap", _SHARED, "data_shared", "8.3"),
    ("BankID", "Identifisering for konktraktsignaturer", _SHARED, "data_shared", "8.3"),
    ("LinkMobility AS", "Tjenesteleverandør av mobil.", "Kun mobilnummer", "data_shared", "8.3"),
    ("Creditsafe AS", "Tjenesteleverandør av Kredittopplysninger", _SHARED, "data_shared", "8.3"),
    ("Webmaster Heimen", "Supportansvar", _ACCESS, "access", "17.6.2"),
    ("ITEA AS", "Supportansvar (Utvikler)", _ACCESS, "access", "17.6.2"),
)

TRIGGERS: dict[str, str] = {
    "terms_version_published_no_update": (
        "CREATE TRIGGER terms_version_published_no_update BEFORE UPDATE ON terms_version "
        "WHEN OLD.state = 'published' "
        "BEGIN SELECT RAISE(ABORT, 'a published terms version cannot change'); END"
    ),
    "terms_version_published_no_delete": (
        "CREATE TRIGGER terms_version_published_no_delete BEFORE DELETE ON terms_version "
        "WHEN OLD.state = 'published' "
        "BEGIN SELECT RAISE(ABORT, 'a published terms version cannot be deleted'); END"
    ),
    "terms_version_subprocessor_published_no_insert": (
        "CREATE TRIGGER terms_version_subprocessor_published_no_insert BEFORE INSERT ON terms_version_subprocessor "
        "WHEN (SELECT state FROM terms_version WHERE id = NEW.terms_version_id) = 'published' "
        "BEGIN SELECT RAISE(ABORT, 'the sub-processors of a published terms version cannot change'); END"
    ),
    "terms_version_subprocessor_published_no_update": (
        "CREATE TRIGGER terms_version_subprocessor_published_no_update BEFORE UPDATE ON terms_version_subprocessor "
        "WHEN (SELECT state FROM terms_version WHERE id = OLD.terms_version_id) = 'published' "
        "BEGIN SELECT RAISE(ABORT, 'the sub-processors of a published terms version cannot change'); END"
    ),
    "terms_version_subprocessor_published_no_delete": (
        "CREATE TRIGGER terms_version_subprocessor_published_no_delete BEFORE DELETE ON terms_version_subprocessor "
        "WHEN (SELECT state FROM terms_version WHERE id = OLD.terms_version_id) = 'published' "
        "BEGIN SELECT RAISE(ABORT, 'the sub-processors of a published terms version cannot change'); END"
    ),
    "agreement_terminated_is_final": (
        "CREATE TRIGGER agreement_terminated_is_final BEFORE UPDATE OF state, customer_id, terms_version_id "
        "ON agreement WHEN OLD.state = 'terminated' "
        "BEGIN SELECT RAISE(ABORT, 'a terminated agreement is final'); END"
    ),
    "agreement_no_delete": (
        "CREATE TRIGGER agreement_no_delete BEFORE DELETE ON agreement WHEN OLD.state <> 'draft' "
        "BEGIN SELECT RAISE(ABORT, 'only a draft agreement may be deleted'); END"
    ),
    "acceptance_no_delete": (
        "CREATE TRIGGER acceptance_no_delete BEFORE DELETE ON acceptance "
        "BEGIN SELECT RAISE(ABORT, 'an acceptance is evidence and cannot be deleted'); END"
    ),
    "acceptance_facts_fixed": (
        "CREATE TRIGGER acceptance_facts_fixed BEFORE UPDATE OF customer_id, terms_version_id, accepted_on, "
        "method, signed_by_person_id, signatory_warning, recorded_by, recorded_at ON acceptance "
        "BEGIN SELECT RAISE(ABORT, 'the facts of an acceptance cannot change'); END"
    ),
    "acceptance_agreement_once": (
        "CREATE TRIGGER acceptance_agreement_once BEFORE UPDATE OF agreement_id ON acceptance "
        "WHEN OLD.agreement_id IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'the facts of an acceptance cannot change'); END"
    ),
    "acceptance_scan_no_update": (
        "CREATE TRIGGER acceptance_scan_no_update BEFORE UPDATE ON acceptance_scan "
        "BEGIN SELECT RAISE(ABORT, 'a signed scan cannot change'); END"
    ),
    "acceptance_scan_no_delete": (
        "CREATE TRIGGER acceptance_scan_no_delete BEFORE DELETE ON acceptance_scan "
        "BEGIN SELECT RAISE(ABORT, 'a signed scan is evidence and cannot be deleted'); END"
    ),
}


_PUBLISHED = "(SELECT state FROM terms_version WHERE id = {row}.terms_version_id) = 'published'"
_SUBPROCESSORS_FIXED = "the sub-processors of a published terms version cannot change"

# The same rules for PostgreSQL: name -> (table, event, message, condition).
PG_GUARDS: dict[str, tuple[str, str, str, str]] = {
    "terms_version_published_no_update": (
        "terms_version",
        "BEFORE UPDATE",
        "a published terms version cannot change",
        "OLD.state = 'published'",
    ),
    "terms_version_published_no_delete": (
        "terms_version",
        "BEFORE DELETE",
        "a published terms version cannot be deleted",
        "OLD.state = 'published'",
    ),
    "terms_version_subprocessor_published_no_insert": (
        "terms_version_subprocessor",
        "BEFORE INSERT",
        _SUBPROCESSORS_FIXED,
        _PUBLISHED.format(row="NEW"),
    ),
    "terms_version_subprocessor_published_no_update": (
        "terms_version_subprocessor",
        "BEFORE UPDATE",
        _SUBPROCESSORS_FIXED,
        _PUBLISHED.format(row="OLD"),
    ),
    "terms_version_subprocessor_published_no_delete": (
        "terms_version_subprocessor",
        "BEFORE DELETE",
        _SUBPROCESSORS_FIXED,
        _PUBLISHED.format(row="OLD"),
    ),
    "agreement_terminated_is_final": (
        "agreement",
        "BEFORE UPDATE OF state, customer_id, terms_version_id",
        "a terminated agreement is final",
        "OLD.state = 'terminated'",
    ),
    "agreement_no_delete": (
        "agreement",
        "BEFORE DELETE",
        "only a draft agreement may be deleted",
        "OLD.state <> 'draft'",
    ),
    "acceptance_no_delete": (
        "acceptance",
        "BEFORE DELETE",
        "an acceptance is evidence and cannot be deleted",
        "TRUE",
    ),
    "acceptance_facts_fixed": (
        "acceptance",
        "BEFORE UPDATE OF customer_id, terms_version_id, accepted_on, method, "
        "signed_by_person_id, signatory_warning, recorded_by, recorded_at",
        "the facts of an acceptance cannot change",
        "TRUE",
    ),
    "acceptance_agreement_once": (
        "acceptance",
        "BEFORE UPDATE OF agreement_id",
        "the facts of an acceptance cannot change",
        "OLD.agreement_id IS NOT NULL",
    ),
    "acceptance_scan_no_update": (
        "acceptance_scan",
        "BEFORE UPDATE",
        "a signed scan cannot change",
        "TRUE",
    ),
    "acceptance_scan_no_delete": (
        "acceptance_scan",
        "BEFORE DELETE",
        "a signed scan is evidence and cannot be deleted",
        "TRUE",
    ),
}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _fk(column: str, table: str, target: str, ondelete: str = "RESTRICT") -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", ondelete=ondelete, name=f"fk_{table}_{column}_{target}")


def _shipped_first_version() -> tuple[str, date, str, str]:
    """(label, effective date, canonical JSON text, sha256) of the shipped 2021 version, hash-checked."""
    from contractdesk.resources import resource_path

    folder = resource_path("terms", SHIPPED_LABEL)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    raw = (folder / "terms.json").read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta["sha256"] or meta["label"] != SHIPPED_LABEL:
        raise RuntimeError(
            f"{folder}: terms.json does not match its recorded sha256; refusing to seed it"
        )
    return SHIPPED_LABEL, date.fromisoformat(meta["effective_date"]), raw.decode("utf-8"), digest


def upgrade() -> None:
    op.create_table(
        "terms_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("label", sa.String(50), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("effective_date", sa.Date),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("source_text", sa.Text),
        sa.Column("dpa_checklist", sa.Text),
        sa.Column("gaps_confirmed", sa.Boolean, nullable=False),
        sa.Column(
            "copied_from_id",
            sa.Integer,
            _fk("copied_from_id", "terms_version", "terms_version", "SET NULL"),
        ),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("published_at", sa.String(40)),
        sa.UniqueConstraint("label", name="uq_terms_version_label"),
        sa.CheckConstraint("state IN ('draft', 'published')", name="ck_terms_version_state"),
        sa.CheckConstraint(
            "state = 'draft' OR (sha256 IS NOT NULL AND effective_date IS NOT NULL AND published_at IS NOT NULL)",
            name="ck_terms_version_published_complete",
        ),
        sa.CheckConstraint(
            "sha256 IS NULL OR length(sha256) = 64", name="ck_terms_version_sha256_length"
        ),
    )
    op.create_index(
        "uq_terms_version_sha256",
        "terms_version",
        ["sha256"],
        unique=True,
        sqlite_where=sa.text("sha256 IS NOT NULL"),
        postgresql_where=sa.text("sha256 IS NOT NULL"),
    )

    op.create_table(
        "subprocessor",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("org_number", sa.String(9)),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("data_shared", sa.Text, nullable=False),
        sa.Column("location", sa.String(200)),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source_clause", sa.String(20), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("retired_at", sa.String(40)),
        sa.CheckConstraint("kind IN ('data_shared', 'access')", name="ck_subprocessor_kind"),
    )
    op.create_index(
        "uq_subprocessor_name_current",
        "subprocessor",
        ["name"],
        unique=True,
        sqlite_where=sa.text("retired_at IS NULL"),
        postgresql_where=sa.text("retired_at IS NULL"),
    )

    op.create_table(
        "terms_version_subprocessor",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "terms_version_id",
            sa.Integer,
            _fk("terms_version_id", "terms_version_subprocessor", "terms_version"),
            nullable=False,
        ),
        sa.Column(
            "subprocessor_id",
            sa.Integer,
            _fk("subprocessor_id", "terms_version_subprocessor", "subprocessor"),
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("org_number", sa.String(9)),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("data_shared", sa.Text, nullable=False),
        sa.Column("location", sa.String(200)),
        sa.Column("kind", sa.String(20), nullable=False),
    )
    op.create_index(
        "ix_terms_version_subprocessor_version",
        "terms_version_subprocessor",
        ["terms_version_id", "position"],
    )

    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.String(20), nullable=False),
        sa.Column(
            "customer_id", sa.Integer, _fk("customer_id", "agreement", "customer"), nullable=False
        ),
        sa.Column(
            "terms_version_id",
            sa.Integer,
            _fk("terms_version_id", "agreement", "terms_version"),
            nullable=False,
        ),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("sent_at", sa.String(40)),
        sa.Column("sent_to", sa.String(320)),
        sa.Column("signed_at", sa.Date),
        sa.Column(
            "signatory_person_id", sa.Integer, _fk("signatory_person_id", "agreement", "person")
        ),
        sa.Column("terminated_at", sa.String(40)),
        sa.Column("ended_reason", sa.String(40)),
        sa.UniqueConstraint("document_id", name="uq_agreement_document_id"),
        sa.CheckConstraint(
            "state IN ('draft', 'sent', 'signed', 'active', 'terminated')",
            name="ck_agreement_state",
        ),
    )
    op.create_index(
        "uq_agreement_one_active",
        "agreement",
        ["customer_id"],
        unique=True,
        sqlite_where=sa.text("state = 'active'"),
        postgresql_where=sa.text("state = 'active'"),
    )
    op.create_index("ix_agreement_customer", "agreement", ["customer_id", "state"])

    op.create_table(
        "acceptance",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "customer_id", sa.Integer, _fk("customer_id", "acceptance", "customer"), nullable=False
        ),
        sa.Column(
            "terms_version_id",
            sa.Integer,
            _fk("terms_version_id", "acceptance", "terms_version"),
            nullable=False,
        ),
        sa.Column("agreement_id", sa.Integer, _fk("agreement_id", "acceptance", "agreement")),
        sa.Column("accepted_on", sa.Date, nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column(
            "signed_by_person_id", sa.Integer, _fk("signed_by_person_id", "acceptance", "person")
        ),
        sa.Column("signed_by_name", sa.String(600), nullable=False),
        sa.Column("signatory_warning", sa.Text),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.CheckConstraint("method IN ('paper', 'online', 'email')", name="ck_acceptance_method"),
    )
    op.create_index("ix_acceptance_customer", "acceptance", ["customer_id", "accepted_on"])
    op.create_index("ix_acceptance_version", "acceptance", ["terms_version_id"])

    op.create_table(
        "acceptance_scan",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "acceptance_id",
            sa.Integer,
            _fk("acceptance_id", "acceptance_scan", "acceptance"),
            nullable=False,
        ),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("added_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("acceptance_id", name="uq_acceptance_scan_acceptance_id"),
    )

    op.create_table(
        "reacceptance_notice",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "customer_id",
            sa.Integer,
            _fk("customer_id", "reacceptance_notice", "customer"),
            nullable=False,
        ),
        sa.Column(
            "terms_version_id",
            sa.Integer,
            _fk("terms_version_id", "reacceptance_notice", "terms_version"),
            nullable=False,
        ),
        sa.Column("notified_on", sa.Date),
        sa.Column("notified_how", sa.String(200), nullable=False),
        sa.Column("accepted_on", sa.Date),
        sa.Column(
            "acceptance_id", sa.Integer, _fk("acceptance_id", "reacceptance_notice", "acceptance")
        ),
        sa.Column("proposed_terminated_on", sa.Date),
        sa.Column("terminated_confirmed_at", sa.String(40)),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint(
            "customer_id", "terms_version_id", name="uq_reacceptance_notice_customer_version"
        ),
    )
    op.create_index("ix_reacceptance_notice_version", "reacceptance_notice", ["terms_version_id"])

    # Seed: the shipped first version (published) and the register it lists.
    conn = op.get_bind()
    label, effective, document, digest = _shipped_first_version()
    now = _now()
    title = str(json.loads(document).get("title", ""))
    version_id = conn.execute(
        sa.text(
            "INSERT INTO terms_version (label, title, state, effective_date, document, sha256, gaps_confirmed, "
            "created_at, updated_at, published_at) VALUES (:label, :title, 'draft', :effective, :document, NULL, :no, "
            ":now, :now, NULL) RETURNING id"
        ),
        {
            "label": label,
            "title": title,
            "effective": effective if is_postgresql() else effective.isoformat(),
            "document": document,
            "no": False,
            "now": now,
        },
    ).scalar_one()
    for position, (name, purpose, data_shared, kind, clause) in enumerate(SEED_SUBPROCESSORS):
        sub_id = conn.execute(
            sa.text(
                "INSERT INTO subprocessor (name, org_number, purpose, data_shared, location, kind, source_clause, "
                "created_at, updated_at) VALUES (:name, NULL, :purpose, :data, NULL, :kind, :clause, :now, :now) "
                "RETURNING id"
            ),
            {
                "name": name,
                "purpose": purpose,
                "data": data_shared,
                "kind": kind,
                "clause": clause,
                "now": now,
            },
        ).scalar_one()
        conn.execute(
            sa.text(
                "INSERT INTO terms_version_subprocessor (terms_version_id, subprocessor_id, position, name, "
                "org_number, purpose, data_shared, location, kind) VALUES (:v, :s, :p, :name, NULL, :purpose, "
                ":data, NULL, :kind)"
            ),
            {
                "v": version_id,
                "s": sub_id,
                "p": position,
                "name": name,
                "purpose": purpose,
                "data": data_shared,
                "kind": kind,
            },
        )
    conn.execute(
        sa.text(
            "UPDATE terms_version SET state = 'published', sha256 = :sha, published_at = :now WHERE id = :id"
        ),
        {"sha": digest, "now": now, "id": version_id},
    )
    if is_postgresql():
        for name, (table, event, message, condition) in PG_GUARDS.items():
            pg_guard(name, table, event, message, condition)
    else:
        for sql in TRIGGERS.values():
            op.execute(sql)


def downgrade() -> None:
    for name in TRIGGERS:
        if is_postgresql():
            pg_drop_guard(name, PG_GUARDS[name][0])
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in (
        "reacceptance_notice",
        "acceptance_scan",
        "acceptance",
        "agreement",
        "terms_version_subprocessor",
        "subprocessor",
        "terms_version",
    ):
        op.drop_table(table)

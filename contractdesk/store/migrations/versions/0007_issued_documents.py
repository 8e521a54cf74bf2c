"""Issued agreement documents and imported scan pages (issue 13): agreement_document,
scan_import_page.

An issued document is evidence: its snapshot and fingerprint never change and no row is
deleted (triggers); only the PDF hashes are filled in once they are known.

Revision ID: 0007
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from contractdesk.store.migrations.portable import is_postgresql, pg_drop_guard, pg_guard

revision = "0007"
down_revision = "0011"
branch_labels = None
depends_on = None

TRIGGERS = {
    "agreement_document_frozen": (
        "CREATE TRIGGER agreement_document_frozen BEFORE UPDATE OF agreement_id, version, "
        "issued_on, snapshot, fingerprint ON agreement_document "
        "BEGIN SELECT RAISE(ABORT, 'an issued document cannot change'); END"
    ),
    "agreement_document_no_delete": (
        "CREATE TRIGGER agreement_document_no_delete BEFORE DELETE ON agreement_document "
        "BEGIN SELECT RAISE(ABORT, 'an issued document is evidence and cannot be deleted'); END"
    ),
}


PG_GUARDS: dict[str, tuple[str, str, str, str]] = {
    "agreement_document_frozen": (
        "agreement_document",
        "BEFORE UPDATE OF agreement_id, version, issued_on, snapshot, fingerprint",
        "an issued document cannot change",
        "TRUE",
    ),
    "agreement_document_no_delete": (
        "agreement_document",
        "BEFORE DELETE",
        "an issued document is evidence and cannot be deleted",
        "TRUE",
    ),
}


def _fk(column: str, table: str, target: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", ondelete="RESTRICT", name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "agreement_document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "agreement_id",
            sa.Integer,
            _fk("agreement_id", "agreement_document", "agreement"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("snapshot", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("pdf_sha256", sa.String(64)),
        sa.Column("pdf_pages", sa.Integer),
        sa.Column("sheet_sha256", sa.String(64)),
        sa.Column("issued_by", sa.String(100), nullable=False),
        sa.Column("issued_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("agreement_id", "version", name="uq_agreement_document_version"),
    )
    op.create_index("ix_agreement_document_fingerprint", "agreement_document", ["fingerprint"])
    op.create_table(
        "scan_import_page",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("page", sa.Integer, nullable=False),
        sa.Column("document_id", sa.String(20), nullable=False),
        sa.Column(
            "acceptance_id",
            sa.Integer,
            _fk("acceptance_id", "scan_import_page", "acceptance"),
        ),
        sa.Column("imported_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("source_sha256", "page", name="uq_scan_import_page_source_page"),
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
    op.drop_table("scan_import_page")
    op.drop_index("ix_agreement_document_fingerprint", "agreement_document")
    op.drop_table("agreement_document")

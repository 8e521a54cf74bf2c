"""Alembic environment: runs on the connection the store hands over (never opens its own)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    render_as_batch=True,  # SQLite: ALTER through table copies
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()

"""Repositories: the SQL for each aggregate, one module per area. Services call these."""

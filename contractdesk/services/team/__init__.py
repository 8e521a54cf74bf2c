"""Team mode use cases: set up a PostgreSQL server, add users, describe the connection."""

from contractdesk.services.team.service import (
    TEAM_ROLES,
    ServerSetUp,
    StoreFacts,
    add_user,
    set_up_server,
    store_facts,
)

__all__ = ["TEAM_ROLES", "ServerSetUp", "StoreFacts", "add_user", "set_up_server", "store_facts"]

"""Moving the local encrypted store to a PostgreSQL server (team mode)."""

from contractdesk.services.server_move.service import move_to_server
from contractdesk.services.server_move.views import MoveOutcome, TableCheck

__all__ = ["MoveOutcome", "TableCheck", "move_to_server"]

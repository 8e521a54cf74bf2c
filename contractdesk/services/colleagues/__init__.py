"""Colleagues' changes on a server store: sent at commit, received into the one change bus."""

from contractdesk.services.colleagues.service import ColleagueChanges

__all__ = ["ColleagueChanges"]

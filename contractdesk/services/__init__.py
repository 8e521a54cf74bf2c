"""Use cases (register customer, issue agreement, …) over the store; no Qt here."""

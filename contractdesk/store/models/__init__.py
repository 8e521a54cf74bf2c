"""ContractDesk store models package."""

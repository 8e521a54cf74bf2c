"""ContractDesk domain package."""

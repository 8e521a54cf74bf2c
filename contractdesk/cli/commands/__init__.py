"""ContractDesk cli commands package."""

"""ContractDesk cli package."""

"""ContractDesk output package."""

"""ContractDesk store package."""

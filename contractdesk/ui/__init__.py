"""ContractDesk ui package."""

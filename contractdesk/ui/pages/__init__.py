"""ContractDesk ui pages package."""

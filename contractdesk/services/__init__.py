"""ContractDesk services package."""

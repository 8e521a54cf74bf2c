"""ContractDesk registry package."""

"""ContractDesk: customers, terms of agreement and signable agreements for a small business."""

__version__ = "0.1.0"
APP_NAME = "ContractDesk"
APP_ID = "no.contractdesk.ContractDesk"
ORG_NAME = "ContractDesk"

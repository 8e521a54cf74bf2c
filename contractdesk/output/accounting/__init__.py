"""Files for accounting systems from a frozen run: generic CSV, PowerOffice Go, customers."""

from contractdesk.output.accounting.files import (
    CSV_COLUMNS,
    CUSTOMER_COLUMNS,
    POWEROFFICE_CUSTOMER_COLUMNS,
    POWEROFFICE_ORDER_COLUMNS,
    customers_csv,
    parse_receipt,
    poweroffice_file,
    run_csv,
)

__all__ = [
    "CSV_COLUMNS",
    "CUSTOMER_COLUMNS",
    "POWEROFFICE_CUSTOMER_COLUMNS",
    "POWEROFFICE_ORDER_COLUMNS",
    "customers_csv",
    "parse_receipt",
    "poweroffice_file",
    "run_csv",
]

"""EHF (PEPPOL BIS Billing 3.0, UBL 2.1) invoices and credit notes from frozen run documents."""

from contractdesk.output.ehf.ubl import document_file_name, write_ubl

__all__ = ["document_file_name", "write_ubl"]

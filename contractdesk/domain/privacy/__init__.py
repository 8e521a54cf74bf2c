"""Privacy: retention, Art. 30 records, breaches, the privacy statement, the DPA draft."""

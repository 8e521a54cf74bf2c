"""The Privacy page (Personvern): retention, records of processing, breaches, privacy statement."""

"""Agreement documents in the GUI: preview (from memory), print, save as, e-mail, batch, e-mail
settings."""

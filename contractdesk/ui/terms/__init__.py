"""Terms and agreements widgets: table models, the document reader, the diff view, dialogs."""

"""The customers area of the GUI: the lazily fetching list model, the card, the add and refresh
dialogs."""

"""Legal basis and sharing: the data-sharing agreements (samverkansavtal) and data-subject requests."""

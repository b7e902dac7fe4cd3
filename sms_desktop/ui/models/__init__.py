"""Item models for the views (small lists here; lazy tables come with the contacts tab)."""

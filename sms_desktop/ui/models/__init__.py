"""Item models for the views: small list models, and the keys-first lazy table (lazy_table.py)."""

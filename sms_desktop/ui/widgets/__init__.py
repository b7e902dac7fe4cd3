"""Widgets shared by tabs and dialogs, one module each."""

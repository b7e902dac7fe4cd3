"""The main window's tab pages, one module each, built on first show."""

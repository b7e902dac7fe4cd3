"""The Qt-free core of SMS Desktop.

Everything that is not a screen lives here: gateways, text and segment rules, phone numbers,
contact import, the SQLite store, the send engine, the sync of reports and replies, and
scheduling. Nothing in this package may import PySide6 (an import-linter contract and a test
enforce it), so the CLI, the tests and the GUI all drive the same code.
"""

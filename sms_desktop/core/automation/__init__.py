"""Automation: the work the app does by itself wherever it runs (the window, or the sender
service), each piece a duty of :mod:`sms_desktop.core.service`."""

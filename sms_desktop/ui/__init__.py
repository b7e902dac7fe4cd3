"""The PySide6 desktop application. Entry point: :func:`sms_desktop.ui.app.main`."""

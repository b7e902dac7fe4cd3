"""Automation: work that runs by itself wherever the application runs (the window, or the office
sender service): the local HTTP API for office systems (``api_*`` modules), and the other
automation duties. Each duty is started by :mod:`sms_desktop.core.service`, which decides who
runs it."""

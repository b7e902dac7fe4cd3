"""Automation: work that runs by itself wherever the application runs (the window, in the tray,
or the office sender service, ``sms-desktop-cli serve``; exactly one of them runs each duty, see
:mod:`sms_desktop.core.service`).

* :mod:`.rules`: recurring sends and date-field sends (会员生日, 合同到期), their runs and their
  missed runs; :mod:`.schedule` their times, :mod:`.datefield` the dates read from a group;
* the local HTTP API for office systems (the ``api_*`` modules);
* :mod:`.autoreply`: keyword auto-replies.
"""

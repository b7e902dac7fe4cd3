"""The core's values the command line's parser shows: choices, defaults and help texts.

They are written out here so that parsing a command line (and ``--help``) imports no core
module: the program starts in a fraction of the time, and it is started often (every few
minutes by the Task Scheduler for ``run-due``, and by scripts). Each value equals the core's
own, named beside it; ``tests/cli/test_cli_start.py`` checks that they stay equal.
"""

from __future__ import annotations

# core.gateways.FAMILIES
FAMILIES = ("ipyy", "qxt", "jsm", "txt112088")

# The account fields families declare (core.accounts.FIELD_KEYS, from each family's
# capabilities.account_fields): their help, naming the families that take or require them
FIELD_HELP = {
    "userid": "企业ID（userid），ipyy 使用 / the enterprise ID (userid); used by ipyy",
    "verycode": "通信认证密码（veryCode），jsm 必填"
    " / the veryCode (communication password); required for jsm",
}
FIELD_KEYS = tuple(FIELD_HELP)
# core.accounts.SECRET_FIELD_KEYS: the fields some family keeps in the keyring
SECRET_FIELD_KEYS = ("verycode",)

# core.guard.JobKind.ALL (and core.templates.JOB_KINDS), JobKind.NOTICE
JOB_KINDS = ("notice", "marketing")
NOTICE = "notice"

# core.automation.schedule.SCHEDULES, MONTH_DAYS: an automation rule's schedules
SCHEDULES = ("daily", "weekdays", "weekly", "monthly", "date")
MONTH_DAYS = ("1", "15", "last")

# core.automation.autoreply.MATCH_MODES
MATCH_MODES = ("exact", "contains")

# core.jobs.daily.DAYS: the days ``stats`` shows
STATS_DAYS = 30

# core.service.TICK: seconds between the sender service's checks for due jobs
SERVE_TICK = 5.0

# core.automation.api_server.ApiSettings.listen: where the local HTTP API listens
API_LISTEN = "127.0.0.1:8780"

# the sender service's log file, in the data folder's log folder
SERVE_LOG = "sms-desktop-serve.log"

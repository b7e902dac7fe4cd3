"""``python -m sms_desktop``: the desktop application (the CLI is ``python -m sms_desktop.cli``)."""

import sys

from .ui.app import main

sys.exit(main())

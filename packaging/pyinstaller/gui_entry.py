"""Entry script of the frozen SMSDesktop executable (build.spec)."""

import sys

from sms_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())

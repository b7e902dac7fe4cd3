"""Entry script of the frozen sms-desktop-cli executable (build.spec)."""

import sys

from sms_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

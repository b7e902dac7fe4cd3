"""PyInstaller runtime hook: a windowed executable has no stdout or stderr.

On Windows, a ``console=False`` exe starts with ``sys.stdout`` and ``sys.stderr`` set to None, so
any ``print`` (argparse's help and errors, a library's warning, ``faulthandler``) would raise.
Give them a sink that discards the text; the application logs to its file (``ui/logs.py``).
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8", errors="replace"))  # noqa: SIM115
del _name

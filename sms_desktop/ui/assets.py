"""Where the window's files are: the compiled translations (``.qm``) and the icon.

An installed copy has them inside the package, ``sms_desktop/resources/`` (the wheel puts them
there: ``pyproject.toml``, ``force-include``; so does the frozen build: ``build.spec``). A source
checkout (an editable install, the tests) has them in the repository's ``resources/``, where
``resources/i18n/update.sh`` writes them. :func:`asset` looks in that order.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # sms_desktop/
PACKAGED = PACKAGE_DIR / "resources"  # wheel, frozen bundle
SOURCE_TREE = PACKAGE_DIR.parent  # a checkout: pyproject.toml beside resources/


def asset(*parts: str) -> Path:
    """``resources/<parts>`` of an installed copy, else of the source checkout.

    Returns the installed path when neither exists (callers check ``is_file()``).
    """
    packaged = PACKAGED.joinpath(*parts)
    if packaged.exists():
        return packaged
    if (SOURCE_TREE / "pyproject.toml").is_file():
        source = SOURCE_TREE.joinpath("resources", *parts)
        if source.exists():
            return source
    return packaged

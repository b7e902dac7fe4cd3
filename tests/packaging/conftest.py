"""Tests of the frozen programs: they build with PyInstaller, which takes minutes on 2 cores.

Marked ``frozen`` and skipped unless selected (``tests/conftest.py``, ``OPT_IN``):
``pytest -m frozen tests/packaging``. CI runs them from ``.ci/run``, after ``.ci/test``.
``test_wine_codepage.py`` builds nothing: it runs the Windows build already in ``dist/`` under
Wine, and is skipped where there is no Wine or no such build.
"""

"""Tests of the frozen programs: they build with PyInstaller, which takes minutes on 2 cores.

Marked ``frozen`` and skipped unless selected (``tests/conftest.py``, ``OPT_IN``):
``pytest -m frozen tests/packaging``. CI runs them from ``.ci/run``, after ``.ci/test``.
"""

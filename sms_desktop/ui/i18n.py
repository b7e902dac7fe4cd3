"""The UI language: which one, its translators, and the core's bilingual messages.

* Sources are the Chinese texts in ``self.tr("…")`` / ``QCoreApplication.translate(ctx, "…")``.
  ``resources/i18n/sms_desktop_<lang>.ts`` hold them (``resources/i18n/update.sh``: lupdate, then
  lrelease); the compiled ``sms_desktop_<lang>.qm`` are committed beside them (a test checks
  they are current); the wheel and the frozen build carry them inside the package (assets.py).
* :func:`choose_lang`: ``--lang``, else the settings' :data:`LANG_KEY`, else the system locale
  (Chinese on a Chinese system, English otherwise). A change applies at the next start.
* :func:`install`: our translator, and Qt's own ``qtbase_<lang>.qm`` from
  ``QLibraryInfo``'s translations path, so the stock buttons (Yes, Cancel, Open…) match.
* :class:`LanguageChoice`: the box of the settings dialog that saves the choice.
* :func:`pick`: the core writes user-facing messages as ``中文 / English`` (one per line, or one
  pair over several lines); the UI shows only the half of the installed language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from ..core.bilingual import LANGS
from ..core.bilingual import pick as pick_half
from .assets import asset

LANG_KEY = "ui/lang"  # "" or absent: follow the system locale
CATALOGUE = "sms_desktop"

_current: str | None = None  # the installed language; None: not installed (pick keeps both)
_default_locale: QLocale | None = None  # QLocale's default before install (remove restores it)


def system_lang(locale: QLocale | None = None) -> str:
    """``zh_CN`` when the system's language is Chinese, else ``en``."""
    loc = locale if locale is not None else QLocale.system()
    return "zh_CN" if loc.language() == QLocale.Language.Chinese else "en"


def setting_lang(settings: QSettings) -> str | None:
    """The language saved in the settings, or None (follow the system)."""
    value = str(settings.value(LANG_KEY, "") or "")
    return value if value in LANGS else None


def save_lang(settings: QSettings, lang: str | None) -> None:
    """Save the choice of the settings dialog (None or "": follow the system); applies at restart."""
    if lang not in (None, "", *LANGS):
        raise ValueError(f"unknown UI language {lang!r}")
    settings.setValue(LANG_KEY, lang or "")


def choose_lang(cli: str | None, settings: QSettings, locale: QLocale | None = None) -> str:
    """``--lang``, else the settings' choice, else the system's language."""
    if cli in LANGS:
        return str(cli)
    return setting_lang(settings) or system_lang(locale)


def qm_path(lang: str) -> Path:
    return asset("i18n", f"{CATALOGUE}_{lang}.qm")


def install(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install our catalogue and Qt's ``qtbase`` for ``lang``; returns them for :func:`remove`."""
    global _current, _default_locale
    if lang not in LANGS:
        raise ValueError(f"unknown UI language {lang!r}")
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(qm_path(lang))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(lang), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    if _default_locale is None:
        _default_locale = QLocale()
    QLocale.setDefault(QLocale(lang))  # dates, numbers and calendar names in the same language
    _current = lang
    return installed


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo :func:`install` (tests, scripts that start the window more than once)."""
    global _current, _default_locale
    for t in translators:
        app.removeTranslator(t)
    if _default_locale is not None:
        QLocale.setDefault(_default_locale)
        _default_locale = None
    _current = None


def current() -> str | None:
    """The installed language (None before :func:`install`)."""
    return _current


class LanguageChoice(QGroupBox):
    """The settings dialog's 界面语言 box: follow the system, 中文, or English; applies at restart.

    The dialog adds it to its layout and calls :meth:`save` when it saves.
    """

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("界面语言"), parent)
        self.settings = settings
        self.setObjectName("languageBox")
        self.combo = QComboBox()
        self.combo.setObjectName("languageCombo")
        self.combo.setAccessibleName(self.tr("界面语言"))
        self.combo.addItem(self.tr("跟随系统"), "")
        self.combo.addItem("中文（简体）", "zh_CN")  # each language in its own words
        self.combo.addItem("English", "en")
        self.combo.setCurrentIndex(max(0, self.combo.findData(setting_lang(settings) or "")))
        self.note = QLabel(self.tr("更改在重新启动程序后生效。"))
        self.note.setObjectName("languageNote")
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("语言："), self.combo)
        form.addRow(self.note)

    def save(self) -> None:
        save_lang(self.settings, str(self.combo.currentData() or ""))


# ---- the core's bilingual messages -------------------------------------------------------
def pick(message: str, lang: str | None = None) -> str:
    """The half of a core message in ``lang`` (default: the installed language; before one is
    installed, the message unchanged). See :func:`sms_desktop.core.bilingual.pick`."""
    return pick_half(message, lang or _current)

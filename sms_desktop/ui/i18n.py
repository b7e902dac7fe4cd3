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

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from .assets import asset

LANGS = ("zh_CN", "en")
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
# " / ", or "/ " right after closing full-width punctuation (``号码无效（…）/ invalid number``)
_SEP_RE = re.compile(r" / |(?<=[\uff09\u300d\u300f\u3002\uff01\uff1f\u201d\u3011])/ ")
_CJK_RE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_PARAGRAPH_RE = re.compile(r"(\n[ \t]*\n)")


def _cjk(text: str) -> int:
    return len(_CJK_RE.findall(text))


def _latin(text: str) -> int:
    return len(_LATIN_RE.findall(text))


def _split(text: str) -> tuple[str, str] | None:
    """The ``中文 / English`` boundary of ``text``, or None when it is not such a pair.

    With several separators (a bilingual detail quoted inside both halves), the middle one when
    it splits the separators evenly, else the one leaving the least Latin on the Chinese side and
    the least Chinese on the English side.
    """
    seps = [(m.start(), m.end()) for m in _SEP_RE.finditer(text)]
    starts = [a for a, _ in seps]
    best: tuple[int, int, int] | None = None
    for i, (pos, end) in enumerate(seps):
        left, right = text[:pos], text[end:]
        if not _cjk(left) or not _latin(right) or _cjk(right.strip()[:1]):
            continue
        balanced = len(starts) % 2 == 1 and i == len(starts) // 2 and len(starts) > 1
        score = -1 if balanced else _latin(left) + _cjk(right)
        if best is None or score < best[0]:
            best = (score, pos, end)
    if best is None:
        return None
    return text[: best[1]], text[best[2] :]


def _inner(half: str, lang: str) -> str:
    """A half that still quotes a bilingual detail (``获取失败：拒绝 / refused``): drop the
    detail's other language, keep the half's own text around it."""
    pair = _split(half)
    if pair is None:
        return half
    left, right = pair
    if lang == "zh_CN":
        first = _CJK_RE.search(right)
        return left + (right[first.start() :] if first else "")
    first = _CJK_RE.search(left)
    return (left[: first.start()] if first else "") + _inner(right, lang)


def _pick_block(block: str, lang: str) -> str:
    lines = block.split("\n")
    if len(lines) > 1 and all(_split(line) for line in lines if _cjk(line)):
        return "\n".join(_pick_block(line, lang) for line in lines)
    pair = _split(block)
    if pair is None:
        return block
    half = pair[0] if lang == "zh_CN" else pair[1]
    return _inner(half, lang).strip()


def pick(message: str, lang: str | None = None) -> str:
    """The half of a core message in ``lang`` (default: the installed language).

    ``中文。 / English.`` gives one half; several lines that each hold a pair give one half per
    line; a pair written over several lines (``中文\\n中文 / English\\nEnglish``) gives one
    block; paragraphs (separated by an empty line) are picked one by one. Text that is not such
    a pair, and any text before a language is installed, is returned unchanged.
    """
    lang = lang or _current
    if not lang or not message:
        return message
    parts = _PARAGRAPH_RE.split(message)
    return "".join(p if _PARAGRAPH_RE.fullmatch(p) else _pick_block(p, lang) for p in parts)

"""The core's user-facing messages are bilingual, ``中文 / English``: picking one half.

Both clients use it: the GUI shows the half of its language (``ui.i18n.pick``), and exports
write the user's language (the history export's explanations). Pure text handling, no Qt.
"""

from __future__ import annotations

import re

__all__ = ["LANGS", "pick", "system_lang"]

LANGS = ("zh_CN", "en")


def system_lang(environ: dict[str, str] | None = None) -> str:
    """``zh_CN`` when the user's locale is Chinese, else ``en`` (for clients without Qt's
    QLocale: the command line). Looks at LC_ALL, LC_MESSAGES, LANG and LANGUAGE, then the
    platform's locale (Windows: "Chinese (Simplified)_China")."""
    import locale
    import os

    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(key, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "zh_CN" if value.lower().startswith("zh") else "en"
    if environ is None:
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:
            name = ""
        if name.lower().startswith(("zh", "chinese")):
            return "zh_CN"
    return "en"


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


def pick(message: str, lang: str | None) -> str:
    """The half of a core message in ``lang`` (``zh_CN`` or ``en``; None: both, unchanged).

    ``中文。 / English.`` gives one half; several lines that each hold a pair give one half per
    line; a pair written over several lines (``中文\\n中文 / English\\nEnglish``) gives one
    block; paragraphs (separated by an empty line) are picked one by one. Text that is not such
    a pair is returned unchanged.
    """
    if not lang or not message:
        return message
    parts = _PARAGRAPH_RE.split(message)
    return "".join(p if _PARAGRAPH_RE.fullmatch(p) else _pick_block(p, lang) for p in parts)

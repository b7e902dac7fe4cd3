"""The message editor of 发送: the text, its counts, the characters the charset cannot carry,
sensitive words, ``{列名}`` placeholders and a preview of the first personalised messages.

Everything here is GUI-thread safe: the counts of the typed text come from the core's pure
functions (``segments``, ``charsets``, ``wordcheck``); the totals over all recipients come from
the compose tab's estimate op (:meth:`MessageEditor.show_estimate`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core import segments, wordcheck

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

    from ...core.accounts import Account
    from ...core.estimate import Estimate

BAD_CHAR_COLOUR = QColor("#f8c9c9")
WORD_COLOUR = QColor("#ffe08a")


def utf16_index(text: str, index: int) -> int:
    """Qt's position of the code point at ``index``: Qt counts UTF-16 units, so every character
    outside the BMP (an emoji) before it shifts it by one."""
    return index + sum(1 for c in text[:index] if ord(c) > 0xFFFF)


class Highlighter(QSyntaxHighlighter):
    """Marks characters the account's charset cannot carry, listed sensitive words, and
    placeholders that no column fills."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.bad_chars: set[str] = set()
        self.words: list[str] = []
        self.unknown: set[str] = set()
        # made with the first rules: setBackground() brings the whole Qt namespace (its overloads
        # take a Qt.GlobalColor), about 30 ms that the window's first paint does not need
        self._bad: QTextCharFormat | None = None
        self._word: QTextCharFormat | None = None

    def set_rules(
        self, bad_chars: set[str], words: list[str], unknown: set[str] | None = None
    ) -> None:
        unknown = set(unknown or ())
        if bad_chars == self.bad_chars and words == self.words and unknown == self.unknown:
            return
        if self._bad is None:
            self._bad = QTextCharFormat()
            self._bad.setBackground(BAD_CHAR_COLOUR)
            self._bad.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            self._bad.setUnderlineColor(QColor("#c00000"))
            self._word = QTextCharFormat()
            self._word.setBackground(WORD_COLOUR)
        self.bad_chars, self.words, self.unknown = set(bad_chars), list(words), unknown
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if self._bad is None or self._word is None:
            return  # no rules yet
        if self.unknown:
            from ...core.contacts.placeholders import spans

            for start, end, name in spans(text):
                if name in self.unknown:
                    at = utf16_index(text, start)
                    self.setFormat(at, utf16_index(text, end) - at, self._bad)
        if self.words:
            for hit in wordcheck.find_words(text, self.words):
                start = utf16_index(text, hit.start)
                self.setFormat(start, utf16_index(text, hit.end) - start, self._word)
        if self.bad_chars:
            for i, ch in enumerate(text):
                if ch in self.bad_chars:
                    self.setFormat(utf16_index(text, i), 2 if ord(ch) > 0xFFFF else 1, self._bad)


# a pasted tab (from a spreadsheet, a web page) becomes a space: a tab cannot be typed here, and
# a phone shows it as a blank of any width or not at all; other control characters (besides the
# line break) are dropped, as no phone shows them
_PASTE_TABLE = {c: None for c in range(32) if c not in (9, 10)} | {9: " ", 0x7F: None}


def clean_pasted_text(text: str) -> str:
    return text.translate(_PASTE_TABLE)


class MessageEdit(QPlainTextEdit):
    """短信内容: Tab moves the focus, never into the SMS; pasted text is cleaned (above)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(clean_pasted_text(source.text()))


def _span(low: int, high: int) -> str:
    return f"{low}" if low == high else f"{low}–{high}"


class MessageEditor(QWidget):
    """``messageEdit`` + ``countLabel`` and the checks around them."""

    changed = Signal()  # the text changed (the tab restarts its estimate)
    switch_to_utf8 = Signal()  # the user accepted the offer to send this account in UTF-8
    check_words_requested = Signal()  # ask the gateway (ipyy checkkeyword)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account: Account | None = None
        self.no_accounts = False  # none exists yet: the hint says where to add one
        self.columns: list[str] = []
        self.words: list[str] = []
        self.estimate: Estimate | None = None

        self.edit = MessageEdit()
        self.edit.setObjectName("messageEdit")
        self.edit.setAccessibleName(self.tr("短信内容"))
        self.edit.setPlaceholderText(
            self.tr("在此输入短信内容。可用 {姓名} 等占位符，从文件的列中取值。")
        )
        self.highlighter = Highlighter(self.edit.document())
        self.edit.textChanged.connect(self._text_changed)

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setAccessibleName(self.tr("字数与条数"))
        self.count_label.setWordWrap(True)
        # Qt.TextInteractionFlag.TextSelectableByMouse, set by its value: the first use of the
        # Qt namespace builds all its enums (about 30 ms), which the first paint does not need
        self.count_label.setProperty("textInteractionFlags", 1)

        # a push button with a menu: its arrow has room of its own (a tool button's instant
        # popup drew the arrow over the last letter) and it looks like the button beside it
        self.insert_button = QPushButton(self.tr("插入占位符"))
        self.insert_button.setObjectName("insertFieldButton")
        self.insert_button.setAccessibleName(self.tr("插入占位符"))
        self.field_menu = QMenu(self.insert_button)
        self.field_menu.setObjectName("insertFieldMenu")
        self.insert_button.setMenu(self.field_menu)

        self.check_button = QPushButton(self.tr("网关敏感词检查"))
        self.check_button.setObjectName("checkWordsButton")
        self.check_button.setAccessibleName(self.tr("请网关检查敏感词"))
        self.check_button.clicked.connect(self.check_words_requested)
        self.check_button.hide()

        self.charset_warning = QLabel()
        self.charset_warning.setObjectName("charsetWarning")
        self.charset_warning.setWordWrap(True)
        self.charset_warning.setStyleSheet("QLabel { color: #a00000; }")
        self.charset_warning.hide()
        self.utf8_button = QPushButton(self.tr("改用 UTF-8 发送"))
        self.utf8_button.setObjectName("switchUtf8Button")
        self.utf8_button.setAccessibleName(self.tr("将该账户改为 UTF-8 编码发送"))
        self.utf8_button.clicked.connect(self.switch_to_utf8)
        self.utf8_button.hide()

        self.words_label = QLabel()
        self.words_label.setObjectName("sensitiveWordsLabel")
        self.words_label.setWordWrap(True)
        self.words_label.setStyleSheet("QLabel { color: #7a3e00; }")
        self.words_label.hide()

        self.gateway_label = QLabel()
        self.gateway_label.setObjectName("gatewayWordsLabel")
        self.gateway_label.setWordWrap(True)
        self.gateway_label.hide()

        self.placeholder_warning = QLabel()
        self.placeholder_warning.setObjectName("placeholderWarning")
        self.placeholder_warning.setWordWrap(True)
        self.placeholder_warning.setStyleSheet("QLabel { color: #a00000; }")
        self.placeholder_warning.hide()

        self.problem_label = QLabel()
        self.problem_label.setObjectName("textProblemLabel")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("QLabel { color: #a00000; }")
        self.problem_label.hide()

        self.preview = QPlainTextEdit()
        self.preview.setObjectName("previewView")
        self.preview.setAccessibleName(self.tr("前几条短信预览"))
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(110)
        self.preview.setPlaceholderText(self.tr("这里显示前几位收件人将收到的短信。"))

        tools = QHBoxLayout()
        tools.addWidget(self.insert_button)
        tools.addWidget(self.check_button)
        tools.addStretch(1)
        charset_row = QHBoxLayout()
        charset_row.addWidget(self.charset_warning, 1)
        charset_row.addWidget(self.utf8_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(charset_row)
        layout.addWidget(self.placeholder_warning)
        layout.addWidget(self.words_label)
        layout.addWidget(self.gateway_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(QLabel(self.tr("预览：")))
        layout.addWidget(self.preview)
        self.set_columns([])
        self._refresh()

    # ---- inputs ---------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def set_account(self, account: Account | None) -> None:
        self.account = account
        has_check = account is not None and account.family == "ipyy"
        self.check_button.setVisible(has_check)
        self.estimate = None
        self._refresh()

    def set_columns(self, columns: list[str]) -> None:
        """The file's columns (the built-in 姓名 and 手机号 always work)."""
        changed = list(columns) != self.columns
        self.columns = list(columns)
        self.field_menu.clear()
        for name in self.field_choices():
            action = self.field_menu.addAction("{" + name + "}")
            action.setObjectName(f"insertField:{name}")
            action.triggered.connect(lambda _=False, n=name: self.insert_field(n))
        if changed:
            self._refresh()

    def field_choices(self) -> list[str]:
        """The placeholders the 插入占位符 menu offers: the columns, then 姓名 and 手机号."""
        return list(dict.fromkeys([*self.columns, "姓名", "手机号"]))

    def set_words(self, words: list[str]) -> None:
        self.words = list(words)
        self._refresh()

    def insert_field(self, name: str) -> None:
        self.edit.insertPlainText("{" + name + "}")
        self.edit.setFocus()

    # ---- outputs --------------------------------------------------------------------------
    def signature(self) -> str:
        return segments.normalise_signature(self.account.signature) if self.account else ""

    def charset(self) -> str:
        from ...core import charsets

        if self.account is None:
            return "utf-8"
        caps = self.account.capabilities
        return charsets.canonical(self.account.charset or caps.default_charset)

    def can_switch_to_utf8(self) -> bool:
        return (
            self.account is not None
            and "utf-8" in self.account.capabilities.charsets
            and self.charset() != "utf-8"
        )

    def show_estimate(self, est: Estimate | None) -> None:
        """Totals over every recipient, from the estimate op (None: being computed)."""
        self.estimate = est
        if est is not None:
            self.preview.setPlainText("\n".join(est.preview(5)))
        self._refresh()

    def show_gateway_words(self, ok: bool, words: list[str]) -> None:
        if ok:
            self.gateway_label.setText(self.tr("网关检查：未发现敏感词。"))
        elif words:
            self.gateway_label.setText(self.tr("网关检查发现敏感词：") + self.tr("、").join(words))
        else:
            self.gateway_label.setText(self.tr("网关检查：内容含有敏感词（网关未列出是哪些）。"))
        self.gateway_label.show()

    # ---- internals ------------------------------------------------------------------------
    @Slot()
    def _text_changed(self) -> None:
        self.gateway_label.hide()  # the gateway's answer was about the old text
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        if self.account is None and self.estimate is None:
            if self.no_accounts:
                self.count_label.setText(self.tr("还没有账户：请在“设置 → 账户…”中添加。"))
            else:
                self.count_label.setText(self.tr("请先选择账户。"))
            return
        from ...core import charsets  # the start-up op imported the core already
        from ...core.contacts.placeholders import placeholders, unknown_placeholders

        text = self.text()
        sig = self.signature()
        info = segments.count(text, sig)
        cap = self.account.max_length if self.account is not None else None
        bad = charsets.unencodable_chars(segments.with_signature(text, sig), self.charset())
        hits = wordcheck.find_words(text, self.words) if self.words else []
        unknown = unknown_placeholders(text, self.columns)
        self.highlighter.set_rules(set(bad), [h.word for h in hits], set(unknown))
        self._show_unknown(unknown)

        personal = bool(placeholders(text))
        est = self.estimate
        if est is not None and est.chars and personal:
            chars = _span(est.chars_min, est.chars_max)
            parts = _span(est.parts_min, est.parts_max)
            n_chars, n_parts = est.chars_max, est.parts_max
        else:
            chars, parts = str(info.chars), str(info.parts)
            n_chars, n_parts = info.chars, info.parts
        # the count n picks the plural form (English "1 message", "2 messages"); %1 shows a range
        line = self.tr("%1 字（含签名 %2 字）", "", n_chars).replace("%1", chars)
        line = line.replace("%2", str(segments.char_count(sig)))
        line += self.tr(" · 每条计 %1 条", "", n_parts).replace("%1", parts)
        if cap:
            line += self.tr(" · 上限 %1 字").replace("%1", str(cap))
        if est is not None and est.valid:
            line += self.tr(" · %Ln 个号码", "", len(est.valid))
            line += self.tr("共 %Ln 条", "", est.total_parts)
            line += self.tr("，请求 %Ln 次", "", est.requests)
            if est.postpaid:
                line += self.tr(" · 后付费账户")
            elif est.balance is not None:
                line += self.tr(" · 预计费用 %Ln 条", "", est.total_parts)
                line += self.tr(" / 余额 %1 条", "", int(est.balance)).replace(
                    "%1", f"{est.balance:,.0f}"
                )
                if est.exceeds_balance:
                    line += self.tr("（余额不足）")
        self.count_label.setText(line)

        if bad:
            msg = self.tr("该账户的编码（%1）无法发送这些字符：%2").replace("%1", self.charset())
            self.charset_warning.setText(msg.replace("%2", " ".join(bad)))
            self.charset_warning.show()
            self.utf8_button.setVisible(self.can_switch_to_utf8())
        else:
            self.charset_warning.hide()
            self.utf8_button.hide()

        if hits:
            found = list(dict.fromkeys(h.word for h in hits))
            self.words_label.setText(self.tr("内容含有本地敏感词：") + self.tr("、").join(found))
            self.words_label.show()
        else:
            self.words_label.hide()

        over = cap is not None and info.chars > cap
        if est is not None and est.over_cap:
            over = True
        if over:
            self.problem_label.setText(
                self.tr("内容超过该账户上限 %1 字，无法发送。").replace("%1", str(cap))
            )
            self.problem_label.show()
        else:
            self.problem_label.hide()

    def _show_unknown(self, unknown: list[str]) -> None:
        """As the user types: the placeholders no column of the file or group fills (the send
        would be refused), and the ones that would work."""
        if not unknown:
            self.placeholder_warning.hide()
            return
        braced = " ".join("{" + u + "}" for u in unknown)
        choices = " ".join("{" + c + "}" for c in self.field_choices())
        text = self.tr("没有这一列：%1（可用：%2）", "", len(unknown))
        self.placeholder_warning.setText(text.replace("%1", braced).replace("%2", choices))
        self.placeholder_warning.show()

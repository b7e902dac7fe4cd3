"""Prompts: every question, error and notice the GUI shows goes through one swappable object.

:class:`QtPrompts` shows ``QMessageBox`` dialogs (with a 详细信息 / Details section) and file
choosers; :class:`FakePrompts` answers from a script and records everything, so tests run without
modal dialogs. Widgets never call ``QMessageBox`` themselves.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QPushButton

from .i18n import pick


def _tr(text: str) -> str:
    return QCoreApplication.translate("Prompts", text)


class Prompts(QObject):
    """The interface. ``parent`` is the widget a dialog belongs to (or None).

    File choosers start in :attr:`start_dir` (demo mode: the demo folder) when the caller names
    no folder: :meth:`start_path`.
    """

    notified = Signal(str, str)  # title, text: non-blocking notices (status bar, tray)
    start_dir: Path | None = None

    def start_path(self, given: str = "") -> str:
        """Where a file chooser starts: ``given`` (a folder, or a suggested file name) inside
        :attr:`start_dir` unless it names its own folder."""
        if self.start_dir is None or (given and Path(given).is_absolute()):
            return given
        return str(self.start_dir / given) if given else str(self.start_dir)

    def confirm(
        self,
        parent: QObject | None,
        title: str,
        text: str,
        *,
        ok_text: str | None = None,
        cancel_text: str | None = None,
        default: bool = False,
        details: str | None = None,
    ) -> bool:
        raise NotImplementedError

    def choose(
        self,
        parent: QObject | None,
        title: str,
        text: str,
        choices: list[str],
        *,
        default: int = 0,
        cancel: int | None = None,
    ) -> int:
        """A question with several answers (button texts); returns the index chosen. Escape
        (or closing the box) gives ``cancel`` (the last choice when None)."""
        raise NotImplementedError

    def error(
        self,
        parent: QObject | None,
        text: str,
        *,
        vendor_text: str | None = None,
        details: str | None = None,
        title: str | None = None,
    ) -> None:
        raise NotImplementedError

    def info(self, parent: QObject | None, title: str, text: str) -> None:
        raise NotImplementedError

    def warning(
        self,
        parent: QObject | None,
        title: str,
        text: str,
        *,
        vendor_text: str | None = None,
        details: str | None = None,
    ) -> None:
        """Something the user must look at that is not an error of theirs or ours (a send that
        ended with unknown or refused recipients)."""
        raise NotImplementedError

    def open_file(
        self, parent: QObject | None, title: str, filters: str, directory: str = ""
    ) -> Path | None:
        raise NotImplementedError

    def ask_text(
        self, parent: QObject | None, title: str, label: str, text: str = ""
    ) -> str | None:
        """A line of text (a group's name); None when cancelled."""
        raise NotImplementedError

    def ask_password(self, parent: QObject | None, title: str, label: str) -> str | None:
        """A password, typed hidden; None when cancelled (or left empty)."""
        raise NotImplementedError

    def save_file(
        self, parent: QObject | None, title: str, filters: str, suggested: str = ""
    ) -> Path | None:
        raise NotImplementedError

    def notify(self, title: str, text: str) -> None:
        """A notice that needs no answer: shown in the status bar (and the tray, later)."""
        self.notified.emit(title, pick(text))


def _widget(parent: QObject | None) -> QWidget | None:
    return parent if isinstance(parent, QWidget) else None


class QtPrompts(Prompts):
    """The real dialogs (their Qt classes imported when first shown: their enums cost a few ms
    that the window's first paint does not need)."""

    def confirm(
        self,
        parent: QObject | None,
        title: str,
        text: str,
        *,
        ok_text: str | None = None,
        cancel_text: str | None = None,
        default: bool = False,
        details: str | None = None,
    ) -> bool:
        box, ok = self.confirm_box(
            parent,
            title,
            text,
            ok_text=ok_text,
            cancel_text=cancel_text,
            default=default,
            details=details,
        )
        box.exec()
        return box.clickedButton() is ok

    @staticmethod
    def confirm_box(
        parent: QObject | None,
        title: str,
        text: str,
        *,
        ok_text: str | None = None,
        cancel_text: str | None = None,
        default: bool = False,
        details: str | None = None,
    ) -> tuple[QMessageBox, QPushButton]:
        """The question box of :meth:`confirm` (not shown) and its Ok button. The default
        button has the focus: Cancel unless ``default`` (never for an action that spends
        money), so Enter answers no; an ``&`` in ``ok_text`` gives the Alt shortcut."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, pick(text), parent=_widget(parent))
        box.setObjectName("confirmBox")
        ok = box.addButton(ok_text or _tr("确定"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(cancel_text or _tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(ok if default else cancel)
        box.setEscapeButton(cancel)
        if details:
            box.setDetailedText(pick(details))
        return box, ok

    def choose(
        self,
        parent: QObject | None,
        title: str,
        text: str,
        choices: list[str],
        *,
        default: int = 0,
        cancel: int | None = None,
    ) -> int:
        box, buttons = self.choose_box(parent, title, text, choices, default=default, cancel=cancel)
        box.exec()
        clicked = box.clickedButton()
        escape = len(choices) - 1 if cancel is None else cancel
        return buttons.index(clicked) if clicked in buttons else escape

    @staticmethod
    def choose_box(
        parent: QObject | None,
        title: str,
        text: str,
        choices: list[str],
        *,
        default: int = 0,
        cancel: int | None = None,
    ) -> tuple[QMessageBox, list[QPushButton]]:
        """The question box of :meth:`choose` (not shown) and its buttons, in order."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=_widget(parent))
        box.setObjectName("chooseBox")
        buttons = [box.addButton(c, QMessageBox.ButtonRole.ActionRole) for c in choices]
        escape = len(choices) - 1 if cancel is None else cancel
        box.setDefaultButton(buttons[default])
        box.setEscapeButton(buttons[escape])
        return box, buttons

    def error(
        self,
        parent: QObject | None,
        text: str,
        *,
        vendor_text: str | None = None,
        details: str | None = None,
        title: str | None = None,
    ) -> None:
        from PySide6.QtWidgets import QMessageBox

        body = pick(text)  # the core's "中文 / English" in the UI's language
        if vendor_text:
            body += "\n\n" + _tr("网关原文：") + vendor_text
        box = QMessageBox(
            QMessageBox.Icon.Critical, title or _tr("出错了"), body, parent=_widget(parent)
        )
        box.setObjectName("errorBox")
        if details:
            box.setDetailedText(pick(details))
        box.exec()

    def info(self, parent: QObject | None, title: str, text: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, title, pick(text), parent=_widget(parent))
        box.setObjectName("infoBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # a command
        box.exec()

    def warning(
        self,
        parent: QObject | None,
        title: str,
        text: str,
        *,
        vendor_text: str | None = None,
        details: str | None = None,
    ) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        body = pick(text)
        if vendor_text:
            body += "\n\n" + _tr("网关原文：") + vendor_text
        box = QMessageBox(QMessageBox.Icon.Warning, title, body, parent=_widget(parent))
        box.setObjectName("warningBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if details:
            box.setDetailedText(pick(details))
        box.exec()

    def open_file(
        self, parent: QObject | None, title: str, filters: str, directory: str = ""
    ) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            _widget(parent), title, self.start_path(directory), filters
        )
        return Path(name) if name else None

    def ask_text(
        self, parent: QObject | None, title: str, label: str, text: str = ""
    ) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getText(_widget(parent), title, label, text=text)
        return value if ok else None

    def ask_password(self, parent: QObject | None, title: str, label: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        box = QInputDialog(_widget(parent))
        box.setObjectName("passwordBox")
        box.setWindowTitle(title)
        box.setLabelText(label)
        box.setTextEchoMode(QLineEdit.EchoMode.Password)
        ok = box.exec()
        value = box.textValue()
        return value if ok and value else None

    def save_file(
        self, parent: QObject | None, title: str, filters: str, suggested: str = ""
    ) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(
            _widget(parent), title, self.start_path(suggested), filters
        )
        return Path(name) if name else None


@dataclass
class Recorded:
    kind: str  # confirm, choose, error, info, warning, open_file, save_file, ask_text,
    # ask_password, notify
    title: str = ""
    text: str = ""
    vendor_text: str | None = None
    details: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class FakePrompts(Prompts):
    """For tests: answers from scripted queues and records every call in ``calls``.

    ``confirm_answers`` (default: ``default_confirm``), ``choose_answers`` (default: the
    question's ``default``), ``open_answers``, ``save_answers``, ``text_answers`` and
    ``password_answers`` (default: None, i.e. cancelled) are consumed in order.
    """

    def __init__(self, default_confirm: bool = True) -> None:
        super().__init__()
        self.calls: list[Recorded] = []
        self.default_confirm = default_confirm
        self.confirm_answers: deque[bool] = deque()
        self.choose_answers: deque[int] = deque()
        self.open_answers: deque[Path | None] = deque()
        self.save_answers: deque[Path | None] = deque()
        self.text_answers: deque[str | None] = deque()
        self.password_answers: deque[str | None] = deque()

    def of(self, kind: str) -> list[Recorded]:
        return [c for c in self.calls if c.kind == kind]

    @property
    def errors(self) -> list[Recorded]:
        return self.of("error")

    def confirm(
        self,
        parent: QObject | None,
        title: str,
        text: str,
        *,
        ok_text: str | None = None,
        cancel_text: str | None = None,
        default: bool = False,
        details: str | None = None,
    ) -> bool:
        answer = self.confirm_answers.popleft() if self.confirm_answers else self.default_confirm
        extra = {"answer": answer, "ok_text": ok_text, "default": default}
        self.calls.append(Recorded("confirm", title, text, details=details, extra=extra))
        return answer

    def choose(
        self,
        parent: QObject | None,
        title: str,
        text: str,
        choices: list[str],
        *,
        default: int = 0,
        cancel: int | None = None,
    ) -> int:
        answer = self.choose_answers.popleft() if self.choose_answers else default
        extra = {"answer": answer, "choices": list(choices), "default": default}
        self.calls.append(Recorded("choose", title, text, extra=extra))
        return answer

    def error(
        self,
        parent: QObject | None,
        text: str,
        *,
        vendor_text: str | None = None,
        details: str | None = None,
        title: str | None = None,
    ) -> None:
        self.calls.append(Recorded("error", title or "", text, vendor_text, details))

    def info(self, parent: QObject | None, title: str, text: str) -> None:
        self.calls.append(Recorded("info", title, text))

    def warning(
        self,
        parent: QObject | None,
        title: str,
        text: str,
        *,
        vendor_text: str | None = None,
        details: str | None = None,
    ) -> None:
        self.calls.append(Recorded("warning", title, text, vendor_text, details))

    def open_file(
        self, parent: QObject | None, title: str, filters: str, directory: str = ""
    ) -> Path | None:
        answer = self.open_answers.popleft() if self.open_answers else None
        self.calls.append(
            Recorded(
                "open_file",
                title,
                filters,
                extra={"answer": answer, "start": self.start_path(directory)},
            )
        )
        return answer

    def ask_text(
        self, parent: QObject | None, title: str, label: str, text: str = ""
    ) -> str | None:
        answer = self.text_answers.popleft() if self.text_answers else None
        self.calls.append(Recorded("ask_text", title, label, extra={"answer": answer}))
        return answer

    def ask_password(self, parent: QObject | None, title: str, label: str) -> str | None:
        answer = self.password_answers.popleft() if self.password_answers else None
        self.calls.append(Recorded("ask_password", title, label, extra={"answer": answer}))
        return answer

    def save_file(
        self, parent: QObject | None, title: str, filters: str, suggested: str = ""
    ) -> Path | None:
        answer = self.save_answers.popleft() if self.save_answers else None
        self.calls.append(
            Recorded(
                "save_file",
                title,
                filters,
                extra={"answer": answer, "start": self.start_path(suggested)},
            )
        )
        return answer

    def notify(self, title: str, text: str) -> None:
        self.calls.append(Recorded("notify", title, text))
        super().notify(title, text)

"""帮助 → 使用说明: the user guide, in the UI's language, in a simple viewer.

The guides are Markdown in the repository (``docs/user-guide.zh-CN.md``, ``docs/user-guide.en.md``)
with their screenshots beside them (``docs/screenshots/``). A wheel carries them inside the
package, in ``sms_desktop/ui/userguide/`` (pyproject's ``force-include``), and so do the frozen
programs (``build.spec``: only the screenshots the guides show, as 256-colour PNGs); a source
tree reads ``docs/``. The file and its images are read in
an op (the images decoded and scaled there, handed to the document as resources), so the viewer
touches no file on the GUI thread. Links: a section (``#…``) scrolls to it, the other language's
guide is opened in place, a web address opens in the browser; the technical documents do not
come with the program and open only from a source tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..context import AppContext
from ..ops import Op

GUIDE_FILES = {"zh_CN": "user-guide.zh-CN.md", "en": "user-guide.en.md"}
IMAGE_WIDTH = 860  # screenshots are scaled down to this width (they are 1280 pixels wide)
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
_SLUG_DROP_RE = re.compile(r"[^\w\- ]")
# Chinese text and its full-width punctuation (CJK symbols, ideographs, full-width forms)
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# a line break inside a paragraph between two Chinese characters (bold or code marks between)
_CJK_BREAK_RE = re.compile(rf"([{_CJK}][*`]{{0,2}})[ \t]*\n[ \t]*([*`]{{0,2}}[{_CJK}])")


def guide_dir() -> Path:
    """Where the guides are: inside the package when installed or frozen, else ``docs/``."""
    ui = Path(__file__).resolve().parents[1]
    packaged = ui / "userguide"
    if (packaged / GUIDE_FILES["en"]).is_file():
        return packaged
    return ui.parents[1] / "docs"


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: ``7. 确认、暂停`` → ``7-确认暂停``."""
    return _SLUG_DROP_RE.sub("", heading.strip().lower()).replace(" ", "-")


@dataclass
class Guide:
    lang: str
    path: Path
    text: str
    images: dict[str, QImage] = field(default_factory=dict)  # as the Markdown names them


def join_cjk_lines(markdown: str) -> str:
    """The guide's source wraps its lines; Markdown reads a line break inside a paragraph as a
    space, which shows between two Chinese characters ("发送短信， 到查看结果"). Such breaks are
    removed, outside code blocks; a break beside a Latin word stays a space."""
    parts = re.split(r"(^```.*?^```[ \t]*$)", markdown, flags=re.S | re.M)
    return "".join(p if p.startswith("```") else _CJK_BREAK_RE.sub(r"\1\2", p) for p in parts)


def shown_images(markdown: str) -> list[str]:
    """The images a guide shows, as it names them (``screenshots/gui-compose.png``), once each
    in order; ``build.spec`` bundles these."""
    return list(dict.fromkeys(_IMAGE_RE.findall(markdown)))


def read_guide(lang: str, folder: Path | None = None) -> Guide:
    """In an op: the guide of ``lang`` and its images, decoded and scaled."""
    folder = folder or guide_dir()
    path = folder / GUIDE_FILES.get(lang, GUIDE_FILES["en"])
    text = join_cjk_lines(path.read_text(encoding="utf-8"))
    images: dict[str, QImage] = {}
    for name in shown_images(text):
        image = QImage(str(folder / name))
        if image.isNull():
            continue
        if image.width() > IMAGE_WIDTH:
            image = image.scaledToWidth(IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        images[name] = image
    return Guide(lang, path, text, images)


class GuideDialog(QDialog):
    """Non-modal; one per window (the 帮助 menu raises it when it is open)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("userGuideDialog")
        self.setWindowTitle(self.tr("使用说明"))
        self.guide: Guide | None = None
        self.loads = 0  # guides shown (tests wait on it)
        self.view = QTextBrowser()
        self.view.setObjectName("guideView")
        self.view.setAccessibleName(self.tr("使用说明"))
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._link)
        self.view.setPlaceholderText(self.tr("正在打开使用说明…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(940, 720)
        self.open_guide(ctx.lang)

    def open_guide(self, lang: str, anchor: str = "") -> None:
        Op(self, lambda: read_guide(lang), ops=self.ctx.ops).in_pool("io").token(
            "user-guide"
        ).on_success(lambda g: self._show(g, anchor)).run()

    def _show(self, guide: Guide, anchor: str) -> None:
        self.guide = guide
        doc = QTextDocument(self.view)
        doc.setMarkdown(guide.text)  # (it clears the resources: they are added after it)
        for name, image in guide.images.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        _name_headings(doc)
        self.view.setDocument(doc)
        if anchor:
            self.view.scrollToAnchor(anchor)
        self.loads += 1

    @Slot(QUrl)
    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        target, anchor = url.path(), url.fragment()
        if not target:
            self.view.scrollToAnchor(anchor)
            return
        for lang, name in GUIDE_FILES.items():
            if Path(target).name == name:
                self.open_guide(lang, anchor)
                return
        local = self.guide.path.parent / target if self.guide is not None else None
        if local is not None and local.is_file():  # a source tree: the technical documents
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(local)))
        else:
            self.ctx.prompts.notify(
                self.tr("使用说明"),
                self.tr("%1 是给技术人员的文档，不随程序安装。").replace("%1", target),
            )


def _name_headings(doc: QTextDocument) -> None:
    """Give each heading the anchor its links use (Qt's Markdown reader names none)."""
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            cursor = QTextCursor(block)
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            fmt = QTextCharFormat()
            fmt.setAnchor(True)
            fmt.setAnchorNames([slug(block.text())])
            cursor.mergeCharFormat(fmt)
        block = block.next()

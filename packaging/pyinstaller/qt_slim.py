"""What of Qt the window needs, for build.spec (and the bare-window benchmark spec).

The window uses QtCore, QtGui and QtWidgets only. Everything else is left out so that the one-file
exe stays small (goal: 30 MB; ``opengl32sw.dll`` alone is 20 MB). Imported by the spec files
(PyInstaller runs them with this folder on ``sys.path``).
"""

import re

QT_UNUSED_MODULES = [
    "Qt3DCore",
    "Qt3DRender",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDBus",
    "QtDesigner",
    "QtHelp",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPrintSupport",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickWidgets",
    "QtSql",
    "QtSvg",
    "QtSvgWidgets",
    "QtTest",
    "QtUiTools",
    "QtWebEngineCore",
    "QtWebEngineWidgets",
    "QtWebChannel",
    "QtWebSockets",
    "QtXml",
]
# shared libraries left behind by the excluded modules and plugins (matched in the file name)
QT_UNUSED_LIBS = re.compile(
    r"(opengl32sw|d3dcompiler|Qt6(Pdf|Qml|Quick|Svg|VirtualKeyboard|Wayland|Designer|"
    r"Multimedia|3D|WebEngine|Network|OpenGL|EglFS|Sql|Test|Help|Charts)|"
    r"libwayland|libEGL|libGLESv2)",
    re.IGNORECASE,
)
# plugin folder -> the plugin names kept (None: keep the folder whole)
QT_PLUGINS_KEPT = {
    "platforms": {"qwindows", "qoffscreen", "qxcb"},  # Windows; the self-test; Linux CI
    "imageformats": {"qico"},  # PNG is built in; .ico for the window icon
    "styles": None,  # the Windows 11 / Windows style
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
}
QT_LANGS = ("zh_CN", "en")
TKINTER = ["tkinter", "_tkinter", "turtle", "turtledemo", "idlelib"]


def _plugin_kept(dest: str) -> bool:
    parts = dest.replace("\\", "/").split("/")
    if "plugins" not in parts:
        return True
    i = parts.index("plugins")
    if i + 2 >= len(parts):  # a file directly in plugins/
        return True
    folder = parts[i + 1]
    if folder not in QT_PLUGINS_KEPT:
        return False
    names = QT_PLUGINS_KEPT[folder]
    if names is None:
        return True
    stem = parts[-1].split(".")[0]
    stem = stem[3:] if stem.startswith("lib") else stem
    return stem in names


def _translation_kept(dest: str) -> bool:
    name = dest.replace("\\", "/").rsplit("/", 1)[-1]
    if not name.endswith(".qm") or "/translations/" not in dest.replace("\\", "/"):
        return True
    return any(name in (f"qtbase_{lang}.qm", f"qt_{lang}.qm") for lang in QT_LANGS)


def slim_qt(analysis) -> None:
    """Drop the Qt plugins, libraries and translations the window does not use."""
    before = len(analysis.binaries) + len(analysis.datas)
    analysis.binaries = [
        e
        for e in analysis.binaries
        if _plugin_kept(e[0])
        and not QT_UNUSED_LIBS.search(e[0].replace("\\", "/").rsplit("/", 1)[-1])
    ]
    analysis.datas = [e for e in analysis.datas if _plugin_kept(e[0]) and _translation_kept(e[0])]
    print(f"slim_qt: dropped {before - len(analysis.binaries) - len(analysis.datas)} files")


# The Microsoft C/C++ runtime's DLLs that PySide6's and shiboken6's wheels both bring.
_MSVC_RUNTIME = re.compile(r"^(msvcp140(_\w+)?|vcruntime140(_1)?|concrt140)\.dll$", re.IGNORECASE)


def one_msvc_runtime(analysis) -> None:
    """Keep one copy of the C++ runtime (Windows). shiboken6 loads before any Qt library
    (PySide6's ``__init__`` adds its folder to the DLL search path and imports it first), and
    Windows resolves a DLL already loaded by its name, whichever library asks: the copies in
    ``PySide6\\`` of the DLLs ``shiboken6\\`` has are never loaded. ``VCRUNTIME140.dll`` is
    Python's own, loaded with ``python313.dll`` before either package's."""
    dests = {e[0].replace("\\", "/").lower() for e in analysis.binaries}

    def duplicate(dest: str) -> bool:
        folder, _, name = dest.replace("\\", "/").lower().rpartition("/")
        if folder not in ("pyside6", "shiboken6") or not _MSVC_RUNTIME.match(name):
            return False
        if folder == "pyside6" and f"shiboken6/{name}" in dests:
            return True
        return name == "vcruntime140.dll" and name in dests

    before = len(analysis.binaries)
    analysis.binaries = [e for e in analysis.binaries if not duplicate(e[0])]
    print(f"one_msvc_runtime: dropped {before - len(analysis.binaries)} copies")

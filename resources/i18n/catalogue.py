"""Helpers of ``update.sh`` (run with the project's Python; not part of the application).

* ``stub OUT``: ``pyside6-lupdate`` reads ``self.tr("…")``, ``QCoreApplication.translate("Ctx",
  "…")`` and ``QT_TRANSLATE_NOOP("Ctx", "…")``, but not a module's own shorthand such as::

      def _tr(text: str) -> str:
          return QCoreApplication.translate("Startup", text)

      _tr("有任务被中断")

  This finds every module-level function whose body is ``return
  QCoreApplication.translate("<context>", <its parameter>)`` (``str(parameter)`` too) and every
  call of it with a literal string, and writes them as ``QT_TRANSLATE_NOOP("<context>", "…")``
  lines into OUT, a file lupdate reads with the sources.
* ``fill-zh TS``: the Chinese catalogue translates every source as itself (finished); a
  count's entry (``self.tr("…%Ln…", "", n)``, numerus) has Chinese's single form.
"""

from __future__ import annotations

import ast
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

UI_DIR = Path(__file__).resolve().parents[2] / "sms_desktop" / "ui"


def _helper_context(fn: ast.FunctionDef) -> str | None:
    """The context when ``fn`` is ``return QCoreApplication.translate("Ctx", <param>)``."""
    body = [
        s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or len(fn.args.args) != 1:
        return None
    call = body[0].value
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "translate"
        and len(call.args) == 2
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    ):
        return None
    text = call.args[1]
    if isinstance(text, ast.Call) and isinstance(text.func, ast.Name) and text.func.id == "str":
        text = text.args[0] if len(text.args) == 1 else text
    if isinstance(text, ast.Name) and text.id == fn.args.args[0].arg:
        return call.args[0].value
    return None


def helper_messages(ui_dir: Path = UI_DIR) -> list[tuple[str, str]]:
    """(context, source) of every literal passed to a module's translate shorthand."""
    found: list[tuple[str, str]] = []
    for path in sorted(ui_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        helpers = {
            node.name: ctx
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and (ctx := _helper_context(node)) is not None
        }
        if not helpers:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in helpers
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((helpers[node.func.id], node.args[0].value))
    return found


def _lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_stub(out: Path, ui_dir: Path = UI_DIR) -> int:
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    messages = sorted(set(helper_messages(ui_dir)))
    lines += [f"QT_TRANSLATE_NOOP({_lit(ctx)}, {_lit(text)})" for ctx, text in messages]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(messages)


def fill_zh(ts: Path) -> int:
    """Every unfinished entry of the Chinese catalogue becomes finished, translated as itself."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        tr = message.find("translation")
        source = message.find("source")
        if tr is None or source is None or tr.get("type") != "unfinished":
            continue
        forms = tr.findall("numerusform")
        if forms:  # a count (numerus="yes"): Chinese has one form, the source itself
            for form in forms:
                form.text = source.text
        else:
            tr.text = source.text
        del tr.attrib["type"]
        filled += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return filled


if __name__ == "__main__":
    command, target = sys.argv[1], Path(sys.argv[2])
    if command == "stub":
        print(f"{write_stub(target)} messages of translate shorthands", file=sys.stderr)
    elif command == "fill-zh":
        print(f"{fill_zh(target)} Chinese entries filled", file=sys.stderr)
    else:
        raise SystemExit(f"unknown command {command}")

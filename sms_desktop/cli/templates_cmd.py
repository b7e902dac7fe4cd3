"""``template`` commands of sms-desktop-cli: the message templates (短信模板).

    template list [--json]
    template add NAME (--text T | --text-file F | --template-id ID [--var V ...])
                 [--category C] [--family F] [--kind notice|marketing] [--json]
    template edit NAME [--name NEW] [--text T | --text-file F] [--category C] [--family F]
                  [--kind notice|marketing] [--template-id ID] [--var V ...] [--json]
    template remove NAME

``send ACCOUNT --template NAME`` sends one (see :mod:`.commands`).
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..core import templates as T
from ..core.errors import InputError
from .common import EXIT_OK, CliError, emit_json, info, open_db, table

Handler = Callable[[argparse.Namespace], int]


def _guard(fn: Handler) -> Handler:
    """Core input errors become CliError (one line on stderr, exit code 2)."""

    @functools.wraps(fn)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except InputError as e:
            raise CliError(str(e)) from e

    return wrapper


def _text(args: argparse.Namespace) -> str | None:
    if args.text is not None:
        return str(args.text)
    if args.text_file is not None:
        try:
            raw = Path(args.text_file).read_bytes()
        except OSError as exc:
            raise CliError(
                f"无法读取 {args.text_file} / cannot read {args.text_file}: {exc}"
            ) from exc
        from ..core.charsets import decode_reply

        return decode_reply(raw, None, "utf-8").strip()
    return None


def _show(t: T.Template, as_json: bool) -> None:
    if as_json:
        emit_json(t.to_dict())
    else:
        info(f"已保存模板 / template saved: {t.name}")


@_guard
def cmd_list(args: argparse.Namespace) -> int:
    rows = T.all_templates(open_db(args))
    if args.json:
        emit_json({"templates": [t.to_dict() for t in rows]})
        return EXIT_OK
    print(
        table(
            [
                [
                    t.name,
                    t.category,
                    T.job_kind_label(t.job_kind),
                    t.family or "-",
                    t.gateway_template_id or "",
                    "、".join(t.fields),
                    t.text,
                ]
                for t in rows
            ],
            [
                "名称 name",
                "分类 category",
                "类型 kind",
                "账户类型 family",
                "网关模板 id",
                "字段 fields",
                "内容 text",
            ],
        )
    )
    info(f"共 {len(rows)} 个模板 / {len(rows)} templates")
    return EXIT_OK


@_guard
def cmd_add(args: argparse.Namespace) -> int:
    t = T.Template(
        name=args.name,
        text=_text(args) or "",
        category=args.category or "",
        family=args.family or "",
        job_kind=args.kind or "",
        gateway_template_id=args.template_id or "",
        gateway_template_vars=list(args.var),
    )
    _show(T.save(open_db(args), t), args.json)
    return EXIT_OK


@_guard
def cmd_edit(args: argparse.Namespace) -> int:
    db = open_db(args)
    t = T.get(db, args.name)
    text = _text(args)
    changes: dict[str, object] = {}
    if args.new_name is not None:
        changes["name"] = args.new_name
    if text is not None:
        changes["text"] = text
    for key, value in (
        ("category", args.category),
        ("family", args.family),
        ("job_kind", args.kind),
        ("gateway_template_id", args.template_id),
    ):
        if value is not None:
            changes[key] = value
    if args.var:
        changes["gateway_template_vars"] = list(args.var)
    _show(T.save(db, replace(t, **changes), old_name=t.name), args.json)  # type: ignore[arg-type]
    return EXIT_OK


@_guard
def cmd_remove(args: argparse.Namespace) -> int:
    T.remove(open_db(args), args.name)
    info(f"已删除模板 / template removed: {args.name}")
    return EXIT_OK

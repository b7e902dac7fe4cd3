"""``autoreply`` commands of sms-desktop-cli: the keyword auto-replies (自动回复).

    autoreply list [--account A] [--json]
    autoreply add ACCOUNT NAME --keywords "1,地址" --answer TEXT [--match exact|contains] [--json]
    autoreply edit RULE [--account A] [--name N] [--keywords K] [--answer T] [--match M] [--json]
    autoreply pause|resume|delete RULE [--account A] [--json]
    autoreply run [--json]

RULE is a rule's id or name (``--account`` when two accounts have one of that name). The rules
answer while the window or the sender service runs (their ``autoreply`` duty); ``run`` looks at
the replies stored since and answers them now (after a ``sync``, for a scheduled task).
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable

from ..core.automation import autoreply as A
from ..core.errors import InputError
from ..core.session import Core, open_core
from .common import EXIT_OK, CliError, Parser, emit_json, home_of, info, open_db, table

Handler = Callable[[argparse.Namespace], int]

_STATE_LABEL = {A.ENABLED: "启用 enabled", A.PAUSED: "暂停 paused", A.DELETED: "已删除 deleted"}
_MATCH_LABEL = {A.EXACT: "完全一致 exact", A.CONTAINS: "包含 contains"}


def _guard(fn: Handler) -> Handler:
    """Core input errors become CliError (one line on stderr, exit code 2)."""

    @functools.wraps(fn)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except InputError as e:
            raise CliError(str(e)) from e

    return wrapper


def _core(args: argparse.Namespace) -> Core:
    return open_core(home_of(args), db=open_db(args))


def _show(rule: A.Rule, as_json: bool, said: str) -> None:
    if as_json:
        emit_json(rule.as_dict())
    else:
        info(f"{said}：{rule.name}（编号 {rule.id}） / {rule.name} (id {rule.id})")


@_guard
def cmd_list(args: argparse.Namespace) -> int:
    rules = A.rules(open_db(args), args.account)
    if args.json:
        emit_json({"rules": [r.as_dict() for r in rules]})
        return EXIT_OK
    print(
        table(
            [
                [
                    r.id,
                    r.account,
                    r.name,
                    _MATCH_LABEL.get(r.match, r.match),
                    "、".join(r.keywords),
                    r.answer,
                    _STATE_LABEL.get(r.state, r.state),
                    r.answered,
                    r.last_answered or "-",
                ]
                for r in rules
            ],
            [
                "编号 id",
                "账户 account",
                "名称 name",
                "匹配 match",
                "关键词 keywords",
                "回复 answer",
                "状态 state",
                "已回复 answered",
                "最近 last",
            ],
        )
    )
    info(f"共 {len(rules)} 条自动回复规则 / {len(rules)} auto-reply rules")
    return EXIT_OK


@_guard
def cmd_add(args: argparse.Namespace) -> int:
    c = _core(args)
    rule = A.add(
        c.db,
        c.accounts,
        account=args.account,
        name=args.name,
        match=args.match or A.CONTAINS,
        keywords=args.keywords or "",
        answer=args.answer or "",
    )
    _show(rule, args.json, "已添加自动回复规则 / auto-reply rule added")
    return EXIT_OK


@_guard
def cmd_edit(args: argparse.Namespace) -> int:
    c = _core(args)
    r = A.get(c.db, args.rule, args.account)
    rule = A.edit(
        c.db,
        c.accounts,
        r.id,
        account=r.account,
        name=args.new_name if args.new_name is not None else r.name,
        match=args.match or r.match,
        keywords=args.keywords if args.keywords is not None else list(r.keywords),
        answer=args.answer if args.answer is not None else r.answer,
    )
    _show(rule, args.json, "已修改自动回复规则 / auto-reply rule changed")
    return EXIT_OK


def _state(state: str, said: str) -> Handler:
    @_guard
    def run(args: argparse.Namespace) -> int:
        db = open_db(args)
        r = A.get(db, args.rule, args.account)
        A.set_state(db, r.id, state)
        if args.json:
            emit_json({"id": r.id, "name": r.name, "account": r.account, "state": state})
        else:
            info(f"{said}：{r.name}（编号 {r.id}）")
        return EXIT_OK

    return run


@_guard
def cmd_run(args: argparse.Namespace) -> int:
    c = _core(args)
    c.engine.recover()
    done = A.answer_new(c.engine)
    if args.json:
        emit_json({"handled": [h.__dict__ for h in done.handled]})
        return EXIT_OK
    n = done.count(A.Outcome.ANSWERED)
    info(
        f"查看了 {len(done.handled)} 条新回复，自动回复 {n} 条"
        f" / {len(done.handled)} new replies looked at, {n} answered"
    )
    return EXIT_OK


def _rule_ref(p: argparse.ArgumentParser) -> None:
    p.add_argument("rule", help="规则编号或名称 / the rule's id or name")
    p.add_argument("--account", help="规则所属账户 / the rule's account")


def _fields(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--keywords",
        help='关键词，用逗号或顿号分隔，例如 "1,地址" / keywords, comma-separated',
    )
    p.add_argument("--answer", help="自动回复的内容 / the answer's text")
    p.add_argument(
        "--match",
        choices=A.MATCH_MODES,
        help="exact：回复与关键词完全一致；contains（默认）：回复包含关键词"
        " / exact: the reply is the keyword; contains (default): it contains it",
    )


def register(sub: argparse._SubParsersAction[Parser]) -> None:
    json_opt = Parser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="输出 JSON / JSON output")

    ap = sub.add_parser("autoreply", help="关键词自动回复 / keyword auto-replies")
    asub = ap.add_subparsers(dest="autoreply_cmd", metavar="list|add|edit|pause|resume|delete|run")
    asub.required = True

    p = asub.add_parser("list", parents=[json_opt], help="列出规则 / list the rules")
    p.add_argument("--account", help="只列出此账户的 / only this account's")
    p.set_defaults(func=cmd_list)

    p = asub.add_parser("add", parents=[json_opt], help="新建规则 / add a rule")
    p.add_argument("account", help="收到回复的账户 / the account the replies come to")
    p.add_argument("name", help="规则名称 / the rule's name")
    _fields(p)
    p.set_defaults(func=cmd_add)

    p = asub.add_parser("edit", parents=[json_opt], help="修改规则 / edit a rule")
    _rule_ref(p)
    p.add_argument("--name", dest="new_name", help="新名称 / rename to")
    _fields(p)
    p.set_defaults(func=cmd_edit)

    for name, state, said, helptext in (
        ("pause", A.PAUSED, "已暂停 / paused", "暂停规则 / pause a rule"),
        ("resume", A.ENABLED, "已启用 / enabled", "启用规则 / enable a rule again"),
        ("delete", A.DELETED, "已删除 / deleted", "删除规则 / delete a rule"),
    ):
        p = asub.add_parser(name, parents=[json_opt], help=helptext)
        _rule_ref(p)
        p.set_defaults(func=_state(state, said))

    p = asub.add_parser(
        "run",
        parents=[json_opt],
        help="现在回复已收到的新回复 / answer the new replies stored now",
    )
    p.set_defaults(func=cmd_run)

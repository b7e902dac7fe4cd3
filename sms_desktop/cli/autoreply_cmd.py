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
from .common import EXIT_OK, CliError, emit_json, home_of, info, open_db, table

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


cmd_pause = _state(A.PAUSED, "已暂停 / paused")
cmd_resume = _state(A.ENABLED, "已启用 / enabled")
cmd_delete = _state(A.DELETED, "已删除 / deleted")


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

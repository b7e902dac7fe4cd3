"""``guard`` commands of sms-desktop-cli: the compliance guard's settings (they live in the
store, shared with the window's 设置 → 发送规则).

    guard show [--json]
    guard set [--own-numbers "138…,139…"] [--caps marketing_day=1,marketing_week=3,any_day=3]
              [--words 优惠,折扣,… | --words-file FILE] [--json]

The marketing window and the opt-out marker are per account: ``account add --marketing-window
08:00-21:00 --optout-suffix 回T退订``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.guard import GuardSettings, load_settings, save_settings
from .common import EXIT_OK, CliError, emit_json, open_db


def _print(s: GuardSettings) -> None:
    caps = s.caps
    print(
        f"频次限制：每天营销 {caps.marketing_day} 条，7 天营销 {caps.marketing_week} 条，"
        f"每天共 {caps.any_day} 条（0 表示不限） / caps: {caps.marketing_day} marketing a day,"
        f" {caps.marketing_week} marketing in 7 days, {caps.any_day} of any kind a day (0: none)"
    )
    print("营销词 / marketing words: " + "、".join(s.words))
    own = "、".join(s.own_numbers) or "（未设置 / none）"
    print(f"本人号码（先发给自己） / own numbers (test sends): {own}")


def cmd_show(args: argparse.Namespace) -> int:
    s = load_settings(open_db(args))
    if args.json:
        emit_json(s.as_dict())
    else:
        _print(s)
    return EXIT_OK


def _caps_arg(value: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for item in value.replace("，", ",").split(","):
        if not item.strip():
            continue
        if "=" not in item:
            raise CliError(
                "--caps 应写作 marketing_day=1,marketing_week=3,any_day=3"
                " / --caps must read like marketing_day=1,marketing_week=3,any_day=3"
            )
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    unknown = [k for k in out if k not in ("marketing_day", "marketing_week", "any_day")]
    if unknown:
        raise CliError(f"--caps 中没有 {unknown[0]} / --caps knows no {unknown[0]}")
    return out


def cmd_set(args: argparse.Namespace) -> int:
    db = open_db(args)
    words = None
    if args.words_file is not None:
        try:
            words = Path(args.words_file).read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            raise CliError(f"无法读取 {args.words_file} / cannot read it: {exc}") from exc
    elif args.words is not None:
        words = [w for w in args.words.replace("，", ",").replace("、", ",").split(",")]
    caps: dict[str, object] | None = None
    if args.caps is not None:
        caps = {**load_settings(db).caps.as_dict(), **_caps_arg(args.caps)}
    s = save_settings(db, words=words, caps=caps, own_numbers=args.own_numbers)
    if args.json:
        emit_json(s.as_dict())
    else:
        _print(s)
    return EXIT_OK

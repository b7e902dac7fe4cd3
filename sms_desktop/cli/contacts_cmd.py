"""``contacts`` and ``blacklist`` commands of sms-desktop-cli.

    contacts import FILE [--group G] [--sheet S] [--phone-column C] [--name-column C]
                         [--skip-duplicates] [--family F] [--report FILE.xlsx] [--json]
    contacts list [--group G] [--search Q] [--carrier C] [--province P] [--limit N]
                  [--offset N] [--json]
    contacts search Q [--group G] [--json]
    contacts export FILE.xlsx [--group G]
    contacts template FILE.xlsx
    contacts edit ID [--phone P] [--name N] [--group G] [--set KEY=VALUE ...] [--if-version V]
                     [--json]
    contacts delete ID [ID ...] [--if-version V]
    contacts groups [--json]
    contacts rename-group GROUP NEW_NAME [--if-version V]
    blacklist add PHONE [PHONE ...] [--reason R] [--json]
    blacklist remove PHONE [PHONE ...] [--json]
    blacklist list [--search Q] [--json]
    blacklist import FILE [--sheet S] [--phone-column C] [--reason R] [--json]
    blacklist export FILE.xlsx

With ``--json`` stdout carries only the JSON document; progress goes to stderr.

``--if-version V``: the version of the contact (or group) the script read (``list --json``,
``groups --json``); when someone changed it since, nothing is written and the command exits 3
with one line (a conflict). ``edit --set``/``--unset`` reads the fields it keeps and states their
version itself.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path

from ..core import carriers as K
from ..core import contacts as C
from ..core.errors import ConflictError, InputError
from ..core.wording import count_en
from .common import EXIT_OK, CliError, emit_json, info, open_db, table

Handler = Callable[[argparse.Namespace], int]


def _guard(fn: Handler) -> Handler:
    """Core input errors become CliError (one line on stderr, exit code 2)."""

    @functools.wraps(fn)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except ConflictError:
            raise  # exit 3 (cli._run)
        except InputError as e:
            raise CliError(str(e)) from e

    return wrapper


# ---- contacts ---------------------------------------------------------------------------------
@_guard
def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    group = args.group or path.stem
    if args.report and Path(args.report).suffix.lower() != ".xlsx":
        # checked before importing: a bad --report must not fail a command that already imported
        raise CliError(
            f"--report 必须是 .xlsx 文件：{args.report} / --report must name an .xlsx file: "
            f"{args.report}"
        )
    db = open_db(args)
    step = [0]

    def progress(done: int, total: int | None) -> bool:
        if done - step[0] >= 50_000:
            step[0] = done
            info(
                f"已读取 {done} 行 / {count_en(done, 'row')} read"
                + (f" (≈{total})" if total else "")
            )
        return True

    report = C.import_file(
        db,
        path,
        group,
        sheet=args.sheet,
        on_duplicate="skip" if args.skip_duplicates else "update",
        family=args.family,
        progress=progress,
        phone_column=args.phone_column,
        name_column=args.name_column,
    )
    if args.report:
        try:
            C.export_report_xlsx(report, args.report)
        except (InputError, OSError) as e:
            # the contacts are imported (committed): say so, and still print the result
            info(
                f"警告：联系人已导入，但报告无法保存 / warning: the contacts were imported, but the "
                f"report could not be written: {e}"
            )
        else:
            info(f"报告已保存 / report written: {args.report}")
    if args.json:
        emit_json(report.to_dict())
        return EXIT_OK
    for note in report.notes:
        info(note)
    cols = report.columns
    print(
        f"文件 / file: {report.path}"
        + (f"  工作表 / sheet: {report.sheet}" if report.sheet else "")
    )
    print(
        f"分组 / group: {report.group}{'（新建 / new）' if report.group_created else ''}  "
        f"号码列 / phone column: {cols.get('phone')}  姓名列 / name column: {cols.get('name') or '-'}"
    )
    print(report.summary())
    if report.rejected:
        shown = report.rejected[:50]
        print(
            table(
                [[r.row, r.outcome, r.value, r.reason] for r in shown],
                ["行 row", "结果 outcome", "号码 value", "原因 reason"],
            )
        )
        if len(report.rejected) > len(shown):
            print(
                f"…… 另有 {len(report.rejected) - len(shown)} 行未显示，用 --report 导出完整报告 / "
                f"{len(report.rejected) - len(shown)} more; use --report FILE.xlsx"
            )
    return EXIT_OK


def _print_contacts(rows: list[C.Contact], as_json: bool, total: int) -> None:
    if as_json:
        emit_json({"total": total, "contacts": [c.to_dict() for c in rows]})
        return
    print(
        table(
            [
                [
                    c.id,
                    c.version,
                    c.group,
                    c.phone,
                    c.name,
                    K.carrier_label(c.carrier) if c.carrier or c.province else "",
                    f"{c.province} {c.city}".strip(),
                    "; ".join(f"{k}={v}" for k, v in c.fields.items() if v),
                ]
                for c in rows
            ],
            [
                "ID",
                "版本 ver",
                "分组 group",
                "手机 phone",
                "姓名 name",
                "运营商 carrier",
                "归属地 region",
                "字段 fields",
            ],
        )
    )
    info(f"共 {total} 条，显示 {len(rows)} 条 / {count_en(total, 'contact')}, {len(rows)} shown")


@_guard
def cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    search = getattr(args, "search", None) or getattr(args, "query", None)
    limit = None if args.limit == 0 else args.limit
    carrier = K.carrier_code(args.carrier) if getattr(args, "carrier", None) else None
    province = K.province_name(args.province) if getattr(args, "province", None) else None
    rows = C.list_contacts(
        db, args.group, search, limit=limit, offset=args.offset, carrier=carrier, province=province
    )
    total = C.count_contacts(db, args.group, search, carrier, province)
    _print_contacts(rows, args.json, total)
    if not args.json and (carrier is not None or province is not None):
        info(
            "运营商和归属地按号段归属，携号转网的号码可能已不同 / carrier and region are the"
            " number block's allocation: a ported number may differ"
        )
    return EXIT_OK


@_guard
def cmd_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    n = C.export_contacts_xlsx(db, args.file, args.group)
    info(f"已导出 {n} 个联系人到 {args.file} / {count_en(n, 'contact')} exported to {args.file}")
    return EXIT_OK


@_guard
def cmd_template(args: argparse.Namespace) -> int:
    C.write_template(args.file)
    info(f"导入模板已保存 / import template written: {args.file}")
    return EXIT_OK


def _parse_sets(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise CliError(f"--set 需要 KEY=VALUE / --set expects KEY=VALUE, not {item!r}")
        k, v = item.split("=", 1)
        out[k.strip()] = v
    return out


@_guard
def cmd_edit(args: argparse.Namespace) -> int:
    db = open_db(args)
    fields = None
    version = args.if_version
    if args.set or args.unset:
        read = C.get_contact(db, args.id)
        if version is not None and read.version != version:
            C.update_contact(db, args.id, version=version)  # the conflict, in its words
        version = read.version  # the fields kept are those read: stated with their version
        fields = dict(read.fields)
        fields.update(_parse_sets(args.set))
        for k in args.unset or []:
            fields.pop(k, None)
    c = C.update_contact(
        db,
        args.id,
        phone=args.phone,
        name=args.name,
        fields=fields,
        group=args.group,
        version=version,
    )
    if args.json:
        emit_json(c.to_dict())
    else:
        info(f"已更新 / updated: {c.id} {c.phone} {c.name}")
    return EXIT_OK


@_guard
def cmd_delete(args: argparse.Namespace) -> int:
    if args.if_version is not None and len(args.ids) != 1:
        raise CliError(
            "--if-version 只能用于一个联系人 / --if-version applies to one contact at a time"
        )
    db = open_db(args)
    versions = {args.ids[0]: args.if_version} if args.if_version is not None else None
    n = C.delete_contacts(db, args.ids, versions)
    if args.json:
        emit_json({"deleted": n})
    else:
        info(f"已删除 {n} 个联系人 / {count_en(n, 'contact')} deleted")
    return EXIT_OK


@_guard
def cmd_groups(args: argparse.Namespace) -> int:
    db = open_db(args)
    gs = C.groups(db)
    if args.json:
        emit_json(
            [
                {
                    "id": g.id,
                    "name": g.name,
                    "count": g.count,
                    "created_at": g.created_at,
                    "version": g.version,
                }
                for g in gs
            ]
        )
    else:
        print(
            table(
                [[g.id, g.name, g.count, g.created_at] for g in gs],
                ["ID", "分组 group", "人数 count", "创建 created"],
            )
        )
    return EXIT_OK


@_guard
def cmd_rename_group(args: argparse.Namespace) -> int:
    db = open_db(args)
    named = any(g.name == args.group.strip() for g in C.groups(db))
    group: int | str = int(args.group) if args.group.isdigit() and not named else args.group
    C.rename_group(db, group, args.new_name, args.if_version)
    info(f"分组已重命名 / group renamed: {args.group} → {args.new_name.strip()}")
    return EXIT_OK


# ---- blacklist --------------------------------------------------------------------------------
def _bl_result(res: C.BlacklistResult, as_json: bool) -> int:
    if as_json:
        emit_json({"added": res.added, "already": res.already, "invalid": res.invalid})
    else:
        print(
            f"加入 {res.added}，已存在 {res.already}，无效 {len(res.invalid)} / added {res.added}, "
            f"already listed {res.already}, invalid {len(res.invalid)}"
        )
        for r in res.invalid[:50]:
            info(r)
    return EXIT_OK


@_guard
def cmd_bl_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    res = C.blacklist_add(db, args.phones, reason=args.reason, source="manual")
    if not res.added and not res.already:
        raise CliError("没有有效的号码 / No valid number: " + "; ".join(res.invalid))
    return _bl_result(res, args.json)


@_guard
def cmd_bl_remove(args: argparse.Namespace) -> int:
    db = open_db(args)
    n = C.blacklist_remove(db, args.phones)
    if args.json:
        emit_json({"removed": n})
    else:
        print(f"已移除 {n} 个号码 / {count_en(n, 'number')} removed")
    return EXIT_OK


@_guard
def cmd_bl_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    entries = C.blacklist_list(db, args.search)
    if args.json:
        emit_json(
            [
                {
                    "phone": e.phone,
                    "reason": e.reason,
                    "source": e.source,
                    "created_at": e.created_at,
                }
                for e in entries
            ]
        )
    else:
        print(
            table(
                [[e.phone, e.reason, e.source, e.created_at] for e in entries],
                ["手机 phone", "原因 reason", "来源 source", "时间 added"],
            )
        )
        info(f"黑名单共 {len(entries)} 个号码 / {count_en(len(entries), 'number')}")
    return EXIT_OK


@_guard
def cmd_bl_import(args: argparse.Namespace) -> int:
    db = open_db(args)
    res = C.blacklist_import(db, args.file, args.sheet, args.phone_column, args.reason)
    return _bl_result(res, args.json)


@_guard
def cmd_bl_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    n = C.export_blacklist_xlsx(db, args.file)
    info(f"已导出 {n} 个号码到 {args.file} / {count_en(n, 'number')} exported to {args.file}")
    return EXIT_OK


# ---- registration -----------------------------------------------------------------------------

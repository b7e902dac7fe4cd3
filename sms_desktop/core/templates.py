"""Message templates (短信模板): texts kept under a name, to pick in 发送 or ``send --template``.

A template has a name and a category, and holds its text with ``{列名}`` placeholders, the
account kind it is written for (a gateway family, or any), the job kind (通知 notice or 营销
marketing), and optionally the id and variables of a template registered with the gateway
(jsm's 模板短信, for the families whose capabilities say ``templates``). Its SQL is in
:mod:`.store.templates`. Qt-free; both clients use it::

    save(db, Template("到货通知", text="{姓名}您好，您的订单已到货", job_kind="notice"))
    t = get(db, "到货通知")
    missing_fields(t, ["手机号码", "订单号"])   # [] : 姓名 is always there
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from typing import Any

from .contacts.placeholders import BUILTIN, placeholders
from .errors import InputError
from .gateways import FAMILIES, gateway_class
from .store import Database, IntegrityError, Row
from .store import templates as table

__all__ = [
    "JOB_KINDS",
    "Template",
    "all_templates",
    "get",
    "job_kind_label",
    "missing_fields",
    "remove",
    "save",
    "use",
    "validate",
]

MAX_NAME = 50  # characters of a template's name
MAX_CATEGORY = 30
# the job kinds a template can be meant for: (Chinese, English)
JOB_KINDS: dict[str, tuple[str, str]] = {
    "notice": ("通知", "notification"),
    "marketing": ("营销", "marketing"),
}


def job_kind_label(kind: str, lang: str = "zh_CN") -> str:
    """通知 / 营销 (or the English); "" for no kind."""
    zh, en = JOB_KINDS.get(kind, (kind, kind))
    return en if lang == "en" else zh


@dataclass
class Template:
    name: str
    text: str = ""
    category: str = ""
    family: str = ""  # the account kind it is written for; "" = any account
    job_kind: str = ""  # a key of JOB_KINDS, "" = not said
    gateway_template_id: str = ""  # a template registered with the gateway (jsm), "" = none
    gateway_template_vars: list[str] = field(default_factory=list)  # its @1@, @2@ … values
    created_at: str = ""
    updated_at: str = ""

    @property
    def fields(self) -> list[str]:
        """The ``{列名}`` the template fills, in order, each once (text and variables)."""
        names: dict[str, None] = {}
        for part in (self.text, *self.gateway_template_vars):
            names.update(dict.fromkeys(placeholders(part)))
        return list(names)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "category": self.category,
            "text": self.text,
            "family": self.family,
            "job_kind": self.job_kind,
            "gateway_template_id": self.gateway_template_id,
            "gateway_template_vars": list(self.gateway_template_vars),
            "fields": self.fields,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


def missing_fields(template: Template, columns: list[str] | tuple[str, ...]) -> list[str]:
    """The template's ``{列名}`` that the recipients' ``columns`` (a file's, a group's fields)
    do not have; 姓名, 手机号码 and the other built-in names always count as present."""
    have = set(columns) | set(BUILTIN)
    return [f for f in template.fields if f not in have]


@dataclass(frozen=True)
class Use:
    """What a send takes from a template for one account: the text, or the gateway template and
    its variables, and what the user should be told first."""

    text: str
    template_id: str | None
    template_vars: list[str]
    warnings: list[str]


def use(t: Template, family: str, columns: list[str] | tuple[str, ...] | None = None) -> Use:
    """The template as a send of an account of ``family`` takes it: its gateway template where
    the family sends templates, else its text. Warns when it was written for another account
    kind, and (``columns``: the recipients' columns, ``[]`` for typed numbers) when the
    recipients lack one of its fields. InputError when it has only a gateway template and the
    account cannot send one."""
    warnings: list[str] = []
    if t.family and t.family != family:
        warnings.append(
            f"模板“{t.name}”是为 {t.family} 账户写的，当前账户是 {family} / The template"
            f" {t.name} was written for {t.family} accounts; this account is {family}"
        )
    if columns is not None:
        missing = missing_fields(t, columns)
        if missing:
            names = "、".join(f"{{{m}}}" for m in missing)
            warnings.append(
                f"模板“{t.name}”用到的字段在接收人中没有：{names} / The recipients lack fields"
                f" the template {t.name} uses: {', '.join(missing)}"
            )
    if t.gateway_template_id and gateway_class(family).capabilities.templates:
        return Use("", t.gateway_template_id, list(t.gateway_template_vars), warnings)
    if not t.text.strip():
        raise InputError(
            f"模板“{t.name}”只有网关模板编号，当前账户不能发送网关模板 / The template {t.name}"
            f" has only a gateway template id, which this account cannot send"
        )
    return Use(t.text, None, [], warnings)


def validate(t: Template) -> Template:
    """The template cleaned (names trimmed, empty variables dropped), or InputError saying what
    is wrong."""
    t = replace(
        t,
        name=t.name.strip(),
        category=t.category.strip(),
        family=t.family.strip(),
        job_kind=t.job_kind.strip(),
        gateway_template_id=t.gateway_template_id.strip(),
        gateway_template_vars=[v.strip() for v in t.gateway_template_vars if v.strip()],
    )
    if not t.name:
        raise InputError("模板名称不能为空 / The template needs a name")
    if len(t.name) > MAX_NAME:
        raise InputError(
            f"模板名称最多 {MAX_NAME} 个字 / A template name has at most {MAX_NAME} characters"
        )
    if len(t.category) > MAX_CATEGORY:
        raise InputError(
            f"分类最多 {MAX_CATEGORY} 个字 / A category has at most {MAX_CATEGORY} characters"
        )
    if t.family and t.family not in FAMILIES:
        raise InputError(
            f"未知的账户类型：{t.family} / Unknown account kind: {t.family} ({', '.join(FAMILIES)})"
        )
    if t.job_kind and t.job_kind not in JOB_KINDS:
        raise InputError(
            f"任务类型只能是通知（notice）或营销（marketing）：{t.job_kind} / The job kind is"
            f" notice or marketing, not {t.job_kind}"
        )
    if t.gateway_template_vars and not t.gateway_template_id:
        raise InputError(
            "有模板变量却没有网关模板编号 / Template variables need a gateway template id"
        )
    if t.gateway_template_id:
        if not t.family or not gateway_class(t.family).capabilities.templates:
            takes = [f for f in FAMILIES if gateway_class(f).capabilities.templates]
            raise InputError(
                f"网关模板编号只用于支持模板短信的账户类型（{'、'.join(takes)}） / A gateway"
                f" template id needs an account kind that sends templates ({', '.join(takes)})"
            )
    elif not t.text.strip():
        raise InputError("模板内容不能为空 / The template has no text")
    return t


def _template(r: Row) -> Template:
    try:
        values = json.loads(r["gateway_template_vars"] or "[]")
    except ValueError:
        values = []
    return Template(
        name=r["name"],
        text=r["text"],
        category=r["category"],
        family=r["family"],
        job_kind=r["job_kind"],
        gateway_template_id=r["gateway_template_id"],
        gateway_template_vars=[str(v) for v in values] if isinstance(values, list) else [],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
    )


def all_templates(db: Database) -> list[Template]:
    """Every template, by category, then by name."""
    return [_template(r) for r in table.all_rows(db)]


def get(db: Database, name: str) -> Template:
    row = table.get(db, name.strip())
    if row is None:
        raise InputError(f"没有这个模板：{name} / No such template: {name}")
    return _template(row)


def save(db: Database, template: Template, *, old_name: str | None = None) -> Template:
    """Store a new template (``old_name`` None) or replace the one named ``old_name`` (a rename
    when the name differs). Returns it as stored."""
    t = validate(template)
    now = time.strftime("%Y-%m-%d %H:%M:%S")
    values = [
        t.name,
        t.category,
        t.text,
        t.family,
        t.job_kind,
        t.gateway_template_id,
        json.dumps(t.gateway_template_vars, ensure_ascii=False),
        now,
        now,
    ]
    try:
        if old_name is None:
            table.insert(db, values)
        elif table.update(db, old_name.strip(), values) == 0:
            raise InputError(f"没有这个模板：{old_name} / No such template: {old_name}")
    except IntegrityError as exc:
        raise InputError(
            f"已有同名的模板：{t.name} / A template named {t.name} exists already"
        ) from exc
    return get(db, t.name)


def remove(db: Database, name: str) -> None:
    if table.delete(db, name.strip()) == 0:
        raise InputError(f"没有这个模板：{name} / No such template: {name}")

"""How 号段归属 reads in the window: carrier and province names in the UI's language (from the
catalogue, context ``Allocation``), a region with its city, and a carrier breakdown.

Pure presentation over the core's codes (``core/carriers.py``); GUI thread OK, except
:func:`region_text` with a city in English, which reads the core's tables: call that one in an
op (the contacts source formats its rows there).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...core import carriers as K
from ..i18n import current as ui_lang

CARRIER_NAMES: dict[str, object] = {
    K.MOBILE: QT_TRANSLATE_NOOP("Allocation", "移动"),
    K.UNICOM: QT_TRANSLATE_NOOP("Allocation", "联通"),
    K.TELECOM: QT_TRANSLATE_NOOP("Allocation", "电信"),
    K.BROADNET: QT_TRANSLATE_NOOP("Allocation", "广电"),
    K.VIRTUAL: QT_TRANSLATE_NOOP("Allocation", "虚拟运营商"),
    K.LANDLINE: QT_TRANSLATE_NOOP("Allocation", "固定电话"),
    K.UNKNOWN: QT_TRANSLATE_NOOP("Allocation", "未知"),
}
PROVINCE_NAMES: dict[str, object] = {
    "北京": QT_TRANSLATE_NOOP("Allocation", "北京"),
    "天津": QT_TRANSLATE_NOOP("Allocation", "天津"),
    "河北": QT_TRANSLATE_NOOP("Allocation", "河北"),
    "山西": QT_TRANSLATE_NOOP("Allocation", "山西"),
    "内蒙古": QT_TRANSLATE_NOOP("Allocation", "内蒙古"),
    "辽宁": QT_TRANSLATE_NOOP("Allocation", "辽宁"),
    "吉林": QT_TRANSLATE_NOOP("Allocation", "吉林"),
    "黑龙江": QT_TRANSLATE_NOOP("Allocation", "黑龙江"),
    "上海": QT_TRANSLATE_NOOP("Allocation", "上海"),
    "江苏": QT_TRANSLATE_NOOP("Allocation", "江苏"),
    "浙江": QT_TRANSLATE_NOOP("Allocation", "浙江"),
    "安徽": QT_TRANSLATE_NOOP("Allocation", "安徽"),
    "福建": QT_TRANSLATE_NOOP("Allocation", "福建"),
    "江西": QT_TRANSLATE_NOOP("Allocation", "江西"),
    "山东": QT_TRANSLATE_NOOP("Allocation", "山东"),
    "河南": QT_TRANSLATE_NOOP("Allocation", "河南"),
    "湖北": QT_TRANSLATE_NOOP("Allocation", "湖北"),
    "湖南": QT_TRANSLATE_NOOP("Allocation", "湖南"),
    "广东": QT_TRANSLATE_NOOP("Allocation", "广东"),
    "广西": QT_TRANSLATE_NOOP("Allocation", "广西"),
    "海南": QT_TRANSLATE_NOOP("Allocation", "海南"),
    "重庆": QT_TRANSLATE_NOOP("Allocation", "重庆"),
    "四川": QT_TRANSLATE_NOOP("Allocation", "四川"),
    "贵州": QT_TRANSLATE_NOOP("Allocation", "贵州"),
    "云南": QT_TRANSLATE_NOOP("Allocation", "云南"),
    "西藏": QT_TRANSLATE_NOOP("Allocation", "西藏"),
    "陕西": QT_TRANSLATE_NOOP("Allocation", "陕西"),
    "甘肃": QT_TRANSLATE_NOOP("Allocation", "甘肃"),
    "青海": QT_TRANSLATE_NOOP("Allocation", "青海"),
    "宁夏": QT_TRANSLATE_NOOP("Allocation", "宁夏"),
    "新疆": QT_TRANSLATE_NOOP("Allocation", "新疆"),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate("Allocation", str(text))


def carrier_text(code: str | None) -> str:
    """移动, 联通 … (China Mobile … in English)."""
    return _tr(CARRIER_NAMES.get(code or K.UNKNOWN, CARRIER_NAMES[K.UNKNOWN]))


def province_text(province: str) -> str:
    name = PROVINCE_NAMES.get(province)
    return _tr(name) if name is not None else province


def region_text(province: str, city: str) -> str:
    """ "广东 深圳" / "Guangdong Shenzhen" (a city in English reads the core's tables: in an op)."""
    shown = province_text(province)
    if not city:
        return shown
    return f"{shown} {K.city_label(province, city, ui_lang() or 'zh_CN')}".strip()


def breakdown_text(counts: dict[str, int]) -> str:
    """ "移动 5,231 · 联通 2,100 · 电信 1,904 · 虚拟运营商 120"."""
    return " · ".join(f"{carrier_text(k)} {n:,}" for k, n in counts.items() if n)

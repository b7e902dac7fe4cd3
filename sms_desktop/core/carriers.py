"""号段归属: the carrier and region a Chinese number block was allocated to.

The data is the ``phonenumbers`` library's (Google's libphonenumber, updated monthly): its China
carrier table and its China geocoder table (130,000 entries, most of them one 7-digit block
each), read offline. It tells the **original allocation** of a number's block: since 2019 a
number can be ported to another carrier (携号转网) and keep its digits, so this is never a
certainty about where a number is today. Both clients label it 号段归属.

Virtual operators (虚拟运营商, MVNOs) have their own blocks, which the library files under the
carrier whose network they rent (or not at all): 162, 165, 167, 170 and 171 (the blocks MIIT
allotted to them). They are counted as :data:`VIRTUAL` here, with the host network in
:attr:`Allocation.host`.

A lookup is cached per 7-digit block, so 100,000 numbers take a fraction of a second once the
tables are loaded (once per process, on first use: about 0.05 s from the user's cache folder,
0.3-0.6 s from the library the first time): call it in a worker, never on a GUI thread. Qt-free::

    info = lookup("13800138000")     # Allocation(carrier="mobile", province="北京", city="")
    counts = breakdown(phones)       # {"mobile": 5231, "unicom": 2100, ...}

An installed library is read from its source files that hold China's entries (``+86``). The
frozen programs carry none of the library's data files: ``build.spec`` writes the reshaped tables
(:func:`tables_data`, 0.4 MB compressed against the data files' 1.9 MB) beside the library, where
they are read first (:func:`bundled_tables_path`).
"""

from __future__ import annotations

import importlib.util
import logging
import marshal
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

log = logging.getLogger(__name__)

__all__ = [
    "BROADNET",
    "CARRIERS",
    "LANDLINE",
    "MOBILE",
    "PROVINCES",
    "TELECOM",
    "UNICOM",
    "UNKNOWN",
    "VIRTUAL",
    "Allocation",
    "NumberBlocks",
    "allocation_columns",
    "breakdown",
    "breakdown_text",
    "bundled_tables_path",
    "carrier_code",
    "carrier_label",
    "china_data_files",
    "city_label",
    "columns",
    "lookup",
    "province_label",
    "province_name",
    "tables_data",
    "tables_source",
]

# ---- carriers: the codes stored with a contact, and their labels ------------------------------
MOBILE = "mobile"
UNICOM = "unicom"
TELECOM = "telecom"
BROADNET = "broadnet"
VIRTUAL = "virtual"
LANDLINE = "landline"
UNKNOWN = ""  # a mobile block the data does not know (or not a Chinese number)

# in the order every breakdown is shown; (Chinese, English) labels, short as in 移动 5,231
CARRIERS: dict[str, tuple[str, str]] = {
    MOBILE: ("移动", "China Mobile"),
    UNICOM: ("联通", "China Unicom"),
    TELECOM: ("电信", "China Telecom"),
    BROADNET: ("广电", "China Broadnet"),
    VIRTUAL: ("虚拟运营商", "virtual operator"),
    LANDLINE: ("固定电话", "landline"),
    UNKNOWN: ("未知", "unknown"),
}

# the library's carrier names (its English ones) → our codes
_LIBRARY_CARRIERS = {
    "China Mobile": MOBILE,
    "China Unicom": UNICOM,
    "China Telecom": TELECOM,
    "China Broadnet": BROADNET,
}

# Blocks of the virtual operators, and the host network where the library does not name one
# (162: China Telecom's MVNOs, 165: China Mobile's; 167, 170 and 171 it names).
_VIRTUAL_BLOCKS = ("162", "165", "167", "170", "171")
_VIRTUAL_HOSTS = {"162": TELECOM, "165": MOBILE}

# ---- provinces: (Chinese short name, English), as the geocoder's names begin ------------------
PROVINCES: dict[str, str] = {
    "北京": "Beijing",
    "天津": "Tianjin",
    "河北": "Hebei",
    "山西": "Shanxi",
    "内蒙古": "Inner Mongolia",
    "辽宁": "Liaoning",
    "吉林": "Jilin",
    "黑龙江": "Heilongjiang",
    "上海": "Shanghai",
    "江苏": "Jiangsu",
    "浙江": "Zhejiang",
    "安徽": "Anhui",
    "福建": "Fujian",
    "江西": "Jiangxi",
    "山东": "Shandong",
    "河南": "Henan",
    "湖北": "Hubei",
    "湖南": "Hunan",
    "广东": "Guangdong",
    "广西": "Guangxi",
    "海南": "Hainan",
    "重庆": "Chongqing",
    "四川": "Sichuan",
    "贵州": "Guizhou",
    "云南": "Yunnan",
    "西藏": "Tibet",
    "陕西": "Shaanxi",
    "甘肃": "Gansu",
    "青海": "Qinghai",
    "宁夏": "Ningxia",
    "新疆": "Xinjiang",
}
# what follows a province's short name in the geocoder's Chinese names
_PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")


def carrier_label(code: str | None, lang: str = "zh_CN") -> str:
    """移动, 联通 … (or the English) for a carrier code; an unknown code as 未知."""
    zh, en = CARRIERS.get(code or UNKNOWN, CARRIERS[UNKNOWN])
    return en if lang == "en" else zh


def carrier_code(text: str) -> str:
    """A carrier as a user names it (``mobile``, 移动, China Mobile, 未知 …) → its code;
    InputError when it is none of them."""
    from .errors import InputError

    t = text.strip().lower()
    for code, (zh, en) in CARRIERS.items():
        if t in (code, zh.lower(), en.lower()) or (code and t == f"中国{zh}"):
            return code
    names = "、".join(zh for zh, _ in CARRIERS.values())
    raise InputError(
        f"不认识的运营商：{text}（可用：{names}） / Unknown carrier: {text} (one of:"
        f" {', '.join(c or 'unknown' for c in CARRIERS)})"
    )


def province_name(text: str) -> str:
    """A province as a user names it (广东, 广东省, Guangdong) → its stored name; InputError
    when it is none of them."""
    from .errors import InputError

    t = text.strip()
    for zh, en in PROVINCES.items():
        if t in (zh, en) or t.lower() == en.lower() or (t.startswith(zh) and len(t) <= 8):
            return zh
    raise InputError(f"不认识的省份：{text} / Unknown province: {text}")


def province_label(province: str, lang: str = "zh_CN") -> str:
    """A province's name in the language (the stored Chinese name when it has no English)."""
    if lang == "en":
        return PROVINCES.get(province, province)
    return province


class Allocation(NamedTuple):
    """What a number's block was allocated to (号段归属): never a certainty (携号转网). A tuple,
    so a block of them transposes into stored columns at C speed."""

    carrier: str = UNKNOWN  # a key of CARRIERS
    province: str = ""  # a key of PROVINCES, "" when unknown
    city: str = ""  # as the geocoder names it, without 市 ("深圳", "恩施土家族苗族自治州")
    host: str = ""  # a virtual operator's host network (a carrier code), else ""

    @property
    def region(self) -> str:
        """归属地 as one text: "广东 深圳", "北京", "" when unknown."""
        return f"{self.province} {self.city}".strip() if self.city else self.province

    def to_dict(self) -> dict[str, str]:
        return {
            "carrier": self.carrier,
            "province": self.province,
            "city": self.city,
            "host": self.host,
        }


_NOTHING = Allocation()


# ---- the library's China data -----------------------------------------------------------------
@dataclass
class _Tables:
    """The China data reshaped for lookups: the answer of every 7-digit block the geocoder
    names (the per-block cache, filled at load), of the 6-digit prefixes its shorter entries
    cover, the carrier alone by 4-digit prefix (a block without a region), and the regions of
    area codes (landlines). Equal answers are one shared object."""

    blocks7: dict[str, Allocation]
    blocks6: dict[str, Allocation]
    carrier4: dict[str, Allocation]
    areas: dict[str, tuple[str, str]]  # area code (without the trunk 0) → (province, city)
    area_longest: int
    city_en: dict[tuple[str, str], str]  # a region's city in English ("Changzhou")


_CN_MARK = b"\n '86"  # how a China (+86) entry starts a line in the library's data files


def china_data_files(folder: Path) -> list[Path]:
    """The library's data files in ``folder`` (its source files) that hold China's entries."""
    return [p for p in sorted(folder.glob("data*.py")) if _CN_MARK in p.read_bytes()]


def _load_module(package: str, path: Path) -> ModuleType:
    """One data module of the library, without its package's ``__init__`` (which would load
    every country's data: 38 MB, about 1 s)."""
    name = f"{package}.{path.name.split('.')[0]}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _china_entries(kind: str) -> dict[str, dict[str, str]]:
    """``kind`` ("geodata" or "carrierdata"): the library's entries for +86, keys without 86."""
    import phonenumbers

    package = f"phonenumbers.{kind}"
    folder = Path(phonenumbers.__file__).parent / kind
    out: dict[str, dict[str, str]] = {}
    files = china_data_files(folder) if folder.is_dir() else []
    datas: list[dict[str, Any]] = [_load_module(package, p).data for p in files]
    if not datas:  # laid out differently: the library's own (slow) way
        import importlib

        whole = importlib.import_module(package)
        datas = [getattr(whole, "GEOCODE_DATA" if kind == "geodata" else "CARRIER_DATA")]
    for data in datas:
        for key, names in data.items():
            if key.startswith("86"):
                out[key[2:]] = names
    return out


def _split_region(name: str) -> tuple[str, str]:
    """ "广东省深圳市" → ("广东", "深圳"); "北京市" → ("北京", ""); unknown → ("", name)."""
    for province in PROVINCES:
        if name.startswith(province):
            rest = name[len(province) :]
            for suffix in _PROVINCE_SUFFIXES:
                if rest.startswith(suffix):
                    rest = rest[len(suffix) :]
                    break
            rest = rest.replace("市、", "、").removesuffix("市")
            return province, rest
    return "", name


def _load_tables() -> _Tables:
    regions: dict[str, tuple[str, str]] = {}  # one tuple per distinct name
    city_en: dict[tuple[str, str], str] = {}
    geo7: dict[str, tuple[str, str]] = {}
    geo6: dict[str, tuple[str, str]] = {}
    shorter: dict[str, tuple[str, str]] = {}
    areas: dict[str, tuple[str, str]] = {}
    for prefix, names in _china_entries("geodata").items():
        name = names.get("zh") or names.get("en") or ""
        region = regions.get(name)
        if region is None:
            region = regions[name] = _split_region(name)
            english = names.get("en", "")
            if region[1] and english:  # "Changzhou, Jiangsu": the city before the province
                city_en.setdefault(region, english.rsplit(", ", 1)[0])
        if prefix[:1] != "1" or prefix[:2] in ("10",):  # an area code (010 is Beijing's)
            areas[prefix] = region
        elif len(prefix) >= 7:
            geo7[prefix[:7]] = region
        elif len(prefix) == 6:
            geo6[prefix] = region
        else:
            shorter[prefix] = region
    # a 5-digit or shorter entry covers every 6-digit prefix under it without one of its own
    for prefix in sorted(shorter, key=len, reverse=True):
        width = 6 - len(prefix)
        for tail in range(10**width):
            geo6.setdefault(prefix + str(tail).zfill(width), shorter[prefix])
    carriers: dict[str, str] = {}
    for prefix, names in _china_entries("carrierdata").items():
        code = _LIBRARY_CARRIERS.get(names.get("en", ""))
        if code is not None:
            carriers[prefix] = code
    if not geo7 or not carriers:
        raise RuntimeError("the phonenumbers library holds no China data (号段归属)")
    shared: dict[Allocation, Allocation] = {}

    def one(a: Allocation) -> Allocation:
        return shared.setdefault(a, a)

    carrier4: dict[str, Allocation] = {}
    for n in range(1300, 2000):
        p4 = str(n)
        code = carriers.get(p4) or carriers.get(p4[:3]) or carriers.get(p4[:2]) or UNKNOWN
        if p4[:3] in _VIRTUAL_BLOCKS:
            carrier4[p4] = one(Allocation(VIRTUAL, "", "", code or _VIRTUAL_HOSTS.get(p4[:3], "")))
        else:
            carrier4[p4] = one(Allocation(code))

    def spread(table: dict[str, tuple[str, str]]) -> dict[str, Allocation]:
        out = {}
        for key, (province, city) in table.items():
            c = carrier4.get(key[:4], _NOTHING)
            out[key] = one(Allocation(c.carrier, province, city, c.host))
        return out

    return _Tables(
        blocks7=spread(geo7),
        blocks6=spread(geo6),
        carrier4=carrier4,
        areas=areas,
        area_longest=max(map(len, areas), default=0),
        city_en=city_en,
    )


# The reshaped tables are kept in the user's cache folder, per library version: reading them
# back takes about 0.05 s instead of the library's 0.3-0.6 s, in every process (each CLI command,
# each start of the window). marshal, not pickle: loading it runs no code.
_CACHE_APP = ("SMS Desktop", "SMSDesktop")  # store.db's APP_NAME and APP_AUTHOR
_CACHE_FORMAT = 2


def _tables_name() -> str:
    import phonenumbers

    version = getattr(phonenumbers, "__version__", "unknown")
    return f"number-blocks-{version}-{_CACHE_FORMAT}.marshal"


def _cache_path() -> Path | None:
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir(*_CACHE_APP)) / _tables_name()
    except ImportError:
        return None


def bundled_tables_path() -> Path | None:
    """Where the frozen programs carry the tables: beside the library (``build.spec`` writes
    :func:`tables_data` there, for the library version it bundles)."""
    try:
        import phonenumbers
    except ImportError:
        return None
    return Path(phonenumbers.__file__).parent / _tables_name()


def tables_data() -> bytes:
    """The tables, reshaped from the installed library, as the cache and the frozen programs
    keep them (for ``build.spec``)."""
    return _to_cache(_load_tables())


def _to_cache(t: _Tables) -> bytes:
    """The tables as marshal data: each distinct answer once, the blocks as its index."""
    index: dict[Allocation, int] = {}
    for table in (t.blocks7, t.blocks6, t.carrier4):
        for a in table.values():
            index.setdefault(a, len(index))

    def ids(table: dict[str, Allocation]) -> dict[str, int]:
        return {k: index[a] for k, a in table.items()}

    return marshal.dumps(
        (
            _CACHE_FORMAT,
            [tuple(a) for a in index],
            ids(t.blocks7),
            ids(t.blocks6),
            ids(t.carrier4),
            t.areas,
            t.area_longest,
            {f"{p}|{c}": en for (p, c), en in t.city_en.items()},
        )
    )


def _from_cache(data: bytes) -> _Tables | None:
    try:
        fmt, answers, blocks7, blocks6, carrier4, areas, area_longest, city_en = marshal.loads(data)
        if fmt != _CACHE_FORMAT or not blocks7:
            return None
        found = [Allocation(*a) for a in answers]
        return _Tables(
            blocks7={k: found[i] for k, i in blocks7.items()},
            blocks6={k: found[i] for k, i in blocks6.items()},
            carrier4={k: found[i] for k, i in carrier4.items()},
            areas=areas,
            area_longest=int(area_longest),
            city_en={(k.split("|", 1)[0], k.split("|", 1)[1]): v for k, v in city_en.items()},
        )
    except (ValueError, EOFError, TypeError, IndexError, AttributeError):
        return None


_source = ""  # where the process's tables came from: "bundled", "cache" or "library"


def tables_source() -> str:
    """Where this process's tables came from: ``bundled`` (a frozen program's, beside the
    library), ``cache`` (the user's cache folder) or ``library``; empty before the first
    lookup."""
    return _source


def _read_tables(path: Path | None) -> _Tables | None:
    if path is None:
        return None
    try:
        return _from_cache(path.read_bytes())
    except OSError:
        return None


def _cached_or_loaded() -> _Tables:
    """The tables the frozen program carries, else the cache's when it holds this library
    version's, else the library's (and then written to the cache; a folder that cannot be
    written is no error)."""
    global _source
    for source, path in (("bundled", bundled_tables_path()), ("cache", _cache_path())):
        found = _read_tables(path)
        if found is not None:
            _source = source
            return found
    path = _cache_path()
    tables = _load_tables()
    _source = "library"
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(_to_cache(tables))
            os.replace(tmp, path)
        except OSError as exc:
            log.info("number blocks not cached: %s", exc)
    return tables


_tables: _Tables | None = None
_tables_lock = threading.Lock()


def _get_tables() -> _Tables:
    global _tables
    if _tables is None:
        with _tables_lock:
            if _tables is None:
                _tables = _cached_or_loaded()
                log.info(
                    "number blocks loaded: %d blocks, %d prefixes, %d area codes",
                    len(_tables.blocks7),
                    len(_tables.blocks6),
                    len(_tables.areas),
                )
    return _tables


# ---- lookups ----------------------------------------------------------------------------------
class NumberBlocks:
    """Lookups, per 7-digit block: the blocks the geocoder names are answered from the tables
    (loaded once per process), every other block is worked out once and cached here.
    Thread-safe: the tables are read-only once loaded, and the cache only grows."""

    def __init__(self) -> None:
        self._cache: dict[str, Allocation] = {}  # the blocks the tables do not name

    def lookup(self, phone: str) -> Allocation:
        """The allocation of a number as the store keeps numbers (``13800138000``,
        ``075512345678``); anything else is unknown."""
        t = _get_tables()
        key = phone[:7]
        if len(phone) == 11 and phone.isdigit():
            hit = t.blocks7.get(key) or self._cache.get(key)
            if hit is not None:
                return hit
        if len(phone) == 11 and phone[0] == "1" and phone.isdigit() and phone[1] in "3456789":
            found = t.blocks6.get(phone[:6]) or t.carrier4.get(phone[:4], _NOTHING)
        elif 10 <= len(phone) <= 12 and phone[0] == "0" and phone[1] != "0" and phone.isdigit():
            province, city = "", ""
            for n in range(min(6, t.area_longest), 1, -1):
                region = t.areas.get(phone[1 : 1 + n])
                if region is not None:
                    province, city = region
                    break
            found = Allocation(LANDLINE, province, city)
        else:
            return _NOTHING
        self._cache[key] = found
        return found

    def breakdown(self, phones: Iterable[str]) -> dict[str, int]:
        """How many of ``phones`` fall in each carrier's blocks, in :data:`CARRIERS` order,
        only the carriers with any."""
        counts = dict.fromkeys(CARRIERS, 0)
        t = _get_tables()
        blocks7 = t.blocks7.get
        cache = self._cache.get
        lookup = self.lookup
        for phone in phones:
            hit = blocks7(phone[:7]) or cache(phone[:7])
            if hit is None or len(phone) != 11 or not phone.isdigit():
                hit = lookup(phone)
            counts[hit.carrier] += 1
        return {k: n for k, n in counts.items() if n}

    def columns(self, phones: list[str]) -> tuple[list[str], list[str], list[str]]:
        """The carriers, provinces and cities of ``phones`` (numbers as the store keeps them)
        as three columns: an import's block of rows."""
        if not phones:
            return [], [], []
        t = _get_tables()
        b7, b6, c4, lookup = t.blocks7.get, t.blocks6.get, t.carrier4.get, self.lookup
        # a mobile's 4-digit prefix always has an answer: only a landline reaches lookup()
        found = [b7(p[:7]) or b6(p[:6]) or c4(p[:4]) or lookup(p) for p in phones]
        carriers, provinces, cities, _hosts = zip(*found, strict=True)
        return list(carriers), list(provinces), list(cities)


_default = NumberBlocks()


def lookup(phone: str) -> Allocation:
    """The allocation of one number (the process-wide cache)."""
    return _default.lookup(phone)


def columns(phone: str) -> tuple[str, str, str]:
    """(carrier, province, city) of a number, as a contact stores them."""
    info = _default.lookup(phone)
    return info.carrier, info.province, info.city


def allocation_columns(phones: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The carriers, provinces and cities of ``phones`` as three columns (an import's block)."""
    return _default.columns(phones)


def city_label(province: str, city: str, lang: str = "zh_CN") -> str:
    """A stored city in the language: the geocoder's English name (loads the tables: call it in
    a worker), or the Chinese one."""
    if lang != "en" or not city:
        return city
    return _get_tables().city_en.get((province, city), city)


def breakdown(phones: Iterable[str]) -> dict[str, int]:
    """Numbers per carrier (the process-wide cache): ``{"mobile": 5231, "unicom": 2100, …}``."""
    return _default.breakdown(phones)


def breakdown_text(counts: dict[str, int], lang: str = "zh_CN") -> str:
    """ "移动 5,231 · 联通 2,100 · 电信 1,904 · 虚拟运营商 120" (or the English)."""
    return " · ".join(f"{carrier_label(k, lang)} {n:,}" for k, n in counts.items() if n)

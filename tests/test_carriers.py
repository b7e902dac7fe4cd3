"""号段归属: the carrier and region of a number's block, from the phonenumbers library's data."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from sms_desktop.core import carriers as K


@pytest.mark.parametrize(
    ("phone", "carrier"),
    [
        ("13800138000", K.MOBILE),  # 138: China Mobile
        ("15012345678", K.MOBILE),  # 150: China Mobile (the library's entry for all of 15x)
        ("18612345678", K.UNICOM),  # 186: China Unicom
        ("13012345678", K.UNICOM),  # 130: China Unicom
        ("18912345678", K.TELECOM),  # 189: China Telecom
        ("13312345678", K.TELECOM),  # 133: China Telecom (inside 13x, which is mostly Mobile)
        ("19212345678", K.BROADNET),  # 192: China Broadnet
    ],
)
def test_the_big_three_and_broadnet(phone: str, carrier: str) -> None:
    assert K.lookup(phone).carrier == carrier


def test_the_region_of_a_block() -> None:
    # 138 0013: China Mobile's Beijing block (the number of its own hotline's examples)
    beijing = K.lookup("13800138000")
    assert (beijing.carrier, beijing.province, beijing.city) == (K.MOBILE, "北京", "")
    assert beijing.region == "北京"
    # 150 1234: Zhaotong, Yunnan; the city without its 市
    zhaotong = K.lookup("15012345678")
    assert (zhaotong.province, zhaotong.city, zhaotong.region) == ("云南", "昭通", "云南 昭通")


@pytest.mark.parametrize(
    ("phone", "host"),
    [
        ("17001234567", K.TELECOM),  # 1700-1702: China Telecom's virtual operators
        ("17031234567", K.MOBILE),  # 1703/1705/1706: China Mobile's
        ("17101234567", K.UNICOM),  # 171: China Unicom's
        ("16712345678", K.UNICOM),  # 167: China Unicom's
        ("16512345678", K.MOBILE),  # 165: the library names no carrier: China Mobile's
        ("16212345678", K.TELECOM),  # 162: likewise, China Telecom's
    ],
)
def test_a_virtual_operator_is_counted_as_one_with_its_host(phone: str, host: str) -> None:
    info = K.lookup(phone)
    assert info.carrier == K.VIRTUAL
    assert info.host == host


def test_an_unknown_block() -> None:
    # 144x is allotted to no carrier and has no region in the data
    assert K.lookup("14412345678") == K.Allocation()
    assert K.lookup("14412345678").carrier == K.UNKNOWN
    # 1349 (satellite) has a region but no carrier in the data
    sat = K.lookup("13491234567")
    assert sat.carrier == K.UNKNOWN and sat.province


@pytest.mark.parametrize("value", ["", "12345", "+8613800138000", "1380013800a", "00861380013"])
def test_what_is_not_a_stored_number_is_unknown(value: str) -> None:
    assert K.lookup(value) == K.Allocation()


def test_landlines_have_a_region_and_no_carrier() -> None:
    shenzhen = K.lookup("075512345678")
    assert (shenzhen.carrier, shenzhen.province, shenzhen.city) == (K.LANDLINE, "广东", "深圳")
    beijing = K.lookup("01012345678")
    assert (beijing.carrier, beijing.province) == (K.LANDLINE, "北京")


def test_answers_are_per_7_digit_block() -> None:
    blocks = K.NumberBlocks()
    first = blocks.lookup("13800138000")
    assert blocks.lookup("13800139999") is first  # same block: the same answer
    assert blocks.lookup("13800131234") is first
    # the blocks the geocoder names one by one come from the tables; any other block is
    # worked out once (from a shorter entry, or the carrier alone), then cached
    tables = K._get_tables()
    named = blocks.lookup("18912345678")
    assert "1891234" in tables.blocks7 and "1891234" not in blocks._cache
    assert blocks.lookup("18912340000") is named
    unnamed = blocks.lookup("19212345678")
    assert "1921234" not in tables.blocks7 and "1921234" in blocks._cache
    assert blocks.lookup("19212340000") is unnamed
    # the columns of an import's block of rows
    assert K.allocation_columns(["18912345678", "14412345678", "075512345678"]) == (
        [K.TELECOM, K.UNKNOWN, K.LANDLINE],
        ["江苏", "", "广东"],
        ["常州", "", "深圳"],
    )


def test_breakdown_in_carrier_order_and_its_text() -> None:
    phones = ["18912345678", "13800138000", "18612345678", "13800138001", "17101234567", "x"]
    counts = K.breakdown(phones)
    assert list(counts.items()) == [
        (K.MOBILE, 2),
        (K.UNICOM, 1),
        (K.TELECOM, 1),
        (K.VIRTUAL, 1),
        (K.UNKNOWN, 1),
    ]
    assert K.breakdown_text(counts) == "移动 2 · 联通 1 · 电信 1 · 虚拟运营商 1 · 未知 1"
    assert K.breakdown_text({K.MOBILE: 5231}, "en") == "China Mobile 5,231"


def test_labels() -> None:
    assert K.carrier_label(K.VIRTUAL) == "虚拟运营商"
    assert K.carrier_label(None, "en") == "unknown"
    assert K.province_label("广东", "en") == "Guangdong"
    assert K.province_label("广东") == "广东"
    assert len(K.PROVINCES) == 31


def test_data_files_of_china_only(tmp_path) -> None:
    """An installed library: only its source files holding +86 entries are read."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "data0.py").write_text("data = {\n '1201':{'en': 'x'},\n}\n")
    (src / "data1.py").write_text("data = {\n '861300000':{'en': 'y'},\n}\n")
    assert [p.name for p in K.china_data_files(src)] == ["data1.py"]


def test_a_frozen_program_reads_the_tables_it_carries(tmp_path, monkeypatch) -> None:
    """The frozen programs carry the reshaped tables beside the library (``build.spec`` writes
    ``tables_data()`` there) instead of its data files: they are read first, and neither the
    library's data nor the user's cache folder is touched."""
    bundled = tmp_path / "phonenumbers" / "number-blocks-x.marshal"
    bundled.parent.mkdir()
    bundled.write_bytes(K.tables_data())
    library = K._load_tables()
    cache = tmp_path / "cache" / "number-blocks-x.marshal"
    monkeypatch.setattr(K, "bundled_tables_path", lambda: bundled)
    monkeypatch.setattr(K, "_cache_path", lambda: cache)

    def no_library() -> None:
        raise AssertionError("the library's data files were read")

    monkeypatch.setattr(K, "_load_tables", no_library)
    tables = K._cached_or_loaded()
    assert K.tables_source() == "bundled"
    assert tables.blocks7 == library.blocks7 and tables.blocks6 == library.blocks6
    assert tables.carrier4 == library.carrier4 and tables.areas == library.areas
    assert tables.city_en == library.city_en
    assert not cache.exists()
    # a damaged file is passed over: the cache, then the library
    bundled.write_bytes(b"\x00garbage")
    monkeypatch.setattr(K, "_load_tables", lambda: library)
    assert K._cached_or_loaded().blocks7 == library.blocks7
    assert K.tables_source() == "library" and cache.is_file()
    assert K._cached_or_loaded().blocks7 == library.blocks7
    assert K.tables_source() == "cache"


def test_the_tables_beside_the_library_are_named_for_its_version() -> None:
    import phonenumbers

    path = K.bundled_tables_path()
    assert path is not None and path.parent == Path(phonenumbers.__file__).parent
    assert path.name == f"number-blocks-{phonenumbers.__version__}-{K._CACHE_FORMAT}.marshal"
    cache = K._cache_path()
    assert cache is not None and cache.name == path.name


def test_100k_lookups_under_a_second() -> None:
    """100,000 numbers of mostly distinct blocks, the tables already loaded: the goal is under
    1 s (docs/benchmarks.md has the figures); the bound here leaves room for a busy machine."""
    K._get_tables()
    rnd = random.Random(7)
    phones = [f"1{rnd.choice('3456789')}{rnd.randrange(10**9):09d}" for _ in range(100_000)]
    blocks = K.NumberBlocks()
    t0 = time.perf_counter()
    counts = blocks.breakdown(phones)
    elapsed = time.perf_counter() - t0
    assert sum(counts.values()) == 100_000
    assert len({p[:7] for p in phones}) > 50_000  # mostly distinct blocks
    assert elapsed < 3.0, f"{elapsed:.2f} s"


def test_the_tables_are_cached_per_library_version(tmp_path, monkeypatch) -> None:
    """Read back from the user's cache folder (about 0.05 s instead of the library's 0.3-0.6 s),
    the same answers; a damaged cache file is rebuilt, an unwritable folder is no error."""
    path = tmp_path / "cache" / "number-blocks-x.marshal"
    monkeypatch.setattr(K, "_cache_path", lambda: path)
    built = K._cached_or_loaded()
    assert path.is_file()
    again = K._cached_or_loaded()
    assert again.blocks7 == built.blocks7 and again.blocks6 == built.blocks6
    assert again.carrier4 == built.carrier4
    assert again.city_en == built.city_en and again.areas == built.areas
    # equal answers are one object again (the cache stores each once)
    assert len({id(a) for a in again.blocks7.values()}) == len(set(again.blocks7.values()))
    path.write_bytes(b"\x00garbage")
    rebuilt = K._cached_or_loaded()
    assert rebuilt.blocks7 == built.blocks7
    assert K._from_cache(path.read_bytes()) is not None  # written again
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setattr(K, "_cache_path", lambda: blocked / "sub" / "x.marshal")
    assert K._cached_or_loaded().blocks7 == built.blocks7


def test_the_cache_folder_is_the_applications() -> None:
    from sms_desktop.core.store import db

    assert (db.APP_NAME, db.APP_AUTHOR) == K._CACHE_APP

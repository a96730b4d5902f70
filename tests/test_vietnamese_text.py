"""Text hygiene: NFC, tone placement, comparison keys, names, slugs; and the module's docs."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.vietnamese as vn
from pipeline.vietnamese import (
    capitalise_name,
    modern_tones,
    nfc,
    normalize_name,
    old_tones,
    slug,
    tone_key,
)
from pipeline.vietnamese._syllables import is_syllable

# Real syllables (names, places, document words), in both tone placements where they differ.
SYLLABLES = """
an anh ánh ân ấn ấp bà bác bạch ban bảo bắc bằng bé bến bích biên bình bộ bùi búk bửu ca cai cam
cần cao cát châu chí chiến chính chu chúc chủ chức công cộng cơ cúc cường dân diệp diệu do dũng
dung duy dương đà đại đạo đăng đắk đào đạt điện định đoàn đông đồng đức gia giang giáp giữa gìn
hà hạ hải hạnh hào hảo hậu hiền hiếu hòa hoà hoàng học hồ hồng huế huệ hùng hưng hương hường huy
huyền huyện huỳnh kạn khánh khải khang khen khoa khỏe khoẻ khuê khương khuya kiên kiều kim kỳ
kỹ lai lạng lan lâm lào lập lắk lê liên linh loan long lộc lợi luân lương lưu lý mai mạnh mập
minh mỹ mường nam nga ngãi ngân nghĩa ngọc nguyên nguyễn người nhàn nhân nhật nhung ninh nội
oanh phạm phan phát phong phòng phú phúc phụng phước phường phương quang quảng quân quế quốc
quý quyên quyết quỳnh sang sáu sắc sơn sương tài tâm tân tấn tặng thái thanh thành thảo thắng
thi thị thiên thịnh thoa thôn thu thuận thủy thuỷ thúy thuý thư thương thưởng tỉnh tiến tiên
tín tịch toàn tổ trà trang trâm trần trí trinh trung trúc trường trưởng tú tuấn tùng tuyết tư
tự uyên út ủy uỷ văn vân việt vinh võ vũ vụ vương xã xoài xuân xuất yên yến ý ông ở hóa hoá
lộ mùa múa mía giếng giường khuỷu ngoặc xoăn khuếch huých tuần thuở ước uống yêu
"""
CORPUS = SYLLABLES.split()
LATIN1 = [w for w in CORPUS if all(ord(c) < 0x100 for c in w)]


def test_corpus_is_valid_vietnamese() -> None:
    assert len(CORPUS) > 250
    assert len(LATIN1) > 60
    assert [w for w in CORPUS if not is_syllable(w)] == []


@pytest.mark.parametrize(
    "word",
    ["Nguyeãn", "NguyÔn", "V¨n", "xyz", "ghe", "nghóa", "cem", "bàt", "hàt", "Müller", "tú1"],
)
def test_not_syllables(word: str) -> None:
    assert is_syllable(word) == (word == "ghe")  # gh before e is right: "ghe" is a word


def test_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    assert len(decomposed) == 8
    assert nfc(decomposed) == "Nguyễn"
    assert len(nfc(decomposed)) == 6


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("Hoá", "Hóa"),
        ("khoẻ", "khỏe"),
        ("quý", "qúy"),
        ("Thuý", "thúy"),
        ("HOÀ BÌNH", "hòa bình"),
        ("  Nguyễn   Văn  An ", "nguyễn văn an"),
        (unicodedata.normalize("NFD", "Phường Hòa Lợi"), "phường hoà lợi"),
        ("gìa", "già"),
        ("ngòai", "ngoài"),
        ("Tóan", "toán"),
        ("ngừơi", "người"),
        ("Uỷ ban", "ủy ban"),
        ("Nguyễn\u00a0Văn \u200bAn", "nguyễn văn an"),
    ],
)
def test_tone_key_equal(a: str, b: str) -> None:
    assert tone_key(a) == tone_key(b)


@pytest.mark.parametrize(("a", "b"), [("hòa", "hỏa"), ("An", "Ân"), ("Hà", "Hạ"), ("ba", "bà")])
def test_tone_key_different(a: str, b: str) -> None:
    assert tone_key(a) != tone_key(b)


def test_tone_key_is_readable() -> None:
    assert tone_key("Phó Chủ tịch").startswith("phó ")
    assert tone_key("  HOÀ  Bình ") == "hòa bình"


@pytest.mark.parametrize(
    ("text", "modern", "old"),
    [
        ("hoà hòa", "hòa hòa", "hoà hoà"),
        ("Thuỷ Thủy", "Thủy Thủy", "Thuỷ Thuỷ"),
        ("khoẻ", "khỏe", "khoẻ"),
        ("Hoá", "Hóa", "Hoá"),
        ("quý qúy", "quý quý", "quý quý"),
        ("HOÀ", "HÒA", "HOÀ"),
        ("hoàng toán hoạch", "hoàng toán hoạch", "hoàng toán hoạch"),
        ("người ngoài khuya khuỷu", "người ngoài khuya khuỷu", "người ngoài khuya khuỷu"),
        ("già giữa", "già giữa", "già giữa"),
        ("Café José", "Café José", "Café José"),
        ("Hòa, 2024: thuỷ-lợi", "Hòa, 2024: thủy-lợi", "Hoà, 2024: thuỷ-lợi"),
    ],
)
def test_tone_styles(text: str, modern: str, old: str) -> None:
    assert modern_tones(text) == modern
    assert old_tones(text) == old


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CORPUS), min_size=1, max_size=6))
def test_tone_styles_round_trip(words: list[str]) -> None:
    text = " ".join(words)
    assert modern_tones(old_tones(text)) == modern_tones(text)
    assert old_tones(modern_tones(text)) == old_tones(text)
    assert tone_key(old_tones(text)) == tone_key(text) == tone_key(text.upper())


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("nguyễn văn an", "Nguyễn Văn An"),
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("Nguyễn văn An", "Nguyễn văn An"),
        ("  Trần   Thị\u00a0Hoa \t", "Trần Thị Hoa"),
        ("đỗ thị ánh", "Đỗ Thị Ánh"),
        ("ĐẮK LẮK", "Đắk Lắk"),
        (unicodedata.normalize("NFD", "lê thị hường"), "Lê Thị Hường"),
        ("nguyễn-văn an", "Nguyễn-Văn An"),
        ("H'HEN NIÊ", "H'Hen Niê"),
        ("k’bình", "K’Bình"),
        ("", ""),
    ],
)
def test_normalize_name(raw: str, name: str) -> None:
    assert normalize_name(raw) == name


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Nguyễn thị Hoa", "Nguyễn Thị Hoa"),
        ("HUỲNH Thị Linh", "Huỳnh Thị Linh"),
        ("Nguyễn Thị HOA", "Nguyễn Thị Hoa"),
        ("Y Moan Ê Nuôl", "Y Moan Ê Nuôl"),
        ("y Moan", "Y Moan"),
        ("Ksor H'Ni", "Ksor H'Ni"),
        ("H'HEN Niê", "H'Hen Niê"),
        ("McDonald Nguyễn", "McDonald Nguyễn"),  # a capital inside a word is kept as typed
    ],
)
def test_capitalise_name(raw: str, name: str) -> None:
    assert capitalise_name(raw) == name


def test_normalize_name_tones() -> None:
    assert normalize_name("lê thị thuỷ", tones="modern") == "Lê Thị Thủy"
    assert normalize_name("Lê Thị Thủy", tones="old") == "Lê Thị Thuỷ"
    assert normalize_name("Lê Thị Thuỷ") == "Lê Thị Thuỷ"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Văn Đức", "nguyen-van-duc"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\Windows\\System32", "windows-system32"),
        ("Lê Thị Hồng Nhung — Tổ trưởng", "le-thi-hong-nhung-to-truong"),
        ("  --Đắk  Lắk--  ", "dak-lak"),
        ('CON\x00\x1f:*?"<>|', "con"),
        ("", "khong-ten"),
        ("...", "khong-ten"),
        ("王小明", "khong-ten"),
        ("Tổ 1 – Ấp 2", "to-1-ap-2"),
    ],
)
def test_slug(raw: str, expected: str) -> None:
    assert slug(raw) == expected


def test_slug_length() -> None:
    long = slug("Nguyễn " * 30)
    assert len(long) <= 60
    assert long.startswith("nguyen-nguyen")
    assert not long.endswith("-")
    assert len(slug("a" * 100)) == 60


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_slug_is_always_safe(text: str) -> None:
    result = slug(text)
    assert result
    assert len(result) <= 60
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in result)
    assert "--" not in result
    assert not result.startswith("-")
    assert not result.endswith("-")


# --- documentation --------------------------------------------------------------------------


def _modules() -> list:
    names = [m.name for m in pkgutil.iter_modules(vn.__path__)]
    return [vn] + [importlib.import_module(f"pipeline.vietnamese.{n}") for n in names]


def test_every_module_and_public_function_is_documented_with_an_example() -> None:
    for module in _modules():
        assert module.__doc__ and module.__doc__.strip(), module.__name__
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != module.__name__:
                continue
            assert obj.__doc__ and ">>>" in obj.__doc__, f"{module.__name__}.{name}"
    for name in vn.__all__:
        assert getattr(vn, name).__doc__, name


def test_examples_in_docstrings_hold() -> None:
    for module in _modules():
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__

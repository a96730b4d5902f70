"""Numbers in Vietnamese words: the reference table, num2words' corrected converter, round trips."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words
from num2words.lang_VI import Num2Word_VI

from pipeline.vietnamese import (
    count_with_words,
    format_money,
    format_percent,
    money_to_words,
    number_to_words,
    words_to_number,
)
from pipeline.vietnamese.numbers import VOCABULARY, HosoNum2WordVI

REFERENCE = Path(__file__).parent / "data" / "numbers-reference.md"


@pytest.fixture(autouse=True)
def corrected_num2words(monkeypatch: pytest.MonkeyPatch) -> None:
    """num2words' API with hoso's converter, as a program that opts in would register it."""
    import num2words as n2w

    monkeypatch.setitem(n2w.CONVERTER_CLASSES, "vi", HosoNum2WordVI())


# The table of vietnamese.md ("Numbers in words"), row by row.
TABLE = [
    (0, "không"),
    (5, "năm"),
    (15, "mười lăm"),
    (25, "hai mươi lăm"),
    (11, "mười một"),
    (21, "hai mươi mốt"),
    (14, "mười bốn"),
    (24, "hai mươi bốn"),
    (10, "mười"),
    (20, "hai mươi"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_015, "một nghìn không trăm mười lăm"),
    (2_024, "hai nghìn không trăm hai mươi bốn"),
    (1_800_000, "một triệu tám trăm nghìn"),
    (37_070_000, "ba mươi bảy triệu không trăm bảy mươi nghìn"),
    (1_000_000_000, "một tỷ"),
    (10**15, "một triệu tỷ"),
]

MORE = [
    (1, "một"),
    (4, "bốn"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1_000, "một nghìn"),
    (1_000_005, "một triệu không trăm linh năm"),
    (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
    (1_000_000_005, "một tỷ không trăm linh năm"),
    (5_000_070_000, "năm tỷ không trăm bảy mươi nghìn"),
    (10**12, "một nghìn tỷ"),
    (10**18, "một tỷ tỷ"),
    (10**18 + 10**15, "một tỷ không trăm linh một triệu tỷ"),
    (-5, "âm năm"),
    (-(10**18), "âm một tỷ tỷ"),
]


def _reference_rows() -> list[tuple[int, str]]:
    """The rows of the reference table, parsed from vietnamese.md itself."""
    text = REFERENCE.read_text(encoding="utf-8").split("## Numbers in words")[1].split("##")[0]
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not re.match(r"[\d ]|10\^", cells[0]):
            continue
        numbers = [c.strip() for c in cells[0].split("/")]
        words = [w.strip() for w in re.sub(r"\(.*\)", "", cells[1]).split("/")]
        for n, w in zip(numbers, words, strict=True):
            value = 10 ** int(n[3:]) if n.startswith("10^") else int(n.replace(" ", ""))
            rows.append((value, w))
    return rows


def test_table_is_the_reference_table() -> None:
    assert sorted(_reference_rows()) == sorted(TABLE)


@pytest.mark.parametrize(("n", "words"), TABLE + MORE)
def test_number_to_words(n: int, words: str) -> None:
    assert number_to_words(n) == words


@pytest.mark.parametrize(("n", "words"), TABLE + MORE)
def test_num2words_gives_the_same_reading(n: int, words: str) -> None:
    assert num2words(n, lang="vi") == words
    assert num2words(n, lang="vi_VN") == words


@pytest.mark.parametrize(
    ("value", "wrong", "right"),
    [
        (1015, "một nghìn lẻ mười lăm", "một nghìn không trăm mười lăm"),
        (2024, "hai nghìn lẻ hai mươi bốn", "hai nghìn không trăm hai mươi bốn"),
        (-5, "mười lăm", "âm năm"),
        (Decimal("0.5"), "không phẩy năm mươi", "không phẩy năm"),
        (10**15, "một trăm nghìn tỷ", "một triệu tỷ"),
    ],
)
def test_num2words_bugs_fixed(value: int | Decimal, wrong: str, right: str) -> None:
    assert Num2Word_VI().to_cardinal(value) == wrong  # the bug the reference describes
    assert num2words(value, lang="vi") == right


def test_ten_to_the_eighteen_has_no_english_word() -> None:
    assert Num2Word_VI().to_cardinal(10**18) == "một Quintillion"  # the bug
    assert num2words(10**18, lang="vi") == "một tỷ tỷ"
    assert set(num2words(10**18 + 123, lang="vi").split()) <= VOCABULARY


def test_importing_hoso_changes_nothing_in_num2words() -> None:
    code = (
        "import num2words, pipeline.cli, pipeline.build, pipeline.authoring.scaffold;"
        "from pipeline.vietnamese.numbers import HosoNum2WordVI;"
        "c = num2words.CONVERTER_CLASSES['vi'];"
        "print(type(c).__name__, isinstance(c, HosoNum2WordVI), num2words.num2words(1015, lang='vi'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split(" ", 2) == ["Num2Word_VI", "False", "một nghìn lẻ mười lăm\n"]


@pytest.mark.parametrize(
    ("n", "options", "words"),
    [
        (105, {"zero_tens": "lẻ"}, "một trăm lẻ năm"),
        (1_005, {"zero_tens": "lẻ"}, "một nghìn không trăm lẻ năm"),
        (24, {"four": "tư"}, "hai mươi tư"),
        (44, {"four": "tư"}, "bốn mươi tư"),
        (14, {"four": "tư"}, "mười bốn"),
        (4, {"four": "tư"}, "bốn"),
        (104, {"four": "tư"}, "một trăm linh bốn"),
        (400, {"four": "tư"}, "bốn trăm"),
        (2_024, {"four": "tư", "zero_tens": "lẻ"}, "hai nghìn không trăm hai mươi tư"),
    ],
)
def test_options(n: int, options: dict[str, str], words: str) -> None:
    assert number_to_words(n, **options) == words  # type: ignore[arg-type]
    assert num2words(n, lang="vi", **options) == words


def test_bad_options_refused() -> None:
    with pytest.raises(ValueError, match="linh"):
        number_to_words(5, zero_tens="le")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="bốn"):
        number_to_words(5, four="bon")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Decimal("0.5"), "không phẩy năm"),
        (Decimal("0.50"), "không phẩy năm"),
        ("0,05", "không phẩy không năm"),
        ("0.05", "không phẩy không năm"),
        ("85,7", "tám mươi lăm phẩy bảy"),
        ("85.75", "tám mươi lăm phẩy bảy mươi lăm"),
        ("3,14", "ba phẩy mười bốn"),
        ("2,005", "hai phẩy không không năm"),
        ("3,14159", "ba phẩy một bốn một năm chín"),
        ("-0,5", "âm không phẩy năm"),
        ("1,0", "một"),
        ("12", "mười hai"),
        (" -7 ", "âm bảy"),
        (Decimal("1E+3"), "một nghìn"),
        (0.5, "không phẩy năm"),
        (2.25, "hai phẩy hai mươi lăm"),
    ],
)
def test_decimals(value: Decimal | str | float, words: str) -> None:
    assert number_to_words(value) == words
    assert num2words(value, lang="vi") == words


@pytest.mark.parametrize("value", ["", "abc", "1.234.567", "1,2,3", "5%", "NaN", float("nan")])
def test_unreadable_numbers_refused(value: str | float) -> None:
    with pytest.raises(ValueError, match="Không đọc được số"):
        number_to_words(value)


def test_bool_refused() -> None:
    with pytest.raises(TypeError):
        number_to_words(True)


# --- properties ---------------------------------------------------------------------------------

LIMIT = 10**18
integers = st.integers(min_value=-LIMIT, max_value=LIMIT)
# Also favour numbers with zero groups and many 1s, 4s and 5s, where readings go wrong.
tricky = st.lists(st.sampled_from("0000114559"), min_size=1, max_size=19).map(
    lambda d: int("".join(d))
)
numbers = st.one_of(integers, tricky, tricky.map(lambda n: -n))
options = st.fixed_dictionaries(
    {"zero_tens": st.sampled_from(["linh", "lẻ"]), "four": st.sampled_from(["bốn", "tư"])}
)


def check_reading(words: str, zero_tens: str = "linh", four: str = "bốn") -> None:
    """The rules every reading obeys."""
    tokens = words.split()
    assert set(tokens) <= VOCABULARY, words
    other = "lẻ" if zero_tens == "linh" else "linh"
    assert other not in tokens, words
    for before, word in zip(["", *tokens], tokens, strict=False):
        if word == "lăm":
            assert before in ("mười", "mươi"), words
        if word == "mốt":
            assert before == "mươi", words
        if word == "tư":
            assert before == "mươi" and four == "tư", words
        if before in ("linh", "lẻ"):
            assert word in ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"), words


@settings(max_examples=300, deadline=None)
@given(numbers)
def test_round_trip(n: int) -> None:
    words = number_to_words(n)
    check_reading(words)
    assert words_to_number(words) == n
    assert num2words(n, lang="vi") == words


@settings(max_examples=300, deadline=None)
@given(numbers, options)
def test_round_trip_with_options(n: int, opts: dict[str, str]) -> None:
    words = number_to_words(n, **opts)  # type: ignore[arg-type]
    check_reading(words, **opts)
    assert words_to_number(words) == n
    assert num2words(n, lang="vi", **opts) == words


def test_every_number_below_ten_thousand() -> None:
    for n in range(10_000):
        for opts in ({}, {"zero_tens": "lẻ", "four": "tư"}):
            words = number_to_words(n, **opts)  # type: ignore[arg-type]
            check_reading(words, **opts)
            assert words_to_number(words) == n


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Hai triệu ba trăm bốn mươi nghìn đồng", 2_340_000),
        ("một trăm lẻ năm", 105),
        ("hai mươi tư", 24),
        ("một ngàn", 1_000),
        ("hai tỉ", 2_000_000_000),
        ("âm mười", -10),
        ("  MỘT   TRĂM  ", 100),
        ("không", 0),
    ],
)
def test_words_to_number_spellings(text: str, n: int) -> None:
    assert words_to_number(text) == n


@pytest.mark.parametrize(
    "text", ["", "xin chào", "một phẩy năm", "tỷ", "nghìn triệu", "hai ba", "một trăm linh"]
)
def test_words_to_number_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="Không đọc được số"):
        words_to_number(text)


# --- money, counts, percentages, ordinals ----------------------------------------------------


def test_money() -> None:
    assert money_to_words(2_340_000) == "Hai triệu ba trăm bốn mươi nghìn đồng"
    assert money_to_words(0) == "Không đồng"
    assert money_to_words(1_015_000) == "Một triệu không trăm mười lăm nghìn đồng"
    assert num2words(2_340_000, lang="vi", to="currency") == money_to_words(2_340_000)
    assert format_money(2_340_000) == "2.340.000"
    assert format_money(999) == "999"
    assert format_money(1_000) == "1.000"
    assert format_money(-1_500_000) == "-1.500.000"
    with pytest.raises(ValueError, match="số nguyên đồng"):
        money_to_words(Decimal("12.5"))  # type: ignore[arg-type]
    with pytest.raises(NotImplementedError):
        num2words(5, lang="vi", to="currency", currency="EUR")


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (7, "07 (bảy)"),
        (0, "00 (không)"),
        (21, "21 (hai mươi mốt)"),
        (105, "105 (một trăm linh năm)"),
    ],
)
def test_count_with_words(n: int, text: str) -> None:
    assert count_with_words(n) == text


def test_count_refuses_negative() -> None:
    with pytest.raises(ValueError, match="không âm"):
        count_with_words(-1)


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (85.714, 1, "85,7%"),
        (85.75, 1, "85,8%"),
        (85.65, 1, "85,7%"),
        (0.15, 1, "0,2%"),
        (100, 1, "100,0%"),
        (100, 0, "100%"),
        (99.5, 0, "100%"),
        (Decimal("2.345"), 2, "2,35%"),
        ("85,714", 1, "85,7%"),
    ],
)
def test_format_percent(value: float | Decimal | str, digits: int, text: str) -> None:
    assert format_percent(value, digits=digits) == text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "thứ nhất"),
        (2, "thứ hai"),
        (3, "thứ ba"),
        (4, "thứ tư"),
        (5, "thứ năm"),
        (14, "thứ mười bốn"),
    ],
)
def test_ordinals(n: int, text: str) -> None:
    assert num2words(n, lang="vi", to="ordinal") == text
    assert num2words(n, lang="vi", ordinal=True) == text


def test_other_num2words_modes() -> None:
    assert num2words(3, lang="vi", to="ordinal_num") == "thứ 3"
    assert num2words(2024, lang="vi", to="year") == "hai nghìn không trăm hai mươi bốn"
    assert num2words("12,5", lang="vi") == "mười hai phẩy năm"

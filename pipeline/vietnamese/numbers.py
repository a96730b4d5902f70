"""Numbers in Vietnamese words (formal reading), money, counts, percentages; num2words corrected."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from num2words.lang_VI import Num2Word_VI

ZeroTens = Literal["linh", "lẻ"]
Four = Literal["bốn", "tư"]
Number = int | Decimal | str | float

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 10**9
# Every word a reading may contain (the closed vocabulary tests check against).
_OTHER_WORDS = "mốt tư lăm mười mươi trăm linh lẻ nghìn triệu tỷ âm phẩy"
VOCABULARY = frozenset(DIGITS) | frozenset(_OTHER_WORDS.split())
_NUMBER_TEXT = re.compile(r"([+-]?)(\d+)(?:[.,](\d+))?")


def _check_options(zero_tens: str, four: str) -> None:
    if zero_tens not in ("linh", "lẻ"):
        raise ValueError(f"zero_tens phải là “linh” hoặc “lẻ”, không phải “{zero_tens}”.")
    if four not in ("bốn", "tư"):
        raise ValueError(f"four phải là “bốn” hoặc “tư”, không phải “{four}”.")


def _group(g: int, *, full: bool, zero_tens: str, four: str) -> list[str]:
    """Words of 0 < g < 1000; `full` says the hundreds even when zero (a group after the first)."""
    h, t, u = g // 100, g // 10 % 10, g % 10
    words = [DIGITS[h], "trăm"] if full or h else []
    if t == 0:
        if u:
            words += [zero_tens, DIGITS[u]] if words else [DIGITS[u]]
        return words
    words += ["mười"] if t == 1 else [DIGITS[t], "mươi"]
    if u == 5:
        words.append("lăm")
    elif u == 1 and t > 1:
        words.append("mốt")
    elif u == 4 and t > 1:
        words.append(four)
    elif u:
        words.append(DIGITS[u])
    return words


def _below_billion(n: int, *, leading: bool, zero_tens: str, four: str) -> list[str]:
    words: list[str] = []
    for g, scale in ((n // 10**6 % 1000, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")):
        if g:
            words += _group(g, full=not (leading and not words), zero_tens=zero_tens, four=four)
            if scale:
                words.append(scale)
    return words


def _integer(n: int, *, zero_tens: str, four: str) -> list[str]:
    if n == 0:
        return ["không"]
    if n >= BILLION:
        q, r = divmod(n, BILLION)
        words = [*_integer(q, zero_tens=zero_tens, four=four), "tỷ"]
        return words + _below_billion(r, leading=False, zero_tens=zero_tens, four=four)
    return _below_billion(n, leading=True, zero_tens=zero_tens, four=four)


def _fraction(digits: str, *, zero_tens: str, four: str) -> list[str]:
    """Words after "phẩy": leading zeros as "không", then up to three digits as a number, or a
    longer tail digit by digit (0,05 → không năm; 3,14 → mười bốn; 3,14159 → một bốn một năm
    chín)."""
    rest = digits.lstrip("0")
    words = ["không"] * (len(digits) - len(rest))
    if len(rest) <= 3:
        return words + _below_billion(int(rest), leading=True, zero_tens=zero_tens, four=four)
    return words + [DIGITS[int(d)] for d in rest]


def to_decimal(value: Number) -> Decimal | int:
    """An int, or a Decimal for a number with a fractional part, from int, Decimal, float or text
    ("12", "-0,05", "85.7": "," or "." as the decimal mark, no thousands separators).

    >>> to_decimal("0,05")
    Decimal('0.05')
    """
    if isinstance(value, bool):
        raise TypeError("Không đọc số từ giá trị đúng/sai (bool).")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Không đọc được số “{value}”.")
        value = Decimal(repr(value))
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).strip().replace("\u2212", "-")
        if not _NUMBER_TEXT.fullmatch(text):
            raise ValueError(f"Không đọc được số “{value}” (ví dụ hợp lệ: 12, -3, 85,7, 0.05).")
        value = Decimal(text.replace(",", "."))
    if not isinstance(value, Decimal):
        raise TypeError(f"Không đọc được số từ kiểu {type(value).__name__}.")
    if not value.is_finite():
        raise ValueError(f"Không đọc được số “{value}”.")
    return int(value) if value == value.to_integral_value() else value


def number_to_words(n: Number, *, zero_tens: ZeroTens = "linh", four: Four = "bốn") -> str:
    """The formal Vietnamese reading of a number: every group after the first says its hundreds.

    Integers of any size (10^15 → "một triệu tỷ", negatives "âm …"); decimals (Decimal, float or
    text with "," or ".") read with "phẩy". `zero_tens` "linh"/"lẻ" (105), `four` "bốn"/"tư"
    (24; "tư" only after "mươi").

    >>> number_to_words(1015), number_to_words("0,05")
    ('một nghìn không trăm mười lăm', 'không phẩy không năm')
    """
    _check_options(zero_tens, four)
    value = to_decimal(n)
    negative = value < 0
    if isinstance(value, int):
        words = _integer(abs(value), zero_tens=zero_tens, four=four)
    else:
        whole, _, frac = format(abs(value), "f").partition(".")
        words = _integer(int(whole), zero_tens=zero_tens, four=four)
        words += ["phẩy", *_fraction(frac.rstrip("0"), zero_tens=zero_tens, four=four)]
    return " ".join(["âm", *words] if negative else words)


_UNITS = {w: i for i, w in enumerate(DIGITS)} | {"mốt": 1, "tư": 4, "lăm": 5}
_SCALES = {"nghìn": 1000, "ngàn": 1000, "triệu": 10**6}
_BILLIONS = ("tỷ", "tỉ")


def _parse_group(tokens: list[str], i: int, text: str) -> tuple[int, int]:
    """Parse one group (0..999) starting at tokens[i]; return (value, next index)."""

    def unit(k: int) -> int | None:
        return _UNITS.get(tokens[k]) if k < len(tokens) else None

    start, value = i, 0
    if unit(i) is not None and i + 1 < len(tokens) and tokens[i + 1] == "trăm":
        value, i = 100 * _UNITS[tokens[i]], i + 2
    if i < len(tokens) and tokens[i] in ("linh", "lẻ"):
        digit = unit(i + 1)
        if not digit:
            raise ValueError(f"Không đọc được số “{text}”: sau “{tokens[i]}” phải là một chữ số.")
        return value + digit, i + 2
    if i < len(tokens) and tokens[i] == "mười":
        value, i = value + 10, i + 1
    elif unit(i) is not None and i + 1 < len(tokens) and tokens[i + 1] == "mươi":
        value, i = value + 10 * _UNITS[tokens[i]], i + 2
    elif unit(i) is not None:
        return value + _UNITS[tokens[i]], i + 1
    else:
        if i == start:
            raise ValueError(f"Không đọc được số “{text}”: không hiểu từ “{tokens[i]}”.")
        return value, i
    if (
        (digit := unit(i)) is not None
        and digit
        and not (i + 1 < len(tokens) and tokens[i + 1] in ("trăm", "mươi"))
    ):
        return value + digit, i + 1
    return value, i


def _parse_below_billion(tokens: list[str], text: str) -> int:
    total, i, last_scale = 0, 0, BILLION
    while i < len(tokens):
        value, i = _parse_group(tokens, i, text)
        scale = _SCALES.get(tokens[i], 1) if i < len(tokens) else 1
        if scale >= last_scale:
            raise ValueError(f"Không đọc được số “{text}”: các hàng không theo thứ tự giảm dần.")
        total, last_scale = total + value * scale, scale
        if scale > 1:
            i += 1
    return total


def _parse_integer(tokens: list[str], text: str) -> int:
    if not tokens:
        raise ValueError(f"Không đọc được số “{text}”.")
    billions = [k for k, w in enumerate(tokens) if w in _BILLIONS]
    if not billions:
        return _parse_below_billion(tokens, text)
    k = billions[-1]
    return _parse_integer(tokens[:k], text) * BILLION + _parse_below_billion(tokens[k + 1 :], text)


def words_to_number(text: str) -> int:
    """The integer a Vietnamese reading stands for (inverse of number_to_words for integers).

    Accepts linh/lẻ, bốn/tư, mốt, lăm, nghìn/ngàn, tỷ/tỉ, a leading "âm" and a trailing "đồng".

    >>> words_to_number("Hai nghìn không trăm hai mươi tư đồng")
    2024
    """
    tokens = unicodedata.normalize("NFC", text).lower().replace(",", " ").split()
    if tokens and tokens[-1] == "đồng":
        tokens.pop()
    sign = 1
    if tokens and tokens[0] in ("âm", "trừ"):
        sign, tokens = -1, tokens[1:]
    if "phẩy" in tokens:
        raise ValueError(f"Không đọc được số “{text}”: chỉ đọc được số nguyên.")
    return sign * _parse_integer(tokens, text)


def money_to_words(amount: int) -> str:
    """An amount of đồng in words, capitalised, ending in "đồng".

    >>> money_to_words(2340000)
    'Hai triệu ba trăm bốn mươi nghìn đồng'
    """
    value = to_decimal(amount)
    if not isinstance(value, int):
        raise ValueError(f"Số tiền phải là số nguyên đồng, không phải “{amount}”.")
    words = number_to_words(value)
    return f"{words[0].upper()}{words[1:]} đồng"


def format_ranges(numbers: Iterable[int]) -> str:
    """Numbers (rows) as runs: "2–5, 7, 9–10"; a run of two stays two numbers.

    >>> format_ranges([7, 2, 3, 4, 5, 9, 10, 12])
    '2–5, 7, 9, 10, 12'
    """
    values = sorted(set(numbers))
    runs: list[list[int]] = []
    for n in values:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    return ", ".join(parts)


def format_money(amount: int) -> str:
    """A whole amount with dots between thousands.

    >>> format_money(2340000)
    '2.340.000'
    """
    value = to_decimal(amount)
    if not isinstance(value, int):
        raise ValueError(f"Số tiền phải là số nguyên đồng, không phải “{amount}”.")
    return grouped(value)


def grouped(n: int) -> str:
    """A whole number with a dot between groups of three digits, as Vietnamese text writes it.

    >>> grouped(1107), grouped(999), grouped(-12000)
    ('1.107', '999', '-12.000')
    """
    return f"{n:,}".replace(",", ".")


def count_with_words(n: int) -> str:
    """A count as printed in running text: at least two digits, then the words in brackets.

    >>> count_with_words(7), count_with_words(105)
    ('07 (bảy)', '105 (một trăm linh năm)')
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"Số lượng phải là số nguyên không âm, không phải “{n}”.")
    return f"{n:02d} ({number_to_words(n)})"


def format_decimal(value: Number, digits: int = 1, *, keep_zeros: bool = False) -> str:
    """A number rounded half up to `digits` decimals, with the decimal comma; trailing zeros
    dropped unless `keep_zeros` (a column of figures keeps them aligned).

    >>> format_decimal(62.5), format_decimal(80.0), format_decimal(2.25), format_decimal(85, keep_zeros=True)
    ('62,5', '80', '2,3', '85,0')
    """
    number = Decimal(to_decimal(value))
    rounded = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if not keep_zeros and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_percent(value: Number, digits: int = 1) -> str:
    """A percentage (85.714 means 85.714 %) rounded half up, with a decimal comma and "%".

    >>> format_percent(85.714), format_percent(85.75), format_percent(100, digits=0)
    ('85,7%', '85,8%', '100%')
    """
    return format_decimal(value, digits, keep_zeros=True) + "%"


def format_percent_against(
    value: Number, limit: Number, digits: int = 1, *, keep_zeros: bool = True
) -> str:
    """A percentage printed beside a limit: rounded to `digits`, or to as many more as keep it
    on its own side of the limit, so a message never reads "1,0% chưa đạt ≥ 1%" (trailing
    zeros dropped unless `keep_zeros`, as format_decimal).

    >>> format_percent_against(0.95, 1), format_percent_against(89.96, 90)
    ('0,95%', '89,96%')
    >>> format_percent_against(85.714, 80), format_percent_against(30.04, 30)
    ('85,7%', '30,04%')
    >>> format_percent_against(94, 90, keep_zeros=False), format_percent_against(99.96, 100, keep_zeros=False)
    ('94%', '99,96%')
    """
    exact, bound = Decimal(to_decimal(value)), Decimal(to_decimal(limit))
    for places in range(digits, 7):
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if (rounded > bound) - (rounded < bound) == (exact > bound) - (exact < bound):
            return format_decimal(value, places, keep_zeros=keep_zeros) + "%"
    return format_decimal(value, 6, keep_zeros=keep_zeros) + "%"


class HosoNum2WordVI(Num2Word_VI):
    """num2words' Vietnamese converter with its known errors corrected, for callers of num2words.

    Nothing registers it globally: hoso calls its own functions (and its Jinja filters call
    them). A program that wants num2words' API with correct readings uses an instance directly,
    or `num2words.CONVERTER_CLASSES["vi"] = HosoNum2WordVI()` on its own responsibility.
    """

    def to_cardinal(self, number: Number, zero_tens: ZeroTens = "linh", four: Four = "bốn") -> str:
        """Formal reading, e.g. 1015 → "một nghìn không trăm mười lăm"."""
        return number_to_words(number, zero_tens=zero_tens, four=four)

    def to_ordinal(self, number: Number) -> str:
        """Ordinal: "thứ nhất", "thứ hai", "thứ tư" for 4, else "thứ " + the cardinal."""
        value = to_decimal(number)
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"Số thứ tự phải là số nguyên không âm, không phải “{number}”.")
        special = {1: "nhất", 4: "tư"}
        return "thứ " + special.get(value, number_to_words(value))

    def to_ordinal_num(self, number: Number) -> str:
        """Ordinal with digits: "thứ 3"."""
        return f"thứ {to_decimal(number)}"

    def to_year(self, number: Number, **_kwargs: object) -> str:
        """A year is read like any number: 2024 → "hai nghìn không trăm hai mươi bốn"."""
        return number_to_words(number)

    def to_currency(self, val: Number, currency: str = "VND", **_kwargs: object) -> str:
        """Money in đồng, as money_to_words: "Hai triệu ba trăm bốn mươi nghìn đồng"."""
        if currency not in ("VND", "VNĐ", "đồng"):
            raise NotImplementedError(f"Chỉ hỗ trợ tiền đồng (VND), không hỗ trợ “{currency}”.")
        value = to_decimal(val)
        if not isinstance(value, int):
            raise ValueError(f"Số tiền phải là số nguyên đồng, không phải “{val}”.")
        return money_to_words(value)

    def str_to_number(self, value: str) -> Decimal | int:
        """num2words calls this for text input: "12", "0,5", "1.25"."""
        return to_decimal(value)

    def number_to_text(self, number: Number) -> str:
        """The parent's entry point, corrected."""
        return number_to_words(number)

    def vietnam_number(self, val: int) -> str:
        """The parent's integer entry point, corrected."""
        return number_to_words(int(val))

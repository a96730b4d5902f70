"""Vietnamese text toolkit: numbers in words, money, dates, names, legacy encodings and sorting.

These functions are the API; importing the package changes nothing outside it (num2words' own
Vietnamese converter stays as it is: see `HosoNum2WordVI` for a corrected one).
"""

from __future__ import annotations

from pipeline.vietnamese.dates import (
    BLANK_GAP,
    DateParseError,
    TimeParseError,
    blank_date,
    format_date,
    format_month_year,
    format_short_date,
    format_time,
    parse_date,
    parse_time,
    place_and_date,
    shown_in_excel,
)
from pipeline.vietnamese.legacy import decode_legacy, encode_legacy
from pipeline.vietnamese.numbers import (
    HosoNum2WordVI,
    count_with_words,
    format_decimal,
    format_money,
    format_percent,
    format_percent_against,
    format_ranges,
    money_to_words,
    number_to_words,
    words_to_number,
)
from pipeline.vietnamese.sorting import given_name_key, sort_key
from pipeline.vietnamese.text import (
    capitalise_name,
    modern_tones,
    nfc,
    normalize_name,
    old_tones,
    slug,
    strip_diacritics,
    tone_key,
)
from pipeline.vietnamese.typography import NBSP, keep_phrases, keep_whole

__all__ = [
    "BLANK_GAP",
    "NBSP",
    "DateParseError",
    "HosoNum2WordVI",
    "TimeParseError",
    "blank_date",
    "capitalise_name",
    "count_with_words",
    "decode_legacy",
    "encode_legacy",
    "format_date",
    "format_decimal",
    "format_money",
    "format_month_year",
    "format_percent",
    "format_percent_against",
    "format_ranges",
    "format_short_date",
    "format_time",
    "given_name_key",
    "keep_phrases",
    "keep_whole",
    "modern_tones",
    "money_to_words",
    "nfc",
    "normalize_name",
    "number_to_words",
    "old_tones",
    "parse_date",
    "parse_time",
    "place_and_date",
    "shown_in_excel",
    "slug",
    "sort_key",
    "strip_diacritics",
    "tone_key",
    "words_to_number",
]

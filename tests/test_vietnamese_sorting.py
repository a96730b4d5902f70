"""Vietnamese alphabetical order and sorting people by given name."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.vietnamese import given_name_key, sort_key
from pipeline.vietnamese.sorting import ALPHABET


def test_names_in_vietnamese_order() -> None:
    names = ["Hưng", "Hải", "Đức", "Dũng", "An", "Ánh", "Ân", "Ăn"]
    assert sorted(names) != ["An", "Ánh", "Ăn", "Ân", "Dũng", "Đức", "Hải", "Hưng"]  # Python's
    assert sorted(names, key=sort_key) == ["An", "Ánh", "Ăn", "Ân", "Dũng", "Đức", "Hải", "Hưng"]


def test_tones_are_a_secondary_difference() -> None:
    words = ["bac", "bạ", "bá", "bã", "bả", "bà", "ba"]
    assert sorted(words, key=sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ", "bac"]


def test_alphabet_order() -> None:
    letters = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
    shuffled = sorted(letters, key=lambda c: (ord(c) * 7919) % 101)
    assert sorted(shuffled, key=sort_key) == letters
    assert [c for c in ALPHABET if c not in "fjwz"] == letters


def test_case_insensitive_primary() -> None:
    assert sorted(["bình", "An", "ánh", "Bảo"], key=sort_key) == ["An", "ánh", "Bảo", "bình"]
    assert sorted(["Ba", "ba"], key=sort_key) == ["ba", "Ba"]  # then lower before upper


def test_word_boundaries_and_prefixes() -> None:
    names = ["Lê Anh", "Lê An", "Lê", "Lê Ánh", "Lệ", "Lê Văn"]
    assert sorted(names, key=sort_key) == ["Lê", "Lê An", "Lê Anh", "Lê Ánh", "Lê Văn", "Lệ"]


def test_tone_placement_and_normalisation_do_not_change_order() -> None:
    # Equal up to the last element (the original text, a final tie-breaker).
    assert sort_key("Hoà")[:3] == sort_key("Hòa")[:3]
    assert sort_key(unicodedata.normalize("NFD", "Nguyễn  Văn"))[:3] == sort_key("Nguyễn Văn")[:3]


def test_given_name_order() -> None:
    people = ["Lê Thị Bình", "Trần Văn An", "Nguyễn Văn An", "Phạm Thị Ánh", "Đỗ Hưng", "Vũ Hải"]
    assert sorted(people, key=given_name_key) == [
        "Nguyễn Văn An",
        "Trần Văn An",
        "Phạm Thị Ánh",
        "Lê Thị Bình",
        "Vũ Hải",
        "Đỗ Hưng",
    ]
    assert sorted(["", "An"], key=given_name_key) == ["", "An"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aăâbdđeêhiouưng ÀÁẢÃẠàáảãạ", max_size=8), max_size=10))
def test_sorting_is_a_total_order(words: list[str]) -> None:
    once = sorted(words, key=sort_key)
    assert sorted(once, key=sort_key) == once
    assert sorted(reversed(words), key=sort_key) == once

"""Vietnamese alphabetical order: word by word, letters a ă â b c d đ …, then tones, then case."""

from __future__ import annotations

from pipeline.vietnamese._syllables import split_tone
from pipeline.vietnamese.text import modern_tones, nfc

# Vietnamese letters in order, with the letters of loanwords (f, j, w, z) where Latin puts them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {c: k for k, c in enumerate("0123456789" + ALPHABET, start=1)}
_OTHER = 1000

WordKey = tuple[tuple[int, ...], tuple[int, ...]]
SortKey = tuple[tuple[WordKey, ...], tuple[int, ...], str, str]


def sort_key(s: str) -> SortKey:
    """Key for sorting Vietnamese text as dictionaries do, word (syllable) by word: the letters in
    Vietnamese order (case-insensitive), then the word's tone (none < huyền < hỏi < ngã < sắc <
    nặng); so "Lê An" < "Lê Anh" < "Lệ". Then lower case before upper case.

    >>> sorted(["Hưng", "Hải", "Đức", "Dũng"], key=sort_key)
    ['Dũng', 'Đức', 'Hải', 'Hưng']
    """
    text = " ".join(modern_tones(nfc(s)).split())
    words: list[WordKey] = []
    cases: list[int] = []
    for word in text.split(" "):
        letters, tones = [], []
        for ch in word:
            parts = split_tone(ch)
            base, tone = (parts[0], parts[1]) if parts else (ch, 0)
            low = base.lower()
            letters.append(_RANK.get(low, _OTHER + ord(low[0])))
            tones.append(tone)
            cases.append(int(base != low))
        words.append((tuple(letters), tuple(tones)))
    return tuple(words), tuple(cases), text, s


def given_name_key(full_name: str) -> tuple[SortKey, SortKey]:
    """Key for sorting people by given name (the last word), then by the rest of the name.

    >>> sorted(["Lê Thị Bình", "Trần Văn An"], key=given_name_key)
    ['Trần Văn An', 'Lê Thị Bình']
    """
    words = nfc(full_name).split()
    given = words[-1] if words else ""
    return sort_key(given), sort_key(" ".join(words[:-1]))

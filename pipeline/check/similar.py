"""Near-identical texts among many: achievements copied from one report to another; and a name
that looks like one hoso expects (a sheet renamed or copied by the clerk).

Texts are compared by their word trigrams (Jaccard similarity). Candidates come from a bottom-k
sketch of each text's trigrams, so the work grows with the number of texts, not with its square,
and nothing is skipped however many texts are alike: 50 copies and 5,000 copies are both found.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from pipeline.vietnamese import strip_diacritics

SIMILARITY = 0.8  # Jaccard similarity of word trigrams from which two texts count as copies
MIN_CHARS = 80  # shorter texts (a line or two) say too little to compare
SKETCH = 6  # the smallest trigram hashes kept per text: texts alike share some of them
LEADERS = 8  # texts of other groups a text is compared with in one bucket (bounds the work)
NAME_RATIO = 0.75  # letters alike from which a typed name is taken for one hoso expects


def _shingles(text: str) -> frozenset[int]:
    # Texts in the model are already NFC with modern tone placement: lower case is enough.
    words = text.lower().split()
    grams = zip(words, words[1:], words[2:], strict=False)
    return frozenset(zlib.crc32(" ".join(g).encode("utf-8")) for g in grams)


def _alike(a: frozenset[int], b: frozenset[int], threshold: float) -> bool:
    """Jaccard similarity of a and b reaches the threshold (sizes first: it is bounded by them)."""
    small, large = sorted((len(a), len(b)))
    if not large or small < threshold * large:
        return False
    common = len(a & b)
    return common >= threshold * (small + large - common)


class _Groups:
    """Union-find over text indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def similar_groups(texts: Sequence[str], threshold: float = SIMILARITY) -> list[list[int]]:
    """Groups (ascending indices, two or more each) of texts that are near copies of each other.

    >>> base = "Triển khai chuyển đổi số toàn diện tại đơn vị, số hóa hồ sơ và ký số mọi văn bản đi."
    >>> similar_groups([base, "Một nội dung khác hẳn " * 5, base + " Tốt.", base])
    [[0, 2, 3]]
    """
    sets = [_shingles(t) if len(t) >= MIN_CHARS else frozenset() for t in texts]
    groups = _Groups(len(texts))
    first: dict[frozenset[int], int] = {}
    buckets: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        if not s:
            continue
        if s in first:  # the same words: a copy, found without comparing
            groups.join(i, first[s])
            continue
        first[s] = i
        for h in sorted(s)[:SKETCH]:
            buckets[h].append(i)
    for members in buckets.values():
        leaders: list[int] = []  # texts of groups already met in this bucket, latest last
        for i in members:
            match = next((j for j in leaders if _alike(sets[i], sets[j], threshold)), None)
            if match is None:
                leaders = [*leaders[-(LEADERS - 1) :], i]
            else:
                groups.join(i, match)
    found: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        found[groups.find(i)].append(i)
    return [g for g in found.values() if len(g) > 1]


def _letters(name: str) -> str:
    return re.sub(r"[\W_]+", "", strip_diacritics(name).lower())


def name_likeness(typed: str, expected: str) -> float:
    """How much a typed name looks like an expected one, 0 to 1: the same letters whatever the
    accents, case and spaces (1), one inside the other (“Cá nhân (2)”, “DS Cá nhân”: 0.9), else
    the share of letters in common when it reaches NAME_RATIO (“Tap the”), otherwise 0.

    >>> name_likeness("Ca nhan", "Cá nhân"), name_likeness("DS Cá nhân", "Cá nhân")
    (1.0, 0.9)
    >>> name_likeness("Ghi chép", "Cá nhân")
    0.0
    """
    a, b = _letters(typed), _letters(expected)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if min(len(a), len(b)) >= 4 and (a in b or b in a):
        return 0.9
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= NAME_RATIO else 0.0


def likeliest(typed: str, expected: Iterable[str]) -> str | None:
    """The expected name a typed one looks most like, or None when it looks like none."""
    score, name = max(((name_likeness(typed, e), e) for e in expected), default=(0.0, None))
    return name if score else None

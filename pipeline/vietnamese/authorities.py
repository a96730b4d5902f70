"""Names of Vietnamese authorities compared as a reader compares them: "Chủ tịch UBND tỉnh Bình
Phước" is "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước"; and the level of government a name belongs
to (province, district, commune)."""

from __future__ import annotations

import re

from pipeline.vietnamese.text import tone_key

# Abbreviations of official documents (NĐ 30 allows them in headers; clerks use them anywhere).
_ABBREVIATIONS = (
    (r"\bubnd\b", "ủy ban nhân dân"),
    (r"\bhđnd\b", "hội đồng nhân dân"),
    (r"\bmttq\b", "mặt trận tổ quốc"),
    (r"\bhđtđkt\b", "hội đồng thi đua - khen thưởng"),
    (r"\btđkt\b", "thi đua - khen thưởng"),
    (r"\btp\.\s*", "thành phố "),
    (r"\btx\.\s*", "thị xã "),
    (r"\btt\.\s*", "thị trấn "),
)
# Acronyms clerks type in names and posts that NĐ 30 writes in full in a document's text (an
# abbreviation is only used after its full form in brackets). Upper case only, as typed: "Ct" or
# "tp" are words of something else. Posts' own acronyms are read in a post only ("GĐ").
_SPELT_OUT = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "HĐTĐKT": "Hội đồng Thi đua - Khen thưởng",
    "THCS": "Trung học cơ sở",
    "THPT": "Trung học phổ thông",
    "BCH": "Ban Chấp hành",
    "CĐCS": "Công đoàn cơ sở",
}
_POSTS = {
    "PCT": "Phó Chủ tịch",
    "PGĐ": "Phó Giám đốc",
    "GĐ": "Giám đốc",
    "PTP": "Phó Trưởng phòng",
}
_ACRONYM = re.compile(r"(?<![\w-])([A-ZĐ]{2,6})(?![\w-])")
_FORMS_OF_ADDRESS = re.compile(r"^(đồng chí|đ/c|ông|bà)\s+")
# Level words, most specific last: "thành phố" under a province is a district-level unit.
LEVELS = {"tỉnh": 3, "huyện": 2, "quận": 2, "thị xã": 2, "thành phố": 2, "xã": 1, "phường": 1,
          "thị trấn": 1}  # fmt: skip
_LEVEL = re.compile(r"\b(" + "|".join(sorted(LEVELS, key=len, reverse=True)) + r")\b")


def authority_key(name: str) -> str:
    """A name of an authority in one canonical form: abbreviations spelt out, no "Đồng chí".

    >>> authority_key("Đồng chí Chủ tịch UBND tỉnh Bình Phước")
    'chủ tịch ủy ban nhân dân tỉnh bình phước'
    """
    key = tone_key(name)
    for pattern, full in _ABBREVIATIONS:
        key = re.sub(pattern, full, key)
    return _FORMS_OF_ADDRESS.sub("", " ".join(key.split()))


def spell_out(text: str, *, post: bool = False) -> tuple[str, tuple[str, ...]]:
    """The text with the acronyms of units (and of posts, for a post) written in full, and the
    acronyms it had.

    >>> spell_out("UBND xã Phú Nghĩa"), spell_out("PCT UBND xã", post=True)[0]
    (('Ủy ban nhân dân xã Phú Nghĩa', ('UBND',)), 'Phó Chủ tịch Ủy ban nhân dân xã')
    """
    table = {**_SPELT_OUT, **_POSTS} if post else _SPELT_OUT
    found: list[str] = []

    def full(match: re.Match[str]) -> str:
        word = match.group(1)
        if word not in table:
            return word
        found.append(word)
        return table[word]

    return _ACRONYM.sub(full, text), tuple(dict.fromkeys(found))


def same_authority(a: str, b: str) -> bool:
    """True when one name contains the other once both are spelt out ("Chủ tịch UBND tỉnh X" and
    "Đồng chí Chủ tịch Ủy ban nhân dân tỉnh X").

    >>> same_authority("Chủ tịch UBND huyện Bù Gia Mập", "Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập")
    True
    """
    ka, kb = authority_key(a), authority_key(b)
    return bool(ka and kb) and (ka in kb or kb in ka)


def level_of(name: str) -> int | None:
    """3 for a province, 2 for a district (or a city under a province), 1 for a commune; None
    when the name says no level.

    >>> level_of("Chủ tịch UBND tỉnh Bắc Kạn"), level_of("Phòng Nội vụ huyện"), level_of("Sở Nội vụ")
    (3, 2, None)
    """
    match = _LEVEL.search(authority_key(name))
    return LEVELS[match.group(1)] if match else None


def is_generic(name: str) -> bool:
    """True for an authority named by its kind, not by a place: "Thủ trưởng cơ quan, đơn vị" or
    "Chủ tịch Ủy ban nhân dân xã, phường" (any unit's own head decides).

    >>> is_generic("Thủ trưởng cơ quan, đơn vị, doanh nghiệp"), is_generic("Chủ tịch UBND tỉnh Lào Cai")
    (True, False)
    """
    return "," in name or ";" in name or level_of(name) is None


# Kinds of bodies named by their place alone: without it the header would name no one. A name
# typed in mixed case says it too: no capital after its first word ("Thư viện", "Bảo tàng"),
# where a body with a field of its own has one ("Phòng Kinh tế", "Trạm Y tế").
_KEEP_PLACE = frozenset(
    authority_key(kind)
    for kind in ("Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc Việt Nam",
                 "Mặt trận Tổ quốc Việt Nam", "Đảng ủy", "Công an", "Ban Chỉ huy Quân sự",
                 "Thư viện", "Bảo tàng", "Bệnh viện", "Văn phòng")
)  # fmt: skip


def _bare(name: str) -> bool:
    """True for a name that is a kind of body, not one body ("Ủy ban nhân dân", "Thư viện")."""
    if authority_key(name) in _KEEP_PLACE:
        return True
    return not name.isupper() and not any(c.isupper() for c in name[1:])


def _place(name: str) -> str:
    """The place a name ends with (level word and place name, canonical form), or ""."""
    key = authority_key(name)
    matches = list(_LEVEL.finditer(key))
    if not matches or not key[matches[-1].end() :].strip():
        return ""
    return key[matches[-1].start() :]


def header_name(body: str, parent: str) -> str:
    """The issuing body as a header prints it under its parent body: without the place the parent
    already names (NĐ 30: "UBND TỈNH A / SỞ TƯ PHÁP"). A body of another place, one with no parent
    line, or one that would be left a bare kind ("Ủy ban nhân dân") keeps its full name.

    >>> header_name("Phòng Văn hóa và Thông tin huyện Bù Gia Mập", "UBND huyện Bù Gia Mập")
    'Phòng Văn hóa và Thông tin'
    >>> header_name("Ủy ban nhân dân xã Phú Nghĩa", "Ủy ban nhân dân huyện Bù Gia Mập")
    'Ủy ban nhân dân xã Phú Nghĩa'
    >>> header_name("Ủy ban nhân dân huyện Bù Gia Mập", "Huyện ủy huyện Bù Gia Mập")
    'Ủy ban nhân dân huyện Bù Gia Mập'
    >>> header_name("Thư viện tỉnh Bình Phước", "Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Phước")
    'Thư viện tỉnh Bình Phước'
    >>> header_name("Phòng Văn hóa và Thông tin huyện Bù Gia Mập", "")
    'Phòng Văn hóa và Thông tin huyện Bù Gia Mập'
    """
    place = _place(parent) if parent.strip() else ""
    words = body.split()
    if not place:
        return body
    for k in range(1, len(words)):
        if authority_key(" ".join(words[-k:])) != place:
            continue
        rest = " ".join(words[:-k]).rstrip(" ,-–")
        if rest and not _bare(rest):
            return rest
        break
    return body


def without_place(name: str) -> str:
    """A body's name without the place it ends with, as a signature's "TM." line gives it: the
    header above already names the body in full (NĐ 30: "TM. ỦY BAN NHÂN DÂN").

    >>> without_place("Ủy ban nhân dân xã Phú Nghĩa")
    'Ủy ban nhân dân'
    >>> without_place("Ủy ban nhân dân thành phố Buôn Ma Thuột")
    'Ủy ban nhân dân'
    >>> without_place("Ban Chấp hành Công đoàn cơ sở Trường Tiểu học Kim Đồng")
    'Ban Chấp hành Công đoàn cơ sở Trường Tiểu học Kim Đồng'
    >>> without_place("Ủy ban nhân dân")
    'Ủy ban nhân dân'
    """
    place = _place(name)
    words = name.split()
    for k in range(1, len(words)):
        if place and authority_key(" ".join(words[-k:])) == place:
            return " ".join(words[:-k]).rstrip(" ,-–") or name
    return name

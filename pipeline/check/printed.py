"""Words the documents already print around a value, typed into its cell as well: "Kính gửi: …",
"Bù Gia Mập, ngày 20 tháng 11 năm 2023", a first line "Nơi nhận:", "TTr-UBND". Printed twice
they make a document a reviewer sends back ("Kính gửi: Kính gửi: …"), so they are dropped and
said at the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.check.excel_values import short
from pipeline.vietnamese.text import normalize_name, strip_diacritics


@dataclass(frozen=True)
class Printed:
    """What the documents print around one field, as a pattern of the typed text without
    diacritics (a clerk may type "Kinh gui:"), and where they print it, in words."""

    pattern: re.Pattern[str]
    where: str


_DATE_TAIL = re.compile(
    r"\s*,?\s*(?:ngay\b.*|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}.*|,)\s*$", re.IGNORECASE
)
_PLACE = Printed(_DATE_TAIL, "văn bản in sẵn “, ngày … tháng … năm …” sau địa danh")
# By the contract's field key (the same key in every sheet means the same printed words).
_PRINTED: dict[str, Printed] = {
    "recipient": Printed(
        re.compile(r"^\s*kinh\s*gui\s*[:.]?\s*", re.IGNORECASE),
        "Tờ trình in sẵn “Kính gửi:” trước ô này",
    ),
    "place": _PLACE,
    "report_place": _PLACE,
    "distribution": Printed(
        re.compile(r"^\s*noi\s*nhan\s*[:.]?\s*(?:\n|$)", re.IGNORECASE),
        "Tờ trình in sẵn “Nơi nhận:” trên danh sách này",
    ),
    "unit_code": Printed(
        re.compile(r"^\s*(?:so\s*:?\s*)?/?\s*ttr\s*-\s*", re.IGNORECASE),
        "số, ký hiệu của Tờ trình in sẵn “/TTr-” trước ký hiệu cơ quan",
    ),
}


def strip_printed(key: str, text: str) -> tuple[str, str, str]:
    """The text without the words its documents print around it, the words dropped (as typed)
    and where the documents print them; ("", "") for the last two when nothing was dropped.

    >>> strip_printed("recipient", "Kính gửi: Chủ tịch UBND tỉnh Bình Phước")[:2]
    ('Chủ tịch UBND tỉnh Bình Phước', 'Kính gửi:')
    >>> strip_printed("place", "Bù Gia Mập, ngày 20 tháng 11 năm 2023")[:2]
    ('Bù Gia Mập', ', ngày 20 tháng 11 năm 2023')
    >>> strip_printed("place", "Bù Gia Mập")
    ('Bù Gia Mập', '', '')
    """
    printed = _PRINTED.get(key)
    # Without diacritics the text keeps its length (NFC letters map one to one), so a match
    # on it cuts the typed text at the same places.
    plain = strip_diacritics(text)
    match = printed.pattern.search(plain) if printed and len(plain) == len(text) else None
    if printed is None or match is None or match.start() == match.end():
        return text, "", ""
    kept = (text[: match.start()] + text[match.end() :]).strip()
    if not kept:  # the cell holds only those words: nothing to print, said as missing
        return text, "", ""
    return kept, text[match.start() : match.end()].strip(), printed.where


# The words of an administrative level, typed before a place's name ("huyện Bù Gia Mập").
_UNIT_WORD = re.compile(
    r"^(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s+(?=\w)", re.IGNORECASE
)
# A level word inside a place, after its start ("xã Phú Nghĩa, Huyện Bù Gia Mập").
_INNER_LEVEL = re.compile(
    r"(?<=[\s,])(?:thành phố|thị xã|thị trấn|xã|phường|huyện|quận|tỉnh)(?=\s)", re.IGNORECASE
)
_DATED = ("place", "report_place")
_NDUOC = "theo Nghị định 30/2020/NĐ-CP địa danh là tên riêng của nơi cơ quan đóng trụ sở"


def place_cased(place: str) -> str:
    """A place typed all in one case written as a place is: each syllable capitalised, a level
    word inside it in lower case ("xã phú nghĩa, huyện bù gia mập" → "Xã Phú Nghĩa, huyện Bù Gia
    Mập"); a place typed with capitals of its own is kept.

    >>> place_cased("bù gia mập"), place_cased("THÀNH PHỐ HỒ CHÍ MINH"), place_cased("Quận 1")
    ('Bù Gia Mập', 'Thành phố Hồ Chí Minh', 'Quận 1')
    """
    if place not in (place.lower(), place.upper()):
        return place
    cased = _INNER_LEVEL.sub(lambda m: m.group().lower(), normalize_name(place))
    if match := _UNIT_WORD.match(cased):
        cased = match.group(1).capitalize() + cased[match.end(1) :]
    return cased


def unit_word_of_place(key: str, text: str) -> tuple[str, str]:
    """The administrative level that starts a place printed before a date, as typed, and the
    place as NĐ 30 writes it: its own name, or in full with the level capitalised where the
    level is part of the name (a number or a person); ("", "") when it is already so.

    >>> unit_word_of_place("place", "huyện Bù Gia Mập"), unit_word_of_place("place", "Xã Phú Nghĩa")
    (('huyện', 'Bù Gia Mập'), ('Xã', 'Phú Nghĩa'))
    >>> unit_word_of_place("place", "Quận 1"), unit_word_of_place("place", "thành phố hồ chí minh")
    (('', ''), ('thành phố', 'Thành phố Hồ Chí Minh'))
    """
    match = _UNIT_WORD.match(text) if key in _DATED else None
    if match is None:
        return "", ""
    word, name = match.group(1), place_cased(text[match.end() :])
    if name[:1].isdigit() or name.startswith("Hồ Chí Minh"):  # "Quận 1": the level is its name
        if text == text.upper():  # "QUẬN 1": only its case is wrong, said as such
            return "", ""
        level = word.capitalize() if text == text.lower() else word
        full = f"{level[:1].upper()}{level[1:]} {name}"
        return (word, full) if full != text else ("", "")
    return word, name


def place_level_said(key: str, header: str, text: str, printed: str = "") -> str:
    """What to say of a place printed before a date (field `key`, called `header`) that starts
    with its administrative level ("huyện Bù Gia Mập", "Huyện Bù Gia Mập"), typed all in one
    case too or not, and what hoso printed instead (`printed`, when not as typed); "" when none."""
    word, fixed = unit_word_of_place(key, text)
    if not word:
        return ""
    done = f"; hoso đã in: “{short(printed)}”." if printed and printed != text else "."
    if text in (text.lower(), text.upper()) and fixed.lower() != text.lower():  # its case too
        case = "thường" if text == text.lower() else "in hoa"
        return (
            f"“{header}” “{short(text)}” gõ toàn chữ {case} và bắt đầu bằng cấp hành chính "
            f"“{word}”, mà văn bản in địa danh trước ngày tháng (“…, ngày … tháng … năm …”); "
            f"{_NDUOC}, viết hoa chữ cái đầu mỗi âm tiết, không kèm cấp hành chính (trừ nơi đặt "
            f"tên theo số hoặc tên người: “Quận 1”, “Thành phố Hồ Chí Minh”), ví dụ “{fixed}”{done}"
        )
    if word[:1].islower():  # the line would open in lower case
        return (
            f"“{header}” “{short(text)}” bắt đầu bằng “{word}” viết thường, mà văn bản in địa "
            f"danh ở đầu dòng (“…, ngày … tháng … năm …”); {_NDUOC}, ví dụ “{fixed}”{done}"
        )
    return (
        f"“{header}” “{short(text)}” bắt đầu bằng cấp hành chính “{word}”, mà văn bản in địa "
        f"danh trước ngày tháng (“…, ngày … tháng … năm …”); {_NDUOC}, không kèm cấp hành "
        "chính (trừ nơi đặt tên theo số hoặc tên người: “Quận 1”, “Thành phố Hồ Chí Minh”), "
        f"ví dụ “{fixed}”{done}"
    )

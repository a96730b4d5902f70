"""Words the documents already print around a value, typed into its cell as well: "Kính gửi: …",
"Bù Gia Mập, ngày 20 tháng 11 năm 2023", a first line "Nơi nhận:", "TTr-UBND". Printed twice
they make a document a reviewer sends back ("Kính gửi: Kính gửi: …"), so they are dropped and
said at the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.vietnamese.text import strip_diacritics


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


# The words of an administrative unit, typed before a place's name ("huyện Bù Gia Mập").
_UNIT_WORD = re.compile(r"^(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s+(?=\w)")


def unit_word_of_place(key: str, text: str) -> str:
    """The unit word in lower case that starts a place printed before a date, which opens a line
    in lower case ("huyện Bù Gia Mập, ngày …"); "" when there is none.

    >>> unit_word_of_place("place", "huyện Bù Gia Mập"), unit_word_of_place("place", "Quận 1")
    ('huyện', '')
    """
    match = _UNIT_WORD.match(text) if key in ("place", "report_place") else None
    return match.group(1) if match else ""

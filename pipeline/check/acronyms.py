"""Acronyms in a unit's name or a post written in full: spell_out's, and those clerks join or
shorten beyond its table ("VP HĐND-UBND huyện" is "Văn phòng HĐND và UBND huyện"); in the place
a document is dated at ("TP. Đồng Xoài, ngày …"), the place's own name as NĐ 30 writes it."""

from __future__ import annotations

import re

from pipeline.check.excel_values import short
from pipeline.check.printed import place_cased, place_level_said
from pipeline.check.reports import place_in
from pipeline.inputs.contract import COLLECTIVES, INDIVIDUALS, INFO
from pipeline.vietnamese.authorities import spell_out
from pipeline.vietnamese.hygiene import case_of

# "VP HĐND-UBND huyện" is "Văn phòng HĐND và UBND huyện" (spell_out leaves hyphenated acronyms
# alone, as in "QĐ-UBND", and has no "VP").
_JOINED = re.compile(r"(?<![\w-])HĐND\s*-\s*UBND(?![\w-])")
_OFFICE = re.compile(r"(?<![\w-])VP(?![\w-])")
# A place's level shortened before its name ("h. Na Rì", "TP. Bắc Kạn"), read in places only: a
# report prints Quê quán, Nơi ở and Địa chỉ in its text, where NĐ 30 writes them in full.
_LEVELS = {"h": "huyện", "x": "xã", "p": "phường", "q": "quận", "tp": "thành phố", "tx": "thị xã",
           "tt": "thị trấn"}  # fmt: skip
_PLACES = ("hometown", "residence", "address")
_LEVEL = re.compile(r"(?<![\w.])(tp|tx|tt|h|x|p|q)\.\s*(?=[^\W\d_])", re.IGNORECASE)


def spell_all(text: str, *, post: bool, field: str = "") -> tuple[str, tuple[str, ...]]:
    """spell_out, after the joined "HĐND-UBND" and the "VP" of a Văn phòng clerks type, and in a
    place field (Quê quán, Nơi ở, Địa chỉ) its levels ("h. Na Rì" → "huyện Na Rì")."""
    if field in _PLACES:
        levels = tuple(dict.fromkeys(m.group(1) + "." for m in _LEVEL.finditer(text)))
        text = _LEVEL.sub(lambda m: _LEVELS[m.group(1).lower()] + " ", text)
        full, acronyms = spell_all(text, post=post)
        return full, levels + acronyms
    hits = ((m.start(), m.group()) for rx in (_OFFICE, _JOINED) for m in rx.finditer(text))
    found = tuple(dict.fromkeys(re.sub(r"\s", "", typed) for _, typed in sorted(hits)))
    text = _OFFICE.sub("Văn phòng", _JOINED.sub("HĐND và UBND", text))
    full, acronyms = spell_out(text, post=post)
    if "HĐND-UBND" in found:  # the pair is said as typed, not again as its two parts
        acronyms = tuple(a for a in acronyms if a not in ("HĐND", "UBND"))
    return full, tuple(dict.fromkeys(found + acronyms))


# The place printed before a document's date ("Bù Gia Mập, ngày …"): NĐ 30 writes the unit's own
# name without its level, except a unit named by a number or a person ("Quận 1", "Thành phố Hồ Chí
# Minh"); "TP.HCM" is that city.
DATED_PLACES = {(INFO, "place"), (INDIVIDUALS, "report_place"), (COLLECTIVES, "report_place")}
_HCM = re.compile(r"(?<![\w.])(?:tp\.?\s*)?hcm(?!\w)", re.IGNORECASE)
# "Q.1" too, and "TP Đồng Xoài" without its dot (no Vietnamese word is "tp", "tx" or "tt").
_PLACE_LEVEL = re.compile(
    r"(?<![\w.])(tp|tx|tt|h|x|p|q)(?:\.\s*(?=\w)|(?<=t[pxt])\s+(?=[^\W\d_]))", re.IGNORECASE
)
_LEADING_LEVEL = re.compile(
    r"^(thành phố|thị xã|thị trấn|xã|phường|huyện|quận|tỉnh)\s+(?=\S)", re.IGNORECASE
)


def spell_place(text: str) -> tuple[str, tuple[str, ...]]:
    """A place typed before a date with its shortenings, as NĐ 30 prints it, and the shortenings.

    >>> spell_place("TP. Đồng Xoài"), spell_place("Q.1")[0], spell_place("TP.HCM")[0]
    (('Đồng Xoài', ('TP.',)), 'Quận 1', 'Thành phố Hồ Chí Minh')
    >>> spell_place("UBND xã Phú Nghĩa"), spell_place("Bù Gia Mập")
    (('Phú Nghĩa', ('UBND',)), ('Bù Gia Mập', ()))
    """
    hcm = tuple(re.sub(r"\s", "", m.group()) for m in _HCM.finditer(text))
    text = _HCM.sub("thành phố Hồ Chí Minh", text)
    levels = tuple(m.group().strip() for m in _PLACE_LEVEL.finditer(text))
    text = _PLACE_LEVEL.sub(lambda m: _LEVELS[m.group(1).lower()] + " ", text)
    full, acronyms = spell_all(text, post=False)
    found = tuple(dict.fromkeys(hcm + levels + acronyms))
    if not found:
        return full, ()
    if (own := place_in(full)) and not own[:1].isdigit() and own != "Hồ Chí Minh":
        return own, found  # an office's name typed ("UBND xã Phú Nghĩa"): its place
    if match := _LEADING_LEVEL.match(full):
        name = full[match.end() :]
        kept = name[:1].isdigit() or name.startswith("Hồ Chí Minh")
        full = f"{match.group(1).capitalize()} {name}" if kept else name
    return full, found


_NĐ30_PLACE = (
    "theo Nghị định 30/2020/NĐ-CP địa danh ghi trước ngày tháng là tên riêng của nơi cơ quan "
    "đóng trụ sở, viết đủ, không kèm cấp hành chính (“Bù Gia Mập, ngày …”), trừ nơi đặt tên theo "
    "số hoặc tên người (“Quận 1”, “Thành phố Hồ Chí Minh”)"
)


def dated_place(header: str, text: str, *, written_out: bool = True) -> tuple[str, str, str]:
    """A place typed before a date (a workbook's "Địa danh", dot-xet.toml's place) as hoso
    prints it, the one thing to say of its shortenings, level or case ("" when none) and that
    finding's code; `written_out`: hoso prints it as NĐ 30 writes it (a workbook), else as typed."""
    full, shortenings = spell_place(text)
    if shortenings:
        full = place_cased(full)
        typed = ", ".join(f"“{a}”" for a in shortenings)
        if not written_out:  # dot-xet.toml: the office's documents print what it says
            said = f"có chữ viết tắt {typed}, mà văn bản in đúng như đã ghi; {_NĐ30_PLACE}"
            return text, f"“{header}” “{short(text)}” {said}: hãy ghi “{short(full)}”.", "acronym"
        said = f"có chữ viết tắt {typed}; {_NĐ30_PLACE}; hoso đã in: “{short(full)}”."
        return full, f"“{header}” {said} Hãy sửa trong ô.", "acronym"
    mended = text[:1].upper() + text[1:] if written_out and case_of(text) == "lower" else text
    return mended, place_level_said("place", header, text, mended), "place-unit-word"


def acronyms_said(field: tuple[str, str], header: str, text: str, post: bool) -> tuple[str, str]:
    """The text of a field (sheet, key) with its acronyms written out, and what to say at its
    cell ("" when none)."""
    full, acronyms = spell_all(text, post=post, field=field[1])
    if not acronyms:
        return text, ""
    typed = ", ".join(f"“{a}”" for a in acronyms)
    return full, (
        f"“{header}” có chữ viết tắt {typed}, mà văn bản ghi đầy đủ; hoso đã viết ra: "
        f"“{short(full)}”. Hãy sửa trong ô."
    )

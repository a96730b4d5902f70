"""A person's name as clerks type it: a title, a row number or marks around it dropped, each word
capitalised, a phone or ID card number in it an error; every change said at the cell."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.check.excel_values import short
from pipeline.check.workbook import RawCell
from pipeline.inputs.contract import FieldSpec
from pipeline.vietnamese import capitalise_name, normalize_name
from pipeline.vietnamese.hygiene import SURNAMES, odd_in_name, strip_title, unprintable

if TYPE_CHECKING:
    from pipeline.check.cells import CellReader

# What a name never starts or ends with: a sentence's full stop, a list's comma, quotation marks.
_AROUND_NAME = ' .,;:“”"«»'
# A row number typed before a name ("2. Huỳnh Thị Linh"), and a phone or ID card number with it
# (eight digits or more, spaced or dotted as people write them): no part of anyone's name.
_NUMBERED = re.compile(r"(\d{1,3})\s*[.)/-]\s*(?=\D)")
_ID_NUMBER = re.compile(r"\+?\d(?:[\s.\-]?\d){7,}")
# What stands between two people typed into one cell: a line break, a comma, a semicolon, "và".
_BETWEEN_PEOPLE = re.compile(r"\s*(?:\n|,|;|&|\+|\s(?:và|va)\s)\s*", re.IGNORECASE)


def read_person(rd: CellReader, cell: RawCell, spec: FieldSpec, name: str) -> str:
    """The name as printed, from the cell's one-line text `name` (not empty)."""
    if people := _several(cell.value):
        rd.error(
            cell,
            f"“{spec.header}” ghi {len(people)} người trong một ô "
            f"({', '.join(f'“{short(p)}”' for p in people)}), mà văn bản in cả ô là họ tên của "
            "một người; mỗi người một dòng: hãy tách thành các dòng riêng.",
            "name-several",
        )
        return ""  # no one's name: nothing follows from it (gender, duplicates)
    name, title = strip_title(name)
    if title:
        rd.warning(
            cell,
            f"“{spec.header}”: đã bỏ “{title}” trước họ tên; văn bản ghi họ tên không kèm "
            "danh xưng, học hàm, học vị.",
            "name-title",
        )
    name = _name_ends(rd, cell, spec, _numbered(rd, cell, spec, name))
    if number := _ID_NUMBER.search(name):
        rd.error(
            cell,
            f"“{spec.header}” “{short(name)}” có số “{number[0]}” (số điện thoại hoặc số căn "
            "cước?), không thuộc họ tên, mà họ tên được in ở mọi văn bản; hãy xóa số này "
            "khỏi ô.",
            "name-number",
        )
        return name
    odd = odd_in_name(name)
    if odd and odd not in unprintable(name):  # an emoji is said once, by the reader's _clean
        rd.warning(
            cell,
            f"“{spec.header}” “{short(name)}” có ký tự “{odd}” không thuộc họ tên; "
            "họ tên được in đúng như ô này ở mọi văn bản.",
            "name-characters",
        )
    if len(name.split()) < 2:
        rd.warning(
            cell,
            f"“{spec.header}” chỉ có một chữ (“{short(name)}”); văn bản ghi đủ họ và tên.",
            "name-short",
        )
    return _name_case(rd, cell, spec, name)


def _several(value: object) -> list[str]:
    """The names of a cell that holds several people (on lines of their own, or apart by a
    comma, a semicolon, "và" or "&"), each a name of two words or more starting with a
    surname; [] for one person's name, even wrapped on two lines ("Nguyễn Thị / Hoàng Anh":
    a line break alone parts names of three words or more)."""
    if not isinstance(value, str):
        return []
    parts = [" ".join(p.split()) for p in _BETWEEN_PEOPLE.split(value.strip())]
    parts = [p.strip(_AROUND_NAME) for p in parts if p.strip(_AROUND_NAME)]
    if len(parts) < 2:
        return []
    words = 2 if _BETWEEN_PEOPLE.search(value.replace("\n", " ")) else 3
    looks = all(len(p.split()) >= words and p.split()[0].lower() in SURNAMES for p in parts)
    return parts if looks else []


def _numbered(rd: CellReader, cell: RawCell, spec: FieldSpec, name: str) -> str:
    """The name without a row number typed before it ("2. Huỳnh Thị Linh"), said."""
    match = _NUMBERED.match(name)
    if match is None or not name[match.end() :].strip():
        return name
    bare = name[match.end() :].strip()
    rd.warning(
        cell,
        f"“{spec.header}” bắt đầu bằng số thứ tự “{match[0].strip()}”, không thuộc họ tên; "
        f"hoso đã bỏ: “{short(bare)}”. Hãy xóa trong ô.",
        "name-number",
    )
    return bare


def _name_ends(rd: CellReader, cell: RawCell, spec: FieldSpec, name: str) -> str:
    """The name without the full stop, comma or quotation marks typed around it, said."""
    bare = name.strip(_AROUND_NAME)
    if bare and bare != name:
        ends = name[: name.index(bare)] + name[name.index(bare) + len(bare) :]
        marks = dict.fromkeys(
            "dấu ngoặc kép" if ch in '“”"«»' else f"dấu “{ch}”" for ch in ends if ch != " "
        )
        rd.warning(
            cell,
            f"“{spec.header}” có {', '.join(marks)} ở đầu hoặc cuối, không thuộc họ tên; "
            f"hoso đã bỏ: “{short(bare)}”. Hãy xóa trong ô.",
            "name-characters",
        )
    return bare or name


def _name_case(rd: CellReader, cell: RawCell, spec: FieldSpec, name: str) -> str:
    """The name capitalised word by word when typed in one case, or some of its words
    ("Nguyễn thị Hoa", "HUỲNH Thị Linh"), said at the cell."""
    fixed = normalize_name(name)
    if fixed == name and (fixed := capitalise_name(name)) != name:
        odd = [w for w, f in zip(name.split(" "), fixed.split(" "), strict=True) if w != f]
        case = f"có chữ {', '.join(f'“{w}”' for w in odd)} viết sai chữ hoa, chữ thường"
    elif fixed != name:
        case = "gõ toàn chữ in hoa" if name == name.upper() else "gõ toàn chữ thường"
    if fixed != name:
        rd.warning(
            cell,
            f"“{spec.header}” {case}: “{short(name)}”; họ tên viết hoa chữ đầu mỗi "
            f"tiếng, văn bản sẽ in “{short(fixed)}”. Hãy sửa lại trong tệp cho đúng.",
            "case",
        )
    return fixed

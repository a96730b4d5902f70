"""The signature block of a PDF found from its own text: the signer's title line and name."""

from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass

from pypdf import PdfReader

from pipeline.errors import HosoError
from pipeline.render.metrics import text_width

MM = 72 / 25.4  # points per millimetre
SIGNATURE_WIDTH = 60 * MM  # the signature image and the signer's details under it
RIGHT_COLUMN = 0.45  # the signer sits in the right column: lines starting right of this share
CONFIRMATION_HEIGHT = 25 * MM  # a confirmation with no signer's name beside it: its room


@dataclass(frozen=True)
class Box:
    """A rectangle on a page in PDF points (origin bottom left)."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        """Its width in points."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """Its height in points."""
        return self.top - self.bottom

    def overlaps(self, other: Box) -> bool:
        """Whether the two rectangles share some area."""
        return (
            self.left < other.right
            and other.left < self.right
            and self.bottom < other.top
            and other.bottom < self.top
        )

    def as_tuple(self) -> tuple[int, int, int, int]:
        """(left, bottom, right, top) in whole points, rounded inwards, as pyHanko takes a box."""
        return (
            math.ceil(self.left),
            math.ceil(self.bottom),
            math.floor(self.right),
            math.floor(self.top),
        )


@dataclass(frozen=True)
class TextLine:
    """A printed line of a page: its text, baseline, left edge, size and estimated box."""

    text: str
    x: float
    y: float
    size: float

    @property
    def box(self) -> Box:
        """Where the line's letters are, stacked Vietnamese marks included (bold metrics)."""
        width = text_width(self.text, self.size, bold=True)
        return Box(self.x, self.y - 0.3 * self.size, self.x + width, self.y + self.size)


@dataclass(frozen=True)
class SignatureBlock:
    """Where a document is signed: the page, the title line, the name, and the room between."""

    page: int  # 0-based
    title: TextLine
    name: TextLine

    @property
    def signature(self) -> Box:
        """The signer's signature: centred under the title, between the title line and the name."""
        centre = (self.name.box.left + self.name.box.right) / 2
        bottom, top = self.name.box.top + 2, self.title.box.bottom - 2
        return Box(centre - SIGNATURE_WIDTH / 2, bottom, centre + SIGNATURE_WIDTH / 2, top)

    def seal(self, diameter_mm: float) -> Box:
        """The organisation's seal at its real size, over the left third of the signature."""
        size = diameter_mm * MM
        sig = self.signature
        right = sig.left + sig.width / 3
        middle = (sig.bottom + sig.top) / 2
        return Box(right - size, middle - size / 2, right, middle + size / 2)


def _normal(text: str) -> str:
    """Text compared as a reader does: NFC, single spaces, case ignored."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def page_lines(reader: PdfReader, index: int) -> list[TextLine]:
    """The text lines of a page, top to bottom, each from fragments on one baseline and column."""
    fragments: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            fragments.append((round(y, 1), x, size * scale, text))

    reader.pages[index].extract_text(visitor_text=visit)
    lines: list[TextLine] = []
    for y, x, size, text in sorted(fragments, key=lambda f: (-f[0], f[1])):
        last = lines[-1] if lines else None
        joins = last is not None and abs(last.y - y) < 1 and x - last.box.right < 2 * size
        if last is not None and joins:
            lines[-1] = TextLine(f"{last.text} {text.strip()}", last.x, last.y, last.size)
        else:
            lines.append(TextLine(text.strip(), x, y, size))
    return lines


def find_signature_block(pdf: bytes, signer_name: str | None = None) -> SignatureBlock:
    """The signature block: the line with the signer's name (else the last line of the right
    column of the last page) and the title line above it; HosoError when there is none."""
    reader = PdfReader(io.BytesIO(pdf))
    width = float(reader.pages[-1].mediabox.width)
    for index in reversed(range(len(reader.pages))):
        lines = page_lines(reader, index)
        name = _name_line(lines, width, signer_name)
        if name is None:
            continue
        title = _title_line(lines, name)
        if title is not None and _plausible(SignatureBlock(index, title, name), lines):
            return SignatureBlock(index, title, name)
    who = f"họ tên “{signer_name}” hoặc " if signer_name else ""
    raise HosoError(
        f"Không tìm thấy khối chữ ký trong văn bản ({who}dòng chức vụ và họ tên người ký ở cuối "
        "văn bản). Nếu là danh sách kèm theo Tờ trình, Quyết định (không có khối chữ ký), cơ "
        "quan ký ở lề trên trang đầu: --role dinh-kem. Nếu không, văn bản này không ký bằng "
        "hoso sign được: hoso sign ký vào khối chữ ký theo Nghị định 30/2020/NĐ-CP (dòng chức "
        "vụ, chỗ trống để ký, rồi họ tên người ký ở cột phải), như văn bản hoso tạo; văn bản "
        "khác hãy ký bằng công cụ ký số của cơ quan."
    )


def _plausible(block: SignatureBlock, lines: list[TextLine]) -> bool:
    """Whether a title and name found look like a signature block, not a table's last column
    (a list has none): a name has letters and no digit ("360.000" is an amount), the title is
    another line than the name (a column heading repeated), and the signature would be printed
    over no text."""
    name = block.name.text
    if any(c.isdigit() for c in name) or not any(c.isalpha() for c in name):
        return False
    if _normal(block.title.text) == _normal(name):
        return False
    box = block.signature
    return not any(
        line.box.overlaps(box) for line in lines if line not in (block.title, block.name)
    )


def _name_line(lines: list[TextLine], width: float, signer_name: str | None) -> TextLine | None:
    """The signer's name line: the one with the name given, else the last of the right column
    with room above it for a signature (not a "(Ký, đóng dấu)" right under its heading)."""
    if signer_name:
        wanted = _normal(signer_name)
        named = [line for line in lines if _normal(line.text) == wanted]
        if named:
            return named[-1]
    right = [line for line in lines if line.x >= width * RIGHT_COLUMN and _room_above(lines, line)]
    return right[-1] if right else None


def _room_above(lines: list[TextLine], line: TextLine) -> bool:
    """Whether no line of the same column is printed right above this one (within two lines)."""
    return not any(
        line.y < other.y <= line.y + 2 * line.size
        and other.box.left < line.box.right
        and line.box.left < other.box.right
        for other in lines
    )


def _title_line(lines: list[TextLine], name: TextLine) -> TextLine | None:
    """The title line above the name: the nearest line of the same column with room between."""
    above = [
        line
        for line in lines
        if line.y > name.y + 2 * name.size
        and line.box.left < name.box.right
        and name.box.left < line.box.right
    ]
    if not above:
        return None
    nearest = min(above, key=lambda line: line.y)
    return nearest if nearest.y - name.y < 12 * name.size else None


def find_confirmation_block(pdf: bytes) -> SignatureBlock:
    """The superior's confirmation beside or below the signer (a Báo cáo thành tích's "XÁC NHẬN
    CỦA CẤP TRÌNH KHEN THƯỞNG"): its last line as the title, its room under it."""
    block = _confirmation(pdf, unit_head=False)
    if block is None:
        raise HosoError(
            "Không tìm thấy ô “Xác nhận của …” bên trái khối chữ ký; văn bản này không có chỗ cho "
            "chữ ký xác nhận của cấp trên."
        )
    return block


def find_unit_head_block(pdf: bytes) -> SignatureBlock:
    """The unit head's confirmation left of an individual's own signature (a Báo cáo thành tích's
    "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN"): its last line as the title, its room down to the name level."""
    block = _confirmation(pdf, unit_head=True)
    if block is None:
        raise HosoError(
            "Không tìm thấy ô “Thủ trưởng đơn vị xác nhận” bên trái khối chữ ký; văn bản này không "
            "có chỗ cho chữ ký xác nhận của thủ trưởng đơn vị (chỉ báo cáo thành tích của cá nhân "
            "có ô này). Báo cáo thành tích của tập thể thì thủ trưởng ký ở khối chữ ký bên phải: "
            "--role nguoi-ky, rồi đóng dấu bằng --role co-quan."
        )
    return block


def has_unit_head_box(pdf: bytes) -> bool:
    """Whether the document is an individual's report, with the unit head's confirmation box."""
    return _confirmation(pdf, unit_head=True) is not None


def _confirmation(pdf: bytes, unit_head: bool) -> SignatureBlock | None:
    """The last confirmation box of the kind asked for in the left column of the last page
    having one; its room reaches down to the signer's name when that is beside it."""
    reader = PdfReader(io.BytesIO(pdf))
    width = float(reader.pages[-1].mediabox.width)
    for index in reversed(range(len(reader.pages))):
        lines = page_lines(reader, index)
        groups = [g for g in _confirmation_groups(lines, width) if _by_unit_head(g) == unit_head]
        if not groups:
            continue
        head, title = groups[-1][0], groups[-1][-1]
        # No name is printed under a confirmation: it is signed down to where the signer's is.
        name = _name_line(lines, width, None)
        low = name.y if name is not None and name.y < title.y - 2 * title.size else None
        y = low if low is not None else title.y - CONFIRMATION_HEIGHT
        centre = (head.box.left + head.box.right) / 2
        return SignatureBlock(index, title, TextLine("", centre, y, title.size))
    return None


def _confirmation_groups(lines: list[TextLine], width: float) -> list[list[TextLine]]:
    """The confirmation boxes' headings, top to bottom, each with the lines under it: groups
    starting in the left column with "Xác nhận…" or "Thủ trưởng…" ("XÁC NHẬN CỦA CẤP TRÌNH",
    "KHEN THƯỞNG", "(Ký, đóng dấu)")."""
    groups: list[list[TextLine]] = []
    for line in lines:
        starts = _normal(line.text).startswith(("xác nhận", "thủ trưởng"))
        if line.x < width * RIGHT_COLUMN and starts and not any(line in g for g in groups):
            groups.append(_group(lines, line))
    return [g for g in groups if "xác nhận" in _normal(" ".join(x.text for x in g))]


def _by_unit_head(group: list[TextLine]) -> bool:
    """Whether a confirmation is the unit head's ("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN", "XÁC NHẬN CỦA
    THỦ TRƯỞNG ĐƠN VỊ"), not the superior's ("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG")."""
    return "thủ trưởng" in _normal(" ".join(line.text for line in group))


def _group(lines: list[TextLine], head: TextLine) -> list[TextLine]:
    """The lines of the group a heading starts: lines below it, each close to the one above,
    in the heading's column ("XÁC NHẬN CỦA CẤP TRÌNH", "KHEN THƯỞNG", "(Ký, đóng dấu)")."""
    group = [head]
    for line in sorted(lines, key=lambda x: -x.y):
        last = group[-1]
        below = line.y < last.y and last.y - line.y < 2 * last.size
        if below and line.box.left < head.box.right and head.box.left < line.box.right:
            group.append(line)
    return group


def find_attachment_corner(pdf: bytes, width_mm: float = 75) -> tuple[int, Box]:
    """Where an attachment (the danh sách) shows its organisation's signature: the top right of
    its first page, above the first printed line and ending where that line ends."""
    reader = PdfReader(io.BytesIO(pdf))
    lines = page_lines(reader, 0)
    height = float(reader.pages[0].mediabox.height)
    if not lines:
        raise HosoError("Trang đầu của văn bản không có chữ: không biết đặt chữ ký số ở đâu.")
    # Aligned on the right with the first lines (the national title), above all of them.
    highest = max(line.y for line in lines)
    first = [line for line in lines if line.y > highest - 2 * line.size]
    right = max(line.box.right for line in first)
    bottom = max(line.box.top for line in lines) + 2
    top = min(height - 5 * MM, bottom + 12 * MM)
    if top - bottom < 8 * MM:
        raise HosoError("Trang đầu của văn bản không còn chỗ ở lề trên cho chữ ký số của cơ quan.")
    return 0, Box(right - width_mm * MM, bottom, right, top)

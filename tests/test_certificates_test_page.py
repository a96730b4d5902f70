"""The printed test page of a certificate stock: each field's crosshair inside its box whatever
the box's size, its name in the field's own colour, and its type sizes written beside it."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from pipeline.inputs.certificates import (
    FIELD_LABELS,
    Calibration,
    FieldBox,
    Offset,
    builtin_calibration,
)
from pipeline.pdf.certificates import draw_test_page

PT = 25.4 / 72  # mm per point
DPI = 150


def _low(calibration: Calibration) -> Calibration:
    """A calibration with small boxes, as an office with a crowded stock sets them: a decision
    line 3 mm high, a register number 2,5 mm high and 6 mm wide, the whole page shifted."""
    fields = dict(calibration.fields)
    fields["quyet_dinh"] = replace(fields["quyet_dinh"], x=100.5, y=60.5, width=120, height=3)
    fields["so_so_vang"] = replace(fields["so_so_vang"], width=6, height=2.5)
    return replace(calibration, fields=fields, offset=Offset(1.5, -2))


def _segments(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """The straight lines the page strokes: (x1, y1, x2, y2) in mm from its bottom-left."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    found, start = [], (0.0, 0.0)
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"m":
            start = (float(operands[0]) * PT, float(operands[1]) * PT)
        elif operator == b"l":
            found.append((*start, float(operands[0]) * PT, float(operands[1]) * PT))
    return found


def _length(line: tuple[float, float, float, float]) -> tuple[float, float]:
    """How far a line runs across and up the page, in mm."""
    return abs(line[2] - line[0]), abs(line[3] - line[1])


def _frame(calibration: Calibration, box: FieldBox) -> tuple[float, float, float, float]:
    """A box as printed: left, bottom, right, top in mm from the page's bottom-left."""
    left = box.x + calibration.offset.x
    top = calibration.page.height - box.y - calibration.offset.y
    return left, top - box.height, left + box.width, top


@pytest.mark.parametrize("made", ["giay-khen", "bang-khen", "low"])
def test_every_crosshair_is_drawn_inside_its_box_whatever_its_size(made: str) -> None:
    calibration = _low(builtin_calibration("giay-khen")) if made == "low" else None
    calibration = calibration or builtin_calibration(made)
    # The grid's lines run across the whole page; the rest are the boxes' marks.
    lines = [ln for ln in _segments(draw_test_page(calibration)) if max(_length(ln)) < 100]
    for key, box in calibration.fields.items():
        left, bottom, right, top = _frame(calibration, box)
        cx, cy = (left + right) / 2, (bottom + top) / 2
        cross = [
            ln
            for ln in lines
            if abs((ln[0] + ln[2]) / 2 - cx) < 0.01 and abs((ln[1] + ln[3]) / 2 - cy) < 0.01
        ]
        assert len(cross) == 2, (key, cross)  # one line across, one line up
        across = next(ln for ln in cross if ln[1] == ln[3])
        up = next(ln for ln in cross if ln[0] == ln[2])
        # Inside, clear of the box's edges, and long enough to be seen.
        assert left + 0.2 <= min(across[0], across[2]) and max(across[0], across[2]) <= right - 0.2
        assert bottom + 0.2 <= min(up[1], up[3]) and max(up[1], up[3]) <= top - 0.2, (key, up)
        assert abs(across[2] - across[0]) >= 1 and abs(up[3] - up[1]) >= 1, (key, cross)
        if box.width >= 12 and box.height >= 11:  # a box with room: the usual 8 mm cross
            assert abs(across[2] - across[0]) == pytest.approx(8, abs=0.01)
            assert abs(up[3] - up[1]) == pytest.approx(8, abs=0.01)


def _picture(pdf: bytes, tmp_path: Path) -> Image.Image:
    """The test page as pdftoppm draws it at DPI."""
    (tmp_path / "trang.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "trang.pdf", "trang"],
        cwd=tmp_path,
        check=True,
        timeout=60,
    )
    return Image.open(tmp_path / "trang.png").convert("RGB")


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def _red(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    return r > 120 and r - g > 60 and r - b > 60


def test_a_low_boxs_crosshair_stays_inside_it_on_paper(tmp_path: Path) -> None:
    calibration = _low(builtin_calibration("giay-khen"))
    picture = _picture(draw_test_page(calibration), tmp_path)
    box = calibration.fields["quyet_dinh"]
    x = box.x + calibration.offset.x + box.width / 2  # the crosshair's column, in mm
    top, bottom = box.y + calibration.offset.y, box.y + calibration.offset.y + box.height

    def red_at(y: float) -> bool:  # within 2 pixels of the column: a thin line snaps to one
        return any(_red(picture.getpixel((_px(x) + d, _px(y)))) for d in range(-2, 3))

    def red_between(start: float, end: float) -> bool:
        return any(red_at(start + (end - start) * i / 10) for i in range(11))

    # The box is 3 mm high: its top and bottom edges are red, the crosshair in between …
    assert red_between(top - 0.3, top + 0.3) and red_between(bottom - 0.3, bottom + 0.3)
    assert red_between(top + 1, bottom - 1)
    # … and nothing red above or below it in that column (a 4 mm arm would reach 2,5 mm out).
    outside = [top - 3 + i / 10 for i in range(26)] + [bottom + 0.4 + i / 10 for i in range(26)]
    assert not [round(y, 1) for y in outside if red_at(y)]


def test_each_fields_name_is_in_its_colour_and_its_type_sizes_are_written(tmp_path: Path) -> None:
    shipped = builtin_calibration("giay-khen")
    fields = dict(shipped.fields)
    fields["chuc_danh"] = replace(fields["chuc_danh"], color="#1F4E79", min_size=10.5)
    pdf = draw_test_page(replace(shipped, fields=fields))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "cỡ chữ 15 pt, nhỏ nhất 10,5 pt" in text
    assert "cỡ chữ 22 pt, nhỏ nhất 8 pt" in text  # the name's box: hoso's smallest size
    for key, box in fields.items():
        assert f"{FIELD_LABELS[key]} ({box.x:g}; {box.y:g})" in text
    # On paper: the title's name is blue now; the name's box, black as its text prints.
    picture = _picture(pdf, tmp_path)
    for key, ink in (("chuc_danh", "blue"), ("nguoi_nhan", "black")):
        box = fields[key]
        crop = picture.crop((_px(box.x + 1), _px(box.y + 0.5), _px(box.x + 40), _px(box.y + 3.5)))
        area = [crop.getpixel((i, j)) for i in range(crop.width) for j in range(crop.height)]
        blue = [p for p in area if p[2] - p[0] > 40 and p[2] > 80]
        black = [p for p in area if max(p) < 90]
        red = [p for p in area if _red(p)]
        assert not red, (key, red[:5])
        assert (len(blue) > 20, len(black) > 20) == (ink == "blue", ink == "black"), key

"""Certificates printed on pre-printed stock: each field's text fitted into its calibrated box.

Only the variable text is drawn (the stock carries the emblem, titles and border). A text shrinks
until it fits its box on one line, then wraps onto more lines, and never leaves its box. A preview
draws a light frame of the stock behind the text; a test page draws a millimetre grid and each
field's box and crosshair, so that a clerk can measure the printer's offset.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from pipeline.inputs.certificates import FIELD_LABELS, Calibration, FieldBox
from pipeline.pdf.fonts import serif_font

LEADING = 1.2  # line height as a multiple of the type size
STEP = 0.5  # pt: how much a text shrinks at a time
MARKS = "#C00000"  # the test page's boxes, crosshairs and figures
Measure = Callable[[str, str, float], float]  # (text, font, size in pt) → width in mm


@dataclass(frozen=True)
class Line:
    """One placed line: its text, where it starts (x) and its baseline (y), in mm from top-left."""

    text: str
    x: float
    baseline: float


@dataclass(frozen=True)
class Placed:
    """A field's text as laid out: font, size, lines."""

    field: str
    font: str
    size: float
    lines: tuple[Line, ...]
    color: str


def font_name(box: FieldBox) -> str:
    """The registered font of a box's style."""
    style = {(False, False): "regular", (True, False): "bold", (False, True): "italic"}
    return "HosoSerif-" + style.get((box.bold, box.italic), "bold-italic")


def register_fonts() -> None:
    """Register the four serif styles with reportlab (once)."""
    for style in ("regular", "bold", "italic", "bold-italic"):
        name = f"HosoSerif-{style}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(serif_font(style))))


def measure(text: str, font: str, size: float) -> float:
    """The width of a text in mm."""
    return pdfmetrics.stringWidth(text, font, size) / mm


def _wrap(text: str, font: str, size: float, width: float, measure: Measure) -> list[str]:
    """Greedy word wrap; a single word wider than the box stays whole (the caller shrinks)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and measure(trial, font, size) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def _fit(text: str, box: FieldBox, font: str, measure: Measure) -> tuple[float, list[str]]:
    """The largest size at which the text fits the box: its own lines first, then wrapped."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    # The tallest size at which the text's own lines stack within the box, not min_size at once:
    # a two-line title ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH") keeps the largest size that fits.
    stacked = box.height / (len(parts) * LEADING * 25.4 / 72)
    size = min(box.size, max(box.min_size, math.floor(stacked / STEP) * STEP))
    while size > box.min_size and max(measure(p, font, size) for p in parts) > box.width:
        size -= STEP
    if max(measure(p, font, size) for p in parts) <= box.width and (
        len(parts) * size * LEADING * 25.4 / 72 <= box.height
    ):
        return size, parts
    while True:
        lines = [line for p in parts for line in _wrap(p, font, size, box.width, measure)]
        tall = len(lines) * size * LEADING * 25.4 / 72
        wide = max(measure(line, font, size) for line in lines)
        if (tall <= box.height and wide <= box.width) or size <= 3:
            return size, lines
        size -= STEP


def layout(
    calibration: Calibration, texts: Mapping[str, str], measure: Measure = measure
) -> list[Placed]:
    """Every non-empty field fitted into its box (offset included), lines centred vertically."""
    placed = []
    dx, dy = calibration.offset.x, calibration.offset.y
    for key, box in calibration.fields.items():
        text = texts.get(key, "").strip()
        if not text:
            continue
        font = font_name(box)
        size, lines = _fit(text, box, font, measure)
        pitch = size * LEADING * 25.4 / 72
        ascent = size * 0.72 * 25.4 / 72  # cap height of a serif face, near enough for centring
        top = box.y + dy + (box.height - pitch * (len(lines) - 1) - ascent) / 2 + ascent
        out = []
        for i, line in enumerate(lines):
            width = measure(line, font, size)
            x = box.x + dx + _indent(box, width)
            out.append(Line(line, x, top + i * pitch))
        placed.append(Placed(key, font, size, tuple(out), box.color))
    return placed


def _indent(box: FieldBox, width: float) -> float:
    """How far a line of `width` mm starts from its box's left edge, by the box's alignment."""
    room = box.width - width
    return {"left": 0.0, "center": room / 2, "right": room}[box.align]


def _canvas(buffer: io.BytesIO, page: tuple[float, float], **options: object) -> Canvas:
    """A byte-stable canvas whose initial font is the embedded serif: reportlab's default,
    Helvetica, would otherwise be listed in every page's resources, unembedded."""
    return Canvas(
        buffer, pagesize=page, invariant=True, initialFontName="HosoSerif-regular", **options
    )


def draw_certificates(
    calibration: Calibration, pages: Sequence[Mapping[str, str]], *, preview: bool = False
) -> bytes:
    """A PDF with one page per certificate (on a drawn frame of the stock for a preview)."""
    register_fonts()
    buffer = io.BytesIO()
    page = (calibration.page.width * mm, calibration.page.height * mm)
    canvas = _canvas(buffer, page, pageCompression=1)
    canvas.setTitle(f"{calibration.name} – in trên phôi")
    for texts in pages:
        if preview:
            _stock_frame(canvas, calibration)
        for placed in layout(calibration, texts):
            _draw(canvas, calibration, placed)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw(canvas: Canvas, calibration: Calibration, placed: Placed) -> None:
    canvas.setFont(placed.font, placed.size)
    canvas.setFillColor(HexColor(placed.color))
    height = calibration.page.height
    for line in placed.lines:
        canvas.drawString(line.x * mm, (height - line.baseline) * mm, line.text)


def _stock_frame(canvas: Canvas, calibration: Calibration) -> None:
    """A light drawing of the stock: its decorative border and the pre-printed titles."""
    w, h = calibration.page.width, calibration.page.height
    canvas.setStrokeColor(HexColor("#D9B38C"))
    canvas.setLineWidth(3)
    canvas.rect(8 * mm, 8 * mm, (w - 16) * mm, (h - 16) * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(11 * mm, 11 * mm, (w - 22) * mm, (h - 22) * mm)
    canvas.setFillColor(HexColor("#BBBBBB"))
    scale = w / 297
    for text, y, size in (
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.15, 11),
        ("Độc lập - Tự do - Hạnh phúc", 0.185, 11),
        ("TẶNG", 0.28, 14),
        (calibration.name.upper(), 0.37, 26),
    ):
        canvas.setFont("HosoSerif-bold", size * scale)
        canvas.drawCentredString(w / 2 * mm, (h - y * h) * mm, text)
    canvas.circle(w / 2 * mm, (h - 0.075 * h) * mm, 0.04 * h * mm, stroke=1, fill=0)


def draw_test_page(calibration: Calibration) -> bytes:
    """A calibration page: a 10 mm grid with figures, and each field's box with its marks."""
    register_fonts()
    buffer = io.BytesIO()
    w, h = calibration.page.width, calibration.page.height
    canvas = _canvas(buffer, (w * mm, h * mm))
    canvas.setTitle(f"{calibration.name} – trang in thử căn chỉnh")
    canvas.setStrokeColor(HexColor("#CCCCCC"))
    canvas.setLineWidth(0.2)
    canvas.setFont("HosoSerif-regular", 6)
    canvas.setFillColor(HexColor("#888888"))
    for x in range(0, int(w) + 1, 10):
        canvas.line(x * mm, 0, x * mm, h * mm)
        canvas.drawString((x + 0.5) * mm, (h - 3) * mm, str(x))
    for y in range(0, int(h) + 1, 10):
        canvas.line(0, (h - y) * mm, w * mm, (h - y) * mm)
        canvas.drawString(0.5 * mm, (h - y - 2.5) * mm, str(y))
    for key, box in calibration.fields.items():
        _field_marks(canvas, calibration, key, box)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _field_marks(canvas: Canvas, calibration: Calibration, key: str, box: FieldBox) -> None:
    """A field's box (the printer's offset included) and crosshair, both inside it; its name and
    position in the field's style and colour; its type sizes at the top right; and a bar on the
    side its alignment sets the text."""
    x, y = box.x + calibration.offset.x, box.y + calibration.offset.y
    top = calibration.page.height - y  # the box's top edge, in mm up the page
    canvas.setStrokeColor(HexColor(MARKS))
    canvas.setLineWidth(0.4)
    canvas.rect(x * mm, (top - box.height) * mm, box.width * mm, box.height * mm)
    cx, cy = x + box.width / 2, top - box.height / 2
    across, up = _arm(box.width), _arm(box.height)
    canvas.line((cx - across) * mm, cy * mm, (cx + across) * mm, cy * mm)
    canvas.line(cx * mm, (cy - up) * mm, cx * mm, (cy + up) * mm)
    label = f"{FIELD_LABELS.get(key, key)} ({_mm(x)}; {_mm(y)})"
    sizes = f"cỡ chữ {_mm(box.size)} pt, nhỏ nhất {_mm(box.min_size)} pt"
    font = font_name(box)
    canvas.setFont(font, 7)
    canvas.setFillColor(HexColor(box.color))
    room = box.width - 3 - measure(label, font, 7) - measure(sizes, "HosoSerif-regular", 7)
    canvas.drawString((x + 1) * mm, (top - 3) * mm, label if room >= 0 else f"{label}, {sizes}")
    if room >= 0:  # beside the name when the box is wide enough, else after it
        canvas.setFont("HosoSerif-regular", 7)
        canvas.setFillColor(HexColor(MARKS))
        canvas.drawRightString((x + box.width - 1) * mm, (top - 3) * mm, sizes)
    _alignment_bar(canvas, box, x, top - box.height + 1)


def _arm(side: float) -> float:
    """Half the length of a crosshair's line across a box's side of `side` mm: 4 mm, shorter
    in a small box so that it stays inside, clear of its edges (and of the alignment bar 1 mm
    above its bottom)."""
    return min(4.0, max(side / 2 - 1.5, side / 4))


def _alignment_bar(canvas: Canvas, box: FieldBox, x: float, bottom: float) -> None:
    """A short thick line along a box's bottom (`bottom` mm up the page), on the side where its
    alignment sets the text (left, middle, right), 1 mm in from the box's side."""
    bar = min(box.width / 4, 40)
    start = x + 1 + _indent(box, bar + 2)
    canvas.setLineWidth(1.2)
    canvas.line(start * mm, bottom * mm, (start + bar) * mm, bottom * mm)
    canvas.setLineWidth(0.4)


def _mm(value: float) -> str:
    """A position as the clerk types it back: 25, 36,5."""
    return f"{round(value, 2):g}".replace(".", ",")

"""What a signature shows on the page: the signature or seal image, the signer and the time."""

from __future__ import annotations

import functools
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import HosoError
from pipeline.files import reason, write_atomically
from pipeline.pdf.fonts import serif_font

# pyHanko, fontTools and Pillow are imported where a stamp is drawn: every command imports this
# module for its Vietnamese times (verify, period check, texts), and only `hoso sign` draws.
if TYPE_CHECKING:
    from PIL import Image
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

VIETNAM = timezone(timedelta(hours=7))  # Asia/Ho_Chi_Minh: no daylight saving
# pyHanko formats the signing time with this; it is read back and shown in Vietnam's time zone.
_PYHANKO_TIME = "%Y-%m-%dT%H:%M:%S%z"
DEFAULT_SEAL_MM = 36.0  # a common seal diameter (34–40 mm); the user gives the real one


def vietnam_time(moment: datetime) -> str:
    """A moment in ISO 8601 with the Vietnamese time zone.

    >>> vietnam_time(datetime(2026, 3, 5, 2, 4, 5, tzinfo=timezone.utc))
    '2026-03-05T09:04:05+07:00'
    """
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


def vietnam_day(moment: datetime) -> str:
    """A moment as a Vietnamese reader writes it, in Vietnam's time zone.

    >>> vietnam_day(datetime(2026, 3, 5, 2, 4, 5, tzinfo=timezone.utc))
    '09:04 ngày 05/03/2026'
    """
    return moment.astimezone(VIETNAM).strftime("%H:%M ngày %d/%m/%Y")


def said_time(iso: str) -> str:
    """An ISO 8601 moment (as stored in reports and JSON) as a Vietnamese reader writes it.

    >>> said_time("2026-03-05T09:04:05+07:00")
    '09:04 ngày 05/03/2026'
    """
    return vietnam_day(datetime.fromisoformat(iso))


@functools.cache
def _vietnam_stamp_style() -> type[TextStampStyle]:
    """VietnamStampStyle, defined when first drawn (see the TYPE_CHECKING comment)."""
    from pyhanko.stamp import TextStamp, TextStampStyle

    @dataclass(frozen=True)
    class VietnamStampStyle(TextStampStyle):
        """A text stamp whose `ts` is the signing time in ISO 8601 with +07:00."""

        def create_stamp(self, writer: object, box: object, text_params: dict) -> TextStamp:
            """The stamp, with pyHanko's local time turned into Vietnamese time."""
            params = dict(text_params)
            if "ts" in params:
                params["ts"] = vietnam_time(datetime.strptime(params["ts"], _PYHANKO_TIME))
            return TextStamp(writer=writer, style=self, box=box, text_params=params)

    return VietnamStampStyle


def load_image(path: Path, what: str) -> Image.Image:
    """A signature or seal image (PNG, JPEG…), or HosoError naming the file."""
    from PIL import Image, UnidentifiedImageError  # here: see the TYPE_CHECKING comment

    try:
        with Image.open(path) as image:
            image.load()
            return image.copy()
    except OSError as exc:
        if isinstance(exc, UnidentifiedImageError):
            raise HosoError(
                f"{path}: không phải tệp ảnh ({what}); hãy dùng PNG hoặc JPEG."
            ) from None
        raise HosoError(f"Không đọc được {what} {path}: {reason(exc, 'đọc')}.") from None


@functools.cache
def _font_file() -> str:
    """Times New Roman (or Liberation Serif) scaled to 1000 units per em, in the temp folder.

    pyHanko writes glyph widths in the font's own units where PDF expects thousandths of an em,
    so a 2048-unit font (every TrueType serif) would print with its letters spread apart.
    """
    source = serif_font()
    stat = source.stat()
    target = (
        Path(tempfile.gettempdir()) / f"hoso-{source.stem}-{stat.st_size}-{stat.st_mtime_ns}.ttf"
    )
    if not target.is_file():
        from fontTools.ttLib import TTFont  # here: see the TYPE_CHECKING comment
        from fontTools.ttLib.scaleUpem import scale_upem

        font = TTFont(source)
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        write_atomically(target, lambda tmp: font.save(tmp))
    return str(target)


def _text(size: int) -> TextBoxStyle:
    """Small Times New Roman text (Vietnamese letters need a real TrueType font)."""
    from pyhanko.pdf_utils import layout  # here: see the TYPE_CHECKING comment
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle

    font = GlyphAccumulatorFactory(_font_file(), font_size=size)
    return TextBoxStyle(
        font=font,
        font_size=size,
        leading=size + 1,
        text_color=(0.1, 0.1, 0.5),
        # pyHanko's default 10 pt margins would shrink a small text to fit a small box.
        box_layout_rule=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(1),
        ),
    )


def signer_style(image: Image.Image | None) -> TextStampStyle:
    """The signer's appearance: the signature image centred, name and time small under it."""
    from pyhanko.pdf_utils import layout  # here: see the TYPE_CHECKING comment
    from pyhanko.pdf_utils.images import PdfImage

    return _vietnam_stamp_style()(
        text_box_style=_text(7),
        stamp_text="Ký bởi: %(signer)s\nThời gian ký: %(ts)s",
        timestamp_format=_PYHANKO_TIME,
        border_width=0,
        background=PdfImage(image) if image is not None else None,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(0, 0, 0, 14),
        ),
        # Right-aligned: the seal covers the left third of the signature.
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins.uniform(0),
        ),
    )


def seal_style(image: Image.Image | None) -> TextStampStyle:
    """The organisation's appearance: the seal image alone, at the box's size (its name and the
    time are in the signature's properties, as the signing plugins do)."""
    from pyhanko.pdf_utils import layout  # here: see the TYPE_CHECKING comment
    from pyhanko.pdf_utils.images import PdfImage

    return _vietnam_stamp_style()(
        text_box_style=_text(5),
        stamp_text=" ",  # no text (pyHanko needs one glyph)
        timestamp_format=_PYHANKO_TIME,
        border_width=0,
        background=PdfImage(image) if image is not None else None,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins.uniform(0),
        ),
    )


def attachment_style() -> TextStampStyle:
    """The organisation's signature on an attachment: its name and the time, Times New Roman 10 pt,
    at the top right of the first page."""
    from pyhanko.pdf_utils import layout  # here: see the TYPE_CHECKING comment

    return _vietnam_stamp_style()(
        text_box_style=_text(10),
        stamp_text="Ký bởi: %(signer)s\nThời gian ký: %(ts)s",
        timestamp_format=_PYHANKO_TIME,
        border_width=0,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
        ),
    )

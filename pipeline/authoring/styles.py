"""The named paragraph styles of hoso's templates (NĐ 30 sizes, spacing and alignment): what a
clerk sees, and can restyle, in Word's style gallery."""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT, RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT


@dataclass(frozen=True)
class StyleSpec:
    """A named paragraph style: what a clerk sees (and can restyle) in Word's style gallery."""

    style_id: str
    name: str
    size: float | None = None
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    first_line: int | None = None
    hanging: int | None = None  # twips: lines after the first start this far right
    before: int | None = None
    after: int | None = None
    line: float | None = None
    keep_next: bool = False
    based_on: str | None = None
    rule: bool = False


def _table_styles(suffix: str, name: str, size: float) -> list[StyleSpec]:
    # A little air above and below cell text: borders drawn tight on 13 pt text look cramped.
    common = {"size": size, "before": 40, "after": 40}
    return [
        StyleSpec(f"ND30TableHead{suffix}", f"{name} - tiêu đề", bold=True, align=CENTER, **common),
        StyleSpec(f"ND30TableText{suffix}", name, align=LEFT, **common),
        StyleSpec(f"ND30TableCenter{suffix}", f"{name} - căn giữa", align=CENTER, **common),
        # Amounts of money line up on their last digit, as in any accounting table.
        StyleSpec(f"ND30TableRight{suffix}", f"{name} - căn phải", align=RIGHT, **common),
    ]


STYLES: tuple[StyleSpec, ...] = (
    # Body text: justified, 1.27 cm first line, 6 pt after, 1.15 lines (NĐ 30: single to 1.5).
    StyleSpec("ND30Body", "Nội dung", 14, align=JUSTIFY, first_line=720, after=120, line=1.15),
    StyleSpec("ND30BodyItalic", "Nội dung - nghiêng", italic=True, based_on="ND30Body"),
    StyleSpec("ND30Heading", "Đề mục", bold=True, before=120, keep_next=True, based_on="ND30Body"),
    StyleSpec("ND30Centered", "Kính gửi", 14, align=CENTER, before=120, after=120),
    # The title block keeps with what follows it: a title never ends a page.
    StyleSpec(
        "ND30DocType", "Tên loại văn bản", 14, bold=True, align=CENTER, before=360, keep_next=True
    ),
    StyleSpec("ND30Summary", "Trích yếu", 14, bold=True, align=CENTER, keep_next=True),
    StyleSpec(
        "ND30SummaryNote", "Trích yếu - ghi chú", 14, italic=True, align=CENTER, keep_next=True
    ),
    StyleSpec(
        "ND30Nominee",
        "Tên tập thể, cá nhân",
        14,
        bold=True,
        align=CENTER,
        before=120,
        keep_next=True,
    ),
    # 4 pt above the rule keeps it clear of the dots under Ậ, Ộ, Ệ on the line above.
    StyleSpec("ND30Rule", "Đường kẻ", 1, before=80, after=0, line=1.0, keep_next=True, rule=True),
    StyleSpec("ND30Parent", "Cơ quan chủ quản", 13, align=CENTER),
    StyleSpec("ND30Issuer", "Cơ quan ban hành", 13, bold=True, align=CENTER),
    StyleSpec("ND30National", "Quốc hiệu", 12, bold=True, align=CENTER),
    StyleSpec("ND30Motto", "Tiêu ngữ", 13, bold=True, align=CENTER),
    StyleSpec("ND30Number", "Số, ký hiệu", 13, align=CENTER, before=120),
    StyleSpec("ND30PlaceDate", "Địa danh, ngày tháng", 14, italic=True, align=CENTER, before=120),
    *_table_styles("", "Bảng", 13),
    *_table_styles("Small", "Bảng nhỏ", 12),
    StyleSpec("ND30NoiNhanLabel", "Nơi nhận", 12, bold=True, italic=True, align=LEFT),
    # A wrapped recipient continues under its text, not under the dash: "- " is 6.41 pt wide
    # in 11 pt Times New Roman (render.metrics), 128 twips; the first line starts where it did.
    StyleSpec("ND30NoiNhan", "Nơi nhận - dòng", 11, align=LEFT, hanging=128),
    StyleSpec("ND30SignTitle", "Chức vụ người ký", 14, bold=True, align=CENTER),
    StyleSpec("ND30SignNote", "Chữ ký - ghi chú", 14, italic=True, align=CENTER),
    StyleSpec("ND30SignName", "Họ tên người ký", 14, bold=True, align=CENTER),
    StyleSpec("ND30PageNumber", "Số trang", 14, align=CENTER),
)

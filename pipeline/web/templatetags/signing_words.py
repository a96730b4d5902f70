"""Template filters for the signed documents' tables (web/_ky_so.html and the package links), and
what a period's documents are for: a Tờ trình goes up to the superior, a Quyết định is issued."""

from __future__ import annotations

from collections.abc import Sequence

from django import template

from pipeline.period.config import Period
from pipeline.web.signed import SignedRow

register = template.Library()

# What the office does with the signed package, by what its run made (see `sends`).
PACKAGE_USE = {
    "up": "để gửi lên cấp trên xét, quyết định",
    "issue": "để ban hành: gửi Quyết định tới các đơn vị và nơi nhận ghi trong Quyết định",
    "both": "để gửi Tờ trình tổng hợp lên cấp trên và ban hành Quyết định tới các đơn vị",
}
# After an issued Quyết định: the period's own certificates ("Giấy khen"), printed on stock.
PRINTED = " ({stock} in trên phôi từ tệp “in trên phôi” ở trên)"
PACKAGE_LINK = {"up": "Tải gói nộp (đã ký)", "issue": "Tải gói văn bản đã ký"}
PACKAGE_WHEN = {"up": "để nộp", "issue": "để ban hành", "both": "để gửi, ban hành"}
MAKES_UP = "Tờ trình tổng hợp gửi cấp trên, danh sách kèm theo, sổ theo dõi, thống kê và biểu đồ."
MAKES_ISSUE = (
    "Quyết định khen thưởng ({awards}) ban hành tới các đơn vị, danh sách kèm theo, {prints} in "
    "trên phôi; Tờ trình tổng hợp gửi cấp trên chỉ khi đơn vị đề nghị hình thức khác; sổ theo "
    "dõi, thống kê và biểu đồ."
)


@register.filter
def unsigned(rows: Sequence[SignedRow]) -> int:
    """How many of the documents carry no digital signature yet."""
    return sum(1 for row in rows if not row.signers)


def sends(rows: Sequence[SignedRow]) -> str:
    """What a run's office documents are for: "up" (a Tờ trình tổng hợp), "issue" (a Quyết
    định), or "both"."""
    up = any(row.title.startswith("Tờ trình") for row in rows)
    issue = any(row.title.startswith("Quyết định") for row in rows)
    return "both" if up and issue else "issue" if issue else "up"


@register.filter
def package_use(rows: Sequence[SignedRow], stock: str = "") -> str:
    """What the signed package is for, as the period page says it after its link; an issued
    Quyết định names the period's certificates `stock` ("Giấy khen"), printed on stock."""
    use = sends(rows)
    return PACKAGE_USE[use] + (PRINTED.format(stock=stock) if stock and use != "up" else "")


@register.filter
def package_link(rows: Sequence[SignedRow]) -> str:
    """The package link's words: a Tờ trình's package is submitted, a Quyết định's issued."""
    return PACKAGE_LINK.get(sends(rows), PACKAGE_LINK["issue"])


@register.filter
def package_when(rows: Sequence[SignedRow]) -> str:
    """What the package is downloaded for once every document is signed ("để nộp")."""
    return PACKAGE_WHEN[sends(rows)]


@register.filter
def makes(period: Period) -> str:
    """The documents a period's run makes: a Quyết định for the awards the office decides, a Tờ
    trình tổng hợp for those it proposes upward."""
    if not period.decided:
        return MAKES_UP
    awards = "; ".join(a.name for a in period.decided)
    prints = "/".join(dict.fromkeys(a.short_name for a in period.decided))
    return MAKES_ISSUE.format(awards=awards, prints=prints)

"""When and where each Báo cáo thành tích is dated: its own columns, or sensible defaults, and
the order of dates across the documents (plan ≤ reports ≤ council meeting ≤ Tờ trình)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from pipeline.check.drafts import Draft
from pipeline.check.findings import Findings
from pipeline.check.model import BatchInfo, Council, Individual, Nominee

_LEVEL_WORDS = ("tỉnh", "huyện", "quận", "xã", "phường")
_LEVEL_PAIRS = ("thành phố", "thị xã", "thị trấn")
_LEVEL_STARTS = {*_LEVEL_WORDS, *(pair.split()[0] for pair in _LEVEL_PAIRS)}
_COOP = ["hợp", "tác"]  # "Hợp tác xã", "Liên hiệp hợp tác xã": an enterprise, not a level


def place_in(name: str) -> str | None:
    """The place a unit's name ends with ("Ủy ban nhân dân xã Phú Nghĩa" → "Phú Nghĩa").

    The "xã" of "Hợp tác xã" and "Liên hiệp hợp tác xã" is a kind of enterprise, not a level; a
    capitalised run followed by a lower-case word that is no level ("xã Nông nghiệp …") is the
    start of a name, not a place.

    >>> place_in("Trung tâm Văn hóa, Thể thao và Truyền thanh huyện Bù Gia Mập"), place_in("Sở Nội vụ")
    ('Bù Gia Mập', None)
    >>> place_in("Hợp tác xã Nông nghiệp Thanh Bình"), place_in("Liên hiệp hợp tác xã Thanh Bình")
    (None, None)
    >>> place_in("Hợp tác xã Nông nghiệp Thanh Bình xã Phú Nghĩa")
    'Phú Nghĩa'
    >>> place_in("Ủy ban nhân dân xã Phú Nghĩa huyện Bù Gia Mập")
    'Bù Gia Mập'
    """
    words = name.replace(",", " ").replace(";", " ").split()
    lower = [word.lower() for word in words]
    found = None
    for i, word in enumerate(lower):
        if " ".join(lower[i : i + 2]) in _LEVEL_PAIRS:
            start = i + 2
        elif word in _LEVEL_WORDS and not (word == "xã" and lower[max(0, i - 2) : i] == _COOP):
            start = i + 1
        else:
            continue
        end = start
        while end < len(words) and words[end][:1].isupper():
            end += 1
        after = lower[end] if end < len(words) else None
        if after is not None and after not in _LEVEL_STARTS:
            continue  # "xã Nông nghiệp …": the run begins a name
        found = " ".join(words[start:end]) or found
    return found


def latest_report_date(info: BatchInfo, council: Council | None) -> dt.date:
    """The day a report may be dated at the latest: the council meeting (else the Tờ trình)."""
    return council.date if council is not None else info.date


def dated(nominee: Nominee, info: BatchInfo, council: Council | None) -> Nominee:
    """The nominee with its report's date and place filled in where the row leaves them empty."""
    own = nominee.workplace if isinstance(nominee, Individual) else nominee.name
    return replace(
        nominee,
        report_date=nominee.report_date or latest_report_date(info, council),
        report_place=nominee.report_place or place_in(own) or info.place,
    )


def check_report_dates(
    findings: Findings,
    plan_date: dt.date,
    info: BatchInfo,
    council: Council | None,
    drafts: Sequence[Draft],
) -> None:
    """Each typed report date lies between the plan and the meeting that reviews the report."""
    latest = latest_report_date(info, council)
    what = "cuộc họp Hội đồng xét đề nghị" if council is not None else "Tờ trình"

    for d in drafts:
        day = d.nominee.report_date
        if day is None or d.nominee.report_type != "bao-cao-thanh-tich":
            continue
        if day > latest:
            findings.error(
                d.at("report_date"),
                f"{d.who}: Báo cáo thành tích ngày {day:%d/%m/%Y} sau {what} "
                f"({latest:%d/%m/%Y}); báo cáo phải có trước khi được xét.",
                "date-order",
            )
        elif day < plan_date:
            findings.error(
                d.at("report_date"),
                f"{d.who}: Báo cáo thành tích ngày {day:%d/%m/%Y} trước ngày ban hành "
                f"kế hoạch ({plan_date:%d/%m/%Y}).",
                "date-order",
            )

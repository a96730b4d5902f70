"""The period's statistics: counts by unit and award, gender, leaders, council pass rate; a chart.

The chart is what a head of office looks at: one bar per unit (collectives and individuals
proposed, stacked) and the pass rate at the units' councils, on one page (PNG and PDF).
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.check.model import Batch
from pipeline.pdf.fonts import STYLES, serif_font
from pipeline.period.check import PeriodCheck
from pipeline.period.sheets import Table
from pipeline.vietnamese import format_percent

_LEVEL = re.compile(r" (?=(?:huyện|xã|tỉnh|thành phố|thị xã|phường|thị trấn|quận) )")


@dataclass(frozen=True)
class UnitCounts:
    """One unit's figures."""

    unit: str
    award: str
    collectives: int  # proposed (passed the council)
    individuals: int
    women: int
    leaders: int
    examined: int  # every nominee the council voted on (0 without a council)
    passed: int

    @property
    def pass_rate(self) -> float:
        """The share of examined nominees who passed, in per cent (0 when none)."""
        return 100 * self.passed / self.examined if self.examined else 0.0


def unit_counts(checked: PeriodCheck) -> list[UnitCounts]:
    """The figures of every valid unit of the period, in unit order."""
    return [_counts(r.batch) for r in checked.results if r.batch is not None]


def _counts(batch: Batch) -> UnitCounts:
    people = batch.proposed_individuals
    return UnitCounts(
        unit=batch.info.unit,
        award=batch.info.award.name,
        collectives=len(batch.proposed_collectives),
        individuals=len(people),
        women=sum(p.gender == "Nữ" for p in people),
        leaders=sum(p.is_leader for p in people),
        examined=len(batch.nominees) if batch.council else 0,
        passed=len(batch.proposed) if batch.council else 0,
    )


def statistics_tables(counts: Sequence[UnitCounts]) -> list[Table]:
    """The statistics workbook: by unit, by award, and the period's totals."""
    by_unit = [
        [
            c.unit,
            c.award,
            c.collectives,
            c.individuals,
            c.women,
            c.leaders,
            c.individuals - c.leaders,
            c.examined,
            c.passed,
            format_percent(c.pass_rate, digits=1),
        ]
        for c in counts
    ]
    awards: dict[str, list[int]] = {}
    for c in counts:
        row = awards.setdefault(c.award, [0, 0, 0, 0])
        for i, value in enumerate((c.collectives, c.individuals, c.women, c.leaders)):
            row[i] += value
    total = [sum(getattr(c, k) for c in counts) for k in ("collectives", "individuals", "women")]
    examined, passed = sum(c.examined for c in counts), sum(c.passed for c in counts)
    rate = format_percent(100 * passed / examined if examined else 0, digits=1)
    return [
        (
            "Theo đơn vị",
            (
                "Đơn vị",
                "Hình thức",
                "Tập thể",
                "Cá nhân",
                "Nữ",
                "Lãnh đạo, quản lý",
                "Không giữ chức vụ lãnh đạo",
                "Số được xét",
                "Số đạt",
                "Tỷ lệ đạt",
            ),
            by_unit,
        ),
        (
            "Theo hình thức",
            ("Hình thức", "Tập thể", "Cá nhân", "Nữ", "Lãnh đạo, quản lý"),
            [[award, *row] for award, row in awards.items()],
        ),
        (
            "Tổng hợp",
            ("Số đơn vị", "Tập thể", "Cá nhân", "Nữ", "Số được xét", "Số đạt", "Tỷ lệ đạt"),
            [[len(counts), *total, examined, passed, rate]],
        ),
    ]


def chart(counts: Sequence[UnitCounts], title: str, fmt: str) -> bytes:
    """A one-page chart (PNG or PDF): proposed per unit, stacked, and each council's pass rate."""
    import matplotlib

    matplotlib.use("Agg")  # no display: a file
    from matplotlib import pyplot as plt

    with plt.rc_context(_serif_rc()):
        return _chart(plt, counts, title, fmt)


# A4 landscape with the documents' NĐ 30 margins: 20 mm top and bottom, 30 mm left, 15 mm right.
PAGE_MM = (297, 210)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TITLE_MM = 16  # the title's two 13 pt lines and a gap under them


def _serif_rc() -> dict[str, object]:
    """Matplotlib settings for the documents' serif (Times New Roman or Liberation Serif),
    embedded in a PDF as TrueType (not as Type 3 glyph procedures)."""
    return {"font.family": [_serif_family()], "pdf.fonttype": 42, "ps.fonttype": 42}


@functools.cache
def _serif_family() -> str:
    """Make matplotlib draw the serif files fontconfig gives the documents, and name them.

    Another font of the same family name may be installed (Liberation 1, without Vietnamese
    letters, beside Liberation 2): the chosen files go first, so matplotlib takes them.
    """
    from matplotlib import font_manager

    files = [str(serif_font(style)) for style in STYLES]
    for path in files:
        font_manager.fontManager.addfont(path)
    font_manager.fontManager.ttflist.sort(key=lambda entry: entry.fname not in files)
    font_manager.FontManager._findfont_cached.cache_clear()  # names looked up before the sort
    return font_manager.FontProperties(fname=files[0]).get_name()


def _chart(plt, counts: Sequence[UnitCounts], title: str, fmt: str) -> bytes:
    from matplotlib.ticker import MaxNLocator

    width, height = PAGE_MM
    fig, (bars, rates) = plt.subplots(
        1, 2, figsize=(width / 25.4, height / 25.4), gridspec_kw={"width_ratios": [3, 2]}
    )
    # Everything, titles and labels included, inside the margins (figure fractions).
    left, bottom = MARGINS_MM["left"] / width, MARGINS_MM["bottom"] / height
    right, top = 1 - MARGINS_MM["right"] / width, 1 - MARGINS_MM["top"] / height
    below = top - TITLE_MM / height  # the charts start under the two-line title
    fig.set_layout_engine("constrained", rect=(left, bottom, right - left, below - bottom))
    y = list(range(len(counts)))
    coll, ind = [c.collectives for c in counts], [c.individuals for c in counts]
    bars.barh(y, coll, height=0.6, color="#2F5597", label="Tập thể")
    bars.barh(y, ind, height=0.6, left=coll, color="#9DC3E6", label="Cá nhân")
    for i, c in enumerate(counts):
        bars.text(
            c.collectives + c.individuals, i, f"  {c.collectives} + {c.individuals}", va="center"
        )
    bars.set_yticks(y, [_short(c.unit) for c in counts])
    bars.invert_yaxis()
    bars.xaxis.set_major_locator(MaxNLocator(integer=True))
    bars.set_xlim(0, max(a + b for a, b in zip(coll, ind, strict=True)) * 1.25 + 1)
    bars.set_xlabel("Số tập thể, cá nhân đề nghị")
    bars.legend(loc="lower right")
    bars.set_title("Đề nghị theo đơn vị")
    _rates(rates, counts, y)
    examined, passed = sum(c.examined for c in counts), sum(c.passed for c in counts)
    summary = f"{len(counts)} đơn vị: {sum(coll)} tập thể, {sum(ind)} cá nhân"
    if examined:
        summary += f"; tỷ lệ đạt tại Hội đồng {format_percent(100 * passed / examined, digits=1)}"
    fig.suptitle(
        f"{title}\n{summary}",
        fontsize=13,
        fontweight="bold",
        x=(left + right) / 2,
        y=top,
        va="top",
        in_layout=False,
    )
    buffer = io.BytesIO()
    metadata = {"Creator": "hoso"} if fmt == "png" else {"Creator": "hoso", "CreationDate": None}
    fig.savefig(buffer, format=fmt, dpi=110, metadata=metadata)
    plt.close(fig)
    return buffer.getvalue()


def _rates(axis, counts: Sequence[UnitCounts], y: list[int]) -> None:
    """Each council's pass rate; without councils (the plan asks for none), a note instead."""
    axis.set_title("Tỷ lệ đạt tại Hội đồng của đơn vị")
    axis.set_yticks(y, [""] * len(y))
    axis.invert_yaxis()
    axis.set_xlim(0, 115)
    if not any(c.examined for c in counts):
        axis.text(
            57, len(y) / 2 - 0.5, "Kế hoạch không yêu cầu\nHội đồng xét ở đơn vị", ha="center"
        )
        return
    axis.barh(y, [c.pass_rate for c in counts], height=0.6, color="#70AD47")
    for i, c in enumerate(counts):
        axis.text(c.pass_rate, i, f" {format_percent(c.pass_rate, digits=0)}", va="center")
    axis.set_xlabel("%")


def _short(unit: str, width: int = 48) -> str:
    """A unit's name on at most two lines of the chart's axis, broken before its place's level
    word ("huyện Bù Gia Mập" stays whole) when it has one.

    >>> _short("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập")
    'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân\\nhuyện Bù Gia Mập'
    """
    if len(unit) <= width:
        return unit
    levels = [m.start() for m in _LEVEL.finditer(unit) if 0 < m.start() <= width]
    cut = levels[-1] if levels else unit.rfind(" ", 0, width)
    return unit[:cut] + "\n" + unit[cut + 1 :]

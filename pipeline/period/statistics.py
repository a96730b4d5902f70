"""The period's statistics: counts by unit and award, gender, leaders, council pass rate; a chart.

The chart is what a head of office looks at: one bar per unit (collectives and individuals
proposed, stacked) and, where the plan has units' councils, their pass rate, on one page (PNG
and PDF). The counts are those of the office's Tờ trình or Quyết định: after its own council.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.check.model import Batch, Individual, Nominee
from pipeline.inputs.plans import Award
from pipeline.pdf.fonts import STYLES, serif_font
from pipeline.period.check import OWN_COLUMN, PeriodCheck, status_label
from pipeline.period.council import OfficeCouncil, vote_key
from pipeline.period.sheets import Percent, Table
from pipeline.vietnamese import format_percent

_LEVEL = re.compile(r" (?=(?:huyện|xã|tỉnh|thành phố|thị xã|phường|thị trấn|quận) )")


@dataclass(frozen=True)
class UnitCounts:
    """One unit's figures: who goes on (past the office's council, when it has voted), as the
    office's Tờ trình or Quyết định counts them, and what the councils examined."""

    unit: str
    award: str
    collectives: int  # in the office's papers: proposed by the unit, passed the office's council
    individuals: int
    women: int
    leaders: int
    examined: int  # every nominee the unit's council voted on (0 without a council)
    passed: int
    proposed: int = 0  # what the unit proposed, before the office's council
    council: bool = True  # the plan has units' councils (else examined, passed mean nothing)
    office_council: bool = False  # the office's council has voted (on `proposed`)

    @property
    def pass_rate(self) -> float:
        """The share of examined nominees who passed, in per cent (0 when none)."""
        return 100 * self.passed / self.examined if self.examined else 0.0

    @property
    def rejected(self) -> int:
        """Those the office's council did not pass."""
        return self.proposed - self.collectives - self.individuals


UNIT_DECIDED = "do đơn vị tự quyết định khen thưởng"  # said beside the awards counted apart
UNBUILT = "chưa tạo được hồ sơ"  # a valid unit whose dossier this build could not make
# Under the status table (terminal and web) when it counts those proposals apart.
OWN_LEGEND = (
    f"Tập thể, Cá nhân: đề nghị cơ quan xét (như thống kê); “{OWN_COLUMN}”: đề nghị "
    f"{UNIT_DECIDED}, không tính vào số của cơ quan."
)


def unit_counts(checked: PeriodCheck) -> list[UnitCounts]:
    """The figures of every valid unit the office examines (not the awards each unit decides
    itself: `unit_decided_counts`), in unit order."""
    council = checked.period.plan.dossier.has_council
    return [_counts(b, checked.council, council) for b in checked.office_batches]


def unit_decided_counts(checked: PeriodCheck) -> list[UnitCounts]:
    """What the units propose for the awards their own heads decide: outside the office's
    figures, shown on a line of their own."""
    council = checked.period.plan.dossier.has_council
    return [_counts(b, None, council) for b in checked.unit_decided]


def _counts(batch: Batch, office: OfficeCouncil | None, council: bool) -> UnitCounts:
    award = batch.info.award
    going = [n for n in batch.proposed if office is None or _passed(office, award, batch, n)]
    people = [n for n in going if isinstance(n, Individual)]
    return UnitCounts(
        unit=batch.info.unit,
        award=award.name,
        collectives=len(going) - len(people),
        individuals=len(people),
        women=sum(p.gender == "Nữ" for p in people),
        leaders=sum(p.is_leader for p in people),
        examined=len(batch.nominees) if batch.council else 0,
        passed=len(batch.proposed) if batch.council else 0,
        proposed=len(batch.proposed),
        council=council,
        office_council=office is not None,
    )


def _passed(office: OfficeCouncil, award: Award, batch: Batch, nominee: Nominee) -> bool:
    """Whether the office's council passed a nominee (one without votes yet: `hoso period
    check` says so, and the nominee is counted as proposed)."""
    if vote_key(award.id, batch.info.unit, nominee) not in office.votes:
        return True
    return office.passed(award, batch, nominee)


def rate(passed: int, examined: int) -> Percent | str:
    """A pass rate as a number shown as a percentage ("80,0%"), or a dash when none examined."""
    return Percent(passed / examined) if examined else "–"


def statistics_tables(
    counts: Sequence[UnitCounts], apart: Sequence[UnitCounts] = ()
) -> list[Table]:
    """The statistics workbook: by unit, by award, and the period's totals. The counts are the
    office's papers' (after its council, when it has voted, with what the units proposed beside
    them); the units' councils' columns only where the plan has them. The awards units decide
    themselves (`apart`) are one labelled line per award under "Theo hình thức", in no total."""
    councils = any(c.council for c in counts)
    office_council = any(c.office_council for c in counts)
    head = ["Tập thể", "Cá nhân", "Nữ", "Lãnh đạo, quản lý"]
    own = [f"{w} tại Hội đồng đơn vị" for w in ("Số được xét", "Số đạt", "Tỷ lệ đạt")]
    office = ["Đơn vị đề nghị", "Không đạt tại Hội đồng cơ quan"]
    by_unit = []
    for c in counts:
        row: list[object] = [c.unit, c.award, c.collectives, c.individuals, c.women, c.leaders]
        row.append(c.individuals - c.leaders)
        row += [c.proposed, c.rejected] if office_council else []
        row += [c.examined, c.passed, rate(c.passed, c.examined)] if councils else []
        by_unit.append(row)
    awards: dict[str, list[int]] = {}
    for c in counts:
        sums = awards.setdefault(c.award, [0, 0, 0, 0])
        for i, value in enumerate((c.collectives, c.individuals, c.women, c.leaders)):
            sums[i] += value
    total = [sum(getattr(c, k) for c in counts) for k in ("collectives", "individuals", "women")]
    examined, passed = sum(c.examined for c in counts), sum(c.passed for c in counts)
    unit_head = ["Đơn vị", "Hình thức", *head, "Không giữ chức vụ lãnh đạo"]
    unit_head += office if office_council else []
    total_row: list[object] = [len(counts), *total]
    total_head = ["Số đơn vị", *head[:3]]
    if councils:
        total_row += [examined, passed, rate(passed, examined)]
        total_head += own
    return [
        ("Theo đơn vị", (*unit_head, *(own if councils else [])), by_unit),
        (
            "Theo hình thức",
            ("Hình thức", *head),
            [[a, *r] for a, r in awards.items()] + _apart(apart),
        ),
        ("Tổng hợp", tuple(total_head), [total_row]),
    ]


def _apart(apart: Sequence[UnitCounts]) -> list[list[object]]:
    """One line per award the units decide themselves, named so (not the office's figures)."""
    awards: dict[str, list[int]] = {}
    for c in apart:
        sums = awards.setdefault(c.award, [0, 0, 0, 0])
        for i, value in enumerate((c.collectives, c.individuals, c.women, c.leaders)):
            sums[i] += value
    note = f"{UNIT_DECIDED}, không tính vào số của cơ quan"
    return [[f"{a} ({note})", *r] for a, r in awards.items()]


def absent_units(checked: PeriodCheck) -> list[tuple[str, str]]:
    """The units in no figure (nothing sent, a workbook with errors, or one of an award the unit
    decides itself), each with its status: the chart names them, so that 3 units of 5 never
    look like the whole period. A unit's second workbook is no unit: not named, not counted."""
    counted = {b.path for b in checked.office_batches}
    own = {b.path for b in checked.unit_decided}
    return [
        (u.name, _absent_label(checked, u.file, own, status_label(u)))
        for u in checked.units
        if u.file not in counted and u.file not in checked.copies
    ]


def _absent_label(checked: PeriodCheck, file: Path | None, own: set[Path], status: str) -> str:
    """Why a unit is in no figure: its award is its own, its dossier failed, else its status."""
    if file in own:
        return UNIT_DECIDED
    return UNBUILT if file in checked.unbuilt else status


def chart(
    counts: Sequence[UnitCounts], title: str, fmt: str, absent: Sequence[tuple[str, str]] = ()
) -> bytes:
    """A one-page chart (PNG or PDF): proposed per unit, stacked, and each council's pass rate;
    the `absent` units (name, status) under them, their status in place of a bar."""
    import matplotlib

    matplotlib.use("Agg")  # no display: a file
    from matplotlib import pyplot as plt

    with plt.rc_context(_serif_rc()):
        return _chart(plt, counts, title, fmt, absent)


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


def _chart(
    plt, counts: Sequence[UnitCounts], title: str, fmt: str, absent: Sequence[tuple[str, str]]
) -> bytes:
    from matplotlib.ticker import MaxNLocator

    width, height = PAGE_MM
    size = (width / 25.4, height / 25.4)
    councils = any(c.council for c in counts)  # else no pass rate to draw: one chart
    if councils:
        fig, (bars, rates) = plt.subplots(1, 2, figsize=size, gridspec_kw={"width_ratios": [3, 2]})
    else:
        fig, bars = plt.subplots(1, 1, figsize=size)
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
    rows = list(range(len(counts) + len(absent)))
    for i, (_, status) in enumerate(absent, start=len(counts)):
        bars.text(0, i, f"  {status}", va="center", color="#7F7F7F", style="italic")
    bars.set_yticks(rows, [_short(c.unit) for c in counts] + [_short(n) for n, _ in absent])
    bars.set_ylim(len(rows) - 0.5, -0.5)  # the first unit on top, the absent ones at the foot
    bars.xaxis.set_major_locator(MaxNLocator(integer=True))
    bars.set_xlim(0, max(a + b for a, b in zip(coll, ind, strict=True)) * 1.25 + 1)
    office = any(c.office_council for c in counts)
    after = " (đã qua Hội đồng cơ quan)" if office else ""
    bars.set_xlabel(f"Số tập thể, cá nhân đề nghị{after}")
    bars.legend(loc="lower right")
    bars.set_title("Đề nghị theo đơn vị")
    if councils:
        _rates(rates, counts, rows)
    fig.suptitle(
        f"{title}\n{_summary(counts, len(rows), after)}",
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


def _summary(counts: Sequence[UnitCounts], units: int, after: str) -> str:
    """The chart's headline: units (of how many, when some are in no figure), collectives and
    individuals, those the office's council left out, the units' councils' pass rate."""
    shown = f"{len(counts)}/{units}" if units > len(counts) else str(len(counts))
    coll, ind = sum(c.collectives for c in counts), sum(c.individuals for c in counts)
    summary = f"{shown} đơn vị: {coll} tập thể, {ind} cá nhân{after}"
    rejected = sum(c.rejected for c in counts)
    if rejected:
        summary += f"; {rejected} không đạt tại Hội đồng cơ quan"
    examined, passed = sum(c.examined for c in counts), sum(c.passed for c in counts)
    if examined:
        rate_text = format_percent(100 * passed / examined, digits=1)
        summary += f"; tỷ lệ đạt tại Hội đồng đơn vị {rate_text}"
    return summary


def _rates(axis, counts: Sequence[UnitCounts], rows: list[int]) -> None:
    """Each unit council's pass rate, level with its bar (a unit without one gets none)."""
    axis.set_title("Tỷ lệ đạt tại Hội đồng của đơn vị")
    axis.set_yticks(rows, [""] * len(rows))
    axis.set_ylim(len(rows) - 0.5, -0.5)
    axis.set_xlim(0, 115)
    axis.barh(rows[: len(counts)], [c.pass_rate for c in counts], height=0.6, color="#70AD47")
    for i, c in enumerate(counts):
        if c.examined:
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


def unit_decided_lines(result: PeriodCheck) -> list[str]:
    """The proposals of awards each unit's own head decides: not the office's to examine, so in
    none of its documents, council sheet or period-wide quotas, and apart in its statistics."""
    out = []
    for award in (a for a in result.period.plan.awards if a.decided_by_unit):
        units = [b.info.unit for b in result.unit_decided if b.info.award.id == award.id]
        if units:
            out.append(
                f"{award.name}: do Thủ trưởng từng đơn vị quyết định, không trình lên cơ quan; "
                f"đề nghị của {', '.join(dict.fromkeys(units))} không có trong văn bản, tệp Hội "
                "đồng và số lượng cả đợt của cơ quan; thống kê ghi riêng một dòng "
                f"“{UNIT_DECIDED}”."
            )
    return out

"""The office's own council (`hoi-dong.xlsx`): its meeting, its members and its vote on every
nominee the units propose, checked like a unit's council; what its Biên bản is made from.

Where the plan asks for a Biên bản, the office's Tờ trình to the awarding authority (or its own
Quyết định) rests on its council's vote as a unit's Tờ trình rests on the unit's: a nominee below
the threshold there is "Không đạt" in the office's Biên bản and goes no further.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.check.birth import read_birth
from pipeline.check.checking import Checking, field_spec
from pipeline.check.council import met_after, met_before_plan, read_council
from pipeline.check.examples import check_examples
from pipeline.check.findings import Findings, Source
from pipeline.check.model import Batch, Council, Individual, Nominee
from pipeline.check.rules import vote_passed
from pipeline.check.validate import check_structure, lock_beside
from pipeline.check.workbook import RawRow, RawSheet, read_workbook
from pipeline.errors import WorkbookUnusable
from pipeline.files import reason
from pipeline.inputs.contract import COUNCIL, OFFICE_COUNCIL_SHEETS, TARGETS, VOTES
from pipeline.inputs.plans import Award
from pipeline.period.config import Period
from pipeline.period.steps import COUNCIL_MAKE, COUNCIL_UPDATE
from pipeline.steps import Advice
from pipeline.vietnamese import format_decimal, format_percent_against, tone_key
from pipeline.vietnamese.authorities import authority_key

COUNCIL_FILE = "hoi-dong.xlsx"  # in the period folder, beside dot-xet.toml
NO_COUNCIL = (
    "kế hoạch yêu cầu Biên bản họp Hội đồng Thi đua - Khen thưởng, nhưng đợt xét chưa có tệp "
    f"{COUNCIL_FILE} (cuộc họp, thành viên, số phiếu của Hội đồng cơ quan): "
)
NOT_YET = ". Văn bản tổng hợp tạo lúc này chưa có Biên bản."
VoteKey = tuple[str, str, str, str, str]  # award id, kind, unit, name, birth date (ISO or "")


def council_body(period: Period) -> str:
    """Whose Hội đồng Thi đua - Khen thưởng the office's council is: as dot-xet.toml says, else
    the body that issues the Quyết định (a Văn phòng serves its People's Committee's council),
    else the office itself."""
    config = period.config
    decided = config.decision.body if config.decides else ""
    return config.office.council_body or decided or config.office.name


def vote_key(award_id: str, unit: str, nominee: Nominee) -> VoteKey:
    """How a vote row finds its nominee: award, kind, unit and name as a person reads them, and
    the birth date that tells two people of the same name apart."""
    birth = nominee.birth_date if isinstance(nominee, Individual) else None
    return (award_id, nominee.kind, authority_key(unit), tone_key(nominee.name), _iso(birth))


def _iso(date: object) -> str:
    return date.isoformat() if date is not None else ""  # type: ignore[attr-defined]


@dataclass(frozen=True)
class OfficeCouncil:
    """The office's council as checked: the meeting and members, and its vote on each nominee."""

    council: Council
    body: str  # whose council it is, as its Biên bản and the Căn cứ lines name it
    votes: Mapping[VoteKey, int]
    file: Path
    sha256: str  # of the workbook as read: the office's documents are rebuilt when it changes

    def votes_of(self, award: Award, batch: Batch, nominee: Nominee) -> int:
        """The council's votes for one nominee of a unit (the check made sure there is one)."""
        return self.votes[vote_key(award.id, batch.info.unit, nominee)]

    def passed(self, award: Award, batch: Batch, nominee: Nominee) -> bool:
        """Whether the nominee reached the award's threshold at the office's council."""
        return vote_passed(self.votes_of(award, batch, nominee), self.council, award)


def proposals(batches: Sequence[Batch]) -> dict[VoteKey, tuple[Batch, Nominee]]:
    """Every nominee the units propose (passed their own council), by the key of its vote row."""
    return {vote_key(b.info.award.id, b.info.unit, n): (b, n) for b in batches for n in b.proposed}


def read_office_council(
    period: Period,
    batches: Sequence[Batch],
    findings: Findings,
    received: dt.date | None = None,
    dated: Mapping[Path, dt.date] | None = None,
) -> OfficeCouncil | None:
    """The office's council when the plan has one and hoi-dong.xlsx is complete, else None;
    every problem (a missing file, a cell, a nominee without votes) goes into `findings`;
    `dated`: a unit's Tờ trình date as the office recorded it on receipt, by workbook."""
    if not period.plan.dossier.has_council:
        return None
    path = period.folder / COUNCIL_FILE
    wanted = proposals(batches)
    if not path.exists():
        if wanted:
            findings.warning(
                Source(str(period.config_path)),
                Advice(NO_COUNCIL, COUNCIL_MAKE, NOT_YET, folder=period.folder),
                "period-council-missing",
            )
        return None
    label = str(path)
    try:
        raw = read_workbook(path, OFFICE_COUNCIL_SHEETS)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except WorkbookUnusable as exc:
        findings.error(Source(label), str(exc).removeprefix(f"{path}: "), "unusable")
        return None
    except OSError as exc:
        findings.error(Source(label), f"không đọc được tệp ({reason(exc, 'đọc')}).", "unusable")
        return None
    ctx = Checking(raw, label, findings, plan=period.plan, review=period.review)
    if lock := lock_beside(path):
        findings.warning(
            Source(label),
            f"tệp đang được mở trong Excel hoặc LibreOffice (bên cạnh có tệp khóa “{lock}”): "
            "hoso đọc bản đã lưu, số phiếu vừa điền mà chưa lưu sẽ không có trong Biên bản và "
            "văn bản của đợt. Hãy lưu tệp (Ctrl+S) rồi chạy lại; nếu không còn ai mở tệp, tệp "
            "khóa do máy tắt đột ngột để lại, có thể xóa.",
            "open-elsewhere",
        )
    check_structure(ctx, OFFICE_COUNCIL_SHEETS)
    council = read_council(ctx, None)
    if council is not None:
        _check_date(ctx, council, period, batches, dated or {})
        _check_received(ctx, council, received)
        check_examples(findings, raw.example_marks, None, council, ())
    votes = _votes(ctx, council, wanted)
    return (
        None
        if council is None
        else OfficeCouncil(council, council_body(period), votes, path, digest)
    )


def _votes(
    ctx: Checking, council: Council | None, wanted: Mapping[VoteKey, tuple[Batch, Nominee]]
) -> dict[VoteKey, int]:
    """The votes sheet: one row per nominee proposed, each within the council's size."""
    sheet = ctx.sheet(VOTES)
    if sheet is None:
        return {}  # check_structure names the missing sheet
    found: dict[VoteKey, int] = {}
    rows: dict[VoteKey, int] = {}  # key → the row that has it (votes typed or not)
    for row in sheet.rows:
        key, votes = _row(ctx, sheet, row, council, wanted)
        if key is None:
            continue
        if key in rows:
            ctx.reader(sheet).error(
                _name_cell(sheet, row), f"trùng với dòng {rows[key]}.", "duplicate"
            )
            continue
        rows[key] = row.number
        if votes is not None:
            found[key] = votes
    for key, (batch, nominee) in wanted.items():
        if key not in rows:
            ctx.findings.error(
                Source(ctx.label, VOTES),
                Advice(
                    f"chưa có số phiếu của {nominee.name} ({batch.info.unit}, "
                    f"{batch.info.award.short_name}): cập nhật tệp Hội đồng (",
                    COUNCIL_UPDATE,
                    ") để thêm dòng còn thiếu (số phiếu đã điền được giữ nguyên).",
                ),
                "period-council-votes",
            )
    return found


def _row(
    ctx: Checking,
    sheet: RawSheet,
    row: RawRow,
    council: Council | None,
    wanted: Mapping[VoteKey, tuple[Batch, Nominee]],
) -> tuple[VoteKey | None, int | None]:
    """One vote row: the nominee it names (None when it names nobody proposed) and its votes."""
    rd, spec, c = ctx.reader(sheet), sheet.spec, row.cells
    awards = {a.name: a for a in ctx.plan.awards} if ctx.plan else {}
    unit = rd.text(c.get("unit"), field_spec(spec, "unit"), True)
    target = rd.choice(c.get("target"), field_spec(spec, "target"), True, tuple(TARGETS.values()))
    name = rd.text(c.get("name"), field_spec(spec, "name"), True)
    birth, _ = read_birth(rd, c.get("birth_date"), field_spec(spec, "birth_date"), False)
    award = rd.choice(c.get("award"), field_spec(spec, "award"), True, tuple(awards))
    votes = rd.integer(c.get("votes"), field_spec(spec, "votes"), True)
    if not unit or not name or target is None or award is None:
        return None, None
    kind = next(k for k, label in TARGETS.items() if label == target)
    key = (
        awards[award].id,
        kind,
        authority_key(unit),
        tone_key(name),
        _iso(birth if kind == "ca-nhan" else None),
    )
    if key not in wanted:
        rd.warning(
            _name_cell(sheet, row),
            Advice(
                f"“{name}” ({unit}, {award}) không có trong hồ sơ hợp lệ của đơn vị nào; dòng này "
                "không được tính (đơn vị đã sửa hồ sơ? cập nhật tệp Hội đồng: ",
                COUNCIL_UPDATE,
                ").",
            ),
            "period-council-unknown",
        )
        return None, None
    if votes is not None and council is not None:
        if votes > council.size:
            rd.error(
                c["votes"],
                f"số phiếu đồng ý ({votes}) lớn hơn tổng số thành viên Hội đồng ({council.size}).",
                "votes",
            )
            return key, None
        threshold = awards[award].vote_threshold_percent
        if not vote_passed(votes, council, awards[award]):
            share = format_percent_against(votes * 100 / council.size, threshold)
            rd.warning(
                c["votes"],
                f"{name}: {votes}/{council.size} phiếu ({share}), dưới mức "
                f"{format_decimal(threshold, 2)}% của kế hoạch; sẽ ghi “Không đạt” trong "
                "Biên bản của Hội đồng và không có trong văn bản tổng hợp.",
                "votes-below",
            )
    return key, votes


def _name_cell(sheet: RawSheet, row: RawRow) -> str:
    return f"{sheet.columns.get('name', 'D')}{row.number}"


def _check_received(ctx: Checking, council: Council, received: dt.date | None) -> None:
    """A council meeting before the last dossier arrived voted on papers it had not seen: an
    error, as an office date before it is (receipt dates are only those recorded in dot-xet.toml,
    never a file's own date)."""
    sheet = ctx.sheet(COUNCIL)
    if sheet is None or "date" not in sheet.form or received is None or council.date >= received:
        return
    ctx.reader(sheet).error(
        sheet.form["date"],
        f"ngày họp Hội đồng ({council.date:%d/%m/%Y}) trước ngày nhận hồ sơ cuối cùng của các đơn "
        f"vị ({received:%d/%m/%Y}, theo khóa received trong dot-xet.toml): Hội đồng chỉ xét được "
        "hồ sơ đã nhận; hãy ghi đúng ngày họp, hoặc sửa ngày nhận.",
        "council-date",
    )


def _check_date(
    ctx: Checking,
    council: Council,
    period: Period,
    batches: Sequence[Batch],
    dated: Mapping[Path, dt.date],
) -> None:
    """The council meets after the units' Tờ trình it examines (as the office recorded them on
    receipt, else as their workbooks date them), before the office's own papers."""
    sheet = ctx.sheet(COUNCIL)
    if sheet is None or "date" not in sheet.form:
        return
    rd, met = ctx.reader(sheet), council.date
    cell = sheet.form["date"]
    if met < period.plan.issued:
        rd.error(cell, met_before_plan(met, period.plan.issued), "date-order")
    _after_units(ctx, sheet, met, period, batches, dated)
    config = period.config
    later = [
        (config.office.date, "office.date", "Tờ trình tổng hợp"),
        (config.decision.date if config.decides else None, "decision.date", "Quyết định"),
    ]
    for date, key, what in later:
        if date is not None and met > date:
            where = f"{period.config_path.name} › {key}"
            rd.error(cell, met_after(met, what, date, where), "council-date")


def _after_units(
    ctx: Checking,
    sheet: RawSheet,
    met: dt.date,
    period: Period,
    batches: Sequence[Batch],
    dated: Mapping[Path, dt.date],
) -> None:
    """A meeting before the last of the units' Tờ trình (the date the office recorded on receipt
    wins over the workbook's, as the consolidated Tờ trình cites it) is an error."""
    latest = max(batches, key=lambda b: dated.get(b.path, b.info.date), default=None)
    if latest is None:
        return
    unit_date = dated.get(latest.path, latest.info.date)
    if met >= unit_date:
        return
    source = f", theo to_trinh_date trong {period.config_path.name}" if latest.path in dated else ""
    ctx.reader(sheet).error(
        sheet.form["date"],
        f"ngày họp Hội đồng ({met:%d/%m/%Y}) trước ngày Tờ trình của {latest.info.unit} "
        f"({unit_date:%d/%m/%Y}{source}): Hội đồng xét hồ sơ các đơn vị đã gửi; hãy ghi đúng "
        "ngày họp, hoặc sửa ngày Tờ trình đã ghi sai.",
        "council-date",
    )

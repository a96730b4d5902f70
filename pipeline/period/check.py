"""`hoso period check`: every unit's workbook checked as on its own, then the period as a whole."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pipeline.check import CheckResult, check_files
from pipeline.check.container import SPREADSHEET_SUFFIXES
from pipeline.check.findings import Finding, Findings, Source
from pipeline.check.model import Batch
from pipeline.check.workbook import find_workbooks
from pipeline.inputs import legal
from pipeline.period.cited import check_cited
from pipeline.period.config import ExpectedUnit, Period
from pipeline.period.council import OfficeCouncil, read_office_council
from pipeline.period.rules import (
    Clash,
    check_copies,
    check_duplicates,
    check_leader_share,
    check_named,
    check_quotas,
    unit_copies,
)
from pipeline.period.settings import check_settings
from pipeline.period.steps import DECISION_EDIT
from pipeline.period.units import default_file, sent_back, unit_key
from pipeline.steps import Advice
from pipeline.vietnamese.numbers import grouped

Status = Literal["chua-nop", "co-loi", "chua-ky", "hop-le", "tre-han"]
STATUS_LABELS: dict[Status, str] = {
    "chua-nop": "chưa nộp",
    "co-loi": "có lỗi",
    "chua-ky": "chưa ký đủ",  # only when the period asks for signed submissions
    "hop-le": "hợp lệ",
    "tre-han": "trễ hạn",
}
# The status table's column of proposals of an award each unit decides itself (counted apart).
OWN_COLUMN = "Đơn vị tự quyết định"
UNNUMBERED = "period-decision-unnumbered"  # the certificates would print a blank number


@dataclass(frozen=True)
class UnitStatus:
    """One unit of the period: what it sent, when, and whether it can be consolidated."""

    name: str
    status: Status
    file: Path | None = None
    received: dt.date | None = None
    errors: int = 0
    warnings: int = 0
    collectives: int = 0  # proposed to the office (passed the unit's council)
    individuals: int = 0
    # Proposed for an award the unit's own head decides: not the office's to count (apart).
    own_collectives: int = 0
    own_individuals: int = 0
    expected: bool = True
    signing: tuple[str, ...] = ()  # with signed submissions: documents unsigned, broken, misfiled
    late: bool = False  # received after the deadline, whatever else its status says
    returned: bool = False  # nothing sent: the office sent its workbook back to be corrected
    findings: tuple[Finding, ...] = ()  # the period's findings counted in this unit's figures

    @property
    def own_counts(self) -> str:
        """Its proposals of an award it decides itself, in words ("1 tập thể, 3 cá nhân")."""
        counts = ((self.own_collectives, "tập thể"), (self.own_individuals, "cá nhân"))
        return ", ".join(f"{n} {word}" for n, word in counts if n)

    @property
    def statuses(self) -> tuple[Status, ...]:
        """Every status the unit is in: its own, and "tre-han" when it is late as well (a late
        unit with errors or unsigned documents counts under both)."""
        return (
            (self.status, "tre-han") if self.late and self.status != "tre-han" else (self.status,)
        )


def shows_own_column(units: Iterable[UnitStatus]) -> bool:
    """Whether the status table (terminal, web page, tinh-trang.xlsx) has the OWN_COLUMN: some
    unit proposes an award it decides itself (a plan merely having one adds an empty column)."""
    return any(u.own_collectives or u.own_individuals for u in units)


@dataclass(frozen=True)
class PeriodCheck:
    """The period's check: each unit's result, the units' statuses, the period-wide findings."""

    period: Period
    results: tuple[CheckResult, ...]
    units: tuple[UnitStatus, ...]
    findings: tuple[Finding, ...]  # across units (quotas, people proposed twice, missing, late)
    council: OfficeCouncil | None = None  # the office's own council, where the plan has one
    last_received: dt.date | None = None  # the latest receipt of a valid workbook it examines
    # Workbooks that are a unit's second copy ("01-… (1).xlsx" beside "01-….xlsx"): in `results`
    # with their findings, said once (period-unit-copy), counted, voted on and built nowhere.
    copies: frozenset[Path] = frozenset()
    # Each nominee two units propose, once (its error is in `findings` at both units' cells).
    clashes: tuple[Clash, ...] = ()
    # Valid workbooks whose dossier `hoso period build` could not make: such a unit has nothing
    # to send up, so the office's documents and figures leave it out (the build says so).
    unbuilt: frozenset[Path] = frozenset()

    def is_copy(self, result: CheckResult) -> bool:
        """Whether `result` is a unit's second workbook (left out of every count)."""
        return result.path in self.copies

    @property
    def batches(self) -> tuple[Batch, ...]:
        """The valid workbooks of this period's plan and review, in the order they were found,
        a unit's second copy and a workbook whose dossier could not be made left out."""
        period = self.period
        return tuple(
            r.batch
            for r in self.results
            if r.batch is not None
            and r.path not in self.copies
            and r.path not in self.unbuilt
            and r.batch.info.plan.id == period.plan.id
            and r.batch.info.review.id == period.review.id
        )

    @property
    def office_batches(self) -> tuple[Batch, ...]:
        """The valid workbooks the office examines: not those of an award each unit's own head
        decides (decided_by_unit), which are neither voted on, counted nor consolidated here."""
        return tuple(b for b in self.batches if not b.info.award.decided_by_unit)

    @property
    def unit_decided(self) -> tuple[Batch, ...]:
        """The valid workbooks of awards each unit decides itself (said apart, counted apart)."""
        return tuple(b for b in self.batches if b.info.award.decided_by_unit)

    @property
    def errors(self) -> int:
        """Every error: the units' workbooks, the period's, and the units' signed documents."""
        own = sum(len(r.errors) for r in self.results)
        signing = sum(len(u.signing) for u in self.units)
        return own + signing + sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        """Every warning, of the units' workbooks and of the period."""
        own = sum(len(r.warnings) for r in self.results)
        return own + sum(f.severity == "warning" for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 when the period can be consolidated (warnings allowed), 1 otherwise."""
        return 1 if self.errors else 0


Checker = Callable[[Sequence[Path]], list[CheckResult]]


def check_period(period: Period, check: Checker = check_files) -> PeriodCheck:
    """Check every workbook in `don-vi/` (with `check`: the web app's keeps unchanged workbooks'
    results), then the period: identity, quotas, duplicates, units."""
    with legal.using(period.legal_file):
        found = find_workbooks([period.units_dir]) if _anything_sent(period) else []
        results = check(found)
    findings = Findings()
    config = Source(str(period.config_path))
    for result in results:
        _check_identity(findings, period, result)
    matched = _match(period.config.units, results)
    copies = unit_copies(matched)  # a unit's second file: said once (check_copies), counted nowhere
    second = {id(c.result) for c in copies}
    valid = [
        r
        for r in results
        if r.batch is not None and not _foreign(period, r) and id(r) not in second
    ]
    check_quotas(findings, period, valid, config)
    check_leader_share(findings, period, valid, config)
    clashes = check_duplicates(findings, valid)
    check_copies(findings, copies)
    received = _last_received(matched, valid)
    # The office examines only what it consolidates or decides: not the awards units decide.
    examined = [r.batch for r in valid if r.batch and not r.batch.info.award.decided_by_unit]
    # The units' Tờ trình dates the office recorded on receipt: its own papers come after them.
    dated = {r.path: u.to_trinh_date for u, r in matched if u and r and u.to_trinh_date}
    council = read_office_council(period, examined, findings, received, dated)
    _check_units(findings, period, [(u, r) for u, r in matched if id(r) not in second], config)
    _check_other_files(findings, period)
    _check_decision(findings, period, config)
    check_settings(findings, period, examined, received, dated)
    paths = frozenset(c.result.path for c in copies)
    statuses = _statuses(period, matched, findings.items, paths)
    return PeriodCheck(
        period,
        tuple(results),
        statuses,
        tuple(findings.items),
        council,
        received,
        paths,
        clashes,
    )


def _last_received(
    matched: list[tuple[ExpectedUnit | None, CheckResult | None]], valid: Sequence[CheckResult]
) -> dt.date | None:
    """When the last valid workbook the office examines arrived, as dot-xet.toml records it
    (`received`): the office's council and Tờ trình come after it (not after a workbook of an
    award the unit decides itself, which never reaches them). A file's own date is no receipt
    date here: a copy made today would date the office's documents today."""
    examined = [v for v in valid if v.batch is not None and not v.batch.info.award.decided_by_unit]
    dates = [
        unit.received
        for unit, result in matched
        if unit is not None and result is not None and any(result is v for v in examined)
    ]
    return max((d for d in dates if d is not None), default=None)


# Files an office keeps beside the units' workbooks that are not a unit's proposal to check.
_ARCHIVES = (".zip", ".rar", ".7z")
_DOCUMENTS = (".doc", ".docx", ".pdf", ".odt")


def _check_other_files(findings: Findings, period: Period) -> None:
    """What lies in don-vi/ that is not checked, said so that no unit is counted "chưa nộp"
    while its file is there: archives, documents without their workbook, workbooks in a
    subfolder; and a period without its don-vi/ at all."""
    folder = period.units_dir
    if not folder.exists():
        findings.warning(
            Source(str(folder)),
            "chưa có thư mục này: tạo thư mục rồi đặt tệp Excel (.xlsx) của các đơn vị vào đó.",
            "period-no-units-folder",
        )
        return
    try:
        entries = sorted(p for p in folder.iterdir() if not p.name.startswith(("~$", ".")))
    except OSError:
        return  # find_workbooks has said why the folder cannot be read
    stems = {p.stem for p in entries if p.suffix.lower() in SPREADSHEET_SUFFIXES}
    for path in entries:
        said = _other_file(path, stems)
        if said:
            findings.warning(Source(str(path)), said, "period-other-file")


def _other_file(path: Path, stems: set[str]) -> str:
    """Why a file or folder of don-vi/ is not checked, or "" when it needs no word."""
    suffix = path.suffix.lower()
    if suffix in _ARCHIVES:
        return (
            "tệp nén: hoso không mở tệp nén nên chưa kiểm tra tệp bên trong; hãy giải nén và đặt "
            "tệp .xlsx của đơn vị vào thư mục don-vi/."
        )
    if suffix in _DOCUMENTS and path.is_file():
        return (
            "văn bản Word/PDF không được kiểm tra: hoso đọc tệp Excel (.xlsx) của đơn vị; văn bản "
            "đã ký của đơn vị đặt trong thư mục cùng tên với tệp Excel của đơn vị."
        )
    if path.is_dir() and path.name not in stems:
        try:
            inside = any(p.suffix.lower() in SPREADSHEET_SUFFIXES for p in path.rglob("*"))
        except OSError:
            return ""
        if inside:
            return (
                "thư mục này có tệp Excel nhưng hoso chỉ đọc tệp đặt thẳng trong don-vi/: hãy "
                "chuyển tệp .xlsx của đơn vị ra don-vi/."
            )
    return ""


def _check_decision(findings: Findings, period: Period, config: Source) -> None:
    """A decision without its number or date: its certificates and register would print blanks."""
    decision = period.config.decision
    missing = [w for w, v in (("số", decision.number), ("ngày", decision.date)) if not v]
    if not period.decided or not missing:
        return
    findings.warning(
        config,
        Advice(
            f"[decision]: Quyết định khen thưởng chưa có {' và '.join(missing)}. Quyết định được "
            f"tạo để trống cho văn thư ghi khi ban hành, nhưng {period.certificates} và sổ theo "
            "dõi khen thưởng cần số, ngày đó: khi Quyết định đã ban hành, ",
            DECISION_EDIT,
            " rồi mới in trên phôi.",
        ),
        UNNUMBERED,
    )


def _anything_sent(period: Period) -> bool:
    """Whether don-vi/ holds a workbook (a new period's empty folder: every unit not sent)."""
    try:
        return any(p.suffix.lower() in SPREADSHEET_SUFFIXES for p in period.units_dir.iterdir())
    except FileNotFoundError:
        return False
    except OSError:
        return True  # find_workbooks says why it cannot be read


def _foreign(period: Period, result: CheckResult) -> bool:
    """A workbook of another plan or review (not counted in the period)."""
    h = result.heading
    return h.plan_id != period.plan.id or h.review_id != period.review.id


# What the office does with a workbook made for another plan or review (hoso init's choice).
_NOT_OURS = (
    "Hãy đề nghị đơn vị lập lại tệp Excel theo kế hoạch và đợt xét này (chép dữ liệu sang), hoặc "
    "chuyển tệp ra khỏi thư mục don-vi/ nếu không phải hồ sơ của đợt."
)


def _check_identity(findings: Findings, period: Period, result: CheckResult) -> None:
    """A workbook made for another plan or review is an error at the cell that says so."""
    h = result.heading
    if h.plan_id is not None and h.plan_id != period.plan.id:
        findings.error(
            h.plan_cell or Source(result.label),
            f"tệp thuộc kế hoạch {h.plan_id}, không phải kế hoạch của đợt xét ({period.plan.id}) "
            f"nên chưa được tính vào đợt. {_NOT_OURS}",
            "period-plan",
        )
    elif h.review_id is not None and h.review_id != period.review.id:
        findings.error(
            h.review_cell or Source(result.label),
            f"tệp thuộc đợt xét {h.review_id}, không phải “{period.review.label}” "
            f"({period.review.id}) của đợt này nên chưa được tính vào đợt. {_NOT_OURS}",
            "period-review",
        )


def _match(
    expected: Sequence[ExpectedUnit], results: Sequence[CheckResult]
) -> list[tuple[ExpectedUnit | None, CheckResult | None]]:
    """Pair expected units with workbooks: by the file the office named (or that name saved in
    another format: "05-….ods" for "05-….xlsx"), else by the file named after the unit (as the
    web app files a unit's submission); only then, for units still without one, by the unit's
    name in the workbook (a file is its unit's whatever its cell says)."""
    free = list(results)
    names = [u.name for u in expected]
    found: dict[int, CheckResult] = {}

    def take(i: int, result: CheckResult | None) -> None:
        if result is not None:
            found[i] = result
            free.remove(result)

    for i, unit in enumerate(expected):
        if unit.file:
            stem = Path(unit.file).stem
            take(i, next((r for r in free if r.path.name == unit.file), None))
            if i not in found:
                take(i, next((r for r in free if r.unusable and r.path.stem == stem), None))
        else:
            named = default_file(unit.name, names)
            take(i, next((r for r in free if r.path.name == named), None))
    for i, unit in enumerate(expected):
        if i not in found:
            key = unit_key(unit.name)
            take(i, next((r for r in free if unit_key(r.heading.unit) == key), None))
    pairs: list[tuple[ExpectedUnit | None, CheckResult | None]]
    pairs = [(unit, found.get(i)) for i, unit in enumerate(expected)]
    return pairs + [(None, r) for r in free]


def _received(unit: ExpectedUnit | None, result: CheckResult) -> dt.date | None:
    """When the office received a workbook: as recorded in dot-xet.toml, else the file's date
    (None for a file gone or unreadable: its own finding says so)."""
    if unit is not None and unit.received is not None:
        return unit.received
    try:
        return dt.date.fromtimestamp(result.path.stat().st_mtime)
    except OSError:
        return None


RETURNED_LABEL = "đã trả lại để sửa"  # a unit with nothing sent whose workbook was sent back


def status_label(unit: UnitStatus) -> str:
    """A unit's status in words; one whose workbook the office sent back is not "chưa nộp"."""
    return RETURNED_LABEL if unit.returned else STATUS_LABELS[unit.status]


def _returned(period: Period, unit: ExpectedUnit) -> bool:
    """Whether the office sent the unit's workbook back (not sent again): corrected, not missing."""
    name = unit.file or default_file(unit.name, [u.name for u in period.config.units])
    return sent_back(period.folder, name)


def _check_units(
    findings: Findings,
    period: Period,
    matched: list[tuple[ExpectedUnit | None, CheckResult | None]],
    config: Source,
) -> None:
    """Units that sent nothing, sent late, or are not expected."""
    deadline = period.config.deadline
    for unit, result in matched:
        if result is None and unit is not None and _returned(period, unit):
            said = f"{unit.name}: hồ sơ {RETURNED_LABEL}, chưa nộp lại."
            findings.warning(config, said, "period-returned")
        elif result is None and unit is not None:
            findings.warning(config, f"{unit.name}: chưa nộp hồ sơ.", "period-missing")
        elif result is not None and unit is None:
            who = result.heading.unit or "(chưa ghi Cơ quan trình khen)"
            missing = [u for u, r in matched if r is None and u is not None]
            findings.warning(
                result.heading.unit_cell or Source(result.label),
                f"{who} không có trong danh sách đơn vị của đợt xét ({config.file}); "
                + _likely(who, result.path.name, missing),
                "period-unexpected",
            )
        if result is not None and unit is not None:
            check_named(findings, period, unit, result)
            check_cited(findings, period, unit, result)
        if unit is not None and unit.received is not None and unit.received > dt.date.today():
            findings.warning(
                config,
                f"{unit.name}: ngày nhận hồ sơ (received = {unit.received:%Y-%m-%d}) chưa tới; "
                "hãy kiểm tra năm, tháng đã ghi.",
                "period-received-future",
            )
        if result is not None and unit is not None and deadline is not None:
            received = _received(unit, result)  # an unexpected file is named above, not dated
            if received is not None and received > deadline:
                late = (received - deadline).days
                findings.warning(
                    Source(result.label),
                    f"nộp ngày {received:%d/%m/%Y}, trễ {grouped(late)} ngày so với hạn {deadline:%d/%m/%Y}.",
                    "period-late",
                )


def _likely(who: str, file: str, missing: Sequence[ExpectedUnit]) -> str:
    """What to do about an unexpected workbook: the expected unit that has sent nothing and whose
    name is closest (a typo, "UBND xã …"), else add the unit to the list."""

    names = {unit_key(u.name): u.name for u in missing}
    close = difflib.get_close_matches(unit_key(who), list(names), n=1, cutoff=0.75)
    if not close:
        return "hãy thêm vào [[units]] nếu đơn vị này được nộp."
    return (
        f'có phải là “{names[close[0]]}” (chưa nộp)? Nếu đúng, hãy ghi file = "{file}" cho '
        "đơn vị đó trong [[units]], hoặc sửa ô Cơ quan trình khen cho đúng tên."
    )


def _statuses(
    period: Period,
    matched: list[tuple[ExpectedUnit | None, CheckResult | None]],
    findings: Sequence[Finding],
    copies: frozenset[Path],
) -> tuple[UnitStatus, ...]:
    """The status table: one row per expected unit, then the unexpected workbooks (a unit's
    second copy among them, its error said, its nominees counted nowhere)."""
    rows = []
    for unit, result in matched:
        if result is None:
            returned = unit is not None and _returned(period, unit)
            rows.append(UnitStatus(unit.name if unit else "", "chua-nop", returned=returned))
            continue
        own = [f for f in findings if f.source.file == result.label]
        errors = len(result.errors) + sum(f.severity == "error" for f in own)
        warnings = len(result.warnings) + sum(f.severity == "warning" for f in own)
        late = any(f.code == "period-late" for f in own)
        status: Status = "co-loi" if errors else "tre-han" if late else "hop-le"
        # Another plan's or review's workbook, or a unit's second copy, proposes no one here.
        batch = None if _foreign(period, result) or result.path in copies else result.batch
        by_unit = batch is not None and batch.info.award.decided_by_unit
        office = None if by_unit else batch
        rows.append(
            UnitStatus(
                name=unit.name if unit else result.heading.unit or result.path.stem,
                status=status,
                file=result.path,
                received=_received(unit, result) if period.config.deadline else None,
                errors=errors,
                warnings=warnings,
                collectives=len(office.proposed_collectives) if office else 0,
                individuals=len(office.proposed_individuals) if office else 0,
                own_collectives=len(batch.proposed_collectives) if batch and by_unit else 0,
                own_individuals=len(batch.proposed_individuals) if batch and by_unit else 0,
                expected=unit is not None,
                late=late,
                findings=tuple(own),
            )
        )
    return tuple(rows)

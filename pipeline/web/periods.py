"""A period as the office sees it: the units' statuses, quota bars, people proposed twice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from filelock import FileLock, Timeout

from pipeline.check import CheckResult
from pipeline.check.findings import Finding
from pipeline.errors import HosoError
from pipeline.files import os_error, write_atomically
from pipeline.inputs.plans import TARGET_LABELS
from pipeline.period.check import (
    RETURNED_LABEL,
    STATUS_LABELS,
    PeriodCheck,
    UnitStatus,
    check_period,
)
from pipeline.period.config import Period as PeriodFolder
from pipeline.period.config import load_period
from pipeline.period.signatures import with_signatures
from pipeline.period.units import default_file, unit_key
from pipeline.web.check_cache import CHECKS, SIGNATURES
from pipeline.web.models import Period, Proposal, Unit, Upload
from pipeline.web.uploads import example_rows, upload_path
from pipeline.web.wording import for_office, on_page, unit_files

# "da-nop": a workbook in the period, the first badge of every unit that sent one, before what
# the check says of it (có lỗi, trễ hạn…); "tra-lai": its submission sent back by the office;
# "tai-len-…": a version uploaded here but not submitted, never to be read as sent.
LABELS = {
    **STATUS_LABELS,
    "da-nop": "đã nộp",
    "tra-lai": RETURNED_LABEL,  # as the period's check and chart say it
    "tai-len-hop-le": "đã tải lên, hợp lệ",
    "tai-len-co-loi": "đã tải lên, có lỗi",
}
LOCKS = "khoa"  # in the data folder: one lock file per proposal being submitted or returned
CLI_RESULTS = "ket-qua"  # where `hoso period build` writes by default, inside the period folder
DUPLICATE = "period-duplicate"  # people proposed twice: the page lists them in their own section
TWICE = "xem mục “Người, tập thể được đề nghị hai lần”"


@dataclass(frozen=True)
class UnitRow:
    """One unit on the period page. Its figures are those of what it sent into the period; None
    for a unit with nothing there (an upload not submitted yet is described in the note)."""

    name: str
    status: str  # a key of LABELS
    errors: int | None
    warnings: int | None
    collectives: int | None
    individuals: int | None
    note: str = ""
    proposal: int | None = None  # the proposal submitted here, which the office may send back
    workbook: str = ""  # its workbook's name in the period's don-vi/, when it sent one
    also: tuple[str, ...] = ()  # further statuses: "tre-han" for a late unit with errors
    expected: bool = False  # in the period's list of units (its receipt date can be recorded)
    received: dt.date | None = None  # the day its dossier was received, recorded or the file's
    recorded: bool = False  # `received` is the office's record, not the file's date
    # Its proposals of an award it decides itself, in words ("" for none); None when not
    # counted (nothing sent, or a workbook with errors: no one in it is proposed yet).
    own: str | None = None
    copy: bool = False  # a unit's second workbook: counted nowhere, as `hoso period check` says
    version: int | None = None  # the number of the version submitted here, if it came so
    uploaded: str = ""  # the name of the file its clerk uploaded, if it came so
    anchor: str = ""  # its row's id on the page (row_anchor): none for a unit's second workbook

    @property
    def badges(self) -> list[tuple[str, str]]:
        """Each status the unit is in, (key, words), its own first."""
        return [(key, LABELS[key]) for key in (self.status, *self.also)]

    @property
    def label(self) -> str:
        """The statuses in words ("chưa ký đủ, trễ hạn")."""
        return ", ".join(words for _, words in self.badges)


@dataclass(frozen=True)
class QuotaBar:
    """An award's count of one target group against the period's quota."""

    award: str
    target: str
    count: int
    limit: int

    @property
    def percent(self) -> int:
        """The bar's length (capped at 100)."""
        return min(100, round(100 * self.count / self.limit)) if self.limit else 0

    @property
    def over(self) -> bool:
        """More than the quota."""
        return self.count > self.limit


TRUST = "tin-cay"  # in the data folder: the roots and CRLs signed files are checked against


def folder_of(period: Period) -> PeriodFolder:
    """The period folder behind a period record, loaded and validated."""
    return load_period(Path(settings.DATA_DIR) / period.folder)


def record_period(slug: str, folder: PeriodFolder, title: str = "") -> Period:
    """The record of a period folder of the data folder (titled `title`, else by its review and
    office), its expected units' records, and the proposals of its plan and review that were not
    tied to a period yet."""
    period, _ = Period.objects.get_or_create(
        slug=slug,
        defaults={
            "folder": str(folder.folder.relative_to(settings.DATA_DIR)),
            "plan_id": folder.plan.id,
            "review_id": folder.review.id,
            "title": title or f"{folder.review.label}: {folder.config.office.name}",
        },
    )
    for unit in folder.config.units:
        Unit.objects.get_or_create(name=unit.name)
    Proposal.objects.filter(
        plan_id=period.plan_id, review_id=period.review_id, period__isnull=True
    ).update(period=period)
    return period


def unit_rows(period: Period, checked: PeriodCheck) -> list[UnitRow]:
    """Each unit: from its submitted workbook, else from its latest upload here, else not sent."""
    # Two queries for the whole period, not a few per unit: a province has hundreds of units.
    # Names compared as a person reads them (case, tone placement): an account's unit may have
    # been typed "Uỷ ban…" where the period lists "Ủy ban…", as the submission's file name is found.
    proposals: dict[str, list[Proposal]] = {}
    for proposal in Proposal.objects.filter(period=period).select_related("unit", "submitted"):
        proposals.setdefault(unit_key(proposal.unit.name), []).append(proposal)
    uploads = Upload.objects.filter(proposal__period=period).select_related("proposal__unit")
    # The last wins.
    latest = {unit_key(up.proposal.unit.name): up for up in uploads.order_by("at", "pk")}
    rows = []
    for u in checked.units:
        mine = proposals.get(unit_key(u.name), [])
        if u.file is not None:
            result = next((r for r in checked.results if r.path == u.file), None)
            copy = result is not None and checked.is_copy(result)
            rows.append(_sent_row(u, mine, f"{checked.period.folder}/", result, copy))
            continue
        last = latest.get(unit_key(u.name))
        returned = _returned_row(u.name, mine, last)
        if returned is not None:
            rows.append(returned)
        elif last is None:
            rows.append(UnitRow(u.name, "chua-nop", *NOTHING))
        else:
            draft = ("tai-len-co-loi" if last.errors else "tai-len-hop-le",)
            note = f"{_draft(last)}, chưa nộp"
            rows.append(UnitRow(u.name, "chua-nop", *NOTHING, note, also=draft))
    versions = {r.workbook: r.version for r in rows if r.workbook}
    named = unit_files_named(rows)
    rows = [
        replace(r, note=unit_files(named_places(r.note, checked.period, versions), named))
        for r in rows
    ]
    names = [u.name for u in checked.period.config.units]
    rows = [_dated(row, u, checked.period) for row, u in zip(rows, checked.units, strict=True)]
    # A unit the period does not list whose workbook the office sent back keeps its row, as a
    # listed unit's: the office lands on it after the return and reads the outcome there.
    shown = {unit_key(u.name) for u in checked.units}
    for key, mine in proposals.items():
        returned = None if key in shown else _returned_row(mine[0].unit.name, mine, latest.get(key))
        rows += [returned] if returned is not None else []
    return [replace(r, anchor="" if r.copy else row_anchor(r.name, names)) for r in rows]


def _returned_row(name: str, mine: list[Proposal], last: Upload | None) -> UnitRow | None:
    """The row of a unit whose submission the office sent back (its latest return, and what its
    clerk uploaded since), or None when none of its proposals was sent back."""
    returned = max(
        (p for p in mine if p.returned_at is not None),
        key=lambda p: p.returned_at,
        default=None,
    )
    if returned is None:
        return None
    when = timezone.localtime(returned.returned_at).strftime("%d/%m/%Y")
    note = f"đã trả lại ngày {when}: {returned.returned_note}"
    if last is not None and last.at > returned.returned_at:
        note += f"; {_draft(last)}, chưa nộp lại"
    return UnitRow(name, "tra-lai", *NOTHING, note)


def row_anchor(name: str, names: Iterable[str]) -> str:
    """The id of a unit's row on the period page ("don-vi-xa-phu-nghia"), where the office lands
    after acting on it (its receipt, its return) and reads the outcome: from the name the
    period's list (`names`) spells it with, as its workbook's file is named (default_file)."""
    listed = list(names)
    key = unit_key(name)
    name = next((n for n in listed if unit_key(n) == key), name)
    return "don-vi-" + Path(default_file(name, listed)).stem


def _dated(row: UnitRow, unit: UnitStatus, folder: PeriodFolder) -> UnitRow:
    """The row with the day the unit's dossier was received: the office's record, else (with a
    deadline, the lateness is counted from it) the date of its file. A unit's second copy
    bears its unit's name but not its receipt: its own file's date, if any."""
    if row.copy:
        return replace(row, received=unit.received)
    key = unit_key(unit.name)
    expected = next((u for u in folder.config.units if unit_key(u.name) == key), None)
    if expected is not None and expected.received is not None:
        return replace(row, expected=True, received=expected.received, recorded=True)
    return replace(row, expected=expected is not None, received=unit.received)


NOTHING = (None, None, None, None)  # a unit's figures while nothing of it is in the period


SHOWN_ERRORS = 2  # of a unit's workbook, in its note: the rest are in the workbook's own check


def _sent_row(
    u: UnitStatus, mine: list[Proposal], here: str, result: CheckResult | None, copy: bool
) -> UnitRow:
    """The row of a unit whose workbook is in the period: its figures (no proposals counted of
    a workbook with errors, as `hoso period check` says "–"), and in its note the first errors
    of its workbook (the office sees why it is "có lỗi") and what the period says of it (late,
    unsigned documents, another unit's name in its workbook), in the office's words (no
    dot-xet.toml key, no path of the period folder). A unit's second copy (`copy`) counts no one."""
    status = "da-nop"
    errors = result.errors if result is not None else []
    said = [f"lỗi trong tệp: {_where(f)}{f.message.rstrip('.')}" for f in errors[:SHOWN_ERRORS]]
    if len(errors) > SHOWN_ERRORS:
        said.append(f"còn {len(errors) - SHOWN_ERRORS} lỗi khác (mở tệp Excel của đơn vị)")
    said += [
        for_office(_where(f) + on_page(f.message).rstrip(".")).replace(here, "")
        for f in u.findings
        if f.code != DUPLICATE
    ]
    twice = sum(f.code == DUPLICATE for f in u.findings)
    if twice:
        said.append(f"{twice} tập thể, cá nhân cũng được đơn vị khác đề nghị ({TWICE})")
    note = "; ".join([*(for_office(s) for s in u.signing), *said])
    # A second copy is the office's to take away: the unit's submission is sent back from the
    # row of its workbook, not from the copy's.
    submitted = None if copy else next((p for p in mine if p.submitted is not None), None)
    counted = result is not None and result.batch is not None and not copy
    proposed = (u.collectives, u.individuals) if counted else (None, None)
    also = tuple(s for s in u.statuses if s != "hop-le")  # said after "đã nộp"
    workbook = u.file.name if u.file else ""
    return UnitRow(
        u.name,
        status,
        u.errors,
        u.warnings,
        *proposed,
        note,
        submitted.pk if submitted else None,
        workbook,
        also,
        own=u.own_counts if counted else None,
        copy=copy,
        version=submitted.submitted.number if submitted and submitted.submitted else None,
        uploaded=submitted.submitted.name if submitted and submitted.submitted else "",
    )


def named_places(text: str, folder: PeriodFolder, versions: dict[str, int | None]) -> str:
    """A finding's text with each unit workbook's path (the period's don-vi/ folder, which no
    one sees on the web) said as the version submitted here ("phiên bản 2, Cá nhân!C7"), or
    left out ("Cá nhân!C7"): the unit is named beside it."""

    def said(found: re.Match[str]) -> str:
        number = versions.get(found.group(1))
        return f"phiên bản {number}, " if number else ""

    units = folder.units_dir.relative_to(folder.folder).as_posix()
    path = f"(?:{re.escape(str(folder.folder))}/)?{re.escape(units)}/([^/›]+?) › "
    return re.sub(path, said, text)


def unit_files_named(rows: list[UnitRow]) -> dict[str, str]:
    """Each workbook of the period's don-vi/ as the office knows it: its unit, as the period
    names it, and the file its clerk uploaded (else the file's own name, as it was received)."""
    return {r.workbook: f"{r.name} (tệp “{r.uploaded or r.workbook}”)" for r in rows if r.workbook}


def _where(finding: Finding) -> str:
    """A finding's sheet and cell, when it has them ("Thông tin chung!B6: ")."""
    source = finding.source
    return f"{source.sheet}!{source.cell}: " if source.sheet and source.cell else ""


def _draft(upload: Upload) -> str:
    """An upload not submitted, with its figures (not the period's: it is not in it)."""
    report = upload.report
    figures = (
        f"{upload.errors} lỗi, {upload.warnings} cảnh báo, {report.get('collectives', 0)} tập "
        f"thể, {report.get('individuals', 0)} cá nhân"
    )
    # Never to be sent: the office knows why the unit has not (see pipeline.web.uploads).
    example = ", còn dữ liệu ví dụ (hư cấu)" if example_rows(upload) else ""
    return f"đã tải lên phiên bản {upload.number} ({figures}){example}"


def quota_bars(checked: PeriodCheck) -> list[QuotaBar]:
    """Counts of the valid units' proposals against each quota of the period's review; not of
    an award each unit's own head decides (its own count, as `hoso period check` says)."""
    folder = checked.period
    bars = []
    for award in folder.plan.awards:
        quota = award.quota_for(folder.review.id)
        if quota is None or award.decided_by_unit:
            continue
        batches = [b for b in checked.office_batches if b.info.award.id == award.id]
        for target in ("tap-the", "ca-nhan"):
            limit = quota.limit(target)  # type: ignore[arg-type]
            if limit is None:
                continue
            count = sum(
                len(b.proposed_collectives if target == "tap-the" else b.proposed_individuals)
                for b in batches
            )
            bars.append(QuotaBar(award.name, TARGET_LABELS[target], count, limit))  # type: ignore[index]
    return bars


def trust_dir() -> Path | None:
    """The data folder's trust folder (CA certificates, CRLs), when the administrator made one."""
    folder = Path(settings.DATA_DIR) / TRUST
    return folder if folder.is_dir() else None


def overview(
    period: Period, results: Path | None = None
) -> tuple[PeriodCheck, list[UnitRow], list[QuotaBar]]:
    """The period checked, its unit rows and its quota bars; when the period asks for signed
    PDFs, each unit's against the documents of the period's last build (`results`; before any
    finished here, those `hoso period build` wrote into the period folder, as `hoso period check`
    reads them)."""
    folder = folder_of(period)
    checked = check_period(folder, CHECKS)
    if folder.config.signed:
        checked = with_signatures(
            checked, results or folder.folder / CLI_RESULTS, trust_dir(), SIGNATURES
        )
    return checked, unit_rows(period, checked), quota_bars(checked)


def expected_units() -> list[tuple[Period, str]]:
    """Every (period, unit name) the periods expect, the newest period first; a period whose
    dot-xet.toml cannot be read is left out (its own page says what is wrong with it)."""
    pairs = []
    for period in Period.objects.order_by("-pk"):
        try:
            pairs += [(period, unit.name) for unit in folder_of(period).config.units]
        except HosoError:
            continue
    return pairs


def unit_workbook(proposal: Proposal) -> Path:
    """Where the proposal's unit's workbook goes in its period's don-vi/."""
    assert proposal.period is not None
    folder = folder_of(proposal.period)
    return folder.units_dir / _file_name(folder, proposal.unit)


@contextmanager
def proposal_lock(pk: int) -> Iterator[None]:
    """One change at a time to a proposal's place in its period (a clerk submitting, the office
    sending it back): two people acting at once never leave it marked submitted while its file
    was sent back. HosoError when another change holds it for over a minute."""
    folder = Path(settings.DATA_DIR) / LOCKS
    lock = FileLock(folder / f"de-nghi-{pk}.lock", timeout=60)
    try:
        folder.mkdir(exist_ok=True)
        lock.acquire()
    except Timeout:  # before OSError: filelock's Timeout is a TimeoutError
        raise HosoError(
            "đề nghị này đang được nộp hoặc trả lại; hãy thử lại sau ít phút."
        ) from None
    except OSError as exc:
        raise os_error(exc, folder, "ghi") from None
    try:
        yield  # what the body raises is its own, not the lock's
    finally:
        lock.release()


def submit_upload(proposal: Proposal, upload: Upload) -> Path:
    """Put an uploaded version into the period's don-vi/ as the unit's workbook (replacing it)."""
    target = unit_workbook(proposal)
    write_atomically(target, lambda tmp: shutil.copyfile(upload_path(upload), tmp))
    return target


def _file_name(folder: PeriodFolder, unit: Unit) -> str:
    """The file the office named for this unit, else the one `hoso period check` pairs with the
    unit's name (never the file of another unit whose name differs only in tone marks)."""
    key = unit_key(unit.name)
    for expected in folder.config.units:
        if unit_key(expected.name) == key and expected.file:
            return expected.file
    return default_file(unit.name, [u.name for u in folder.config.units])


def period_for(unit: Unit, plan_id: str, review_id: str) -> Period | None:
    """The period a unit's proposal for a plan and review goes to: the newest that expects the
    unit, else the newest of that plan and review (its check then says the unit is unexpected)."""
    key = unit_key(unit.name)
    for period, name in expected_units():
        if (period.plan_id, period.review_id) == (plan_id, review_id) and unit_key(name) == key:
            return period
    return Period.objects.filter(plan_id=plan_id, review_id=review_id).order_by("-pk").first()


def changed_since(folder: PeriodFolder, when: dt.datetime) -> list[str]:
    """What of the period changed after a run of its documents began (its files' times): the
    documents of that run may be out of date."""
    sources = {
        "thông tin đợt xét": [folder.config_path],
        # A folder's own time changes when a file in it is added or removed.
        "tệp của đơn vị": [folder.units_dir, *_files(folder.units_dir, "*.xlsx")],
        "tệp Hội đồng": [folder.folder / "hoi-dong.xlsx"],
        "căn chỉnh phôi": [folder.stock_dir, *_files(folder.stock_dir, "*.toml")],
    }
    moment = when.timestamp()
    return [what for what, paths in sources.items() if any(_mtime(p) > moment for p in paths)]


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0

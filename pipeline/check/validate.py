"""Check a workbook against the contract and its plan: every problem at once, then a frozen Batch."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import range_boundaries

from pipeline.check.agreement import check_people
from pipeline.check.beside import label_conflicts
from pipeline.check.checking import Checking
from pipeline.check.council import read_council
from pipeline.check.criteria import check_coverage, read_criteria
from pipeline.check.date_order import check_date_order
from pipeline.check.drafts import Draft
from pipeline.check.examples import check_examples, shipped_marks
from pipeline.check.findings import Finding, Source, group_repeats, in_sheet_order
from pipeline.check.headers import sheet_key
from pipeline.check.hidden import hidden_parts
from pipeline.check.info import read_info, read_selection
from pipeline.check.model import Batch, BatchInfo, Council, CriterionResult
from pipeline.check.nominees import read_nominees
from pipeline.check.plausible import check_plausible
from pipeline.check.reports import check_report_dates, dated
from pipeline.check.rules import check_batch, check_nominated, check_texts
from pipeline.check.similar import likeliest, name_likeness
from pipeline.check.workbook import RawSheet, read_workbook
from pipeline.errors import WorkbookUnusable
from pipeline.inputs.contract import (
    COLLECTIVES,
    CRITERIA,
    INDIVIDUALS,
    INFO,
    SHEETS,
    SheetSpec,
)
from pipeline.resources import PLANS_DIR


@dataclass(frozen=True)
class Heading:
    """Whose workbook this is, read even when it has errors: plan, review, proposing unit."""

    plan_id: str | None
    review_id: str | None
    unit: str  # "Cơ quan trình khen" as typed (cleaned), "" when absent
    plan_cell: Source | None = None
    review_cell: Source | None = None
    unit_cell: Source | None = None


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one workbook: the batch (None when it has errors) and findings."""

    path: Path
    label: str
    batch: Batch | None
    findings: tuple[Finding, ...]
    unusable: str | None = None  # why the file could not be used at all
    heading: Heading = Heading(None, None, "")

    @property
    def errors(self) -> list[Finding]:
        """Findings that block building."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings that are reported but do not block."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def exit_code(self) -> int:
        """0 without errors, 1 with errors, 2 when the file could not be used."""
        return 2 if self.unusable else 1 if self.errors else 0


def check_file(
    path: Path,
    *,
    label: str | None = None,
    plans_dir: Path = PLANS_DIR,
    sha256: str | None = None,
) -> CheckResult:
    """Read and check one workbook; never raises for bad input (see CheckResult.unusable).

    `sha256` is the workbook's digest when the caller has it already (a build hashes once).
    """
    label = label or str(path)
    try:
        raw = read_workbook(path)
    except WorkbookUnusable as exc:
        finding = Finding("error", Source(label), str(exc).removeprefix(f"{path}: "), "unusable")
        return CheckResult(path, label, None, (finding,), unusable=str(finding))
    ctx = Checking(raw, label)
    if lock := lock_beside(path):
        ctx.findings.warning(
            Source(label),
            f"tệp đang được mở trong Excel hoặc LibreOffice (bên cạnh có tệp khóa “{lock}”): "
            "hoso đọc bản đã lưu, những gì vừa sửa mà chưa lưu sẽ không có trong hồ sơ. Hãy lưu "
            "tệp (Ctrl+S) rồi chạy lại; nếu không còn ai mở tệp, tệp khóa do máy tắt đột ngột "
            "để lại, có thể xóa.",
            "open-elsewhere",
        )
    batch, heading = _check(ctx, plans_dir, sha256)
    sheets = [*raw.sheets, *(spec.name for spec in SHEETS)]
    findings = in_sheet_order(group_repeats(ctx.findings), sheets)
    batch = None if ctx.findings.has_errors else batch
    return CheckResult(path, label, batch, findings, heading=heading)


def lock_beside(path: Path) -> str | None:
    """The name of the lock file Excel ("~$hoso.xlsx") or LibreOffice (".~lock.hoso.xlsx#")
    keeps beside a workbook it has open."""
    names = (f"~${path.name}", f".~lock.{path.name}#")
    try:
        return next((n for n in names if (path.parent / n).is_file()), None)
    except OSError:
        return None


def check_files(paths: Iterable[Path], *, plans_dir: Path = PLANS_DIR) -> list[CheckResult]:
    """Check several workbooks independently."""
    return [check_file(p, plans_dir=plans_dir) for p in paths]


def _check(ctx: Checking, plans_dir: Path, sha256: str | None) -> tuple[Batch | None, Heading]:
    """Every sheet, then the rules across them; the Batch when nothing is in error."""
    check_structure(ctx)
    check_date_order(ctx)
    ctx = read_selection(ctx, plans_dir)
    info = read_info(ctx)
    return _rules(ctx, info, sha256), _heading(ctx, info)


def _heading(ctx: Checking, info: BatchInfo | None) -> Heading:
    """The workbook's plan, review and proposing unit, with their cells."""
    sheet = ctx.sheet(INFO)
    if sheet is None:
        return Heading(None, None, "")
    rd = ctx.reader(sheet)
    cells = {k: rd.where(sheet.form[k]) for k in ("plan", "review", "unit") if k in sheet.form}
    raw_unit = sheet.form["unit"].value if "unit" in sheet.form else None
    unit = info.unit if info is not None else " ".join(str(raw_unit or "").split())
    return Heading(
        ctx.plan.id if ctx.plan else None,
        ctx.review.id if ctx.review else None,
        unit,
        cells.get("plan"),
        cells.get("review"),
        cells.get("unit"),
    )


def _rules(ctx: Checking, info: BatchInfo | None, sha256: str | None) -> Batch | None:
    """The nominee sheets and every rule across sheets; the Batch when nothing is in error."""
    council = read_council(ctx, info)
    collectives = read_nominees(ctx, COLLECTIVES, council)
    individuals = read_nominees(ctx, INDIVIDUALS, council)
    unread = _unread_nominees(ctx)
    criteria: dict[str, tuple[CriterionResult, ...]] = {}
    if unread:
        _criteria_skipped(ctx, unread)
    else:
        criteria = read_criteria(ctx, [*collectives, *individuals])
        check_coverage(ctx, collectives, criteria)
    check_people(ctx.findings, individuals)
    check_texts(ctx.findings, collectives, individuals)
    if not unread:
        check_nominated(ctx.findings, ctx.label, collectives, individuals)
    check_examples(
        ctx.findings,
        ctx.raw.example_marks,
        _signer(ctx, info),
        council,
        [*collectives, *individuals],
        shipped_marks(ctx.plan.id) if ctx.plan is not None else frozenset(),
    )
    if info is None or ctx.plan is None:
        return None
    check_batch(ctx.findings, ctx.label, info, council, collectives, individuals)
    check_report_dates(ctx.findings, ctx.plan.issued, info, council, [*collectives, *individuals])
    check_plausible(ctx.findings, info.date, [*collectives, *individuals])
    if ctx.findings.has_errors:
        return None
    return Batch(
        path=ctx.raw.path,
        sha256=sha256 or hashlib.sha256(ctx.raw.path.read_bytes()).hexdigest(),
        info=info,
        council=council,
        collectives=_frozen(collectives, criteria, info, council),
        individuals=_frozen(individuals, criteria, info, council),
    )


def _unread_nominees(ctx: Checking) -> list[str]:
    """The nominee sheets that could not be read (absent, or without their name column): their
    error is said once, and the checks across sheets that need their names are not run."""
    return [
        name
        for name in (COLLECTIVES, INDIVIDUALS)
        if (sheet := ctx.sheet(name)) is None or "name" not in sheet.columns
    ]


def _criteria_skipped(ctx: Checking, unread: Sequence[str]) -> None:
    """Say that the "Chỉ tiêu" rows wait for the nominee sheets to be readable."""
    sheet = ctx.sheet(CRITERIA)
    if sheet is None or not sheet.rows:
        return
    names = " và ".join(f"“{name}”" for name in unread)
    ctx.findings.warning(
        Source(ctx.label, CRITERIA),
        f"chưa đối chiếu được sheet “{CRITERIA}” vì chưa đọc được sheet {names} (xem lỗi ở "
        "trên); sửa lỗi đó rồi kiểm tra lại.",
        "criteria-skipped",
    )


def _frozen(
    drafts: Sequence[Draft],
    criteria: Mapping[str, tuple[CriterionResult, ...]],
    info: BatchInfo,
    council: Council | None,
) -> Any:
    """The drafts' nominees, each with its criteria (from "Chỉ tiêu") and its report's date."""
    return tuple(
        dated(replace(d.nominee, criteria=criteria.get(d.nominee.id, ())), info, council)
        for d in drafts
    )


def _signer(ctx: Checking, info: BatchInfo | None) -> tuple[str, Source] | None:
    """The Tờ trình's signer and the cell of the name."""
    sheet = ctx.sheet(INFO)
    if info is None or sheet is None or "signer_name" not in sheet.form:
        return None
    return info.signer.name, ctx.reader(sheet).where(sheet.form["signer_name"])


def check_structure(ctx: Checking, specs: Sequence[SheetSpec] = SHEETS) -> None:
    """Missing, doubled and unread sheets, missing, doubled or moved headers and labels, merged
    cells, hidden rows (of a unit's workbook, or of another workbook's `specs`)."""
    _tabs(ctx, specs)
    for spec in specs:
        sheet = ctx.sheet(spec.name)
        if sheet is None:
            if spec.need == "yes":
                ctx.findings.error(
                    Source(ctx.label, spec.name),
                    f"thiếu sheet “{spec.name}”{_near_title(ctx, spec.name)}.",
                    "sheet",
                )
            continue
        _header_row(ctx, sheet)
        _missing(ctx, sheet)
        _duplicates(ctx, sheet)
        for coord, said in label_conflicts(sheet):
            ctx.findings.warning(Source(ctx.label, spec.name, coord), said, "beside")
        for ref in sheet.merged_headers:
            ctx.findings.error(
                Source(ctx.label, spec.name, ref.split(":")[0]),
                f"ô tiêu đề {ref} bị gộp nên hoso chỉ thấy tiêu đề ở ô đầu, dữ liệu các cột còn "
                "lại của ô gộp bị bỏ qua; hãy bỏ gộp ô (Trang đầu › Gộp và Căn giữa) và ghi đúng "
                "tên tiêu đề của từng cột.",
                "merged-header",
            )
        for ref in sheet.merged:
            ctx.findings.error(
                Source(ctx.label, spec.name, ref.split(":")[0]), _merged(ref), "merged"
            )
        hidden_parts(ctx, sheet)


def _merged(ref: str) -> str:
    """A merged range of data: only its first cell holds a value, the others read empty."""
    first, last = ref.split(":")
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if max_row > min_row:
        rows = f"dòng {max_row}" if max_row == min_row + 1 else f"các dòng {min_row + 1}–{max_row}"
        return (
            f"ô gộp {ref}: mỗi dòng cần giá trị riêng; hoso chỉ thấy giá trị ở {first}, {rows} "
            "để trống. Hãy bỏ gộp ô và điền đủ từng dòng."
        )
    rest = f"ô {last}" if max_col == min_col + 1 else f"các ô sau đến {last}"
    return (
        f"ô gộp {ref}: mỗi cột cần giá trị riêng; hoso chỉ thấy giá trị ở {first}, {rest} để "
        "trống. Hãy bỏ gộp ô và điền đủ từng ô."
    )


def _missing(ctx: Checking, sheet: RawSheet) -> None:
    """Each label or header of the contract the sheet lacks (all of a form's in one error when
    they are in another column)."""
    spec = sheet.spec
    if sheet.header_moved.startswith("column:"):
        column = sheet.header_moved.removeprefix("column:")
        before = "cột A" if column == "B" else f"các cột A–{chr(ord(column) - 1)}"
        ctx.findings.error(
            Source(ctx.label, spec.name, f"{column}2"),
            f"các nhãn (“{spec.fields[0].header}”, “{spec.fields[1].header}”…) ở cột {column}, "
            f"không ở cột A: có lẽ đã chèn thêm cột vào bên trái; hãy xóa {before} để nhãn ở "
            "cột A và giá trị ở cột B như mẫu.",
            "header-row",
        )
        return
    for field_spec, cell, found in sheet.missing:
        what = "dòng" if spec.layout == "form" else "cột"
        where = Source(ctx.label, spec.name, cell)
        if field_spec.need == "no" and spec.layout == "table":
            # An optional column a workbook made by an older hoso does not have yet.
            ctx.findings.warning(
                where,
                f"chưa có cột “{field_spec.header}” (không bắt buộc): {field_spec.comment}",
                "optional-column",
            )
            continue
        extra = f" (ô này ghi “{_short(found)}”)" if found else ""
        fix = "giữ đúng tên tiêu đề của mẫu."
        if spec.layout == "table" and sheet_key(found) in {
            sheet_key(f.header) for f in spec.fields
        }:
            # The header of the next column moved here: this column was deleted.
            extra = f" (ô này là tiêu đề cột “{_short(found)}”: có lẽ cột “{field_spec.header}” đã bị xóa)"
            fix = (
                f"hãy chèn lại một cột có tiêu đề “{field_spec.header}” (ở đâu cũng được) và điền."
            )
        ctx.findings.error(where, f"thiếu {what} “{field_spec.header}”{extra}; {fix}", "header")


def _short(text: str, limit: int = 50) -> str:
    """A typed value quoted in a message: its first line, cut at `limit` characters."""
    lines = str(text).strip().splitlines() or [""]
    first = lines[0].strip()
    if len(first) > limit:
        return first[: limit - 1].rstrip() + "…"
    return first + ("…" if len(lines) > 1 else "")


def _header_row(ctx: Checking, sheet: RawSheet) -> None:
    """A table whose header row is not the first: a title typed above, or a sort moved it."""
    row, where = sheet.header_row, Source(ctx.label, sheet.spec.name, f"A{sheet.header_row}")
    if sheet.header_moved == "title":
        above = "dòng 1" if row == 2 else f"các dòng 1–{row - 1}"
        ctx.findings.error(
            where.at("A1"),
            f"tiêu đề cột ở dòng {row}, không phải dòng 1: hãy xóa {above} (tiêu đề của mẫu "
            "phải ở dòng 1).",
            "header-row",
        )
    elif sheet.header_moved == "sorted":
        ctx.findings.error(
            where,
            f"dòng tiêu đề đã bị sắp xếp xuống dòng {row}, lẫn vào dữ liệu: hãy sắp xếp lại trừ "
            "dòng tiêu đề (Ctrl+Z để hoàn tác lần sắp xếp, hoặc chuyển dòng này lên dòng 1; khi "
            "sắp xếp, chọn “Dữ liệu có tiêu đề”).",
            "header-row",
        )


def _duplicates(ctx: Checking, sheet: RawSheet) -> None:
    """A label or header written twice: hoso reads the first, the other would be lost."""
    form = sheet.spec.layout == "form"
    for header, first, again in sheet.duplicates:
        if form:
            row, other = first[1:], again[1:]
            lost = f"giá trị ở B{other} bị bỏ qua; hãy giữ một dòng và xóa dòng {other}"
            read = f"hoso chỉ đọc dòng {row}"
        else:
            col, other = first.rstrip("0123456789"), again.rstrip("0123456789")
            lost = f"dữ liệu cột {other} bị bỏ qua; hãy gộp vào một cột và xóa cột thừa"
            read = f"hoso chỉ đọc cột {col}"
        what = "nhãn" if form else "cột"
        ctx.findings.error(
            Source(ctx.label, sheet.spec.name, again),
            f"{what} “{header}” có ở cả {first} và {again}: {read}, {lost}.",
            "duplicate-header",
        )


def _tabs(ctx: Checking, specs: Sequence[SheetSpec]) -> None:
    """Two tabs whose names read the same, and sheets hoso does not read that hold values."""
    clashed = set()
    for first, again in ctx.raw.clashes:
        clashed.add(again)
        ctx.findings.error(
            Source(ctx.label, again),
            f"có hai sheet “{first}” và “{again}” trùng tên (chỉ khác khoảng trắng, chữ hoa/thường "
            f"hoặc cách gõ dấu); hoso chỉ đọc sheet “{first}”, sheet “{again}” bị bỏ qua; hãy "
            "chuyển dữ liệu vào một sheet và xóa sheet kia.",
            "sheet-clash",
        )
    missing = [s.name for s in specs if ctx.sheet(s.name) is None]
    for title in ctx.raw.unread:
        if title in clashed or any(title in _renamed(ctx, name) for name in missing):
            continue  # said with the clash, or with the missing sheet
        ctx.findings.warning(Source(ctx.label, title), _unread(title, specs), "unread-sheet")
    title, cells = ctx.raw.guide
    if cells:
        more = f" (và {len(cells) - 1} ô khác)" if len(cells) > 1 else ""
        ctx.findings.warning(
            Source(ctx.label, title, cells[0]),
            f"sheet “{title}” có dữ liệu ở ô {cells[0]}{more}, nhưng đây là sheet hướng dẫn, "
            "hoso không đọc: những gì ghi ở đó không được đưa vào hồ sơ; hãy chuyển vào đúng "
            "sheet của mẫu (“Tập thể”, “Cá nhân”, …).",
            "unread-sheet",
        )


def _unread(title: str, specs: Sequence[SheetSpec]) -> str:
    """What becomes of a sheet hoso does not read, saying which sheet it looks like a copy of."""
    like = likeliest(title, [s.name for s in specs])
    if like is None:
        return (
            f"sheet “{title}” có dữ liệu nhưng hoso không đọc sheet này: những gì ghi ở đó không "
            "được đưa vào hồ sơ; nếu cần, hãy chuyển vào đúng sheet của mẫu."
        )
    return (
        f"sheet “{title}” trông như bản sao của sheet “{like}” nhưng hoso chỉ đọc sheet “{like}”: "
        f"các dòng của sheet “{title}” không được đọc; hãy chuyển chúng vào sheet “{like}” rồi "
        "xóa sheet này."
    )


def _renamed(ctx: Checking, name: str) -> list[str]:
    """Sheets hoso does not read whose names look like a contract sheet's, likeliest first."""
    read = {sheet.title for sheet in ctx.raw.sheets.values()}
    scored = [(name_likeness(t, name), t) for t in ctx.raw.titles if t not in read]
    return [t for score, t in sorted(scored, key=lambda st: -st[0]) if score]


def _near_title(ctx: Checking, name: str) -> str:
    """A hint naming a sheet whose name looks like the contract's (accents, case, a copy)."""
    titles = _renamed(ctx, name)
    if not titles:
        return ""
    return f" (có sheet “{titles[0]}”: hãy đổi tên thành “{name}”)"

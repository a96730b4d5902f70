"""What `hoso period check` prints: each unit's findings, the period's, a status table; or JSON."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from pipeline.authoring.examples import example_values
from pipeline.check.examples import EXAMPLE_CODE
from pipeline.check.findings import Finding
from pipeline.cli.texts import findings_text, has_examples
from pipeline.inputs.contract import COLLECTIVES
from pipeline.period.check import (
    OWN_COLUMN,
    STATUS_LABELS,
    PeriodCheck,
    UnitStatus,
    shows_own_column,
    status_label,
)
from pipeline.period.config import Period
from pipeline.period.council import COUNCIL_FILE
from pipeline.period.council_sheet import CouncilSheet, council_state
from pipeline.period.statistics import OWN_LEGEND, unit_decided_lines


def period_text(result: PeriodCheck) -> str:
    """The units' findings as `hoso check` prints them, the period's own, then the status table."""
    p = result.period
    # Said by what the clerk knows it as: the review, the movement, who issued the plan.
    out = [
        f"Đợt xét “{p.review.label}”, phong trào “{p.plan.movement}” ({p.plan.issuer.short}, "
        f"mã kế hoạch {p.plan.id}), thư mục {p.folder}"
    ]
    if result.results:
        out += findings_text(list(result.results)).splitlines()[:-1]
    own = [f for f in result.findings]
    errors = [f for f in own if f.severity == "error"]
    warnings = [f for f in own if f.severity == "warning"]
    if own:
        out.append(f"{'✗' if errors else '✓'} Cả đợt: {len(errors)} lỗi, {len(warnings)} cảnh báo")
        dated = file_dated(result)
        out += _section("Lỗi", errors) + _section("Cảnh báo", warnings, dated)
    unread = {r.path for r in result.results if r.batch is None}
    out += ["", *(status_table(result.units, unread, result.copies) if result.units else [])]
    if not p.config.units:
        out += no_units_hint(p)
    council = council_state(result)
    if council is not None:
        out.append(f"Hội đồng của cơ quan ({COUNCIL_FILE}): {council}")
    signing = [u for u in result.units if u.signing]
    if signing:
        out += ["", "Văn bản đã ký số của các đơn vị:"]
        for unit in signing:
            # Where its signed PDFs go: a folder of the workbook's name, beside it.
            where = f" (bản đã ký đặt vào {unit.file.with_suffix('')}/)" if unit.file else ""
            out += [f"  {unit.name}{where}:", *(f"    - {problem}" for problem in unit.signing)]
    out += unit_decided_text(result)
    out += examples_text(result)
    out.append(f"Tổng cộng: {result.errors} lỗi, {result.warnings} cảnh báo.")
    return "\n".join(out)


def example_units(result: PeriodCheck, files: Collection[Path] | None = None) -> list[str]:
    """The units whose workbook still holds example (fictional) rows, by name (of `files` only,
    when given: a build's, those its dossiers were made from); a unit's second workbook, counted
    nowhere, is no unit of its own (its findings name it)."""
    names = {u.file: u.name for u in result.units if u.file is not None}
    return [
        names.get(r.path, r.label)
        for r in result.results
        if has_examples(r.findings)
        and (files is None or r.path in files)
        and r.path not in result.copies
    ]


def examples_text(result: PeriodCheck) -> list[str]:
    """A period that still holds example rows, said once, loudly, with the units and files
    named: a clerk who tried `--example` and then added real units must not send its output."""
    units = example_units(result)
    council = any(f.code == EXAMPLE_CODE for f in result.findings)  # the office's hoi-dong.xlsx
    if not units and not council:
        return []
    where = [f"tệp của {len(units)} đơn vị ({'; '.join(units)})"] if units else []
    where += [f"{COUNCIL_FILE} (Hội đồng của cơ quan)"] if council else []
    return [
        f"⚠ ĐỢT XÉT CÒN DỮ LIỆU VÍ DỤ (HƯ CẤU) trong {' và '.join(where)}: KHÔNG in, ký hay gửi "
        "văn bản nào của đợt trước khi thay bằng dữ liệu thật (các ô ví dụ nêu trong cảnh báo ở "
        "trên)."
    ]


def check_steps(result: PeriodCheck) -> str:
    """What `hoso period check` says to do next: fix the period's own errors first (the office's
    documents wait for them), else build; units in error are left out until they fix theirs."""
    folder = result.period.folder
    if any(f.severity == "error" for f in result.findings):
        return (
            "Tiếp theo: sửa các lỗi của cả đợt (✗ Cả đợt ở trên) rồi chạy lại “hoso period check "
            f"{folder}”; văn bản của cơ quan chỉ được tạo khi cả đợt hết lỗi."
        )
    waiting = sum(u.status == "co-loi" for u in result.units if u.file not in result.copies)
    later = f"; {waiting} đơn vị có lỗi chưa được tính cho đến khi sửa xong tệp" if waiting else ""
    return (
        f"Tiếp theo: hoso period build {folder} (hồ sơ của các đơn vị hợp lệ và văn bản của cơ "
        f"quan){later}."
    )


def init_text(p: Period, review: str, example: bool) -> str:
    """What `hoso period init` says: what it wrote (the example units and council, with
    --example) and the commands that follow, in the order of the work."""
    folder = p.folder
    sent = sorted(p.units_dir.glob("*.xlsx"))
    council = (folder / COUNCIL_FILE).exists()
    lines = [
        f"Đã tạo đợt xét trong {folder}: kế hoạch {p.plan.id}, đợt “{review}”.",
        f"  {p.config_path}: cơ quan nhận hồ sơ, hạn nộp, danh sách đơn vị (hãy sửa).",
    ]
    if example:
        missing = len(p.config.units) - len(sent)
        lines.append(
            f"  {p.units_dir}/: tệp Excel ví dụ (hư cấu) của {len(sent)} đơn vị"
            + (f"; {missing} đơn vị trong danh sách chưa nộp" if missing > 0 else "")
            + ". Đợt thật: thay bằng tệp của các đơn vị."
        )
    else:
        lines.append(f"  {p.units_dir}/: đặt tệp Excel của các đơn vị vào đây.")
    if council:
        lines.append(f"  {folder / COUNCIL_FILE}: Hội đồng của cơ quan (ví dụ), đã biểu quyết.")
    lines.append(f"Rồi: hoso period check {folder} (kiểm tra cả đợt)")
    if p.plan.dossier.has_council:  # the office's council votes before anything is consolidated
        what = (
            f"khi đơn vị nộp thêm hay sửa tệp: thêm dòng vào {COUNCIL_FILE}"
            if council
            else f"tạo {COUNCIL_FILE} để Hội đồng của cơ quan biểu quyết"
        )
        lines.append(f"  → hoso period council {folder} ({what}, rồi điền số phiếu)")
    lines.append(f"  → hoso period build {folder} (văn bản của đợt).")
    if p.decided:  # the office prints its own certificates: the stock is aligned first
        lines.append(
            f"  → hoso period certificates {folder} --test-page (trang in thử để căn chỉnh phôi "
            "trước khi in " + ", ".join(sorted({a.name for a in p.decided})) + ")."
        )
    return "\n".join(lines)


def no_units_hint(p: Period) -> list[str]:
    """What a period that lists no units says: where and how to list them (a unit of the plan's
    own example data as the example, so that its place is the plan's)."""
    collectives = example_values(p.plan, p.review, collectives=1)[COLLECTIVES]
    name = collectives[0]["name"] if collectives else "Ủy ban nhân dân xã …"
    return [
        f"Chưa có đơn vị nào phải nộp: {p.config_path} chưa liệt kê đơn vị. Thêm mỗi đơn vị một "
        "mục vào cuối tệp đó, tên ghi đúng như ô “Cơ quan trình khen” trong tệp Excel của đơn vị, "
        "ví dụ:",
        "    [[units]]",
        f'    name = "{name}"',
        f"rồi đặt tệp Excel của các đơn vị vào {p.units_dir}/ và chạy lại “hoso period check”.",
    ]


def council_text(written: CouncilSheet) -> str:
    """What `hoso period council` says: the file, its rows, what was kept, what still waits."""
    kept = f", giữ nguyên {written.kept} số phiếu đã điền" if written.kept else ""
    lines = [
        f"Đã ghi {written.path}: {written.rows} dòng biểu quyết (mỗi tập thể, cá nhân các đơn vị "
        f"hợp lệ đề nghị){kept}."
        if written.rows
        else f"Đã ghi {written.path}: chưa có gì để biểu quyết (chưa đơn vị nào có hồ sơ hợp lệ đề "
        "nghị tập thể, cá nhân). Khi đơn vị nộp hồ sơ hợp lệ, chạy lại lệnh này để thêm.",
    ]
    if written.leftover:
        lines.append(
            f"⚠ {written.leftover} dòng đã điền trước đây không còn trong hồ sơ của đơn vị nào: "
            "giữ ở cuối sheet “Biểu quyết” (không được tính); xóa khi không cần."
        )
    for award, units in written.unit_decided:
        lines.append(
            f"ℹ {award}: do Thủ trưởng từng đơn vị quyết định, Hội đồng của cơ quan không biểu "
            f"quyết; đề nghị của {', '.join(units)} không có dòng trong tệp này."
        )
    if written.waiting:
        lines.append(
            "⚠ Đơn vị còn lỗi, chưa có trong danh sách: "
            + "; ".join(written.waiting)
            + ". Khi đơn vị sửa xong, chạy lại lệnh này để thêm."
        )
    folder = written.path.parent  # hoi-dong.xlsx lives in the period's folder
    lines.append(
        f"Tiếp theo: điền cuộc họp, thành viên và số phiếu, rồi “hoso period check {folder}” và "
        f"“hoso period build {folder}” (Biên bản của Hội đồng có trong tong-hop/)."
    )
    return "\n".join(lines)


def _section(
    title: str, findings: list[Finding], after: Mapping[int, str] | None = None
) -> list[str]:
    """Findings under a title, each followed by what `after` adds to it (by the finding's id)."""
    more = after or {}
    return [f"  {title}:", *(f"    {f}{more.get(id(f), '')}" for f in findings)] if findings else []


def file_dated(result: PeriodCheck) -> dict[int, str]:
    """What follows a unit's late warning when its date is only the file's: a file saved from
    an email or copied after the deadline looks late. How to record the day it really came
    (the web's files are dated when uploaded: there the date is the real one)."""
    p = result.period
    unrecorded = {u.name for u in p.config.units if u.received is None}
    deadline = f"{p.config.deadline:%Y-%m-%d}" if p.config.deadline else ""
    return {
        id(f): (
            f" Đó là ngày của tệp: {p.config_path} chưa ghi ngày nhận. Nếu hồ sơ đến đúng hạn, "
            f"ghi ngày nhận ở mục [[units]] của “{u.name}”, ví dụ received = {deadline}."
        )
        for u in result.units
        if u.name in unrecorded
        for f in u.findings
        if f.code == "period-late"
    }


def status_table(
    units: tuple[UnitStatus, ...], unread: Collection[Path] = (), copies: Collection[Path] = ()
) -> list[str]:
    """One line per unit: status, collectives and individuals proposed to the office, errors,
    warnings; "–" for the counts of a unit that sent nothing or whose workbook could not be read
    (`unread`): not known, where 0 would say it proposes no one. Proposals of an award each
    unit decides itself are counted apart, in a column of their own (as in the statistics).
    A unit's second workbook (`copies`) has its row, named so, counted in no figure."""
    head = ("Đơn vị", "Tình trạng", "Tập thể", "Cá nhân", "Lỗi", "Cảnh báo")
    apart = shows_own_column(units)
    head += (OWN_COLUMN,) if apart else ()

    def count(unit: UnitStatus, n: int) -> str:
        return "–" if unit.file is None or unit.file in unread or unit.file in copies else str(n)

    def own(unit: UnitStatus) -> str:
        # "–" where the counts are: not known (the web page's table says the same).
        return "–" if count(unit, 0) == "–" else unit.own_counts

    def name(unit: UnitStatus) -> str:
        if unit.file in copies:
            return f"{unit.name} (tệp thứ hai, không tính)"
        return unit.name + ("" if unit.expected else " (ngoài danh sách)")

    rows = [
        (
            name(u),
            status_label(u),
            count(u, u.collectives),
            count(u, u.individuals),
            str(u.errors),
            str(u.warnings),
            *((own(u),) if apart else ()),
        )
        for u in units
    ]
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    line = "  ".join
    out = [line(c.ljust(w) for c, w in zip(head, widths, strict=True))]
    out += [line(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    if apart:
        out.append(OWN_LEGEND)
    # A late unit with errors or unsigned documents counts under both.
    counted = [u for u in units if u.file not in copies]  # a second file is no unit of its own
    counts = {
        label: sum(key in u.statuses for u in counted) for key, label in STATUS_LABELS.items()
    }
    if not counts[STATUS_LABELS["chua-ky"]]:  # a status only of periods asking for signatures
        del counts[STATUS_LABELS["chua-ky"]]
    out.append("Số đơn vị: " + ", ".join(f"{label} {n}" for label, n in counts.items()))
    return out


def period_json(result: PeriodCheck) -> str:
    """The same as JSON: units with their status and findings, the period's findings, counts."""
    data: dict[str, Any] = {
        "plan": result.period.plan.id,
        "review": result.period.review.id,
        "units": [_unit(u, result) for u in result.units],
        "findings": [f.as_dict() for f in result.findings],
        "status_counts": {
            k: sum(k in u.statuses for u in result.units if u.file not in result.copies)
            for k in STATUS_LABELS
        },
        "errors": result.errors,
        "warnings": result.warnings,
        "council": council_state(result),  # the office council's workbook, in one sentence
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _unit(unit: UnitStatus, result: PeriodCheck) -> dict[str, Any]:
    own = next((r for r in result.results if r.path == unit.file), None)
    return {
        "name": unit.name,
        "status": unit.status,
        "status_label": status_label(unit),
        "file": str(unit.file) if unit.file else None,
        "received": unit.received.isoformat() if unit.received else None,
        "expected": unit.expected,
        "copy": unit.file in result.copies,  # a unit's second workbook: counted nowhere
        "collectives": unit.collectives,
        "individuals": unit.individuals,
        # Of an award the unit's own head decides: not in the office's counts.
        "unit_decided": {
            "collectives": unit.own_collectives,
            "individuals": unit.own_individuals,
        },
        "errors": unit.errors,
        "warnings": unit.warnings,
        "findings": [f.as_dict() for f in own.findings] if own else [],
        "signing": list(unit.signing),
    }


def unit_decided_text(result: PeriodCheck) -> list[str]:
    """The proposals of awards each unit's own head decides, as the terminal says them."""
    return [f"ℹ {line}" for line in unit_decided_lines(result)]


def nothing_decided(p: Period) -> str:
    """Why a period whose office decides no award prints nothing on stock, nor a test page."""
    if p.config.decides:  # only awards each unit decides: the check's warning says why
        return (
            f"{p.config_path} › decides: chỉ có hình thức do Thủ trưởng từng đơn vị quyết định, "
            "cơ quan không tự quyết định hình thức nào, nên không có Bằng khen, Giấy khen để in "
            "(cũng không cần trang in thử)."
        )
    return (
        f"{p.config_path}: khóa decides trống: cơ quan không tự quyết định hình thức nào (các "
        "đề nghị được trình lên cấp trên), nên không có Bằng khen, Giấy khen để in (cũng không "
        'cần trang in thử). Nếu cơ quan quyết định một hình thức, ghi mã của nó: decides = ["mã '
        f'hình thức"] (các mã: hoso plans show {p.plan.id}).'
    )


def nothing_to_print(checked: PeriodCheck) -> str:
    """Why `hoso period certificates` has no certificate to print: the one cause that holds."""
    p = checked.period
    if not p.decided:
        return nothing_decided(p)
    errors = sum(f.severity == "error" for f in checked.findings)
    if errors:
        return f"Cả đợt còn {errors} lỗi: sửa theo “hoso period check {p.folder}”, rồi in lại."
    unsigned = [u.name for u in checked.units if u.signing]
    if unsigned:
        return (
            f"Còn đơn vị chưa ký đủ văn bản: {'; '.join(unsigned)} (xem “hoso period check "
            f"{p.folder}”); phôi chỉ in khi mọi đơn vị đã ký đủ."
        )
    names = ", ".join(a.name for a in p.decided)
    return (
        f"Chưa có ai đạt {names} (hình thức do cơ quan quyết định): chưa đơn vị hợp lệ nào đề "
        "nghị, hoặc chưa ai qua Hội đồng của cơ quan."
    )

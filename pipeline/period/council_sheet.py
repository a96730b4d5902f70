"""`hoso period council`: the office council's workbook (hoi-dong.xlsx) with one vote row per
nominee the valid units propose; what the office typed before (meeting, members, votes) is kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.authoring.examples import example_values
from pipeline.authoring.scaffold import Audience, write_workbook
from pipeline.check.birth import year_alone
from pipeline.check.model import Batch, Individual, Nominee
from pipeline.check.validate import lock_beside
from pipeline.check.workbook import RawRow, RawSheet, read_workbook
from pipeline.errors import OutputError, WorkbookUnusable
from pipeline.inputs.contract import (
    COUNCIL,
    MEMBERS,
    OFFICE_COUNCIL_SHEETS,
    TARGETS,
    VOTES,
    example_mark,
)
from pipeline.inputs.legal import current_name
from pipeline.inputs.wording import vote_rule
from pipeline.period.check import PeriodCheck
from pipeline.period.config import Period
from pipeline.period.council import COUNCIL_FILE, council_body
from pipeline.vietnamese import DateParseError, parse_date, tone_key

# Who reads the guide: an office at a terminal (`hoso period council`), or one that downloaded the
# workbook from the period page and never types a command; each is told its own steps.
EXAMPLE_NOTICE = (
    "TỆP VÍ DỤ: cuộc họp, thành viên và số phiếu trong tệp này là hư cấu (đợt xét ví dụ). Hãy "
    "điền cuộc họp thật của Hội đồng trước khi tạo văn bản để in, ký và gửi; lệnh "
    "hoso period check báo mọi thành viên ví dụ còn sót."
)
WEB_EXAMPLE_NOTICE = (
    "TỆP VÍ DỤ: cuộc họp, thành viên và số phiếu trong tệp này là hư cấu (đợt xét ví dụ). Hãy "
    "điền cuộc họp thật của Hội đồng trước khi tạo văn bản để in, ký và gửi; khi tải tệp lên, "
    "trang đợt xét báo mọi thành viên ví dụ còn sót ở mục “Lỗi, cảnh báo chung của đợt”."
)
NOTICES: dict[Audience, str] = {"cli": EXAMPLE_NOTICE, "web": WEB_EXAMPLE_NOTICE}
RowKey = tuple[str, str, str, str, str]  # unit, target, name, birth, award: as a person reads them


@dataclass(frozen=True)
class CouncilSheet:
    """What `hoso period council` wrote: the file, its vote rows, what it kept from before."""

    path: Path
    rows: int  # nominees proposed by the valid units
    kept: int  # of them, votes typed before and kept
    leftover: int  # rows typed before for nominees no longer proposed (kept at the end)
    waiting: tuple[str, ...]  # units whose workbook has errors: their nominees come later
    # Awards each unit's head decides, and who proposes them: no rows (not the office's vote).
    unit_decided: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _not_open(path: Path) -> None:
    """Refuse to write over the workbook while Excel or LibreOffice has it open (its lock file
    beside it): votes typed there but not saved would be lost, or would overwrite the new rows."""
    if lock := lock_beside(path):
        raise OutputError(
            f"{path} đang được mở trong Excel hoặc LibreOffice (bên cạnh có tệp khóa "
            f"“{lock}”): hoso không ghi vào tệp đang mở, vì số phiếu vừa điền mà chưa lưu sẽ "
            "bị mất. Hãy lưu và đóng tệp rồi chạy lại lệnh; nếu không còn ai mở tệp, tệp "
            "khóa do máy tắt đột ngột để lại, có thể xóa."
        )


def write_council_sheet(
    checked: PeriodCheck, *, example: bool = False, audience: Audience = "cli"
) -> CouncilSheet:
    """Write (or bring up to date) hoi-dong.xlsx; `example` fills the meeting and the votes with
    fictional values (`hoso period init --example`); its guide gives the `audience`'s steps."""
    period = checked.period
    if not period.plan.dossier.has_council:
        raise OutputError(
            f"Kế hoạch {period.plan.id} không yêu cầu Biên bản họp Hội đồng: đợt xét không cần "
            f"{COUNCIL_FILE}."
        )
    path = period.folder / COUNCIL_FILE
    _not_open(path)
    before, typed, marks = _previous(path)
    rows, kept = [], 0
    for batch in checked.office_batches:  # not the awards each unit decides itself
        for nominee in batch.proposed:
            row = _row(period, batch, nominee)
            old = before.pop(_key(row), None)
            kept += old is not None and old.get("votes") is not None
            rows.append(row | {"votes": old.get("votes") if old else None})
    leftover = list(before.values())
    values: dict[str, Any] = {VOTES: [*rows, *leftover]}
    values |= typed
    if example:
        values |= _example(checked, rows)
        marks |= {example_mark(MEMBERS, m["name"]) for m in values[MEMBERS]}
    for i, row in enumerate(values[VOTES], start=1):
        row["stt"] = i
    write_workbook(
        path,
        period.plan,
        period.review,
        values,
        sorted(marks),
        sheets=OFFICE_COUNCIL_SHEETS,
        guide=guide_lines(checked, example=bool(marks), audience=audience),
    )
    # A unit's second copy is in error, but the unit's own workbook gave its rows above.
    waiting = tuple(
        u.name for u in checked.units if u.status == "co-loi" and u.file not in checked.copies
    )
    return CouncilSheet(path, len(rows), kept, len(leftover), waiting, _unit_decided(checked))


def _unit_decided(checked: PeriodCheck) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each award units decide themselves that some unit proposes, with those units."""
    found: dict[str, dict[str, None]] = {}
    for batch in checked.unit_decided:
        found.setdefault(batch.info.award.name, {})[batch.info.unit] = None
    return tuple((award, tuple(units)) for award, units in found.items())


def council_state(checked: PeriodCheck) -> str | None:
    """One sentence on the office council's workbook for the office (None: the plan has none)."""
    period = checked.period
    if not period.plan.dossier.has_council:
        return None
    if not (period.folder / COUNCIL_FILE).exists():
        return "Chưa có tệp Hội đồng: văn bản tổng hợp tạo lúc này chưa có Biên bản."
    if checked.council is None or any(
        f.severity == "error" and f.source.file.endswith(COUNCIL_FILE) for f in checked.findings
    ):
        return "Tệp Hội đồng còn lỗi: xem lỗi, cảnh báo của cả đợt."
    met = checked.council.council.date
    return (
        f"Hội đồng họp ngày {met:%d/%m/%Y}, đã biểu quyết {len(checked.council.votes)} tập thể, "
        "cá nhân; Biên bản có trong văn bản của đợt."
    )


def _row(period: Period, batch: Batch, nominee: Nominee) -> dict[str, Any]:
    """A vote row; the award as the period names it (a merged province's successor, as its
    Quyết định and list do), whatever day the unit's Tờ trình is of."""
    award = period.plan.award(batch.info.award.id) or batch.info.award
    birth = nominee.birth_date if isinstance(nominee, Individual) else None
    return {
        "unit": batch.info.unit,
        "target": TARGETS[nominee.kind],
        "name": nominee.name,
        # A year alone (or a month and year) is written as text, as the unit gave it: as a number,
        # the date-formatted cell would show 1905.
        "birth_date": (birth.date or str(birth)) if birth else None,
        "award": award.name,
    }


def _key(row: dict[str, Any]) -> RowKey:
    """A vote row as a person reads it, so that a retyped or reformatted row still matches."""
    typed = row.get("birth_date")
    year, _ = year_alone(typed)
    birth: object = typed
    if year is not None:
        birth = year
    elif typed is not None and not isinstance(typed, dt.date):
        try:
            birth = parse_date(typed)
        except DateParseError:
            birth = str(typed)
    if isinstance(birth, dt.datetime):
        birth = birth.date()
    texts = (row.get(k) for k in ("unit", "target", "name"))
    unit, target, name = (tone_key(str(t or "")) for t in texts)
    # An award by its latest name: votes typed under a merged province's old name carry over.
    award = current_name(str(row.get("award") or ""), dt.date.max)
    return (unit, target, name, str(birth or ""), tone_key(award))


def _previous(path: Path) -> tuple[dict[RowKey, dict[str, Any]], dict[str, Any], set[str]]:
    """What the existing workbook holds, as typed: its vote rows by nominee, its meeting and
    members, the marks of its example members. Hidden rows too (nothing typed is lost by a
    rewrite); a workbook hoso cannot read is left alone (OutputError)."""
    if not path.exists():
        return {}, {}, set()
    raw = _read(path)
    typed: dict[str, Any] = {}
    if (sheet := raw.sheets.get(COUNCIL)) is not None:
        typed[COUNCIL] = {k: c.value for k, c in sheet.form.items()}
    if (sheet := raw.sheets.get(MEMBERS)) is not None:
        typed[MEMBERS] = [_values(r) for r in _all_rows(sheet)]
    sheet = raw.sheets.get(VOTES)
    return _by_nominee(path, _all_rows(sheet) if sheet else []), typed, set(raw.example_marks)


def _by_nominee(path: Path, rows: list[RawRow]) -> dict[RowKey, dict[str, Any]]:
    """The vote rows by nominee; a nominee typed twice keeps the row with its votes, and two
    different counts for one nominee stop the rewrite (one of them would be lost)."""
    found: dict[RowKey, tuple[int, dict[str, Any]]] = {}
    for raw_row in rows:
        row = _values(raw_row)
        key = _key(row)
        if key not in found or found[key][1].get("votes") is None:
            found[key] = (raw_row.number, row)
            continue
        number, first = found[key]
        if row.get("votes") not in (None, first.get("votes")):
            raise OutputError(
                f"{path} › {VOTES}: dòng {number} và dòng {raw_row.number} cùng là "
                f"“{row.get('name')}” nhưng số phiếu khác nhau ({first.get('votes')} và "
                f"{row.get('votes')}); hoso không ghi lại tệp để khỏi mất số nào: hãy xóa dòng "
                "sai rồi chạy lại."
            )
    return {key: row for key, (_, row) in found.items()}


def _all_rows(sheet: RawSheet) -> list[RawRow]:
    """A table's rows, hidden ones included, in sheet order."""
    return sorted([*sheet.rows, *sheet.hidden_rows], key=lambda r: r.number)


def _read(path: Path):  # -> RawWorkbook
    try:
        return read_workbook(path, OFFICE_COUNCIL_SHEETS)
    except WorkbookUnusable as exc:
        raise OutputError(
            f"{exc} hoso không ghi đè để khỏi mất dữ liệu đã điền; hãy sửa, đổi tên hoặc xóa tệp "
            "rồi chạy lại."
        ) from None


def _values(row: RawRow) -> dict[str, Any]:
    return {k: c.value for k, c in row.cells.items()}


def _example(checked: PeriodCheck, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A fictional meeting of the office's council, the day after the last unit's Tờ trình or
    receipt, that passes every nominee (some by one vote less than all)."""
    period = checked.period
    own = example_values(period.plan, period.review)
    members = own[MEMBERS]
    decision = period.config.decision
    if period.config.decides and decision.signer_name:  # the deciding head chairs the council
        chair = next(i for i, m in enumerate(members) if m["role"] == "Chủ tịch")
        members[chair] = members[chair] | {
            "name": decision.signer_name,
            "position": f"{decision.signer_title} {council_body(period)}",
        }
    size = len(members)
    dates = [b.info.date for b in checked.office_batches]
    dates += [checked.last_received] if checked.last_received else []
    met = max(dates) + dt.timedelta(days=1) if dates else own[COUNCIL]["date"]
    if period.config.office.date is not None:
        met = min(met, period.config.office.date)
    council = own[COUNCIL] | {"date": met, "size": size}
    threshold = {a.name: a.vote_threshold_percent for a in period.plan.awards}
    votes = []
    for i, row in enumerate(rows):
        fewer = size - 1 if i % 3 == 1 else size
        enough = fewer * 100 >= threshold[row["award"]] * size
        votes.append(row | {"votes": fewer if enough else size})
    return {COUNCIL: council, MEMBERS: members, VOTES: votes}


def guide_lines(
    checked: PeriodCheck, *, example: bool = False, audience: Audience = "cli"
) -> list[tuple[str, str]]:
    """The guide sheet of the council's workbook (with a notice when it holds example members):
    the `audience`'s steps, the commands or the period page's buttons."""
    period = checked.period
    # Awards each unit's own head decides never come to this council: their rule is not its own.
    office = [a for a in period.plan.awards if not a.decided_by_unit]
    rules = [f"- {a.name}: {vote_rule(a)}." for a in office if vote_rule(a)]
    notice = [(NOTICES[audience], "warning")] if example else []
    steps = WEB_STEPS if audience == "web" else CLI_STEPS
    return [
        ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG CỦA CƠ QUAN: BIỂU QUYẾT ĐỀ NGHỊ CỦA CÁC ĐƠN VỊ", "title"),
        *notice,
        (f"Đợt xét: {period.review.label}, {period.config.office.name}.", "text"),
        ("Các sheet", "head"),
        *[(f"- {s.name}: {s.purpose}", "text") for s in OFFICE_COUNCIL_SHEETS],
        ("Cách điền", "head"),
        ("- Điền cuộc họp (sheet “Hội đồng”) và thành viên (sheet “Thành viên HĐ”).", "text"),
        *[(line, "text") for line in steps.fill],
        ("Quy định của kế hoạch", "head"),
        *[(r, "text") for r in rules],
        ("Kết quả", "head"),
        (steps.result, "text"),
    ]


@dataclass(frozen=True)
class _Steps:
    """What one audience is told: how to fill and send the workbook, where the result comes."""

    fill: tuple[str, ...]
    result: str


CLI_STEPS = _Steps(
    fill=(
        "- Sheet “Biểu quyết”: hoso đã ghi sẵn mỗi tập thể, cá nhân các đơn vị đề nghị; chỉ "
        "điền cột “Số phiếu đồng ý”. Không sửa các cột khác (hoso dùng chúng để tìm người).",
        f"- Điền xong: đặt tệp vào thư mục đợt xét với tên {COUNCIL_FILE} và chạy lệnh "
        "hoso period check.",
        "- Khi có đơn vị nộp thêm hoặc sửa hồ sơ: chạy lại lệnh hoso period council: hoso thêm "
        "dòng mới, giữ nguyên mọi số đã điền.",
    ),
    result=(
        "- Biên bản họp Hội đồng được lập cùng văn bản của đợt (lệnh hoso period build); ai "
        "dưới tỷ lệ phiếu được ghi “Không đạt” và không có trong Tờ trình, Quyết định, danh "
        "sách tổng hợp."
    ),
)
# The period page's sections, links and buttons as pipeline/web/templates/web/dot_xet.html shows
# them (tests/test_web_council_guide.py holds the two together).
WEB_STEPS = _Steps(
    fill=(
        "- Sheet “Biểu quyết”: đã ghi sẵn mỗi tập thể, cá nhân các đơn vị hợp lệ đề nghị; chỉ "
        "điền cột “Số phiếu đồng ý”. Không sửa các cột khác (trang web dùng chúng để tìm đúng "
        "người khi tải tệp lên).",
        "- Điền xong: lưu tệp (giữ đuôi .xlsx), mở lại trang đợt xét đã tải tệp này về; ở mục "
        "“Hội đồng Thi đua - Khen thưởng của cơ quan”, chọn tệp ở “Tệp Hội đồng đã điền” rồi "
        "bấm “Tải lên”. Ô sai (sheet và ô) hiện ở mục “Lỗi, cảnh báo chung của đợt”: sửa trong "
        "tệp rồi tải lên lại.",
        "- Khi có đơn vị nộp thêm hoặc sửa hồ sơ: tải lên tệp đang điền trước, rồi bấm "
        "“Tải tệp Hội đồng (hoi-dong.xlsx)” để tải về tệp có thêm dòng mới, giữ nguyên mọi số "
        "đã tải lên (số chỉ điền trong máy, chưa tải lên, không có trong tệp mới).",
    ),
    result=(
        "- Biên bản họp Hội đồng được lập cùng văn bản của đợt (trang đợt xét, mục “Văn bản của "
        "đợt”: nút “Tạo văn bản của đợt”); ai dưới tỷ lệ phiếu được ghi “Không đạt” và không có "
        "trong Tờ trình, Quyết định, danh sách tổng hợp."
    ),
)

"""The "Thông tin chung" sheet: plan, review and award chosen, the unit, the Tờ trình's signer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.check.agreement import (
    addressed_to_itself,
    check_dates,
    check_living_authorities,
    check_signer,
    recipient_decides,
)
from pipeline.check.cells import CellReader
from pipeline.check.checking import Checking, field_spec
from pipeline.check.excel_values import short
from pipeline.check.model import BatchInfo, Signer
from pipeline.check.signature import collective_lines, collective_note, signs_for_body
from pipeline.check.similar import likeliest
from pipeline.check.workbook import RawCell
from pipeline.errors import PlanError
from pipeline.inputs.contract import AUTHORITIES, INFO, FieldSpec
from pipeline.inputs.legal import merged_provinces, plan_on
from pipeline.inputs.plans import Award, Plan, get_plan
from pipeline.vietnamese import nfc, tone_key


def read_selection(ctx: Checking, plans_dir: Path) -> Checking:
    """The same checking with the plan, review and award the sheet names (those it can find)."""
    sheet = ctx.sheet(INFO)
    if sheet is None:
        return ctx
    rd, cells = ctx.reader(sheet), sheet.form
    plan_id = rd.text(cells.get("plan"), field_spec(sheet.spec, "plan"), True)
    if not plan_id:
        return ctx
    try:
        plan = get_plan(plan_id, plans_dir)
    except PlanError as exc:
        rd.error(cells["plan"], str(exc), "plan")
        return ctx
    review = _pick(rd, cells.get("review"), field_spec(sheet.spec, "review"), plan.reviews)
    award = _pick_award(rd, cells.get("award"), field_spec(sheet.spec, "award"), plan)
    return replace(ctx, plan=plan, review=review, award=award)


def _pick_award(rd: CellReader, cell: RawCell | None, spec: FieldSpec, plan: Plan) -> Any:
    """The award the cell names, by the plan's name or its name after any merger of provinces
    (whether that name fits the Tờ trình's date is said once the date is read). Not found:
    the error lists both names of an award a merger renamed."""
    typed = tone_key(str(cell.value)) if cell is not None and cell.value is not None else ""
    later: list[Award] = []
    for day in sorted({m.effective for m in merged_provinces()}):
        named = plan_on(plan, day).awards
        for award, renamed in zip(plan.awards, named, strict=True):
            if typed == tone_key(renamed.name):
                return award
            if renamed.name not in {a.name for a in (*plan.awards, *later)}:
                later.append(renamed)
    return _pick(rd, cell, spec, (*plan.awards, *later))


def _dated(ctx: Checking, date: dt.date) -> tuple[Plan, Award]:
    """The plan and award as the Tờ trình's date reads them (a merged province's successor)."""
    assert ctx.plan is not None and ctx.award is not None
    plan = plan_on(ctx.plan, date)
    return plan, plan.award(ctx.award.id) or ctx.award


def read_info(ctx: Checking) -> BatchInfo | None:
    """The batch's general information, or None when the sheet or a needed value is missing."""
    sheet = ctx.sheet(INFO)
    if sheet is None:
        return None
    rd, cells, spec = ctx.reader(sheet), sheet.form, sheet.spec

    def get(key: str) -> Any:
        f = field_spec(spec, key)
        return rd.read(cells.get(key), f, ctx.required(f))

    values = {k: get(k) for k in ("parent_body", "unit", "unit_code", "place", "recipient")}
    values["unit_code"] = values["unit_code"].upper()
    # "Kính gửi: X" is a line without a full stop of its own (NĐ 30); typed with one, it is dropped.
    values["recipient"] = values["recipient"].rstrip(" .;,")
    if _addressees(rd, cells.get("recipient")) > 1:
        values["recipient"] = ""
    number = _number(rd, cells, field_spec(spec, "number"), values["unit_code"])
    date = get("date")
    authority = rd.choice(cells.get("authority"), field_spec(spec, "authority"), False, AUTHORITIES)
    title, name = get("signer_title"), get("signer_name")
    title, authority = _authority_in_title(rd, cells, title, authority or "")
    distribution = tuple(
        item for line in get("distribution").split("\n") if (item := _recipient_line(line))
    )
    _check_unit_code(rd, cells.get("unit_code"), values["unit_code"])
    lines = _signer_lines(rd, cells, authority or "", title, values["unit"])
    where = {key: rd.where(cell) for key, cell in cells.items()}
    if lines is not None:
        check_signer(ctx.findings, authority or "", title, values["unit"], where)
    if None in (ctx.plan, ctx.review, ctx.award, date) or lines is None:
        return None
    assert ctx.plan is not None and ctx.review is not None and ctx.award is not None
    plan, award = _dated(ctx, date)
    check_dates(ctx.findings, plan, ctx.review, date, where)
    typed = {**values, "award": str(cells["award"].value) if "award" in cells else ""}
    check_living_authorities(ctx.findings, award, typed, date, where)
    recipient, unit = values["recipient"], values["unit"]
    itself = bool(recipient and unit) and addressed_to_itself(
        ctx.findings, award, recipient, unit, where
    )
    decides = (
        bool(recipient)
        and not itself
        and recipient_decides(ctx.findings, plan, award, recipient, where)
    )
    return BatchInfo(
        plan=plan,
        review=ctx.review,
        award=award,
        number=number,
        date=date,
        signer=Signer(authority or "", title.replace("\n", " "), lines, name),
        distribution=distribution,
        recipient_decides=decides,
        **values,
    )


def _pick(rd: CellReader, cell: RawCell | None, spec: FieldSpec, items: Sequence[Any]) -> Any:
    """An item of the plan named by its id, label or name (ignoring case and tone placement)."""
    header = spec.header
    if cell is None or cell.value is None:
        if cell is not None:
            rd.error(cell, f"thiếu “{header}”.{rd.hint(cell, spec.key)}", "required")
        return None
    typed = tone_key(str(cell.value))
    for item in items:
        names = (item.id, getattr(item, "label", None), getattr(item, "name", None))
        if typed in {tone_key(n) for n in names if n}:
            return item
    shown = [getattr(i, "label", None) or i.name for i in items]
    like = likeliest(str(cell.value), shown)
    rd.error(
        cell,
        f"“{header}” không có trong kế hoạch: “{cell.value}”."
        + (f" Có phải là “{like}”?" if like else "")
        + " Kế hoạch có: "
        + "; ".join(f"“{name}”" for name in shown)
        + ".",
        "plan-item",
    )
    return None


# The words the Tờ trình prints around its number ("Số: 15/TTr-UBND"), typed in the number cell.
# A list's own number or letter before a Nơi nhận line: "1.", "2)", "a)", "b.".
_LIST_MARK = re.compile(r"^(?:\d{1,2}|[a-zđ])[.)]\s+")
_NUMBER_WORD = re.compile(r"^s[ốoô]\s*[:.]?\s*(?=\d)", re.IGNORECASE)
_WITH_SYMBOL = re.compile(r"^(\d{1,9})\s*/\s*(\S.*)$")


def _recipient_line(line: str) -> str:
    """A Nơi nhận line without what the documents print around it ("- " before, ";" or "."
    after) nor the number or letter of a list typed before it ("1. Như trên", "b) Sở Nội vụ")."""
    return _LIST_MARK.sub("", line.strip(" -–;.")).strip(" -–;.")


def _number(rd: CellReader, cells: dict[str, RawCell], spec: FieldSpec, unit_code: str) -> Any:
    """The Tờ trình's number. "Số 15" and "15/TTr-UBND" (the words and the symbol the Tờ trình
    prints around it) are read as 15, said at the cell; another symbol is an error, since the
    printed one comes from "Ký hiệu cơ quan"."""
    cell = cells.get("number")
    value = rd.value(cell, spec, False)
    if not isinstance(value, str) or cell is None:
        return None if value is None else rd.integer(cell, spec, False)
    typed = nfc(value).strip()
    text = _NUMBER_WORD.sub("", typed, count=1)
    dropped = [f"“{typed[: len(typed) - len(text)].strip()}” trước số"] if text != typed else []
    symbol = f"TTr-{unit_code}"
    if match := _WITH_SYMBOL.match(text):
        if _symbol_key(match.group(2)) != _symbol_key(symbol):
            code = cells.get("unit_code")
            where = f" ở ô {rd.where(code).cell}" if code is not None else ""
            rd.error(
                cell,
                f"“{spec.header}” ghi “{short(typed)}”, có ký hiệu “{short(match.group(2))}” "
                f"khác ký hiệu Tờ trình in ra (“{symbol}”, lấy từ “Ký hiệu cơ quan”{where}); "
                f"chỉ ghi số, ví dụ {match.group(1)}.",
                "number-symbol",
            )
            return None
        text = match.group(1)
        dropped.append(f"“/{match.group(2)}” sau số")
    if dropped:
        rd.warning(
            cell,
            f"“{spec.header}” ghi “{short(typed)}” mà Tờ trình in sẵn “Số:” trước số và "
            f"“/{symbol}” sau số; hoso đã bỏ {' và '.join(dropped)}, chỉ giữ số {text}. "
            "Hãy chỉ ghi số trong ô.",
            "printed-twice",
        )
    return rd.integer(replace(cell, value=text), spec, False)


def _symbol_key(symbol: str) -> str:
    """A document's symbol as a reader compares it: no spaces, any dash, any case."""
    return re.sub(r"\s", "", symbol).replace("–", "-").replace("—", "-").upper()


def _addressees(rd: CellReader, cell: RawCell | None) -> int:
    """How many lines "Kính gửi" has; more than one is an error at the cell: the Tờ trình asks
    one person or body ("Kính trình … xem xét, quyết định"), joined lines would read as one."""
    typed = cell.value if cell is not None and isinstance(cell.value, str) else ""
    lines = [line.strip(" -–•;.") for line in typed.strip().splitlines() if line.strip(" -–•;.")]
    if len(lines) > 1:
        rd.error(
            cell,
            f"“Kính gửi” ghi {len(lines)} dòng (“{short(lines[0])}”, “{short(lines[1])}”"
            f"{'…' if len(lines) > 2 else ''}) nhưng "
            "Tờ trình gửi một người hoặc cơ quan có thẩm quyền, in trong một câu “Kính trình … "
            "xem xét, quyết định”; hãy ghi một nơi ở đây, các nơi khác ghi ở “Nơi nhận”.",
            "recipient-lines",
        )
    return len(lines)


_AUTHORITY_WORD = re.compile(r"^(tm|kt|q|tl|tuq)\s*\.\s*", re.IGNORECASE)


def _authority_in_title(
    rd: CellReader, cells: dict[str, RawCell], title: str, authority: str
) -> tuple[str, str]:
    """A signing authority typed before the title ("KT. Chủ tịch"), which the documents print
    from "Quyền hạn ký" ("KT. KT. CHỦ TỊCH" else): dropped from the title, taken as the authority
    when none is chosen, an error when another is; said at the cell."""
    match = _AUTHORITY_WORD.match(title)
    cell = cells.get("signer_title")
    if match is None or cell is None or not title[match.end() :].strip():
        return title, authority
    typed = match.group(1).upper() + "."
    if authority and authority != typed:
        where = rd.where(cells["authority"]).cell if "authority" in cells else ""
        rd.error(
            cell,
            f"“Chức vụ người ký” bắt đầu bằng “{typed}” nhưng “Quyền hạn ký” ({where}) là "
            f"“{authority}”; chọn một quyền hạn ở ô {where} và chỉ ghi chức vụ ở đây.",
            "signer",
        )
        return title, authority
    taken = "" if authority else " và lấy làm “Quyền hạn ký”"
    rd.warning(
        cell,
        f"“Chức vụ người ký” bắt đầu bằng “{typed}”: văn bản in quyền hạn ký từ ô “Quyền hạn "
        f"ký” trước chức vụ, nên hoso đã bỏ “{typed}” ở đây{taken}. Hãy chỉ ghi chức vụ trong ô.",
        "printed-twice",
    )
    return title[match.end() :].strip(), typed


def _check_unit_code(rd: CellReader, cell: RawCell | None, code: str) -> None:
    if cell is not None and code and not re.fullmatch(r"[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*", code):
        rd.error(
            cell,
            f"“Ký hiệu cơ quan” chỉ gồm chữ in hoa, chữ số và dấu “-” (ví dụ VHTT, UBND-VP), không phải “{code}”.",
            "unit-code",
        )


def _signer_lines(
    rd: CellReader, cells: dict[str, RawCell], authority: str, title: str, unit: str
) -> tuple[str, ...] | None:
    """The signature block's upper-case lines per NĐ 30, the problem reported at the cell; a
    deputy of a Ủy ban or Hội đồng nhân dân signs for the body too (its "TM." line added)."""
    cell = cells.get("signer_title")
    if cell is None:
        return None
    lines = collective_lines(authority, title, unit)
    if isinstance(lines, str):
        rd.error(cell, lines, "signer")
        return None
    if lines and signs_for_body(authority, unit):
        rd.warning(
            cells.get("authority", cell),
            collective_note(unit, lines, "Chọn “TM.” ở ô này để hết cảnh báo."),
            "signer-collective",
        )
    return lines or None

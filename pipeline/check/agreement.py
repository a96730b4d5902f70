"""Fields of one workbook that must agree with each other: the award, who decides it and whom
the Tờ trình is addressed to; the signer's title and signing authority; dates and the plan; a
person's position, leader flag and gender."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from pipeline.check.drafts import Draft
from pipeline.check.findings import Findings, Source
from pipeline.check.model import Individual
from pipeline.inputs.legal import MergedProvince, ended_level, merged_provinces, merger_of
from pipeline.inputs.plans import Award, Plan, Review
from pipeline.vietnamese import format_short_date, tone_key
from pipeline.vietnamese.authorities import is_generic, level_of, same_authority

# Collective bodies that sign "TM." (on behalf of); a body led by one head does not.
_COLLECTIVE_BODIES = ("ủy ban nhân dân", "ubnd", "hội đồng", "ban thường vụ", "ban chấp hành",
                      "đảng ủy", "thường trực")  # fmt: skip
# Words of a leading or managing post (khoản 5 Điều 11 of the Bình Phước rule: from Phó
# Trưởng phòng up), looked for at the start of a position.
_LEADER = re.compile(
    r"^(phó )?(trưởng|giám đốc|chủ tịch|chánh|bí thư|hiệu trưởng|chủ nhiệm|tổng biên tập|"
    r"chỉ huy trưởng|thủ trưởng|viện trưởng|cục trưởng|vụ trưởng|chi cục trưởng|hạt trưởng)\b"
)


def recipient_decides(
    findings: Findings, plan: Plan, award: Award, recipient: str, cells: Mapping[str, Source]
) -> bool:
    """Whether "Kính gửi" is who decides the award (else an office that forwards the proposal).

    A recipient who decides another award of the plan, or who sits above the one who decides
    this award, contradicts the award: an error at both cells says which pairs are right.
    """
    decider = award.awarded_by
    if same_authority(recipient, decider):
        return True
    other = next(
        (
            a
            for a in plan.awards
            if a is not award
            and not is_generic(a.awarded_by)
            and same_authority(recipient, a.awarded_by)
        ),
        None,
    )
    # A unit's own head decides a generic award, yet the proposal goes to another authority; or
    # the proposal goes up to ask a higher authority to submit it down to the one who decides.
    generic = is_generic(decider)
    upward = (level_of(recipient) or 0) > (level_of(decider) or 9)
    if (other is not None) if generic else upward:
        right = f", hoặc chọn hình thức “{other.name}”" if other is not None else ""
        findings.error(
            cells["recipient"],
            f"“Kính gửi” là “{recipient}” nhưng “{award.name}” ({cells['award'].cell}) do "
            f"{decider} quyết định, nên Tờ trình sẽ đề nghị “{recipient}” trình {decider}. "
            f"Hãy ghi Kính gửi: {decider} (hoặc cơ quan tham mưu của cấp đó){right}.",
            "recipient-award",
        )
        return False
    return is_generic(decider)


def addressed_to_itself(
    findings: Findings, award: Award, recipient: str, unit: str, cells: Mapping[str, Source]
) -> bool:
    """Whether "Kính gửi" is the proposing unit itself or its own head while another authority
    decides the award: the Tờ trình, signed for that head, would ask the head to submit it on.
    An error at "Kính gửi" naming the unit's cell."""
    decider = award.awarded_by
    if (
        is_generic(decider)
        or same_authority(recipient, decider)
        or not same_authority(recipient, unit)
        or "unit" not in cells
    ):
        return False
    findings.error(
        cells["recipient"],
        f"“Kính gửi” là “{recipient}”, tức chính “Cơ quan trình khen” ({cells['unit'].cell}: "
        f"“{unit}”) hoặc người đứng đầu của nó, nên Tờ trình sẽ tự đề nghị mình trình {decider}. "
        f"Hãy ghi Kính gửi: {decider} (hoặc cơ quan tham mưu của cấp đó), hoặc ghi ở "
        f"“Cơ quan trình khen” cơ quan tham mưu lập Tờ trình này.",
        "recipient-itself",
    )
    return True


def check_signer(
    findings: Findings, authority: str, title: str, unit: str, cells: Mapping[str, Source]
) -> None:
    """A deputy signs "KT."; "TM." is for collective bodies."""
    first = title.split("\n")[0].strip()
    if not authority and tone_key(first).startswith("phó "):
        findings.error(
            cells.get("authority", cells["signer_title"]),
            f"người ký là cấp phó (“{first}”) thì ký thay người đứng đầu: chọn “KT.” ở "
            "“Quyền hạn ký”.",
            "signer",
        )
    if authority == "TM." and not tone_key(unit).startswith(_COLLECTIVE_BODIES):
        findings.warning(
            cells["authority"],
            f"“TM.” (thay mặt) dùng cho tập thể lãnh đạo như Ủy ban nhân dân; {unit} do người "
            "đứng đầu ký: để trống, hoặc “KT.” khi cấp phó ký thay.",
            "signer",
        )


def check_dates(
    findings: Findings, plan: Plan, review: Review, day: dt.date, cells: Mapping[str, Source]
) -> None:
    """The Tờ trình comes after the plan, around its review's year, not in the future."""
    start = plan.issued
    if day < start:
        findings.error(
            cells["date"],
            f"ngày Tờ trình ({day:%d/%m/%Y}) trước ngày ban hành kế hoạch ({start:%d/%m/%Y}).",
            "date-order",
        )
    elif not review.year - 1 <= day.year <= review.year + 1:
        findings.warning(
            cells["date"],
            f"ngày Tờ trình ({day:%d/%m/%Y}) không thuộc thời gian của đợt “{review.label}” "
            f"({review.held}); kiểm tra lại ngày hoặc đợt xét.",
            "date-review",
        )
    if day > dt.date.today() + dt.timedelta(days=92):
        findings.warning(
            cells["date"], f"ngày Tờ trình ({day:%d/%m/%Y}) còn xa trong tương lai.", "date-future"
        )


def check_people(findings: Findings, drafts: Sequence[Draft]) -> None:
    """A leader's post with "Không" (or the reverse), and a middle name that contradicts gender."""
    for d in drafts:
        n = d.nominee
        if not isinstance(n, Individual) or not n.position:
            continue
        looks_leader = bool(_LEADER.match(tone_key(n.position)))
        if looks_leader != n.is_leader and "is_leader" in d.cells:
            said = "Có" if n.is_leader else "Không"
            findings.warning(
                d.at("is_leader"),
                f"{d.who}: chức vụ “{n.position}” "
                + ("là" if looks_leader else "không phải")
                + f" lãnh đạo, quản lý nhưng “Lãnh đạo quản lý” ghi “{said}”; tỷ lệ lãnh đạo "
                "của kế hoạch tính theo cột này.",
                "leader-flag",
            )
        middle = n.name.split()[1:-1]
        female = "Thị" in middle and n.gender == "Nam"
        male = "Văn" in middle and "Thị" not in middle and n.gender == "Nữ"  # "Lê Thị Văn Anh"
        if (female or male) and "gender" in d.cells:
            findings.warning(
                d.at("gender"),
                f"{n.name}: tên đệm thường gặp ở {'nữ' if female else 'nam'} nhưng "
                f"“Giới tính” ghi “{n.gender}”; kiểm tra lại.",
                "gender",
            )


def check_living_authorities(
    findings: Findings,
    award: Award,
    names: Mapping[str, str],
    day: dt.date,
    cells: Mapping[str, Source],
) -> None:
    """No authority that no longer exists on the Tờ trình's date: of a level of government that
    had ended, or of a province merged into another (and no successor's name before the merger).
    `award` is the plan's as that date reads it, `names["award"]` the award as typed. The award
    and "Kính gửi" are errors, the unit and its parent body warnings."""
    after = f"Tờ trình ngày {day:%d/%m/%Y}"
    ended = ended_level(award.awarded_by, day)
    if ended is not None and "award" in cells:
        findings.error(
            cells["award"],
            f"“{award.name}” do {award.awarded_by} quyết định, nhưng {ended.name} không còn sau "
            f"ngày {ended.last_day:%d/%m/%Y} ({ended.source}); {after} hãy chọn hình thức khác: "
            f"{ended.replacement}.",
            "ended-authority",
        )
    elif "award" in cells:
        _award_of_its_day(findings, award, names.get("award", ""), day, cells["award"])
    for key, label, severe in (
        ("recipient", "Kính gửi", True),
        ("unit", "Cơ quan trình khen", False),
        ("parent_body", "Cơ quan chủ quản", False),
    ):
        name = names.get(key, "")
        if key not in cells or not name:
            continue
        gone, merged = ended_level(name, day), merger_of(name, day)
        if gone is not None:
            text = (
                f"“{label}” là “{name}”, thuộc {gone.name}, không còn sau ngày "
                f"{gone.last_day:%d/%m/%Y}; {after}: hãy ghi tên cơ quan hiện nay."
            )
        elif merged is not None:
            text = (
                f"“{label}” là “{name}”, nhưng {merger_said(merged)}; {after}: hãy ghi "
                f"“{merged.renamed(name)}” (hoặc tên cơ quan hiện nay)."
            )
        else:
            continue
        (findings.error if severe else findings.warning)(cells[key], text, "ended-authority")


def merger_said(merger: MergedProvince) -> str:
    """“tỉnh Bắc Kạn đã sắp xếp vào tỉnh Thái Nguyên từ ngày 01/7/2025 (source)”."""
    return (
        f"tỉnh {merger.old} đã sắp xếp vào tỉnh {merger.into} từ ngày "
        f"{format_short_date(merger.effective)} ({merger.source})"
    )


def _award_of_its_day(
    findings: Findings, award: Award, typed: str, day: dt.date, cell: Source
) -> None:
    """The award typed with the old province's name after the merger, or the successor's
    before it: an error naming the award of the Tờ trình's date."""
    key = tone_key(typed)
    if not typed or key in (tone_key(award.name), tone_key(award.id)):
        return
    after = f"Tờ trình ngày {day:%d/%m/%Y}"
    merged = merger_of(typed, day)
    if merged is not None:
        findings.error(
            cell,
            f"“{typed}”: {merger_said(merged)}; {after} hãy chọn “{award.name}”.",
            "merged-province",
        )
        return
    ahead = next(
        (
            m
            for m in merged_provinces()
            if day <= m.last_day and m.names(award.name) and tone_key(m.renamed(award.name)) == key
        ),
        None,
    )
    if ahead is not None:
        findings.error(
            cell,
            f"“{typed}”: tỉnh {ahead.old} sắp xếp vào tỉnh {ahead.into} từ ngày "
            f"{format_short_date(ahead.effective)} ({ahead.source}), sau ngày Tờ trình; {after} "
            "hãy chọn "
            f"“{award.name}”.",
            "merged-province",
        )

"""Template contexts: one pure function per document kind, from the checked Batch to plain values.

The keys each function returns are declared in pipeline.documents.keys. Values are final text: numbers in words, dates
and percentages come from pipeline.vietnamese, so templates never format anything themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from pipeline.check.model import (
    Batch,
    BatchInfo,
    Collective,
    CriterionResult,
    Individual,
    Nominee,
)
from pipeline.inputs.legal import regime_for
from pipeline.vietnamese import (
    BLANK_GAP,
    blank_date,
    count_with_words,
    format_date,
    format_decimal,
    format_percent_against,
    format_short_date,
    format_time,
    place_and_date,
    tone_key,
)
from pipeline.vietnamese.authorities import authority_key, header_name, without_place
from pipeline.vietnamese.numbers import grouped

Context = dict[str, Any]
BB_CODE = "BB-HĐTĐKT"  # ký hiệu of the council's minutes
# The common words NĐ 30 (Phụ lục I) lets a parent body's line abbreviate, when the body is not
# the HĐND or UBND itself: "Văn phòng HĐND và UBND xã A" (two header lines, not four).
_PARENT_ABBREVIATIONS = (
    (re.compile(r"(?<=\S )hội đồng nhân dân\b", re.IGNORECASE), "HĐND"),
    (re.compile(r"(?<=\S )(?:ủy|uỷ) ban nhân dân\b", re.IGNORECASE), "UBND"),
)


def _number(n: int | None) -> str:
    return f"{n:02d}" if n else BLANK_GAP


def _counts(n_collectives: int, n_individuals: int) -> str:
    parts = []
    if n_collectives:
        parts.append(f"{count_with_words(n_collectives)} tập thể")
    if n_individuals:
        parts.append(f"{count_with_words(n_individuals)} cá nhân")
    return " và ".join(parts)


def parent_line(name: str) -> str:
    """A body's name as a header's parent line (cơ quan chủ quản) prints it, upper case: the HĐND
    and UBND inside another body's name abbreviated, as NĐ 30 allows on that line only.

    >>> parent_line("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Bù Gia Mập")
    'VĂN PHÒNG HĐND VÀ UBND XÃ BÙ GIA MẬP'
    >>> parent_line("Ủy ban nhân dân huyện Bù Gia Mập")
    'ỦY BAN NHÂN DÂN HUYỆN BÙ GIA MẬP'
    """
    # A UBND's own name stays in full: the product's headers have always printed it so.
    for pattern, short in _PARENT_ABBREVIATIONS:
        name = pattern.sub(short, name)
    return name.upper()


def council_name(unit: str) -> str:
    """The unit's emulation council by its name: a Ủy ban nhân dân's is its locality's.

    >>> council_name("Ủy ban nhân dân xã Bù Gia Mập")
    'Hội đồng Thi đua - Khen thưởng xã Bù Gia Mập'
    >>> council_name("Sở Văn hóa, Thể thao và Du lịch")
    'Hội đồng Thi đua - Khen thưởng Sở Văn hóa, Thể thao và Du lịch'
    """
    body = without_place(unit)
    if body != unit and authority_key(body) == "ủy ban nhân dân":
        return f"Hội đồng Thi đua - Khen thưởng {unit[len(body) :].strip()}"
    return f"Hội đồng Thi đua - Khen thưởng {unit}"


def common(batch: Batch) -> Context:
    """Values every document of a batch shares."""
    info, plan = batch.info, batch.info.plan
    regime = regime_for(plan, info.date)
    return {
        "co_quan_chu_quan": parent_line(info.parent_body),
        # The header's issuing body, without the place its parent line already names.
        "co_quan": header_name(info.unit, info.parent_body).upper(),
        "ten_co_quan": info.unit,
        "ky_hieu": info.unit_code,
        "so": _number(info.number),
        "ngay": _issued(info),
        "dia_danh": info.place,
        "dia_danh_ngay": place_and_date(info.place, _issued_on(info), year=info.date.year),
        "phong_trao": plan.movement,
        "dot": info.review.phrase,
        "dot_ten": info.review.label,
        "hinh_thuc": info.award.name,
        "hinh_thuc_in_hoa": info.award.name.upper(),
        "hinh_thuc_ngan": info.award.short_name,
        "nguoi_quyet_dinh": info.award.awarded_by,
        "ke_hoach": plan.document.citation,
        "mau_bao_cao": regime.report,
        "nghi_dinh": regime.decree,
    }


def _signature(batch: Batch) -> dict[str, Any]:
    signer = batch.info.signer
    return {"dong": list(signer.lines), "ho_ten": signer.name}


def _distribution(batch: Batch) -> list[str]:
    """Nơi nhận lines per NĐ 30: "- X;" each, the last "- Lưu: VT, <unit>."."""
    items = [i for i in batch.info.distribution if i]
    keep = [i for i in items if not tone_key(i).startswith("lưu")]
    archive = next(
        (i for i in items if tone_key(i).startswith("lưu")), f"Lưu: VT, {batch.info.unit_code}"
    )
    lines = [f"- {i};" for i in keep or ["Như trên"]]
    return [*lines, f"- {archive.rstrip('.;')}."]


def _can_cu(batch: Batch) -> list[str]:
    info, plan = batch.info, batch.info.plan
    lines = [*regime_for(plan, info.date).bases, *plan.legal_basis, plan.document.citation]
    if batch.council is not None:
        lines.append(
            f"Biên bản họp {council_name(info.unit)} ngày {format_short_date(batch.council.date)}"
        )
    return [
        f"Căn cứ {line}" + ("," if i == len(lines) - 1 else ";") for i, line in enumerate(lines)
    ]


def _attachments(batch: Batch) -> list[str]:
    """What goes with the Tờ trình, as its closing line lists it."""
    items = ["danh sách"]
    if batch.council is not None:
        items.append("Biên bản họp Hội đồng Thi đua - Khen thưởng")
    kinds = {n.report_type for n in batch.proposed}
    if "bao-cao-thanh-tich" in kinds:
        items.append("báo cáo thành tích")
    if "trich-ngang" in kinds:
        items.append("trích ngang thành tích")
    return items


def to_trinh(batch: Batch) -> Context:
    """The Tờ trình: Căn cứ, the proposal with its counts, signature and Nơi nhận."""
    info = batch.info
    n_c, n_i = len(batch.proposed_collectives), len(batch.proposed_individuals)
    items = [(n_c, "Tập thể", "tập thể"), (n_i, "Cá nhân", "cá nhân")]
    listed = [(label, f"{count_with_words(n)} {word}") for n, label, word in items if n]
    direct = info.recipient_decides
    decider = info.award.awarded_by
    attached = ", ".join(_attachments(batch)).rsplit(", ", 1)
    return {
        **common(batch),
        "kinh_gui": info.recipient,
        "can_cu": _can_cu(batch),
        "trinh": "" if direct else f"trình {decider} ",
        "de_nghi": _counts(n_c, n_i),
        "muc_de_nghi": [
            {"so": f"{i}.", "noi_dung": f"{label}: {text}"}
            for i, (label, text) in enumerate(listed, start=1)
        ],
        "kem_theo": f"(Có {' và '.join(attached)} kèm theo)",
        "ky": _signature(batch),
        "noi_nhan": _distribution(batch),
        "ket_luan": (
            f"Kính trình {info.recipient} xem xét, quyết định./."
            if direct
            else f"Kính đề nghị {info.recipient} xem xét, trình {decider} quyết định./."
        ),
    }


def _attached_to(batch: Batch) -> str:
    info = batch.info
    return (
        f"(Kèm theo Tờ trình số {_number(info.number)}/TTr-{info.unit_code} "
        f"{_issued(info)} của {info.unit})"
    )


def _issued_on(info: BatchInfo) -> dt.date | None:
    """The Tờ trình's printed date: none while it has no number.

    The văn thư gives the number and the date together when the document is issued (after it is
    signed), so a Tờ trình still to be numbered leaves its day and month blank; the workbook's date
    is then the planned one, still used for the checks and the legal regime."""
    return info.date if info.number else None


def _issued(info: BatchInfo) -> str:
    when = _issued_on(info)
    return format_date(when) if when else blank_date(info.date.year)


def _position(person: Individual) -> str:
    return f"{person.position}, {person.workplace}" if person.workplace else person.position


def _who(nominees: Sequence[Nominee]) -> str:
    kinds = {n.kind for n in nominees}
    return ", ".join(w for k, w in (("tap-the", "tập thể"), ("ca-nhan", "cá nhân")) if k in kinds)


def danh_sach(batch: Batch) -> Context:
    """The list attached to the Tờ trình: proposed collectives and individuals."""
    collectives, individuals = batch.proposed_collectives, batch.proposed_individuals
    who = _who([*collectives, *individuals])
    first = "I" if collectives else ""
    second = "II" if collectives else "I"
    return {
        **common(batch),
        "doi_tuong": who,
        "kem_theo_to_trinh": _attached_to(batch),
        "tap_the": [
            {"stt": i, "ten": c.name, "ghi_chu": c.note} for i, c in enumerate(collectives, start=1)
        ],
        "ca_nhan": [
            {
                "stt": i,
                "ho_ten": p.name,
                "gioi_tinh": p.gender,
                "nam_sinh": str(p.birth_date.year) if p.birth_date else "",
                "chuc_vu_don_vi": _position(p),
                "ghi_chu": p.note,
            }
            for i, p in enumerate(individuals, start=1)
        ],
        "muc_tap_the": f"{first}. TẬP THỂ ({len(collectives):02d})" if collectives else "",
        "muc_ca_nhan": f"{second}. CÁ NHÂN ({len(individuals):02d})" if individuals else "",
    }


def bien_ban(batch: Batch) -> Context:
    """The council's minutes: attendance, voting, the result of every nominee, the conclusion."""
    council, info = batch.council, batch.info
    assert council is not None, "a Biên bản needs a council"
    present, absent = council.present, council.absent
    attendance = f"{len(present):02d}/{council.size:02d} thành viên Hội đồng có mặt"
    if absent:
        reasons = "; ".join(
            m.name + (f": {_lower_first(m.absence_reason)}" if m.absence_reason else "")
            for m in absent
        )
        # "01 thành viên vắng mặt (Tên: lý do)": the words before the name fill the paragraph's
        # first line, which "vắng 01 đồng chí" left 2.6 times stretched before a name.
        attendance += f"; {len(absent):02d} thành viên vắng mặt ({reasons})"
    chair, secretary = council.chair, council.secretary
    return {
        **common(batch),
        # Here the unit is the header's parent line: the council that issues is the unit's own.
        "co_quan": parent_line(info.unit),
        "so_bien_ban": BLANK_GAP,
        "ky_hieu_bien_ban": BB_CODE,
        "dia_danh_ngay_hop": place_and_date(info.place, council.date),
        "thoi_gian": f"{format_time(council.start)}, {format_date(council.date)}",
        "dia_diem": council.place,
        "chu_tri": f"Đồng chí {chair.name}, {chair.position}, Chủ tịch Hội đồng",
        "thu_ky": f"Đồng chí {secretary.name}, {secretary.position}",
        "thanh_phan": attendance,
        "thanh_vien": [
            {"stt": i, "ho_ten": m.name, "chuc_vu": m.position, "vai_tro": m.role}
            for i, m in enumerate(present, start=1)
        ],
        "xet": _counts(len(batch.collectives), len(batch.individuals)),
        "co_vang": _written_opinions(batch),
        "bieu_quyet": council.method[:1].lower() + council.method[1:],
        # As the plan sets it: rounded, 71,43% would read "71%" above a "71,4%" that failed.
        "nguong": f"{format_decimal(info.award.vote_threshold_percent, 2)}%",
        "ket_qua": vote_results(batch, batch.nominees),
        "de_nghi": _counts(len(batch.proposed_collectives), len(batch.proposed_individuals)),
        "ket_thuc": format_time(council.end),
        "chu_tich": chair.name,
        "thu_ky_ho_ten": secretary.name,
    }


def _written_opinions(batch: Batch) -> bool:
    """Whether the minutes say the absent members' opinions were sent in writing: when a reason
    says so, or when a nominee has more votes than members present (every member listed).

    A claim the council did not make must not reach a signed Biên bản: with every member listed
    and no vote beyond those present, nothing shows that anyone absent gave an opinion.
    """
    council = batch.council
    assert council is not None, "a Biên bản needs a council"
    absent = council.absent
    if not absent:
        return False
    if any("văn bản" in m.absence_reason.lower() for m in absent):
        return True
    if len(council.members) != council.size:
        return True  # unlisted members: who voted cannot be told, the wording stays as it was
    present = len(council.present)
    return any((n.votes or 0) > present for n in batch.nominees)


def vote_results(batch: Batch, nominees: Sequence[Nominee]) -> list[dict[str, Any]]:
    """The rows of the Biên bản's results table for these nominees, numbered from 1: votes,
    share and result at the batch's council."""
    council, award = batch.council, batch.info.award
    assert council is not None, "a Biên bản needs a council"
    results = []
    for i, n in enumerate(nominees, start=1):
        votes = n.votes or 0
        results.append(
            {
                "stt": i,
                "ten": n.name,
                # A collective's name takes the row's "Chức vụ, đơn vị" cell too (no position).
                "tap_the": isinstance(n, Collective),
                "chuc_vu_don_vi": _position(n) if isinstance(n, Individual) else "",
                "hinh_thuc": award.short_name,
                "so_phieu": f"{votes}/{council.size}",
                "ty_le": format_percent_against(
                    votes * 100 / council.size, award.vote_threshold_percent
                ),
                "ket_qua": "Đạt" if n.passed else "Không đạt",
            }
        )
    return results


def _lower_first(text: str) -> str:
    """A phrase typed as a sentence ("Đi công tác") as it reads inside one ("đi công tác")."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def _against(value: float, result: CriterionResult) -> str:
    """A criterion's percentage beside its requirement: never rounded onto the threshold
    ("89,96%", not "90%" beside "≥ 90%" and "Chưa đạt")."""
    return format_percent_against(value, result.criterion.threshold, keep_zeros=False)


def paragraphs(text: str) -> list[dict[str, Any]]:
    """Split "Thành tích" into paragraphs; lines starting with -, + or • are bullets (kept as typed)."""
    items = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            items.append({"text": line, "bullet": bool(re.match(r"[-+•–]\s*", line))})
    return items


def _criteria(nominee: Nominee) -> list[dict[str, Any]]:
    return [
        {
            "stt": i,
            "ten": r.name,
            "yeu_cau": r.criterion.requirement,
            "dang_ky": _against(r.registered, r) if r.registered is not None else "",
            "dat_duoc": _against(r.achieved, r),
            "danh_gia": "Đạt" if r.met else "Chưa đạt",
        }
        for i, r in enumerate(nominee.criteria, start=1)
    ]


def _collective_facts(c: Collective) -> list[dict[str, str]]:
    facts = [
        ("Địa chỉ trụ sở", c.address),
        ("Điện thoại", c.phone),
        ("Thư điện tử", c.email),
        (
            "Tổng số cán bộ, công chức, viên chức và người lao động",
            f"{grouped(c.staff_count)} người" if c.staff_count else "",
        ),
    ]
    return [{"nhan": k, "gia_tri": v} for k, v in facts if v]


def _individual_facts(p: Individual) -> list[dict[str, str]]:
    born = p.birth_date
    # A date without its day prints as what it is: "Năm sinh: 1968", "Tháng, năm sinh: 3/1968"
    # (hoso check says so at the cell).
    birth_label = "Ngày, tháng, năm sinh"
    if born and born.date is None:
        birth_label = "Năm sinh" if born.year_only else "Tháng, năm sinh"
    facts = [
        ("Họ và tên", p.name),
        (birth_label, str(born) if born else ""),
        ("Giới tính", p.gender),
        ("Quê quán", p.hometown),
        ("Nơi thường trú", p.residence),
        ("Dân tộc", p.ethnicity),
        ("Đơn vị công tác", p.workplace),
        ("Chức vụ (Đảng, chính quyền, đoàn thể)", p.position),
        ("Trình độ chuyên môn, nghiệp vụ", p.education),
    ]
    return [{"nhan": k, "gia_tri": v} for k, v in facts if v]


def _unit_above(batch: Batch, workplace: str) -> str:
    """The body above an individual's workplace, printed above it in the report's header.

    A workplace that is a collective of the batch (its name, tone marks aside) has that
    collective's parent unit; another is taken to sit under the proposing unit's parent body
    (a xã's People's Committee is under the district's, not under its Phòng), and without a
    parent body under the proposing unit itself. The proposing unit's own staff have its parent
    body above them.
    """
    key, info = tone_key(workplace), batch.info
    if key == tone_key(info.unit):
        return info.parent_body  # the proposing unit's own staff ("" when it has none)
    collective = next((c for c in batch.collectives if tone_key(c.name) == key), None)
    if collective is not None and collective.parent_unit:
        return collective.parent_unit
    return info.parent_body or info.unit


def bao_cao(batch: Batch, nominee: Nominee) -> Context:
    """One nominee's Báo cáo thành tích (Mẫu số 07): section I by kind, section II, signatures."""
    info = batch.info
    if isinstance(nominee, Collective):
        top, unit = nominee.parent_unit, nominee.name
    else:
        assert isinstance(nominee, Individual)
        top, unit = _unit_above(batch, nominee.workplace), nominee.workplace
    return {
        **common(batch),
        "dia_danh_ngay": place_and_date(nominee.report_place, nominee.report_date),
        "don_vi_cap_tren": parent_line(top),
        "don_vi": header_name(unit, top).upper(),
        "tap_the": isinstance(nominee, Collective),
        "ten": nominee.name,
        "chuc_vu_don_vi": _position(nominee) if isinstance(nominee, Individual) else "",
        "thong_tin": _collective_facts(nominee)
        if isinstance(nominee, Collective)
        else _individual_facts(nominee),
        "chuc_nang": nominee.duties if isinstance(nominee, Collective) else "",
        "thanh_tich": paragraphs(nominee.achievements),
        "chi_tieu": _criteria(nominee),
        "xac_nhan": info.plan.dossier.confirmation,
        "thu_truong": nominee.head_name if isinstance(nominee, Collective) else "",
        "chuc_vu_thu_truong": nominee.head_title.upper() if isinstance(nominee, Collective) else "",
    }


def trich_ngang(batch: Batch) -> Context:
    """One table of short summaries for the nominees who file a trích ngang."""
    rows = [n for n in batch.proposed if n.report_type == "trich-ngang"]
    return {
        **common(batch),
        "kem_theo_to_trinh": _attached_to(batch),
        "doi_tuong": _who(rows),
        "dong": [
            {
                "stt": i,
                "ten": n.name,
                "chuc_vu_don_vi": _position(n) if isinstance(n, Individual) else "",
                "tom_tat": [p["text"] for p in paragraphs(n.achievements)],
                "hinh_thuc": batch.info.award.short_name,
            }
            for i, n in enumerate(rows, start=1)
        ],
        "ky": _signature(batch),
    }

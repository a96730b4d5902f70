"""dot-xet.toml's [office] and [decision] checked before anything is made: what `hoso period
build` would refuse (no signer, no place), a date that comes before what it answers, a parent
body printed above a Ủy ban nhân dân, a Chủ tịch signing for the Ủy ban without "TM.", an award
decided here by a body that cannot decide it (refused: its Quyết định would print that body's
name over the decider's title)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.check.acronyms import dated_place
from pipeline.check.agreement import check_signer, merger_said
from pipeline.check.findings import Findings, Source
from pipeline.check.model import Batch
from pipeline.check.signature import collective_lines, collective_note, signs_for_body
from pipeline.inputs.legal import ended_level, merger_of
from pipeline.inputs.plans import Award
from pipeline.period.config import Decision, Period, period_day
from pipeline.period.issuer import derived_issuer, head_of, issuing, renamed
from pipeline.vietnamese import tone_key
from pipeline.vietnamese.authorities import is_generic, same_authority

UBND = "ủy ban nhân dân"


def check_settings(
    findings: Findings,
    period: Period,
    batches: Sequence[Batch],
    received: dt.date | None,
    dated: Mapping[Path, dt.date] | None = None,
) -> None:
    """Every problem of the office's own settings the units' proposals make matter, at its key;
    `dated`: a unit's Tờ trình date as the office recorded it on receipt, by workbook."""
    config = period.config
    dated = dated or {}
    proposing = [b for b in batches if b.proposed]
    upward = [b for b in proposing if b.info.award.id not in config.decides]
    decided = [b for b in proposing if b.info.award.id in config.decides]
    office, decision = config.office, issuing(period)
    derived = derived_issuer(period) is not None
    if upward:
        _signer(findings, period, "office", office.authority, office.signer_title, office.name)
        _needs(findings, period, "office.signer_name", office.signer_name, "họ tên người ký")
        _dated(findings, period, "office.date", "Tờ trình tổng hợp", upward, received, dated)
    if decided:
        key = "decision" if config.decision.signer_title or derived else "office"
        if not (upward and key == "office"):  # else the office's signer is said once, above
            _signer(findings, period, key, decision.authority, decision.signer_title, decision.body)
            if derived and not decision.signer_name:
                _derived_signer(findings, period, decision)
            else:
                _needs(
                    findings, period, f"{key}.signer_name", decision.signer_name, "họ tên người ký"
                )
        _dated(findings, period, "decision.date", "Quyết định", decided, received, dated)
    if upward or (decided and not config.decision.place):
        _needs(findings, period, "office.place", office.place, "địa danh (ghi trước ngày tháng)")
    _places(findings, period)
    _parent(findings, period, "office", office.name, office.parent_body)
    if config.decides and (config.decision.body or derived):
        _parent(findings, period, "decision", decision.body, config.decision.parent_body)
    day = config.decision.date or received or config.deadline
    ended = _ended_deciders(findings, period, day) if day else set()
    if not _old_province(findings, period, day or period_day(config, period.review)):
        _deciders(findings, period, decision, ended)  # else the body is said once, above
    _decided_by_units(findings, period)


def _ended_deciders(findings: Findings, period: Period, day: dt.date) -> set[str]:
    """An award decided here whose decider's level of government had ended by the period's day
    (the decision's date, else the last receipt, else the deadline): no body can issue its
    Quyết định any more, whatever decision.body says. The ids of those awards."""
    ended = set()
    for i, award_id in enumerate(period.config.decides):
        award = period.plan.award(award_id)
        level = ended_level(award.awarded_by, day) if award is not None else None
        if award is None or level is None:
            continue
        ended.add(award_id)
        findings.error(
            _at(period, f"decides[{i}]"),
            f"“{award.name}” do {award.awarded_by} quyết định, nhưng {level.name} không còn sau "
            f"ngày {level.last_day:%d/%m/%Y} ({level.source}); đợt xét này ({day:%d/%m/%Y}) "
            f"không lập được Quyết định của hình thức đó. Hãy bỏ “{award_id}” khỏi decides; "
            f"hình thức hiện nay: {level.replacement}.",
            "period-decider-ended",
        )
    return ended


def _old_province(findings: Findings, period: Period, day: dt.date) -> bool:
    """Bodies of a province that had merged into another by the period's day: the decision's
    body is an error (its Quyết định would be issued by a body that no longer exists), the
    office and its parent body warnings. True when the decision's body is one."""
    config, severe = period.config, False
    for key, name in (
        ("decision.body", config.decision.body),
        ("office.name", config.office.name),
        ("office.parent_body", config.office.parent_body),
    ):
        merger = merger_of(name, day) if name else None
        if merger is None:
            continue
        error = key == "decision.body"
        severe |= error
        (findings.error if error else findings.warning)(
            _at(period, key),
            f"“{name}”: {merger_said(merger)}; đợt xét này ({day:%d/%m/%Y}) hãy ghi "
            f"“{merger.renamed(name)}” (hoặc tên cơ quan hiện nay).",
            "period-merged-province",
        )
    return severe


def _decided_by_units(findings: Findings, period: Period) -> None:
    """An award each unit's own head decides, listed under decides: not the office's to decide,
    so hoso makes no Quyết định, list or certificate of the office for it; said at its key."""
    for i, award_id in enumerate(period.config.decides):
        award = period.plan.award(award_id)
        if award is None or not award.decided_by_unit:
            continue
        findings.warning(
            _at(period, f"decides[{i}]"),
            f"“{award.name}” ({award_id}) do Thủ trưởng từng đơn vị quyết định khen thưởng, "
            f"không phải cơ quan: theo kế hoạch {period.plan.id}, mỗi đơn vị tự quyết định trên "
            "hồ sơ của mình. hoso không lập Quyết định, danh sách, Giấy khen hay sổ theo dõi của "
            f"cơ quan cho hình thức này; hãy bỏ “{award_id}” khỏi decides.",
            "period-decides-unit",
        )


def _deciders(findings: Findings, period: Period, decision: Decision, ended: set[str]) -> None:
    """An award decided here is issued by the body its plan names as its decider: hoso never
    makes a Quyết định whose header and signature name a body that cannot decide the award
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" under a district's name), nor its certificates."""
    body, given = decision.body, period.config.decision.body
    if ended and not given:
        return  # the body would be derived once the ended award is out: nothing to say before
    for i, award_id in enumerate(period.config.decides):
        award = period.plan.award(award_id)
        if award is None or award.decided_by_unit or award_id in ended:
            continue  # an ended decider is said once, by _ended_deciders
        decider = award.awarded_by
        if is_generic(decider) or same_authority(decider, body):
            continue  # "Thủ trưởng cơ quan, đơn vị": any unit's own head
        own = head_of(decider)
        fix = f'decision.body = "{own.body}"' if own else "decision.body là cơ quan đó"
        if renamed(decider, body):
            _merged(findings, period, award, decider, body, fix)
            continue
        said = "" if given else " (decision.body để trống: tên ở [office])"
        remedy = (
            f"Nếu cơ quan chỉ tổng hợp để trình, bỏ “{award_id}” khỏi decides (hoso tạo Tờ "
            f"trình tổng hợp); nếu cơ quan soạn Quyết định cho cấp đó ký, ghi {fix}."
        )
        key = "decision.body"
        if not given and own and _others(period, decider, ended):
            key = f"decides[{i}]"  # the body is not derived: the awards have different deciders
            remedy = (
                f"Mỗi đợt lập Quyết định của một cơ quan: bỏ “{award_id}” khỏi decides (hoso "
                "tạo Tờ trình tổng hợp trình cấp đó), hoặc lập đợt xét riêng cho hình thức này."
            )
        findings.error(
            _at(period, key),
            f"“{award.name}” do {decider} quyết định, nhưng Quyết định của đợt sẽ do {body} ban "
            f"hành{said}: hoso không lập Quyết định có tên cơ quan đó với chức danh "
            f"“{decider.upper()}”, vì cơ quan đó không có thẩm quyền tặng. {remedy}",
            "period-decider",
        )


def _others(period: Period, decider: str, ended: set[str]) -> bool:
    """Whether another award decided here has another decider (no one body decides them all);
    an award whose decider ended is no other body's: it is to be taken out of decides."""
    return any(
        not is_generic(a.awarded_by) and not same_authority(a.awarded_by, decider)
        for a in period.decided
        if a.id not in ended
    )


def _merged(
    findings: Findings, period: Period, award: Award, decider: str, body: str, fix: str
) -> None:
    """A Ủy ban nhân dân of the decider's level under another name: warned, since it may be
    the old one's successor after a merger, or a mistake."""
    given = "" if period.config.decision.body else " (decision.body để trống: tên ở [office])"
    findings.warning(
        _at(period, "decision.body"),
        f"“{award.name}” do {decider} quyết định, nhưng Quyết định của đợt sẽ do {body} ban "
        f"hành{given}, dưới tên cơ quan đó và chức danh “{decider.upper()}”. Nếu {body} là cơ "
        "quan kế thừa sau sắp xếp đơn vị hành chính, có thể giữ nguyên. Nếu cơ quan chỉ tổng "
        f"hợp để trình, bỏ “{award.id}” khỏi decides (hoso tạo Tờ trình tổng hợp); nếu cơ quan "
        f"soạn Quyết định cho cấp đó ký, ghi {fix}.",
        "period-decider",
    )


def _derived_signer(findings: Findings, period: Period, decision: Decision) -> None:
    """The Quyết định of another body than the office, with no signer of its own: the office's
    signer signs the office's documents, never that body's."""
    findings.error(
        _at(period, "decision.signer_name"),
        f"Quyết định của đợt do {decision.body} ban hành, cơ quan có thẩm quyền tặng các hình "
        f"thức khen thưởng của đợt (in địa danh “{decision.place}”, ký hiệu QĐ-{decision.code}, "
        f"chức vụ người ký “{decision.signer_title}”), nhưng chưa ghi họ tên người ký của cơ "
        f"quan đó: người ký văn bản của {period.config.office.name} không ký thay được. Hãy ghi "
        "họ tên người ký (và chức vụ, thẩm quyền ký nếu người ký là cấp phó).",
        "period-office-missing",
    )


def _places(findings: Findings, period: Period) -> None:
    """The places the office's documents print before their date, typed with their level
    ("Huyện Bù Gia Mập") or shortened ("TP. Đồng Xoài"): said at their key as a workbook's
    "Địa danh" is."""
    for key, place in (
        ("office.place", period.config.office.place),
        ("decision.place", period.config.decision.place),
    ):
        _, said, code = dated_place("Địa danh", place, written_out=False)
        if said:
            findings.warning(_at(period, key), said, code)


def _at(period: Period, key: str) -> Source:
    return Source(str(period.config_path), cell=key)


def _needs(findings: Findings, period: Period, key: str, value: str, what: str) -> None:
    """A value the office's documents print, left empty."""
    if not value:
        findings.error(
            _at(period, key),
            f"chưa ghi {what}: văn bản của cơ quan cần thông tin này; hãy ghi rồi kiểm tra lại.",
            "period-office-missing",
        )


def _signer(
    findings: Findings, period: Period, section: str, authority: str, title: str, body: str
) -> None:
    """The signer's title, and its signing authority as NĐ 30 has it (KT. for a deputy, TM.
    for a collective body, which a Ủy ban nhân dân's Chủ tịch signs for)."""
    key = f"{section}.signer_title"
    lines = collective_lines(authority, title, body)
    if not lines:
        _needs(findings, period, key, "", "chức vụ người ký")
        return
    if isinstance(lines, str):
        findings.error(_at(period, key), lines, "period-office-signer")
        return
    cells = {"signer_title": _at(period, key), "authority": _at(period, f"{section}.authority")}
    check_signer(findings, authority, title, body, cells)
    if section == "office" and not authority and _is_ubnd(body) and _head(title):
        findings.warning(
            cells["authority"],
            f"Tờ trình của {body} do Chủ tịch ký thay mặt Ủy ban nhân dân: ghi authority = "
            '"TM." (chữ ký in “TM. ỦY BAN NHÂN DÂN …” trên “CHỦ TỊCH”, Nghị định 30/2020/NĐ-CP).',
            "period-office-signer",
        )
    if section == "office" and signs_for_body(authority, body):
        findings.warning(
            cells["authority"],
            collective_note(body, lines, 'Ghi authority = "TM." để hết cảnh báo.'),
            "period-office-signer",
        )


def _dated(
    findings: Findings,
    period: Period,
    key: str,
    what: str,
    batches: Sequence[Batch],
    received: dt.date | None,
    dated: Mapping[Path, dt.date],
) -> None:
    """A date the office set is printed as set: one before a unit's Tờ trình it answers (as
    the office recorded it on receipt, else as its workbook dates it), or before the last
    dossier was received, is an error, never moved silently."""
    section, name = key.split(".")
    date = getattr(getattr(period.config, section), name)
    if date is None:
        return
    latest = max(batches, key=lambda b: dated.get(b.path, b.info.date))
    unit_date = dated.get(latest.path, latest.info.date)
    if date < unit_date:
        findings.error(
            _at(period, key),
            f"ngày {what} ({date:%d/%m/%Y}) trước ngày Tờ trình của {latest.info.unit} "
            f"({unit_date:%d/%m/%Y}); {what} phải sau Tờ trình của các đơn vị: hãy sửa "
            "ngày, hoặc xóa dòng này để hoso tự chọn ngày.",
            "period-office-date",
        )
    elif received is not None and date < received:
        findings.error(
            _at(period, key),
            f"ngày {what} ({date:%d/%m/%Y}) trước ngày nhận hồ sơ cuối cùng của các đơn vị "
            f"({received:%d/%m/%Y}, theo khóa received của [[units]]); hãy sửa ngày, hoặc sửa "
            "ngày nhận.",
            "period-office-date",
        )


def _parent(findings: Findings, period: Period, section: str, body: str, parent: str) -> None:
    """A Ủy ban nhân dân's documents carry no cơ quan chủ quản line (NĐ 30): one set would
    print a five-line header, the province above the city."""
    if parent and _is_ubnd(body):
        findings.warning(
            _at(period, f"{section}.parent_body"),
            "văn bản do Ủy ban nhân dân ban hành không ghi cơ quan chủ quản (Nghị định "
            f"30/2020/NĐ-CP), nhưng “{parent.upper()}” sẽ được in trên “{body.upper()}”; hãy "
            'để parent_body = "".',
            "period-parent-body",
        )


def _is_ubnd(body: str) -> bool:
    return tone_key(body).startswith((UBND, "ubnd"))


def _head(title: str) -> bool:
    return tone_key(title.split("\n")[0].strip()) == "chủ tịch"

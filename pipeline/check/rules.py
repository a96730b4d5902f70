"""The plan's rules across the rows of a batch: votes, duplicates, quotas, leader share, texts."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction

from pipeline.check.drafts import Draft
from pipeline.check.findings import Findings, Source
from pipeline.check.model import BatchInfo, BirthDate, Council, Individual
from pipeline.check.similar import similar_groups
from pipeline.inputs.plans import TARGET_LABELS, Award
from pipeline.vietnamese import (
    count_with_words,
    format_decimal,
    format_money,
    format_percent_against,
    format_ranges,
    tone_key,
)

# A Mẫu 07 report runs a few pages; ten pages of achievements (about 2,800 characters a page at
# 13 pt) is far beyond what the form expects. A trích ngang row summarises in 2–5 lines.
LONG_REPORT_CHARS = 28_000
LONG_SUMMARY_CHARS = 600
# Fewer words than this is no achievement ("5", "Tốt", "như trên"): even the shortest line a
# report or a trích ngang prints ("Hoàn thành xuất sắc nhiệm vụ năm 2025") has more.
SHORT_ACHIEVEMENT_WORDS = 4
_WORD = re.compile(r"\w*[^\W\d_]\w*")  # a word has a letter: "5", "2025" or "-" are not one


def vote_passed(votes: int | None, council: Council | None, award: Award | None) -> bool:
    """True when the votes reach the award's threshold of all council members."""
    if council is None or award is None or votes is None or council.size <= 0:
        return True
    return Fraction(votes, council.size) * 100 >= Fraction(str(award.vote_threshold_percent))


def check_batch(
    findings: Findings,
    label: str,
    info: BatchInfo,
    council: Council | None,
    collectives: Sequence[Draft],
    individuals: Sequence[Draft],
) -> None:
    """Every rule that needs the whole batch."""
    award = info.award
    # A council size that disagrees with its members' list is said at its cell: the share of each
    # nominee's votes, on a size in error, would only repeat it at every row.
    sized = council is not None and not any(f.code == "council-size" for f in findings.errors)
    for target, drafts in (("tap-the", collectives), ("ca-nhan", individuals)):
        if drafts and target not in award.targets:
            findings.error(
                drafts[0].nominee.source,
                f"“{award.name}” không dành cho {TARGET_LABELS[target]} "
                f"(có {len(drafts)} {TARGET_LABELS[target]} trong sheet).",
                "award-target",
            )
        if council is not None and sized:
            _votes(findings, council, award, drafts)
            _absent_votes(findings, council, drafts)
        _duplicates(findings, drafts)
        _quota(findings, info, target, drafts)
    if award.leader_share is not None:
        _leader_share(findings, award, individuals)
    if council is not None:
        _members_proposed(findings, council, award, individuals)
    nominees = (*collectives, *individuals)
    if nominees and (sized or council is None) and not any(d.nominee.passed for d in nominees):
        findings.error(
            Source(label, "Hội đồng"),
            "không có tập thể, cá nhân nào đạt tỷ lệ phiếu; không có ai để đề nghị.",
            "nobody-passed",
        )


def check_nominated(
    findings: Findings, label: str, collectives: Sequence[Draft], individuals: Sequence[Draft]
) -> None:
    """Somebody is proposed (said even when the form's errors keep the batch's rules from running)."""
    if not collectives and not individuals:
        findings.error(
            Source(label, "Tập thể"), "chưa có tập thể hay cá nhân nào được đề nghị.", "empty"
        )


def _votes(findings: Findings, council: Council, award: Award, drafts: Sequence[Draft]) -> None:
    threshold = award.vote_threshold_percent
    for d in drafts:
        votes = d.nominee.votes
        if votes is None or "votes" not in d.cells:
            continue
        if votes > council.size:
            findings.error(
                d.at("votes"),
                f"số phiếu đồng ý ({votes}) lớn hơn tổng số thành viên Hội đồng ({council.size}).",
                "votes",
            )
        elif not d.nominee.passed:
            share = format_percent_against(votes * 100 / council.size, threshold)
            findings.warning(
                d.at("votes"),
                f"{d.who}: {votes}/{council.size} phiếu ({share}), dưới mức "
                f"{format_decimal(threshold, 2)}% của kế hoạch; sẽ ghi “Không đạt” trong "
                "Biên bản và không được đề nghị.",
                "votes-below",
            )


def _absent_votes(findings: Findings, council: Council, drafts: Sequence[Draft]) -> None:
    """More votes than members present, and no absent member's written opinion: the Biên bản
    says the absent members' opinions were sent in writing, which the clerk has not written."""
    members = council.members
    present = sum(m.present for m in members)
    absent = [m for m in members if not m.present]
    if len(members) != council.size or not absent:
        return  # unlisted members may be present; nobody absent leaves nothing to ask
    if any("văn bản" in m.absence_reason.lower() for m in absent):
        return
    where = f"{absent[0].source.sheet}!{absent[0].source.cell}"
    for d in drafts:
        votes = d.nominee.votes
        if votes is None or "votes" not in d.cells or not present < votes <= council.size:
            continue
        findings.warning(
            d.at("votes"),
            f"{d.who}: {votes} phiếu đồng ý nhưng chỉ {present}/{council.size} thành viên có "
            "mặt, và “Lý do vắng” không ghi thành viên vắng có ý kiến bằng văn bản; Biên bản sẽ "
            "ghi “ý kiến của thành viên vắng mặt được gửi bằng văn bản”. Nếu có, hãy ghi rõ ở "
            f"“Lý do vắng” của {absent[0].name} ({where}; ví dụ: “Đi công tác, có ý kiến bằng văn "
            f"bản”); nếu không, số phiếu tối đa là {present}.",
            "absent-votes",
            also=(where,),
        )


def _duplicates(findings: Findings, drafts: Sequence[Draft]) -> None:
    """The same name (and birth date) twice: an error; the same name with a year of birth alone
    beside a date of that year: perhaps the same person, a warning naming both cells."""
    first: dict[tuple, Draft] = {}
    named: dict[str, list[Draft]] = {}  # the earlier rows of each name, with a birth date
    for d in drafts:
        n = d.nominee
        if not n.name:
            continue
        birth = n.birth_date if isinstance(n, Individual) else None
        key = (tone_key(n.name), birth)
        if key in first:
            earlier = first[key]
            findings.error(
                n.source,
                f"“{n.name}” trùng với dòng {earlier.row}.",
                "duplicate",
                also=(earlier.nominee.source.cell or "",),
            )
            continue
        first[key] = d
        if birth is not None:
            same_name = named.setdefault(key[0], [])
            _maybe_same(findings, d, birth, same_name)
            same_name.append(d)


def _maybe_same(findings: Findings, d: Draft, birth: BirthDate, before: Iterable[Draft]) -> None:
    """Warn when an earlier row of the same name may be the same person (one gives no day of
    birth, or no month either); once, at the first such row."""
    for other in before:
        born = getattr(other.nominee, "birth_date", None)
        if born is not None and birth.same_as(born) is None:
            here, there = d.at("birth_date"), other.at("birth_date")
            findings.warning(
                here,
                f"“{d.nominee.name}” sinh {birth.said} ({here.cell}) có thể là cùng một người "
                f"với “{other.nominee.name}” sinh {born.said} ({there.cell}, dòng {other.row}): "
                "một dòng không ghi đủ ngày sinh nên không phân biệt được; nếu là hai người, hãy "
                "ghi đủ ngày/tháng/năm sinh, nếu là một người, hãy xóa một dòng.",
                "duplicate-maybe",
                also=(there.cell or "",),  # one warning, both rows marked on the web's sheet
            )
            return


def _members_proposed(
    findings: Findings, council: Council, award: Award, individuals: Sequence[Draft]
) -> None:
    """A council member proposed for the award: nothing in the plans forbids it, but a member
    votes on everyone, themselves too; said once at the nominee, the member's cell marked."""
    members = {tone_key(m.name): m for m in council.members if m.name}
    for d in individuals:
        member = members.get(tone_key(d.nominee.name))
        if member is None or member.source.cell is None:
            continue
        votes, size = d.nominee.votes, council.size
        counted = (
            f" Số phiếu đồng ý ghi {votes}/{size}, tức là có cả phiếu của chính người này; hãy "
            "ghi lại số phiếu không kể phiếu đó."
            if votes is not None and votes >= size
            else ""
        )
        if size > 1 and not vote_passed(size - 1, council, award):
            counted += (
                f" Khi đó người này không thể đạt mức {format_decimal(award.vote_threshold_percent, 2)}"
                "% của kế hoạch."
            )
        findings.warning(
            d.nominee.source,
            f"“{d.nominee.name}” được đề nghị khen thưởng và cũng là thành viên Hội đồng "
            f"({member.source.sheet}!{member.source.cell}, {member.role}). Nếu là một người: "
            "người được xét không tự bỏ phiếu cho mình, số phiếu đồng ý chỉ tính phiếu của các "
            f"thành viên khác (tối đa {size - 1}/{size}).{counted} Nếu là hai người trùng tên, "
            "bỏ qua cảnh báo này.",
            "member-proposed",
            also=(f"{member.source.sheet}!{member.source.cell}",),
        )


def _quota(findings: Findings, info: BatchInfo, target: str, drafts: Sequence[Draft]) -> None:
    quota = info.award.quota_for(info.review.id)
    limit = quota.limit(target) if quota else None  # type: ignore[arg-type]
    proposed = [d for d in drafts if d.nominee.passed]
    if limit is None or len(proposed) <= limit:
        return
    findings.error(
        proposed[limit].nominee.source,
        f"vượt số lượng: kế hoạch cho đề nghị tối đa {count_with_words(limit)} {TARGET_LABELS[target]} "
        f"“{info.award.name}” ở đợt “{info.review.label}”; sheet có {len(proposed)} "
        f"{TARGET_LABELS[target]} đạt số phiếu, dòng này là {TARGET_LABELS[target]} thứ "
        f"{limit + 1}. Hãy xóa bớt {count_with_words(len(proposed) - limit)} "
        f"{TARGET_LABELS[target]} không đề nghị lần này (xóa cả dòng).",
        "quota",
    )


def _leader_share(findings: Findings, award: Award, individuals: Sequence[Draft]) -> None:
    rule = award.leader_share
    assert rule is not None
    proposed = [d for d in individuals if d.nominee.passed]
    leaders = [d for d in proposed if getattr(d.nominee, "is_leader", False)]
    allowed = math.floor(Fraction(str(rule.max_percent)) * len(proposed) / 100)
    if len(leaders) <= allowed:
        return
    share = format_percent_against(len(leaders) * 100 / len(proposed), rule.max_percent)
    findings.error(
        leaders[allowed].at("is_leader"),
        f"tỷ lệ lãnh đạo, quản lý là {len(leaders)}/{len(proposed)} cá nhân ({share}), vượt "
        f"{format_decimal(rule.max_percent, 2)}% ({rule.basis}); tối đa {allowed} người.",
        "leader-share",
    )


def check_texts(
    findings: Findings, collectives: Sequence[Draft], individuals: Sequence[Draft]
) -> None:
    """Each sheet's achievement texts, whatever else the workbook holds: they need only the
    rows, so they are said with the errors that keep the batch rules from running (every problem
    at once), not after the clerk fixed those."""
    for drafts in (collectives, individuals):
        _texts(findings, drafts)


def _texts(findings: Findings, drafts: Sequence[Draft]) -> None:
    """Warn about achievements too short to be any, reports far too long and near-identical
    achievement texts."""
    for d in drafts:
        text = d.nominee.achievements
        if text.strip() and len(_WORD.findall(text)) < SHORT_ACHIEVEMENT_WORDS:
            findings.warning(d.at("achievements"), _too_short(d, text), "short-text")
        limit = LONG_SUMMARY_CHARS if d.nominee.report_type == "trich-ngang" else LONG_REPORT_CHARS
        if len(text) > limit:
            findings.warning(
                d.at("achievements"),
                f"“Thành tích” dài {format_money(len(text))} ký tự, vượt nhiều so với mẫu "
                f"(khoảng {format_money(limit)} ký tự).",
                "long-text",
            )
    for group in similar_groups([d.nominee.achievements for d in drafts]):
        copies = [drafts[i] for i in group]
        findings.warning(copies[1].at("achievements"), _copied(copies), "similar-text")


def _too_short(d: Draft, text: str) -> str:
    """What an achievement of a word or two lacks, and what the cell should hold instead."""
    trich_ngang = d.nominee.report_type == "trich-ngang"
    document = "bản trích ngang thành tích" if trich_ngang else "Báo cáo thành tích"
    return (
        f"“Thành tích” của {d.who} chỉ ghi “{' '.join(text.split())}”: quá ngắn để là thành tích "
        f"(ô này được in nguyên vào {document}). Hãy ghi thành tích đạt được thành câu "
        "đầy đủ: việc đã làm, kết quả, số liệu, danh hiệu đã nhận, mỗi thành tích một dòng "
        "(Alt+Enter để xuống dòng), ví dụ “Hoàn thành xuất sắc nhiệm vụ năm 2025”."
    )


def _copied(copies: Sequence[Draft]) -> str:
    """One message for a group of near-identical achievement texts, naming every row."""
    tail = "; hồ sơ có thành tích sao chép thường bị trả lại."
    if len(copies) == 2:
        first, second = copies
        return (
            f"“Thành tích” của {second.who} gần giống hệt của {first.who} (dòng {first.row}){tail}"
        )
    noun = "tập thể" if copies[0].nominee.kind == "tap-the" else "cá nhân"
    names = ", ".join(d.who for d in copies[:5])
    more = f" và {len(copies) - 5} tên khác" if len(copies) > 5 else ""
    rows = format_ranges(int(d.row) for d in copies)
    return f"“Thành tích” của {len(copies)} {noun} gần giống hệt nhau (dòng {rows}: {names}{more}){tail}"

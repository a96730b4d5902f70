"""The plan's rules across rows and sheets: council, votes, duplicates, quotas, leader share, criteria."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from pipeline.cells import CellReader
from pipeline.contract import SheetSpec
from pipeline.findings import Findings, Source
from pipeline.model import CHAIR, SECRETARY, BatchInfo, Council, CriterionResult, Member
from pipeline.plans import TARGET_LABELS, Award, Criterion, Plan
from pipeline.vietnamese import count_with_words, format_money, format_percent, tone_key
from pipeline.workbook import RawRow, RawSheet

# A Mẫu 07 report runs a few pages; ten pages of achievements (about 2,800 characters a page at
# 13 pt) is far beyond what the form expects. A trích ngang row summarises in 2–5 lines.
LONG_REPORT_CHARS = 28_000
LONG_SUMMARY_CHARS = 600
SIMILARITY = 0.8  # Jaccard similarity of word trigrams above which two texts look copied


def vote_passed(votes: int | None, council: Council | None, award: Award | None) -> bool:
    """True when the votes reach the award's threshold of all council members."""
    if council is None or award is None or votes is None or council.size <= 0:
        return True
    return Fraction(votes, council.size) * 100 >= Fraction(str(award.vote_threshold_percent))


def check_council(
    findings: Findings,
    label: str,
    sheet: RawSheet,
    values: dict[str, Any],
    members: tuple[Member, ...] | None,
    info: BatchInfo | None,
) -> None:
    """Council sheet against its members and the Tờ trình: size, roles, attendance, times, date."""
    cell = {k: Source(label, sheet.spec.name, c.coord) for k, c in sheet.form.items()}
    size = values.get("size")
    if members is not None:
        if size is not None and size != len(members):
            findings.error(
                cell["size"],
                f"Tổng số thành viên là {size} nhưng sheet “Thành viên HĐ” có {len(members)} người.",
                "council-size",
            )
        if members and not any(m.present for m in members):
            findings.error(
                Source(label, "Thành viên HĐ"), "không có thành viên nào có mặt.", "attendance"
            )
    start, end = values.get("start"), values.get("end")
    if start and end and end <= start:
        findings.error(cell["end"], "giờ kết thúc phải sau giờ bắt đầu.", "council-time")
    meeting = values.get("date")
    if meeting and info and meeting > info.date:
        findings.error(
            cell["date"],
            f"ngày họp Hội đồng ({meeting:%d/%m/%Y}) sau ngày Tờ trình ({info.date:%d/%m/%Y}); "
            "Biên bản phải có trước Tờ trình.",
            "council-date",
        )


def check_roles(
    findings: Findings, label: str, members: tuple[Member, ...], cells: list[tuple[Source, Source]]
) -> None:
    """Exactly one chair and one secretary, both present; absences explained."""
    for role, title in ((CHAIR, "Chủ tịch Hội đồng"), (SECRETARY, "Thư ký (Ủy viên - Thư ký)")):
        holders = [i for i, m in enumerate(members) if m.role == role]
        if not holders:
            findings.error(
                Source(label, "Thành viên HĐ", "D1"), f"chưa có {title}.", "council-role"
            )
            continue
        first = members[holders[0]]
        for extra in holders[1:]:
            findings.error(
                cells[extra][0],
                f"Hội đồng chỉ có một {title}; {first.name} đã là {title}.",
                "council-role",
            )
        if not first.present:
            findings.error(
                cells[holders[0]][1],
                f"{title} vắng mặt thì không thể chủ trì hoặc ghi Biên bản.",
                "council-role",
            )
    for i, m in enumerate(members):
        if not m.present and not m.absence_reason:
            findings.warning(
                cells[i][1], f"{m.name} vắng mặt nhưng chưa ghi “Lý do vắng”.", "absence-reason"
            )


def check_batch(
    findings: Findings,
    label: str,
    info: BatchInfo,
    council: Council | None,
    collectives: list[dict[str, Any]],
    individuals: list[dict[str, Any]],
) -> None:
    """Every rule that needs the whole batch."""
    award = info.award
    for target, drafts in (("tap-the", collectives), ("ca-nhan", individuals)):
        if drafts and target not in award.targets:
            findings.error(
                drafts[0]["source"],
                f"“{award.name}” không dành cho {TARGET_LABELS[target]} "
                f"(có {len(drafts)} {TARGET_LABELS[target]} trong sheet).",
                "award-target",
            )
        if council is not None:
            _votes(findings, council, award, drafts)
        _duplicates(findings, drafts, with_birth=target == "ca-nhan")
        _quota(findings, info, target, drafts)
        _texts(findings, drafts)
    if award.leader_share is not None:
        _leader_share(findings, award, individuals)
    if not collectives and not individuals:
        findings.error(
            Source(label, "Tập thể"), "chưa có tập thể hay cá nhân nào được đề nghị.", "empty"
        )
    elif not any(d["passed"] for d in (*collectives, *individuals)):
        findings.error(
            Source(label, "Hội đồng"),
            "không có tập thể, cá nhân nào đạt tỷ lệ phiếu; không có ai để đề nghị.",
            "nobody-passed",
        )


def _votes(
    findings: Findings, council: Council, award: Award, drafts: list[dict[str, Any]]
) -> None:
    threshold = award.vote_threshold_percent
    for d in drafts:
        votes, cell = d.get("votes"), d["_cells"].get("votes")
        if votes is None or cell is None:
            continue
        where = d["source"].at(cell.coord)
        if votes > council.size:
            findings.error(
                where,
                f"số phiếu đồng ý ({votes}) lớn hơn tổng số thành viên Hội đồng ({council.size}).",
                "votes",
            )
        elif not d["passed"]:
            share = format_percent(votes * 100 / council.size, digits=1)
            findings.warning(
                where,
                f"{d['name']}: {votes}/{council.size} phiếu ({share}), dưới mức {format_percent(threshold, digits=0)} "
                "của kế hoạch; sẽ ghi “Không đạt” trong Biên bản và không được đề nghị.",
                "votes-below",
            )


def _duplicates(findings: Findings, drafts: list[dict[str, Any]], with_birth: bool) -> None:
    first: dict[tuple, dict[str, Any]] = {}
    for d in drafts:
        if not d.get("name"):
            continue
        key = (tone_key(d["name"]), d.get("birth_date") if with_birth else None)
        if key in first:
            row = re.sub(r"\D", "", first[key]["source"].cell or "")
            findings.error(d["source"], f"“{d['name']}” trùng với dòng {row}.", "duplicate")
        else:
            first[key] = d


def _quota(findings: Findings, info: BatchInfo, target: str, drafts: list[dict[str, Any]]) -> None:
    quota = info.award.quota_for(info.review.id)
    limit = quota.limit(target) if quota else None  # type: ignore[arg-type]
    proposed = [d for d in drafts if d["passed"]]
    if limit is None or len(proposed) <= limit:
        return
    findings.error(
        proposed[limit]["source"],
        f"vượt số lượng: kế hoạch cho đề nghị tối đa {count_with_words(limit)} {TARGET_LABELS[target]} "
        f"“{info.award.name}” ở đợt “{info.review.label}”; sheet có {len(proposed)} "
        f"{TARGET_LABELS[target]} đạt số phiếu.",
        "quota",
    )


def _leader_share(findings: Findings, award: Award, individuals: list[dict[str, Any]]) -> None:
    rule = award.leader_share
    assert rule is not None
    proposed = [d for d in individuals if d["passed"]]
    leaders = [d for d in proposed if d.get("is_leader")]
    allowed = math.floor(Fraction(str(rule.max_percent)) * len(proposed) / 100)
    if len(leaders) <= allowed:
        return
    cell = leaders[allowed]["_cells"].get("is_leader")
    where = leaders[allowed]["source"].at(cell.coord) if cell else leaders[allowed]["source"]
    share = format_percent(len(leaders) * 100 / len(proposed), digits=1)
    findings.error(
        where,
        f"tỷ lệ lãnh đạo, quản lý là {len(leaders)}/{len(proposed)} cá nhân ({share}), vượt "
        f"{format_percent(rule.max_percent, digits=0)} ({rule.basis}); tối đa {allowed} người.",
        "leader-share",
    )


def _texts(findings: Findings, drafts: list[dict[str, Any]]) -> None:
    """Warn about reports far too long and about near-identical achievement texts."""
    for d in drafts:
        text, cell = d.get("achievements") or "", d["_cells"].get("achievements")
        where = d["source"].at(cell.coord) if cell else d["source"]
        limit = LONG_SUMMARY_CHARS if d.get("report_type") == "trich-ngang" else LONG_REPORT_CHARS
        if len(text) > limit:
            findings.warning(
                where,
                f"“Thành tích” dài {format_money(len(text))} ký tự, vượt nhiều so với mẫu "
                f"(khoảng {format_money(limit)} ký tự).",
                "long-text",
            )
    for a, b in similar_pairs([d.get("achievements") or "" for d in drafts]):
        cell = drafts[b]["_cells"].get("achievements")
        where = drafts[b]["source"].at(cell.coord) if cell else drafts[b]["source"]
        findings.warning(
            where,
            f"“Thành tích” của {drafts[b]['name']} gần giống hệt của {drafts[a]['name']}; "
            "hồ sơ có thành tích sao chép thường bị trả lại.",
            "similar-text",
        )


def _shingles(text: str) -> set[tuple[str, str, str]]:
    # Texts in the model are already NFC with modern tone placement: lower case is enough.
    words = text.lower().split()
    return set(zip(words, words[1:], words[2:], strict=False))


def similar_pairs(texts: Sequence[str], threshold: float = SIMILARITY) -> list[tuple[int, int]]:
    """Index pairs (i < j) of texts whose word-trigram Jaccard similarity reaches the threshold."""
    sets = [_shingles(t) if len(t) >= 80 else set() for t in texts]
    index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            index[h].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for holders in index.values():
        if len(holders) > 50:
            continue  # boilerplate shared by many reports says nothing about copying
        for x, i in enumerate(holders):
            for j in holders[x + 1 :]:
                shared[(i, j)] += 1
    pairs = []
    for (i, j), n in sorted(shared.items()):
        if n / (len(sets[i]) + len(sets[j]) - n) >= threshold:
            pairs.append((i, j))
    return pairs


def criteria_rows(
    rd: CellReader,
    spec: SheetSpec,
    rows: list[RawRow],
    plan: Plan,
    collectives: list[dict[str, Any]],
    individuals: list[dict[str, Any]],
) -> list[tuple[dict[str, Any], CriterionResult]]:
    """The "Chỉ tiêu" rows, each matched to its nominee and to one of the plan's criteria."""
    fields = {f.key: f for f in spec.fields}
    by_name: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for target, drafts in (("tap-the", collectives), ("ca-nhan", individuals)):
        for d in drafts:
            by_name[tone_key(d.get("name") or "")].append((target, d))
    results, seen = [], set()
    for row in rows:
        c = row.cells
        name = rd.text(c.get("nominee"), fields["nominee"], True)
        typed = rd.text(c.get("criterion"), fields["criterion"], True)
        registered = rd.percent(c.get("registered"), fields["registered"], False)
        achieved = rd.percent(c.get("achieved"), fields["achieved"], True)
        hits = by_name.get(tone_key(name), []) if name else []
        if name and len(hits) != 1:
            what = "không có ở sheet “Tập thể” hoặc “Cá nhân”" if not hits else "có ở cả hai sheet"
            rd.error(c["nominee"], f"“{name}” {what}.", "criteria-nominee")
            continue
        if not (name and typed) or achieved is None:
            continue
        target, draft = hits[0]
        criterion = _criterion(rd, c["criterion"], plan, target, typed, draft.get("group", ""))
        if criterion is None:
            continue
        if (draft["id"], criterion.name) in seen:
            rd.error(
                c["criterion"],
                f"chỉ tiêu “{criterion.name}” của {name} đã có ở dòng trên.",
                "criteria-duplicate",
            )
            continue
        seen.add((draft["id"], criterion.name))
        _below(rd, c, criterion, registered, achieved)
        note = rd.text(c.get("note"), fields["note"], False)
        results.append(
            (
                draft,
                CriterionResult(
                    criterion, criterion.name, registered, achieved, note, rd.where(c["criterion"])
                ),
            )
        )
    return results


def _criterion(
    rd: CellReader, cell, plan: Plan, target: str, typed: str, group: str
) -> Criterion | None:
    own = plan.criteria_for(target)  # type: ignore[arg-type]
    if not own:
        rd.error(
            cell,
            f"kế hoạch không có chỉ tiêu định lượng cho {TARGET_LABELS[target]}.",
            "criteria-target",
        )
        return None
    key = tone_key(typed)
    matches = [c for c in own if key in (tone_key(c.name), tone_key(c.id))]
    if not matches:
        rd.error(
            cell,
            f"“{typed}” không phải chỉ tiêu của kế hoạch; chọn trong danh sách thả xuống.",
            "criteria-name",
        )
        return None
    in_group = [c for c in matches if group and c.group == group]
    # Without the nominee's group, judge by the most lenient threshold: never warn wrongly.
    return in_group[0] if in_group else min(matches, key=lambda c: c.threshold)


def _below(
    rd: CellReader, cells: dict, criterion: Criterion, registered: float | None, achieved: float
) -> None:
    for key, value, what in (
        ("registered", registered, "đăng ký"),
        ("achieved", achieved, "đạt được"),
    ):
        if value is not None and not criterion.met(value):
            rd.warning(
                cells[key],
                f"tỷ lệ {what} {format_percent(value, digits=1)} chưa đạt yêu cầu {criterion.requirement} "
                f"của kế hoạch (“{criterion.name}”).",
                "criteria-below",
            )

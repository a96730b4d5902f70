"""Workbooks of one run that propose the same award for the same unit in the same review: a copy
("hoso - Copy.xlsx") or an older version left beside the real one, which would become a second
dossier."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.check.validate import CheckResult
from pipeline.vietnamese import tone_key


@dataclass(frozen=True)
class SameProposal:
    """Several workbooks proposing one award for one unit in one review of one plan."""

    unit: str
    labels: tuple[str, ...]  # as each file is named in the report, in the run's order


def same_proposals(results: Sequence[CheckResult]) -> tuple[SameProposal, ...]:
    """Groups of two or more checked workbooks proposing the same award for the same unit in the
    same review (another award, a Giấy khen beside a Bằng khen, is another proposal)."""
    groups: dict[tuple[str, str, str, str], list[CheckResult]] = {}
    for result in results:
        heading, batch = result.heading, result.batch
        if batch is None or not heading.plan_id or not heading.review_id:
            continue  # a file in error is not built; its own errors come first
        # Case, spacing and tone placement are how a copy edited by hand drifts, not another unit.
        key = (heading.plan_id, heading.review_id, tone_key(batch.info.unit), batch.info.award.id)
        groups.setdefault(key, []).append(result)
    return tuple(
        SameProposal(found[0].heading.unit, tuple(r.label for r in found))
        for found in groups.values()
        if len(found) > 1
    )


def same_proposals_text(results: Sequence[CheckResult]) -> list[str]:
    """One warning line per group, saying what to do with the extra files."""
    return [f"⚠ {said(group)}" for group in same_proposals(results)]


def said(group: SameProposal) -> str:
    """What a group of workbooks proposing the same is, and what to do with the extra files."""
    return (
        f"{len(group.labels)} tệp cùng đề nghị một hình thức khen thưởng của {group.unit} trong "
        f"cùng đợt xét: {', '.join(group.labels)}. Nếu có tệp là bản sao hay bản cũ, hãy xóa hoặc "
        "chuyển nó ra khỏi thư mục rồi chạy lại, để không tạo và nộp hai hồ sơ."
    )

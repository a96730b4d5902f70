"""The plan's rules across the units of a period: quotas, the leader share, people proposed twice."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from pipeline.check import CheckResult
from pipeline.check.findings import Findings, Source
from pipeline.check.model import Batch, Individual, Nominee
from pipeline.inputs.plans import TARGET_LABELS, Award, Target
from pipeline.period.config import Period
from pipeline.vietnamese import count_with_words, format_percent, tone_key


def _proposed(batch: Batch, target: Target) -> tuple[Nominee, ...]:
    """The nominees of a target group a unit proposes (passed its council)."""
    return batch.proposed_collectives if target == "tap-the" else batch.proposed_individuals


def _by_award(results: Sequence[CheckResult], award: Award) -> list[Batch]:
    """The valid batches proposing an award."""
    return [r.batch for r in results if r.batch is not None and r.batch.info.award.id == award.id]


def check_quotas(
    findings: Findings, period: Period, results: Sequence[CheckResult], config: Source
) -> None:
    """The plan's quotas hold for the period as a whole: one error naming every unit's count."""
    for award in period.plan.awards:
        quota = award.quota_for(period.review.id)
        if quota is None:
            continue
        batches = _by_award(results, award)
        for target in ("tap-the", "ca-nhan"):
            limit = quota.limit(target)  # type: ignore[arg-type]
            counts = [(b, len(_proposed(b, target))) for b in batches]  # type: ignore[arg-type]
            total = sum(n for _, n in counts)
            if limit is None or total <= limit:
                continue
            noun = TARGET_LABELS[target]
            per_unit = "; ".join(f"{b.info.unit}: {n}" for b, n in counts if n)
            findings.error(
                config,
                f"vượt số lượng của cả đợt: kế hoạch cho đề nghị tối đa {count_with_words(limit)} "
                f"{noun} “{award.name}” ở đợt “{period.review.label}”, các đơn vị đề nghị {total} "
                f"{noun} ({per_unit}); cần bớt {total - limit} {noun}.",
                "period-quota",
            )


def check_leader_share(
    findings: Findings, period: Period, results: Sequence[CheckResult], config: Source
) -> None:
    """The share of leaders among the individuals proposed for an award, across the period."""
    for award in period.plan.awards:
        rule = award.leader_share
        if rule is None:
            continue
        people = [p for b in _by_award(results, award) for p in b.proposed_individuals]
        leaders = [p for p in people if p.is_leader]
        allowed = math.floor(Fraction(str(rule.max_percent)) * len(people) / 100)
        if len(leaders) <= allowed:
            continue
        share = format_percent(len(leaders) * 100 / len(people), digits=1)
        findings.error(
            config,
            f"tỷ lệ lãnh đạo, quản lý của cả đợt là {len(leaders)}/{len(people)} cá nhân ({share}), "
            f"vượt {format_percent(rule.max_percent, digits=0)} ({rule.basis}); tối đa {allowed} "
            "người.",
            "period-leader-share",
        )


def check_duplicates(findings: Findings, results: Sequence[CheckResult]) -> None:
    """A person (name and birth date) or a collective proposed by two units: an error at both."""
    seen: dict[tuple, tuple[Nominee, str]] = {}
    for result in results:
        assert result.batch is not None
        unit = result.batch.info.unit
        for n in result.batch.proposed:
            birth = n.birth_date if isinstance(n, Individual) else None
            key = (n.kind, tone_key(n.name), birth)
            if key not in seen:
                seen[key] = (n, unit)
                continue
            first, first_unit = seen[key]
            if first.source.file == n.source.file:
                continue  # within one workbook: the unit's own check says so
            what = "cá nhân" if isinstance(n, Individual) else "tập thể"
            born = f", sinh ngày {birth:%d/%m/%Y}" if birth else ""
            for here, other, other_unit in ((n, first, first_unit), (first, n, unit)):
                findings.error(
                    here.source,
                    f"{what} “{here.name}”{born} cũng được {other_unit} đề nghị ({other.source}); "
                    f"mỗi {what} chỉ được một đơn vị đề nghị trong một đợt.",
                    "period-duplicate",
                )

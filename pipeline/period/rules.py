"""The plan's rules across the units of a period: quotas, the leader share, people proposed twice;
and which unit a file is: a unit's two files, a file naming another unit than its own."""

from __future__ import annotations

import difflib
import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from pipeline.check import CheckResult
from pipeline.check.findings import Findings, Source
from pipeline.check.model import Batch, BirthDate, Individual, Nominee
from pipeline.inputs.plans import TARGET_LABELS, Award, Target
from pipeline.period.config import ExpectedUnit, Period, unit_entry
from pipeline.period.units import unit_key
from pipeline.vietnamese import count_with_words, format_decimal, format_percent_against, tone_key


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
        if quota is None or award.decided_by_unit:  # each unit's head keeps its own count
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
        if rule is None or award.decided_by_unit:
            continue
        people = [p for b in _by_award(results, award) for p in b.proposed_individuals]
        leaders = [p for p in people if p.is_leader]
        allowed = math.floor(Fraction(str(rule.max_percent)) * len(people) / 100)
        if len(leaders) <= allowed:
            continue
        share = format_percent_against(len(leaders) * 100 / len(people), rule.max_percent)
        findings.error(
            config,
            f"tỷ lệ lãnh đạo, quản lý của cả đợt là {len(leaders)}/{len(people)} cá nhân ({share}), "
            f"vượt {format_decimal(rule.max_percent, 2)}% ({rule.basis}); tối đa {allowed} "
            "người.",
            "period-leader-share",
        )


@dataclass(frozen=True)
class Clash:
    """One nominee proposed by two units: said once (the office's list), an error at both."""

    what: str  # "cá nhân" or "tập thể"
    name: str
    born: str  # ", sinh …" or ""
    places: tuple[tuple[str, Source], tuple[str, Source]]  # (unit, its cell), first found first

    def __str__(self) -> str:
        (a, at_a), (b, at_b) = self.places
        return (
            f"{self.what} “{self.name}”{self.born} được hai đơn vị đề nghị: {a} ({at_a}) và "
            f"{b} ({at_b}); mỗi {self.what} chỉ được một đơn vị đề nghị trong một đợt."
        )


def check_duplicates(findings: Findings, results: Sequence[CheckResult]) -> tuple[Clash, ...]:
    """A person (name and birth date) or a collective proposed by two units: an error at both
    (each unit's file is counted as having it), and the clash once, naming both places; a
    person of the same name whose one unit gives the year of birth alone and the other a date
    of that year: perhaps the same person, one warning naming both."""
    seen: dict[tuple, tuple[Nominee, str]] = {}
    named: dict[str, list[tuple[Nominee, str]]] = {}  # each person's name: who has it, proposed by
    clashes = []
    for result in results:
        assert result.batch is not None
        unit = result.batch.info.unit
        for n in result.batch.proposed:
            birth = n.birth_date if isinstance(n, Individual) else None
            key = (n.kind, tone_key(n.name), birth)
            if key not in seen:
                seen[key] = (n, unit)
                if birth is not None:
                    same_name = named.setdefault(key[1], [])
                    _maybe_same(findings, n, unit, birth, same_name)
                    same_name.append((n, unit))
                continue
            first, first_unit = seen[key]
            if first.source.file == n.source.file:
                continue  # within one workbook: the unit's own check says so
            what = "cá nhân" if isinstance(n, Individual) else "tập thể"
            born = f", sinh {birth.said}" if birth else ""
            clashes.append(
                Clash(what, first.name, born, ((first_unit, first.source), (unit, n.source)))
            )
            for here, other, other_unit in ((n, first, first_unit), (first, n, unit)):
                findings.error(
                    here.source,
                    f"{what} “{here.name}”{born} cũng được {other_unit} đề nghị ({other.source}); "
                    f"mỗi {what} chỉ được một đơn vị đề nghị trong một đợt.",
                    "period-duplicate",
                )
    return tuple(clashes)


def _maybe_same(
    findings: Findings,
    n: Nominee,
    unit: str,
    birth: BirthDate,
    before: Iterable[tuple[Nominee, str]],
) -> None:
    """Warn once when another unit proposes a person of the same name who may be this one (one
    gives the year of birth alone, the other a date of that year): at the first unit's cell,
    naming the second's file and cell (the office reads the pair once, not from each side)."""
    for other, other_unit in before:
        born = other.birth_date if isinstance(other, Individual) else None
        if born is None or other.source.file == n.source.file:
            continue
        if birth.same_as(born) is not None:
            continue
        # Which unit's record says less: the one the office asks for the whole date.
        vague = other_unit if _known(born) < _known(birth) else unit
        findings.warning(
            other.source,
            f"cá nhân “{other.name}” sinh {born.said} do {other_unit} đề nghị có thể là cùng một "
            f"người với “{n.name}” sinh {birth.said} do {unit} đề nghị ({n.source}): một hồ sơ "
            "không ghi đủ ngày sinh nên không phân biệt được. Nếu là một người, mỗi cá nhân chỉ "
            "được một đơn vị đề nghị trong một đợt; nếu là hai người, hãy đề nghị "
            f"{vague} ghi đủ ngày/tháng/năm sinh.",
            "period-duplicate-maybe",
        )


def _known(birth: BirthDate) -> int:
    """How much of a birth date is known: 1 the year, 2 the month too, 3 the whole date."""
    return 1 + (birth.month is not None) + (birth.day is not None)


UNIT_COPY = "period-unit-copy"  # a unit's second workbook: neither counted nor built


@dataclass(frozen=True)
class Copy:
    """A second workbook of a unit that has one already: `result`, and the unit's own."""

    result: CheckResult
    own: CheckResult
    unit: str


def unit_copies(
    matched: Sequence[tuple[ExpectedUnit | None, CheckResult | None]],
) -> list[Copy]:
    """Workbooks of no unit whose Cơ quan trình khen names a unit that has its workbook already
    ("01-… (1).xlsx" beside "01-….xlsx"): one unit's two files, not two units."""
    owners: dict[str, tuple[str, CheckResult]] = {}
    for unit, result in matched:
        if unit is not None and result is not None:
            for name in filter(None, (unit.name, result.heading.unit)):
                owners.setdefault(unit_key(name), (unit.name, result))
    copies = []
    for unit, result in matched:
        if unit is None and result is not None and result.heading.unit:
            owner = owners.get(unit_key(result.heading.unit))
            if owner is not None:
                copies.append(Copy(result, owner[1], owner[0]))
    return copies


def check_copies(findings: Findings, copies: Sequence[Copy]) -> None:
    """One error per second copy, naming both files: keep one."""
    for copy in copies:
        same = _digest(copy.result.path) == _digest(copy.own.path) != ""
        findings.error(
            copy.result.heading.unit_cell or Source(copy.result.label),
            f"tệp này và {copy.own.label} đều là hồ sơ của “{copy.unit}”"
            f"{' (hai tệp giống hệt nhau)' if same else ''}: mỗi đơn vị chỉ nộp một tệp. Hãy giữ "
            "một tệp (bản đúng, mới nhất) và xóa hay chuyển tệp kia ra khỏi don-vi/, rồi kiểm "
            "tra lại; tệp này chưa được tính vào đợt xét.",
            UNIT_COPY,
        )


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def check_named(
    findings: Findings, period: Period, unit: ExpectedUnit, result: CheckResult
) -> None:
    """A unit's file whose workbook names another unit: said with where each name is written
    (dot-xet.toml or the cell), which one the documents take, and what to fix for each case."""
    written = result.heading.unit
    if not written or unit_key(written) == unit_key(unit.name):
        return
    config, units = period.config_path.name, period.config.units
    names = [u.name for u in units]
    at = f"{config} › {unit_entry(names, units.index(unit))}"
    by_key = bool(unit.file) and Path(unit.file).stem == result.path.stem
    if by_key:
        how, wrong_file = (
            f"{at}, khóa file ghi tệp này là của “{unit.name}”",
            f"sửa khóa file ở {at}",
        )
    else:
        how = f"tên tệp này là tên đặt cho tệp của “{unit.name}” ({at}, như ứng dụng web lưu)"
        wrong_file = "đổi tên tệp"
    text = (
        f"{how}, nhưng ô Cơ quan trình khen ghi “{written}”. Văn bản của hồ sơ dùng tên trong ô "
        f"(“{written}”); tên trong {config} chỉ dùng để nhận ra tệp của đơn vị. "
    )
    other = next((u for u in units if unit_key(u.name) == unit_key(written)), None)
    if other is not None:
        text += (
            f"“{written}” là một đơn vị khác của đợt ({config} › "
            f"{unit_entry(names, units.index(other))}): "
            f"có lẽ tệp này là của đơn vị đó; nếu vậy, hãy {wrong_file} cho đúng đơn vị."
        )
    elif difflib.SequenceMatcher(None, unit_key(written), unit_key(unit.name)).ratio() >= 0.75:
        text += (
            f"Hai tên gần giống nhau, một bên gõ sai: nếu “{written}” đúng, hãy sửa khóa name ở {at} "
            f"cho giống ô; nếu “{unit.name}” đúng, hãy sửa ô này."
        )
    else:
        text += (
            f"Nếu tệp đúng là của “{unit.name}”, hãy sửa ô này cho đúng tên; nếu tệp là của đơn "
            f"vị khác, hãy {wrong_file} cho đúng đơn vị."
        )
    findings.warning(result.heading.unit_cell or Source(result.label), text, "period-unit-name")

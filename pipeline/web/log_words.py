"""The audit log as the office reads it: an entry's stored words ("đợt vi-du, lần 4", "đề nghị 12,
phiên bản 3", "công việc 4eec…") said by the period's title, the unit's name and the version."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.web.limits import file_size
from pipeline.web.models import AuditEntry, Build, Period, PeriodRun, Proposal

# What a target is about, and what follows (", lần 4", ", phiên bản 3").
_ABOUT = re.compile(r"^(đợt|đề nghị|hồ sơ) ([\w-]+)(.*)$", re.S)
_RUN = re.compile(r"(^|, )lần (\d+)$")
# A detail naming the period a submission went to, or was sent back from ("đợt vi-du: lý do").
_PERIOD_DETAIL = re.compile(r"^đợt ([\w-]+)(?:$|: )(.*)$", re.S)
# A build's job on the queue: a maintainer's id, not the office's words.
_JOB = re.compile(r"^công việc [\w-]+$")
# An upload's size as stored ("17544 byte"), and a file's whole sha256: said shorter on the page,
# kept whole in the cell's title.
_SIZE = re.compile(r"^(\d+) byte$")
_SHA = re.compile(r"\bsha256 ([0-9a-f]{12})[0-9a-f]{52}\b")


@dataclass(frozen=True)
class LogRow:
    """An entry of the log with its target and detail as the page shows them; `stored` is the
    entry's own words (its ids, a job's), for a maintainer's eye (the cells' title)."""

    entry: AuditEntry
    target: str
    detail: str
    stored: str


class _Names:
    """The ids an entry names, looked up once for the whole page."""

    def __init__(self) -> None:
        self.periods: dict[str, Period | None] = {}
        self.proposals: dict[int, Proposal | None] = {}
        self.builds: dict[int, Build | None] = {}

    def period(self, slug: str) -> Period | None:
        if slug not in self.periods:
            self.periods[slug] = Period.objects.filter(slug=slug).first()
        return self.periods[slug]

    def proposal(self, pk: int) -> Proposal | None:
        if pk not in self.proposals:
            found = Proposal.objects.select_related("unit").filter(pk=pk).first()
            self.proposals[pk] = found
        return self.proposals[pk]

    def build(self, pk: int) -> Build | None:
        if pk not in self.builds:
            found = Build.objects.select_related("proposal__unit", "upload").filter(pk=pk)
            self.builds[pk] = found.first()
        return self.builds[pk]


def _run(period: Period | None, text: str) -> str:
    """A run named by its id at the end of `text` ("lần 4") said as the period's nth run."""
    found = _RUN.search(text)
    if found is None or period is None:
        return text
    if not PeriodRun.objects.filter(period=period, pk=int(found[2])).exists():
        return text
    nth = PeriodRun.objects.filter(period=period, pk__lte=int(found[2])).count()
    return text[: found.start()] + f"{found[1]}lần tạo văn bản thứ {nth}"


def _target(target: str, names: _Names, named: bool) -> tuple[str, Period | None]:
    """A target said by names, and the period it is about (for a detail's "lần N"); a period by
    its title unless the page already `named` it on the row or above the table."""
    about = _ABOUT.match(target)
    if about is None:
        return target, None
    kind, key, rest = about.groups()
    if kind == "đợt":
        period = names.period(key)
        shown = f"đợt “{period.title}”" if period is not None else f"đợt {key}"
        shown = "đợt xét" if named and period is not None else shown
        return _run(period, shown + rest), period
    if not key.isdigit():
        return target, None
    if kind == "đề nghị":
        proposal = names.proposal(int(key))
        if proposal is None:
            return target, None
        return f"đề nghị của {proposal.unit.name}{rest}", proposal.period
    build = names.build(int(key))
    if build is None:
        return target, None
    unit = build.proposal.unit.name
    return f"hồ sơ của {unit}, phiên bản {build.upload.number}{rest}", build.proposal.period


def _detail(detail: str, names: _Names, named: bool) -> str:
    """A detail that starts with a period's id said by its title, or left out when the page
    already `named` the entry's period (the rest, an office's reason, kept as it is)."""
    about = _PERIOD_DETAIL.match(detail)
    period = names.period(about[1]) if about else None
    if about is None or period is None:
        return detail
    if named:
        return about[2]
    return f"đợt “{period.title}”" + (f": {about[2]}" if about[2] else "")


def _short(detail: str) -> str:
    """A detail's size in KB or MB and its sha256 by its first characters, as a person reads
    them (the whole digest is in the cell's title)."""
    size = _SIZE.match(detail)
    if size:
        return file_size(int(size[1]))
    return _SHA.sub(r"sha256 \1…", detail)


def readable(entries: Iterable[AuditEntry], named: bool = False) -> list[LogRow]:
    """The entries as the log page shows them: no id of the database or the queue (`named`: the
    page shows each entry's period, in a column or its heading)."""
    names, rows = _Names(), []
    for entry in entries:
        target, period = _target(entry.target, names, named)
        detail = "" if _JOB.match(entry.detail) else _run(period, entry.detail)
        detail = _short(_detail(detail, names, named))
        stored = " · ".join(w for w in (entry.target, entry.detail) if w)
        shown = " · ".join(w for w in (target, detail) if w)
        rows.append(LogRow(entry, target, detail, stored if stored != shown else ""))
    return rows

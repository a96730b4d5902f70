"""The checked data model: frozen objects built once by the validator and read by every later stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pipeline.check.findings import Source
from pipeline.inputs.plans import Award, Criterion, Plan, Review, Target
from pipeline.vietnamese import format_month_year, format_short_date

ReportType = Literal["bao-cao-thanh-tich", "trich-ngang"]
Role = Literal["Chủ tịch", "Phó Chủ tịch", "Ủy viên", "Ủy viên - Thư ký"]
CHAIR: Role = "Chủ tịch"
SECRETARY: Role = "Ủy viên - Thư ký"


@dataclass(frozen=True)
class Signer:
    """Who signs the Tờ trình: the authority lines (upper case, as printed) and the name."""

    authority: str  # "TM.", "KT.", "Q.", "TL.", "TUQ." or ""
    title: str  # the signer's own title as typed: "Phó Chủ tịch"
    lines: tuple[str, ...]  # printed lines: ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    name: str


@dataclass(frozen=True)
class BatchInfo:
    """The batch's general information (sheet "Thông tin chung")."""

    plan: Plan
    review: Review
    award: Award
    parent_body: str  # cơ quan chủ quản ("" when none)
    unit: str  # cơ quan trình khen
    unit_code: str  # ký hiệu cơ quan: "VHTT"
    place: str  # địa danh
    number: int | None  # số tờ trình; None until the văn thư issues it
    date: dt.date  # ngày tờ trình
    recipient: str  # kính gửi
    signer: Signer
    distribution: tuple[str, ...]  # nơi nhận, one recipient per item, as typed
    recipient_decides: bool = True  # "Kính gửi" decides the award (else it forwards the proposal)


@dataclass(frozen=True)
class Member:
    """A member of the emulation council (sheet "Thành viên HĐ")."""

    stt: int
    name: str
    position: str
    role: Role
    present: bool
    absence_reason: str
    source: Source


@dataclass(frozen=True)
class Council:
    """The council meeting (sheet "Hội đồng") and its members."""

    date: dt.date
    start: dt.time
    end: dt.time
    place: str
    method: str  # "Bỏ phiếu kín" or "Biểu quyết giơ tay"
    size: int  # tổng số thành viên: the denominator of the vote share
    members: tuple[Member, ...]

    @property
    def chair(self) -> Member:
        """The chair (exactly one; the validator guarantees it)."""
        return next(m for m in self.members if m.role == CHAIR)

    @property
    def secretary(self) -> Member:
        """The secretary (exactly one; the validator guarantees it)."""
        return next(m for m in self.members if m.role == SECRETARY)

    @property
    def present(self) -> tuple[Member, ...]:
        """Members at the meeting."""
        return tuple(m for m in self.members if m.present)

    @property
    def absent(self) -> tuple[Member, ...]:
        """Members not at the meeting."""
        return tuple(m for m in self.members if not m.present)


@dataclass(frozen=True)
class CriterionResult:
    """A numeric criterion with what the nominee registered and achieved (sheet "Chỉ tiêu")."""

    criterion: Criterion
    name: str  # as printed (the plan's name)
    registered: float | None
    achieved: float
    note: str
    source: Source

    @property
    def met(self) -> bool:
        """True when the achieved value satisfies the plan's threshold."""
        return self.criterion.met(self.achieved)


@dataclass(frozen=True)
class BirthDate:
    """A birth date as known: the whole date, its month and year, or only its year (older
    nominees' records often give no more); a day is known only with its month."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a birth date with a day has its month")
        dt.date(self.year, self.month or 1, self.day or 1)  # raises on an impossible date

    @classmethod
    def of(cls, date: dt.date) -> BirthDate:
        """The whole date."""
        return cls(date.year, date.month, date.day)

    @property
    def date(self) -> dt.date | None:
        """The whole date, None when the day is not known."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def year_only(self) -> bool:
        """True when only the year is known."""
        return self.month is None

    @property
    def month_only(self) -> bool:
        """True when the month and year are known, not the day."""
        return self.month is not None and self.day is None

    def isoformat(self) -> str:
        """ "1968-03-12", "1968-03" or "1968": a stable key and the example marks' text."""
        date = self.date
        if date:
            return date.isoformat()
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def __str__(self) -> str:
        """As documents print it: "12/3/1968", "3/1968" or "1968" (months 1 and 2 padded)."""
        date = self.date
        if date:
            return format_short_date(date)
        return format_month_year(self.year, self.month) if self.month else str(self.year)

    @property
    def said(self) -> str:
        """As a message says it after "sinh": "ngày 12/03/1968", "tháng 3/1968" or "năm 1968"."""
        if date := self.date:
            return f"ngày {date:%d/%m/%Y}"
        return f"tháng {self}" if self.month else f"năm {self}"

    def same_as(self, other: BirthDate) -> bool | None:
        """True: the same birth date; False: certainly not; None: perhaps (one knows less, and
        what both know agrees: a year alone and a date of that year)."""
        for mine, theirs in ((self.year, other.year), (self.month, other.month)):
            if mine is None or theirs is None:
                return None if (mine is None) != (theirs is None) else True
            if mine != theirs:
                return False
        if (self.day is None) != (other.day is None):
            return None
        return self.day == other.day


@dataclass(frozen=True)
class Nominee:
    """What collectives and individuals share."""

    id: str  # stable within the batch: "tap-the-01", "ca-nhan-03"
    index: int  # 1-based position among nominees of its kind, in sheet order
    stt: int | None
    name: str
    achievements: str  # multi-paragraph text, NFC, lines kept
    votes: int | None  # None when the plan has no council
    report_type: ReportType
    note: str
    criteria: tuple[CriterionResult, ...]
    passed: bool  # reached the council's threshold (always True without a council)
    source: Source  # the row's first cell
    report_date: dt.date | None  # when its Báo cáo thành tích is signed (None until defaulted)
    report_place: str  # the place written before that date

    @property
    def kind(self) -> Target:
        """ "tap-the" or "ca-nhan"."""
        raise NotImplementedError


@dataclass(frozen=True)
class Collective(Nominee):
    """A collective nominee (sheet "Tập thể")."""

    parent_unit: str
    address: str
    phone: str
    email: str
    staff_count: int | None
    duties: str
    head_name: str
    head_title: str
    group: str  # nhóm đối tượng, for the plan's criteria ("" when not given)

    @property
    def kind(self) -> Target:
        """Always "tap-the"."""
        return "tap-the"


@dataclass(frozen=True)
class Individual(Nominee):
    """An individual nominee (sheet "Cá nhân")."""

    gender: str  # "Nam" or "Nữ"
    birth_date: BirthDate | None
    ethnicity: str
    hometown: str
    residence: str
    education: str
    position: str
    workplace: str
    is_leader: bool

    @property
    def kind(self) -> Target:
        """Always "ca-nhan"."""
        return "ca-nhan"


@dataclass(frozen=True)
class Batch:
    """One checked workbook: everything the documents of one dossier batch are made from."""

    path: Path
    sha256: str
    info: BatchInfo
    council: Council | None
    collectives: tuple[Collective, ...]
    individuals: tuple[Individual, ...]

    @property
    def nominees(self) -> tuple[Nominee, ...]:
        """Collectives then individuals, in sheet order."""
        return (*self.collectives, *self.individuals)

    @property
    def proposed_collectives(self) -> tuple[Collective, ...]:
        """Collectives that reached the vote threshold: the ones the Tờ trình proposes."""
        return tuple(c for c in self.collectives if c.passed)

    @property
    def proposed_individuals(self) -> tuple[Individual, ...]:
        """Individuals that reached the vote threshold."""
        return tuple(i for i in self.individuals if i.passed)

    @property
    def proposed(self) -> tuple[Nominee, ...]:
        """Every nominee the Tờ trình proposes."""
        return (*self.proposed_collectives, *self.proposed_individuals)

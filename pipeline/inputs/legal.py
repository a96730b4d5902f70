"""The dated table of legal regimes (data/legal.toml): which law and decree a dossier cites."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from pydantic import ConfigDict

from pipeline.errors import PlanError
from pipeline.inputs.plans import Award, Plan
from pipeline.inputs.toml import load_toml
from pipeline.resources import DATA_DIR
from pipeline.vietnamese import nfc

LEGAL_FILE = DATA_DIR / "legal.toml"


@dataclass(frozen=True)
class Regime:
    """The law in force over a period: the Căn cứ lines it brings and its report form."""

    __pydantic_config__ = ConfigDict(extra="forbid")
    id: str
    start: dt.date
    decree: str = ""
    report_form: str = "Mẫu số 07"  # "" when the form's number is not known
    report_name: str = ""  # the form's name, when the regime names it
    verified: bool = True  # False: wording from secondary sources, to be checked by the user
    bases: tuple[str, ...] = ()
    end: dt.date | None = None  # open-ended: in force until the table says otherwise

    @property
    def report(self) -> str:
        """The report form as a document cites it: "Mẫu số 07, Nghị định số …" or its name."""
        if self.report_form:
            return f"{self.report_form}, {self.decree}" if self.decree else self.report_form
        return f"{self.report_name} ({self.decree})" if self.report_name else self.decree

    def covers(self, day: dt.date) -> bool:
        """True when the regime is in force on that day."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class EndedLevel:
    """A level of government that ended: its authorities' names carry one of `words`."""

    __pydantic_config__ = ConfigDict(extra="forbid")
    name: str  # "cấp huyện"
    words: tuple[str, ...]  # level words in an authority's name: "huyện", "quận"…
    last_day: dt.date
    replacement: str  # what a clerk chooses instead, in words
    source: str
    except_names: tuple[str, ...] = ()  # names with a level word that are not of this level

    def names(self, authority: str, day: dt.date) -> bool:
        """True when `authority` is of this level and `day` is after its last day."""
        key = " ".join(authority.lower().split())
        if day <= self.last_day or any(e in key for e in self.except_names):
            return False
        return any(re.search(rf"(^|\s){re.escape(w)}\s", key) for w in self.words)


@dataclass(frozen=True)
class MergedProvince:
    """A province merged into another: after `last_day` its bodies are the successor's."""

    __pydantic_config__ = ConfigDict(extra="forbid")
    old: str  # "Bắc Kạn"
    into: str  # "Thái Nguyên"
    last_day: dt.date
    source: str

    def __post_init__(self) -> None:
        # "tỉnh Bắc Kạn" written for "Bắc Kạn": the word is the pattern's, not the name's.
        for key in ("old", "into"):
            bare = re.sub(r"^tỉnh\s+", "", " ".join(nfc(getattr(self, key)).split()), flags=re.I)
            object.__setattr__(self, key, bare)

    @property
    def _pattern(self) -> re.Pattern[str]:
        # "tỉnh Bắc Kạn" as whole words, any case and spacing; the word "tỉnh" is kept as typed.
        words = r"\s+".join(re.escape(w) for w in nfc(self.old).split())
        return re.compile(rf"(?<!\w)(tỉnh)\s+{words}(?!\w)", re.IGNORECASE)

    def names(self, text: str) -> bool:
        """True when `text` names the old province ("Chủ tịch UBND tỉnh Bắc Kạn")."""
        return bool(self._pattern.search(nfc(text)))

    def renamed(self, text: str) -> str:
        """`text` with the successor province in place of the old one."""
        return self._pattern.sub(lambda m: f"{m.group(1)} {self.into}", nfc(text))

    @property
    def effective(self) -> dt.date:
        """The first day of the successor province."""
        return self.last_day + dt.timedelta(days=1)


@dataclass(frozen=True)
class AuthorityBasis:
    """The law an issuer's authority rests on over a period (a Quyết định's first Căn cứ lines),
    for issuers whose name starts with one of `issuers` ("Ủy ban nhân dân …")."""

    __pydantic_config__ = ConfigDict(extra="forbid")
    issuers: tuple[str, ...]
    start: dt.date
    bases: tuple[str, ...]
    source: str
    end: dt.date | None = None

    def applies(self, issuer: str, day: dt.date) -> bool:
        """True when `issuer` is one of these issuers and the basis is in force on `day`."""
        key = " ".join(issuer.lower().split())
        in_force = self.start <= day and (self.end is None or day <= self.end)
        return in_force and any(key.startswith(i.lower()) for i in self.issuers)


@dataclass(frozen=True)
class _Table:
    __pydantic_config__ = ConfigDict(extra="forbid")
    regimes: tuple[Regime, ...]
    ended_levels: tuple[EndedLevel, ...] = ()
    authority_bases: tuple[AuthorityBasis, ...] = ()
    merged_provinces: tuple[MergedProvince, ...] = ()


@dataclass(frozen=True)
class _UserTable:
    """A user's own legal file: regimes and ended levels that replace or extend the shipped ones."""

    __pydantic_config__ = ConfigDict(extra="forbid")
    regimes: tuple[Regime, ...] = ()
    ended_levels: tuple[EndedLevel, ...] = ()
    authority_bases: tuple[AuthorityBasis, ...] = ()  # given: they replace the shipped ones
    merged_provinces: tuple[MergedProvince, ...] = ()  # replace or extend, by `old`


_USER: list[Path] = []  # the user's legal file while `using()` is active (read by every thread)


@contextmanager
def using(path: Path | None) -> Iterator[None]:
    """Use a user's legal file (`--legal FILE`, or `legal` in dot-xet.toml) while inside."""
    if path is None:
        yield
        return
    _merged(LEGAL_FILE, path.resolve())  # a broken file is reported before anything runs
    _USER.append(path.resolve())
    try:
        yield
    finally:
        _USER.pop()


def active_file() -> Path | None:
    """The user's legal file in use (inside `using()`), or None for the shipped table alone."""
    return _USER[-1] if _USER else None


@cache
def _merged(path: Path, user: Path | None) -> _Table:
    """The shipped table with the user's regimes and ended levels put over it (by id, by name)."""
    table = load_toml(path, _Table, "bảng căn cứ pháp lý")
    if user is None:
        return table
    own = load_toml(user, _UserTable, "tệp căn cứ pháp lý riêng")
    ids = {r.id for r in own.regimes}
    names = {e.name for e in own.ended_levels}
    olds = {_province_key(m.old) for m in own.merged_provinces}
    return _Table(
        regimes=(*(r for r in table.regimes if r.id not in ids), *own.regimes),
        ended_levels=(*(e for e in table.ended_levels if e.name not in names), *own.ended_levels),
        authority_bases=own.authority_bases or table.authority_bases,
        merged_provinces=(
            *(m for m in table.merged_provinces if _province_key(m.old) not in olds),
            *own.merged_provinces,
        ),
    )


def _province_key(name: str) -> str:
    return " ".join(nfc(name).lower().split())


def _table(path: Path = LEGAL_FILE) -> _Table:
    user = _USER[-1] if _USER and path == LEGAL_FILE else None
    return _merged(path, user)


def regimes(path: Path = LEGAL_FILE) -> tuple[Regime, ...]:
    """Every regime of the table (with the user's, when given), oldest first."""
    return tuple(sorted(_table(path).regimes, key=lambda r: r.start))


def ended_level(authority: str, day: dt.date, path: Path = LEGAL_FILE) -> EndedLevel | None:
    """The ended level of government an authority belongs to on `day`, if any."""
    return next((lv for lv in _table(path).ended_levels if lv.names(authority, day)), None)


def merged_provinces(path: Path = LEGAL_FILE) -> tuple[MergedProvince, ...]:
    """Every merger of provinces of the table (with the user's, when given)."""
    return _table(path).merged_provinces


def merger_of(name: str, day: dt.date, path: Path = LEGAL_FILE) -> MergedProvince | None:
    """The merger a name's province had gone through by `day` ("Sở Nội vụ tỉnh Bình Phước" on
    01/8/2025), if any."""
    return next((m for m in merged_provinces(path) if day > m.last_day and m.names(name)), None)


def current_name(name: str, day: dt.date, path: Path = LEGAL_FILE) -> str:
    """The name with the successor province put in when its province had merged by `day`."""
    for merger in merged_provinces(path):
        if day > merger.last_day and merger.names(name):
            name = merger.renamed(name)
    return name


def plan_on(plan: Plan, day: dt.date, path: Path = LEGAL_FILE) -> Plan:
    """The plan as a dossier dated `day` reads it: its awards' names, deciders and notes carry
    the successor province after a merger (same ids, quotas and prize). The plan's own issuer
    and citation stay as issued: the plan was issued by the old province's body."""

    def current(award: Award) -> Award:
        return replace(
            award,
            name=current_name(award.name, day, path),
            awarded_by=current_name(award.awarded_by, day, path),
            note=current_name(award.note, day, path),
        )

    awards = tuple(current(a) for a in plan.awards)
    return plan if awards == plan.awards else replace(plan, awards=awards)


def authority_bases(issuer: str, day: dt.date, path: Path = LEGAL_FILE) -> tuple[str, ...]:
    """The Căn cứ lines of the law an issuer's authority rests on, on `day` (none if unknown)."""
    found = next((b for b in _table(path).authority_bases if b.applies(issuer, day)), None)
    return found.bases if found is not None else ()


def regime_for(plan: Plan, day: dt.date) -> Regime:
    """The regime a dossier dated `day` follows: the plan's override, else the one in force."""
    table = regimes()
    if plan.legal_regime:
        chosen = next((r for r in table if r.id == plan.legal_regime), None)
        if chosen is None:
            known = ", ".join(r.id for r in table)
            raise PlanError(
                f"{plan.path.name} › legal_regime: không có {plan.legal_regime!r} ({known})."
            )
        return chosen
    for regime in reversed(table):  # the latest that covers the day: a later one added by a user
        if regime.covers(day):
            return regime
    raise PlanError(
        f"Không có căn cứ pháp lý nào áp dụng cho ngày {day:%d/%m/%Y} (data/legal.toml)."
    )

"""Plan presets: TOML files in data/plans/, validated by a typed schema, loaded frozen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, TypeAdapter

from pipeline.errors import PlanError
from pipeline.inputs.kinds import KindId
from pipeline.inputs.prize import level_ids
from pipeline.inputs.toml import invalid, read_toml, validate
from pipeline.resources import DATA_DIR, PLANS_DIR
from pipeline.vietnamese import format_decimal

Target = Literal["tap-the", "ca-nhan"]
ReviewKind = Literal["so-ket", "tong-ket", "hang-nam"]

# Numbers are strict: TOML has real integers, floats and booleans, so `tap_the = true` or "7" is a
# mistake to report, not a value to coerce.
Count = Annotated[int, Field(strict=True, ge=0)]
Year = Annotated[int, Field(strict=True, ge=1945, le=2100)]
Percent = Annotated[float, Field(strict=True, gt=0, le=100)]
Flag = Annotated[bool, Field(strict=True)]

TARGET_LABELS: dict[str, str] = {"tap-the": "tập thể", "ca-nhan": "cá nhân"}

# Unknown keys are errors (a typo in a preset must not be silently ignored).
_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)


@dataclass(frozen=True)
class Issuer:
    """The authority that issued the plan."""

    __pydantic_config__ = _STRICT
    name: str  # "Ủy ban nhân dân huyện Bù Gia Mập"
    short: str  # "UBND huyện Bù Gia Mập"
    province: str  # "Bình Phước"


@dataclass(frozen=True)
class PlanDocument:
    """The plan document itself: number, date, title and how a Căn cứ line cites it."""

    __pydantic_config__ = _STRICT
    year: Year
    title: str
    citation: str  # the exact words a Căn cứ line uses for this plan
    number: str | None = None  # "635/KH-UBND"; None when the seed leaves it blank
    date: dt.date | None = None


@dataclass(frozen=True)
class Review:
    """One review of the movement (sơ kết, tổng kết, or a yearly review)."""

    __pydantic_config__ = _STRICT
    id: str
    label: str  # "Sơ kết năm 2023"
    kind: ReviewKind
    year: Year
    held: str  # when it is held, as the plan says: "Quý IV/2023"

    @property
    def phrase(self) -> str:
        """The label as it reads inside a sentence ("sơ kết năm 2023")."""
        return self.label[:1].lower() + self.label[1:]


@dataclass(frozen=True)
class Quota:
    """The most nominees of each kind one batch may propose for an award at a review."""

    __pydantic_config__ = _STRICT
    review: str
    tap_the: Count | None = None
    ca_nhan: Count | None = None

    def limit(self, target: Target) -> int | None:
        """The cap for a target group, or None when the plan sets none."""
        return self.tap_the if target == "tap-the" else self.ca_nhan


@dataclass(frozen=True)
class LeaderShare:
    """Cap on the share of leaders and managers among the individuals proposed."""

    __pydantic_config__ = _STRICT
    max_percent: Percent
    basis: str  # the rule that sets it, cited in messages
    who: str = "cán bộ lãnh đạo, quản lý"  # who counts as a leader, as the plan words it


@dataclass(frozen=True)
class Award:
    """An award form the plan lets units propose, with its quotas and council vote threshold."""

    __pydantic_config__ = _STRICT
    id: str
    name: str  # full printed name: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước"
    awarded_by: str  # who decides it: "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước"
    targets: tuple[Target, ...]
    # Plans are silent on the council vote; it is the unit's rule, kept here so it can be changed.
    vote_threshold_percent: Percent
    vote_denominator: Literal["all-members"] = "all-members"
    quotas: tuple[Quota, ...] = ()
    leader_share: LeaderShare | None = None
    note: str = ""
    funding: str = ""  # where prize money comes from, when the plan says
    # Decided by each proposing unit's own head ("Thủ trưởng cơ quan, đơn vị"): no office above
    # consolidates it.
    decided_by_unit: bool = False
    prize: str = ""  # its level in data/prize-money.toml ("" when the plan gives no prize money)
    short: str = (
        ""  # the name in a table column, e.g. "Bằng khen"; default: the part before " của "
    )

    @property
    def short_name(self) -> str:
        """The award as a table column shows it ("Bằng khen", "Giấy khen")."""
        return self.short or self.name.split(" của ", 1)[0]

    def quota_for(self, review_id: str) -> Quota | None:
        """The quota at a review, or None when the plan sets none."""
        return next((q for q in self.quotas if q.review == review_id), None)


@dataclass(frozen=True)
class Criterion:
    """A numeric criterion (a percentage to reach) for one target group."""

    __pydantic_config__ = _STRICT
    id: str
    target: Target
    group: str  # "Cơ quan, ban, ngành, đoàn thể huyện"
    name: str
    threshold: Percent
    comparator: Literal[">=", ">"] = ">="

    def met(self, value: float) -> bool:
        """True when an achieved value satisfies the criterion."""
        return value >= self.threshold if self.comparator == ">=" else value > self.threshold

    @property
    def requirement(self) -> str:
        """The requirement as printed: "≥ 90%"."""
        if self.comparator == ">=" and self.threshold == 100:
            return "100%"
        sign = "≥" if self.comparator == ">=" else ">"
        return f"{sign} {_number(self.threshold)}%"


@dataclass(frozen=True)
class Qualitative:
    """Qualitative criteria for a target group: guidance printed, not checked."""

    __pydantic_config__ = _STRICT
    target: Target
    group: str
    text: tuple[str, ...]


@dataclass(frozen=True)
class Deadline:
    """A deadline the plan sets."""

    __pydantic_config__ = _STRICT
    what: str
    when: str
    to: str = ""


@dataclass(frozen=True)
class Dossier:
    """What one dossier contains and where it goes."""

    __pydantic_config__ = _STRICT
    documents: tuple[KindId, ...]
    report_form: str  # "Mẫu số 07 ban hành kèm theo Nghị định số 91/2017/NĐ-CP ..."
    confirmation: str = "cấp trình khen"  # who confirms a report
    trich_ngang_allowed: Flag = False
    copies: str = ""
    submit_to: tuple[str, ...] = ()
    note: str = ""  # e.g. how to file (online, by post)

    @property
    def has_council(self) -> bool:
        """True when the plan asks for the council's Biên bản (and so for votes)."""
        return "bien-ban" in self.documents


@dataclass(frozen=True)
class Plan:
    """One emulation-movement plan, as a preset."""

    __pydantic_config__ = _STRICT
    id: str
    issuer: Issuer
    document: PlanDocument
    movement: str
    implements: tuple[str, ...]
    reviews: tuple[Review, ...]
    awards: tuple[Award, ...]
    dossier: Dossier
    criteria: tuple[Criterion, ...] = ()
    qualitative: tuple[Qualitative, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    legal_basis: tuple[str, ...] = ()  # Căn cứ lines of the province, after the law and decree
    legal_regime: str | None = None  # force a regime of data/legal.toml instead of the date's
    templates: str | None = None  # a template folder, relative to the plan file
    source: str = ""  # provenance: the seed or document this preset encodes
    path: Path = field(default=Path(), compare=False)

    @property
    def issued(self) -> dt.date:
        """The plan's date, or the first day of its year when the preset does not know the day."""
        return self.document.date or dt.date(self.document.year, 1, 1)

    def review(self, review_id: str) -> Review | None:
        """The review with this id, or None."""
        return next((r for r in self.reviews if r.id == review_id), None)

    def award(self, award_id: str) -> Award | None:
        """The award with this id, or None."""
        return next((a for a in self.awards if a.id == award_id), None)

    def criteria_for(self, target: Target) -> tuple[Criterion, ...]:
        """The numeric criteria of a target group."""
        return tuple(c for c in self.criteria if c.target == target)

    def groups_for(self, target: Target) -> tuple[str, ...]:
        """The target groups (for the workbook's dropdown), in preset order, without repeats."""
        groups = [c.group for c in self.criteria if c.target == target]
        groups += [q.group for q in self.qualitative if q.target == target]
        return tuple(dict.fromkeys(groups))

    @property
    def template_dir(self) -> Path | None:
        """The plan's own template folder, resolved against the plan file."""
        return (self.path.parent / self.templates).resolve() if self.templates else None


_WHAT = "tệp kế hoạch"


def _number(value: float) -> str:
    return format_decimal(value, 2)


def _consistency_messages(plan: Plan) -> list[str]:
    """Rules across keys that a type schema cannot express."""
    problems: list[str] = []
    for name, items in (("reviews", plan.reviews), ("awards", plan.awards)):
        ids = [item.id for item in items]
        problems += [
            f"{name}: id {i!r} bị trùng" for i in sorted({i for i in ids if ids.count(i) > 1})
        ]
        if not ids:
            problems.append(f"{name}: cần ít nhất một mục")
    review_ids = {r.id for r in plan.reviews}
    for i, award in enumerate(plan.awards):
        if not award.targets:
            problems.append(f"awards[{i}].targets: cần ít nhất một đối tượng")
        if award.prize and award.prize not in level_ids():
            known = ", ".join(sorted(level_ids()))
            problems.append(f"awards[{i}].prize: không có mức {award.prize!r} ({known})")
        for j, quota in enumerate(award.quotas):
            if quota.review not in review_ids:
                problems.append(
                    f"awards[{i}].quotas[{j}].review: không có đợt xét {quota.review!r}"
                )
    docs = plan.dossier.documents
    for needed in ("to-trinh", "danh-sach"):
        if needed not in docs:
            problems.append(f"dossier.documents: thiếu {needed!r}")
    if ("trich-ngang" in docs) != plan.dossier.trich_ngang_allowed:
        problems.append("dossier: 'trich-ngang' trong documents phải khớp trich_ngang_allowed")
    crit_ids = [c.id for c in plan.criteria]
    problems += [
        f"criteria: id {i!r} bị trùng"
        for i in sorted({i for i in crit_ids if crit_ids.count(i) > 1})
    ]
    return problems


def load_plan_file(path: Path) -> Plan:
    """Load and validate one preset file; a problem raises PlanError naming the file and key."""
    raw = read_toml(path, _WHAT)
    raw.pop("path", None)
    plan = validate(raw, Plan, path, _WHAT)
    problems = _consistency_messages(plan)
    if problems:
        raise invalid(path, _WHAT, problems)
    if plan.id != path.stem:
        raise PlanError(f"{path.name} › id: {plan.id!r} phải trùng tên tệp ({path.stem!r})")
    return replace(plan, path=path)


@cache
def _load_dir(directory: Path) -> dict[str, Plan]:
    plans = [load_plan_file(p) for p in sorted(directory.glob("*.toml"))]
    return {p.id: p for p in plans}


def all_plans(directory: Path = PLANS_DIR) -> list[Plan]:
    """Every preset in a folder, sorted by id."""
    return list(_load_dir(directory.resolve()).values())


def get_plan(plan_id: str, directory: Path = PLANS_DIR) -> Plan:
    """The preset with this id; PlanError listing the known ids when there is none."""
    plans = _load_dir(directory.resolve())
    if plan_id in plans:
        return plans[plan_id]
    known = ", ".join(plans) or "(không có)"
    raise PlanError(f"Không có kế hoạch “{plan_id}”. Các kế hoạch có sẵn: {known}.")


SCHEMA_TEXTS_FILE = DATA_DIR / "plan-schema.toml"
_DIALECT = "https://json-schema.org/draft/2020-12/schema"  # the one pydantic writes


@dataclass(frozen=True)
class SchemaText:
    """The Vietnamese title and description of one key of a plan file."""

    __pydantic_config__ = _STRICT
    title: str
    description: str


@dataclass(frozen=True)
class ModelText:
    """The Vietnamese title and description of one model of a plan file, and of its keys."""

    __pydantic_config__ = _STRICT
    title: str
    description: str
    keys: dict[str, SchemaText] = field(default_factory=dict)


@cache
def schema_texts(path: Path = SCHEMA_TEXTS_FILE) -> dict[str, ModelText]:
    """The schema's Vietnamese texts by model name (data/plan-schema.toml)."""
    raw = read_toml(path, "bảng chú thích lược đồ kế hoạch")
    return validate(raw, dict[str, ModelText], path, "bảng chú thích lược đồ kế hoạch")


def _titled(node: dict, text: SchemaText | ModelText | None) -> dict:
    """The node with the Vietnamese title and description first (as an editor shows them)."""
    if text is None:  # tests/test_plan_schema.py fails on it: no silent English
        return node
    rest = {k: v for k, v in node.items() if k not in ("title", "description")}
    return {"title": text.title, "description": text.description, **rest}


def _described(model: dict, text: ModelText | None) -> dict:
    keys = text.keys if text else {}
    properties = {k: _titled(v, keys.get(k)) for k, v in model.get("properties", {}).items()}
    return _titled({**model, "properties": properties}, text)


def plan_schema() -> dict:
    """The JSON Schema of a preset file (for editors and documentation), titled and described
    in Vietnamese from data/plan-schema.toml; the English docstrings stay the developers'."""
    schema = TypeAdapter(Plan).json_schema()
    schema.get("properties", {}).pop("path", None)
    texts = schema_texts()
    defs = {name: _described(d, texts.get(name)) for name, d in schema.pop("$defs", {}).items()}
    return {"$schema": _DIALECT, **_described(schema, texts.get("Plan")), "$defs": defs}

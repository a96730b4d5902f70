"""Fictional units of a period (`hoso period init --example`): each proposes itself and its staff.

The units are the plan example's collectives (and communes of its area); each gets its own people
(a seeded generator per unit), its own council and signer, and proposes itself and a few of its staff
to the plan's issuing body. One unit is late, one has a cell error, one sends nothing, so that the
whole period can be tried at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pipeline.inputs.contract import COLLECTIVES, COUNCIL, CRITERIA, INDIVIDUALS, INFO, MEMBERS
from pipeline.inputs.examples import (
    N_UNITS,
    STAFF,
    example_marks,
    example_spec,
    example_values,
    numbered_units,
    unit_people,
)
from pipeline.inputs.plans import Plan, Review
from pipeline.period.config import Office
from pipeline.period.units import unit_key
from pipeline.vietnamese import slug

LATE, BROKEN, MISSING = 2, 3, 5  # which units (1-based) are late, have an error, send nothing
BROKEN_BIRTH = "31/02/1985"  # the cell error of the broken unit: a day that does not exist
# A commune's name in a unit's ("Trạm Y tế xã Nam Mẫu"), not the "xã" of "Hợp tác xã".
_PLACE = re.compile(r"(?<!tác )\b(?:xã|phường|thị trấn) ([^,]+)")


@dataclass(frozen=True)
class ExampleUnit:
    """One fictional unit: its name, workbook contents (None: sends nothing) and receipt date."""

    name: str
    file: str
    values: dict[str, Any] | None
    received: dt.date | None
    marks: tuple[str, ...] = ()  # the example marks of its fictional rows (see example_mark)


def example_units(plan: Plan, review: Review) -> tuple[Office, dt.date, list[ExampleUnit]]:
    """The office's name, the deadline and the example units of a plan's period."""
    base = example_values(plan, review, collectives=N_UNITS)
    info = base[INFO]
    deadline = info["date"] + dt.timedelta(days=5)
    units = []
    for i, collective in enumerate(numbered_units(base[COLLECTIVES], N_UNITS), start=1):
        values = _unit_values(plan, review, base, collective, i)
        marks = tuple(example_marks(values))
        if i == BROKEN:
            values[INDIVIDUALS][1]["birth_date"] = BROKEN_BIRTH
        received = None if i == MISSING else info["date"] + dt.timedelta(days=8 if i == LATE else 2)
        file = f"{i:02d}-{_file_stem(collective['name'])}.xlsx"
        kept = None if i == MISSING else values
        units.append(ExampleUnit(collective["name"], file, kept, received, marks))
    return _office(base), deadline, units


def unit_example(
    plan: Plan, review: Review, name: str
) -> tuple[dict[str, Any], tuple[str, ...]] | None:
    """The workbook (values, marks) of the example unit `name` of a plan's example period, as it
    would send it (no cell error, sent even by the unit that sends nothing): the example a
    clerk of that unit downloads. The plan's own example proposes every example unit, so a
    clerk who sent it would clash with each of them. None for a unit of no example period."""
    base = example_values(plan, review, collectives=N_UNITS)
    for i, collective in enumerate(numbered_units(base[COLLECTIVES], N_UNITS), start=1):
        if unit_key(collective["name"]) == unit_key(name):
            values = _unit_values(plan, review, base, collective, i)
            return values, tuple(example_marks(values))
    return None


def _office(base: dict[str, Any]) -> Office:
    """The receiving office: the plan example's own proposing body, with its signer."""
    info = base[INFO]
    return Office(
        name=info["unit"],
        parent_body=info["parent_body"],
        code=info["unit_code"],
        place=info["place"],
        authority=info["authority"] or "",
        signer_title=info["signer_title"],
        signer_name=info["signer_name"],
        distribution=tuple(info["distribution"]),
    )


def _unit_values(
    plan: Plan, review: Review, base: dict[str, Any], unit: dict[str, Any], i: int
) -> dict[str, Any]:
    """A unit's workbook: itself as the collective, STAFF of its staff, its council and signer."""
    own = unit_people(plan, review, unit, i, STAFF)
    name, head = unit["name"], unit["head_title"]
    people = [_staff(p, name, head) for p in own[INDIVIDUALS]]
    values = {
        INFO: _info(own[INFO], base[INFO], unit),
        COLLECTIVES: own[COLLECTIVES],
        INDIVIDUALS: people,
        CRITERIA: [r for r in base[CRITERIA] if r["nominee"] == name],
    }
    if MEMBERS in own:
        values[COUNCIL] = {**own[COUNCIL], "place": f"Phòng họp {name}"}
        values[MEMBERS] = _members(own[MEMBERS], head)
    return values


def _info(own: dict[str, Any], base: dict[str, Any], unit: dict[str, Any]) -> dict[str, Any]:
    """The unit's Thông tin chung: it proposes to the head of the plan example's body."""
    name = unit["name"]
    body = str(base["unit"])
    place = _PLACE.search(name)
    return own | {
        "parent_body": unit["parent_unit"],
        "unit": name,
        "unit_code": _code(name),
        "place": place.group(1) if place else base["place"],
        "recipient": _head_of(body) or base["recipient"],
        "authority": "TM." if name.startswith("Ủy ban nhân dân") else None,
        "signer_title": unit["head_title"],
        "distribution": ["Như trên", "Lưu: VT"],
    }


def _head_of(body: str) -> str | None:
    """Whom a unit's Tờ trình is addressed to: the head of the body that consolidates."""
    for start, head in (("Ủy ban nhân dân", "Chủ tịch"), ("Sở", "Giám đốc")):
        if body.startswith(start):
            return f"{head} {body}"
    return None


def _staff(person: dict[str, Any], unit: str, head: str) -> dict[str, Any]:
    """A generated individual moved to the unit: its workplace and, for leaders, its deputy post."""
    out = person | {"workplace": unit}
    if person["is_leader"]:
        out["position"] = f"Phó {head}"
    return out


def _members(members: list[dict[str, Any]], head: str) -> list[dict[str, Any]]:
    """The unit's own council: its head chairs it, a deputy, union and youth leaders, a secretary."""
    posts = [
        head,
        f"Phó {head}",
        "Chủ tịch Công đoàn cơ sở",
        "Bí thư Chi đoàn",
        "Chuyên viên",
        "Chuyên viên",
        "Chuyên viên",
    ]
    return [m | {"position": posts[min(j, len(posts) - 1)]} for j, m in enumerate(members)]


def _code(name: str) -> str:
    """The unit's short sign for document numbers: UBND, VP, or its syllables' initials (VHTT)."""
    if name.startswith("Ủy ban nhân dân"):
        return "UBND"
    if name.startswith("Văn phòng"):
        return "VP"
    if name.startswith("Hợp tác xã"):  # its "xã" is no commune: not cut there
        return "HTX"
    core = re.split(r"\s+(?:huyện|xã|tỉnh|thành phố|phường)\s", name, maxsplit=1)[0]
    core = re.sub(r"^(?:Phòng|Trung tâm|Sở|Ban)\s+", "", core)
    syllables = [w for w in re.split(r"[\s,]+", core) if w and w not in ("và", "của")]
    return (slug(" ".join(w[0] for w in syllables)).replace("-", "").upper() or "VP")[:8]


def _file_stem(name: str) -> str:
    """A file name for a unit's workbook (ASCII, dashes)."""
    return slug(name)[:40].rstrip("-")


def example_period(plan: Plan, review: Review | None = None) -> dict[str, Any]:
    """The example's [period] settings (awards decided here, the decision's signer), if any:
    those of the review's date when a `[[since]]` section gives its own."""
    return dict(example_spec(plan, review).get("period", {}))

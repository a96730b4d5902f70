"""Realistic fictional workbook contents for each plan (`hoso init --example`) and its period's units
(`hoso period init --example`), deterministic per plan."""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from pathlib import Path
from typing import Any

from pipeline.errors import PlanError
from pipeline.inputs.contract import (
    COLLECTIVES,
    COUNCIL,
    CRITERIA,
    INDIVIDUALS,
    INFO,
    MEMBERS,
    REPORT_SHORT,
    example_mark,
)
from pipeline.inputs.legal import ended_level, plan_on
from pipeline.inputs.plans import Award, Plan, Review
from pipeline.inputs.toml import read_toml
from pipeline.resources import DATA_DIR
from pipeline.vietnamese import format_money, slug

EXAMPLES_DIR = DATA_DIR / "examples"
N_INDIVIDUALS = 8
LEADERS = (1, 4)  # which individuals (1-based) hold a leading post: 2 of 7 proposed stay under 40 %
N_UNITS = 5  # the units of an example period
STAFF = 4  # individuals each unit proposes (benchmarks raise it, with N_UNITS)
_LOCALITY = re.compile(r" (xã|phường|thị trấn|thôn) ")


def _load(path: Path) -> dict[str, Any]:
    return read_toml(path, "dữ liệu ví dụ")


def example_values(
    plan: Plan,
    review: Review,
    *,
    seed: str = "",
    collectives: int | None = None,
    individuals: int = N_INDIVIDUALS,
) -> dict[str, Any]:
    """Sheet contents for a plan's example workbook: a batch that checks clean (one vote warning).

    `seed`, `collectives` and `individuals` make other, larger batches of the same plan (benchmarks);
    the default is the plan's own example.
    """
    own = EXAMPLES_DIR / f"{plan.id}.toml"
    if not own.is_file():
        raise PlanError(f"Kế hoạch {plan.id} chưa có dữ liệu ví dụ ({own}).")
    spec = example_spec(plan, review)
    gen = _Generator(plan, review, spec, _load(EXAMPLES_DIR / "common.toml"), seed)
    return gen.values(collectives, individuals)


def example_spec(plan: Plan, review: Review | None = None) -> dict[str, Any]:
    """A plan's example data file as read (data/examples/<plan>.toml), {} when it has none.

    With a review, each `[[since]]` section dated on or before the review's Tờ trình replaces
    the keys it gives (bodies that exist after a reform), oldest first.
    """
    own = EXAMPLES_DIR / f"{plan.id}.toml"
    if not own.is_file():
        return {}
    spec = _load(own)
    changes = sorted(spec.pop("since", []), key=lambda s: s["date"])
    if review is not None:
        day = proposal_date(review)
        for change in (c for c in changes if c["date"] <= day):
            spec |= {k: v for k, v in change.items() if k not in ("date", "why")}
    return spec


def example_award(plan: Plan, review: Review, wanted: str) -> Award:
    """The award an example proposes: `wanted`, unless the plan lacks it or its decider's level
    of government had ended by the review's Tờ trình; then another award the plan offers at that
    review whose decider still exists. PlanError (before anything is written) when there is none.
    The award is named as on that day (a merged province's successor)."""
    day = proposal_date(review)
    plan = plan_on(plan, day)
    award = plan.award(wanted)
    if award is not None and ended_level(award.awarded_by, day) is None:
        return award
    offered = [a for a in plan.awards if not a.quotas or a.quota_for(review.id) is not None]
    living = [
        a
        for a in offered
        if set(a.targets) >= {"tap-the", "ca-nhan"} and ended_level(a.awarded_by, day) is None
    ]
    # An award an office above decides first: it is the one a period's units send up.
    living.sort(key=lambda a: a.decided_by_unit)
    if living:
        return living[0]
    gone = [(a, lv) for a in offered if (lv := ended_level(a.awarded_by, day)) is not None]
    if not gone:
        raise PlanError(
            f"Không tạo được dữ liệu ví dụ cho đợt “{review.label}” của kế hoạch {plan.id}: kế "
            "hoạch không có hình thức khen thưởng nào cho cả tập thể và cá nhân ở đợt này. "
            "Chưa ghi tệp nào."
        )
    ended = gone[0][1]
    names = "; ".join(f"“{a.name}” do {a.awarded_by} quyết định" for a, _ in gone)
    raise PlanError(
        f"Không tạo được dữ liệu ví dụ cho đợt “{review.label}” của kế hoạch {plan.id}: Tờ trình "
        f"của đợt này đề ngày {day:%d/%m/%Y}, mà {ended.name} không còn sau ngày "
        f"{ended.last_day:%d/%m/%Y} ({ended.source}), nên không còn đề nghị được {names}. Kế "
        "hoạch không có hình thức khen thưởng nào khác cho đợt này mà người quyết định còn tồn "
        f"tại. Hình thức hiện nay: {ended.replacement}. Hãy thêm hình thức đó vào kế hoạch "
        "(xem: hoso plans schema), hoặc tạo tệp không có --example. Chưa ghi tệp nào."
    )


def example_marks(values: dict[str, Any]) -> list[str]:
    """The marks of every fictional person and report in example values (see example_mark)."""
    marks = []
    if values.get(INFO, {}).get("signer_name"):
        marks.append(example_mark(INFO, values[INFO]["signer_name"]))
    marks += [example_mark(MEMBERS, m["name"]) for m in values.get(MEMBERS, [])]
    marks += [
        example_mark(COLLECTIVES, c["name"], c["achievements"]) for c in values.get(COLLECTIVES, [])
    ]
    marks += [
        example_mark(INDIVIDUALS, p["name"], p["birth_date"].isoformat())
        for p in values.get(INDIVIDUALS, [])
    ]
    return marks


def numbered_units(collectives: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """`n` units of an example period from the example's collectives; a benchmark asking for
    more than there are gets them again, numbered ("Trạm Y tế số 2 xã …")."""
    units = []
    for i in range(n):
        unit, lap = collectives[i % len(collectives)], i // len(collectives)
        if lap:
            name = _LOCALITY.sub(f" số {lap + 1} \\1 ", unit["name"], count=1)
            unit = {**unit, "name": name if name != unit["name"] else f"{name} số {lap + 1}"}
        units.append(unit)
    return units


def unit_people(
    plan: Plan, review: Review, unit: dict[str, Any], i: int, staff: int = STAFF
) -> dict[str, Any]:
    """The people of the `i`th unit of an example period (its own seed): signer, council members,
    `staff` individuals, and the unit itself as the one collective (its name in its report)."""
    own = example_values(plan, review, seed=f"/don-vi-{i}", collectives=1, individuals=staff)
    collective = {**own[COLLECTIVES][0]}
    old = collective["name"]
    collective |= {k: unit[k] for k in ("name", "parent_unit", "address", "duties", "head_title")}
    collective |= {"group": unit["group"], "staff_count": unit["staff_count"]}
    collective["achievements"] = str(collective["achievements"]).replace(old, unit["name"])
    return own | {COLLECTIVES: [collective]}


class _Generator:
    """Builds the example; one seeded random source keeps every run identical."""

    def __init__(
        self,
        plan: Plan,
        review: Review,
        spec: dict[str, Any],
        pools: dict[str, Any],
        seed: str = "",
    ):
        self.date = proposal_date(review)
        self.plan, self.review, self.spec, self.pools = (
            plan_on(plan, self.date),
            review,
            spec,
            pools,
        )
        self.rng = random.Random(f"{plan.id}/{review.id}{seed}")
        self.used: set[str] = set()
        self.award = example_award(plan, review, spec["award"])

    def values(self, n_collectives: int | None, n_individuals: int) -> dict[str, Any]:
        signer = self.person()[0]
        values: dict[str, Any] = {INFO: self.info(signer)}
        members = self.members(signer)
        collectives = self.collectives(len(members), n_collectives)
        individuals = self.individuals(len(members), n_individuals)
        if members:
            values[COUNCIL] = self.council(len(members))
            values[MEMBERS] = members
        values[COLLECTIVES] = collectives
        values[INDIVIDUALS] = individuals
        values[CRITERIA] = self.criteria(collectives)
        return values

    def person(self, gender: str | None = None) -> tuple[str, str]:
        p = self.pools
        while True:
            g = gender or self.rng.choice(("Nam", "Nữ"))
            key = "male" if g == "Nam" else "female"
            # Drawn in this order (surname, middle, given): the examples stay as they were.
            surname = self.rng.choice(p["surnames"])
            middle, given = self.rng.choice(p[f"middle_{key}"]), self.rng.choice(p[f"given_{key}"])
            name = f"{surname} {middle} {given}"
            # "Nguyễn Minh Minh" reads as a typo: a middle name is never the given name.
            if name not in self.used and middle != given:
                self.used.add(name)
                return name, g

    def info(self, signer: str) -> dict[str, Any]:
        s, award = self.spec, self.award
        return {
            "plan": self.plan.id,
            "review": self.review.label,
            "award": award.name,
            "parent_body": s["parent_body"],
            "unit": s["unit"],
            "unit_code": s["unit_code"],
            "place": s["place"],
            "number": None,
            "date": self.date,
            "recipient": s["recipient"],
            "authority": s["authority"] or None,
            "signer_title": s["signer_title"],
            "signer_name": signer,
            "distribution": s["distribution"],
        }

    def council(self, size: int) -> dict[str, Any]:
        return {
            "date": self.date - dt.timedelta(days=5),
            "start": dt.time(14, 0),
            "end": dt.time(16, 30),
            "place": self.spec["council_place"],
            "method": "Bỏ phiếu kín",
            "size": size,
        }

    def members(self, signer: str) -> list[dict[str, Any]]:
        if not self.plan.dossier.has_council:
            return []
        rows = []
        for i, (position, role) in enumerate(self.spec["members"], start=1):
            # The head who signs the Tờ trình usually chairs the council too.
            name = signer if role == "Chủ tịch" else self.person()[0]
            absent = i == self.spec.get("absent")
            rows.append(
                {
                    "stt": i,
                    "name": name,
                    "position": position,
                    "role": role,
                    "present": not absent,
                    "absence_reason": "Đi công tác, có ý kiến bằng văn bản" if absent else None,
                }
            )
        return rows

    def votes(self, size: int, passing: bool = True) -> int | None:
        if not size:
            return None
        need = math.ceil(self.award.vote_threshold_percent * size / 100)
        return self.rng.randint(need, size) if passing else max(need - 2, 0)

    def achievements(self, kind: str, short: bool = False, **fields: Any) -> str:
        p, rng = self.pools, self.rng
        fields |= {"movement": self.plan.movement, "period": _period(self.plan, self.review)}
        intro = rng.choice(p[f"{kind}_intro"]).format(**fields)
        bullets = rng.sample(p[f"{kind}_bullets"], 2 if short else 5)
        numbers = {
            "n": lambda: rng.randint(3, 25),
            "m": lambda: format_money(rng.randint(120, 2400)),  # "1.576": the thousands dot
            "pct": lambda: rng.randint(91, 99),
            "idea": lambda: rng.choice(p["ideas"]),
            "year": lambda: self.review.year,
            "prev": lambda: self.review.year - 1,
        }
        lines = [re.sub(r"\{(\w+)\}", lambda m: str(numbers[m.group(1)]()), b) for b in bullets]
        if short:  # a trích ngang row summarises in a few lines
            return "\n".join(lines)
        return "\n".join([intro, *lines, rng.choice(p[f"{kind}_close"])])

    def units(self, count: int | None) -> list[dict[str, Any]]:
        """The plan's example collectives, plus, when more are asked for, the communes of its
        area, or a commune's village digital teams when its places are villages."""
        units = list(self.spec["collectives"])
        commune = next((c for c in units if c["name"].startswith("Ủy ban nhân dân")), units[0])
        taken = {c["name"] for c in units}
        for place in self.spec["places"]:
            if count is None or len(units) >= count:
                break
            address = f"{place[:1].upper()}{place[1:]}, {self.spec['district']}"
            if _VILLAGE.match(place):  # a village has no body of its own, but its team
                unit = {**units[0], **_village_team(place), "address": address}
            else:
                unit = {**commune, "name": f"Ủy ban nhân dân {place}", "address": address}
            if unit["name"] not in taken:
                units.append(unit)
        return units[:count] if count is not None else units

    def collectives(self, size: int, count: int | None = None) -> list[dict[str, Any]]:
        rows = []
        for i, c in enumerate(self.units(count), start=1):
            head = self.person()[0]
            rows.append(
                {
                    "stt": i,
                    "name": c["name"],
                    "parent_unit": c["parent_unit"],
                    "address": c["address"],
                    "phone": f"0271 {self.rng.randint(3700000, 3799999)}",
                    "email": f"{_ascii(c['name'])[:12]}@example.gov.vn",
                    "staff_count": c["staff"],
                    "duties": c["duties"],
                    "achievements": self.achievements("collective", name=c["name"]),
                    "head_name": head,
                    "head_title": c["head_title"],
                    "votes": self.votes(size),
                    "report_type": "Báo cáo thành tích",
                    "group": c["group"],
                }
            )
        return rows

    def individuals(self, size: int, count: int = N_INDIVIDUALS) -> list[dict[str, Any]]:
        rows, p = [], self.pools
        short = set(self.spec.get("short_reports", ()))
        for i in range(1, count + 1):
            name, gender = self.person()
            unit = self.rng.choice(self.spec["collectives"])
            # Leaders stay under the 40 % share: two of the first eight, then one in three.
            leader = i in LEADERS if count <= N_INDIVIDUALS else i % 3 == 1
            position = f"Phó {unit['head_title']}" if leader else self.rng.choice(p["staff_titles"])
            birth = dt.date(
                self.rng.randint(1972, 1996),
                2 if i == 1 else self.rng.randint(1, 12),
                self.rng.randint(1, 28),
            )
            rows.append(
                {
                    "stt": i,
                    "name": name,
                    "gender": gender,
                    "birth_date": birth,
                    "ethnicity": self.rng.choice(self.spec["ethnicities"]),
                    "hometown": f"{self.rng.choice(self.spec['places'])}, {self.spec['district']}",
                    "residence": f"{self.rng.choice(self.spec['places'])}, {self.spec['district']}",
                    "education": self.rng.choice(p["education"]),
                    "position": position,
                    "workplace": unit["name"],
                    "is_leader": leader,
                    "achievements": self.achievements(
                        "individual", i in short, position=position.lower()
                    ),
                    "votes": self.votes(size, passing=i != count),
                    "report_type": REPORT_SHORT if i in short else "Báo cáo thành tích",
                }
            )
        return rows

    def criteria(self, collectives: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rows = []
        for c in collectives:
            for crit in (k for k in self.plan.criteria_for("tap-the") if k.group == c["group"]):
                registered = (
                    crit.threshold if crit.comparator == ">=" else min(crit.threshold + 5, 100)
                )
                achieved = min(100.0, registered + self.rng.choice((0, 1.5, 2.5, 4)))
                if achieved <= crit.threshold and crit.comparator == ">":
                    achieved = min(100.0, crit.threshold + 1)
                rows.append(
                    {
                        "nominee": c["name"],
                        "criterion": crit.name,
                        "registered": registered,
                        "achieved": achieved,
                    }
                )
        return rows


_VILLAGE = re.compile(r"(thôn|tổ dân phố|buôn|bon|bản|ấp|làng) ")


def _village_team(place: str) -> dict[str, Any]:
    """A village's community digital technology team (Tổ công nghệ số cộng đồng)."""
    return {
        "name": f"Tổ Công nghệ số cộng đồng {place}",
        "duties": f"Hướng dẫn người dân {place} cài đặt, sử dụng ứng dụng VNeID, dịch vụ công "
        "trực tuyến và thanh toán không dùng tiền mặt.",
        "head_title": "Tổ trưởng",
        "staff": 7,
    }


def proposal_date(review: Review) -> dt.date:
    """A plausible Tờ trình date: the 20th of the review's last-but-one month of its quarter."""
    quarters = {"IV": 11, "III": 8, "II": 5, "I": 2}
    match = re.search(r"Quý (IV|III|II|I)\b", review.held)
    return dt.date(review.year, quarters[match.group(1)] if match else 11, 20)


def _period(plan: Plan, review: Review) -> str:
    start = plan.document.year if plan.document.year < review.year else review.year
    return f"giai đoạn {start} - {review.year}" if start != review.year else f"năm {review.year}"


def _ascii(text: str) -> str:
    return slug(text).replace("-", "")

"""Demo data for `make serve`: the example period of a plan, its units, and one login per role."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from pipeline.inputs.plans import get_plan
from pipeline.period.config import load_period
from pipeline.period.scaffold import init_period
from pipeline.web.accounts import add_user
from pipeline.web.models import Period
from pipeline.web.periods import record_period

DEMO_PLAN = "bu-gia-map-cds-2022-2025"
# A commune that decides its own Giấy khen: the Quyết định, its list, certificates, prize money.
DECIDED_PLAN = "vi-du-xa-bu-gia-map-2026"
DECIDED_SLUG = "vi-du-quyet-dinh"
PASSWORD = "hoso-demo-2026"
PERIODS = "dot-xet"


@dataclass(frozen=True)
class DemoLogin:
    """A demo account: name, role, unit."""

    name: str
    role: str
    unit: str = ""


def add_period(slug: str, plan_id: str, review_id: str | None, example: bool) -> Period:
    """A period folder in the data folder (made with `hoso period init`), its record and units."""
    folder = Path(settings.DATA_DIR) / PERIODS / slug
    if not (folder / "dot-xet.toml").is_file():
        # Read in the browser (the office downloads them): the web's guides, no commands.
        init_period(folder, get_plan(plan_id), review_id, example, audience="web")
    return record_period(slug, load_period(folder))


def _waiting(period: Period) -> str:
    """The first of the period's units that has sent nothing (else its first unit)."""
    loaded = load_period(Path(settings.DATA_DIR) / period.folder)
    sent = {p.name for p in loaded.units_dir.glob("*.xlsx")}
    units = loaded.config.units
    return next((u for u in units if u.file not in sent), units[0]).name


def make_demo(plan_id: str = DEMO_PLAN) -> list[DemoLogin]:
    """The example period, a clerk for its unit that has sent nothing and one for the first unit,
    a clerk for the unit that has sent nothing in the second period (a commune's body after the
    2025 reform: the first period's units are a district's, which that period's review no longer
    knows), the office and an admin (all with the demo password); nothing is made twice. The
    second period's office decides its award (decision number and date given)."""
    period = add_period("vi-du", plan_id, None, example=True)
    decided = add_period(DECIDED_SLUG, DECIDED_PLAN, None, example=True)
    first = load_period(Path(settings.DATA_DIR) / period.folder).config.units[0]
    logins = [
        DemoLogin("vanthu", "van-thu", _waiting(period)),
        DemoLogin("vanthu2", "van-thu", first.name),
        DemoLogin("vanthu3", "van-thu", _waiting(decided)),
        DemoLogin("thidua", "thi-dua"),
        DemoLogin("quantri", "quan-tri"),
    ]
    return [_made(login) for login in logins]


def _made(login: DemoLogin) -> DemoLogin:
    """The account made once; on a later start, as it is (its unit kept, though the unit that
    has sent nothing may be another one by now)."""
    found = get_user_model().objects.filter(username=login.name).first()
    if found is None:
        add_user(login.name, login.role, PASSWORD, login.unit or None)
        return login
    unit = getattr(getattr(found, "profile", None), "unit", None)
    return replace(login, unit=unit.name if unit else login.unit)

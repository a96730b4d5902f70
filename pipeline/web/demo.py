"""Demo data for `make serve`: the example period of a plan, its units, and one login per role."""

from __future__ import annotations

from dataclasses import dataclass
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
        init_period(folder, get_plan(plan_id), review_id, example)
    return record_period(slug, load_period(folder))


def make_demo(plan_id: str = DEMO_PLAN) -> list[DemoLogin]:
    """The example period, a clerk for its unit that has sent nothing and one for the first unit,
    the office and an admin (all with the demo password); nothing is made twice. A second
    period's office decides its award (decision number and date given)."""
    period = add_period("vi-du", plan_id, None, example=True)
    add_period(DECIDED_SLUG, DECIDED_PLAN, None, example=True)
    loaded = load_period(Path(settings.DATA_DIR) / period.folder)
    sent = {p.name for p in loaded.units_dir.glob("*.xlsx")}
    missing = next((u for u in loaded.config.units if u.file not in sent), loaded.config.units[0])
    logins = [
        DemoLogin("vanthu", "van-thu", missing.name),
        DemoLogin("vanthu2", "van-thu", loaded.config.units[0].name),
        DemoLogin("thidua", "thi-dua"),
        DemoLogin("quantri", "quan-tri"),
    ]
    users = get_user_model().objects
    for login in logins:
        if not users.filter(username=login.name).exists():
            add_user(login.name, login.role, PASSWORD, login.unit or None)
    return logins

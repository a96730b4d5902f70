"""Values no real nominee could have: one not yet born or grown up, a unit of no staff. Errors
where a value is impossible, warnings where it is only unlikely (the council's own rules are in
pipeline.check.council)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pipeline.check.drafts import Draft
from pipeline.check.findings import Findings
from pipeline.check.model import Collective, Individual

MIN_AGE, MAX_AGE = 18, 70  # working age: a nominee outside it is most likely a typing slip
MAX_STAFF = 100_000


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def check_plausible(findings: Findings, day: dt.date, drafts: Sequence[Draft]) -> None:
    """Every plausibility rule of a batch, `day` being the Tờ trình's date."""
    for d in drafts:
        n = d.nominee
        if isinstance(n, Individual) and n.birth_date is not None:
            born = n.birth_date.date
            if born is None:
                _year_age_rule(findings, d, n.birth_date.year, day)
            else:
                _age_rule(findings, d, born, day)
        if isinstance(n, Collective):
            _contacts(findings, d, n)
        staff = n.staff_count if isinstance(n, Collective) else None
        if staff is not None and not 0 < staff <= MAX_STAFF:
            findings.warning(
                d.at("staff_count"),
                f"{d.who}: “Số cán bộ” là {staff}; kiểm tra lại.",
                "implausible",
            )


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_WEB = re.compile(r"^(https?://)?[\w-]+(\.[\w-]+)+(/\S*)?$", re.IGNORECASE)


def _contacts(findings: Findings, d: Draft, n: Collective) -> None:
    """A phone number with no digits, or an address that is neither an email nor a website."""
    if n.phone and "phone" in d.cells and sum(c.isdigit() for c in n.phone) < 6:
        findings.warning(
            d.at("phone"),
            f"{d.who}: “Điện thoại” “{n.phone}” không giống số điện thoại.",
            "contact",
        )
    if n.email and "email" in d.cells and not (_EMAIL.match(n.email) or _WEB.match(n.email)):
        findings.warning(
            d.at("email"),
            f"{d.who}: “Email” “{n.email}” không phải địa chỉ thư điện tử hay trang thông tin.",
            "contact",
        )


def _age_rule(findings: Findings, d: Draft, born: dt.date, day: dt.date) -> None:
    name, where = d.who, d.at("birth_date")
    if born >= day:
        findings.error(
            where,
            f"{name}: ngày sinh {born:%d/%m/%Y} không trước ngày Tờ trình ({day:%d/%m/%Y}).",
            "implausible",
        )
        return
    age = _age(born, day)
    if not MIN_AGE <= age <= MAX_AGE:
        findings.warning(
            where,
            f"{name}: ngày sinh {born:%d/%m/%Y} nghĩa là {age} tuổi vào ngày Tờ trình; "
            "kiểm tra lại năm sinh.",
            "implausible",
        )


def _year_age_rule(findings: Findings, d: Draft, year: int, day: dt.date) -> None:
    """The age rules for a birth year alone: the nominee is one of two ages on the day."""
    name, where = d.who, d.at("birth_date")
    if year > day.year:
        findings.error(
            where,
            f"{name}: năm sinh {year} sau năm của ngày Tờ trình ({day:%d/%m/%Y}).",
            "implausible",
        )
        return
    oldest = day.year - year  # born on 1 January; on 31 December one year less
    if oldest < MIN_AGE or oldest - 1 > MAX_AGE:
        ages = f"{oldest - 1} hoặc {oldest}" if oldest > 0 else str(oldest)
        findings.warning(
            where,
            f"{name}: năm sinh {year} nghĩa là {ages} tuổi vào ngày Tờ trình; kiểm tra lại năm sinh.",
            "implausible",
        )

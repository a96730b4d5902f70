"""Helpers of the web tests: users of two units, workbooks broken at a known cell."""

from __future__ import annotations

import contextlib
import html
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pipeline.inputs.contract import EXAMPLE_MARKS, LISTS
from pipeline.web.accounts import add_user
from tests.conftest import CHROMIUM, cell_of, edit, label_row, retyped

PASSWORD = "mat-khau-thu-123"
UNIT_A = "Ủy ban nhân dân xã Phú Nghĩa"
UNIT_B = "Ủy ban nhân dân xã Đa Kia"
CSS = Path(__file__).resolve().parent.parent / "pipeline" / "web" / "static" / "web" / "hoso.css"


@dataclass
class People:
    """Logged-in clients of each role."""

    clerk_a: Client
    clerk_b: Client
    office: Client
    admin: Client


def login(name: str, **kwargs: Any) -> Client:
    """A client logged in through the real log-in form."""
    client = Client(**kwargs)
    response = client.post("/dang-nhap/", {"username": name, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return client


def make_people() -> People:
    """Two clerks of two units, the office, the admin."""
    add_user("a", "van-thu", PASSWORD, UNIT_A)
    add_user("b", "van-thu", PASSWORD, UNIT_B)
    add_user("office", "thi-dua", PASSWORD)
    add_user("admin", "quan-tri", PASSWORD)
    return People(login("a"), login("b"), login("office"), login("admin"))


def broken_copy(workbook: Path, target: Path) -> tuple[Path, str]:
    """A copy of a workbook whose first individual's birth date does not exist: (path, cell)."""
    shutil.copy(workbook, target)
    with edit(target) as wb:
        ws = wb["Cá nhân"]
        cell = cell_of(ws, "Ngày sinh", 2)
        ws[cell] = "31/02/1985"
    return target, cell


def of_unit(workbook: Path, unit: str, target: Path) -> Path:
    """A copy of a workbook whose "Cơ quan trình khen" is the given unit (a clerk's own), its
    rows no longer hoso's example ones (a version still holding those is not submitted)."""
    shutil.copy(workbook, target)
    with edit(target) as wb:
        ws = wb["Thông tin chung"]
        ws.cell(label_row(ws, "Cơ quan trình khen"), 2).value = unit
    return as_real(target)


def as_real(workbook: Path) -> Path:
    """The workbook with hoso's marks of its example rows taken out and its people and reports
    retyped (see retyped): its rows read as a clerk's real data."""
    with edit(workbook) as wb:
        if LISTS in wb.sheetnames:
            ws = wb[LISTS]
            header = [c.value for c in ws[1]]
            if EXAMPLE_MARKS in header:
                column = header.index(EXAMPLE_MARKS) + 1
                for row in range(1, ws.max_row + 1):
                    ws.cell(row, column).value = None
    return retyped(workbook)


def upload_file(path: Path, name: str | None = None) -> SimpleUploadedFile:
    """A file as a browser sends it."""
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def new_proposal(client: Client, plan_review: str = "bu-gia-map-cds-2022-2025/so-ket-2023") -> int:
    """Start a proposal through the form; its id."""
    response = client.post("/de-nghi/", {"plan_review": plan_review})
    assert response.status_code == 302, response.content.decode()
    return int(response["Location"].rstrip("/").rsplit("/", 1)[1])


def statuses(page: str) -> dict[str, str]:
    """The period page's units and their statuses as shown in its table, every badge of a unit
    in order ("đã nộp, có lỗi")."""
    table = page.split('id="don-vi"')[1].split("</table>")[0]
    badges = r"(?:<span class=\"status [a-z-]+\">[^<]+</span> ?)+"
    rows = re.findall(rf"<td>([^<]+)</td><td>({badges})</td>", table)
    return {name: ", ".join(re.findall(r">([^<]+)</span>", cell)) for name, cell in rows}


def finished_run(data_dir: Path) -> tuple[Any, Any, Any]:
    """A period that decides its Giấy khen with a finished run of its documents (a real
    `build_period` into the data folder, as a worker would make it), and a second period:
    (period, other period, run)."""
    from pipeline.build import BuildOptions
    from pipeline.period.build import build_period
    from pipeline.period.config import load_period
    from pipeline.web.demo import add_period
    from pipeline.web.models import PeriodRun

    period = add_period("quyet-dinh", "vi-du-xa-bu-gia-map-2026", None, example=True)
    other = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    out = data_dir / "dot-xet-ket-qua" / "lan-1"
    build_period(load_period(data_dir / period.folder), BuildOptions(out_dir=out))
    run = PeriodRun.objects.create(period=period, status="done", folder="dot-xet-ket-qua/lan-1")
    return period, other, run


def example_period(data_dir: Path, slug: str = "vi-du"):  # type: ignore[no-untyped-def]
    """The Bù Gia Mập example period made in the web app: its folder, and the unit that has sent
    nothing (its clerk is the one the tests give an account)."""
    from pipeline.period.config import load_period
    from pipeline.web.demo import add_period

    period = add_period(slug, "bu-gia-map-cds-2022-2025", None, example=True)
    folder = load_period(data_dir / period.folder)
    sent = {p.name for p in folder.units_dir.glob("*.xlsx")}
    return folder, next(u for u in folder.config.units if u.file not in sent)


@dataclass(frozen=True)
class UnitClerk:
    """The example period's unit that has sent nothing, its clerk logged in, and a proposal of
    theirs just started."""

    folder: Any  # the period's folder, as load_period reads it
    unit: Any  # the unit, as the period's configuration names it
    clerk: Client
    pk: int

    def upload(self, workbook: Path, name: str) -> None:
        """Upload `workbook` to the proposal as the browser sends a file called `name`."""
        self.clerk.post(f"/de-nghi/{self.pk}/tai-len/", {"file": upload_file(workbook, name)})

    def send(self) -> str:
        """Send the proposal's last version to the period: the page the clerk then sees."""
        return self.clerk.post(f"/de-nghi/{self.pk}/nop/", follow=True).content.decode()

    def own(self, workbook: Path) -> Path:
        """A copy of `workbook`, beside it, made the unit's own (`of_unit`)."""
        return of_unit(workbook, self.unit.name, workbook.with_name("cua-don-vi.xlsx"))


def unit_clerk(data_dir: Path) -> UnitClerk:
    """The example period made in the web app, its unit that has sent nothing given a clerk
    ("clerk") who logs in and starts a proposal."""
    folder, unit = example_period(data_dir)
    add_user("clerk", "van-thu", PASSWORD, unit.name)
    clerk = login("clerk")
    return UnitClerk(folder, unit, clerk, new_proposal(clerk))


def office_login() -> Client:
    """The office ("office", thi-dua) given an account and logged in."""
    add_user("office", "thi-dua", PASSWORD)
    return login("office")


def as_read(part: str) -> str:
    """A part of a page as a person reads it: tags taken out, entities decoded, spaces made one."""
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", part).split()))


def read_between(page: str, start: str, end: str) -> str:
    """The part of a page after `start` up to the first `end` after it, as read (`as_read`)."""
    return as_read(page.split(start, 1)[1].split(end, 1)[0])


def unit_row(page: str, unit: str) -> str:
    """A unit's row of the period page's units table after its name's cell, as read."""
    return read_between(page.split('id="don-vi"', 1)[1], f"<td>{unit}</td>", "</tr>")


@contextlib.contextmanager
def drawn(page: str, width: int = 1280, height: int = 800) -> Iterator[Any]:
    """A served page as Chromium draws it in a window of `width` × `height`, its stylesheet
    inlined: a Playwright page, the browser closed on leaving. Open it once the database is done
    with: Playwright's sync API runs an event loop in this thread, under which Django refuses
    database calls."""
    from playwright.sync_api import sync_playwright

    styled = page.replace("</head>", f"<style>{CSS.read_text(encoding='utf-8')}</style></head>")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            shown = browser.new_page(viewport={"width": width, "height": height})
            shown.set_content(styled)
            yield shown
        finally:
            browser.close()

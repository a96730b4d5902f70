"""The office council's workbook (hoi-dong.xlsx) and the example units' workbooks, downloaded
from the period page, tell the office the page's steps and buttons, never a command; those of
`hoso period init` / `hoso period council` keep the commands."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from tests.webtools import PASSWORD, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

TEMPLATES = Path(__file__).parent.parent / "pipeline" / "web" / "templates" / "web"
COMMANDS = ("hoso ", "--", "lệnh", "thư mục đợt xét")
# What the web's guide sends the office to: the period page's section, fields and buttons.
SHOWN = (
    "Hội đồng Thi đua - Khen thưởng của cơ quan",
    "Tệp Hội đồng đã điền",
    "Tải lên",
    "Tải tệp Hội đồng (hoi-dong.xlsx)",
    "Lỗi, cảnh báo chung của đợt",
    "Văn bản của đợt",
    "Tạo văn bản của đợt",
)


def _guide(data: bytes | Path) -> list[str]:
    """The guide sheet's lines, as the office reads them in Excel."""
    wb = openpyxl.load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    return [" ".join(str(c.value).split()) for c in wb["Hướng dẫn"]["A"] if c.value]


def _office(data_dir: Path) -> tuple[Client, Path]:
    """The demo's example period (made for the web) and its office, logged in."""
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    return login("office"), load_period(data_dir / period.folder).folder


def _download(office: Client) -> bytes:
    got = office.get("/dot-xet/vi-du/hoi-dong.xlsx")
    assert got.status_code == 200
    return b"".join(got.streaming_content)


def test_the_downloaded_council_workbook_gives_the_page_s_steps_and_no_command(
    data_dir: Path,
) -> None:
    office, folder = _office(data_dir)
    lines = _guide(_download(office))
    guide = "\n".join(lines)
    assert not [c for c in COMMANDS if c in guide], guide
    assert lines[1].startswith("TỆP VÍ DỤ: cuộc họp, thành viên"), lines  # the demo's members
    for label in SHOWN:
        assert f"“{label}”" in guide, label
    # Every section, field and button the steps quote is one the web app shows by that name,
    # and the period page the office downloaded the file from shows them.
    page = " ".join(office.get("/dot-xet/vi-du/").content.decode().split())
    shown = " ".join("".join(p.read_text("utf-8") for p in TEMPLATES.glob("*.html")).split())
    steps = [lines[1], *[line for line in lines if "trang đợt xét" in line or "bấm" in line]]
    quoted = re.findall(r"“([^”]+)”", " ".join(steps))
    quoted.remove("Không đạt")  # what the Biên bản writes, not what the page shows
    assert set(SHOWN) <= set(quoted), quoted
    for words in quoted:
        assert words in shown and words in page, words
    # A period made in the web app has no council file until the office downloads it: no notice.
    (folder / "hoi-dong.xlsx").unlink()
    lines = _guide(_download(office))
    assert not lines[1].startswith("TỆP VÍ DỤ"), lines
    assert not [c for c in COMMANDS if c in "\n".join(lines)], lines


def test_the_example_notice_s_promise_holds_on_the_period_page(data_dir: Path) -> None:
    office, _ = _office(data_dir)
    example = _download(office)
    notice = _guide(example)[1]
    assert "ở mục “Lỗi, cảnh báo chung của đợt”" in notice, notice
    sent = office.post(
        "/dot-xet/vi-du/hoi-dong/",
        {"tep": SimpleUploadedFile("hoi-dong.xlsx", example)},
        follow=True,
    ).content.decode()
    assert "Đã nhận tệp Hội đồng" in sent
    general = sent.split('id="loi-chung">Lỗi, cảnh báo chung của đợt', 1)[1].split("<h2", 1)[0]
    assert "hoi-dong.xlsx › Thành viên HĐ!" in general and "ví dụ" in general, general


def test_the_example_units_workbooks_the_office_downloads_name_no_command(
    data_dir: Path,
) -> None:
    office, folder = _office(data_dir)
    names = sorted(p.name for p in (folder / "don-vi").glob("*.xlsx"))
    assert names
    for name in names:
        got = office.get(f"/dot-xet/vi-du/don-vi/{name}/")
        assert got.status_code == 200, name
        guide = "\n".join(_guide(b"".join(got.streaming_content)))
        assert "hoso check" not in guide and "hoso build" not in guide, guide
        assert "--example" not in guide and "TỆP VÍ DỤ" in guide, guide


def test_the_command_line_council_workbook_keeps_its_commands(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "dot-xet"
    made = run_cli("period", "init", "--plan", "bu-gia-map-cds-2022-2025", "--example", folder)
    assert made.code == 0, made.err
    guide = "\n".join(_guide(folder / "hoi-dong.xlsx"))
    assert "lệnh hoso period check báo mọi thành viên ví dụ còn sót" in guide, guide
    (folder / "hoi-dong.xlsx").unlink()
    assert run_cli("period", "council", folder).code == 0
    guide = "\n".join(_guide(folder / "hoi-dong.xlsx"))
    for command in ("hoso period check", "hoso period council", "hoso period build"):
        assert command in guide, command
    assert "Tải lên" not in guide and "Tải tệp Hội đồng" not in guide, guide
    unit = next((folder / "don-vi").glob("*.xlsx"))
    assert "hoso check <tệp>.xlsx" in "\n".join(_guide(unit))


def test_downloading_the_council_workbook_again_leaves_it_as_it_was(data_dir: Path) -> None:
    """A download rewrites hoi-dong.xlsx only when its rows change: the same content keeps its
    bytes, so the period does not see a changed council file (and outdated documents)."""
    office, folder = _office(data_dir)
    first = _download(office)
    kept = (folder / "hoi-dong.xlsx").stat().st_mtime_ns
    second = _download(office)
    assert second == first
    assert (folder / "hoi-dong.xlsx").stat().st_mtime_ns == kept
    # What the office typed since changes the content: that download is written, keeping it.
    wb = openpyxl.load_workbook(folder / "hoi-dong.xlsx")
    wb["Hội đồng"]["B3"] = dt.time(15, 30)
    wb.save(folder / "hoi-dong.xlsx")
    third = _download(office)
    assert third != first
    assert openpyxl.load_workbook(io.BytesIO(third))["Hội đồng"]["B3"].value == dt.time(15, 30)

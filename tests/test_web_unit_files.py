"""The office opens what a unit sent from the period page: its workbook, its whole dossier."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from pipeline.web.models import AuditEntry
from tests.webtools import PASSWORD, login, office_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_the_office_downloads_each_workbook_a_unit_sent_and_nothing_else(data_dir: Path) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    folder = load_period(data_dir / period.folder)
    sent = sorted(p.name for p in folder.units_dir.glob("*.xlsx"))
    office = office_login()
    page = office.get("/dot-xet/vi-du/").content.decode()
    cells = page.split('id="don-vi"')[1].split("</table>")[0].split('class="tep-don-vi">')[1:]
    links = sorted(
        c.split('href="/dot-xet/vi-du/don-vi/')[1].split("/")[0] for c in cells if "href" in c
    )
    assert links == sent
    assert "Hồ sơ PDF" not in page  # no period build yet
    got = office.get(f"/dot-xet/vi-du/don-vi/{sent[0]}/")
    assert got["Content-Disposition"].startswith("attachment")
    assert b"".join(got.streaming_content) == (folder.units_dir / sent[0]).read_bytes()
    assert AuditEntry.objects.get(action="tai-tep-don-vi").detail == sent[0]
    for guess in ("dot-xet.toml", "..", "%2e%2e%2fdot-xet.toml", "khong-co.xlsx", "hoi-dong.xlsx"):
        assert office.get(f"/dot-xet/vi-du/don-vi/{guess}/").status_code == 404, guess
        assert office.get(f"/dot-xet/vi-du/don-vi/{guess}/ho-so.pdf").status_code == 404, guess
    assert office.get(f"/dot-xet/vi-du/don-vi/{sent[0]}/ho-so.pdf").status_code == 404
    assert office.get(f"/dot-xet/khac/don-vi/{sent[0]}/").status_code == 404
    add_user("clerk", "van-thu", PASSWORD, folder.config.units[0].name)
    assert login("clerk").get(f"/dot-xet/vi-du/don-vi/{sent[0]}/").status_code == 404


def test_the_office_downloads_the_units_table_as_a_workbook(data_dir: Path) -> None:
    import io
    import re

    import openpyxl

    from tests.webtools import statuses

    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    office = office_login()
    page = office.get("/dot-xet/vi-du/").content.decode()
    link = re.search(r'<a href="([^"]+)">Tải bảng tình trạng các đơn vị \(Excel\)</a>', page)
    got = office.get(link.group(1))
    assert got["Content-Disposition"] == 'attachment; filename="tinh-trang-don-vi-vi-du.xlsx"'
    ws = openpyxl.load_workbook(io.BytesIO(got.content))["Tình trạng đơn vị"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Đơn vị", "Tình trạng")
    assert {row[1]: row[2] for row in rows[1:]} == statuses(page)
    assert [row[0] for row in rows[1:]] == list(range(1, len(rows)))
    assert AuditEntry.objects.filter(action="tai-bang-tinh-trang").count() == 1
    add_user("clerk", "van-thu", PASSWORD, rows[1][1])
    assert login("clerk").get(link.group(1)).status_code == 404

"""A period whose units' workbooks (or the office's council workbook) still hold hoso's example
(fictional) rows says so at the top of the office's page, naming the units, as `hoso period
check` says it loudly; once they are real data, the notice is gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.period.council import COUNCIL_FILE
from tests.webtools import as_read, as_real, example_period, office_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _notice(page: str) -> str:
    """The example-data notice as read, or "" when the page has none."""
    if 'id="du-lieu-vi-du"' not in page:
        return ""
    part = page.split('id="du-lieu-vi-du"', 1)[1].split("</div>", 1)[0]
    return as_read(part.split(">", 1)[1])


def test_the_office_is_told_which_units_sent_example_rows(data_dir: Path) -> None:
    folder, _ = example_period(data_dir)
    office = office_login()
    sent = {u.name: folder.units_dir / u.file for u in folder.config.units}
    sent = {name: path for name, path in sent.items() if path.exists()}
    assert len(sent) == 4  # the example's units that sent a workbook

    page = office.get("/dot-xet/vi-du/").content.decode()
    said = _notice(page)
    assert said.startswith("⚠ Đợt xét còn dữ liệu ví dụ (hư cấu) trong tệp của 4 đơn vị: "), said
    for name in sent:
        assert name in said, name
    assert "và tệp Hội đồng của cơ quan (hoi-dong.xlsx)" in said
    assert "Không in, ký hay gửi văn bản nào của đợt trước khi thay bằng dữ liệu thật." in said
    # Above the summary, read before anything else about the period.
    assert page.index('id="du-lieu-vi-du"') < page.index('id="tom-tat"')

    # Two units' rows read as their own data: only the others are named.
    real = sorted(sent)[:2]
    for name in real:
        as_real(sent[name])
    said = _notice(office.get("/dot-xet/vi-du/").content.decode())
    assert "trong tệp của 2 đơn vị: " in said, said
    assert not any(name in said for name in real), said
    for name in sent:
        as_real(sent[name])
    as_real(folder.folder / COUNCIL_FILE)
    assert _notice(office.get("/dot-xet/vi-du/").content.decode()) == ""

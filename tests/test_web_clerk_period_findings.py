"""What the period's check finds in a submitted workbook beside the other units' (a collective
another unit proposes too) is on its clerk's page: the clerk never reads "không có lỗi" while
the office sees the unit "có lỗi"; nothing of another unit's own findings is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.period.check import check_period
from tests.webtools import as_read, office_login, statuses, unit_clerk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_the_clerk_sees_what_the_period_finds_of_the_units_own_workbook_only(
    data_dir: Path, example
) -> None:
    who = unit_clerk(data_dir)
    folder, unit, clerk, pk = who.folder, who.unit, who.clerk, who.pk
    office = office_login()
    who.upload(who.own(example()), "de-nghi.xlsx")
    assert "Đã nộp phiên bản 1" in who.send()
    # The plan's example proposes collectives other example units propose themselves.
    assert statuses(office.get("/dot-xet/vi-du/").content.decode())[unit.name].startswith(
        "đã nộp, có lỗi"
    )

    page = clerk.get(f"/de-nghi/{pk}/").content.decode()
    status = as_read(page.split('id="tinh-trang">')[1].split("</p>")[0])
    assert status.startswith("Tình trạng: đã nộp có lỗi phiên bản 1 lúc "), status
    assert (
        "đợt xét thấy " in status and " lỗi khi đối chiếu với hồ sơ của các đơn vị khác" in status
    )
    found = as_read(page.split('id="dot-xet-thay"')[1].split("</div>")[0])
    checked = check_period(folder)
    other = next(u for u in checked.units if u.file and u.name != unit.name and u.findings)
    # At the clerk's own cell, naming the other unit and its cell, no path of the office's.
    assert re.search(
        r"Tập thể!B\d+: tập thể “[^”]+” cũng được [^(]+ đề nghị \(Tập thể!B\d+\); mỗi tập thể "
        r"chỉ được một đơn vị đề nghị trong một đợt\.",
        found,
    ), found
    assert "don-vi/" not in found and ".xlsx" not in found, found
    result = as_read(page.split('id="ket-qua"')[1].split("</p>")[0])
    assert "✓ không có lỗi trong tệp (đợt xét thấy " in result, result

    # Nothing of another unit's own findings (those at its workbook's cells).
    for u in checked.units:
        if u.name == unit.name:
            continue
        for f in u.findings:
            assert f.message.split(" (")[0] not in found, (u.name, f.message)
    assert other.findings  # some unit's findings were there to leak

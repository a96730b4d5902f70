"""The office's period page never shows a path of the period's don-vi/ (a folder on the server it
never sees on the web): a unit's file is said as its unit, named as the period names it, and the
file its clerk uploaded; a file of no unit by its name; the folder as the server's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.webtools import office_login, read_between, unit_clerk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_files_of_the_units_folder_are_said_by_unit_and_uploaded_name(
    data_dir: Path, example
) -> None:
    who = unit_clerk(data_dir)
    folder, unit = who.folder, who.unit
    office = office_login()
    before = set(folder.units_dir.glob("*.xlsx"))
    who.upload(who.own(example()), "ho-so-thang-11.xlsx")
    who.send()
    # The server's administrator left a second copy, an archive and a subfolder beside it.
    (sent,) = set(folder.units_dir.glob("*.xlsx")) - before
    shutil.copy(sent, sent.with_name(f"{sent.stem} (1).xlsx"))
    (folder.units_dir / "goi-ho-so.zip").write_bytes(b"PK")
    (folder.units_dir / "nhan qua thu").mkdir()
    shutil.copy(sent, folder.units_dir / "nhan qua thu" / "ban-chup.xlsx")

    page = office.get("/dot-xet/vi-du/").content.decode()
    general = read_between(page, 'id="loi-chung"', "<h2")
    assert "tệp “goi-ho-so.zip”: tệp nén: hoso không mở tệp nén" in general, general
    assert "thư mục con “nhan qua thu”: thư mục này có tệp Excel" in general, general
    assert "thư mục hồ sơ các đơn vị của đợt trên máy chủ" in general
    copy = read_between(page, 'id="don-vi"', "</table>").split("(tệp thứ hai, không tính)")[1]
    assert f"tệp này và {unit.name} (tệp “ho-so-thang-11.xlsx”) đều là hồ sơ của" in copy, copy
    text = read_between(page, "<main", "</main>")
    assert "don-vi/" not in text and sent.name not in text, text

"""The office's pages name the certificates the period prints as its award is: a commune that
decides its Giấy khen reads “Giấy khen”, never “Bằng khen”; a period that decides a Bằng khen
reads “Bằng khen”; a period that decides nothing mentions no certificate."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from pipeline.web.signed import SignedRow
from pipeline.web.templatetags.signing_words import package_use
from tests.webtools import PASSWORD, as_read, login

pytestmark = [pytest.mark.django_db]


def test_a_commune_deciding_its_giay_khen_reads_giay_khen_on_every_page(office) -> None:
    client, _folder = office
    edit = as_read(client.get("/dot-xet/quyet-dinh/sua/").content.decode())
    assert "ghi số, ngày để in lên Giấy khen và sổ theo dõi." in edit
    stock = as_read(client.get("/dot-xet/quyet-dinh/phoi/").content.decode())
    assert "Căn chỉnh phôi Giấy khen" in stock
    assert "Giấy khen của đợt in theo căn chỉnh đã lưu" in stock
    for page in (edit, stock, as_read(client.get("/dot-xet/quyet-dinh/").content.decode())):
        assert "Bằng khen, Giấy khen" not in page and "Giấy khen, Bằng khen" not in page


def test_a_period_deciding_a_bang_khen_reads_bang_khen(data_dir: Path) -> None:
    period = add_period("bang-khen", "bu-gia-map-cds-2022-2025", None, example=True)
    config = data_dir / period.folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("decides = []", 'decides = ["bang-khen-tinh"]'), "utf-8")
    add_user("office", "thi-dua", PASSWORD)
    client = login("office")
    stock = as_read(client.get("/dot-xet/bang-khen/phoi/").content.decode())
    assert "Căn chỉnh phôi Bằng khen" in stock and "Giấy khen" not in stock
    edit = as_read(client.get("/dot-xet/bang-khen/sua/").content.decode())
    assert "ghi số, ngày để in lên Bằng khen và sổ theo dõi." in edit


def test_a_period_that_decides_nothing_names_no_certificate(data_dir: Path) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    edit = as_read(login("office").get("/dot-xet/vi-du/sua/").content.decode())
    assert "ghi số, ngày để in lên sổ theo dõi." in edit
    assert "Giấy khen, Bằng khen" not in edit


def test_the_signed_package_of_a_decision_names_the_period_s_certificates() -> None:
    issue = [SignedRow("Quyết định khen thưởng – Giấy khen", ())]
    assert package_use(issue, "Giấy khen").endswith(
        "(Giấy khen in trên phôi từ tệp “in trên phôi” ở trên)"
    )
    assert "Bằng khen" not in package_use(issue, "Giấy khen")
    up = [SignedRow("Tờ trình tổng hợp – Bằng khen", ())]
    assert package_use(up, "Giấy khen") == "để gửi lên cấp trên xét, quyết định"


def test_a_decision_without_its_number_says_the_period_s_certificate_needs_it(office) -> None:
    client, folder = office
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('number = "86/QĐ-UBND"', '# number = ""'), "utf-8")
    page = as_read(client.get("/dot-xet/quyet-dinh/").content.decode())
    assert "Quyết định khen thưởng chưa có số." in page
    assert "nhưng Giấy khen và sổ theo dõi khen thưởng cần số, ngày đó" in page, page

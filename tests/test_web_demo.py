"""The demo of `hoso serve --demo`: its logins, and a period whose office decides its award."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from pypdf import PdfReader

from pipeline.web.demo import DECIDED_SLUG, PASSWORD, make_demo
from tests.workers import until, workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.libreoffice]


def _login(name: str) -> Client:
    client = Client()
    response = client.post("/dang-nhap/", {"username": name, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return client


def _text(pdf: bytes) -> str:
    """A PDF's text as a person reads it (a non-breaking space is a space)."""
    pages = (page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(pages).replace("\xa0", " ")


def test_the_demos_decided_period_has_the_decision_in_its_documents_zip(data_dir: Path) -> None:
    logins = make_demo()
    assert [(d.name, d.role) for d in logins] == [
        ("vanthu", "van-thu"),
        ("vanthu2", "van-thu"),
        ("vanthu3", "van-thu"),
        ("thidua", "thi-dua"),
        ("quantri", "quan-tri"),
    ]
    assert make_demo() == logins  # a second start makes nothing twice
    for login in logins:
        _login(login.name)
    office = _login("thidua")
    listing = office.get("/dot-xet/").content.decode()
    assert "Sơ kết năm 2023" in listing and "Năm 2026: Ủy ban nhân dân xã Bù Gia Mập" in listing
    office.post(f"/dot-xet/{DECIDED_SLUG}/van-ban/")

    def finished() -> str:
        part = office.get(f"/dot-xet/{DECIDED_SLUG}/van-ban/tien-do/").content.decode()
        return part if "hx-trigger" not in part else ""

    with workers(data_dir, None, 1, data_dir.parent / "logs"):  # the period's documents: a job
        part = until(finished, timeout=1800, step=2)
    link = re.search(r'href="([^"]+\.zip)">Tải về văn bản của đợt \(ZIP\)', part)
    assert link, part
    archive = zipfile.ZipFile(io.BytesIO(office.get(link.group(1)).content))
    names = set(archive.namelist())
    office_docs = "tong-hop/giay-khen-xa/"
    assert {
        f"{office_docs}van-ban/01-quyet-dinh.pdf",
        f"{office_docs}van-ban/02-danh-sach.pdf",
    } <= names
    assert any(n.startswith("tong-hop/") and n.endswith("giay-khen.pdf") for n in names), names
    decision = _text(archive.read(f"{office_docs}van-ban/01-quyet-dinh.pdf"))
    assert "86/QĐ-UBND" in decision and "QUYẾT ĐỊNH" in decision
    assert "ngày 10 tháng 12 năm 2026" in decision
    listed = _text(archive.read(f"{office_docs}van-ban/02-danh-sach.pdf"))
    assert "Kèm theo Quyết định số 86/QĐ-UBND ngày 10/12/2026" in listed
    assert "360.000" in listed  # a person's prize money under the 2026 regime

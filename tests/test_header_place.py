"""The header's issuing body does not repeat the place its parent body already names (NĐ 30:
"UBND TỈNH A / SỞ TƯ PHÁP"); the body text and the signature keep the full name."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from docx import Document

from tests.conftest import label_row
from tests.doctext import clean, paragraphs
from tests.test_period import fix_broken_unit

BGM = "bu-gia-map-cds-2022-2025"
VI_DU = "vi-du-xa-bu-gia-map-2026"
DISTRICT = "Ủy ban nhân dân huyện Bù Gia Mập"
PHONG = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"


def header_lines(docx: Path) -> list[str]:
    """The header's left cell as printed: parent body, issuing body (empty lines left out)."""
    cell = Document(str(docx)).tables[0].rows[0].cells[0]
    return [clean(p.text) for p in cell.paragraphs if clean(p.text)]


def unit_documents(run_cli, tmp_path: Path, unit: str, parent: str, code: str) -> Path:
    """The van-ban/ folder `hoso build --no-pdf` makes from the example, proposed by `unit`
    under `parent` (the office's head signs it himself)."""
    book = tmp_path / "hoso.xlsx"
    assert run_cli("init", "--plan", BGM, "--example", book).code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Thông tin chung"]
    for label, value in (
        ("Cơ quan chủ quản", parent),
        ("Cơ quan trình khen", unit),
        ("Ký hiệu cơ quan", code),
        ("Quyền hạn ký", None),
        ("Chức vụ người ký", "Trưởng phòng" if code == "VHTT" else "Chủ tịch"),
    ):
        ws[f"B{label_row(ws, label)}"] = value
    wb.save(book)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", book)
    assert result.code == 0, result.out + result.err
    return tmp_path / "out" / "hoso" / "van-ban"


def test_a_unit_under_its_district_is_headed_without_the_district(run_cli, tmp_path) -> None:
    docs = unit_documents(run_cli, tmp_path, PHONG, DISTRICT, "VHTT")
    for name in ("01-to-trinh.docx", "02-danh-sach.docx"):
        lines = header_lines(docs / name)
        assert lines[:2] == ["ỦY BAN NHÂN DÂN HUYỆN BÙ GIA MẬP", "PHÒNG VĂN HÓA VÀ THÔNG TIN"], name
    # The Biên bản's parent line is the unit itself, above its council: its full name.
    assert header_lines(docs / "03-bien-ban.docx")[:2] == [
        PHONG.upper(),
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    ]
    # The text and the signature name the unit in full.
    text = paragraphs(docs / "01-to-trinh.docx")
    assert any(p.startswith(f"{PHONG} kính đề nghị ") for p in text)


def test_a_commune_under_the_district_keeps_its_place(run_cli, tmp_path) -> None:
    commune = "Ủy ban nhân dân xã Phú Nghĩa"
    docs = unit_documents(run_cli, tmp_path, commune, DISTRICT, "UBND")
    lines = header_lines(docs / "01-to-trinh.docx")
    assert lines[:2] == ["ỦY BAN NHÂN DÂN HUYỆN BÙ GIA MẬP", "ỦY BAN NHÂN DÂN XÃ PHÚ NGHĨA"]


def test_a_unit_without_a_parent_body_is_headed_with_its_full_name(run_cli, tmp_path) -> None:
    docs = unit_documents(run_cli, tmp_path, PHONG, "", "VHTT")
    assert header_lines(docs / "01-to-trinh.docx")[0] == PHONG.upper()


def test_a_period_heads_its_units_without_their_commune(period, run_cli) -> None:
    """The commune's units are headed under its Ủy ban nhân dân without the commune; the
    Quyết định of that Ủy ban nhân dân, with no parent line, keeps its place."""
    folder = period(VI_DU)
    fix_broken_unit(folder)
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.code == 0, result.out + result.err
    unit = folder / "ket-qua" / "don-vi" / "01-phong-van-hoa-xa-hoi-xa-bu-gia-map" / "van-ban"
    commune = "ỦY BAN NHÂN DÂN XÃ BÙ GIA MẬP"
    for name in ("01-to-trinh.docx", "02-danh-sach.docx"):
        assert header_lines(unit / name)[:2] == [commune, "PHÒNG VĂN HÓA - XÃ HỘI"], name
    office = folder / "ket-qua" / "tong-hop" / "giay-khen-xa" / "van-ban"
    # The Biên bản's parent line is the council's body, above the council: in full too.
    for name in ("01-quyet-dinh.docx", "02-danh-sach.docx", "03-bien-ban.docx"):
        assert header_lines(office / name)[0] == commune, name

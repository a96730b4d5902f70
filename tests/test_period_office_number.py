"""The office's consolidated Tờ trình numbered: `number` (with `date`) in dot-xet.toml's [office]
prints "Số: N/TTr-…" and its date; without it both stay blank for the văn thư. The units' Tờ
trình are cited by their own number and date, or blank like the units' own papers."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import council_votes, edit
from tests.doctext import normalized_text
from tests.test_period import fix_broken_unit, units


def _office(folder: Path, lines: str) -> Path:
    """Add lines to dot-xet.toml's [office] table."""
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[office]", "[office]\n" + lines, 1), encoding="utf-8")
    return config


def _to_trinh(folder: Path) -> str:
    (path,) = (folder / "ket-qua" / "tong-hop").glob("*/van-ban/01-to-trinh.docx")
    return normalized_text(path)


def test_the_office_number_and_date_are_printed_on_its_to_trinh(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    _office(folder, "number = 7\ndate = 2023-12-05")
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    text = _to_trinh(folder)
    assert "Số: 07/TTr-UBND" in text, result.out
    assert "Bù Gia Mập, ngày 05 tháng 12 năm 2023" in text
    (listed,) = (folder / "ket-qua" / "tong-hop").glob("*/van-ban/02-danh-sach.docx")
    assert (
        "(Kèm theo Tờ trình số 07/TTr-UBND ngày 05 tháng 12 năm 2023 của Ủy ban nhân dân huyện"
        in normalized_text(listed)
    )


def test_without_a_number_the_office_to_trinh_is_left_blank(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    run_cli("period", "build", "--no-pdf", "-q", folder)
    text = _to_trinh(folder)
    assert "Số: /TTr-UBND" in text
    assert "Bù Gia Mập, ngày tháng năm 2023" in text


def test_units_are_cited_by_their_own_number_or_left_blank(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    with edit(units(folder)[1]) as wb:  # the Văn phòng's Tờ trình has been numbered
        ws = wb["Thông tin chung"]
        row = next(c.row for c in ws["A"] if c.value == "Số tờ trình")
        ws.cell(row, 2).value = 12
    council_votes(folder)
    run_cli("period", "build", "--no-pdf", "-q", folder)
    text = _to_trinh(folder)
    office = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập"
    assert "Căn cứ Tờ trình số 12/TTr-" in text and f"ngày 20/11/2023 của {office};" in text
    # The others have no number: their Tờ trình's date is the văn thư's too, never the planned one.
    assert text.count("Căn cứ Tờ trình số /TTr-") == 3
    assert "ngày 20/11/2023 của Ủy ban nhân dân xã" not in text


def test_an_office_number_without_its_date_is_refused_at_its_key(period, run_cli) -> None:
    folder = period()
    config = _office(folder, "number = 7")
    result = run_cli("period", "check", folder)
    assert result.code != 0
    assert f"Tệp cấu hình đợt xét {config} không hợp lệ" in result.err
    assert "dot-xet.toml › office.number: Tờ trình tổng hợp số 7 cần cả ngày ban hành" in result.err
    assert "Traceback" not in result.out + result.err


def test_an_office_number_written_whole_says_to_write_the_number_alone(period, run_cli) -> None:
    folder = period()
    config = _office(folder, 'number = "45/TTr-UBND"\ndate = 2023-12-05')
    result = run_cli("period", "check", folder)
    assert result.code != 0
    said = result.err
    assert "dot-xet.toml › office.number: ghi số của Tờ trình tổng hợp là số nguyên" in said, said
    assert "ví dụ number = 45 (hoso in “Số: 45/TTr-UBND”" in said
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('number = "45/TTr-UBND"', "number = 0"), encoding="utf-8")
    result = run_cli("period", "check", folder)
    assert "dot-xet.toml › office.number:" in result.err and "Traceback" not in result.err

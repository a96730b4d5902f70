"""The office's consolidated Tờ trình numbered: `number` (with `date`) in dot-xet.toml's [office]
prints "Số: N/TTr-…" and its date; without it both stay blank for the văn thư. The units' Tờ
trình are cited by their own number and date, or blank like the units' own papers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import council_votes, edit
from tests.doctext import normalized_text
from tests.test_period import fix_broken_unit, units
from tests.test_period_issuer import change

VI_DU = "vi-du-xa-bu-gia-map-2026"


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


@pytest.mark.parametrize("typed", ["45", '"45"', '"45/TTr-UBND"'])
def test_an_office_number_is_taken_as_a_van_thu_writes_it(period, run_cli, typed: str) -> None:
    """`number = 45`, `"45"` or the whole `"45/TTr-UBND"`: the same Tờ trình số 45."""
    folder = period()
    fix_broken_unit(folder)
    _office(folder, f"number = {typed}\ndate = 2023-12-05")
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert "office.number" not in result.out + result.err, result.out + result.err
    assert "Số: 45/TTr-UBND" in _to_trinh(folder), result.out


@pytest.mark.parametrize("typed", ["125", '"125"', '"125/QĐ-UBND"'])
def test_a_decision_number_is_taken_as_the_office_s_is(period, run_cli, typed: str) -> None:
    """[decision] number = 125 (refused before: "phải là chuỗi văn bản") or "125" is the
    Quyết định số 125/QĐ-<code>, as the whole "125/QĐ-UBND" is."""
    folder = period(VI_DU)
    change(folder, ('number = "86/QĐ-UBND"', f"number = {typed}"))
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert "decision.number" not in result.out + result.err, result.out + result.err
    (path,) = (folder / "ket-qua" / "tong-hop").glob("*/van-ban/01-quyet-dinh.docx")
    assert "Số: 125/QĐ-UBND" in normalized_text(path)


@pytest.mark.parametrize(
    ("table", "typed", "said"),
    [
        (
            "office",
            '"45/TTr-VP"',
            "office.number: “45/TTr-VP” có ký hiệu “TTr-VP”, mà Tờ trình tổng hợp in ký hiệu "
            "“TTr-UBND” theo office.code; ghi number = 45 và sửa office.code nếu ký hiệu của cơ "
            "quan khác",
        ),
        (
            "office",
            "0",
            "office.number: “0” không phải số Tờ trình tổng hợp (từ 1 đến 99999); ghi số như văn "
            'thư đã cấp, ví dụ number = 45 hoặc number = "45/TTr-UBND"',
        ),
        (
            "decision",
            '"số 125"',
            "decision.number: “số 125” không phải số Quyết định (từ 1 đến 99999); ghi số như văn "
            'thư đã cấp, ví dụ number = 45 hoặc number = "45/QĐ-UBND"',
        ),
        (
            "decision",
            "true",
            "decision.number: “true” không phải số Quyết định (từ 1 đến 99999); ghi số như văn "
            'thư đã cấp, ví dụ number = 45 hoặc number = "45/QĐ-UBND"',
        ),
    ],
)
def test_a_number_no_office_writes_is_refused_at_its_key(
    period, run_cli, table: str, typed: str, said: str
) -> None:
    folder = period(VI_DU)
    if table == "office":
        _office(folder, f"number = {typed}\ndate = 2026-11-30")
    else:
        change(folder, ('number = "86/QĐ-UBND"', f"number = {typed}"))
    result = run_cli("period", "check", folder)
    assert result.code == 1 and "Traceback" not in result.err
    assert f"  dot-xet.toml › {said}\n" in result.err, result.err


def test_the_numbers_period_init_suggests_are_accepted(run_cli, tmp_path: Path) -> None:
    """What `hoso period init` writes in its comments, uncommented, is what is then accepted."""
    folder = tmp_path / "dot-xet"
    assert run_cli("period", "init", folder, "--plan", VI_DU, "--example").code == 0
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    office = next(line for line in text.splitlines() if line.startswith("# number = 45"))
    assert '(hoặc "45/TTr-UBND";' in office
    decision = next(line for line in text.splitlines() if line.startswith("number = "))
    assert decision.endswith('# ví dụ 125 hoặc "125/QĐ-UBND"')
    for office_number, decision_number in (("45", "125"), ('"45/TTr-UBND"', '"125/QĐ-UBND"')):
        config.write_text(
            text.replace(office, f"number = {office_number}\ndate = 2026-11-30").replace(
                decision, f"number = {decision_number}"
            ),
            encoding="utf-8",
        )
        result = run_cli("period", "check", folder)
        assert "không hợp lệ" not in result.err and ".number" not in result.out, result.err

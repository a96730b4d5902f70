"""The office records each unit's Tờ trình as received (number with the unit's symbol and date, in
the unit's [[units]] entry of dot-xet.toml): the office's Tờ trình cites it so, else by the
workbook's own number; the two disagreeing is said naming both places; a wrong entry is refused
at its key."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit
from tests.doctext import normalized_text
from tests.test_period import fix_broken_unit, units

OFFICE = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập"  # units[1]
WARD = "Ủy ban nhân dân xã Phú Nghĩa"  # units[2]


def recorded(folder: Path, unit: str, lines: str) -> Path:
    """Add lines to a unit's [[units]] table of dot-xet.toml."""
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    named = f'name = "{unit}"\n'
    assert named in text
    config.write_text(text.replace(named, named + lines, 1), encoding="utf-8")
    return config


def _numbered(path: Path, number: int) -> None:
    """The unit's workbook gives its Tờ trình a number."""
    with edit(path) as wb:
        ws = wb["Thông tin chung"]
        row = next(c.row for c in ws["A"] if c.value == "Số tờ trình")
        ws.cell(row, 2).value = number


def _to_trinh(folder: Path) -> str:
    (path,) = (folder / "ket-qua" / "tong-hop").glob("*/van-ban/01-to-trinh.docx")
    return normalized_text(path)


def test_the_office_cites_a_unit_by_the_number_and_date_it_recorded(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    recorded(folder, WARD, 'to_trinh = "15/TTr-UBND"\nto_trinh_date = 2023-11-21\n')
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    text = _to_trinh(folder)
    assert f"Căn cứ Tờ trình số 15/TTr-UBND ngày 21/11/2023 của {WARD};" in text, result.out
    # The units the office recorded nothing for (and whose workbook has no number): blank.
    assert text.count("Căn cứ Tờ trình số /TTr-") == 3


def test_the_office_record_wins_over_the_workbook_and_the_difference_is_said(
    period, run_cli
) -> None:
    folder = period()
    fix_broken_unit(folder)
    _numbered(units(folder)[1], 13)
    config = recorded(folder, OFFICE, 'to_trinh = "12/TTr-VP"\nto_trinh_date = 2023-11-20\n')
    result = run_cli("period", "check", folder)
    said = " ".join(result.out.split())
    assert (
        "02-van-phong-hoi-dong-nhan-dan-va-uy-ban-nh.xlsx › Thông tin chung!B" in said
        and "Tờ trình trong tệp (số 13/TTr-" in said
        and "khác Tờ trình cơ quan đã ghi khi nhận hồ sơ (dot-xet.toml › đơn vị thứ 2 trong "
        f"[[units]] (“{OFFICE}”): "
        "to_trinh = “12/TTr-VP”, to_trinh_date = 20/11/2023)"
        in said
    ), result.out
    run_cli("period", "build", "--no-pdf", "-q", folder)
    assert f"Căn cứ Tờ trình số 12/TTr-VP ngày 20/11/2023 của {OFFICE};" in _to_trinh(folder)
    # The same Tờ trình written both places (zeros, case aside): nothing to say.
    text = config.read_text(encoding="utf-8").replace("12/TTr-VP", "13/ttr-VP")
    config.write_text(text, encoding="utf-8")
    with edit(units(folder)[1]) as wb:
        ws = wb["Thông tin chung"]
        code = next(c.row for c in ws["A"] if c.value == "Ký hiệu cơ quan")
        ws.cell(code, 2).value = "VP"
    assert "khác Tờ trình cơ quan đã ghi" not in run_cli("period", "check", folder).out


def test_without_a_record_the_workbook_number_is_cited(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    _numbered(units(folder)[1], 12)
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert "khác Tờ trình cơ quan đã ghi" not in result.out
    text = _to_trinh(folder)
    assert "Căn cứ Tờ trình số 12/TTr-" in text and f"ngày 20/11/2023 của {OFFICE};" in text


def test_a_wrong_record_is_refused_at_its_key(period, run_cli) -> None:
    folder = period()
    config = recorded(folder, WARD, 'to_trinh = "15"\nto_trinh_date = 2023-11-21\n')
    result = run_cli("period", "check", folder)
    assert result.code != 0 and "Traceback" not in result.out + result.err
    assert (
        f"dot-xet.toml › đơn vị thứ 3 trong [[units]] (“{WARD}”), khóa to_trinh: “15” không phải "
        "số Tờ trình; ghi cả số và ký hiệu "
        'như trên Tờ trình của đơn vị, ví dụ to_trinh = "12/TTr-UBND"' in result.err
    ), result.err
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("to_trinh_date = 2023-11-21\n", ""), encoding="utf-8")
    config.write_text(
        config.read_text(encoding="utf-8").replace('"15"', '"15/TTr-UBND"'), encoding="utf-8"
    )
    result = run_cli("period", "check", folder)
    assert (
        f"dot-xet.toml › đơn vị thứ 3 trong [[units]] (“{WARD}”), khóa to_trinh_date: Tờ trình số "
        "15/TTr-UBND cần cả ngày" in result.err
    ), result.err
    config.write_text(text.replace('to_trinh = "15"\n', ""), encoding="utf-8")
    result = run_cli("period", "check", folder)
    assert (
        f"dot-xet.toml › đơn vị thứ 3 trong [[units]] (“{WARD}”), khóa to_trinh: Tờ trình ngày "
        "21/11/2023 cần cả số" in result.err
    ), result.err


def test_period_init_explains_the_keys_and_its_example_reads(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "dot"
    run_cli("period", "init", folder, "--plan", "bu-gia-map-cds-2022-2025", "--example")
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    said = " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    assert (
        "to_trinh, to_trinh_date: số (cả ký hiệu) và ngày Tờ trình của đơn vị như sổ công văn đến "
        'ghi khi nhận, ví dụ to_trinh = "12/TTr-UBND" và to_trinh_date = 2023-11-20' in said
    )
    recorded(folder, WARD, 'to_trinh = "12/TTr-UBND"\nto_trinh_date = 2023-11-20\n')
    assert "không hợp lệ" not in run_cli("period", "check", folder).err


def test_an_office_date_before_a_recorded_to_trinh_is_refused(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    config = recorded(folder, WARD, 'to_trinh = "15/TTr-UBND"\nto_trinh_date = 2023-12-01\n')
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[office]", "[office]\ndate = 2023-11-30", 1), encoding="utf-8")
    result = run_cli("period", "check", folder)
    assert (
        "dot-xet.toml › office.date: ngày Tờ trình tổng hợp (30/11/2023) trước ngày Tờ trình "
        f"của {WARD} (01/12/2023)" in " ".join(result.out.split())
    ), result.out


def test_the_office_council_meets_after_the_to_trinh_as_recorded(period, run_cli) -> None:
    import datetime as dt

    import openpyxl

    folder = period()
    fix_broken_unit(folder)
    met = openpyxl.load_workbook(folder / "hoi-dong.xlsx")["Hội đồng"]["B2"].value.date()
    late = met + dt.timedelta(days=2)
    config = recorded(folder, WARD, f'to_trinh = "15/TTr-UBND"\nto_trinh_date = {late}\n')
    result = run_cli("period", "check", folder)
    assert (
        f"hoi-dong.xlsx › Hội đồng!B2: ngày họp Hội đồng ({met:%d/%m/%Y}) trước ngày Tờ trình "
        f"của {WARD} ({late:%d/%m/%Y}, theo to_trinh_date trong dot-xet.toml)"
        in " ".join(result.out.split())
    ), result.out
    # Recorded before the meeting: the workbook's own later date is not the one the office cites.
    text = config.read_text(encoding="utf-8").replace(f"{late}", f"{met}")
    config.write_text(text, encoding="utf-8")
    with edit(units(folder)[2]) as wb:
        ws = wb["Thông tin chung"]
        row = next(c.row for c in ws["A"] if c.value == "Ngày tờ trình")
        ws.cell(row, 2).value = dt.datetime.combine(late, dt.time())
    assert "ngày họp Hội đồng" not in run_cli("period", "check", folder).out
    # Nothing recorded: the workbook's date is the Tờ trình's, and said without the key.
    config.write_text(
        text.replace(f"to_trinh_date = {met}\n", "").replace('to_trinh = "15/TTr-UBND"\n', ""),
        encoding="utf-8",
    )
    said = " ".join(run_cli("period", "check", folder).out.split())
    assert (
        f"Hội đồng!B2: ngày họp Hội đồng ({met:%d/%m/%Y}) trước ngày Tờ trình của {WARD} "
        f"({late:%d/%m/%Y}): Hội đồng xét hồ sơ các đơn vị đã gửi; hãy ghi đúng ngày họp, hoặc "
        "sửa ngày Tờ trình đã ghi sai." in said
    ), said

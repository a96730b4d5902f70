"""What the office head reads on the terminal at each step: what `period init --example` wrote
and what comes next, which units have no count to show, and which units the office's documents
leave out."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.conftest import edit

VI_DU = "vi-du-xa-bu-gia-map-2026"
MK = "muong-khuong-cds-2022-2025"


def test_init_example_says_the_example_units_and_council_and_the_steps(run_cli, tmp_path) -> None:
    folder = tmp_path / "dot-xet"
    said = run_cli("period", "init", folder, "--plan", VI_DU, "--example").out
    assert f"{folder}/don-vi/: tệp Excel ví dụ (hư cấu) của 4 đơn vị; 1 đơn vị trong danh " in said
    assert "đặt tệp Excel của các đơn vị vào đây" not in said  # they are there already
    assert f"{folder}/hoi-dong.xlsx: Hội đồng của cơ quan (ví dụ), đã biểu quyết." in said
    assert f"hoso period council {folder} (khi đơn vị nộp thêm hay sửa tệp" in said
    # The office decides its Giấy khen: aligning the stock is a step of its own.
    assert said.rstrip().endswith(
        f"→ hoso period certificates {folder} --test-page (trang in thử để căn chỉnh phôi trước "
        "khi in Giấy khen của Chủ tịch Ủy ban nhân dân xã Bù Gia Mập)."
    )


def test_init_of_an_empty_period_says_where_the_files_go(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "dot-xet"
    said = run_cli("period", "init", folder, "--plan", MK).out
    assert f"{folder}/don-vi/: đặt tệp Excel của các đơn vị vào đây." in said
    assert "hoi-dong.xlsx" not in said and "certificates" not in said  # no council, no stock


def table_row(said: str, unit: str) -> list[str]:
    """The cells of a unit's line in the status table."""
    line = next(line for line in said.splitlines() if line.startswith(unit + "  "))
    return line[len(unit) :].split()


def test_units_that_sent_nothing_or_a_broken_workbook_show_no_counts(period, run_cli) -> None:
    """Their proposals are not known: "–", where 0 would say they propose no one."""
    said = run_cli("period", "check", period(VI_DU)).out
    assert table_row(said, "Phòng Kinh tế xã Bù Gia Mập") == ["có", "lỗi", "–", "–", "1", "5"]
    assert table_row(said, "Trường Trung học cơ sở Bù Gia Mập") == [
        "chưa",
        "nộp",
        "–",
        "–",
        "0",
        "0",
    ]
    assert table_row(said, "Trạm Y tế xã Bù Gia Mập") == ["hợp", "lệ", "1", "3", "0", "5"]


def test_check_ends_with_the_next_step(period, run_cli) -> None:
    """Build when only units are in error (they are left out); else fix the period first."""
    folder = period(VI_DU)
    said = run_cli("period", "check", folder).out.rstrip()
    assert said.endswith(
        f"Tiếp theo: hoso period build {folder} (hồ sơ của các đơn vị hợp lệ và văn bản của cơ "
        "quan); 1 đơn vị có lỗi chưa được tính cho đến khi sửa xong tệp."
    )
    (first, *_, last) = sorted((folder / "don-vi").glob("*.xlsx"))
    with edit(last) as book, edit(first) as source:  # one person proposed by two units
        for column in range(1, source["Cá nhân"].max_column + 1):
            book["Cá nhân"].cell(2, column).value = source["Cá nhân"].cell(2, column).value
    said = run_cli("period", "check", folder).out.rstrip()
    assert said.endswith(
        "Tiếp theo: sửa các lỗi của cả đợt (✗ Cả đợt ở trên) rồi chạy lại “hoso period check "
        f"{folder}”; văn bản của cơ quan chỉ được tạo khi cả đợt hết lỗi."
    )


def test_build_names_the_units_left_out_of_the_offices_documents(period, run_cli) -> None:
    said = run_cli("period", "build", "--no-pdf", "-q", period(VI_DU)).out
    assert (
        "  Chưa có hồ sơ, nên chưa có trong văn bản của cơ quan: Phòng Kinh tế xã Bù Gia Mập "
        "(có lỗi); Trường Trung học cơ sở Bù Gia Mập (chưa nộp)."
    ) in said


@pytest.mark.libreoffice
def test_certificates_with_a_blank_decision_number_are_said_not_to_print(period, run_cli) -> None:
    """Printed stock is costly: the ⚠ stands beside the files written, not only among warnings."""
    folder = period(VI_DU)
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8").replace('number = "86/QĐ-UBND"', 'number = ""')
    config.write_text(text.replace("\ndate = 2026-12-10", "\n# date = 2026-12-10"), "utf-8")
    said = run_cli("period", "build", "-q", folder).out.splitlines()
    stock = folder / "ket-qua" / "tong-hop" / "phoi" / "giay-khen-xa" / "giay-khen.pdf"
    assert said.index(f"Đã ghi {stock}") < said.index(
        "⚠ Giấy khen trong phoi/ còn để trống số, ngày Quyết định: chưa in lên "
        "phôi; ghi number, date của [decision] trong dot-xet.toml rồi tạo lại."
    )
    # The office issues its own decision once signed: nothing to package for a superior.
    office = folder / "ket-qua" / "tong-hop" / "giay-khen-xa"
    assert said[said.index("Tiếp theo:") + 1].startswith(
        f"  → ký số 3 văn bản chưa ký trong {office / 'van-ban'}/: hoso sign TỆP_PDF"
    )
    assert not any("hoso package" in line for line in said)


@pytest.mark.libreoffice
def test_build_ends_with_signing_the_offices_documents_then_packaging_them(period, run_cli) -> None:
    folder = period()
    said = run_cli("period", "build", "-q", folder).out
    office = folder / "ket-qua" / "tong-hop" / "bang-khen-tinh"
    assert said.rstrip().endswith(
        "Tiếp theo:\n"
        f"  → ký số 3 văn bản chưa ký trong {office / 'van-ban'}/: hoso sign TỆP_PDF -o "
        "TỆP_ĐÃ_KÝ --pkcs11 TỆP_THƯ_VIỆN (token) hoặc --p12 TỆP (người ký ký trước, rồi cơ quan "
        "đóng dấu: thêm --role co-quan; danh sách kèm theo: thêm --role dinh-kem), rồi hoso "
        f"signed add {office} TỆP_ĐÃ_KÝ...\n"
        f"  → đóng gói để nộp lên cấp trên: hoso package {office}"
    ), said
    # Without PDFs there is nothing to sign yet.
    plain = run_cli("period", "build", "--no-pdf", "-q", "-o", folder / "khong-pdf", folder)
    assert "Tiếp theo:" not in plain.out


def test_a_unit_late_by_its_files_date_is_told_how_to_record_the_real_one(period, run_cli) -> None:
    """A file saved from an email after the deadline looks late: the warning says the date is
    the file's and how to write down the day it came; a recorded date needs no such words."""
    folder = period(VI_DU)
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("received = 2026-11-22\n", "", 1), "utf-8")
    (first,) = (folder / "don-vi").glob("01-*.xlsx")
    saved = dt.datetime(2026, 11, 27, 9, 0).timestamp()  # two days after the deadline
    os.utime(first, (saved, saved))
    said = run_cli("period", "check", folder).out
    assert (
        f"{first}: nộp ngày 27/11/2026, trễ 2 ngày so với hạn "
        f"25/11/2026. Đó là ngày của tệp: {config} chưa ghi ngày nhận. "
        "Nếu hồ sơ đến đúng hạn, ghi ngày nhận ở mục [[units]] của “Phòng Văn hóa - Xã hội xã "
        "Bù Gia Mập”, ví dụ received = 2026-11-25."
    ) in said
    assert "trễ 3 ngày so với hạn 25/11/2026.\n" in said  # the unit whose receipt is recorded


def test_an_office_deciding_its_own_giay_khen_hears_nothing_of_the_decision_s_body(
    period, run_cli
) -> None:
    """The district decides the district's Giấy khen: its own name heads the Quyết định, nothing
    to say (a higher body's award: tests/test_period_issuer.py)."""
    folder = period()
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("decides = []", 'decides = ["giay-khen-huyen"]'), "utf-8")
    said = run_cli("period", "check", folder).out
    assert "decision.body" not in said and "decides[" not in said


def test_certificates_say_which_file_goes_on_the_stock(period, run_cli) -> None:
    """The preview has the stock's picture behind the text: printed on stock, it spoils it."""
    folder = period(VI_DU)
    done = run_cli("period", "certificates", folder)
    assert done.code == 0 and "Traceback" not in done.err, done.err
    stock = folder / "ket-qua" / "tong-hop" / "phoi" / "giay-khen-xa"
    assert done.out.splitlines() == [
        f"Đã ghi {stock / 'giay-khen.pdf'}",
        f"Đã ghi {stock / 'giay-khen-xem-truoc.pdf'}",
        "Tiếp theo: in tệp không có “-xem-truoc” trong tên (ví dụ giay-khen.pdf) lên phôi, ở đúng "
        "cỡ thật (100%, không chọn “Vừa trang”); tệp …-xem-truoc.pdf có hình phôi phía sau, chỉ để "
        "xem trước trên màn hình, không in lên phôi.",
    ]

"""What `hoso period …` says: which documents an office folder holds, a signature that no longer
applies, a wait for another build, which unit a file is, and a test page with nothing to print."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.build.progress import BUSY
from tests import pki
from tests.pki import Keys
from tests.test_period import units
from tests.workers import lock_held

VI_DU = "vi-du-xa-bu-gia-map-2026"
MK = "muong-khuong-cds-2022-2025"


def test_the_office_line_names_the_council_minutes_among_its_documents(period, run_cli) -> None:
    folder = period(VI_DU)
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    office = folder / "ket-qua" / "tong-hop" / "giay-khen-xa"
    assert (office / "van-ban" / "03-bien-ban.docx").is_file()
    assert (
        f"Văn bản của cơ quan → {office} (Quyết định, danh sách kèm theo, Biên bản Hội đồng: "
        "3 văn bản tạo mới, 0 không đổi)"
    ) in result.out


@pytest.mark.libreoffice
def test_a_signed_decision_whose_number_changed_is_said_to_need_signing_again(
    period, run_cli, keys: Keys, tmp_path: Path
) -> None:
    folder = period(VI_DU)
    office = folder / "ket-qua" / "tong-hop" / "giay-khen-xa"
    run_cli("period", "build", "-q", folder)
    signed = tmp_path / "quyet-dinh-da-ky.pdf"
    source = office / "van-ban" / "01-quyet-dinh.pdf"
    done = run_cli(
        "sign", source, "-o", signed, "--p12", keys.signer_p12, "--password", pki.PASSWORD
    )
    assert done.code == 0, done.err
    assert run_cli("signed", "add", office, signed).code == 0
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('number = "86/QĐ-UBND"', 'number = "87/QĐ-UBND"'), "utf-8")

    result = run_cli("period", "build", "-q", folder)

    assert (office / "da-ky" / "cu").is_dir()  # kept, as every signed copy is
    line = next(line for line in result.out.splitlines() if "da-ky/ không còn khớp" in line)
    assert line.startswith(f"  ⚠ {office}: 1 tệp đã ký trong da-ky/ không còn khớp")
    assert "Cần ký lại: Quyết định khen thưởng – Giấy khen" in line
    assert "không còn giá trị cho văn bản vừa tạo; hãy ký và đóng dấu lại văn bản mới." in line


def test_a_period_build_waiting_for_another_says_so_even_quiet(
    period, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.cli import period as cli_period

    folder = period(VI_DU)
    out = folder / "ket-qua"
    out.mkdir()
    said = cli_period.Waiting.busy
    with lock_held(out) as release:

        def release_when_waiting(self, text: str) -> None:
            said(self, text)
            release()  # the other build finishes while this one waits

        monkeypatch.setattr(cli_period.Waiting, "busy", release_when_waiting)
        result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.err.startswith(BUSY), result.err
    assert "đang chờ lần đó xong" in result.err
    assert (out / "tong-hop" / "giay-khen-xa" / "van-ban" / "01-quyet-dinh.docx").is_file()


def test_a_typo_in_dot_xet_toml_is_said_there_not_in_the_workbook(period, run_cli) -> None:
    folder = period(MK)
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    right, typo = "Ủy ban nhân dân xã Bản Lầu", "Uỷ ban nhân dân xã Bản Lâu"
    config.write_text(text.replace(f'name = "{right}"', f'name = "{typo}"'), encoding="utf-8")
    result = run_cli("period", "check", folder)
    first = units(folder)[0]
    assert (
        f"{first} › Thông tin chung!B6: dot-xet.toml › đơn vị thứ 1 trong [[units]] (“{typo}”), "
        f"khóa file ghi tệp này là của “{typo}”, nhưng ô Cơ quan trình khen ghi “{right}”. Văn "
        f"bản của hồ sơ dùng tên trong ô (“{right}”); tên trong dot-xet.toml chỉ dùng để nhận ra "
        f"tệp của đơn vị. Hai tên gần giống nhau, một bên gõ sai: nếu “{right}” đúng, hãy sửa "
        f"khóa name ở dot-xet.toml › đơn vị thứ 1 trong [[units]] (“{typo}”) cho giống ô; nếu "
        f"“{typo}” đúng, hãy sửa ô này."
    ) in result.out
    assert "(theo tên tệp)" not in result.out


def test_a_second_copy_of_a_units_workbook_is_said_once_naming_both(period, run_cli) -> None:
    folder = period(MK)
    own = units(folder)[1]
    copy = own.with_name(f"{own.stem} (1).xlsx")
    shutil.copy(own, copy)
    result = run_cli("period", "check", folder)
    unit = "Ủy ban nhân dân thị trấn Mường Khương"
    assert (
        f"{copy} › Thông tin chung!B6: tệp này và {own} đều là hồ sơ của “{unit}” (hai tệp giống "
        "hệt nhau): mỗi đơn vị chỉ nộp một tệp. Hãy giữ một tệp (bản đúng, mới nhất) và xóa hay "
        "chuyển tệp kia ra khỏi don-vi/, rồi kiểm tra lại; tệp này chưa được tính vào đợt xét."
    ) in result.out
    assert result.out.count("đều là hồ sơ của") == 1
    assert "cũng được" not in result.out  # its people are not "proposed by two units"
    assert "có phải là" not in result.out and "không có trong danh sách" not in result.out
    assert result.code == 1
    build = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert "Văn bản của cơ quan: chưa tạo vì cả đợt còn lỗi (xem trên)." in build.out
    assert not (folder / "ket-qua" / "don-vi" / copy.stem).exists()


def test_no_test_page_for_a_period_that_decides_nothing(period, run_cli) -> None:
    folder = period()  # Bù Gia Mập: decides = [], everything goes up to the province
    result = run_cli("period", "certificates", "--test-page", folder)
    assert result.code != 0
    assert f"{folder / 'dot-xet.toml'}: khóa decides trống" in result.err
    assert "cũng không cần trang in thử" in result.err
    assert not (folder / "can-chinh-phoi").exists()
    assert not list(folder.rglob("can-chinh-*.pdf"))

"""`hoso verify` as the receiving office uses it: a unit's package (ZIP) or a folder of signed
files checked whole, each PDF in it said with its own verdict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests import pki
from tests.conftest import batch_of
from tests.pki import SIGNER, Keys

pytestmark = pytest.mark.libreoffice


@pytest.fixture
def folder(bgm_copy: Path) -> Path:
    """The built Bù Gia Mập example's output folder, this test's own copy."""
    return bgm_copy


def test_a_package_sent_up_is_verified_file_by_file_in_its_order(
    run_cli, keys: Keys, folder: Path, tmp_path: Path
) -> None:
    batch = batch_of(folder)
    signed = tmp_path / "to-trinh-da-ky.pdf"
    source = batch / "van-ban" / "01-to-trinh.pdf"
    done = run_cli(
        "sign", source, "-o", signed, "--p12", keys.signer_p12, "--password", pki.PASSWORD
    )
    assert done.code == 0, done.out + done.err
    assert run_cli("signed", "add", folder, signed).code == 0
    packaged = run_cli("package", folder)
    assert packaged.code == 0, packaged.err
    package = sorted((batch / "goi-nop").glob("0*.zip"))[0]
    own = next(line for line in packaged.out.splitlines() if str(package) in line)
    assert own.startswith(f"⚠ {package}: 4 văn bản; 3 chưa ký: 02-danh-sach.pdf, 03-bien-ban.pdf")
    whole = next(line for line in packaged.out.splitlines() if "ho-so-tong-hop.zip" in line)
    assert " văn bản khác" in whole  # the batch's many unsigned: three named, the rest counted
    assert (
        f"ký các văn bản đó, nhận lại bằng “hoso signed add {folder} TỆP_ĐÃ_KÝ...”, rồi chạy "
        f"lại “hoso package {folder}”."
    ) in packaged.out

    result = run_cli("verify", package, "--trust", keys.trust)

    assert result.code == 1  # the package still holds unsigned documents
    lines = result.out.splitlines()
    assert lines[0] == f"✓ {package}/01-to-trinh.pdf: 1 chữ ký"
    assert lines[1].strip().startswith(f"1. {SIGNER} (")
    assert lines[2].strip().startswith("hợp lệ: nội dung còn nguyên")
    assert f"✗ {package}/02-danh-sach.pdf: không có chữ ký số" in lines
    assert "không phải tệp PDF" not in result.out

    shelf = tmp_path / "nhan-ve"
    shelf.mkdir()
    shutil.copy(signed, shelf / "to-trinh.pdf")
    (shelf / "ghi-chu.txt").write_text("đã nhận", encoding="utf-8")
    alone = run_cli("verify", shelf, "--trust", keys.trust)

    assert alone.code == 0, alone.out
    assert alone.out.splitlines()[0] == f"✓ {shelf / 'to-trinh.pdf'}: 1 chữ ký"
    assert "1 tệp, không có vấn đề." in alone.out

    shutil.copy(package, shelf / package.name)  # the packages received, saved together
    both = run_cli("verify", shelf, "--trust", keys.trust)

    assert both.code == 1  # the package's unsigned documents
    assert f"✓ {shelf / package.name}/01-to-trinh.pdf: 1 chữ ký" in both.out.splitlines()


def test_a_broken_zip_or_a_folder_without_pdfs_is_said_for_what_it_is(
    run_cli, tmp_path: Path
) -> None:
    broken = tmp_path / "goi-nop.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    empty = tmp_path / "trong"
    empty.mkdir()

    result = run_cli("verify", broken, empty)

    assert result.code == 1
    assert f"✗ {broken}: tệp ZIP hỏng hoặc không mở được" in result.out
    assert f"✗ {empty}: thư mục không có tệp PDF hay ZIP nào" in result.out
    assert "Traceback" not in result.out + result.err


def test_without_a_trust_folder_an_intact_file_is_not_said_to_be_without_problems(
    run_cli, keys: Keys, folder: Path, tmp_path: Path
) -> None:
    batch = batch_of(folder)
    forged = tmp_path / "la.pdf"  # a certificate in the signer's name from a CA nobody trusts
    source = batch / "van-ban" / "01-to-trinh.pdf"
    done = run_cli(
        "sign", source, "-o", forged, "--p12", keys.stranger_p12, "--password", pki.PASSWORD
    )
    assert done.code == 0, done.out + done.err

    result = run_cli("verify", forged)

    assert result.code == 0  # nothing broken that can be told without roots
    assert "không có vấn đề" not in result.out
    assert result.out.rstrip().endswith(
        "1 tệp, nội dung đã ký còn nguyên, nhưng CHƯA xác minh người ký: ai cũng tự tạo được "
        "chứng thư số mang tên bất kỳ. Hãy kiểm tra lại với --trust THƯ_MỤC."
    )
    trusted = run_cli("verify", forged, "--trust", keys.trust)
    assert trusted.code == 1 and "KHÔNG TIN CẬY" in trusted.out

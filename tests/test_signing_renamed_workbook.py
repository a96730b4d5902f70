"""A workbook renamed after its documents were signed: the build makes a new folder under the new
name, and says once where the old folder's signed copies are (never deleting them) and how to
take them back for the new folder; once taken back, it says nothing more."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests import pki
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"


def test_a_renamed_workbook_is_told_where_its_signed_copies_stayed(
    run_cli, keys: Keys, bgm_output: Path, example, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(bgm_output, out, symlinks=True)
    old = out / BGM  # built from bu-gia-map-cds-2022-2025.xlsx
    signed = tmp_path / "to-trinh-da-ky.pdf"
    done = run_cli(
        "sign", old / "van-ban" / "01-to-trinh.pdf", "-o", signed,
        "--p12", keys.signer_p12, "--password", pki.PASSWORD,
    )  # fmt: skip
    assert done.code == 0, done.out + done.err
    assert run_cli("signed", "add", old, signed).code == 0
    kept = old / "da-ky" / "van-ban" / "01-to-trinh.pdf"
    renamed = example(BGM, "de-nghi.xlsx")  # the same workbook under its new name

    built = run_cli("build", renamed, "-o", out)

    assert built.code == 0, built.out + built.err
    warnings = [line for line in built.out.splitlines() if line.startswith(f"⚠ {old}:")]
    assert warnings == [
        f"⚠ {old}: thư mục kết quả cũ của bảng tính {BGM}.xlsx, không còn thấy bảng tính này "
        "cạnh các bảng tính vừa tạo (đã đổi tên hay chuyển đi?), vẫn giữ 1 bản đã ký (Tờ trình) "
        f"trong {old}/da-ky/. hoso không xóa và không tự chuyển các bản này sang hồ sơ mới. Nếu "
        "hồ sơ mới vẫn là các văn bản đó, nhận lại bản đã ký cho hồ sơ mới: hoso signed add "
        f"{out / 'de-nghi'} {kept}"
    ]
    assert kept.read_bytes() == signed.read_bytes()  # never deleted nor changed

    taken = run_cli("signed", "add", out / "de-nghi", kept)
    assert taken.code == 0 and "→ de-nghi/da-ky/van-ban/01-to-trinh.pdf" in taken.out, taken.out
    again = run_cli("build", renamed, "-o", out)
    assert again.code == 0 and f"⚠ {old}:" not in again.out, again.out
    assert kept.is_file()

"""`hoso signed add` into the old folder of a workbook renamed since: the files are taken (nothing
is refused or moved), and the command says once, for the folder, that the build now makes the
dossier in the new folder and how to take them back there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import pki
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"


def _sign(run_cli, keys: Keys, source: Path, target: Path, *role: str) -> Path:
    done = run_cli(
        "sign", source, "-o", target, "--p12", keys.unit_p12 if role else keys.signer_p12,
        "--password", pki.PASSWORD, *role,
    )  # fmt: skip
    assert done.code == 0, done.out + done.err
    return target


def test_signed_files_taken_into_a_renamed_workbooks_old_folder_are_said_once(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    workbook = example(BGM, "ho-so-cu.xlsx")
    assert run_cli("build", workbook, "-o", out).code == 0
    old, new = out / "ho-so-cu", out / "de-nghi"
    signed = [
        _sign(run_cli, keys, old / "van-ban" / "01-to-trinh.pdf", tmp_path / "to-trinh.pdf"),
        _sign(
            run_cli, keys, old / "van-ban" / "02-danh-sach.pdf", tmp_path / "danh-sach.pdf",
            "--role", "dinh-kem",
        ),
    ]  # fmt: skip
    renamed = workbook.rename(tmp_path / "de-nghi.xlsx")
    built = run_cli("build", renamed, "-o", out)
    assert built.code == 0, built.out + built.err

    taken = run_cli("signed", "add", old, *signed)

    assert taken.code == 0, taken.out + taken.err
    kept = [old / "da-ky" / "van-ban" / name for name in ("01-to-trinh.pdf", "02-danh-sach.pdf")]
    assert [p.read_bytes() for p in kept] == [p.read_bytes() for p in signed]
    warnings = [line for line in taken.out.splitlines() if line.startswith("⚠")]
    assert warnings == [
        f"⚠ {old}: thư mục kết quả cũ của bảng tính ho-so-cu.xlsx, bảng tính này không còn ở "
        f"{tmp_path / 'ho-so-cu.xlsx'} (đã đổi tên hay chuyển đi?). 2 bản đã ký vừa nhận (Tờ "
        f"trình, Danh sách kèm theo Tờ trình) nằm trong {old}/da-ky/, nhưng hoso build nay tạo "
        f"hồ sơ của bảng tính de-nghi.xlsx trong {new}, không dùng các bản này. Nếu hồ sơ mới "
        f"vẫn là các văn bản đó, nhận lại bản đã ký cho hồ sơ mới: hoso signed add {new} "
        f"{kept[0]} {kept[1]}"
    ]
    # Taken back for the new folder, whose workbook is where it was built from: nothing to say.
    again = run_cli("signed", "add", new, *kept)
    assert again.code == 0 and "⚠" not in again.out, again.out
    assert "→ de-nghi/da-ky/van-ban/01-to-trinh.pdf" in again.out
